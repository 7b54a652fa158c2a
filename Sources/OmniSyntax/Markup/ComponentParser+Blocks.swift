import OmniBase

extension ComponentParser {
    /// Reads a lower-case word such as `if`, `each`, `else` at the cursor.
    mutating func readWord() -> (String, Span) {
        let start = cursor.pos
        while !cursor.atEnd, (cursor.peek() >= 97 && cursor.peek() <= 122) || (cursor.peek() >= 65 && cursor.peek() <= 90) { cursor.pos += 1 }
        return (file.text(start..<cursor.pos), cursor.span(start, cursor.pos))
    }

    /// Skips a malformed `{…}` tag to just past its `}`.
    mutating func skipTag() {
        cursor.pos = ScriptLexer.skipBalanced(file, from: cursor.pos, limit: cursor.end)
    }

    /// The span of the `{…}` tag at the cursor, without consuming it.
    func peekTagSpan() -> Span {
        let end = ScriptLexer.skipBalanced(file, from: cursor.pos + 1, limit: cursor.end)
        return cursor.span(cursor.pos, end)
    }

    // MARK: - block := if-block | each-block

    /// At `{#`: parses a whole block. Unknown blocks are reported and their children kept.
    mutating func parseBlock() -> [TemplateNode] {
        let start = cursor.pos
        record(.blockOpen, start, start + 2)
        cursor.pos += 2
        let (keyword, keywordSpan) = readWord()
        switch keyword {
        case "if": return [parseIfBlock(start: start)]
        case "each": return [parseEachBlock(start: start)]
        default:
            var d = error("E0216", keyword.isEmpty ? "expected `if` or `each` after `{#`" : "unknown block `{#\(keyword)}`",
                          at: keyword.isEmpty ? cursor.span(start, start + 2) : keywordSpan,
                          label: "templates have `{#if …}` and `{#each …}` blocks")
            if let guess = EditDistance.bestMatch(for: keyword, in: ["if", "each"]) ?? (["for", "foreach", "map"].contains(keyword) ? "each" : nil) {
                d = d.helping("did you mean `{#\(guess) …}`?").fixing(.replace(keywordSpan, with: guess, "use `{#\(guess)}`"))
            }
            diagnostics.add(d)
            cursor.pos = ScriptLexer.skipBalanced(file, from: cursor.pos, limit: cursor.end)
            let tag = cursor.span(start, cursor.pos)
            // Keep the block's children so that later errors inside it are still found.
            var children: [TemplateNode] = []
            if openStack.count >= Self.maxNestingDepth { return [] }
            openStack.append(OpenItem(kind: .ifBlock, name: keyword, tag: tag))
            defer { openStack.removeLast() }
            while true {
                let (nodes, stop) = parseNodes()
                children += nodes
                if case .branch = stop { skipTag(); continue }
                if case .blockClosed = stop { break }
                if case .eof = stop { break }
                break
            }
            return children
        }
    }

    /// `{#if cond} … {:else if cond} … {:else} … {/if}`.
    mutating func parseIfBlock(start: Int) -> TemplateNode {
        let id = ids.next()
        let condition = parseHeaderExpression(block: "if", start: start)
        let openTag = cursor.span(start, cursor.pos)
        var branches: [IfBranch] = []
        var current = IfBranch(condition: condition, children: [], tag: openTag)
        var elseChildren: [TemplateNode]?
        var elseTag: Span?
        var closeTag: Span?
        if openStack.count >= Self.maxNestingDepth {
            let end = skipTooDeep(tag: openTag)
            return TemplateNode(id: id, kind: .ifBlock(IfBlock(branches: [current], elseChildren: nil, elseTag: nil, closeTag: nil)),
                                span: cursor.span(start, end))
        }
        openStack.append(OpenItem(kind: .ifBlock, name: "if", tag: openTag))
        defer { openStack.removeLast() }
        var end = cursor.pos
        loop: while true {
            let (nodes, stop) = parseNodes()
            if elseChildren != nil { elseChildren! += nodes } else { current.children += nodes }
            end = cursor.pos
            switch stop {
            case .branch:
                let branchStart = cursor.pos
                record(.blockBranch, branchStart, branchStart + 2)
                cursor.pos += 2
                let (word, wordSpan) = readWord()
                cursor.skipSpaces()
                let isElseIf = word == "else" && cursor.starts(with: "if") && !MarkupCursor.isNameChar(cursor.peek(2))
                if word != "else" {
                    diagnostics.add(error("E0217", "unknown branch `{:\(word)}` in `{#if}`", at: word.isEmpty ? cursor.span(branchStart, branchStart + 2) : wordSpan,
                                          label: "expected `{:else}` or `{:else if …}`"))
                    skipTag()
                    continue loop
                }
                if elseTag != nil {
                    diagnostics.add(error("E0217", isElseIf ? "`{:else if}` after `{:else}`" : "`{#if}` has more than one `{:else}`",
                                          at: peekTagSpanFrom(branchStart), label: "this branch can never be reached")
                        .labeled(elseTag!, "the `{:else}` branch is here")
                        .helping(isElseIf ? "move this branch before `{:else}`" : "merge the two `{:else}` branches"))
                    skipTag()
                    continue loop
                }
                if isElseIf {
                    cursor.pos += 2
                    let cond = parseHeaderExpression(block: "else if", start: branchStart)
                    branches.append(current)
                    current = IfBranch(condition: cond, children: [], tag: cursor.span(branchStart, cursor.pos))
                } else {
                    expectTagEnd(start: branchStart, what: "{:else}")
                    elseTag = cursor.span(branchStart, cursor.pos)
                    elseChildren = []
                }
            case .blockClosed(let span):
                closeTag = span
                end = cursor.pos
                break loop
            case .implicitClose(_, let offset, let span), .implicitBlockClose(_, let offset, let span):
                reportOnce(at: offset, missingBlockClose("if", openTag: openTag, at: offset).labeled(span, "the enclosing markup ends here"))
                end = offset
                break loop
            case .eof, .closed:
                reportOnce(at: cursor.end, missingBlockClose("if", openTag: openTag, at: cursor.end))
                break loop
            }
        }
        branches.append(current)
        let block = IfBlock(branches: branches, elseChildren: elseChildren, elseTag: elseTag, closeTag: closeTag)
        return TemplateNode(id: id, kind: .ifBlock(block), span: cursor.span(start, end))
    }

    func peekTagSpanFrom(_ offset: Int) -> Span {
        cursor.span(offset, ScriptLexer.skipBalanced(file, from: offset + 1, limit: cursor.end))
    }

    func missingBlockClose(_ name: String, openTag: Span, at offset: Int) -> Diagnostic {
        Diagnostic(.error, "E0214", "missing `{/\(name)}`: this `{#\(name)}` block is never closed", at: openTag,
                   label: "`{#\(name)}` opened here")
            .helping("close the block with `{/\(name)}`")
            .fixing(.insert("{/\(name)}", at: cursor.point(offset), "insert `{/\(name)}`"))
    }

    /// Parses the expression of `{#if …}` / `{:else if …}` and the closing `}`.
    mutating func parseHeaderExpression(block: String, start: Int) -> Expr {
        cursor.skipSpaces()
        if cursor.peek() == 0x7D {
            diagnostics.add(error("E0218", "`{#\(block)}` needs a condition", at: cursor.span(start, cursor.pos + 1),
                                  label: "expected an expression before `}`")
                .helping("write the condition, e.g. `{#\(block) count() > 0}`"))
            cursor.pos += 1
            return Expr(id: ids.next(), kind: .error, span: cursor.point(cursor.pos - 1))
        }
        let (expr, end) = ScriptParser.parseExpression(file, from: cursor.pos, limit: cursor.end, ids: &ids, diagnostics: &diagnostics)
        recordScript(cursor.pos..<end)
        cursor.pos = max(end, cursor.pos)
        expectClosingBrace(open: start, after: expr)
        return expr
    }

    /// Expects `}` ending a `{:else}` or `{/if}` tag.
    mutating func expectTagEnd(start: Int, what: String) {
        cursor.skipSpaces()
        if cursor.peek() == 0x7D {
            cursor.pos += 1
            return
        }
        diagnostics.add(error("E0220", "expected `}` to end `\(what)`, found \(cursor.describe(at: cursor.pos))", at: cursor.point(cursor.pos))
            .labeled(cursor.span(start, start + 1), "the tag opens here"))
        skipTag()
    }

    /// `{#each iterable as item, index (key)} … {:else} … {/each}`.
    mutating func parseEachBlock(start: Int) -> TemplateNode {
        let id = ids.next()
        cursor.skipSpaces()
        var iterable = Expr(id: ids.next(), kind: .error, span: cursor.point(cursor.pos))
        var item = Identifier("", span: cursor.point(cursor.pos))
        var index: Identifier?
        var key: Expr?
        header: do {
            if cursor.peek() == 0x7D {
                diagnostics.add(error("E0218", "`{#each}` needs a list and a name: `{#each items as item}`", at: cursor.span(start, cursor.pos + 1)))
                cursor.pos += 1
                break header
            }
            let (expr, end) = ScriptParser.parseExpression(file, from: cursor.pos, limit: cursor.end, stopAtAs: true, ids: &ids, diagnostics: &diagnostics)
            recordScript(cursor.pos..<end)
            iterable = expr
            cursor.pos = max(end, cursor.pos)
            cursor.skipSpaces()
            guard cursor.starts(with: "as"), !MarkupCursor.isNameChar(cursor.peek(2)) else {
                if case .error = expr.kind {} else {
                    diagnostics.add(error("E0218", "expected `as` after the list in `{#each}`, found \(cursor.describe(at: cursor.pos))",
                                          at: cursor.point(cursor.pos), label: "expected `as item` here")
                        .helping("name each element: `{#each items as item}`"))
                }
                skipTag()
                break header
            }
            cursor.pos += 2
            cursor.skipSpaces()
            let (name, nameSpan) = readIdentifier()
            guard !name.isEmpty else {
                diagnostics.add(error("E0218", "expected a name after `as`, found \(cursor.describe(at: cursor.pos))", at: cursor.point(cursor.pos))
                    .helping("name each element: `{#each items as item}`"))
                skipTag()
                break header
            }
            item = Identifier(name, span: nameSpan)
            cursor.skipSpaces()
            if cursor.peek() == 0x2C {  // , index
                cursor.pos += 1
                cursor.skipSpaces()
                let (indexName, indexSpan) = readIdentifier()
                if indexName.isEmpty {
                    diagnostics.add(error("E0218", "expected an index name after `,`, found \(cursor.describe(at: cursor.pos))", at: cursor.point(cursor.pos)))
                } else {
                    index = Identifier(indexName, span: indexSpan)
                }
                cursor.skipSpaces()
            }
            if cursor.peek() == 0x28 {  // (key)
                let open = cursor.pos
                cursor.pos += 1
                let (k, end) = ScriptParser.parseExpression(file, from: cursor.pos, limit: cursor.end, ids: &ids, diagnostics: &diagnostics)
                recordScript(cursor.pos..<end)
                key = k
                cursor.pos = max(end, cursor.pos)
                cursor.skipSpaces()
                if cursor.peek() == 0x29 { cursor.pos += 1 } else {
                    diagnostics.add(error("E0218", "expected `)` to close the key, found \(cursor.describe(at: cursor.pos))", at: cursor.point(cursor.pos))
                        .labeled(cursor.span(open, open + 1), "the key opens here"))
                }
                cursor.skipSpaces()
            }
            expectTagEnd(start: start, what: "{#each}")
        }
        let openTag = cursor.span(start, cursor.pos)
        let itemID = ids.next()
        let indexID = index.map { _ in ids.next() }
        func make(_ children: [TemplateNode], _ elseChildren: [TemplateNode]?, close: Span?, end: Int) -> TemplateNode {
            let block = EachBlock(iterable: iterable, item: item, itemID: itemID, index: index, indexID: indexID, key: key,
                                  children: children, elseChildren: elseChildren, openTag: openTag, closeTag: close)
            return TemplateNode(id: id, kind: .eachBlock(block), span: cursor.span(start, end))
        }
        if openStack.count >= Self.maxNestingDepth {
            return make([], nil, close: nil, end: skipTooDeep(tag: openTag))
        }
        openStack.append(OpenItem(kind: .eachBlock, name: "each", tag: openTag))
        defer { openStack.removeLast() }
        var children: [TemplateNode] = []
        var elseChildren: [TemplateNode]?
        var elseTag: Span?
        while true {
            let (nodes, stop) = parseNodes()
            if elseChildren != nil { elseChildren! += nodes } else { children += nodes }
            switch stop {
            case .branch:
                let branchStart = cursor.pos
                let tagSpan = peekTagSpanFrom(branchStart)
                record(.blockBranch, branchStart, branchStart + 2)
                cursor.pos += 2
                let (word, _) = readWord()
                cursor.skipSpaces()
                if word == "else", cursor.peek() == 0x7D, elseTag == nil {
                    cursor.pos += 1
                    elseTag = tagSpan
                    elseChildren = []
                } else {
                    var d = error("E0217", word == "else" && elseTag != nil ? "`{#each}` has more than one `{:else}`" : "`{#each}` takes only a plain `{:else}` branch",
                                  at: tagSpan, label: "not allowed here")
                    if let elseTag { d = d.labeled(elseTag, "the `{:else}` branch is here") }
                    diagnostics.add(d.note("the `{:else}` of `{#each}` renders when the list is empty"))
                    cursor.pos = tagSpan.range.upperBound
                }
            case .blockClosed(let span):
                return make(children, elseChildren, close: span, end: cursor.pos)
            case .implicitClose(_, let offset, let span), .implicitBlockClose(_, let offset, let span):
                reportOnce(at: offset, missingBlockClose("each", openTag: openTag, at: offset).labeled(span, "the enclosing markup ends here"))
                return make(children, elseChildren, close: nil, end: offset)
            case .eof, .closed:
                reportOnce(at: cursor.end, missingBlockClose("each", openTag: openTag, at: cursor.end))
                return make(children, elseChildren, close: nil, end: cursor.end)
            }
        }
    }

    /// An identifier (script rules) at the cursor; empty when none.
    mutating func readIdentifier() -> (String, Span) {
        let start = cursor.pos
        let b = cursor.peek()
        guard MarkupCursor.isNameStart(b) || b == 0x24 else { return ("", cursor.point(start)) }
        cursor.pos += 1
        while !cursor.atEnd {
            let c = cursor.peek()
            guard MarkupCursor.isNameStart(c) || (c >= 48 && c <= 57) || c == 0x24 else { break }
            cursor.pos += 1
        }
        return (file.text(start..<cursor.pos), cursor.span(start, cursor.pos))
    }

    // MARK: - branch and close tags seen by parseNodes

    /// At `{:`: hands the branch to the innermost block, or reports it.
    mutating func handleBranchTag() -> NodesStop? {
        let span = peekTagSpan()
        if let innermost = openStack.last, innermost.kind == .ifBlock || innermost.kind == .eachBlock {
            return .branch(offset: cursor.pos)
        }
        if openStack.contains(where: { $0.kind == .ifBlock || $0.kind == .eachBlock }) {
            return .implicitBlockClose(name: file.text(span), offset: cursor.pos, span: span)
        }
        diagnostics.add(error("E0217", "`\(file.text(span))` outside of an `{#if}` or `{#each}` block", at: span,
                              label: "no block is open here"))
        cursor.pos = span.range.upperBound
        return nil
    }

    /// At `{/`: closes the innermost block, or hands the close to an enclosing one, or reports it.
    mutating func handleBlockCloseTag() -> NodesStop? {
        let span = peekTagSpan()
        var probe = self
        probe.cursor.pos += 2
        let (name, _) = probe.readWord()
        let innermost = openStack.last
        let isBlock = innermost.map { $0.kind == .ifBlock || $0.kind == .eachBlock } ?? false
        if isBlock, innermost?.name == name {
            record(.blockClose, Int(span.start), Int(span.end))
            cursor.pos = Int(span.start) + 2
            _ = readWord()
            expectTagEnd(start: Int(span.start), what: "{/\(name)}")
            return .blockClosed(cursor.span(Int(span.start), cursor.pos))
        }
        if openStack.contains(where: { ($0.kind == .ifBlock || $0.kind == .eachBlock) && $0.name == name }) {
            return .implicitBlockClose(name: file.text(span), offset: cursor.pos, span: span)
        }
        if isBlock, let innermost {
            diagnostics.add(error("E0215", "`\(file.text(span))` does not match the open `{#\(innermost.name)}`", at: span,
                                  label: "expected `{/\(innermost.name)}`")
                .labeled(innermost.tag, "`{#\(innermost.name)}` opened here")
                .fixing(.replace(span, with: "{/\(innermost.name)}", "use `{/\(innermost.name)}`")))
            cursor.pos = span.range.upperBound
            return .blockClosed(span)
        }
        diagnostics.add(error("E0215", "unexpected `\(file.text(span))`", at: span, label: "no block is open here")
            .helping("remove it, or open the block before it"))
        cursor.pos = span.range.upperBound
        return nil
    }
}
