import OmniBase

// Error recovery: skipping to a statement boundary, to a list separator or to a closing
// delimiter, and the shared comma-separated list loop. Skips jump over bracket groups whose
// closer is known (one step per group), so recovery is linear in the input.

extension ScriptParser.Engine {
    /// Whether `t` starts a line with a statement keyword (`const`, `if`, `return`, …).
    func startsStatementLine(_ t: ScriptToken) -> Bool {
        t.newlineBefore && (t.kind.keyword?.startsStatement ?? false)
    }

    func isCloser(_ t: ScriptToken) -> Bool {
        switch t.kind {
        case .punct(.rParen), .punct(.rBracket), .punct(.rBrace), .templateMiddle, .templateTail: true
        default: false
        }
    }

    /// If the cursor is on an opener whose closer is known, moves past the closer and returns true.
    func skipGroup() -> Bool {
        guard split == nil else { return false }
        switch current.kind {
        case .punct(.lParen), .punct(.lBracket), .punct(.lBrace), .templateHead: break
        default: return false
        }
        var i = pos
        while true {
            guard let close = closerIndex(of: i) else { return false }
            i = close
            if case .templateMiddle = tokens[close].kind { continue }
            break
        }
        move(to: i)
        advance()
        return true
    }

    /// Skips the rest of a construct that is nested too deeply: up to an unmatched closer, a depth-0
    /// `,` or `;`, the `:` of an enclosing conditional, or a line that starts with a statement
    /// keyword. Always consumes the first token unless it ends the construct.
    func skipConstruct() {
        var first = true
        var questions = 0  // `a ? b : c` nested inside the construct
        while true {
            let t = current
            if t.kind == .eof || isCloser(t) || t.is(.comma) || t.is(.semicolon) { return }
            if !first, startsStatementLine(t) { return }
            if t.is(.colon) {
                if questions == 0 { return }  // the `:` of an enclosing conditional
                questions -= 1
            } else if t.is(.question) {
                questions += 1
            }
            first = false
            if !skipGroup() { advance() }
        }
    }

    /// `skipConstruct` for a type: also balances `<` against `>` (splitting `>>`), and stops at a
    /// `>` that closes an enclosing type argument list or at the `=` of a declaration.
    func skipTypeConstruct() {
        var angles = 0
        var first = true
        while true {
            let t = current
            if t.kind == .eof || isCloser(t) || t.is(.semicolon) { return }
            if angles == 0, t.is(.comma) || t.is(.equal) { return }
            if !first, startsStatementLine(t) { return }
            first = false
            if t.is(.less) {
                angles += 1
                advance()
            } else if isClosingAngle() {
                if angles == 0 { return }
                angles -= 1
                _ = eatClosingAngle()
            } else if !skipGroup() {
                advance()
            }
        }
    }

    /// Statement-level recovery: skips the rest of a broken statement. Stops after a `;`, before a
    /// closer, and before any token that starts a new line (a new statement begins there).
    func synchronize() {
        var first = true
        while true {
            let t = current
            switch t.kind {
            case .eof: return
            case .punct(.semicolon): advance(); return
            default: if isCloser(t) { return }
            }
            if first ? startsStatementLine(t) : t.newlineBefore { return }
            first = false
            if !skipGroup() { advance() }
        }
    }

    /// Moves to the closer at buffer index `closer` (stopping early before a line that starts with a
    /// statement keyword) and consumes it. Returns its span, or nil if it stopped early.
    func skip(toCloserAt closer: Int) -> Span? {
        var first = true
        while pos < closer, !atEOF {
            if !first, startsStatementLine(current) { return nil }
            first = false
            if !skipGroup() { advance() }
        }
        guard pos == closer, split == nil else { return nil }
        return advance().span
    }

    /// Reports a missing closing delimiter: found something else where `closer` should be.
    func reportMissingCloser(_ closer: ScriptPunctuator, opener: ScriptToken, openerIndex: Int, context: String) {
        let t = current
        guard t.kind != .invalid else { return }
        let exists = closerIndex(of: openerIndex) != nil
        // An error already reported inside this group explains the missing closer: one error, not two.
        // (The latest error is the one to look at: errors are reported in source order.)
        if !exists, let last = sink.diagnostics.last, last.severity == .error, last.span.start >= opener.span.end { return }
        // When the closer is missing and the next token starts a new line, the mistake is on the
        // line before: point just past its last token, where the closer belongs.
        let onPreviousLine = !exists && t.newlineBefore && prevEnd >= Int(opener.span.end)
        var d = Diagnostic(.error, "E0111", "expected `\(closer.rawValue)` \(context), found \(describe(t))",
                           at: onPreviousLine ? point(prevEnd) : errorSpan(t),
                           label: onPreviousLine ? "expected `\(closer.rawValue)` here" : "expected `\(closer.rawValue)`")
            .labeled(opener.span, exists ? "to match this `\(file.text(opener.span))`" : "this `\(file.text(opener.span))` is never closed")
        if !exists {
            d = d.fixing(.insert(closer.rawValue, at: point(prevEnd), "insert `\(closer.rawValue)`"))
        }
        report(d)
    }

    /// Expects `closer` for the opener at buffer index `openerIndex`. When something else stands
    /// there, reports it and, if the closer exists further on, skips to it.
    @discardableResult
    func expectCloser(_ closer: ScriptPunctuator, opener: ScriptToken, openerIndex: Int, context: String) -> Span? {
        if at(closer) { return advance().span }
        reportMissingCloser(closer, opener: opener, openerIndex: openerIndex, context: context)
        guard let index = closerIndex(of: openerIndex) else { return nil }
        return skip(toCloserAt: index)
    }

    /// Whether a list whose opener is at `openerIndex` cannot go on at the cursor: the end, or —
    /// when its closer is missing — a `;`, another closer, or a line starting with a statement keyword.
    func listCannotContinue(openerIndex: Int) -> Bool {
        let t = current
        if t.kind == .eof { return true }
        if closerIndex(of: openerIndex) != nil { return false }
        return t.is(.semicolon) || isCloser(t) || startsStatementLine(t)
    }

    /// The loop of every comma-separated list: arguments, array elements, object properties,
    /// parameters, type arguments. `element` parses one element at the cursor. Trailing commas are
    /// allowed. Returns the closer's span, or nil when it is missing (an error was reported).
    func parseList(opener: ScriptToken, openerIndex: Int, closer: ScriptPunctuator, item: String, context: String,
                            element: (ScriptParser.Engine) -> Void) -> Span? {
        while true {
            let key = progressKey
            if at(closer) { return advance().span }
            if listCannotContinue(openerIndex: openerIndex) {
                reportMissingCloser(closer, opener: opener, openerIndex: openerIndex, context: context)
                return nil
            }
            element(self)
            if eat(.comma) { continue }
            if at(closer) { continue }
            let t = current
            if listCannotContinue(openerIndex: openerIndex) || (closerIndex(of: openerIndex) == nil && t.newlineBefore) {
                reportMissingCloser(closer, opener: opener, openerIndex: openerIndex, context: context)
                return nil
            }
            reportListSeparator(found: t, closer: closer, item: item)
            skipToListDelimiter(closer: closer, closerIndex: closerIndex(of: openerIndex))
            _ = eat(.comma)
            if !ensureProgress(since: key) { return nil }
        }
    }

    /// E0113 "expected `,` or `)` after this argument, found …".
    func reportListSeparator(found t: ScriptToken, closer: ScriptPunctuator, item: String) {
        guard t.kind != .invalid else { return }
        var d = Diagnostic(.error, "E0113", "expected `,` or `\(closer.rawValue)` after this \(item), found \(describe(t))",
                           at: errorSpan(t), label: "expected `,` or `\(closer.rawValue)`")
        if !t.newlineBefore, startsExpression(t) {
            d = d.helping("\(item == "property" ? "properties" : item + "s") are separated by commas")
                .fixing(.insert(",", at: point(prevEnd), "insert `,`"))
        }
        report(d)
    }

    /// Skips a broken list element up to the next depth-0 `,`, the list's closer, or another closer.
    func skipToListDelimiter(closer: ScriptPunctuator, closerIndex: Int?) {
        while true {
            let t = current
            if t.kind == .eof || t.is(.comma) || isCloser(t) { return }
            if let closerIndex, pos >= closerIndex { return }
            if closerIndex == nil, startsStatementLine(t) { return }
            if !skipGroup() { advance() }
        }
    }

    /// Whether `t` can begin an expression (used for fix-its and for `T?` in expressions).
    func startsExpression(_ t: ScriptToken) -> Bool {
        switch t.kind {
        case .identifier, .number, .string, .template, .templateHead: return true
        case .keyword(let k):
            switch k {
            case .true, .false, .null, .undefined, .function, .typeof, .void, .delete, .await, .new, .this: return true
            default: return false
            }
        case .punct(let p):
            switch p {
            case .lParen, .lBracket, .lBrace, .bang, .tilde, .plus, .minus, .plusPlus, .minusMinus, .ellipsis: return true
            default: return false
            }
        default:
            return false
        }
    }
}
