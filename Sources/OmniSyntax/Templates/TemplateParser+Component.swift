import OmniBase

// component-block := "{{#component" string { hash-argument } "}}" "{{/component}}"

extension TemplateParser {
    /// After `{{#component`: the component's name in quotes, then its props as `key=value`.
    mutating func openComponent() {
        let id = ids.next()
        let open = tag.span
        requireTextContext("`{{#component}}`")
        var name = Identifier("", span: missingSpan.startPoint)
        if let t = peek, t.kind == .string {
            ti += 1
            let inner = t.span.length >= 2 ? span(Int(t.span.start) + 1, Int(t.span.end) - 1) : t.span
            name = Identifier(t.text, span: inner)
            if !Self.isComponentName(t.text) {
                var d = Diagnostic(.error, "E0729", "`\(t.text)` is not a valid component name", at: t.span,
                                   label: "component names start with an upper-case letter and contain only letters, digits and `_`")
                let fixed = Self.pascalCase(t.text)
                if !fixed.isEmpty, fixed != t.text { d = d.helping("did you mean `\(fixed)`?").fixing(.replace(inner, with: fixed, "use `\(fixed)`")) }
                diagnostics.add(d)
            }
        } else if let t = peek, t.kind == .identifier, peek(1)?.kind != .equals {
            ti += 1
            name = Identifier(t.text, span: t.span)
            diagnostics.add(Diagnostic(.error, "E0729", "the component name is written in quotes", at: t.span, label: "expected `\"\(t.text)\"`")
                .fixing(.replace(t.span, with: "\"\(t.text)\"", "quote it")))
        } else {
            diagnostics.add(Diagnostic(.error, "E0729", "`{{#component}}` needs the component's name", at: open, label: "no name given")
                .helping("write `{{#component \"Counter\" label=\"Clicks\"}}{{/component}}`"))
        }
        let args = parseHashArguments { value in
            Diagnostic(.error, "E0712", "component props are passed by name", at: value.span, label: "expected `prop=value`")
                .helping("write `name=value` for each prop, e.g. `label=\"Clicks\"`")
        }
        push(TemplateFrame(payload: .component(name: name, arguments: args), name: "component", openTag: open, id: id, condition: nil))
    }

    /// A component block holds nothing but whitespace and comments.
    mutating func checkComponentContent(_ frame: inout TemplateFrame) {
        let content = frame.items.filter { item in
            switch item.kind {
            case .comment: false
            case .text(let t): !t.allSatisfy(\.isWhitespace)
            default: true
            }
        }
        guard let first = content.first, let last = content.last else { return }
        diagnostics.add(Diagnostic(.error, "E0729", "`{{#component}}` takes no content", at: first.span.merged(with: last.span),
                                   label: "this would be ignored")
            .labeled(frame.openTag, "the component is rendered from its props")
            .helping("pass values as props, e.g. `{{#component \"Card\" title=post.title}}{{/component}}`"))
    }

    static func isComponentName(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        return !scalars.isEmpty && scalars[0].properties.isUppercase
            && scalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func pascalCase(_ s: String) -> String {
        s.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
            .drop(while: { $0.isNumber })
            .description
    }
}
