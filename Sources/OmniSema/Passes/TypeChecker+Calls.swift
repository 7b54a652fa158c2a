import OmniBase
import OmniSyntax

extension TypeChecker {
    /// A call: a built-in function, a built-in method, a signal read `s()`, or a function value.
    func checkCall(_ e: Expr, _ callee: Expr, _ args: [ArrayElement], optional: Bool, expected: SemaType?) -> SemaType {
        if case .identifier = callee.kind, let id = s.references[callee.id], case .builtin(let b) = s.info[id.raw].origin, b.valueType == .error {
            return checkBuiltinCall(e, b, callee, args, expected: expected)
        }
        if case .member(let base, let name, let optChain) = callee.kind, !isProps(base) {
            if case .identifier = base.kind, let id = s.references[base.id], case .builtin(.console) = s.info[id.raw].origin, name.name == "log" {
                s.types[base.id] = Builtin.console.valueType
                let types = args.map { check($0.value) }
                s.types[callee.id] = .function(FunctionType(params: types, returns: .void))
                return .void
            }
            var bt = check(base)
            var wrap = false
            if optChain && bt.isOptional { bt = bt.unwrapped; wrap = true }
            if let members = Builtins.members(of: bt) {
                guard let member = members[name.name] else {
                    s.types[callee.id] = .error
                    reportUnknownMember(bt, name, base)
                    for a in args { check(a.value) }
                    return .error
                }
                switch member {
                case .property(let t):
                    s.types[callee.id] = t
                    notCallable(t, callee)
                    for a in args { check(a.value) }
                    return .error
                case .method(let m):
                    let r = checkMethodCall(e, m, bt, base, name, callee, args, expected: expected)
                    return wrap ? r.asOptional : r
                }
            }
            let ct = memberOf(callee, bt, base, name, optional: false)
            s.types[callee.id] = wrap ? ct.asOptional : ct
            let r = applyCall(e, ct, callee, args, optional: optional)
            return wrap ? r.asOptional : r
        }
        let ct = check(callee)
        return applyCall(e, ct, callee, args, optional: optional)
    }

    func isProps(_ e: Expr) -> Bool {
        if case .identifier = e.kind, let id = s.references[e.id] { return id == s.propsSymbol }
        return false
    }

    private func applyCall(_ e: Expr, _ ct: SemaType, _ callee: Expr, _ args: [ArrayElement], optional: Bool) -> SemaType {
        switch ct {
        case .function(let ft):
            checkArguments(e, ft, callee, args)
            return ft.returns
        case .signal(let t), .computed(let t):
            if !args.isEmpty {
                var d = Diagnostic(.error, "E0316", "reading `\(s.text(callee.span))` takes no arguments", at: e.span,
                                   label: "\(args.count) argument\(args.count == 1 ? "" : "s") given")
                if case .signal = ct {
                    d = d.helping("to change the signal, call `\(s.text(callee.span)).set(…)`")
                    if args.count == 1 {
                        d = d.fixing(.replace(e.span, with: "\(s.text(callee.span)).set(\(s.text(args[0].value.span)))", "use `.set`"))
                    }
                }
                s.report(d)
                for a in args { check(a.value) }
            }
            return t
        case .optional(let inner) where optional:
            return applyCall(e, inner, callee, args, optional: false).asOptional
        case .optional:
            reportMaybeNull(ct, callee, access: "call it")
            for a in args { check(a.value) }
            return .error
        case .error:
            for a in args { check(a.value) }
            return .error
        default:
            notCallable(ct, callee)
            for a in args { check(a.value) }
            return .error
        }
    }

    /// E0305: calling a value that is not a function.
    func notCallable(_ t: SemaType, _ callee: Expr) {
        s.report(Diagnostic(.error, "E0305", "`\(s.text(callee.span))` is not a function", at: callee.span,
                            label: "this is a \(t.quoted)", help: ["remove the `(…)` to use the value"]))
    }

    /// Arity (E0316) and argument types (E0315) against a function type.
    func checkArguments(_ e: Expr, _ ft: FunctionType, _ callee: Expr, _ args: [ArrayElement]) {
        var i = 0
        var spread = false
        for a in args {
            if a.spread {
                spread = true
                let t = check(a.value, expected: ft.rest.map { .array($0) })
                if let rest = ft.rest, i >= ft.params.count {
                    requireAssignable(t, to: .array(rest), a.value, what: "a spread argument")
                } else if !t.containsError {
                    s.report(Diagnostic(.error, "E0336", "a spread argument can only fill a rest parameter", at: a.span,
                                        label: "`\(s.text(callee.span))` takes fixed parameters here",
                                        help: ["pass the arguments one by one"]))
                }
                continue
            }
            if let p = ft.param(i) {
                let t = check(a.value, expected: p)
                requireAssignable(t, to: p, a.value, what: "argument \(i + 1) of `\(s.text(callee.span))`")
            } else {
                check(a.value)
            }
            i += 1
        }
        if spread { return }
        let tooMany = ft.rest == nil && i > ft.params.count
        guard i < ft.required || tooMany else { return }
        let expectedCount = ft.rest != nil ? "at least \(ft.required)" : ft.required == ft.params.count ? "\(ft.required)" : "\(ft.required) to \(ft.params.count)"
        let plural = (ft.required == 1 && ft.params.count == 1) ? "argument" : "arguments"
        var d = Diagnostic(.error, "E0316", "`\(s.text(callee.span))` takes \(expectedCount) \(plural), but \(i) \(i == 1 ? "was" : "were") given", at: e.span,
                           label: tooMany ? "too many arguments" : "missing \(ft.required - i == 1 ? "an argument" : "arguments")",
                           notes: ["its type is `\(ft)`"])
        if tooMany {
            for a in args.dropFirst(ft.params.count) { d = d.labeled(a.span, "unexpected argument") }
        }
        s.report(d)
    }

    /// Requires exactly `n` arguments to a built-in.
    private func arity(_ e: Expr, _ name: String, _ args: [ArrayElement], _ n: Int, _ form: String) -> Bool {
        if args.count == n && !args.contains(where: \.spread) { return true }
        s.report(Diagnostic(.error, "E0316", "`\(name)` takes \(n) argument\(n == 1 ? "" : "s"), but \(args.count) \(args.count == 1 ? "was" : "were") given",
                            at: e.span, label: "expected `\(form)`"))
        for a in args { check(a.value) }
        return false
    }

    /// Checks a callback argument against the parameters it will receive; returns its type.
    func checkCallback(_ arg: Expr, params: [SemaType], returns: SemaType?, what: String) -> FunctionType? {
        let want = FunctionType(params: params, required: 0, returns: returns ?? .error)
        let t = check(arg, expected: .function(want))
        switch t {
        case .function(let ft):
            let target = FunctionType(params: params, required: 0, returns: returns ?? ft.returns)
            if !ft.isAssignable(to: target) {
                if let returns, ft.returns != returns, FunctionType(params: ft.params, required: ft.required, rest: ft.rest, returns: returns).isAssignable(to: target) {
                    s.report(Diagnostic(.error, "E0315", "the function given to \(what) must return a \(returns.quoted), not a \(ft.returns.quoted)",
                                        at: arg.span, label: "returns a \(ft.returns.quoted)"))
                } else {
                    s.report(Diagnostic(.error, "E0315", "mismatched types: \(what) needs a function `\(target)`, found `\(ft)`",
                                        at: arg.span, label: "this is `\(ft)`"))
                }
            }
            return ft
        case .error:
            return nil
        default:
            s.report(Diagnostic(.error, "E0315", "\(what) needs a function, found \(t.quoted)", at: arg.span,
                                label: "this is a \(t.quoted)", help: ["pass a function: `() => \(s.text(arg.span))`"],
                                fixes: [.insert("() => ", at: arg.span, "wrap it in a function")]))
            return nil
        }
    }

    // MARK: - Built-in functions

    private func checkBuiltinCall(_ e: Expr, _ b: Builtin, _ callee: Expr, _ args: [ArrayElement], expected: SemaType?) -> SemaType {
        let name = b.rawValue
        if b.isReactiveConstructor, !(functions.last?.isScriptTopLevel ?? false) {
            s.report(Diagnostic(.error, "E0325", "`\(name)(…)` can only be called at the top level of the script", at: callee.span,
                                label: "called inside \(functions.last?.isTemplate == true ? "the template" : "a function")",
                                notes: ["here it would create a new \(name == "effect" ? "effect" : "reactive value") every time this code runs"],
                                help: [name == "effect" ? "call `effect(…)` at the top level of the script" : "declare it at the top level: `const x = \(name)(…)`"]))
        }
        func record(_ params: [SemaType], _ r: SemaType) { s.types[callee.id] = .function(FunctionType(params: params, returns: r)) }
        switch b {
        case .signal:
            guard arity(e, name, args, 1, "signal(initialValue)") else { return .signal(.error) }
            var want: SemaType?
            if case .signal(let t) = expected?.unwrapped { want = t }
            let arg = args[0].value
            var vt = check(arg, expected: want)
            if let want {
                requireAssignable(vt, to: want, arg, what: "the initial value")
                vt = want
            } else if vt.containsBareNull {
                s.report(Diagnostic(.error, "E0319", "cannot infer the type of this signal", at: e.span,
                                    label: "a signal of what?",
                                    help: ["annotate the declaration: `const x: Signal<string?> = signal(null)`"]))
                vt = .error
            } else if reportSignalValue(vt, arg, "the initial value") {
                vt = .error
            }
            record([vt], .signal(vt))
            return .signal(vt)
        case .computed, .untrack:
            guard arity(e, name, args, 1, "\(name)(() => …)") else { return b == .computed ? .computed(.error) : .error }
            var want: SemaType?
            if b == .computed, case .computed(let t) = expected?.unwrapped { want = t }
            if b == .untrack { want = expected }
            let ft = checkCallback(args[0].value, params: [], returns: want, what: "`\(name)`")
            let r = ft?.returns ?? .error
            if let ft, ft.required > 0 {
                s.report(Diagnostic(.error, "E0315", "`\(name)` takes a function with no parameters", at: args[0].value.span,
                                    label: "this function takes \(ft.required)"))
            }
            record([.function(FunctionType(params: [], returns: r))], b == .computed ? .computed(r) : r)
            return b == .computed ? .computed(r) : r
        case .effect, .batch:
            guard arity(e, name, args, 1, "\(name)(() => …)") else { return .void }
            _ = checkCallback(args[0].value, params: [], returns: .void, what: "`\(name)`")
            if b == .effect, functions.last?.isScriptTopLevel ?? false { s.effectCalls.append((e.id, args[0].value)) }
            record([.function(FunctionType(params: [], returns: .void))], .void)
            return .void
        case .string, .number, .boolean:
            let result: SemaType = b == .string ? .string : b == .number ? .number : .bool
            guard arity(e, name, args, 1, "\(name)(value)") else { return result }
            let t = check(args[0].value)
            if b != .boolean, !(t == .number || t == .string || t == .bool || t.containsError), !reportSignalValue(t, args[0].value, "the value to convert") {
                s.report(Diagnostic(.error, "E0315", "`\(name)` converts a number, string or bool, not a \(t.quoted)", at: args[0].value.span,
                                    label: "this is a \(t.quoted)",
                                    help: [t.isOptional ? "give a fallback first: `\(name)(\(s.text(args[0].value.span)) ?? \(Self.placeholder(t.unwrapped)))`" : "convert a field or element instead"]))
            }
            record([t], result)
            return result
        case .parseInt, .parseFloat, .isNaN:
            let ft = switch b {
            case .parseInt: FunctionType(params: [.string, .number], required: 1, returns: .number)
            case .parseFloat: FunctionType(params: [.string], returns: .number)
            default: FunctionType(params: [.number], returns: .bool)
            }
            s.types[callee.id] = .function(ft)
            checkArguments(e, ft, callee, args)
            return ft.returns
        case .math, .console:
            notCallable(b.valueType, callee)
            for a in args { check(a.value) }
            return .error
        }
    }

    // MARK: - Built-in methods

    private func checkMethodCall(_ e: Expr, _ m: BuiltinMethod, _ bt: SemaType, _ base: Expr, _ name: Identifier,
                                 _ callee: Expr, _ args: [ArrayElement], expected: SemaType?) -> SemaType {
        let method = "`\(name.name)`"
        var element = SemaType.error
        if case .array(let t) = bt { element = t }
        func record(_ params: [SemaType], _ r: SemaType) { s.types[callee.id] = .function(FunctionType(params: params, returns: r)) }
        switch m {
        case .fixed(let ft):
            s.types[callee.id] = .function(ft)
            checkArguments(e, ft, callee, args)
            return ft.returns
        case .arrayMap, .arrayFilter, .arrayFind, .arrayFindIndex, .arraySome, .arrayEvery:
            guard arity(e, name.name, args, 1, "\(name.name)((item, index) => …)") else { return .error }
            let wantsBool = m != .arrayMap
            let ft = checkCallback(args[0].value, params: [element, .number], returns: wantsBool ? .bool : nil, what: method)
            let r: SemaType = switch m {
            case .arrayMap: .array(ft?.returns ?? .error)
            case .arrayFilter: .array(element)
            case .arrayFind: element.asOptional
            case .arrayFindIndex: .number
            default: .bool
            }
            record([.function(FunctionType(params: [element, .number], required: 0, returns: ft?.returns ?? .error))], r)
            return r
        case .arrayReduce:
            guard arity(e, name.name, args, 2, "reduce((total, item) => …, initial)") else { return .error }
            let initial = check(args[1].value, expected: expected)
            _ = checkCallback(args[0].value, params: [initial, element, .number], returns: initial, what: method)
            record([.function(FunctionType(params: [initial, element, .number], required: 0, returns: initial)), initial], initial)
            return initial
        case .arrayPush:
            var receiver = base
            while case .paren(let inner) = receiver.kind { receiver = inner }
            var allowed = false
            if case .identifier = receiver.kind, let id = s.references[receiver.id], s.symbols[id.raw].kind == .variable { allowed = true }
            if !allowed && !bt.containsError {
                var d = Diagnostic(.error, "E0331", "`push` can only change an array held in a `let` variable", at: callee.span,
                                   label: "changes this array in place",
                                   notes: ["arrays in signals, props and constants are shared; changing one in place is invisible to the template"])
                if case .call(let c, let cargs, _) = receiver.kind, cargs.isEmpty, case .identifier(let sig) = c.kind,
                   let id = s.references[c.id], case .signal = s.symbols[id.raw].type {
                    let values = args.map { s.text($0.span) }.joined(separator: ", ")
                    let replacement = "\(sig).update(xs => [...xs, \(values)])"
                    d = d.helping("make a new array in the signal: `\(replacement)`").fixing(.replace(e.span, with: replacement, "use `update`"))
                } else {
                    d = d.helping("build a new array instead: `[...\(s.text(base.span)), item]`")
                }
                s.report(d)
            }
            let ft = FunctionType(params: [], rest: element, returns: .number)
            s.types[callee.id] = .function(ft)
            checkArguments(e, ft, callee, args)
            return .number
        case .signalSet:
            guard case .signal(let t) = bt, arity(e, "set", args, 1, "\(s.text(base.span)).set(value)") else { return .void }
            let v = check(args[0].value, expected: t)
            requireAssignable(v, to: t, args[0].value, what: "the new value of `\(s.text(base.span))`")
            if case .identifier = base.kind, let id = s.references[base.id] { invalidateSignal(id) }
            record([t], .void)
            return .void
        case .signalUpdate:
            guard case .signal(let t) = bt, arity(e, "update", args, 1, "\(s.text(base.span)).update(value => …)") else { return .void }
            _ = checkCallback(args[0].value, params: [t], returns: t, what: "`update`")
            if case .identifier = base.kind, let id = s.references[base.id] { invalidateSignal(id) }
            record([.function(FunctionType(params: [t], returns: t))], .void)
            return .void
        case .computedWrite:
            var d = Diagnostic(.error, "E0321", "cannot \(name.name) a computed value", at: callee.span,
                               label: "`\(s.text(base.span))` is a \(bt.quoted)",
                               notes: ["a computed value is derived from the signals it reads; set one of those instead"])
            if case .identifier = base.kind, let id = s.references[base.id] {
                d = d.labeled(s.symbols[id.raw].span, "declared with `computed` here")
            }
            s.report(d)
            s.types[callee.id] = .error
            for a in args { check(a.value) }
            return .void
        }
    }
}
