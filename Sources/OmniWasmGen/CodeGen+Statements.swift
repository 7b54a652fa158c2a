import CBinaryen
import OmniBase
import OmniIR
import OmniSema

extension CodeGen {
    func statements(_ list: [IRStmt]) -> [Ref] { list.map(statement) }

    func statement(_ s: IRStmt) -> Ref {
        switch s.kind {
        case .expr(let e):
            return effect(e)
        case .let(let sym, let e):
            guard let e else { return m.nop() }
            let t = wtype(c.symbol(sym).type, at: s.span)
            return write(sym, t, value(e, as: c.symbol(sym).type))
        case .if(let cond, let a, let b):
            return m.iff(truthy(cond), m.block(statements(a)), b.isEmpty ? nil : m.block(statements(b)))
        case .while(let cond, let body):
            return loop(condition: cond, body: body, update: nil, testFirst: true)
        case .doWhile(let body, let cond):
            return loop(condition: cond, body: body, update: nil, testFirst: false)
        case .for(let initializer, let cond, let update, let body):
            return m.block(statements(initializer) + [loop(condition: cond, body: body, update: update, testFirst: true)])
        case .forOf(let sym, let list, let body):
            guard case .array(let el) = list.type.unwrapped else {
                unsupported("`for … of` over `\(list.type)`", at: s.span)
                return m.nop()
            }
            let t = wtype(el, at: s.span)
            let (brk, cont) = (fn.label("b"), fn.label("c"))
            fn.loops.append((brk, cont))
            defer { fn.loops.removeLast() }
            return forEachElement(value(list), el, breakLabel: brk) { slot, _ in
                [write(sym, t, m.load(t, slot)), m.block(statements(body), name: cont)]
            }
        case .return(let e):
            if fn.result == .none { return m.block([e.map(effect) ?? m.nop(), m.ret(nil)]) }
            guard let e else { return m.ret(zero(fn.result)) }
            let (code, have) = raw(e)
            return m.ret(adapt(code, have, fn.result, at: e.span))
        case .break:
            guard let l = fn.loops.last else { return m.nop() }
            return m.br(l.brk)
        case .continue:
            guard let l = fn.loops.last else { return m.nop() }
            return m.br(l.cont)
        case .block(let body):
            return m.block(statements(body))
        case .unreachable(let message):
            unsupported("code with errors (\(message))", at: s.span)
            return m.unreachable()
        }
    }

    /// `block $brk (loop $top (br_if $brk !cond) (block $cont body) update (br $top))`.
    func loop(condition: IRExpr?, body: [IRStmt], update: IRExpr?, testFirst: Bool) -> Ref {
        let (brk, cont, top) = (fn.label("b"), fn.label("c"), fn.label("t"))
        fn.loops.append((brk, cont))
        let inner = m.block(statements(body), name: cont)
        fn.loops.removeLast()
        var parts: [Ref] = []
        let exit = condition.map { m.br(brk, if: m.eqz(truthy($0))) }
        if testFirst, let exit { parts.append(exit) }
        parts.append(inner)
        if let update { parts.append(effect(update)) }
        if !testFirst, let exit { parts.append(exit) }
        parts.append(m.br(top))
        return m.block([m.loop(top, m.block(parts))], name: brk)
    }

    /// Iterates over the elements of an array (its length read once, as `forEach` does).
    /// `body` gets the slot address and the index local.
    func forEachElement(_ array: Ref, _ el: SemaType, breakLabel: String? = nil, _ body: (Ref, Int) -> [Ref]) -> Ref {
        let arr = fn.newLocal(.i32), i = fn.newLocal(.i32), n = fn.newLocal(.i32)
        let brk = breakLabel ?? fn.label("b"), top = fn.label("t")
        let slot = m.add(m.load(.i32, m.get(arr, .i32), offset: 8), m.bin(BinaryenShlInt32(), m.get(i, .i32), m.i32(3)))
        let parts = [m.br(brk, if: m.bin(BinaryenGeUInt32(), m.get(i, .i32), m.get(n, .i32)))]
            + body(slot, i)
            + [m.set(i, m.add(m.get(i, .i32), m.i32(1))), m.br(top)]
        return m.block([
            m.set(arr, array),
            m.set(i, m.i32(0)),
            m.set(n, m.load(.i32, m.get(arr, .i32))),
            m.block([m.loop(top, m.block(parts))], name: brk),
        ])
    }
}
