import OmniBase

// each-block   := "{{#each" expression block-params "}}" template [ "{{else}}" template ] "{{/each}}"
// block-params := "as" "|" identifier [ identifier ] "|"

extension TemplateParser {
    /// Names a block parameter cannot take.
    static let reservedNames: Set<String> = ["this", "true", "false", "null", "else", "as", "yield"]

    /// After `{{#each`.
    mutating func openEach() {
        let id = ids.next()
        let iterable: TemplateExpr
        if peek == nil || (peek?.kind == .identifier && peek?.text == "as") {
            diagnostics.add(Diagnostic(.error, "E0717", "`{{#each}}` needs a list", at: tag.span, label: "no list given")
                .helping("write `{{#each users as |user|}}`"))
            iterable = errorExpr(missingSpan)
        } else {
            iterable = parseExpression(depth: 0)
        }
        var header = TemplateEachHeader(iterable: iterable, item: Identifier("", span: missingSpan.startPoint), itemID: ids.next(),
                                        index: nil, indexID: nil)
        parseBlockParams(&header)
        push(TemplateFrame(payload: .each(header), name: "each", openTag: tag.span, id: id, condition: nil))
    }

    /// A name for the element of `iterable`, for fix-its: `users` → `user`, else `item`.
    static func itemName(for iterable: TemplateExpr) -> String {
        guard case .path(let p) = iterable.kind, let last = p.segments.last?.name, last.count > 1 else { return "item" }
        if last.hasSuffix("ies"), last.count > 3 { return String(last.dropLast(3)) + "y" }
        if last.hasSuffix("s"), !last.hasSuffix("ss") { return String(last.dropLast()) }
        return "item"
    }

    /// `as |item index|` (E0710 when missing or malformed).
    mutating func parseBlockParams(_ header: inout TemplateEachHeader) {
        let suggestion = Self.itemName(for: header.iterable)
        let syntax = "write `{{#each list as |item|}}` or `{{#each list as |item index|}}`"
        guard let asToken = peek, asToken.kind == .identifier, asToken.text == "as" else {
            let at = header.iterable.span.endPoint
            var d = Diagnostic(.error, "E0710", "`{{#each}}` needs a name for each element", at: tag.span,
                               label: "expected `as |\(suggestion)|` after the list")
                .note("omni templates have no implicit `this` inside a loop: each element gets a name")
                .helping(syntax)
            if ti >= toks.count { d = d.fixing(.insert(" as |\(suggestion)|", at: at, "name the element `\(suggestion)`")) }
            diagnostics.add(d)
            ti = toks.count
            return
        }
        ti += 1
        guard let open = peek, open.kind == .pipe else {
            var d = Diagnostic(.error, "E0710", "block parameters are written between pipes", at: missingSpan,
                               label: "expected `|` here").helping(syntax)
            if let name = peek, name.kind == .identifier {
                d = d.fixing(.replace(name.span, with: "|\(name.text)|", "write `|\(name.text)|`"))
                header.item = Identifier(name.text, span: name.span)
            }
            diagnostics.add(d)
            ti = toks.count
            return
        }
        ti += 1
        var names: [TemplateToken] = []
        while let t = peek, t.kind != .pipe {
            ti += 1
            if t.kind == .identifier {
                names.append(t)
                continue
            }
            var d = Diagnostic(.error, "E0710", "unexpected \(describe(t)) in block parameters", at: t.span,
                               label: "expected a name or `|`").helping(syntax)
            if t.text == "," { d = d.helping("block parameters are separated by spaces").fixing(.replace(t.span, with: "", "remove `,`")) }
            diagnostics.add(d)
        }
        if peek?.kind == .pipe {
            ti += 1
        } else {
            diagnostics.add(Diagnostic(.error, "E0710", "expected `|` to end the block parameters", at: missingSpan, label: "expected `|` here")
                .labeled(open.span, "the parameters start here")
                .fixing(.insert("|", at: missingSpan.startPoint, "insert `|`")))
        }
        expectEnd(what: "`}}`")
        if names.isEmpty {
            diagnostics.add(Diagnostic(.error, "E0710", "`as ||` names nothing", at: open.span, label: "expected a name here")
                .helping(syntax))
        }
        if names.count > 2 {
            diagnostics.add(Diagnostic(.error, "E0710", "`{{#each}}` takes at most two block parameters", at: names[2].span.merged(with: names[names.count - 1].span),
                                       label: "the element and its index come first").helping(syntax))
        }
        for (i, n) in names.prefix(2).enumerated() {
            if Self.reservedNames.contains(n.text) || TemplateHelper(rawValue: n.text) != nil {
                diagnostics.add(Diagnostic(.error, "E0710", "`\(n.text)` cannot name a block parameter", at: n.span,
                                           label: TemplateHelper(rawValue: n.text) != nil ? "`\(n.text)` is a helper" : "`\(n.text)` is reserved")
                    .helping("choose another name")
                    .fixing(.replace(n.span, with: i == 0 ? suggestion : "index", "rename it")))
            }
        }
        if names.count >= 2, names[0].text == names[1].text {
            diagnostics.add(Diagnostic(.error, "E0710", "both block parameters are named `\(names[0].text)`", at: names[1].span,
                                       label: "second `\(names[0].text)`").labeled(names[0].span, "first here"))
        }
        if let first = names.first { header.item = Identifier(first.text, span: first.span) }
        if names.count >= 2 {
            header.index = Identifier(names[1].text, span: names[1].span)
            header.indexID = ids.next()
        }
    }
}
