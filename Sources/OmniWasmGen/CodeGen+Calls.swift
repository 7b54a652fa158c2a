import CBinaryen
import OmniBase
import OmniIR
import OmniSema

extension CodeGen {
    // MARK: Component functions

    func functionName(_ s: SymbolID) -> String { "$f\(s.raw)" }

    /// Compiles every `function` of the script to a wasm function `$f<symbol>`.
    func compileFunctions() {
        for f in c.functions {
            let params = f.params.map { wtype($0.type, at: f.span) }
            let ctx = FunctionContext(params: params, result: resultType(f.returnType, at: f.span), envParam: nil, outer: [])
            let body = within(ctx) { functionBody(f.params, f.body, firstParam: 0, at: f.span) }
            addFunction(functionName(f.symbol), ctx, body: body)
        }
    }

    func resultType(_ t: SemaType, at span: Span) -> WType {
        if t == .void { return .none }
        return wtype(t, at: span)
    }

    /// The body of a function or lambda: parameters (moved into a frame when captured),
    /// defaults, hoisted `let`s, the statements, and a final `null` result.
    func functionBody(_ params: [IRParam], _ body: [IRStmt], firstParam: Int, at span: Span) -> Ref {
        for p in params where p.rest { unsupported("rest parameters", at: span) }
        var declared = params.map(\.symbol)
        for s in body { hoist(s, into: &declared) }
        let (frame, setup) = openFrame(for: declared)
        var code = setup
        for (i, p) in params.enumerated() {
            let t = wtype(p.type) ?? .i32
            if let frame, let off = frame.slots[p.symbol] {
                code.append(m.store(t, m.get(frame.local, .i32), m.get(firstParam + i, t), offset: off))
            } else {
                fn.locals[p.symbol] = firstParam + i
            }
            if let d = p.defaultValue {
                let missing = t == .f64 ? m.bin(BinaryenNeFloat64(), read(p.symbol, t), read(p.symbol, t)) : m.eqz(read(p.symbol, t))
                code.append(m.iff(missing, write(p.symbol, t, value(d, as: p.type))))
            }
        }
        for s in declared.dropFirst(params.count) where fn.locals[s] == nil && frame?.slots[s] == nil {
            fn.locals[s] = fn.newLocal(wtype(c.symbol(s).type) ?? .i32)
        }
        code += statements(body)
        if fn.result != .none { code.append(zero(fn.result)) }
        closeFrame(frame)
        return m.block(code, type: fn.result)
    }

    /// Collects the `let` and `for…of` symbols of a body (not of nested lambdas).
    func hoist(_ s: IRStmt, into out: inout [SymbolID]) {
        switch s.kind {
        case .let(let sym, _): out.append(sym)
        case .forOf(let sym, _, let b): out.append(sym); b.forEach { hoist($0, into: &out) }
        case .if(_, let a, let b): a.forEach { hoist($0, into: &out) }; b.forEach { hoist($0, into: &out) }
        case .while(_, let b), .doWhile(let b, _), .block(let b): b.forEach { hoist($0, into: &out) }
        case .for(let i, _, _, let b): i.forEach { hoist($0, into: &out) }; b.forEach { hoist($0, into: &out) }
        default: break
        }
    }

    /// Arguments without spreads (a spread argument is reported as unsupported).
    func spreadFree(_ args: [IRArg], at span: Span) -> [IRExpr] {
        if args.contains(where: \.spread) { unsupported("spread arguments in calls", at: span) }
        return args.map(\.value)
    }

    func directCall(_ f: SymbolID, _ args: [IRArg], at span: Span) -> Ref {
        guard let fn = c.function(f) else {
            unsupported("calling `\(c.symbol(f).name)`", at: span)
            return m.i32(0)
        }
        let values = spreadFree(args, at: span)
        var operands: [Ref] = []
        for (i, p) in fn.params.enumerated() {
            operands.append(i < values.count ? value(values[i], as: p.type) : zero(wtype(p.type) ?? .i32))
        }
        for extra in values.dropFirst(fn.params.count) { operands.append(m.block([effect(extra), m.i32(0)])) }
        let callArgs = Array(operands.prefix(fn.params.count))
        let extras = operands.dropFirst(fn.params.count).map { m.drop($0) }
        let call = m.call(functionName(f), callArgs, resultType(fn.returnType, at: span))
        return extras.isEmpty ? call : m.block(Array(extras) + [call])
    }

    // MARK: Closures

    /// A static closure for a component function used as a value (`@click={increment}`).
    func staticClosure(for f: SymbolID) -> Int {
        guard let fn = c.function(f) else { return 0 }
        let name = "$tr\(f.raw)"
        if BinaryenGetFunction(m.ref, m.n(name)) == nil {
            let params = [WType.i32] + fn.params.map { wtype($0.type) ?? .i32 }
            let ctx = FunctionContext(params: params, result: resultType(fn.returnType, at: fn.span), envParam: 0, outer: [])
            let body = m.call(functionName(f), fn.params.indices.map { m.get($0 + 1, params[$0 + 1]) }, ctx.result)
            addFunction(name, ctx, body: body)
        }
        return data.words([tableIndex(name), 0])
    }

    /// Compiles a lambda to a function taking the environment first; returns its name.
    func compileLambda(_ l: IRLambda, at span: Span) -> String {
        let name = freshName("$l")
        let params = [WType.i32] + l.params.map { wtype($0.type, at: span) }
        let ctx = FunctionContext(params: params, result: resultType(l.returnType, at: span), envParam: 0, outer: fn.visibleFrames)
        let body = within(ctx) { functionBody(l.params, l.body, firstParam: 1, at: span) }
        addFunction(name, ctx, body: body)
        return name
    }

    /// A closure value for a lambda: static when it captures nothing, else [index][env] on the heap.
    func closure(_ l: IRLambda, type: SemaType, at span: Span) -> Ref {
        let name = compileLambda(l, at: span)
        let index = tableIndex(name)
        if fn.frames.isEmpty && fn.envParam == nil { return m.i32(data.words([index, 0])) }
        let tmp = fn.newLocal(.i32)
        return m.block([
            m.set(tmp, m.call("$alloc", [m.i32(8)], .i32)),
            m.store(.i32, m.get(tmp, .i32), m.i32(index)),
            m.store(.i32, m.get(tmp, .i32), fn.currentEnv(m), offset: 4),
            m.get(tmp, .i32),
        ], type: .i32)
    }

    /// Calls a closure value of type `ft` with already converted arguments.
    func callClosure(_ closure: Ref, _ ft: FunctionType, _ args: [Ref]) -> Ref {
        let tmp = fn.newLocal(.i32)
        let params = [WType.i32] + ft.params.map { wtype($0) ?? .i32 }
        let result = ft.returns == .void ? WType.none : (wtype(ft.returns) ?? .i32)
        return m.callIndirect(m.load(.i32, m.tee(tmp, closure, .i32)), [m.load(.i32, m.get(tmp, .i32), offset: 4)] + args,
                              params: params, result: result)
    }

    /// Calls the callable expression `f` with values of `argTypes` (extra ones are dropped,
    /// missing ones are null); the result is converted to `result`'s representation.
    /// Lambda literals and function references are called directly, without a closure.
    func callCallable(_ f: IRExpr, _ args: [Ref], argTypes: [SemaType], result: SemaType, at span: Span) -> Ref {
        guard let ft = f.type.functionType else {
            unsupported("calling a value of type `\(f.type)`", at: span)
            return zero(wtype(result) ?? .i32)
        }
        let want = wtype(result) ?? .i32
        let have = ft.returns == .void ? WType.none : (wtype(ft.returns) ?? .i32)
        var operands: [Ref] = []
        var extras: [Ref] = []
        for (i, a) in args.enumerated() {
            if i < ft.params.count { operands.append(a) } else { extras.append(m.drop(a)) }
        }
        for i in operands.count..<max(operands.count, ft.params.count) { operands.append(zero(wtype(ft.params[i]) ?? .i32)) }
        let call: Ref
        switch f.kind {
        case .lambda(let l):
            let name = compileLambda(l, at: span)
            call = m.call(name, [fn.currentEnv(m)] + operands, have)
        case .functionRef(let s) where c.function(s) != nil:
            call = m.call(functionName(s), operands, have)
        default:
            call = callClosure(value(f), ft, operands)
        }
        return adapt(extras.isEmpty ? call : m.block(extras + [call]), have, want, at: span)
    }

    /// The value of a computed: a direct call of its lambda, else a call of its closure.
    func computedValue(_ s: SymbolID, _ t: WType, at span: Span) -> Ref {
        if let name = computedFunctions[s] { return adapt(m.call(name, [m.i32(0)], t), t, t, at: span) }
        guard case .computed(let ft)? = Optional(c.symbol(s).type), let ftype = Optional(FunctionType(params: [], returns: ft)) else {
            return zero(t)
        }
        return adapt(callClosure(m.gget(global(s), .i32), ftype, []), wtype(ft) ?? t, t, at: span)
    }
}
