import CBinaryen
import Foundation
import OmniBase
import OmniIR
import OmniSema

extension CodeGen {
    /// Sets the dirty flags of everything that reads signal `s` (calls `$mk<s>`).
    func mark(_ s: SymbolID) -> Ref { m.call("$mk\(s.raw)", [], .none) }

    func signals() -> [SymbolID] {
        c.state.compactMap { d in if case .signal(let s, _) = d.kind { s } else { nil } }
    }

    /// The signals an effect reads (its analyzer reads, computeds expanded, plus a scan).
    func effectReads(_ e: IREffect) -> Set<SymbolID> {
        var out = CaptureAnalysis.reads(e.function, in: c)
        for r in e.reads {
            out.formUnion(CaptureAnalysis.reads(IRExpr(.computedGet(r), type: .error, span: e.span), in: c))
            if signals().contains(r) { out.insert(r) }
        }
        return out
    }

    /// `$mk<s>` for every signal: one store per dependent unit and effect.
    func addMarkFunctions() {
        let effectCount = c.effects.count
        let reads = c.effects.map(effectReads)
        for s in signals() {
            var code: [Ref] = []
            for u in plan.units where u.reads.contains(s) {
                code.append(m.store(.i32, m.i32(dirtyBase + u.index), m.i32(1), bytes: 1))
            }
            for i in 0..<effectCount where reads[i].contains(s) {
                code.append(m.store(.i32, m.i32(dirtyBase + plan.units.count + i), m.i32(1), bytes: 1))
            }
            let ctx = FunctionContext(params: [], result: .none, envParam: nil, outer: [])
            addFunction("$mk\(s.raw)", ctx, body: code.isEmpty ? m.nop() : m.block(code))
        }
    }

    func addEffectFunctions() {
        for (i, e) in c.effects.enumerated() {
            let ctx = FunctionContext(params: [], result: .none, envParam: nil, outer: [])
            let body = within(ctx) { () -> Ref in
                guard let ft = e.function.type.functionType else { return effect(e.function) }
                return effect(IRExpr(.callValue(e.function, []), type: ft.returns, span: e.span))
            }
            addFunction("$fx\(i)", ctx, body: body)
        }
    }

    /// True while every `{#if}` branch around a unit is showing.
    func live(_ guards: [(region: Int, branch: Int)]) -> Ref? {
        guards.map { m.bin(BinaryenEqInt32(), m.gget("$act\($0.region)", .i32), m.i32($0.branch)) }
            .reduce(nil) { acc, x in acc.map { m.bin(BinaryenAndInt32(), $0, x) } ?? x }
    }

    /// One update function per unit (`$u<index>`), and the render functions of regions.
    func addUnitFunctions() {
        for region in plan.ifRegions {
            BinaryenAddGlobal(m.ref, m.n("$act\(region)"), BinaryenTypeInt32(), true, m.i32(-2))
        }
        for u in plan.units {
            let ctx = FunctionContext(params: [], result: .none, envParam: nil, outer: [])
            let body: Ref = within(ctx) {
                var code: [Ref]
                switch u.kind {
                case .text(let e):
                    code = scratch(pure: IRPurity.isScratchSafe(e, c), [m.call("$h_text", [m.i32(u.site), toStr(e)], .none)])
                case .attribute(let a):
                    code = scratch(pure: IRPurity.isScratchSafe(a, c), [attributeUpdate(u.site, a)])
                case .region(let n):
                    code = regionUpdate(u.site, n)
                }
                if let l = live(u.guards) { code = [m.iff(l, m.block(code))] }
                return m.block(code)
            }
            addFunction("$u\(u.index)", ctx, body: body)
        }
    }

    /// Restores the heap pointer after `code` when nothing it allocates can outlive it.
    func scratch(pure: Bool, _ code: [Ref]) -> [Ref] {
        guard pure else { return code }
        let saved = fn.newLocal(.i32)
        return [m.set(saved, m.gget("$hp", .i32))] + code + [m.gset("$hp", m.get(saved, .i32))]
    }

    func attributeUpdate(_ site: Int, _ a: IRAttribute) -> Ref {
        let name = m.i32(data.string(a.name))
        switch a.value {
        case .dynamic(let e, _):
            let v: Ref
            switch e.type {
            case .bool: v = m.select(value(e), m.i32(data.string("")), m.i32(0), .i32)
            case .null, .void: v = m.block([effect(e), m.i32(0)], type: .i32)
            case .optional(let inner) where wtype(inner) == .i32:
                let tmp = fn.newLocal(.i32)
                v = m.iff(m.tee(tmp, value(e), .i32), stringOf(m.get(tmp, .i32), inner, at: e.span), m.i32(0))
            default: v = toStr(e)
            }
            return m.call("$h_attr", [m.i32(site), name, v], .none)
        case .interpolated(let parts, _):
            var acc: Ref = m.i32(data.string(""))
            for p in parts {
                switch p {
                case .text(let t): acc = m.call("$cat", [acc, m.i32(data.string(HTMLText.decode(t)))], .i32)
                case .expr(let e): acc = m.call("$cat", [acc, toStr(e)], .i32)
                }
            }
            return m.call("$h_attr", [m.i32(site), name, acc], .none)
        default:
            return m.nop()
        }
    }

    /// Region update: re-render an `{#each}`, or an `{#if}` whose branch changed.
    func regionUpdate(_ site: Int, _ n: IRNode) -> [Ref] {
        let start = [m.call("$sbstart", [], .none), m.gset("$cl", m.i32(site + 1)),
                     m.store(.i32, m.call("$hlist", [m.i32(site + 1)], .i32), m.i32(0))]
        let finish = m.call("$h_region", [m.i32(site), m.gget("$sb", .i32)], .none)
        if case .if = n.kind {
            let idx = fn.newLocal(.i32)
            return [m.set(idx, m.call("$br\(site)", [], .i32)),
                    m.iff(m.bin(BinaryenNeInt32(), m.get(idx, .i32), m.gget("$act\(site)", .i32)),
                          m.block(start + [m.call("$rn\(site)", [m.get(idx, .i32)], .none), finish]))]
        }
        return start + [m.call("$rn\(site)", [], .none), finish]
    }

    /// `$br<R>` (the branch an `{#if}` shows) and `$rn<R>` (renders a region's content).
    func addRegionFunctions() {
        var scan: [IRNode] = []
        func collect(_ nodes: [IRNode], inEach: Bool) {
            for n in nodes {
                switch n.kind {
                case .element(_, _, let children): collect(children, inEach: inEach)
                case .if(let bs, let els):
                    if !inEach { scan.append(n) }
                    for b in bs { collect(b.children, inEach: inEach) }
                    els.map { collect($0, inEach: inEach) }
                case .each(let each):
                    if !inEach { scan.append(n) }
                    collect(each.children, inEach: true)
                    each.empty.map { collect($0, inEach: true) }
                default: break
                }
            }
        }
        collect(c.template, inEach: false)
        for n in scan {
            let site = plan.sites[n.span] ?? 0
            switch n.kind {
            case .if(let branches, let els):
                let bctx = FunctionContext(params: [], result: .i32, envParam: nil, outer: [])
                let chooser = within(bctx) { () -> Ref in
                    var ifs: Ref = m.i32(branches.count)
                    for (i, b) in branches.enumerated().reversed() { ifs = m.iff(truthy(b.condition), m.i32(i), ifs) }
                    return ifs
                }
                addFunction("$br\(site)", bctx, body: chooser)
                let rctx = FunctionContext(params: [.i32], result: .none, envParam: nil, outer: [])
                let body = within(rctx) { () -> Ref in
                    var code = [m.gset("$act\(site)", m.get(0, .i32))]
                    var chain: Ref? = nil
                    if let els {
                        var out = HTMLEmitter()
                        render(els, inEach: false, &out)
                        flush(&out)
                        if !out.code.isEmpty { chain = m.block(out.code) }
                    }
                    for (i, b) in branches.enumerated().reversed() {
                        var out = HTMLEmitter()
                        render(b.children, inEach: false, &out)
                        flush(&out)
                        chain = m.iff(m.bin(BinaryenEqInt32(), m.get(0, .i32), m.i32(i)), out.code.isEmpty ? m.nop() : m.block(out.code), chain)
                    }
                    if let chain { code.append(chain) }
                    return m.block(code)
                }
                addFunction("$rn\(site)", rctx, body: body)
            case .each(let each):
                let rctx = FunctionContext(params: [], result: .none, envParam: nil, outer: [])
                let body = within(rctx) { eachLoop(each, at: n.span) }
                addFunction("$rn\(site)", rctx, body: body)
            default: break
            }
        }
    }
}

/// Decides when an update may run in a scratch arena (HYDRATION.md, "Memory").
enum IRPurity {
    static func isScratchSafe(_ a: IRAttribute, _ c: IRComponent) -> Bool {
        switch a.value {
        case .dynamic(let e, _): isScratchSafe(e, c)
        case .interpolated(let parts, _): parts.allSatisfy { if case .expr(let e) = $0 { isScratchSafe(e, c) } else { true } }
        default: true
        }
    }

    /// No writes to anything but its own locals, no calls of unknown code, no mutation.
    static func isScratchSafe(_ e: IRExpr, _ c: IRComponent) -> Bool {
        var safe = true
        var visited: Set<SymbolID> = []
        var scan = IRScan()
        scan.onExpr = { x in
            switch x.kind {
            case .signalSet, .signalUpdate, .callValue, .assign(_, .member, _), .assign(_, .index, _), .update(.member, _, _), .update(.index, _, _):
                safe = false
            case .assign(_, .local(let s), _), .update(.local(let s), _, _):
                if c.state.contains(where: { $0.symbol == s }) { safe = false }
            case .method(let m, _, _):
                if m == .arrayPush || m == .arrayPop || m == .arrayReverse || m == .signalSet || m == .signalUpdate { safe = false }
            case .builtin(let b, _):
                if b == .batch || b == .untrack || b == .effect || b == .signal || b == .computed { safe = false }
            case .call(let f, _):
                if visited.insert(f).inserted, let fn = c.function(f) { scan.stmts(fn.body) }
            default: break
            }
        }
        scan.expr(e)
        return safe
    }
}

/// Decodes the character references HTML text may hold, for values set through the DOM.
enum HTMLText {
    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
