import OmniBase

// Expressions, from assignment down to the primary expressions. Binary operators are parsed with
// an explicit operator stack (no recursion per precedence level) and prefix operators with a loop,
// so the only recursion is through bracketed sub-expressions, which `enter` bounds.

extension ScriptParser.Engine {
    // MARK: - Entry points

    /// The expression of `parseExpression`: `a, b` is read as a sequence and reported, unless `stopAtComma`.
    func parseTopLevelExpression() -> Expr {
        let e = parseCommaReported()
        return e
    }

    /// An expression where a comma operator needs parentheses (statements, `{expr}`): reads `a, b`, reports it.
    func parseCommaReported() -> Expr {
        let first = parseAssignment()
        guard at(.comma), !stopAtComma else { return first }
        let comma = current
        var items = [first]
        while eat(.comma) { items.append(parseAssignment()) }
        let whole = span(Int(first.span.start), prevEnd)
        report(Diagnostic(.error, "E0121", "comma expressions are only allowed inside parentheses", at: comma.span,
                          label: "this `,` would start a comma expression",
                          help: ["write one statement per expression, or wrap the sequence in parentheses"])
            .fixing(FixIt("wrap the sequence in parentheses", edits: [
                TextEdit(span: whole.startPoint, replacement: "("), TextEdit(span: whole.endPoint, replacement: ")"),
            ])))
        return expr(.sequence(items), whole)
    }

    /// An expression where `a, b` is a sequence: inside parentheses, brackets, `${}` and `for` heads.
    func parseSequence() -> Expr {
        let first = parseAssignment()
        guard at(.comma) else { return first }
        var items = [first]
        while eat(.comma) { items.append(parseAssignment()) }
        return expr(.sequence(items), span(Int(first.span.start), prevEnd))
    }

    // MARK: - Assignment, arrows, conditional

    /// An assignment expression: an arrow function, or a conditional optionally assigned to.
    /// `allowArrowReturnType` is false in the `?` branch of a conditional, where `(a): b => c` would steal its `:`.
    func parseAssignment(allowArrowReturnType: Bool = true) -> Expr {
        if stackIsLow, let e = onFreshStack({ self.parseAssignment(allowArrowReturnType: allowArrowReturnType) }) { return e }
        let start = Int(current.span.start)
        guard enter("expression") else { return expr(.error, span(start, max(start, prevEnd))) }
        defer { leave() }
        let t = current
        if case .identifier = t.kind, peek().is(.arrow) { return parseArrowFunction() }
        if t.is(.lParen), isArrowHead(allowReturnType: allowArrowReturnType) { return parseArrowFunction() }

        let lhs = parseConditional(allowArrowReturnType: allowArrowReturnType)
        guard case .punct(let p) = current.kind, let op = p.assignmentOperator else { return lhs }
        let opToken = advance()
        checkAssignable(lhs, what: "the left side of `\(op.rawValue)`")
        let rhs = parseAssignment()
        return expr(.assign(op, target: lhs, value: rhs, opSpan: opToken.span), lhs.span.merged(with: rhs.span))
    }

    /// At `(`: whether this starts an arrow function. Looks at the token after the matching `)`:
    /// `=>`, or `:` followed by a type and `=>` (the type is parsed speculatively, without reports).
    func isArrowHead(allowReturnType: Bool) -> Bool {
        guard split == nil, let close = closerIndex(of: pos) else { return false }
        let next = token(at: close + 1)
        if next.is(.arrow) { return true }
        guard allowReturnType, next.is(.colon) else { return false }
        let saved = snapshot()
        move(to: close + 2)
        _ = parseTypeAnnotation()
        let isArrow = current.is(.arrow)
        restore(saved)
        return isArrow
    }

    /// `x => …`, `(a, b: number = 1, ...rest) => …`, `(): T => { … }`.
    func parseArrowFunction() -> Expr {
        let start = Int(current.span.start)
        var params: [Param]
        if case .identifier(let name) = current.kind {
            let t = advance()
            params = [Param(id: ids.next(), name: Identifier(name, span: t.span), type: nil, defaultValue: nil,
                            optional: false, rest: false, span: t.span)]
        } else {
            params = parseParameterList()
        }
        var returnType: TypeExpr?
        if eat(.colon) { returnType = parseTypeAnnotation() }
        let signature = FunctionSignature(params: params, returnType: returnType, span: span(from: start))
        if !eat(.arrow) {
            let t = current
            report(Diagnostic(.error, "E0113", "expected `=>` after the parameters of this arrow function, found \(describe(t))",
                              at: errorSpan(t), label: "expected `=>`"))
        }
        let body: ArrowBody
        if at(.lBrace) {
            let (statements, bodySpan) = parseFunctionBody()
            body = .block(statements, span: bodySpan)
        } else {
            body = .expression(parseAssignment())
        }
        return expr(.arrow(signature, body), span(from: start))
    }

    /// `c ? a : b`, or just the binary expression.
    func parseConditional(allowArrowReturnType: Bool) -> Expr {
        let condition = parseBinary()
        guard at(.question) else { return condition }
        let question = advance()
        let then = parseAssignment(allowArrowReturnType: false)
        guard eat(.colon) else {
            let t = current
            report(Diagnostic(.error, "E0113", "expected `:` after the first branch of this conditional, found \(describe(t))",
                              at: errorSpan(t), label: "expected `:` and the `else` value")
                .labeled(question.span, "this `?` needs a matching `:`"))
            let missing = expr(.error, point(prevEnd))
            return expr(.conditional(condition, then: then, else: missing), span(Int(condition.span.start), prevEnd))
        }
        let otherwise = parseAssignment(allowArrowReturnType: allowArrowReturnType)
        return expr(.conditional(condition, then: then, else: otherwise), condition.span.merged(with: otherwise.span))
    }

    // MARK: - Binary operators

    func binaryOperator(_ t: ScriptToken) -> BinaryOperator? {
        switch t.kind {
        case .punct(let p): p.binaryOperator
        case .keyword(.in): .in
        case .keyword(.instanceof): .instanceof
        default: nil
        }
    }

    /// Every binary operator and `as`, by precedence climbing over an explicit stack.
    func parseBinary() -> Expr {
        // `{#each xs as x}`: outside brackets, `as` ends the expression.
        let asEnds = stopAtAs && brackets == 0
        var operands: [Expr] = [parseUnary()]
        var ops: [(op: BinaryOperator, span: Span)] = []
        // Each operator deepens the tree by one level, so a chain counts toward the nesting limit.
        var links = 0
        defer { depth -= links }
        while true {
            let t = current
            if t.isWord("as"), !t.newlineBefore, !asEnds {
                // `as` binds like the relational operators, left to right.
                while let top = ops.last, top.op.precedence >= BinaryOperator.less.precedence { reduce(&operands, &ops) }
                advance()
                guard chainLink(&links) else { break }
                let type = parseTypeAnnotation(inExpression: true)
                let value = operands.removeLast()
                operands.append(expr(.asType(value, type), value.span.merged(with: type.span)))
                continue
            }
            guard let op = binaryOperator(t) else { break }
            while let top = ops.last,
                  top.op.precedence > op.precedence || (top.op.precedence == op.precedence && !op.isRightAssociative) {
                reduce(&operands, &ops)
            }
            ops.append((op, t.span))
            advance()
            guard chainLink(&links) else {
                operands.append(expr(.error, point(prevEnd)))
                break
            }
            operands.append(parseUnary())
        }
        while !ops.isEmpty { reduce(&operands, &ops) }
        return operands[0]
    }

    /// Counts one more link of an operator, call or member chain as a level of nesting; past the
    /// limit reports it, skips the rest of the chain and returns false.
    func chainLink(_ links: inout Int) -> Bool {
        guard depth < ScriptParser.maxNestingDepth else {
            tooDeep("expression")
            return false
        }
        depth += 1
        links += 1
        return true
    }

    /// Pops one operator and its two operands and pushes the binary node, checking the mixes TS forbids.
    func reduce(_ operands: inout [Expr], _ ops: inout [(op: BinaryOperator, span: Span)]) {
        guard let (op, opSpan) = ops.popLast(), operands.count >= 2 else { return }
        let right = operands.removeLast(), left = operands.removeLast()
        checkNullishMix(op, opSpan, left, right)
        if op == .power, case .unary(let u, let operand, let uSpan) = left.kind, u != .preIncrement, u != .preDecrement {
            let l = file.text(left.span), o = file.text(operand.span), r = file.text(right.span)
            let separator = u.rawValue.count > 1 ? " " : ""
            report(Diagnostic(.error, "E0119", "a unary `\(u.rawValue)` cannot stand on the left of `**` without parentheses",
                              at: left.span, label: "this operand needs parentheses")
                .labeled(uSpan, "unary `\(u.rawValue)` here")
                .note("it is unclear whether the unary operator or the power applies first")
                .helping(l.count + r.count < 40
                    ? "write `(\(l)) ** \(r)` or `\(u.rawValue)\(separator)(\(o) ** \(r))`"
                    : "add parentheses around the part that should be evaluated first"))
        }
        operands.append(expr(.binary(op, left, right, opSpan: opSpan), left.span.merged(with: right.span)))
    }

    /// `a ?? b || c` and friends need parentheses, as in TypeScript.
    func checkNullishMix(_ op: BinaryOperator, _ opSpan: Span, _ left: Expr, _ right: Expr) {
        func logical(_ e: Expr) -> (BinaryOperator, Span)? {
            if case .binary(let o, _, _, let s) = e.kind, o == .or || o == .and || o == .nullish { return (o, s) }
            return nil
        }
        let inner = [logical(left), logical(right)].compactMap { $0 }
        let clash: (BinaryOperator, Span)?
        if op == .nullish {
            clash = inner.first { $0.0 != .nullish }
        } else if op == .or || op == .and {
            clash = inner.first { $0.0 == .nullish }
        } else {
            clash = nil
        }
        guard let (other, otherSpan) = clash else { return }
        let (nullishSpan, logicSpan, logic) = op == .nullish ? (opSpan, otherSpan, other) : (otherSpan, opSpan, op)
        report(Diagnostic(.error, "E0118", "`??` cannot be mixed with `\(logic.rawValue)` without parentheses",
                          at: opSpan, label: "`\(op.rawValue)` here")
            .labeled(op == .nullish ? logicSpan : nullishSpan, "`\(other.rawValue)` here")
            .helping("add parentheses around the part that should be evaluated first, e.g. `(a ?? b) \(logic.rawValue) c`"))
    }

    // MARK: - Unary and postfix

    func prefixOperator(_ t: ScriptToken) -> UnaryOperator? {
        switch t.kind {
        case .punct(.bang): .not
        case .punct(.minus): .negate
        case .punct(.plus): .plus
        case .punct(.tilde): .bitNot
        case .punct(.plusPlus): .preIncrement
        case .punct(.minusMinus): .preDecrement
        case .keyword(.typeof): .typeof
        case .keyword(.void): .void
        case .keyword(.delete): .delete
        case .keyword(.await): .await
        default: nil
        }
    }

    /// Prefix operators (a loop: each one counts as a level of nesting), then a postfix expression.
    func parseUnary() -> Expr {
        guard prefixOperator(current) != nil else { return parsePostfix() }
        let start = Int(current.span.start)
        var ops: [(op: UnaryOperator, span: Span)] = []
        while let op = prefixOperator(current) {
            guard depth + ops.count < ScriptParser.maxNestingDepth else {
                depth += ops.count
                tooDeep("expression")
                depth -= ops.count
                return expr(.error, span(start, prevEnd))
            }
            ops.append((op, advance().span))
        }
        depth += ops.count
        var e = parsePostfix()
        depth -= ops.count
        for (op, opSpan) in ops.reversed() {
            if op == .preIncrement || op == .preDecrement { checkAssignable(e, what: "the operand of `\(op.rawValue)`") }
            e = expr(.unary(op, e, opSpan: opSpan), opSpan.merged(with: e.span))
        }
        return e
    }

    /// A primary expression followed by `.x`, `?.x`, `[i]`, `?.[i]`, `(args)`, `?.(args)`, `!`, `++`, `--`.
    func parsePostfix() -> Expr {
        var e = parsePrimary()
        var links = 0
        defer { depth -= links }
        while true {
            let t = current
            switch t.kind {
            case .punct(.dot), .punct(.questionDot), .punct(.lBracket), .punct(.lParen):
                guard chainLink(&links) else { return expr(.error, span(Int(e.span.start), prevEnd)) }
            default:
                break
            }
            switch t.kind {
            case .punct(.dot):
                advance()
                guard let name = parsePropertyName(after: "`.`") else { return expr(.error, span(Int(e.span.start), prevEnd)) }
                e = expr(.member(e, name: name, optional: false), e.span.merged(with: name.span))
            case .punct(.questionDot):
                advance()
                if at(.lParen) {
                    e = parseCall(e, optional: true)
                } else if at(.lBracket) {
                    e = parseIndex(e, optional: true)
                } else {
                    guard let name = parsePropertyName(after: "`?.`") else { return expr(.error, span(Int(e.span.start), prevEnd)) }
                    e = expr(.member(e, name: name, optional: true), e.span.merged(with: name.span))
                }
            case .punct(.lBracket):
                e = parseIndex(e, optional: false)
            case .punct(.lParen):
                e = parseCall(e, optional: false)
            case .punct(.bang) where !t.newlineBefore:
                advance()
                e = expr(.nonNull(e), e.span.merged(with: t.span))
            case .punct(.plusPlus) where !t.newlineBefore, .punct(.minusMinus) where !t.newlineBefore:
                advance()
                let op: PostfixOperator = t.is(.plusPlus) ? .increment : .decrement
                checkAssignable(e, what: "the operand of `\(op.rawValue)`")
                return expr(.postfix(op, e, opSpan: t.span), e.span.merged(with: t.span))
            case .template where !t.newlineBefore, .templateHead where !t.newlineBefore:
                report(Diagnostic(.error, "E0121", "tagged template literals are not supported in omni scripts", at: t.span,
                                  label: "a template literal right after an expression would tag it",
                                  help: ["call a function with the template literal as its argument instead"]))
                _ = parsePrimary()
            default:
                return e
            }
        }
    }

    /// A property name after `.` or `?.`: any identifier, reserved words included.
    func parsePropertyName(after what: String) -> Identifier? {
        let t = current
        switch t.kind {
        case .identifier(let name):
            advance()
            return Identifier(name, span: t.span)
        case .keyword(let k):
            advance()
            return Identifier(k.rawValue, span: t.span)
        default:
            if t.kind != .invalid {
                report(Diagnostic(.error, "E0114", "expected a property name after \(what), found \(describe(t))",
                                  at: errorSpan(t), label: "expected a name"))
            }
            return nil
        }
    }

    func parseCall(_ callee: Expr, optional: Bool) -> Expr {
        brackets += 1
        defer { brackets -= 1 }
        let open = current, openIndex = pos
        advance()
        var arguments: [ArrayElement] = []
        let close = parseList(opener: open, openerIndex: openIndex, closer: .rParen, item: "argument", context: "to close this call") { p in
            arguments.append(p.parseArrayElement())
        }
        return expr(.call(callee: callee, arguments: arguments, optional: optional), span(Int(callee.span.start), close.map { Int($0.end) } ?? prevEnd))
    }

    func parseIndex(_ base: Expr, optional: Bool) -> Expr {
        brackets += 1
        defer { brackets -= 1 }
        let open = current, openIndex = pos
        advance()
        let index = parseSequence()
        let close = expectCloser(.rBracket, opener: open, openerIndex: openIndex, context: "to close this index")
        return expr(.index(base, index, optional: optional), span(Int(base.span.start), close.map { Int($0.end) } ?? prevEnd))
    }

    /// `x` or `...x` in an argument list or array literal.
    func parseArrayElement() -> ArrayElement {
        let start = Int(current.span.start)
        let spread = eat(.ellipsis)
        let value = parseAssignment()
        return ArrayElement(value: value, spread: spread, span: span(start, max(prevEnd, Int(value.span.end))))
    }

    /// Reports E0116 unless `e` can be assigned to.
    func checkAssignable(_ e: Expr, what: String) {
        func assignable(_ e: Expr) -> Bool {
            switch e.kind {
            case .identifier, .error: true
            case .member(_, _, let optional), .index(_, _, let optional): !optional
            case .paren(let inner), .nonNull(let inner), .asType(let inner, _): assignable(inner)
            default: false
            }
        }
        guard !assignable(e) else { return }
        var d = Diagnostic(.error, "E0116", "invalid assignment target: \(what) must be a variable, a property or an index",
                           at: e.span, label: "cannot assign to this")
        if case .member(_, _, true) = e.kind {
            d = d.note("an optional chain (`?.`) may produce no target, so it cannot be assigned to")
        } else if case .index(_, _, true) = e.kind {
            d = d.note("an optional chain (`?.`) may produce no target, so it cannot be assigned to")
        } else if case .call = e.kind {
            d = d.note("a call produces a value, not a place to store one")
        }
        report(d)
    }
}
