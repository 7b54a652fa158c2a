import OmniBase

/// Why `parseNodes` stopped.
enum NodesStop {
    /// End of file.
    case eof
    /// The innermost element's (or `<template>`'s) own closing tag, consumed.
    case closed(ClosingTag)
    /// A closing tag of an enclosing element, left unconsumed at `offset`.
    case implicitClose(name: String, offset: Int, span: Span)
    /// `{:else}` or `{:else if …}` for the innermost block, left unconsumed.
    case branch(offset: Int)
    /// `{/if}` or `{/each}` of the innermost block, consumed.
    case blockClosed(Span)
    /// The closing of an enclosing block (`{/if}` or `{:else}` while an element is open), unconsumed.
    case implicitBlockClose(name: String, offset: Int, span: Span)
}

extension ComponentParser {
    /// HTML void elements: no children, no closing tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Elements whose content is raw text, not markup.
    static let rawTextElements: Set<String> = ["script", "style"]

    // MARK: - template := "<template>" node* "</template>"

    mutating func parseTemplate(_ tag: OpenTag) -> TemplateBlock {
        if tag.selfClosing { return TemplateBlock(children: [], span: tag.span) }
        openStack = [OpenItem(kind: .template, name: "template", tag: tag.span)]
        defer { openStack = [] }
        let (children, stop) = parseNodes()
        switch stop {
        case .closed(let closing):
            return TemplateBlock(children: children, span: tag.span.merged(with: closing.span))
        case .implicitClose(_, let offset, let span), .implicitBlockClose(_, let offset, let span):
            reportOnce(at: offset, unclosed(tag, before: offset, label: "`<template>` opened here")
                .labeled(span, "the template must be closed before this"))
            return TemplateBlock(children: children, span: cursor.span(Int(tag.span.start), offset))
        case .eof, .branch, .blockClosed:
            reportOnce(at: cursor.end, unclosed(tag, before: cursor.end))
            return TemplateBlock(children: children, span: cursor.span(Int(tag.span.start), cursor.pos))
        }
    }

    /// Adds `d` unless a diagnostic about the same stopping point was already reported
    /// (one missing closing tag is one error, however many elements it leaves open).
    mutating func reportOnce(at offset: Int, _ d: Diagnostic) {
        if lastReportedStop == offset { return }
        lastReportedStop = offset
        diagnostics.add(d)
    }

    /// node* — until a closing tag, a block branch or close, or the end of the file.
    mutating func parseNodes() -> ([TemplateNode], NodesStop) {
        var nodes: [TemplateNode] = []
        while true {
            let start = cursor.pos
            if cursor.atEnd { return (nodes, .eof) }
            let b = cursor.peek()
            if b == 0x3C, cursor.starts(with: "<!--") {
                let (text, span) = parseComment()
                nodes.append(TemplateNode(id: ids.next(), kind: .comment(text), span: span))
            } else if b == 0x3C, cursor.peek(1) == 0x2F {
                if let stop = handleClosingTag() { return (nodes, stop) }
            } else if b == 0x3C, MarkupCursor.isNameStart(cursor.peek(1)) {
                nodes.append(parseElement())
            } else if b == 0x7B, cursor.peek(1) == 0x23 {  // {#
                nodes.append(contentsOf: parseBlock())
            } else if b == 0x7B, cursor.peek(1) == 0x3A {  // {:
                if let stop = handleBranchTag() { return (nodes, stop) }
            } else if b == 0x7B, cursor.peek(1) == 0x2F {  // {/
                if let stop = handleBlockCloseTag() { return (nodes, stop) }
            } else if b == 0x7B {
                let expr = parseBracedExpression()
                nodes.append(TemplateNode(id: ids.next(), kind: .interpolation(expr), span: cursor.span(start, cursor.pos)))
            } else {
                if let text = parseText() { nodes.append(text) }
            }
            if cursor.pos == start { cursor.pos += 1 }  // progress guard
        }
    }

    /// Text up to the next tag or `{`. Whitespace-only text that contains a line break is
    /// formatting and is dropped (the JSX rule); other text is kept as written.
    mutating func parseText() -> TemplateNode? {
        let start = cursor.pos
        while !cursor.atEnd {
            let c = cursor.peek()
            if c == 0x7B { break }
            if c == 0x7D {
                // A lone `}` in text is almost always a typo for an expression.
                diagnostics.add(error("E0220", "unexpected `}` in text", at: cursor.span(cursor.pos, cursor.pos + 1),
                                      label: "no `{` is open here")
                    .helping("write `&#125;` to show a literal brace, or remove it"))
                break
            }
            if c == 0x3C {
                let n = cursor.peek(1)
                if n == 0x2F || n == 0x21 || MarkupCursor.isNameStart(n) { break }
            }
            cursor.pos += 1
        }
        let end = cursor.pos
        if end == start {
            if cursor.peek() == 0x7D { cursor.pos += 1 }
            return nil
        }
        let text = file.text(start..<end)
        record(.text, start, end)
        if text.allSatisfy({ $0.isWhitespace }), text.contains(where: { $0.isNewline }) { return nil }
        return TemplateNode(id: ids.next(), kind: .text(text), span: cursor.span(start, end))
    }

    // MARK: - element := "<" name attribute* ("/>" | ">" node* "</" name ">")

    mutating func parseElement() -> TemplateNode {
        let tag = parseOpenTag()
        let id = ids.next()
        let name = Identifier(tag.name, span: tag.nameSpan)
        func make(_ children: [TemplateNode], close: Span?, end: Int) -> TemplateNode {
            let element = Element(name: name, attributes: tag.attributes, children: children,
                                  selfClosing: tag.selfClosing, openTag: tag.span, closeTag: close)
            return TemplateNode(id: id, kind: .element(element), span: cursor.span(Int(tag.span.start), end))
        }
        if tag.selfClosing || Self.voidElements.contains(tag.name.lowercased()) {
            return make([], close: nil, end: cursor.pos)
        }
        if Self.rawTextElements.contains(tag.name.lowercased()) {
            let bodyStart = cursor.pos
            guard let close = cursor.findClosingTag(tag.name, from: bodyStart) else {
                reportOnce(at: cursor.end, unclosed(tag, before: cursor.end).with(code: "E0213"))
                cursor.pos = cursor.end
                let text = TemplateNode(id: ids.next(), kind: .text(file.text(bodyStart..<cursor.end)), span: cursor.span(bodyStart, cursor.end))
                return make([text], close: nil, end: cursor.end)
            }
            record(.rawText, bodyStart, close)
            let text = TemplateNode(id: ids.next(), kind: .text(file.text(bodyStart..<close)), span: cursor.span(bodyStart, close))
            cursor.pos = close
            let closing = parseClosingTag()
            return make(bodyStart == close ? [] : [text], close: closing.span, end: cursor.pos)
        }
        if openStack.count >= Self.maxNestingDepth {
            return make([], close: nil, end: skipTooDeep(tag: tag.span))
        }
        openStack.append(OpenItem(kind: .element, name: tag.name, tag: tag.span))
        defer { openStack.removeLast() }
        let (children, stop) = parseNodes()
        switch stop {
        case .closed(let closing):
            return make(children, close: closing.span, end: cursor.pos)
        case .implicitClose(let found, let offset, let span):
            reportOnce(at: offset, error("E0211", "mismatched closing tag: expected `</\(tag.name)>`, found `</\(found)>`", at: span,
                                         label: "this closes `<\(found)>`, but `<\(tag.name)>` is still open")
                .labeled(tag.span, "`<\(tag.name)>` opened here")
                .helping("close `<\(tag.name)>` first with `</\(tag.name)>`")
                .fixing(.insert("</\(tag.name)>", at: cursor.point(offset), "insert `</\(tag.name)>`")))
            return make(children, close: nil, end: offset)
        case .implicitBlockClose(let found, let offset, let span):
            reportOnce(at: offset, error("E0211", "`<\(tag.name)>` must be closed before `\(found)`", at: span,
                                         label: "this ends the enclosing block while `<\(tag.name)>` is open")
                .labeled(tag.span, "`<\(tag.name)>` opened here")
                .fixing(.insert("</\(tag.name)>", at: cursor.point(offset), "insert `</\(tag.name)>`")))
            return make(children, close: nil, end: offset)
        case .eof, .branch, .blockClosed:
            reportOnce(at: cursor.end, unclosed(tag, before: cursor.end).with(code: "E0213"))
            return make(children, close: nil, end: cursor.pos)
        }
    }

    /// Reports nesting past `maxNestingDepth` once and skips to the end of the template;
    /// returns where the skipped markup ends.
    mutating func skipTooDeep(tag: Span) -> Int {
        let close = cursor.findClosingTag("template", from: cursor.pos) ?? cursor.end
        reportOnce(at: close, error("E0210", "markup nested too deeply (more than \(Self.maxNestingDepth) levels)", at: tag,
                                    label: "nesting limit reached here")
            .note("omni bounds nesting so that no input can exhaust the compiler's stack")
            .helping("split the markup into child components"))
        cursor.pos = close
        return close
    }

    /// At `</`: decides whether the closing tag ends the innermost element, an enclosing one,
    /// or nothing (reported and skipped).
    mutating func handleClosingTag() -> NodesStop? {
        let offset = cursor.pos
        var probe = cursor
        probe.pos += 2
        let (name, _) = probe.readName()
        guard let innermost = openStack.last else { return nil }
        if (innermost.kind == .element || innermost.kind == .template), name == innermost.name {
            return .closed(parseClosingTag())
        }
        if name == "component" || openStack.contains(where: { ($0.kind == .element || $0.kind == .template) && $0.name == name }) {
            var scratch = self
            let closing = scratch.parseClosingTag()
            return .implicitClose(name: name, offset: offset, span: closing.span)
        }
        let closing = parseClosingTag()
        if Self.voidElements.contains(name.lowercased()) {
            diagnostics.add(error("E0225", "`<\(name)>` is a void element and has no closing tag", at: closing.span,
                                  label: "remove this `</\(name)>`")
                .fixing(.replace(closing.span, with: "", "remove `</\(name)>`")))
        } else {
            var d = error("E0212", "unexpected closing tag `</\(name)>`", at: closing.span, label: "no `<\(name)>` is open here")
            if innermost.kind == .element {
                d = d.labeled(innermost.tag, "the innermost open element is `<\(innermost.name)>`")
            }
            diagnostics.add(d.helping("remove it, or add the matching `<\(name)>` before it"))
        }
        return nil
    }
}

extension Diagnostic {
    /// The same diagnostic under another code.
    func with(code: DiagnosticCode) -> Diagnostic { var d = self; d.code = code; return d }
}
