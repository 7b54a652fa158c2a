import OmniBase
import OmniSyntax

extension TypeChecker {
    /// Types an expression (with an optional expected type that guides inference of empty
    /// arrays, `null`, arrow parameters and object fields) and records it in `types`.
    @discardableResult
    func check(_ e: Expr, expected: SemaType? = nil) -> SemaType {
        var t = infer(e, expected: expected == .error ? nil : expected)
        if !narrowed.isEmpty, let key = narrowKey(e), let n = narrowed[key] { t = n }
        s.types[e.id] = t
        return t
    }

    private func infer(_ e: Expr, expected: SemaType?) -> SemaType {
        switch e.kind {
        case .number: return .number
        case .string: return .string
        case .bool: return .bool
        case .error: return .error
        case .null:
            if let expected, expected.isOptional { return expected }
            return .null
        case .template(_, let exprs):
            for x in exprs {
                let t = check(x)
                if t == .bool || t.isText || t.containsError { continue }
                if reportSignalValue(t, x, "a template literal part") { continue }
                s.report(Diagnostic(.error, "E0340", "cannot put a \(t.quoted) into a template literal", at: x.span,
                                    label: "this is a \(t.quoted)",
                                    help: [t.isOptional ? "give a fallback: `${\(s.text(x.span)) ?? \"\"}`"
                                                        : "template literals take numbers, strings and bools"]))
            }
            return .string
        case .identifier(let name):
            guard let id = s.references[e.id] else { return .error }
            if id == s.propsSymbol {
                s.report(Diagnostic(.error, "E0416", "`props` can only be read as `props.name`", at: e.span,
                                    label: "`props` on its own is not a value",
                                    help: ["read one prop at a time, e.g. `props.\(s.signature.props.first?.name ?? "label")`"]))
                return .error
            }
            if case .builtin(let b) = s.info[id.raw].origin, b.valueType == .error {
                s.report(Diagnostic(.error, "E0326", "`\(name)` must be called directly", at: e.span,
                                    label: "used as a value", help: ["call it: `\(name)(…)`"]))
                return .error
            }
            return typeOf(id)
        case .array(let elements):
            return checkArray(e, elements, expected: expected)
        case .object(let props):
            return checkObject(props, expected: expected)
        case .unary(let op, let x, let opSpan):
            return checkUnary(e, op, x, opSpan)
        case .postfix(let op, let x, _):
            let t = check(x)
            requireNumber(t, x, "`\(op.rawValue)`")
            return .number
        case .binary(let op, let a, let b, let opSpan):
            return checkBinary(e, op, a, b, opSpan)
        case .assign(let op, let target, let value, let opSpan):
            return checkAssign(e, op, target, value, opSpan)
        case .conditional(let c, let a, let b):
            let facts = checkCondition(c, "a `?:` condition")
            let before = narrowed
            narrowed.merge(facts.whenTrue) { $1 }
            let ta = check(a, expected: expected)
            narrowed = before
            narrowed.merge(facts.whenFalse) { $1 }
            let tb = check(b, expected: expected ?? (ta == .null ? nil : ta.unwrapped))
            narrowed = before
            if let j = ta.joined(with: tb) { return j }
            s.report(Diagnostic(.error, "E0324", "the branches of `?:` have different types", at: e.span,
                                labels: [Label(a.span, "this is a \(ta.quoted)"), Label(b.span, "this is a \(tb.quoted)")],
                                help: ["both branches must have the same type (or one may be `null`)"]))
            return .error
        case .call(let callee, let args, let optional):
            return checkCall(e, callee, args, optional: optional, expected: expected)
        case .member(let base, let name, let optional):
            return checkMember(e, base, name, optional: optional)
        case .index(let base, let i, let optional):
            return checkIndex(e, base, i, optional: optional)
        case .arrow(let sig, let body):
            return checkFunctionExpr(sig, body: body, name: nil, e, expected: expected)
        case .function(let name, let sig, let body):
            let t = checkFunctionExpr(sig, body: .block(body, span: e.span), name: name, e, expected: expected)
            if name != nil, let id = s.declarations[e.id] { setType(id, t) }
            return t
        case .paren(let x):
            return check(x, expected: expected)
        case .asType(let x, let te):
            let target = resolveType(te)
            let t = check(x, expected: target)
            if !t.isAssignable(to: target) && !target.isAssignable(to: t) {
                s.report(Diagnostic(.error, "E0315", "cannot convert a \(t.quoted) to \(target.quoted) with `as`", at: e.span,
                                    label: "this is a \(t.quoted)",
                                    help: ["`as` only narrows or widens a type; convert values with `String(x)` or `Number(x)`"]))
            }
            return target
        case .nonNull(let x):
            let t = check(x)
            if !t.isOptional && !t.containsError && t != .null {
                s.report(Diagnostic(.warning, "W0507", "unnecessary `!`: this value is never `null`", at: e.span,
                                    label: "this is a \(t.quoted)",
                                    fixes: [.replace(Span(file: e.span.file, start: e.span.end - 1, end: e.span.end), with: "", "remove the `!`")]))
            }
            return t.unwrapped
        case .sequence(let xs):
            var last = SemaType.void
            for x in xs { last = check(x) }
            return last
        }
    }

    // MARK: - Literals

    private func checkArray(_ e: Expr, _ elements: [ArrayElement], expected: SemaType?) -> SemaType {
        var want: SemaType?
        if case .array(let t) = expected?.unwrapped { want = t }
        if elements.isEmpty {
            if let want { return .array(want) }
            s.report(Diagnostic(.error, "E0319", "cannot infer the type of an empty array", at: e.span,
                                label: "an array of what?",
                                help: ["annotate the declaration, e.g. `const items: string[] = []` or `const items: Signal<string[]> = signal([])`"]))
            return .array(.error)
        }
        var result: SemaType?
        var firstSpan = elements[0].span
        for el in elements {
            var t: SemaType
            if el.spread {
                let st = check(el.value, expected: want.map { .array($0) })
                switch st {
                case .array(let inner): t = inner
                case .error: t = .error
                default:
                    if !reportSignalValue(st, el.value, "a list to spread") {
                        s.report(Diagnostic(.error, "E0336", "only arrays can be spread into an array", at: el.value.span,
                                            label: "this is a \(st.quoted)"))
                    }
                    t = .error
                }
            } else {
                t = check(el.value, expected: want)
                if let want { requireAssignable(t, to: want, el.value, what: "an element of this `\(want)[]`") ; t = want }
            }
            guard let r = result else { result = t; firstSpan = el.span; continue }
            if let j = r.joined(with: t) {
                result = j
            } else {
                s.report(Diagnostic(.error, "E0324", "the elements of this array have different types", at: el.span,
                                    label: "this is a \(t.quoted)", labels: [Label(firstSpan, "this is a \(r.quoted)")],
                                    help: ["an array holds one type of element; use an object for mixed values"]))
                result = .error
            }
        }
        if result == .null, let want { return .array(want) }
        return .array(result ?? .error)
    }

    private func checkObject(_ props: [ObjectProperty], expected: SemaType?) -> SemaType {
        var want: [ShapeField]?
        if case .object(let fs) = expected?.unwrapped { want = fs }
        var fields: [ShapeField] = []
        var seen: [String: Span] = [:]
        var unknownField = false
        func add(_ name: String, _ t: SemaType, _ span: Span, optional: Bool = false) {
            if let i = fields.firstIndex(where: { $0.name == name }) { fields[i] = ShapeField(name: name, type: t, optional: optional) }
            else { fields.append(ShapeField(name: name, type: t, optional: optional)) }
        }
        func keyed(_ key: Identifier, value: Expr?, _ p: ObjectProperty) {
            if let first = seen[key.name] {
                s.report(Diagnostic(.error, "E0335", "the field `\(key.name)` is given twice", at: key.span,
                                    label: "given again here", labels: [Label(first, "first given here")]))
            }
            seen[key.name] = key.span
            let field = want?.first { $0.name == key.name }
            if let want, field == nil {
                var d = Diagnostic(.error, "E0338", "unknown field `\(key.name)`", at: key.span,
                                   label: "not a field of \(SemaType.object(want).quoted)")
                if let guess = EditDistance.bestMatch(for: key.name, in: want.map(\.name).filter { seen[$0] == nil }) {
                    d = d.helping("did you mean `\(guess)`?").fixing(.replace(key.span, with: guess, "use `\(guess)`"))
                }
                s.report(d)
                unknownField = true
            }
            let fieldType = field.map { $0.optional ? $0.type.asOptional : $0.type }
            var t: SemaType
            var shown: Expr
            if case .method(_, let sig, let body) = p.kind {
                shown = Expr(id: .none, kind: .function(name: nil, sig, body: body), span: p.span)
                t = checkFunctionExpr(sig, body: .block(body, span: p.span), name: nil, shown, expected: fieldType)
            } else {
                shown = value!
                t = check(shown, expected: fieldType)
            }
            if let fieldType {
                requireAssignable(t, to: fieldType, shown, what: "the field `\(key.name)`")
                t = fieldType
            }
            add(key.name, t, key.span)
        }
        for p in props {
            switch p.kind {
            case .keyValue(let key, let value, _):
                keyed(key, value: value, p)
            case .method(let key, _, _):
                keyed(key, value: nil, p)
            case .computed(let key, let value):
                check(key); check(value)
                s.report(Diagnostic(.error, "E0329", "computed keys are not supported", at: key.span,
                                    label: "a key must be a name or a string", help: ["use an array of pairs, or a shape with fixed field names"]))
            case .spread(let x):
                let t = check(x)
                switch t {
                case .object(let fs): for f in fs { add(f.name, f.type, x.span, optional: f.optional) }
                case .error: break
                default:
                    s.report(Diagnostic(.error, "E0336", "only objects can be spread into an object", at: x.span,
                                        label: "this is a \(t.quoted)"))
                }
            }
        }
        if unknownField, let want { return .object(want) }
        return .object(fields)
    }

    // MARK: - Functions

    /// Checks an arrow or function expression; parameters without annotations take their
    /// types from `expected` (a function type), else E0327.
    func checkFunctionExpr(_ sig: FunctionSignature, body: ArrowBody, name: Identifier?, _ e: Expr, expected: SemaType?) -> SemaType {
        var want: FunctionType?
        if case .function(let f) = expected?.unwrapped { want = f }
        let (params, required, rest) = parameterTypes(sig, expected: want)
        let declared = sig.returnType.map(resolveType)
        var contextReturn = declared
        if contextReturn == nil, let r = want?.returns, r != .void, r != .error { contextReturn = r }
        var bodyType = SemaType.void
        switch body {
        case .expression(let x):
            bodyType = checkBody(declared: nil, name: name, span: e.span) {
                let t = check(x, expected: contextReturn)
                if let contextReturn, contextReturn != .void { requireAssignable(t, to: contextReturn, x, what: "the result") }
                functions[functions.count - 1].returns.append((t, x.span))
            }
            if let declared { bodyType = declared }
        case .block(let stmts, _):
            bodyType = checkBody(declared: declared, name: name, span: e.span) {
                if declared == nil, let contextReturn { functions[functions.count - 1].declaredReturn = contextReturn }
                checkBlock(stmts)
            }
            if declared == nil, contextReturn != nil { bodyType = contextReturn! }
            if let r = declared ?? contextReturn, r != .void, !r.isOptional, r != .error, !Self.alwaysReturns(stmts) {
                s.report(Diagnostic(.error, "E0341", "this function can end without returning a \(r.quoted)", at: e.span,
                                    label: "not every path returns a value",
                                    help: ["add a `return` at the end"]))
            }
        }
        return .function(FunctionType(params: params, required: required, rest: rest, returns: bodyType))
    }

    /// Does a function body return on every path?
    static func alwaysReturns(_ stmts: [Stmt]) -> Bool {
        stmts.contains { st in
            switch st.kind {
            case .return: true
            case .block(let b): alwaysReturns(b)
            case .if(_, let then, let els): els.map { alwaysReturns([then]) && alwaysReturns([$0]) } ?? false
            case .while(let c, _): c.kind == .bool(true)
            case .for(_, let c, _, _): c == nil
            default: false
            }
        }
    }

    // MARK: - Operators

    private func checkUnary(_ e: Expr, _ op: UnaryOperator, _ x: Expr, _ opSpan: Span) -> SemaType {
        switch op {
        case .negate, .plus, .bitNot, .preIncrement, .preDecrement:
            let t = check(x)
            requireNumber(t, x, "`\(op.rawValue)`")
            return .number
        case .not:
            let t = check(x)
            if t != .bool && !t.containsError && !reportSignalValue(t, x, "an operand of `!`") {
                s.report(Diagnostic(.error, "E0313", "`!` needs a `bool`, found \(t.quoted)", at: x.span,
                                    label: "this is a \(t.quoted)", help: [Self.conditionHelp(t, s.text(x.span), negated: true)]))
            }
            return .bool
        case .typeof:
            check(x)
            return .string
        case .void:
            check(x)
            return .void
        case .delete, .await:
            check(x)
            s.report(Diagnostic(.error, "E0329", "`\(op.rawValue)` is not supported", at: opSpan,
                                label: "omni's script language has no `\(op.rawValue)`"))
            return .error
        }
    }

    func requireNumber(_ t: SemaType, _ x: Expr, _ what: String) {
        if t == .number || t.containsError || reportSignalValue(t, x, "a number") { return }
        s.report(Diagnostic(.error, "E0333", "\(what) needs a `number`, found \(t.quoted)", at: x.span,
                            label: "this is a \(t.quoted)",
                            help: t == .string ? ["convert it first: `Number(\(s.text(x.span)))`"] : []))
    }

    private func checkIndex(_ e: Expr, _ base: Expr, _ i: Expr, optional: Bool) -> SemaType {
        var bt = check(base)
        let it = check(i)
        if optional && bt.isOptional { bt = bt.unwrapped }
        let wrap: (SemaType) -> SemaType = { optional ? $0.asOptional : $0 }
        switch bt {
        case .array(let el):
            if it != .number && !it.containsError {
                s.report(Diagnostic(.error, "E0332", "an array index must be a `number`, found \(it.quoted)", at: i.span,
                                    label: "this is a \(it.quoted)"))
            }
            return wrap(el)
        case .string:
            if it != .number && !it.containsError {
                s.report(Diagnostic(.error, "E0332", "a string index must be a `number`, found \(it.quoted)", at: i.span,
                                    label: "this is a \(it.quoted)"))
            }
            return wrap(.string)
        case .error:
            return .error
        case .optional:
            reportMaybeNull(bt, base, access: "index it")
            return .error
        default:
            if reportSignalValue(bt, base, "a list to index") { return .error }
            var d = Diagnostic(.error, "E0332", "cannot index a \(bt.quoted)", at: e.span, label: "only arrays and strings are indexed")
            if case .object = bt { d = d.helping("read fields with `.name`") }
            s.report(d.labeled(base.span, "this is a \(bt.quoted)"))
            return .error
        }
    }

    /// E0318: using a maybe-null value without a check.
    func reportMaybeNull(_ t: SemaType, _ base: Expr, access: String) {
        s.report(Diagnostic(.error, "E0318", "this value may be `null`; check it before you \(access)", at: base.span,
                            label: "this is a \(t.quoted)",
                            help: ["check it first (`if (\(s.text(base.span)) != null) …`) or use `?.`"],
                            fixes: [.insert("?", at: base.span.endPoint, "use `?.`")]))
    }
}
