import OmniBase

// comment          := "{{!" { char } "}}" | "{{!--" { char } "--}}"
// layout-directive := "{{!" "layout" ":" layout-name "}}"      (* in a page or layout, at the top level *)
// yield            := "{{yield}}"                               (* in a layout: the page's content *)

extension TemplateParser {
    /// A comment, or the layout directive when its text reads `layout: name`.
    mutating func parseComment(_ range: Range<Int>) {
        guard let nameRange = Self.layoutName(in: range, bytes: file.bytes) else {
            append(TemplateItem(id: ids.next(), kind: .comment(file.text(range)), span: tag.span))
            return
        }
        let nameSpan = span(nameRange.lowerBound, nameRange.upperBound)
        var name = file.text(nameRange)
        var valid = true
        func bad(_ message: String, _ label: String, at s: Span? = nil, help: String? = nil, fix: FixIt? = nil) {
            var d = Diagnostic(.error, "E0727", message, at: s ?? nameSpan, label: label)
            if let help { d = d.helping(help) }
            if let fix { d = d.fixing(fix) }
            diagnostics.add(d)
            valid = false
        }
        if name.isEmpty {
            bad("the layout directive names no layout", "expected a layout name", at: tag.span,
                help: "write `{{! layout: app }}` for templates/layouts/app.html")
        } else if name.hasSuffix(".html") || name.hasPrefix("layouts/") || name.hasPrefix("templates/layouts/") {
            var fixed = name
            for prefix in ["templates/layouts/", "layouts/"] where fixed.hasPrefix(prefix) { fixed = String(fixed.dropFirst(prefix.count)) }
            if fixed.hasSuffix(".html") { fixed = String(fixed.dropLast(5)) }
            bad("layout names are relative to `templates/layouts/`, without `.html`", "write `\(fixed)`",
                fix: .replace(nameSpan, with: fixed, "use `\(fixed)`"))
            name = fixed
        } else if !Self.isPathName(name) {
            bad("`\(name)` is not a valid layout name", "layout names are paths of letters, digits, `_` and `-`",
                help: "write `{{! layout: app }}` for templates/layouts/app.html")
        }
        let directive = TemplateLayout(name: Identifier(name, span: nameSpan), span: tag.span)
        if kind == .partial {
            bad("a partial has no layout", "the page that includes this partial chooses the layout", at: tag.span,
                fix: .replace(tag.span, with: "", "remove the directive"))
        } else if frames.count > 1 {
            bad("the layout directive must be outside every block", "inside `\(written(frames[frames.count - 1]))`", at: tag.span,
                help: "move it to the top of the file: a page has one layout, whatever its data")
        } else if let first = layout {
            diagnostics.add(Diagnostic(.error, "E0727", "a second layout directive", at: tag.span, label: "second directive")
                .labeled(first.span, "the layout is already chosen here")
                .helping("keep one `{{! layout: … }}`")
                .fixing(.replace(tag.span, with: "", "remove it")))
            valid = false
        }
        if valid { layout = directive }
        append(TemplateItem(id: ids.next(), kind: valid ? .layout(directive) : .comment(file.text(range)), span: tag.span))
    }

    /// The byte range of `name` when the comment text `range` reads `layout: name` (spaces allowed).
    static func layoutName(in range: Range<Int>, bytes: [UInt8]) -> Range<Int>? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end, TemplateLexer.isSpace(bytes[i]) { i += 1 }
        for u in "layout".utf8 {
            guard i < end, bytes[i] == u else { return nil }
            i += 1
        }
        while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        guard i < end, bytes[i] == 0x3A else { return nil }
        i += 1
        while i < end, TemplateLexer.isSpace(bytes[i]) { i += 1 }
        var j = end
        while j > i, TemplateLexer.isSpace(bytes[j - 1]) { j -= 1 }
        return i..<j
    }

    /// `{{yield}}`: only in layouts, where an element could stand.
    mutating func parseYield(raw: Bool) {
        if raw {
            diagnostics.add(Diagnostic(.error, "E0728", "the page content is shown with `{{yield}}`", at: tag.span, label: "write `{{yield}}`")
                .note("the page is already HTML; it is never escaped")
                .fixing(.replace(tag.span, with: "{{yield}}", "use `{{yield}}`")))
        }
        if kind != .layout {
            diagnostics.add(Diagnostic(.error, "E0728", "`{{yield}}` is only allowed in a layout", at: tag.span,
                                       label: "this file is a \(kind.rawValue)")
                .note("layouts live in templates/layouts/; a page chooses one with `{{! layout: app }}`"))
        }
        requireTextContext("`{{yield}}`")
        append(TemplateItem(id: ids.next(), kind: .yield, span: tag.span))
    }
}
