import OmniBase

// if-block     := "{{#if" condition "}}" template { "{{else if" condition "}}" template }
//                 [ "{{else}}" template ] "{{/if}}"
// unless-block := "{{#unless" condition "}}" template [ "{{else}}" template ] "{{/unless}}"
// condition    := expression

extension TemplateParser {
    /// After `{{#if` or `{{#unless`.
    mutating func openConditional(unless: Bool) {
        let name = unless ? "unless" : "if"
        let id = ids.next()
        let condition = parseCondition(header: "{{#\(name)}}")
        push(TemplateFrame(payload: .conditional(unless: unless), name: name, openTag: tag.span, id: id, condition: condition))
    }

    /// The one expression of a block header. A helper call without parentheses
    /// (`{{#if eq a b}}`) is reported with a fix-it adding them.
    mutating func parseCondition(header: String) -> TemplateExpr {
        let keyword = header.hasPrefix("{{#") ? "#" + header.dropFirst(3).dropLast(2) : "else if"
        guard let first = peek else {
            let s = missingSpan
            diagnostics.add(Diagnostic(.error, "E0717", "`\(header)` needs a condition", at: tag.span, label: "no condition given")
                .helping("write `{{\(keyword) user.isAdmin}}` or `{{\(keyword) (eq status \"open\")}}`"))
            return errorExpr(s)
        }
        if Self.isHelper(first), !(peek(1)?.kind == .dot && peek(1)?.spaceBefore == false) {
            let call = parseHelperCall(nameToken: first, open: nil, depth: 0)
            diagnostics.add(Diagnostic(.error, "E0717", "a helper call in a block header is written in parentheses", at: call.span,
                                       label: "write `(\(file.text(call.span)))`")
                .fixing(FixIt("wrap it in parentheses", edits: [TextEdit(span: call.span.startPoint, replacement: "("),
                                                                TextEdit(span: call.span.endPoint, replacement: ")")])))
            expectEnd(what: "`}}`")
            return call
        }
        let condition = parseExpression(depth: 0)
        if ti < toks.count {
            let extra = toks[ti]
            let rest = span(Int(extra.span.start), Int(toks[toks.count - 1].span.end))
            var d = Diagnostic(.error, "E0717", "`\(header)` takes one condition", at: rest, label: "unexpected after the condition")
            if extra.kind == .identifier, extra.text == "as" {
                d = d.helping("only `{{#each}}` has block parameters (`as |item|`)")
            } else {
                d = d.helping("combine conditions with a helper: `(and a b)`, `(or a b)`, `(eq a b)`")
            }
            diagnostics.add(d)
            ti = toks.count
        }
        return condition
    }
}
