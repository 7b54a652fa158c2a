import OmniBase

// expression        := literal | path | data-variable | subexpression
// output-expression := helper-name expression+ | expression
// subexpression     := "(" helper-name expression* ")"
// hash-argument     := identifier "=" expression

extension TemplateParser {
    var peek: TemplateToken? { ti < toks.count ? toks[ti] : nil }
    func peek(_ ahead: Int) -> TemplateToken? { ti + ahead < toks.count ? toks[ti + ahead] : nil }

    /// Where an expression expected at the cursor is missing: the next token, or the tag's end.
    var missingSpan: Span { peek?.span ?? span(tag.contentEnd, tag.contentEnd) }

    func errorExpr(_ s: Span) -> TemplateExpr { TemplateExpr(id: .none, kind: .error, span: s) }

    /// True when the token at `ahead` can start an expression (and is not `key=`).
    func startsExpression(_ ahead: Int = 0) -> Bool {
        guard let t = peek(ahead) else { return false }
        switch t.kind {
        case .identifier: return peek(ahead + 1)?.kind != .equals
        case .number, .string, .data, .leftParen, .dotDot: return true
        default: return false
        }
    }

    static func isHelper(_ t: TemplateToken) -> Bool { t.kind == .identifier && TemplateHelper(rawValue: t.text) != nil }

    // MARK: - output-expression

    /// The expression of `{{…}}`: a helper call without parentheses, or one expression.
    mutating func parseOutputExpression() -> TemplateExpr {
        if let first = peek, Self.isHelper(first), !(peek(1)?.kind == .dot && peek(1)?.spaceBefore == false) {
            return parseHelperCall(nameToken: first, open: nil, depth: 0)
        }
        let expr = parseExpression(depth: 0)
        if startsExpression(), case .path(let p) = expr.kind, !p.isThis, p.segments.count == 1 {
            // `{{name x}}`: a call of something that is not a helper.
            reportUnknownHelper(p.segments[0])
            while startsExpression() { _ = parseExpression(depth: 0) }
            return errorExpr(expr.span)
        }
        return expr
    }

    // MARK: - helper calls

    /// helper-name expression* — after the name (and `(` when `open` is given); checks the arity.
    mutating func parseHelperCall(nameToken: TemplateToken, open: TemplateToken?, depth: Int) -> TemplateExpr {
        ti += 1
        let helper = TemplateHelper(rawValue: nameToken.text)!
        let name = Identifier(nameToken.text, span: nameToken.span)
        var args: [TemplateExpr] = []
        while startsExpression() { args.append(parseExpression(depth: depth + 1)) }
        var end = args.last?.span ?? nameToken.span
        if let open {
            if peek?.kind == .rightParen {
                end = peek!.span
                ti += 1
            } else {
                reportMissingParen(open: open, at: missingSpan)
            }
        }
        let whole = (open?.span ?? nameToken.span).merged(with: end)
        let (lo, hi) = helper.arity
        if args.count < lo || (hi.map { args.count > $0 } ?? false) {
            let expected = hi == lo ? "\(lo) argument\(lo == 1 ? "" : "s")" : hi == nil ? "at least \(lo) arguments" : "\(lo) or \(hi!) arguments"
            var d = Diagnostic(.error, "E0716", "`\(helper.rawValue)` takes \(expected), but \(args.count) \(args.count == 1 ? "was" : "were") given",
                               at: whole, label: "called with \(args.count)")
                .helping("write `\(helper.usage)`")
            if args.isEmpty, open == nil {
                d = d.note("helper names are reserved; a context field named `\(helper.rawValue)` is written `this.\(helper.rawValue)`")
            }
            diagnostics.add(d)
        }
        return TemplateExpr(id: ids.next(), kind: .helper(helper, name: name, arguments: args), span: whole)
    }

    mutating func reportMissingParen(open: TemplateToken, at s: Span) {
        diagnostics.add(Diagnostic(.error, "E0704", "expected `)` to close this subexpression", at: s, label: "expected `)` here")
            .labeled(open.span, "the subexpression opens here")
            .fixing(.insert(")", at: s.startPoint, "insert `)`")))
    }

    mutating func reportUnknownHelper(_ name: Identifier) {
        var d = Diagnostic(.error, "E0715", "unknown helper `\(name.name)`", at: name.span, label: "not a helper")
            .note("the helpers are \(TemplateHelper.names.map { "`\($0)`" }.joined(separator: ", "))")
        if let guess = EditDistance.bestMatch(for: name.name, in: TemplateHelper.names) {
            d = d.helping("did you mean `\(guess)`?").fixing(.replace(name.span, with: guess, "use `\(guess)`"))
        } else {
            d = d.helping("a tag shows one value: `{{\(name.name)}}`; combine values with the helpers, e.g. `(eq a b)`")
        }
        diagnostics.add(d)
    }

    // MARK: - expression

    mutating func parseExpression(depth: Int) -> TemplateExpr {
        guard let t = peek else {
            let s = missingSpan
            diagnostics.add(Diagnostic(.error, "E0704", "expected a value", at: s, label: "expected a path, a literal or `(helper …)` here"))
            return errorExpr(s)
        }
        switch t.kind {
        case .string:
            ti += 1
            return TemplateExpr(id: ids.next(), kind: .string(t.text), span: t.span)
        case .number:
            ti += 1
            return TemplateExpr(id: ids.next(), kind: .number(t.number), span: t.span)
        case .data:
            ti += 1
            return parseData(t)
        case .leftParen:
            return parseSubexpression(depth: depth)
        case .dotDot:
            return parseParentPath(t)
        case .identifier:
            switch t.text {
            case "true", "false":
                ti += 1
                return TemplateExpr(id: ids.next(), kind: .bool(t.text == "true"), span: t.span)
            case "null":
                ti += 1
                return TemplateExpr(id: ids.next(), kind: .null, span: t.span)
            default:
                if Self.isHelper(t), !(peek(1)?.kind == .dot && peek(1)?.spaceBefore == false) {
                    // A helper used as a value needs parentheses: `(not x)`.
                    let call = parseHelperCall(nameToken: t, open: nil, depth: depth)
                    diagnostics.add(Diagnostic(.error, "E0717", "a helper call used as a value is written in parentheses",
                                               at: call.span, label: "write `(\(file.text(call.span)))`")
                        .fixing(FixIt("wrap it in parentheses", edits: [TextEdit(span: call.span.startPoint, replacement: "("),
                                                                        TextEdit(span: call.span.endPoint, replacement: ")")])))
                    return call
                }
                return parsePath()
            }
        default:
            ti += 1
            diagnostics.add(Diagnostic(.error, "E0704", "expected a value, found \(describe(t))", at: t.span,
                                       label: "expected a path, a literal or `(helper …)` here"))
            return errorExpr(t.span)
        }
    }

    /// path := ( "this" | identifier ) { "." identifier }
    mutating func parsePath() -> TemplateExpr {
        let first = toks[ti]
        ti += 1
        var segments: [Identifier] = []
        let isThis = first.text == "this"
        if !isThis { segments.append(Identifier(first.text, span: first.span)) }
        var end = first.span
        while let sep = peek, !sep.spaceBefore, sep.kind == .dot || sep.kind == .slash {
            ti += 1
            guard let field = peek, field.kind == .identifier, !field.spaceBefore else {
                diagnostics.add(Diagnostic(.error, "E0704", "expected a field name after `\(sep.text)`", at: sep.span,
                                           label: "nothing follows it")
                    .helping("write a path such as `user.name`"))
                end = sep.span
                break
            }
            if sep.kind == .slash {
                diagnostics.add(Diagnostic(.error, "E0704", "paths are written with `.`, not `/`", at: sep.span, label: "write `.` here")
                    .fixing(.replace(sep.span, with: ".", "use `.`")))
            }
            ti += 1
            segments.append(Identifier(field.text, span: field.span))
            end = field.span
        }
        return TemplateExpr(id: ids.next(), kind: .path(TemplatePath(isThis: isThis, segments: segments)), span: first.span.merged(with: end))
    }

    /// `../name`: reported (E0719), then read as `name`.
    mutating func parseParentPath(_ t: TemplateToken) -> TemplateExpr {
        ti += 1
        var end = t.span
        while let s = peek, s.kind == .slash || s.kind == .dotDot, !s.spaceBefore { end = s.span; ti += 1 }
        diagnostics.add(Diagnostic(.error, "E0719", "parent paths `../` are not supported", at: t.span.merged(with: end),
                                   label: "omni has no `../`")
            .note("block parameters do not hide outer names: inside `{{#each users as |user|}}` the page's fields are still in scope")
            .helping("refer to the outer value by its own name")
            .fixing(.replace(t.span.merged(with: end), with: "", "remove `\(file.text(t.span.merged(with: end)))`")))
        if let next = peek, next.kind == .identifier, !next.spaceBefore { return parsePath() }
        return errorExpr(t.span.merged(with: end))
    }

    /// data-variable := "@index" | "@first" | "@last" — inside `{{#each}}`.
    mutating func parseData(_ t: TemplateToken) -> TemplateExpr {
        let name = String(t.text.dropFirst())
        guard let v = TemplateDataVariable(rawValue: name) else {
            let names = TemplateDataVariable.allCases.map(\.rawValue)
            var d = Diagnostic(.error, "E0718", "unknown data variable `\(t.text)`", at: t.span, label: "not a data variable")
                .note("inside `{{#each}}` the data variables are `@index`, `@first` and `@last`")
            if let guess = names.first(where: { Self.isAbbreviation(name, of: $0) }) ?? EditDistance.bestMatch(for: name, in: names) {
                d = d.helping("did you mean `@\(guess)`?").fixing(.replace(t.span, with: "@\(guess)", "use `@\(guess)`"))
            }
            diagnostics.add(d)
            return errorExpr(t.span)
        }
        if !insideEach {
            diagnostics.add(Diagnostic(.error, "E0718", "`\(t.text)` is only available inside `{{#each}}`", at: t.span,
                                       label: "no `{{#each}}` is open here")
                .note("partials do not see the loop of the template that includes them; pass the value as an argument, e.g. `{{> _row index=@index}}`"))
        }
        var end = t.span
        if let dot = peek, dot.kind == .dot, !dot.spaceBefore {
            ti += 1
            if let f = peek, f.kind == .identifier, !f.spaceBefore { ti += 1; end = f.span } else { end = dot.span }
            diagnostics.add(Diagnostic(.error, "E0704", "`\(t.text)` has no fields", at: t.span.merged(with: end), label: "remove the field access"))
        }
        return TemplateExpr(id: ids.next(), kind: .data(v), span: t.span.merged(with: end))
    }

    /// True when `short` is `long` with letters left out (`idx` for `index`), or a prefix of it.
    static func isAbbreviation(_ short: String, of long: String) -> Bool {
        guard short.count >= 2, short.first == long.first else { return false }
        var rest = long[...]
        for ch in short {
            guard let i = rest.firstIndex(of: ch) else { return false }
            rest = rest[rest.index(after: i)...]
        }
        return true
    }

    /// subexpression := "(" helper-name expression* ")"
    mutating func parseSubexpression(depth: Int) -> TemplateExpr {
        let open = toks[ti]
        ti += 1
        if depth >= Self.maxExpressionDepth {
            // Skip to the matching `)` without recursing.
            var level = 1
            while let t = peek, level > 0 {
                if t.kind == .leftParen { level += 1 } else if t.kind == .rightParen { level -= 1 }
                ti += 1
            }
            diagnostics.add(Diagnostic(.error, "E0726", "subexpressions nested too deeply (more than \(Self.maxExpressionDepth) levels)",
                                       at: open.span, label: "nesting limit reached here")
                .note("omni bounds nesting so that no input can exhaust the compiler's stack"))
            return errorExpr(open.span)
        }
        guard let name = peek, name.kind == .identifier else {
            if peek?.kind == .rightParen {
                let close = toks[ti]
                ti += 1
                diagnostics.add(Diagnostic(.error, "E0704", "empty subexpression `()`", at: open.span.merged(with: close.span),
                                           label: "expected a helper call such as `(eq a b)`"))
                return errorExpr(open.span.merged(with: close.span))
            }
            diagnostics.add(Diagnostic(.error, "E0704", "expected a helper name after `(`", at: missingSpan,
                                       label: "expected a helper such as `eq`, `not`, `and` here"))
            skipToParen()
            return errorExpr(open.span)
        }
        if Self.isHelper(name) { return parseHelperCall(nameToken: name, open: open, depth: depth) }
        // `(user.name)` or `(unknown x)`.
        let inner = parsePath()
        if case .path(let p) = inner.kind, p.segments.count == 1, !p.isThis, startsExpression() {
            reportUnknownHelper(p.segments[0])
        } else {
            diagnostics.add(Diagnostic(.error, "E0715", "parentheses hold a helper call, not a value", at: inner.span,
                                       label: "`\(file.text(inner.span))` is not a helper")
                .helping("remove the parentheses, or call a helper such as `(not \(file.text(inner.span)))`"))
        }
        while startsExpression() { _ = parseExpression(depth: depth + 1) }
        if peek?.kind == .rightParen { ti += 1 } else { reportMissingParen(open: open, at: missingSpan) }
        return errorExpr(open.span.merged(with: inner.span))
    }

    /// Skips to just past the `)` matching an already consumed `(`.
    mutating func skipToParen() {
        var level = 1
        while let t = peek {
            if t.kind == .leftParen { level += 1 }
            if t.kind == .rightParen { level -= 1 }
            ti += 1
            if level == 0 { return }
        }
    }

    // MARK: - hash arguments

    /// hash-argument* up to the end of the tag. Positional values are reported with `positional`.
    mutating func parseHashArguments(positional: (TemplateExpr) -> Diagnostic) -> [TemplateHashArgument] {
        var args: [TemplateHashArgument] = []
        var seen: [String: Span] = [:]
        while let t = peek {
            if t.kind == .identifier, peek(1)?.kind == .equals {
                let key = Identifier(t.text, span: t.span)
                let eq = toks[ti + 1]
                ti += 2
                let value: TemplateExpr
                if startsExpression() {
                    value = parseExpression(depth: 0)
                } else {
                    let s = missingSpan
                    diagnostics.add(Diagnostic(.error, "E0713", "`\(key.name)=` needs a value", at: t.span.merged(with: eq.span),
                                               label: "no value after `=`")
                        .helping("write `\(key.name)=value`, e.g. `\(key.name)=\(key.name)` or `\(key.name)=\"text\"`"))
                    value = errorExpr(s.startPoint)
                }
                if let first = seen[key.name] {
                    diagnostics.add(Diagnostic(.error, "E0714", "`\(key.name)` is given twice", at: key.span, label: "second `\(key.name)`")
                        .labeled(first, "first given here")
                        .helping("remove one of them"))
                } else {
                    seen[key.name] = key.span
                }
                let s = key.span.merged(with: !value.span.isEmpty && value.span.start >= eq.span.end ? value.span : eq.span)
                args.append(TemplateHashArgument(id: ids.next(), key: key, value: value, span: s))
            } else if t.kind == .equals {
                ti += 1
                diagnostics.add(Diagnostic(.error, "E0713", "expected a name before `=`", at: t.span, label: "this `=` has no name")
                    .helping("write `name=value`"))
                if startsExpression() { _ = parseExpression(depth: 0) }
            } else if startsExpression() {
                let value = parseExpression(depth: 0)
                diagnostics.add(positional(value))
            } else {
                ti += 1
                diagnostics.add(Diagnostic(.error, "E0704", "unexpected \(describe(t)) in this tag", at: t.span,
                                           label: "expected `name=value` or the end of the tag"))
            }
        }
        return args
    }
}
