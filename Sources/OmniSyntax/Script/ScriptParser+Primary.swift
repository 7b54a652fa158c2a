import OmniBase

// Primary expressions: literals, names, parentheses, array and object literals, template
// literals and function expressions; and the parameter lists and bodies functions share.

extension ScriptParser.Engine {
    func parsePrimary() -> Expr {
        let t = current
        switch t.kind {
        case .number(let v):
            advance()
            return expr(.number(v), t.span)
        case .string(let s):
            advance()
            return expr(.string(s), t.span)
        case .template(let s):
            advance()
            return expr(.template(quasis: [s], exprs: []), t.span)
        case .templateHead:
            return parseTemplate()
        case .identifier(let name):
            advance()
            return expr(.identifier(name), t.span)
        case .punct(.lParen):
            return parseParenthesized()
        case .punct(.lBracket):
            return parseArray()
        case .punct(.lBrace):
            return parseObject()
        case .invalid:
            advance()  // the lexer reported it
            return expr(.error, t.span)
        case .keyword(let k):
            switch k {
            case .true, .false:
                advance()
                return expr(.bool(k == .true), t.span)
            case .null, .undefined:
                advance()
                return expr(.null, t.span)
            case .function:
                return parseFunctionExpression()
            case .new:
                report(Diagnostic(.error, "E0121", "`new` is not supported in omni scripts", at: t.span,
                                  label: "omni scripts have no classes or constructors",
                                  help: ["call a function that returns the value instead"]))
                advance()
                guard enter("expression") else { return expr(.error, span(from: Int(t.span.start))) }
                _ = parsePostfix()
                leave()
                return expr(.error, span(from: Int(t.span.start)))
            case .this, .super:
                report(Diagnostic(.error, "E0121", "`\(k.rawValue)` is not available in omni scripts", at: t.span,
                                  label: "omni scripts have no classes",
                                  help: ["refer to the value by name, e.g. a `const` of the script or `props`"]))
                advance()
                return expr(.error, t.span)
            case .class:
                report(Diagnostic(.error, "E0121", "class expressions are not supported in omni scripts", at: t.span,
                                  label: "omni scripts have no classes",
                                  help: ["use an object literal and functions instead"]))
                skipConstruct()
                return expr(.error, span(from: Int(t.span.start)))
            default:
                break
            }
        default:
            break
        }
        reportExpectedExpression(t)
        return expr(.error, point(Int(t.span.start)))
    }

    /// E0110: "expected an expression after `+`, found `;`".
    func reportExpectedExpression(_ t: ScriptToken) {
        guard t.kind != .invalid else { return }
        var context = ""
        if pos > 0, pos - 1 < tokens.count, split == nil {
            let previous = tokens[pos - 1]
            switch previous.kind {
            case .punct(let p) where !p.isCloser: context = " after `\(p.rawValue)`"
            case .keyword(let k) where prefixOperator(previous) != nil || k == .return || k == .in || k == .instanceof:
                context = " after `\(k.rawValue)`"
            case .templateHead, .templateMiddle: context = " inside `${…}`"
            default: break
            }
        }
        var found = describe(t)
        switch t.kind {
        case .templateMiddle, .templateTail: found = "`}`"
        default: break
        }
        // When the found token starts a new line, the expression is missing at the end of the line
        // before (`const a = 1 +`): point there, on the line with the mistake.
        let onPreviousLine = t.newlineBefore && consumedAny
        var d = Diagnostic(.error, "E0110", "expected an expression\(context), found \(found)",
                           at: onPreviousLine ? point(prevEnd) : errorSpan(t),
                           label: onPreviousLine ? "expected an expression here" : "expected an expression")
        switch t.kind {
        case .keyword(let k) where k == .if || k == .for || k == .while || k == .const || k == .let || k == .var || k == .return:
            d = d.note("`\(k.rawValue)` begins a statement, which cannot stand where a value is expected")
            if k == .if { d = d.helping("to choose between two values use the conditional operator: `c ? a : b`") }
        case .punct(.ellipsis):
            d = d.note("spread `...` is only allowed in argument lists, array literals and object literals")
        default:
            break
        }
        report(d)
    }

    /// `(expr)`, or `(a, b)` as a sequence. Arrow heads were recognised before this is called.
    func parseParenthesized() -> Expr {
        brackets += 1
        defer { brackets -= 1 }
        let open = current, openIndex = pos
        advance()
        if at(.rParen) {
            let close = advance()
            report(Diagnostic(.error, "E0110", "expected an expression inside the parentheses, found `)`",
                              at: span(Int(open.span.start), Int(close.span.end)), label: "empty parentheses")
                .helping("an arrow function without parameters is written `() => value`"))
            return expr(.error, span(Int(open.span.start), Int(close.span.end)))
        }
        let inner = parseSequence()
        let close = expectCloser(.rParen, opener: open, openerIndex: openIndex, context: "to close this parenthesis")
        return expr(.paren(inner), span(Int(open.span.start), close.map { Int($0.end) } ?? prevEnd))
    }

    /// `[a, ...b, c]`. Holes (`[a, , b]`) are reported.
    func parseArray() -> Expr {
        brackets += 1
        defer { brackets -= 1 }
        let open = current, openIndex = pos
        advance()
        var elements: [ArrayElement] = []
        let close = parseList(opener: open, openerIndex: openIndex, closer: .rBracket, item: "element", context: "to close this array") { p in
            if p.at(.comma) {
                let comma = p.current
                p.report(Diagnostic(.error, "E0124", "array literals cannot have empty slots", at: comma.span,
                                    label: "nothing before this `,`", notes: ["omni arrays have no holes; every slot needs a value"])
                    .fixing(.replace(comma.span, with: "", "remove the extra `,`")))
            } else {
                elements.append(p.parseArrayElement())
            }
        }
        return expr(.array(elements), span(Int(open.span.start), close.map { Int($0.end) } ?? prevEnd))
    }

    /// `{ a: 1, b, "c d": 2, [k]: v, ...rest, m() { … } }`.
    func parseObject() -> Expr {
        brackets += 1
        defer { brackets -= 1 }
        let open = current, openIndex = pos
        advance()
        var properties: [ObjectProperty] = []
        let close = parseList(opener: open, openerIndex: openIndex, closer: .rBrace, item: "property", context: "to close this object") { p in
            if let property = p.parseObjectProperty() { properties.append(property) }
        }
        return expr(.object(properties), span(Int(open.span.start), close.map { Int($0.end) } ?? prevEnd))
    }

    func parseObjectProperty() -> ObjectProperty? {
        let start = Int(current.span.start)
        if eat(.ellipsis) {
            let value = parseAssignment()
            return ObjectProperty(kind: .spread(value), span: span(from: start))
        }
        if at(.lBracket) {
            let open = current, openIndex = pos
            advance()
            let key = parseAssignment()
            expectCloser(.rBracket, opener: open, openerIndex: openIndex, context: "to close this computed key")
            if at(.lParen) {
                report(Diagnostic(.error, "E0121", "methods with computed names are not supported in omni scripts",
                                  at: span(from: start), label: "computed method name",
                                  help: ["write `[key]: (params) => …` instead"]))
                _ = parseSignature()
                _ = parseFunctionBody()
                return nil
            }
            guard expectPropertyColon() else { return nil }
            let value = parseAssignment()
            return ObjectProperty(kind: .computed(key: key, value: value), span: span(from: start))
        }

        let t = current
        let key: Identifier
        var isName = false
        switch t.kind {
        case .identifier(let name): key = Identifier(name, span: t.span); isName = true
        case .keyword(let k): key = Identifier(k.rawValue, span: t.span)
        case .string(let s): key = Identifier(s, span: t.span)
        case .number(let v): key = Identifier(ScriptToken.formatNumber(v), span: t.span)
        default:
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0114", "expected a property name, found \(describe(t))", at: errorSpan(t),
                                  label: "expected a name, a string, a number, `[key]` or `...`"))
            }
            return nil
        }
        advance()

        if isName, key.name == "get" || key.name == "set", !t.newlineBefore, propertyNameFollows() {
            report(Diagnostic(.error, "E0121", "getters and setters are not supported in omni scripts", at: t.span,
                              label: "`\(key.name)` accessor", help: ["use a method or a plain property instead"]))
            advance()
            _ = parseSignature()
            _ = parseFunctionBody()
            return nil
        }
        if eat(.colon) {
            let value = parseAssignment()
            return ObjectProperty(kind: .keyValue(key: key, value: value, shorthand: false), span: span(from: start))
        }
        if at(.lParen) {
            let signature = parseSignature()
            let (body, _) = parseFunctionBody()
            return ObjectProperty(kind: .method(key: key, signature, body: body), span: span(from: start))
        }
        if at(.comma) || at(.rBrace) {
            if isName {
                let value = expr(.identifier(key.name), key.span)
                return ObjectProperty(kind: .keyValue(key: key, value: value, shorthand: true), span: key.span)
            }
            if case .keyword(let k) = t.kind {
                report(Diagnostic(.error, "E0115", "`\(k.rawValue)` is a reserved word and cannot be a shorthand property",
                                  at: t.span, label: "reserved word",
                                  help: ["write the value explicitly: `\(k.rawValue): value`"]))
                return nil
            }
        }
        guard expectPropertyColon() else { return nil }
        let value = parseAssignment()
        return ObjectProperty(kind: .keyValue(key: key, value: value, shorthand: false), span: span(from: start))
    }

    /// Whether the current token can be a property name (after `get`/`set`).
    func propertyNameFollows() -> Bool {
        switch current.kind {
        case .identifier, .keyword, .string, .number: true
        default: false
        }
    }

    /// Expects the `:` between an object key and its value. `=` is reported with a fix-it and accepted.
    func expectPropertyColon() -> Bool {
        if eat(.colon) { return true }
        let t = current
        if t.is(.equal) {
            report(Diagnostic(.error, "E0113", "expected `:` after this property name, found `=`", at: t.span,
                              label: "object properties use `:`")
                .fixing(.replace(t.span, with: ":", "replace `=` with `:`")))
            advance()
            return true
        }
        if t.kind != .invalid {
            report(Diagnostic(.error, "E0113", "expected `:` after this property name, found \(describe(t))", at: errorSpan(t),
                              label: "expected `:` and a value"))
        }
        return false
    }

    /// `` `a${x}b${y}c` ``: the head token is current.
    func parseTemplate() -> Expr {
        brackets += 1
        defer { brackets -= 1 }
        let head = current
        guard case .templateHead(let first) = head.kind else { return parsePrimary() }
        advance()
        var quasis = [first]
        var exprs: [Expr] = []
        var opener = head
        while true {
            exprs.append(parseSequence())
            let t = current
            if !isTemplateContinuation(t), t.kind != .eof {
                if t.kind != .invalid {
                    let dollar = Span(file: file.id, start: max(opener.span.start, opener.span.end &- 2), end: opener.span.end)
                    report(Diagnostic(.error, "E0111", "expected `}` to close this template substitution, found \(describe(t))",
                                      at: errorSpan(t), label: "expected `}`")
                        .labeled(dollar, "the substitution starts here"))
                }
                while !isTemplateContinuation(current), !atEOF {
                    if !skipGroup() { advance() }
                }
            }
            let c = current
            switch c.kind {
            case .templateMiddle(let text):
                advance()
                quasis.append(text)
                opener = c
            case .templateTail(let text):
                advance()
                quasis.append(text)
                return expr(.template(quasis: quasis, exprs: exprs), span(from: Int(head.span.start)))
            default:  // the end: the lexer reported the unterminated template
                quasis.append("")
                return expr(.template(quasis: quasis, exprs: exprs), span(from: Int(head.span.start)))
            }
        }
    }

    func isTemplateContinuation(_ t: ScriptToken) -> Bool {
        switch t.kind {
        case .templateMiddle, .templateTail: true
        default: false
        }
    }

    /// `function name?(params): T { body }` in expression position.
    func parseFunctionExpression() -> Expr {
        let start = Int(current.span.start)
        advance()
        var name: Identifier?
        if case .identifier(let n) = current.kind { name = Identifier(n, span: advance().span) }
        rejectGenerator()
        let signature = parseSignature()
        let (body, _) = parseFunctionBody()
        return expr(.function(name: name, signature, body: body), span(from: start))
    }

    /// `function*` is reported and the `*` skipped.
    func rejectGenerator() {
        guard at(.star) else { return }
        report(Diagnostic(.error, "E0121", "generator functions are not supported in omni scripts", at: current.span,
                          label: "`*` makes this a generator")
            .fixing(.replace(current.span, with: "", "remove the `*`")))
        advance()
    }

    // MARK: - Functions

    /// `(params): ReturnType`.
    func parseSignature() -> FunctionSignature {
        let start = Int(current.span.start)
        guard at(.lParen) else {
            let t = current
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0113", "expected `(` to start the parameter list, found \(describe(t))",
                                  at: errorSpan(t), label: "expected `(`"))
            }
            return FunctionSignature(params: [], returnType: nil, span: point(start))
        }
        let params = parseParameterList()
        var returnType: TypeExpr?
        if eat(.colon) { returnType = parseTypeAnnotation() }
        return FunctionSignature(params: params, returnType: returnType, span: span(from: start))
    }

    /// `(a, b: number = 1, ...rest: string[])`; the cursor is on `(`.
    func parseParameterList() -> [Param] {
        brackets += 1
        defer { brackets -= 1 }
        let open = current, openIndex = pos
        advance()
        var params: [Param] = []
        _ = parseList(opener: open, openerIndex: openIndex, closer: .rParen, item: "parameter", context: "to close the parameter list") { p in
            if let param = p.parseParameter() { params.append(param) }
        }
        for param in params.dropLast() where param.rest {
            report(Diagnostic(.error, "E0123", "a rest parameter must be the last parameter", at: param.span,
                              label: "`...\(param.name.name)` is followed by more parameters",
                              help: ["move `...\(param.name.name)` to the end of the parameter list"]))
        }
        return params
    }

    func parseParameter() -> Param? {
        let start = Int(current.span.start)
        let rest = eat(.ellipsis)
        let t = current
        let name: Identifier
        switch t.kind {
        case .identifier(let n):
            advance()
            name = Identifier(n, span: t.span)
        case .keyword(let k):
            report(Diagnostic(.error, "E0115", "`\(k.rawValue)` is a reserved word and cannot name a parameter", at: t.span,
                              label: "reserved word", help: ["choose another name, e.g. `\(k.rawValue)Value`"]))
            advance()
            name = Identifier(k.rawValue, span: t.span)
        case .punct(.lBrace), .punct(.lBracket):
            report(Diagnostic(.error, "E0122", "destructuring parameters are not supported in omni scripts", at: t.span,
                              label: "a pattern is not a parameter name",
                              help: ["take the whole value as one parameter and read its parts in the body"]))
            if !skipGroup() { advance() }
            if eat(.colon) { _ = parseTypeAnnotation() }
            if eat(.equal) { _ = parseAssignment() }
            return nil
        default:
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0114", "expected a parameter name, found \(describe(t))", at: errorSpan(t),
                                  label: "expected a name"))
            }
            return nil
        }
        let question = current
        let optional = eat(.question)
        var type: TypeExpr?
        if eat(.colon) { type = parseTypeAnnotation() }
        var defaultValue: Expr?
        if eat(.equal) { defaultValue = parseAssignment() }
        let whole = span(from: start)
        if rest, defaultValue != nil {
            report(Diagnostic(.error, "E0122", "a rest parameter cannot have a default value", at: whole,
                              label: "`...\(name.name)` always receives an array (possibly empty)"))
        } else if rest, optional {
            report(Diagnostic(.error, "E0122", "a rest parameter cannot be optional", at: question.span, label: "remove this `?`")
                .fixing(.replace(question.span, with: "", "remove the `?`")))
        } else if optional, defaultValue != nil {
            report(Diagnostic(.error, "E0122", "a parameter cannot be both optional and have a default value", at: question.span,
                              label: "`?` is redundant: the default value already makes it optional")
                .fixing(.replace(question.span, with: "", "remove the `?`")))
        }
        return Param(id: ids.next(), name: name, type: type, defaultValue: defaultValue, optional: optional, rest: rest, span: whole)
    }

    /// `{ statements }` as the body of a function: `return` is allowed, enclosing loops are not visible.
    func parseFunctionBody() -> ([Stmt], Span) {
        guard at(.lBrace) else {
            let t = current
            // After an error earlier on the function's line (a broken parameter list), the missing
            // body is a consequence, not a second mistake.
            // (The latest error is the one to look at; the line start comes from the line index.)
            let line = file.lines.line(of: prevEnd)
            let lineStart = line >= 1 && line <= file.lines.starts.count ? file.lines.starts[line - 1] : 0
            let followsError = t.newlineBefore && sink.diagnostics.last.map { $0.severity == .error && Int($0.span.start) >= lineStart } ?? false
            if t.kind != .invalid, !followsError {
                report(Diagnostic(.error, "E0113", "expected `{` to start the function body, found \(describe(t))",
                                  at: errorSpan(t), label: "expected `{`"))
            }
            return ([], point(prevEnd))
        }
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            loopDepth = savedLoops
            functionDepth -= 1
        }
        return parseBlockBody()
    }
}
