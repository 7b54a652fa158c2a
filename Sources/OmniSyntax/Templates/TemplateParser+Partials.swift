import OmniBase

// partial      := "{{>" partial-name { hash-argument } "}}"
// partial-name := [ segment { "/" } ] "_" segment-rest        (* users/_row → templates/users/_row.html *)

extension TemplateParser {
    /// After `{{>`.
    mutating func parsePartial() {
        ti = 1
        requireTextContext("a partial")
        let name = parsePartialName()
        let source = file
        let args = parseHashArguments { value in
            var d = Diagnostic(.error, "E0712", "partial arguments are passed by name", at: value.span, label: "expected `name=value`")
                .note("a partial sees only the arguments it is given, by name")
            if case .path(let p) = value.kind, !p.isThis, let last = p.segments.last {
                let text = source.text(value.span)
                d = d.helping("write `\(last.name)=\(text)`")
                    .fixing(.replace(value.span, with: "\(last.name)=\(text)", "pass it as `\(last.name)`"))
            } else {
                d = d.helping("write `name=value`")
            }
            return d
        }
        append(TemplateItem(id: ids.next(), kind: .partial(TemplatePartial(name: name, arguments: args, context: html.context)),
                            span: tag.span))
    }

    /// The name: the tokens after `>` up to the first space. Reports E0711 when malformed.
    mutating func parsePartialName() -> Identifier {
        let example = "write `{{> users/_row user=user}}` for templates/users/_row.html"
        guard let first = peek, first.kind != .equals, first.kind != .leftParen, !(first.kind == .identifier && peek(1)?.kind == .equals && peek(1)?.spaceBefore == false) else {
            diagnostics.add(Diagnostic(.error, "E0711", "expected a partial name after `{{>`", at: missingSpan, label: "expected a name here")
                .helping(example))
            if peek?.kind == .leftParen { ti += 1; skipToParen() }
            return Identifier("", span: missingSpan.startPoint)
        }
        var last = first
        ti += 1
        while let t = peek, !t.spaceBefore, t.kind != .equals { last = t; ti += 1 }
        let whole = first.span.merged(with: last.span)
        if first.kind == .string, first.span == whole {
            let inner = Self.trimmedQuotes(whole, in: file)
            diagnostics.add(Diagnostic(.error, "E0711", "partial names are written without quotes", at: whole, label: "remove the quotes")
                .fixing(.replace(whole, with: first.text, "remove the quotes")))
            return Identifier(first.text, span: inner)
        }
        let text = file.text(whole)
        func bad(_ message: String, _ label: String, fix: FixIt? = nil) {
            var d = Diagnostic(.error, "E0711", message, at: whole, label: label).helping(example)
            if let fix { d = d.fixing(fix) }
            diagnostics.add(d)
        }
        if text.hasPrefix("/") || text.hasPrefix("templates/") {
            let fixed = text.hasPrefix("/") ? String(text.drop(while: { $0 == "/" })) : String(text.dropFirst("templates/".count))
            bad("partial names are relative to `templates/`", "write `\(fixed)`", fix: .replace(whole, with: fixed, "use `\(fixed)`"))
        } else if text.hasSuffix(".html") {
            let fixed = String(text.dropLast(5))
            bad("partial names are written without `.html`", "write `\(fixed)`", fix: .replace(whole, with: fixed, "use `\(fixed)`"))
        } else if !Self.isPathName(text) {
            bad("`\(text)` is not a valid partial name", "partial names are paths of letters, digits, `_` and `-`, such as `users/_row`")
        } else if let lastSegment = text.split(separator: "/").last, !lastSegment.hasPrefix("_") {
            let fixed = text.split(separator: "/").dropLast().map(String.init) + ["_" + lastSegment]
            let fixedText = fixed.joined(separator: "/")
            diagnostics.add(Diagnostic(.error, "E0711", "partial file names start with `_`", at: whole,
                                       label: "this names templates/\(text).html, which is not a partial")
                .note("partials are the files named `_x.html`; pages and layouts cannot be included")
                .helping("did you mean `\(fixedText)`?")
                .fixing(.replace(whole, with: fixedText, "use `\(fixedText)`")))
        }
        return Identifier(text, span: whole)
    }

    /// `users/_row`, `admin/user-card/_x`: non-empty segments of `[A-Za-z0-9_-]`.
    static func isPathName(_ text: String) -> Bool {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        return !segments.isEmpty && segments.allSatisfy { seg in
            !seg.isEmpty && seg.utf8.allSatisfy { b in TemplateLexer.isIdentChar(b) && b < 0x80 && b != 36 }
        }
    }

    static func trimmedQuotes(_ s: Span, in file: SourceFile) -> Span {
        s.length >= 2 ? Span(file: s.file, start: s.start + 1, end: s.end - 1) : s
    }
}
