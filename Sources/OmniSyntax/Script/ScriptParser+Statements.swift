import OmniBase

// Statements, automatic semicolon insertion and statement-level recovery.
//
// ASI follows TypeScript: a statement ends at `;`, before `}`, at the end, or where the next
// token starts a new line. `return`, `break` and `continue` take nothing from the next line, and
// a postfix `++`/`--` or `!` must be on the same line as its operand.

extension ScriptParser.Engine {
    /// The statements of a whole `<script>` body.
    func parseProgramBody() -> [Stmt] {
        var statements: [Stmt] = []
        while !atEOF {
            let key = progressKey
            if isCloser(current) {
                reportUnmatchedCloser()
            } else {
                parseStatement(into: &statements)
            }
            if !ensureProgress(since: key) { break }
        }
        return statements
    }

    /// E0129 for a stray `)`, `]` or `}`, which is then skipped.
    func reportUnmatchedCloser() {
        let t = current
        report(Diagnostic(.error, "E0129", "unmatched \(describe(t))", at: t.span,
                          label: "this closes nothing", help: ["remove it, or add the opening delimiter it was meant to close"])
            .fixing(.replace(t.span, with: "", "remove it")))
        advance()
    }

    /// `{ statements }` at the cursor's `{`; returns the statements and the span of the braces.
    func parseBlockBody() -> ([Stmt], Span) {
        brackets += 1
        defer { brackets -= 1 }
        let open = current, openIndex = pos
        advance()
        var statements: [Stmt] = []
        while true {
            let key = progressKey
            if at(.rBrace) {
                let close = advance()
                return (statements, span(Int(open.span.start), Int(close.span.end)))
            }
            if atEOF {
                reportMissingCloser(.rBrace, opener: open, openerIndex: openIndex, context: "to close this block")
                return (statements, span(from: Int(open.span.start)))
            }
            if isCloser(current) {
                reportUnmatchedCloser()
            } else {
                parseStatement(into: &statements)
            }
            if !ensureProgress(since: key) { return (statements, span(from: Int(open.span.start))) }
        }
    }

    /// One statement where the grammar allows exactly one (the body of `if`, a loop): declarations
    /// of several variables are kept together in a block.
    func parseEmbeddedStatement() -> Stmt {
        var out: [Stmt] = []
        parseStatement(into: &out)
        if out.count == 1 { return out[0] }
        if out.isEmpty { return stmt(.error, point(prevEnd)) }
        return stmt(.block(out), out[0].span.merged(with: out[out.count - 1].span))
    }

    /// Parses one statement and appends it (a declaration of several variables appends one per variable).
    func parseStatement(into out: inout [Stmt]) {
        if stackIsLow, onFreshStack({ self.parseStatement(into: &out) }) != nil { return }
        let t = current
        let start = Int(t.span.start)
        guard enter("statement") else {
            out.append(stmt(.error, span(start, max(start, prevEnd))))
            return
        }
        defer { leave() }
        switch t.kind {
        case .punct(.lBrace):
            let (statements, blockSpan) = parseBlockBody()
            out.append(stmt(.block(statements), blockSpan))
        case .punct(.semicolon):
            advance()
            out.append(stmt(.empty, t.span))
        case .keyword(let k):
            switch k {
            case .const, .let, .var: parseVariableDeclarations(into: &out)
            case .function:
                if peek().is(.lParen) {
                    out.append(parseExpressionStatement())  // reports the missing name below
                } else {
                    out.append(parseFunctionDeclaration())
                }
            case .if: out.append(parseIf())
            case .for: out.append(parseFor())
            case .while: out.append(parseWhile())
            case .do: out.append(parseDoWhile())
            case .return: out.append(parseReturn())
            case .break, .continue: out.append(parseBreakContinue(k))
            case .else:
                report(Diagnostic(.error, "E0113", "found `else` without an `if`", at: t.span, label: "this `else` has no `if`",
                                  help: ["`else` must directly follow the statement of an `if`; check the braces before it"]))
                advance()
                out.append(stmt(.error, t.span))
            default:
                if let message = unsupportedStatement(k) {
                    report(Diagnostic(.error, "E0121", message.0, at: t.span, label: "not supported", help: [message.1]))
                    advance()
                    skipStatementBody()
                    out.append(stmt(.error, span(from: start)))
                } else {
                    out.append(parseExpressionStatement())
                }
            }
        case .identifier("type") where isTypeDeclaration():
            report(Diagnostic(.error, "E0121", "type aliases are not supported in omni scripts", at: t.span, label: "not supported",
                              help: ["write the type where it is used, e.g. `const p: { x: number } = …`"]))
            advance()
            skipStatementBody()
            out.append(stmt(.error, span(from: start)))
        default:
            out.append(parseExpressionStatement())
        }
    }

    /// The message and help for a reserved word that starts a statement omni does not have.
    func unsupportedStatement(_ k: ScriptKeyword) -> (String, String)? {
        switch k {
        case .switch: ("`switch` statements are not supported in omni scripts", "use `if` / `else if` chains instead")
        case .class: ("classes are not supported in omni scripts", "use object literals and functions instead")
        case .try, .catch, .finally: ("`\(k.rawValue)` is not supported in omni scripts", "omni scripts have no exceptions; return a value that describes the failure")
        case .throw: ("`throw` is not supported in omni scripts", "omni scripts have no exceptions; return a value that describes the failure")
        case .import, .export: ("`\(k.rawValue)` is not supported inside a `<script>`", "components are found by name; no imports are needed")
        case .enum: ("enums are not supported in omni scripts", "use string literal types such as `\"a\" | \"b\"` instead")
        case .interface: ("interfaces are not supported in omni scripts", "write the type where it is used, e.g. `const p: { x: number } = …`")
        case .with, .debugger: ("`\(k.rawValue)` is not supported in omni scripts", "remove it")
        default: nil
        }
    }

    /// `type X = …` / `interface X {…}`: a contextual word followed by a name on the same line.
    func isTypeDeclaration() -> Bool {
        let next = peek()
        if case .identifier = next.kind { return !next.newlineBefore }
        return false
    }

    /// Skips what follows an unsupported statement keyword: its header and `{…}` bodies, up to a
    /// `;` or the next line (a body's `{`, `catch`, `finally` and `else` may start a line).
    func skipStatementBody() {
        while true {
            let t = current
            if t.kind == .eof || isCloser(t) { return }
            if t.is(.semicolon) { advance(); return }
            if t.newlineBefore, !t.is(.lBrace), !isBlockFollower(t) { return }
            if !skipGroup() { advance() }
        }
    }

    func isBlockFollower(_ t: ScriptToken) -> Bool {
        t.is(.catch) || t.is(.finally) || t.is(.else)
    }

    // MARK: - Separators

    /// Ends a statement: `;`, a line break, `}` or the end. Anything else is reported (E0112) and the
    /// rest of the statement skipped. `last` is the statement just parsed, for "did you mean".
    func expectSemicolon(after last: Expr? = nil) {
        if eat(.semicolon) { return }
        let t = current
        if t.kind == .eof || t.newlineBefore || t.is(.rBrace) { return }
        if t.is(.rParen) || t.is(.rBracket) { return }  // the statement list reports the stray closer
        if t.kind != .invalid {
            var d = Diagnostic(.error, "E0112", "expected `;` or a line break after this statement, found \(describe(t))",
                               at: errorSpan(t), label: "unexpected \(describe(t))")
            if let last, case .identifier(let word) = last.kind, case .identifier = t.kind,
               let keyword = Self.keywordSuggestion(for: word) {
                d = d.helping("did you mean `\(keyword)`?").fixing(.replace(last.span, with: keyword, "replace `\(word)` with `\(keyword)`"))
            } else {
                d = d.helping("put each statement on its own line, or separate them with `;`")
                    .fixing(.insert(";", at: point(prevEnd), "insert `;`"))
            }
            report(d)
        }
        synchronize()
    }

    /// The statement keyword a misspelled word probably meant (`cosnt`, `fucntion`, `retrun`).
    static func keywordSuggestion(for word: String) -> String? {
        EditDistance.bestMatch(for: word, in: ["const", "let", "var", "function", "return", "if", "for", "while", "typeof"])
    }

    func parseExpressionStatement() -> Stmt {
        if at(.function) {
            let paren = peek()
            report(Diagnostic(.error, "E0114", "expected a function name after `function`, found `(`", at: paren.span,
                              label: "expected a name", help: ["a function declaration needs a name: `function name(…) { … }`"]))
        }
        let e = parseCommaReported()
        if case .error = e.kind, e.span.isEmpty, !atEOF, !isCloser(current), !at(.semicolon) {
            // Nothing could be read here; skip to the next statement so the error is not repeated.
            synchronize()
            return stmt(.error, span(Int(e.span.start), max(Int(e.span.start), prevEnd)))
        }
        expectSemicolon(after: e)
        return stmt(.expression(e), e.span)
    }

    // MARK: - Declarations

    /// `const a: T = x, b = y` → one statement per variable.
    func parseVariableDeclarations(into out: inout [Stmt]) {
        let keywordToken = advance()
        let kind: VariableKind = keywordToken.is(.const) ? .const : keywordToken.is(.let) ? .let : .var
        var start = Int(keywordToken.span.start)
        while true {
            let key = progressKey
            guard let decl = parseDeclarator(kind: kind, keyword: keywordToken, inForHead: false) else {
                synchronize()
                out.append(stmt(.error, span(start, max(start, prevEnd))))
                return
            }
            out.append(stmt(.variable(decl), span(from: start)))
            guard eat(.comma) else { break }
            start = Int(current.span.start)
            if !ensureProgress(since: key) { break }
        }
        expectSemicolon()
    }

    /// `name: T = init` after `const`/`let`/`var`. Nil when there is no usable name (reported).
    func parseDeclarator(kind: VariableKind, keyword: ScriptToken, inForHead: Bool) -> VariableDecl? {
        let t = current
        let name: Identifier
        switch t.kind {
        case .identifier(let n):
            advance()
            name = Identifier(n, span: t.span)
        case .keyword(let k) where !(t.newlineBefore && k.startsStatement):
            report(Diagnostic(.error, "E0115", "`\(k.rawValue)` is a reserved word and cannot name a variable", at: t.span,
                              label: "reserved word", help: ["choose another name, e.g. `\(k.rawValue)Value`"]))
            advance()
            name = Identifier(k.rawValue, span: t.span)
        case .punct(.lBrace), .punct(.lBracket):
            report(Diagnostic(.error, "E0121", "destructuring declarations are not supported in omni scripts", at: t.span,
                              label: "a pattern is not a variable name",
                              help: ["declare one variable and read its parts: `const p = …; const x = p.x`"]))
            return nil
        default:
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0114", "expected a variable name after `\(kind.rawValue)`, found \(describe(t))",
                                  at: errorSpan(t), label: "expected a name"))
            }
            return nil
        }
        var type: TypeExpr?
        if eat(.colon) { type = parseTypeAnnotation() }
        var initializer: Expr?
        if eat(.equal) {
            initializer = parseAssignment()
        } else if kind == .const, !inForHead {
            report(Diagnostic(.error, "E0117", "`const` declaration of `\(name.name)` needs an initial value", at: name.span,
                              label: "no `= value` here",
                              help: ["give it a value (`const \(name.name) = …`), or declare it with `let` to assign it later"])
                .fixing(.replace(keyword.span, with: "let", "declare it with `let`")))
        }
        return VariableDecl(kind: kind, name: name, type: type, initializer: initializer)
    }

    /// `function name(params): T { body }`.
    func parseFunctionDeclaration() -> Stmt {
        let start = Int(current.span.start)
        advance()
        rejectGenerator()
        let t = current
        let name: Identifier
        switch t.kind {
        case .identifier(let n):
            advance()
            name = Identifier(n, span: t.span)
        case .keyword(let k) where !t.newlineBefore:
            report(Diagnostic(.error, "E0115", "`\(k.rawValue)` is a reserved word and cannot name a function", at: t.span,
                              label: "reserved word", help: ["choose another name"]))
            advance()
            name = Identifier(k.rawValue, span: t.span)
        default:
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0114", "expected a function name after `function`, found \(describe(t))",
                                  at: errorSpan(t), label: "expected a name"))
            }
            synchronize()
            return stmt(.error, span(from: start))
        }
        let signature = parseSignature()
        let (body, _) = parseFunctionBody()
        return stmt(.function(FunctionDecl(name: name, signature: signature, body: body)), span(from: start))
    }

    // MARK: - Control flow

    /// `(condition)` after `if`/`while`; without the parentheses, reads the condition up to `{` and
    /// offers to add them.
    func parseCondition(after keyword: String) -> Expr {
        if at(.lParen) {
            let open = current, openIndex = pos
            advance()
            let condition = parseSequence()
            expectCloser(.rParen, opener: open, openerIndex: openIndex, context: "to close the condition of this `\(keyword)`")
            return condition
        }
        let t = current
        guard startsExpression(t) else {
            reportMissingConditionParen(keyword, found: t, condition: nil)
            return expr(.error, point(Int(t.span.start)))
        }
        let condition = parseSequence()
        reportMissingConditionParen(keyword, found: t, condition: at(.lBrace) ? condition : nil)
        return condition
    }

    /// E0113 for `if x > 1 {`: offers to add the parentheses when the condition ran up to a `{`.
    func reportMissingConditionParen(_ keyword: String, found t: ScriptToken, condition: Expr?) {
        guard t.kind != .invalid else { return }
        var d = Diagnostic(.error, "E0113", "expected `(` after `\(keyword)`, found \(describe(t))", at: errorSpan(t),
                           label: "expected `(`")
        if let condition {
            d = d.helping("the condition of `\(keyword)` goes in parentheses: `\(keyword) (…)`")
                .fixing(FixIt("add the parentheses", edits: [
                    TextEdit(span: condition.span.startPoint, replacement: "("),
                    TextEdit(span: condition.span.endPoint, replacement: ")"),
                ]))
        }
        report(d)
    }

    func parseIf() -> Stmt {
        let start = Int(advance().span.start)
        let condition = parseCondition(after: "if")
        let then = parseEmbeddedStatement()
        var otherwise: Stmt?
        if eat(.else) { otherwise = parseEmbeddedStatement() }
        return stmt(.if(condition: condition, then: then, else: otherwise), span(from: start))
    }

    func parseWhile() -> Stmt {
        let start = Int(advance().span.start)
        let condition = parseCondition(after: "while")
        let body = parseLoopBody()
        return stmt(.while(condition: condition, body: body), span(from: start))
    }

    func parseDoWhile() -> Stmt {
        let start = Int(advance().span.start)
        let body = parseLoopBody()
        guard eat(.while) else {
            let t = current
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0113", "expected `while` after the body of this `do` loop, found \(describe(t))",
                                  at: errorSpan(t), label: "expected `while (condition)`"))
            }
            return stmt(.doWhile(body: body, condition: expr(.error, point(prevEnd))), span(from: start))
        }
        let condition = parseCondition(after: "while")
        _ = eat(.semicolon)  // ASI always applies after `do … while (…)`
        return stmt(.doWhile(body: body, condition: condition), span(from: start))
    }

    func parseLoopBody() -> Stmt {
        loopDepth += 1
        defer { loopDepth -= 1 }
        return parseEmbeddedStatement()
    }

    /// `for (const x of xs) …` or `for (init; condition; update) …`.
    func parseFor() -> Stmt {
        let forToken = advance()
        let start = Int(forToken.span.start)
        if at(.await) {
            report(Diagnostic(.error, "E0121", "`for await` is not supported in omni scripts", at: current.span, label: "not supported"))
            advance()
        }
        guard at(.lParen) else {
            let t = current
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0113", "expected `(` after `for`, found \(describe(t))", at: errorSpan(t),
                                  label: "expected `(`", help: ["write `for (const x of xs) { … }`"]))
            }
            synchronize()
            return stmt(.error, span(from: start))
        }
        let open = current, openIndex = pos
        advance()

        var initializer: Stmt?
        if at(.const) || at(.let) || at(.var) {
            let keyword = advance()
            let kind: VariableKind = keyword.is(.const) ? .const : keyword.is(.let) ? .let : .var
            let nameToken = current
            if case .identifier(let n) = nameToken.kind, peek().isWord("of") || peek().is(.in) {
                advance()
                let name = Identifier(n, span: nameToken.span)
                return parseForOfRest(start: start, kind: kind, name: name, open: open, openIndex: openIndex)
            }
            let declStart = Int(keyword.span.start)
            if let decl = parseDeclarator(kind: kind, keyword: keyword, inForHead: false) {
                initializer = stmt(.variable(decl), span(from: declStart))
            } else {
                initializer = stmt(.error, span(from: declStart))
            }
            if at(.comma) {
                report(Diagnostic(.error, "E0128", "a `for` loop may declare only one variable", at: current.span,
                                  label: "a second declaration starts here",
                                  help: ["declare the other variables before the loop"]))
                while eat(.comma) { _ = parseDeclarator(kind: kind, keyword: keyword, inForHead: true) }
            }
        } else if !at(.semicolon) {
            let e = parseSequence()
            if case .identifier(let n) = e.kind, current.isWord("of") || current.is(.in) {
                report(Diagnostic(.error, "E0128", "the loop variable of `for … \(file.text(current.span))` must be declared here",
                                  at: e.span, label: "`\(n)` is not declared in the loop head")
                    .fixing(.insert("const ", at: e.span, "declare it with `const`")))
                return parseForOfRest(start: start, kind: .const, name: Identifier(n, span: e.span), open: open, openIndex: openIndex)
            }
            initializer = stmt(.expression(e), e.span)
        }

        var condition: Expr?
        var update: Expr?
        if expectForSemicolon(part: "initializer") {
            if !at(.semicolon) { condition = parseSequence() }
            if expectForSemicolon(part: "condition") {
                if !at(.rParen) { update = parseSequence() }
            }
        }
        expectCloser(.rParen, opener: open, openerIndex: openIndex, context: "to close the head of this `for` loop")
        let body = parseLoopBody()
        return stmt(.for(initializer: initializer, condition: condition, update: update, body: body), span(from: start))
    }

    func expectForSemicolon(part: String) -> Bool {
        if eat(.semicolon) { return true }
        let t = current
        if t.kind != .invalid {
            report(Diagnostic(.error, "E0128", "expected `;` after the \(part) of this `for` loop, found \(describe(t))",
                              at: errorSpan(t), label: "expected `;`",
                              help: ["a counting loop is written `for (let i = 0; i < n; i++)`; a loop over values `for (const x of xs)`"]))
        }
        return false
    }

    /// After `for (const x`: `of iterable) body`. `in` is reported (omni has no `for … in`).
    func parseForOfRest(start: Int, kind: VariableKind, name: Identifier, open: ScriptToken, openIndex: Int) -> Stmt {
        let word = advance()
        if word.is(.in) {
            report(Diagnostic(.error, "E0128", "`for … in` loops are not supported in omni scripts", at: word.span,
                              label: "use `of` to loop over values",
                              help: ["to loop over the keys of an object write `for (const key of Object.keys(obj))`"])
                .fixing(.replace(word.span, with: "of", "loop over values with `of`")))
        }
        let iterable = parseAssignment()
        expectCloser(.rParen, opener: open, openerIndex: openIndex, context: "to close the head of this `for` loop")
        let body = parseLoopBody()
        return stmt(.forOf(binding: kind, name: name, iterable: iterable, body: body), span(from: start))
    }

    /// `return`, `return value`. The value must start on the same line.
    func parseReturn() -> Stmt {
        let keyword = advance()
        if functionDepth == 0 {
            report(Diagnostic(.error, "E0127", "`return` outside of a function", at: keyword.span,
                              label: "the script body is not a function",
                              help: ["move this code into a function, or remove the `return`"]))
        }
        var value: Expr?
        let t = current
        if !(t.kind == .eof || t.newlineBefore || t.is(.semicolon) || isCloser(t)) {
            value = parseCommaReported()
        }
        expectSemicolon(after: value)
        return stmt(.return(value), span(from: Int(keyword.span.start)))
    }

    func parseBreakContinue(_ k: ScriptKeyword) -> Stmt {
        let keyword = advance()
        if loopDepth == 0 {
            report(Diagnostic(.error, "E0126", "`\(k.rawValue)` outside of a loop", at: keyword.span,
                              label: "there is no enclosing `for`, `while` or `do` loop",
                              help: [k == .break ? "to leave a function early use `return`" : "remove the `continue`"]))
        }
        let t = current
        if case .identifier = t.kind, !t.newlineBefore {
            report(Diagnostic(.error, "E0121", "labels are not supported in omni scripts", at: t.span,
                              label: "`\(k.rawValue)` takes no label here")
                .fixing(.replace(Span(file: file.id, start: keyword.span.end, end: t.span.end), with: "", "remove the label")))
            advance()
        }
        expectSemicolon()
        return stmt(k == .break ? .break : .continue, span(from: Int(keyword.span.start)))
    }
}
