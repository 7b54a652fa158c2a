import OmniSema

/// Dead-code elimination: removes declarations nothing uses.
///
/// The roots are what runs or renders on its own: the template (including event handlers),
/// effects, prop defaults, setup statements, and declarations whose initializer has a side
/// effect. From them the pass marks every symbol reachable through initializers and
/// function bodies, then removes
/// - unused `signal`, `computed`, `const` and `let` declarations with pure initializers
///   (`const unused = signal(0)`), and unused functions (`function helper() {}`);
/// - inside bodies: `let` locals never mentioned whose initializer is pure, and expression
///   statements that are pure (`x + 1;`).
/// The dependency tables forget removed computeds.
enum DeadCodeElimination {
    static func run(_ c: IRComponent) -> IRComponent {
        var c = c
        let live = liveSymbols(c)
        c.state = c.state.filter { d in
            guard let s = d.symbol, !live.contains(s) else { return true }
            return !isRemovableInitializer(d)
        }
        c.functions = c.functions.filter { live.contains($0.symbol) }
        c.dependencies.computedReads = c.dependencies.computedReads.filter { live.contains($0.key) }
        // Local clean-up inside bodies.
        let uses = IRAnalysis.uses { $0.walk(c) }
        let rewriter = IRRewriter(stmts: { list in
            list.filter { s in
                switch s.kind {
                case .let(let sym, let e): return uses[sym, default: 0] > 0 || !(e.map(IRAnalysis.isPure) ?? true)
                case .expr(let e): return !IRAnalysis.isPure(e)
                default: return true
                }
            }
        })
        c.state = c.state.map(rewriter.rewrite)
        c.functions = c.functions.map { f in var f = f; f.body = rewriter.rewrite(f.body); return f }
        c.effects = c.effects.map { e in var e = e; e.function = rewriter.rewrite(e.function); return e }
        c.template = rewriter.rewrite(c.template)
        return c
    }

    static func isRemovableInitializer(_ d: IRDecl) -> Bool {
        switch d.kind {
        case .signal(_, let e), .computed(_, let e), .constant(_, let e): IRAnalysis.isPure(e)
        case .variable(_, let e): e.map(IRAnalysis.isPure) ?? true
        case .statement: false
        }
    }

    /// The symbols reachable from the roots.
    static func liveSymbols(_ c: IRComponent) -> Set<SymbolID> {
        var declInits: [SymbolID: IRDecl] = [:]
        for d in c.state { if let s = d.symbol { declInits[s] = d } }
        var functions: [SymbolID: IRFunction] = [:]
        for f in c.functions { functions[f.symbol] = f }

        var live: Set<SymbolID> = []
        var work: [SymbolID] = []
        func add(_ uses: [SymbolID: Int]) {
            for s in uses.keys.sorted() where !live.contains(s) {
                live.insert(s)
                work.append(s)
            }
        }
        // Roots.
        add(IRAnalysis.uses { w in
            for p in c.props { p.defaultValue.map(w.walk) }
            for e in c.effects { w.walk(e.function) }
            w.walk(c.template)
            for d in c.state where d.symbol == nil || !isRemovableInitializer(d) { w.walk(d) }
        })
        for d in c.state { if let s = d.symbol, !isRemovableInitializer(d) { add([s: 1]) } }
        // Propagate through initializers and bodies.
        while let s = work.popLast() {
            if let d = declInits[s] { add(IRAnalysis.uses { $0.walk(d) }) }
            if let f = functions[s] { add(IRAnalysis.uses { $0.walk(f) }) }
        }
        return live
    }
}
