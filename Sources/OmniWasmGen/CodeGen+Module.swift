import CBinaryen
import OmniBase
import OmniIR
import OmniSema

extension CodeGen {
    /// Generates the whole module: state, functions, template units, the exported API.
    func generate() {
        BinaryenAddGlobal(m.ref, m.n("$cl"), BinaryenTypeInt32(), true, m.i32(0))
        BinaryenAddGlobal(m.ref, m.n("$ssr"), BinaryenTypeInt32(), true, m.i32(0))
        addStateGlobals()
        plan = TemplatePlan.make(c)
        for span in plan.childComponents { unsupported("child components", at: span) }
        dirtyBase = data.reserve(plan.units.count + c.effects.count + 1)
        listTable = data.reserve(4 * (plan.siteCount + 2))
        addHelpers()
        for d in c.state {
            guard case .computed(let s, let f) = d.kind, case .lambda(let l) = f.kind else { continue }
            computedFunctions[s] = compileLambda(l, at: d.span)
        }
        compileFunctions()
        addMarkFunctions()
        addEffectFunctions()
        addUnitFunctions()
        addRegionFunctions()
        addMount()
        addFlushAndDispatch()
        if serverMarkup { addHTML() }
        addExports()
    }

    /// `$hlist(i)` (handler list i, created on first use) and `$reg(thunk, closure)`.
    func addHelpers() {
        let hctx = FunctionContext(params: [.i32], result: .i32, envParam: nil, outer: [])
        let p = hctx.newLocal(.i32)
        let addr = m.add(m.i32(listTable), m.bin(BinaryenShlInt32(), m.get(0, .i32), m.i32(2)))
        addFunction("$hlist", hctx, body: m.block([
            m.iff(m.eqz(m.tee(p, m.load(.i32, addr), .i32)),
                  m.block([m.set(p, m.call("$anew", [m.i32(0)], .i32)),
                           m.store(.i32, m.add(m.i32(listTable), m.bin(BinaryenShlInt32(), m.get(0, .i32), m.i32(2))), m.get(p, .i32))])),
            m.get(p, .i32),
        ], type: .i32))
        let rctx = FunctionContext(params: [.i32, .i32], result: .i32, envParam: nil, outer: [])
        let list = rctx.newLocal(.i32), slot = rctx.newLocal(.i32)
        addFunction("$reg", rctx, body: m.block([
            m.set(list, m.call("$hlist", [m.gget("$cl", .i32)], .i32)),
            m.set(slot, m.call("$apush", [m.get(list, .i32)], .i32)),
            m.store(.i32, m.get(slot, .i32), m.get(0, .i32)),
            m.store(.i32, m.get(slot, .i32), m.get(1, .i32), offset: 4),
            m.bin(BinaryenOrInt32(), m.bin(BinaryenShlInt32(), m.gget("$cl", .i32), m.i32(16)),
                  m.bin(BinaryenSubInt32(), m.load(.i32, m.get(list, .i32)), m.i32(1))),
        ], type: .i32))
    }

    /// `$i`: props defaults, the script's setup and effects; `$m`: static events and the
    /// first update of every top-level unit (regions render their content).
    func addMount() {
        let ctx = FunctionContext(params: [], result: .none, envParam: nil, outer: [])
        let body = within(ctx) { () -> Ref in
            var code: [Ref] = []
            for p in c.props {
                let t = wtype(p.type) ?? .i32
                let v: Ref = p.defaultValue.map { value($0, as: p.type) } ?? placeholder(p.type, name: p.name)
                code.append(m.iff(m.eqz(m.gget("$given\(p.symbol.raw)", .i32)), m.gset(global(p.symbol), adapt(v, t, t, at: p.span))))
            }
            for d in c.state {
                switch d.kind {
                case .signal(let s, let e): code.append(m.gset(global(s), value(e, as: c.symbol(s).type.valueType)))
                case .computed(let s, let e) where computedFunctions[s] == nil: code.append(m.gset(global(s), value(e)))
                case .computed: break
                case .constant(let s, let e): code.append(m.gset(global(s), value(e, as: c.symbol(s).type)))
                case .variable(let s, let e):
                    if let e { code.append(m.gset(global(s), value(e, as: c.symbol(s).type))) }
                case .statement(let st): code.append(statement(st))
                }
            }
            for i in c.effects.indices { code.append(m.call("$fx\(i)", [], .none)) }
            return m.block(code)
        }
        addFunction("$init", ctx, body: body)
        let hctx = FunctionContext(params: [], result: .none, envParam: nil, outer: [])
        let hydrate = within(hctx) { () -> Ref in
            var code = [m.gset("$cl", m.i32(0))]
            for (site, a) in plan.staticEvents {
                guard case .event(let e) = a.value else { continue }
                code.append(m.call("$h_listen", [m.i32(site), m.i32(data.string(a.name)), register(e, at: a.span)], .none))
            }
            for u in plan.units where u.guards.isEmpty { code.append(m.call("$u\(u.index)", [], .none)) }
            code.append(BinaryenMemoryFill(m.ref, m.i32(dirtyBase), m.i32(0), m.i32(plan.units.count + c.effects.count + 1)))
            return m.block(code)
        }
        addFunction("$mount", hctx, body: hydrate)
    }

    /// What the reference evaluator gives a required prop nobody passed.
    func placeholder(_ t: SemaType, name: String) -> Ref {
        switch t {
        case .number: m.f64(0)
        case .string: m.i32(data.string(name))
        case .bool: m.i32(0)
        case .array: m.call("$anew", [m.i32(0)], .i32)
        default: zero(wtype(t) ?? .i32)
        }
    }

    /// `$flush` (effects until settled, at most 32 rounds, then dirty units in template
    /// order) and `$dispatch(id, event)` (a handler, then `$flush`).
    func addFlushAndDispatch() {
        let ctx = FunctionContext(params: [], result: .none, envParam: nil, outer: [])
        let any = ctx.newLocal(.i32), rounds = ctx.newLocal(.i32)
        func flag(_ i: Int) -> Ref { m.load(.i32, m.i32(dirtyBase + i), bytes: 1) }
        func clear(_ i: Int) -> Ref { m.store(.i32, m.i32(dirtyBase + i), m.i32(0), bytes: 1) }
        var code: [Ref] = []
        if !c.effects.isEmpty {
            var round: [Ref] = [m.set(any, m.i32(0))]
            for i in c.effects.indices {
                let f = plan.units.count + i
                round.append(m.iff(flag(f), m.block([clear(f), m.set(any, m.i32(1)), m.call("$fx\(i)", [], .none)])))
            }
            round.append(m.set(rounds, m.add(m.get(rounds, .i32), m.i32(1))))
            round.append(m.br("settle", if: m.bin(BinaryenAndInt32(), m.get(any, .i32), m.bin(BinaryenLtUInt32(), m.get(rounds, .i32), m.i32(32)))))
            code.append(m.loop("settle", m.block(round)))
        }
        for u in plan.units {
            code.append(m.iff(flag(u.index), m.block([clear(u.index), m.call("$u\(u.index)", [], .none)])))
        }
        addFunction("$flush", ctx, body: code.isEmpty ? m.nop() : m.block(code))

        let dctx = FunctionContext(params: [.i32, .i32], result: .none, envParam: nil, outer: [])
        let entry = dctx.newLocal(.i32)
        let list = m.load(.i32, m.add(m.i32(listTable), m.bin(BinaryenShlInt32(), m.bin(BinaryenShrUInt32(), m.get(0, .i32), m.i32(16)), m.i32(2))))
        let slot = m.add(m.load(.i32, list, offset: 8), m.bin(BinaryenShlInt32(), m.bin(BinaryenAndInt32(), m.get(0, .i32), m.i32(0xffff)), m.i32(3)))
        addFunction("$dispatch", dctx, body: m.block([
            m.set(entry, slot),
            m.callIndirect(m.load(.i32, m.get(entry, .i32)), [m.load(.i32, m.get(entry, .i32), offset: 4), m.get(1, .i32)], params: [.i32, .i32], result: .none),
            m.call("$flush", [], .none),
        ]))
    }

    /// `$html`: the whole template as server markup (hydration markers, no `data-oe`).
    func addHTML() {
        let ctx = FunctionContext(params: [], result: .i32, envParam: nil, outer: [])
        let body = within(ctx) { () -> Ref in
            var out = HTMLEmitter()
            render(c.template, inEach: false, &out)
            flush(&out)
            return m.block([m.gset("$ssr", m.i32(1)), m.call("$sbstart", [], .none)] + out.code
                           + [m.gset("$ssr", m.i32(0)), m.gget("$sb", .i32)], type: .i32)
        }
        addFunction("$html", ctx, body: body)
    }

    /// Exports: the runtime API (`$`-prefixed), prop setters and the component's functions.
    func addExports() {
        for (inner, external) in [("$init", "$i"), ("$mount", "$m"), ("$dispatch", "$h"), ("$alloc", "$a")] + (serverMarkup ? [("$html", "$html")] : []) {
            BinaryenAddFunctionExport(m.ref, m.n(inner), m.c(external))
        }
        for p in c.props {
            guard let t = wtype(p.type), t != .none else { continue }
            let ctx = FunctionContext(params: [t], result: .none, envParam: nil, outer: [])
            addFunction("$set\(p.symbol.raw)", ctx, body: m.block([m.gset(global(p.symbol), m.get(0, t)), m.gset("$given\(p.symbol.raw)", m.i32(1))]))
            BinaryenAddFunctionExport(m.ref, m.n("$set\(p.symbol.raw)"), m.c("$p_" + p.name))
        }
        for f in exportedFunctions() {
            let params = f.params.map { wtype($0.type) ?? .i32 }
            let r = resultType(f.returnType, at: f.span)
            let ctx = FunctionContext(params: params, result: r, envParam: nil, outer: [])
            let call = m.call(functionName(f.symbol), params.indices.map { m.get($0, params[$0]) }, r)
            let body: Ref
            if r == .none {
                body = m.block([call, m.call("$flush", [], .none)])
            } else {
                let tmp = ctx.newLocal(r)
                body = m.block([m.set(tmp, call), m.call("$flush", [], .none), m.get(tmp, r)], type: r)
            }
            addFunction("$x\(f.symbol.raw)", ctx, body: body)
            BinaryenAddFunctionExport(m.ref, m.n("$x\(f.symbol.raw)"), m.c(c.symbol(f.symbol).name))
        }
    }

    /// The component functions exported by name: parameters and result numbers or booleans.
    func exportedFunctions() -> [IRFunction] {
        c.functions.filter { f in
            let name = c.symbol(f.symbol).name
            guard !name.hasPrefix("$"), f.params.allSatisfy({ $0.type == .number || $0.type == .bool }) else { return false }
            switch f.returnType {
            case .number, .bool, .void, .null: return true
            default: return false
            }
        }
    }
}
