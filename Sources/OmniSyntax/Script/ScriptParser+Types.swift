import OmniBase

// Type annotations: named types with arguments, `T[]`, `T?`, unions (with `| null` normalised
// to `.optional`), object shapes, function types, parenthesised and string literal types.
// `>>`, `>>>`, `>=`, `>>=` and `>>>=` are split when one `>` closes type arguments.

extension ScriptParser.Engine {
    /// The whole region as one type (`ScriptParser.parseType`).
    func parseTopLevelType() -> TypeExpr {
        let result = parseTypeAnnotation()
        let t = current
        if t.kind != .eof, t.kind != .invalid {
            report(Diagnostic(.error, "E0113", "unexpected \(describe(t)) after the type", at: t.span,
                              label: "the type ends before this"))
        }
        return result
    }

    /// A type: a union of postfix types. `T | null` and `T | undefined` become `.optional(T)`.
    /// With `inExpression` (after `as`), a `?` followed by an expression is left to the conditional.
    func parseTypeAnnotation(inExpression: Bool = false) -> TypeExpr {
        if stackIsLow, let t = onFreshStack({ self.parseTypeAnnotation(inExpression: inExpression) }) { return t }
        let start = Int(current.span.start)
        guard enter("type") else { return type(.error, span(start, max(start, prevEnd))) }
        defer { leave() }
        let leadingPipe = eat(.pipe)
        var members = [parsePostfixType(inExpression: inExpression)]
        while true {
            if eat(.pipe) {
                members.append(parsePostfixType(inExpression: inExpression))
            } else if at(.amp) {
                report(Diagnostic(.error, "E0121", "intersection types (`&`) are not supported in omni scripts", at: current.span,
                                  label: "not supported", help: ["write one object type with all the members"]))
                advance()
                _ = parsePostfixType(inExpression: inExpression)
            } else {
                break
            }
        }
        if members.count == 1, !leadingPipe { return members[0] }
        let whole = span(from: start)
        let present = members.filter { !isNullType($0) }
        guard !present.isEmpty else { return members[0] }
        let core = present.count == 1 ? present[0] : type(.union(present), whole)
        return present.count < members.count ? type(.optional(core), whole) : core
    }

    func isNullType(_ t: TypeExpr) -> Bool {
        if case .named(let name, let arguments) = t.kind, arguments.isEmpty, name.name == "null" || name.name == "undefined" { return true }
        return false
    }

    /// A primary type followed by `[]` and `?` suffixes.
    func parsePostfixType(inExpression: Bool) -> TypeExpr {
        var t = parsePrimaryType(inExpression: inExpression)
        var links = 0
        defer { depth -= links }
        while true {
            let c = current
            if c.is(.lBracket) || c.is(.question) {
                guard depth < ScriptParser.maxNestingDepth else {
                    tooDeep("type")
                    return type(.error, t.span)
                }
                depth += 1
                links += 1
            }
            if c.is(.lBracket), !c.newlineBefore, peek().is(.rBracket) {
                advance()
                let close = advance()
                t = type(.array(t), t.span.merged(with: close.span))
            } else if c.is(.question) {
                let next = peek()
                if inExpression, startsExpression(next) { break }
                advance()
                t = type(.optional(t), t.span.merged(with: c.span))
            } else {
                break
            }
        }
        return t
    }

    func parsePrimaryType(inExpression: Bool) -> TypeExpr {
        let t = current
        let start = Int(t.span.start)
        switch t.kind {
        case .identifier(let name):
            advance()
            var full = name
            var nameSpan = t.span
            while at(.dot), case .identifier(let part) = peek().kind {
                advance()
                let p = advance()
                full += "." + part
                nameSpan = nameSpan.merged(with: p.span)
            }
            var arguments: [TypeExpr] = []
            if at(.less) { arguments = parseTypeArguments() }
            return type(.named(Identifier(full, span: nameSpan), arguments: arguments), span(from: start))
        case .keyword(let k) where k == .null || k == .undefined || k == .void:
            advance()
            return type(.named(Identifier(k.rawValue, span: t.span), arguments: []), t.span)
        case .string(let s):
            advance()
            return type(.stringLiteral(s), t.span)
        case .number, .keyword(.true), .keyword(.false), .template, .templateHead:
            report(Diagnostic(.error, "E0121", "only string literal types are supported in omni scripts", at: t.span,
                              label: "a literal type", help: ["use `number`, `bool`, `string` or a string literal type such as `\"primary\"`"]))
            if !skipGroup() { advance() }
            return type(.error, span(from: start))
        case .keyword(.typeof):
            report(Diagnostic(.error, "E0121", "`typeof` types are not supported in omni scripts", at: t.span,
                              label: "not supported", help: ["write the type itself"]))
            advance()
            // Skip the dotted name; types never parse expressions (speculation must stay linear).
            while case .identifier = current.kind {
                advance()
                guard eat(.dot) else { break }
            }
            return type(.error, span(from: start))
        case .punct(.lBrace):
            return parseObjectType()
        case .punct(.lParen):
            if split == nil, let close = closerIndex(of: pos), token(at: close + 1).is(.arrow) { return parseFunctionType() }
            let openIndex = pos
            advance()
            let inner = parseTypeAnnotation()
            let close = expectCloser(.rParen, opener: t, openerIndex: openIndex, context: "to close this parenthesised type")
            return type(.paren(inner), span(start, close.map { Int($0.end) } ?? prevEnd))
        case .punct(.lBracket):
            report(Diagnostic(.error, "E0121", "tuple types are not supported in omni scripts", at: t.span,
                              label: "a tuple type", help: ["use an array type such as `number[]`, or an object type with named members"]))
            if !skipGroup() { advance() }
            return type(.error, span(from: start))
        case .invalid:
            advance()
            return type(.error, t.span)
        default:
            var context = ""
            if pos > 0, pos - 1 < tokens.count, split == nil, case .punct(let p) = tokens[pos - 1].kind, !p.isCloser {
                context = " after `\(p.rawValue)`"
            }
            report(Diagnostic(.error, "E0125", "expected a type\(context), found \(describe(t))", at: errorSpan(t),
                              label: "expected a type such as `number`, `string[]` or `{ x: number }`"))
            return type(.error, point(start))
        }
    }

    /// `<A, B>` after a type name; the cursor is on `<`.
    func parseTypeArguments() -> [TypeExpr] {
        let open = advance()
        var arguments: [TypeExpr] = []
        while true {
            if arguments.isEmpty, isClosingAngle() {
                report(Diagnostic(.error, "E0125", "expected a type argument between `<` and `>`", at: current.span,
                                  label: "empty type arguments"))
                _ = eatClosingAngle()
                return arguments
            }
            arguments.append(parseTypeAnnotation())
            if eat(.comma) {
                if isClosingAngle() { _ = eatClosingAngle(); return arguments }
                continue
            }
            if eatClosingAngle() { return arguments }
            let t = current
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0111", "expected `>` to close the type arguments, found \(describe(t))",
                                  at: errorSpan(t), label: "expected `>` or `,`")
                    .labeled(open.span, "the type arguments start here")
                    .fixing(.insert(">", at: point(prevEnd), "insert `>`")))
            }
            return arguments
        }
    }

    func isClosingAngle() -> Bool {
        switch current.kind {
        case .punct(.greater), .punct(.greaterGreater), .punct(.greaterGreaterGreater), .punct(.greaterEqual),
             .punct(.greaterGreaterEqual), .punct(.greaterGreaterGreaterEqual): true
        default: false
        }
    }

    /// Consumes one `>`; a longer token starting with `>` is split and its rest stays current.
    func eatClosingAngle() -> Bool {
        let t = current
        let rest: ScriptPunctuator?
        switch t.kind {
        case .punct(.greater): rest = nil
        case .punct(.greaterGreater): rest = .greater
        case .punct(.greaterGreaterGreater): rest = .greaterGreater
        case .punct(.greaterEqual): rest = .equal
        case .punct(.greaterGreaterEqual): rest = .greaterEqual
        case .punct(.greaterGreaterGreaterEqual): rest = .greaterGreaterEqual
        default: return false
        }
        guard let rest else {
            advance()
            return true
        }
        let cut = Int(t.span.start) + 1
        prevEnd = cut
        consumedAny = true
        split = ScriptToken(kind: .punct(rest), span: span(cut, Int(t.span.end)), newlineBefore: false)
        syncCurrent()
        return true
    }

    /// `(a: A, b?: B) => R`; the cursor is on `(`.
    func parseFunctionType() -> TypeExpr {
        let open = current
        let params = parseFunctionTypeParameters()
        if !eat(.arrow) {
            let t = current
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0113", "expected `=>` and a return type in this function type, found \(describe(t))",
                                  at: errorSpan(t), label: "expected `=>`"))
            }
            return type(.function(params: params, returns: type(.error, point(prevEnd))), span(from: Int(open.span.start)))
        }
        let returns = parseTypeAnnotation()
        return type(.function(params: params, returns: returns), span(from: Int(open.span.start)))
    }

    /// `(a: A, b?: B, ...c: C[])` of a function type or method signature: the types, with optional
    /// parameters as `.optional` (the names are not kept).
    func parseFunctionTypeParameters() -> [TypeExpr] {
        let open = current, openIndex = pos
        advance()
        var params: [TypeExpr] = []
        _ = parseList(opener: open, openerIndex: openIndex, closer: .rParen, item: "parameter", context: "to close the parameter list") { p in
            _ = p.eat(.ellipsis)
            let t = p.current
            switch t.kind {
            case .identifier, .keyword: p.advance()
            default:
                if t.kind != .invalid {
                    p.report(Diagnostic(.error, "E0125", "expected a parameter name in this function type, found \(p.describe(t))",
                                        at: p.errorSpan(t), label: "expected `name: Type`",
                                        help: ["in a function type every parameter has a name and a type: `(x: number) => string`"]))
                }
                return
            }
            let optional = p.eat(.question)
            guard p.eat(.colon) else {
                let c = p.current
                if c.kind != .invalid {
                    p.report(Diagnostic(.error, "E0125", "expected `:` and a type after the parameter `\(p.file.text(t.span))`, found \(p.describe(c))",
                                        at: p.errorSpan(c), label: "expected `:`",
                                        help: ["in a function type every parameter has a name and a type: `(x: number) => string`"]))
                }
                return
            }
            let paramType = p.parseTypeAnnotation()
            params.append(optional ? p.type(.optional(paramType), paramType.span) : paramType)
        }
        return params
    }

    /// `{ name: string; age?: number, greet(x: string): string }`: members separated by `;`, `,` or line breaks.
    func parseObjectType() -> TypeExpr {
        let open = current, openIndex = pos
        advance()
        var members: [TypeMember] = []
        while true {
            let key = progressKey
            if at(.rBrace) {
                advance()
                break
            }
            if listCannotContinue(openerIndex: openIndex) {
                reportMissingCloser(.rBrace, opener: open, openerIndex: openIndex, context: "to close this object type")
                break
            }
            if let member = parseTypeMember() { members.append(member) }
            if eat(.comma) || eat(.semicolon) || at(.rBrace) { continue }
            // A line break separates members too (only after a member that consumed something).
            if progressKey != key, current.newlineBefore, !listCannotContinue(openerIndex: openIndex) { continue }
            if listCannotContinue(openerIndex: openIndex) {
                reportMissingCloser(.rBrace, opener: open, openerIndex: openIndex, context: "to close this object type")
                break
            }
            let t = current
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0113", "expected `;`, `,` or `}` after this member, found \(describe(t))",
                                  at: errorSpan(t), label: "expected a separator"))
            }
            var first = true
            while !(atEOF || at(.comma) || at(.semicolon) || isCloser(current) || (!first && current.newlineBefore)) {
                first = false
                if !skipGroup() { advance() }
            }
            _ = eat(.comma) || eat(.semicolon)
            if !ensureProgress(since: key) { break }
        }
        return type(.object(members), span(from: Int(open.span.start)))
    }

    func parseTypeMember() -> TypeMember? {
        let t = current
        let start = Int(t.span.start)
        let name: Identifier
        switch t.kind {
        case .identifier(let n): name = Identifier(n, span: t.span)
        case .keyword(let k): name = Identifier(k.rawValue, span: t.span)
        case .string(let s): name = Identifier(s, span: t.span)
        case .number(let v): name = Identifier(ScriptToken.formatNumber(v), span: t.span)
        case .punct(.lBracket):
            report(Diagnostic(.error, "E0121", "index signatures are not supported in omni scripts", at: t.span,
                              label: "an index signature", help: ["name every member, or use an array of entries"]))
            if !skipGroup() { advance() }
            if eat(.colon) { _ = parseTypeAnnotation() }
            return nil
        default:
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0114", "expected a member name in this object type, found \(describe(t))",
                                  at: errorSpan(t), label: "expected `name: Type`"))
            }
            return nil
        }
        advance()
        let optional = eat(.question)
        if at(.lParen) {
            let paramsStart = Int(current.span.start)
            let params = parseFunctionTypeParameters()
            let returns: TypeExpr
            if eat(.colon) {
                returns = parseTypeAnnotation()
            } else {
                report(Diagnostic(.error, "E0125", "expected `:` and a return type after the parameters of `\(name.name)`, found \(describe(current))",
                                  at: errorSpan(current), label: "expected `: Type`"))
                returns = type(.error, point(prevEnd))
            }
            let method = type(.function(params: params, returns: returns), span(from: paramsStart))
            return TypeMember(name: name, type: method, optional: optional, span: span(from: start))
        }
        guard eat(.colon) else {
            let c = current
            if c.kind != .invalid {
                report(Diagnostic(.error, "E0113", "expected `:` after the member name `\(name.name)`, found \(describe(c))",
                                  at: errorSpan(c), label: "expected `: Type`"))
            }
            return nil
        }
        let memberType = parseTypeAnnotation()
        return TypeMember(name: name, type: memberType, optional: optional, span: span(from: start))
    }
}
