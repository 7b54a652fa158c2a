import OmniBase

extension RoutesParserCore {
    // MARK: query = entity-name , call , { call }

    func parseQuery() -> Query {
        let start = Int(current.span.start)
        guard current.kind == .identifier, !current.newlineBefore || pos == 0 else {
            report(expected("a query such as `User.all()`", code: "E0782"))
            skipRestOfLine(stopAt: [.comma, .semicolon])
            return Query(id: nextID(), entity: Identifier("", span: prevEndPoint), calls: [], span: span(start))
        }
        let entity = identifier(advance())
        if !Self.isTypeName(entity.name) {
            let fixed = entity.name.prefix(1).uppercased() + entity.name.dropFirst()
            report(Diagnostic.error("E0782", "a query starts with an entity name, found `\(entity.name)`", at: entity.span,
                                    label: "entity names start with an upper-case letter")
                .fixing(.replace(entity.span, with: fixed, "replace with `\(fixed)`")))
        }
        var calls: [QueryCall] = []
        while at(.dot) {
            let dot = advance()
            guard current.kind == .identifier else {
                report(expected("a method name after `.`"))
                break
            }
            let name = identifier(advance())
            let method = QueryMethod(rawValue: name.name)
            if method == nil {
                var d = Diagnostic.error("E0781", "unknown query method `\(name.name)`", at: name.span, label: "not a query method")
                    .note("the methods are \(QueryMethod.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))")
                if let alias = Self.methodAliases[name.name] {
                    d = d.helping("omni calls it `\(alias)`").fixing(.replace(name.span, with: alias, "replace with `\(alias)`"))
                } else {
                    d = withSuggestion(d, for: name.name, at: name.span, in: QueryMethod.allCases.map(\.rawValue))
                }
                report(d)
            }
            var arguments: [QueryExpr] = []
            var argumentsSpan = name.span.endPoint
            if let open = eat(.lParen) {
                arguments = parseArguments(open: open, method: name.name)
                argumentsSpan = span(Int(open.span.start))
            } else {
                report(expected("`(` after `.\(name.name)`")
                    .fixing(.insert(method?.arity == 0 ? "()" : "(…)", at: name.span.endPoint, "call it")))
            }
            if let method { checkArity(method, arguments, at: argumentsSpan) }
            calls.append(QueryCall(id: nextID(), name: name, method: method, arguments: arguments, span: span(Int(dot.span.start))))
        }
        if calls.isEmpty {
            if at(.lParen) {
                report(Diagnostic.error("E0782", "`\(entity.name)` is not a function", at: current.span, label: "expected `.` and a method")
                    .helping("call a method of the entity: `\(entity.name).find(id)`, `\(entity.name).where(…)`"))
                skipOne()
            } else {
                report(Diagnostic.error("E0782", "`\(entity.name)` alone is not a query", at: entity.span, label: "expected a method call after it")
                    .helping("`\(entity.name).all()` lists every row")
                    .fixing(.insert(".all()", at: entity.span.endPoint, "list every row")))
            }
        }
        return Query(id: nextID(), entity: entity, calls: calls, span: span(start))
    }

    /// Names of other query builders, with omni's.
    static let methodAliases: [String: String] = [
        "filter": "where", "orderBy": "order", "order_by": "order", "sort": "order", "take": "limit", "skip": "offset",
        "get": "find", "findAll": "all", "with": "include", "preload": "include", "one": "first",
    ]

    /// `( [ expression , { "," , expression } ] )` after the `(` was consumed.
    func parseArguments(open: RoutesToken, method: String) -> [QueryExpr] {
        var arguments: [QueryExpr] = []
        while !at(.rParen) && !atEnd {
            if at(.comma) {
                report(expected("an argument"))
                advance()
                continue
            }
            let before = pos
            arguments.append(parseQueryExpr())
            if pos == before { break }
            if eat(.comma) == nil { break }
        }
        if eat(.rParen) == nil {
            reportUnclosedDelimiter(open: open.span, close: ")", what: "the arguments of `.\(method)`")
            if !current.newlineBefore { skipToLineEnd(stopAt: [.rParen, .comma]); _ = eat(.rParen) }
        }
        return arguments
    }

    /// E0782 when a method is given the wrong number of arguments.
    func checkArity(_ method: QueryMethod, _ arguments: [QueryExpr], at span: Span) {
        if arguments.contains(where: { $0.kind == .error }) { return }
        let example: String = switch method {
        case .all, .first, .count: "`.\(method.rawValue)()`"
        case .find: "`.find(id)`"
        case .where: "`.where(published == true && author.id == id)`"
        case .limit: "`.limit(10)`"
        case .offset: "`.offset(20)`"
        case .order: "`.order(-createdAt, title)`"
        case .include: "`.include(author)`"
        }
        if let n = method.arity, arguments.count != n {
            let message = n == 0 ? "`.\(method.rawValue)` takes no arguments" : "`.\(method.rawValue)` takes one argument"
            var d = Diagnostic.error("E0782", message + ", found \(arguments.count)", at: span, label: "expected \(n == 0 ? "`()`" : "one argument")")
                .helping("write it as \(example)")
            if method == .where, arguments.count > 1 { d = d.note("join conditions with `&&` or `||`") }
            report(d)
        } else if method.arity == nil, arguments.isEmpty {
            report(Diagnostic.error("E0782", "`.\(method.rawValue)` needs at least one argument", at: span, label: "nothing here")
                .helping("write it as \(example)"))
        }
    }

    // MARK: expression = or ; or = and , { "||" , and } ; and = not , { "&&" , not }

    func parseQueryExpr() -> QueryExpr {
        parseBinaryLevel(.or)
    }

    /// One level of `||` / `&&`: a loop, so long chains use no stack.
    func parseBinaryLevel(_ op: QueryBinaryOperator) -> QueryExpr {
        let start = Int(current.span.start)
        var lhs = op == .or ? parseBinaryLevel(.and) : parseNot()
        let (symbol, word) = op == .or ? (RoutesToken.Kind.orOr, "or") : (.andAnd, "and")
        while true {
            if at(symbol) {
                advance()
            } else if atWord(word), !current.newlineBefore, peek().kind != .rParen, peek().kind != .comma {
                report(Diagnostic.error("E0754", "`\(word)` is written `\(op.rawValue)`", at: current.span, label: "use `\(op.rawValue)`")
                    .fixing(.replace(current.span, with: op.rawValue, "replace with `\(op.rawValue)`")))
                advance()
            } else {
                break
            }
            let rhs = op == .or ? parseBinaryLevel(.and) : parseNot()
            lhs = QueryExpr(id: nextID(), kind: .binary(op, lhs, rhs), span: span(start))
        }
        return lhs
    }

    // MARK: not = "!" , not | comparison

    func parseNot() -> QueryExpr {
        guard at(.bang) || (atWord("not") && peek().kind != .rParen && !peek().newlineBefore && peek().kind != .comma
                            && Self.canStartOperand(peek().kind)) else { return parseComparison() }
        let start = Int(current.span.start)
        let bang = advance()
        if bang.kind == .identifier {
            report(Diagnostic.error("E0754", "`not` is written `!`", at: bang.span, label: "use `!`")
                .fixing(.replace(bang.span, with: "!", "replace with `!`")))
        }
        guard enter(bang.span) else {
            while at(.bang) { advance() }
            _ = parseComparison()
            return QueryExpr(id: nextID(), kind: .error, span: span(start))
        }
        defer { leave() }
        let operand = guarded { parseNot() }
        return QueryExpr(id: nextID(), kind: .unary(.not, operand), span: span(start))
    }

    static func canStartOperand(_ kind: RoutesToken.Kind) -> Bool {
        switch kind {
        case .identifier, .integer, .float, .string, .lParen, .lBracket, .colon, .minus, .bang: true
        default: false
        }
    }

    // MARK: comparison = operand , [ comparison-operator , operand ]

    func comparisonOperator() -> QueryBinaryOperator? {
        switch current.kind {
        case .equalEqual: .equal
        case .bangEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessOrEqual
        case .greater: .greater
        case .greaterEqual: .greaterOrEqual
        case .identifier:
            switch text(current) {
            case "contains": .contains
            case "startsWith": .startsWith
            case "endsWith": .endsWith
            case "in": .in
            default: nil
            }
        default: nil
        }
    }

    func parseComparison() -> QueryExpr {
        let start = Int(current.span.start)
        var lhs = parseOperand()
        var first: Span?
        while true {
            var op = comparisonOperator()
            if op == nil, at(.equal) {
                report(Diagnostic.error("E0754", "`=` does not compare; use `==`", at: current.span, label: "use `==`")
                    .fixing(.replace(current.span, with: "==", "replace with `==`")))
                op = .equal
            }
            guard let op else { break }
            let opToken = advance()
            if let first {
                report(Diagnostic.error("E0783", "comparisons cannot be chained", at: opToken.span, label: "second comparison")
                    .labeled(first, "first comparison")
                    .helping("join two comparisons with `&&`: `a < b && b < c`"))
            }
            first = first ?? opToken.span
            let rhs = parseOperand()
            lhs = QueryExpr(id: nextID(), kind: .binary(op, lhs, rhs), span: span(start))
        }
        return lhs
    }

    // MARK: operand = "-" , operand | primary , { "." , name }

    func parseOperand() -> QueryExpr {
        let start = Int(current.span.start)
        if at(.minus), peek().kind != .integer, peek().kind != .float {
            let minus = advance()
            guard enter(minus.span) else {
                while at(.minus) { advance() }
                _ = parsePrimary()
                return QueryExpr(id: nextID(), kind: .error, span: span(start))
            }
            defer { leave() }
            let operand = guarded { parseOperand() }
            return QueryExpr(id: nextID(), kind: .unary(.negate, operand), span: span(start))
        }
        var expr = parsePrimary()
        while at(.dot), peek().kind == .identifier {
            advance()
            let member = identifier(advance())
            expr = QueryExpr(id: nextID(), kind: .member(expr, member), span: span(start))
        }
        return expr
    }

    // MARK: primary = literal | name | ":" , name | "[" , [ expression , { "," , expression } ] , "]" | "(" , expression , ")"

    func parsePrimary() -> QueryExpr {
        let start = Int(current.span.start)
        switch current.kind {
        case .identifier:
            let t = advance()
            let kind: QueryExprKind = switch text(t) {
            case "true": .literal(.bool(true))
            case "false": .literal(.bool(false))
            case "null": .literal(.null)
            default: .name(identifier(t))
            }
            return QueryExpr(id: nextID(), kind: kind, span: t.span)
        case .integer, .float, .string, .minus:
            if let literal = parseLiteral() { return QueryExpr(id: nextID(), kind: .literal(literal.kind), span: literal.span) }
        case .colon where peek().kind == .identifier && peek().span.start == current.span.end:
            advance()
            let name = identifier(advance())
            return QueryExpr(id: nextID(), kind: .parameter(name), span: span(start))
        case .lParen, .lBracket:
            let open = current
            guard enter(open.span) else {
                skipOne()
                return QueryExpr(id: nextID(), kind: .error, span: span(start))
            }
            defer { leave() }
            advance()
            if open.kind == .lParen {
                let inner = guarded { parseQueryExpr() }
                if eat(.rParen) == nil { reportUnclosedDelimiter(open: open.span, close: ")", what: "the parenthesis") }
                return QueryExpr(id: inner.id, kind: inner.kind, span: span(start))
            }
            var elements: [QueryExpr] = []
            while !at(.rBracket) && !atEnd {
                let before = pos
                elements.append(guarded { parseQueryExpr() })
                if pos == before || eat(.comma) == nil { break }
            }
            if eat(.rBracket) == nil { reportUnclosedDelimiter(open: open.span, close: "]", what: "the list") }
            return QueryExpr(id: nextID(), kind: .list(elements), span: span(start))
        default:
            break
        }
        report(expected("a value (a field, a parameter or a literal)"))
        return QueryExpr(id: nextID(), kind: .error, span: current.kind == .eof ? prevEndPoint : current.span.startPoint)
    }
}
