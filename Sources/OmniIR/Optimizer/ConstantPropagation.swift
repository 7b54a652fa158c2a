import OmniSema

/// Constant propagation: replaces reads of a `const` or `let` (component-level or local)
/// whose initializer is a literal and which is never assigned by that literal —
/// `const secs = 86400` … `{secs / 60}` → `{86400 / 60}` — so that folding can continue and
/// dead-code elimination can drop the declaration. Long strings (over 64 UTF-8 bytes) stay
/// shared rather than copied.
enum ConstantPropagation {
    static func run(_ c: IRComponent) -> IRComponent {
        let assigned = IRAnalysis.assigned(in: c)
        var values: [SymbolID: IRExpr] = [:]
        func consider(_ s: SymbolID, _ e: IRExpr?) {
            guard let e, e.isLiteral, !assigned.contains(s) else { return }
            if case .string(let text) = e.kind, text.utf8.count > 64 { return }
            values[s] = e
        }
        for d in c.state {
            if case .constant(let s, let e) = d.kind { consider(s, e) }
            if case .variable(let s, let e) = d.kind { consider(s, e) }
        }
        IRWalker(visit: { _ in }, visitStmt: { st in
            if case .let(let s, let e) = st.kind { consider(s, e) }
        }).walk(c)
        guard !values.isEmpty else { return c }
        return IRRewriter(expr: { e in
            if case .local(let s) = e.kind, var v = values[s] {
                v.span = e.span
                return v
            }
            return e
        }).rewrite(c)
    }
}
