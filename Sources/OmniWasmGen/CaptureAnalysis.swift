import OmniIR
import OmniSema

/// Visits every expression and statement of IR trees (lambda bodies included).
struct IRScan {
    var onExpr: (IRExpr) -> Void = { _ in }
    var onStmt: (IRStmt) -> Void = { _ in }

    func expr(_ e: IRExpr) {
        onExpr(e)
        switch e.kind {
        case .number, .string, .bool, .null, .local, .functionRef, .props, .propGet, .signalGet, .computedGet, .unreachable: break
        case .signalSet(_, let x), .signalUpdate(_, let x), .unary(_, let x): expr(x)
        case .binary(_, let a, let b), .logical(_, let a, let b): expr(a); expr(b)
        case .conditional(let a, let b, let d): expr(a); expr(b); expr(d)
        case .assign(_, let t, let v): target(t); expr(v)
        case .update(let t, _, _): target(t)
        case .call(_, let args), .builtin(_, let args), .array(let args): args.forEach { expr($0.value) }
        case .callValue(let f, let args): expr(f); args.forEach { expr($0.value) }
        case .method(_, let r, let args): expr(r); args.forEach { expr($0.value) }
        case .member(let o, _, _): expr(o)
        case .index(let o, let i, _): expr(o); expr(i)
        case .object(let fields):
            for f in fields {
                if case .computed(let k) = f.key { expr(k) }
                expr(f.value)
            }
        case .template(_, let parts): parts.forEach(expr)
        case .lambda(let l):
            l.params.forEach { $0.defaultValue.map(expr) }
            stmts(l.body)
        }
    }

    func target(_ t: IRTarget) {
        switch t {
        case .local: break
        case .member(let o, _): expr(o)
        case .index(let o, let i): expr(o); expr(i)
        }
    }

    func stmts(_ list: [IRStmt]) { list.forEach(stmt) }

    func stmt(_ s: IRStmt) {
        onStmt(s)
        switch s.kind {
        case .expr(let e): expr(e)
        case .let(_, let e): e.map(expr)
        case .if(let c, let a, let b): expr(c); stmts(a); stmts(b)
        case .while(let c, let b): expr(c); stmts(b)
        case .doWhile(let b, let c): stmts(b); expr(c)
        case .for(let i, let c, let u, let b): stmts(i); c.map(expr); u.map(expr); stmts(b)
        case .forOf(_, let e, let b): expr(e); stmts(b)
        case .return(let e): e.map(expr)
        case .block(let b): stmts(b)
        case .break, .continue, .unreachable: break
        }
    }

    func nodes(_ list: [IRNode]) {
        for n in list {
            switch n.kind {
            case .element(_, let attrs, let children):
                attrs.forEach(attribute)
                nodes(children)
            case .text: break
            case .dynamicText(let e, _): expr(e)
            case .if(let branches, let els):
                for b in branches { expr(b.condition); nodes(b.children) }
                els.map(nodes)
            case .each(let each):
                expr(each.list); each.key.map(expr); nodes(each.children); each.empty.map(nodes)
            case .component(_, let props): props.forEach(attribute)
            }
        }
    }

    func attribute(_ a: IRAttribute) {
        switch a.value {
        case .none, .static: break
        case .dynamic(let e, _), .event(let e): expr(e)
        case .interpolated(let parts, _):
            for case .expr(let e) in parts { expr(e) }
        }
    }

    func component(_ c: IRComponent) {
        c.props.forEach { $0.defaultValue.map(expr) }
        for d in c.state {
            switch d.kind {
            case .signal(_, let e), .computed(_, let e), .constant(_, let e): expr(e)
            case .variable(_, let e): e.map(expr)
            case .statement(let s): stmt(s)
            }
        }
        for f in c.functions { f.params.forEach { $0.defaultValue.map(expr) }; stmts(f.body) }
        c.effects.forEach { expr($0.function) }
        nodes(c.template)
    }
}

/// Finds the locals that closures capture (they live in heap frames, HYDRATION.md "Closures").
enum CaptureAnalysis {
    static func captured(in c: IRComponent, componentSymbols: Set<SymbolID>) -> Set<SymbolID> {
        var result: Set<SymbolID> = []
        var lambdas: [IRLambda] = []
        var scan = IRScan()
        scan.onExpr = { e in if case .lambda(let l) = e.kind { lambdas.append(l) } }
        scan.component(c)
        for l in lambdas {
            var refs: Set<SymbolID> = [], decls: Set<SymbolID> = Set(l.params.map(\.symbol))
            var inner = IRScan()
            inner.onExpr = { e in
                switch e.kind {
                case .local(let s): refs.insert(s)
                case .assign(_, .local(let s), _), .update(.local(let s), _, _): refs.insert(s)
                case .lambda(let l2): decls.formUnion(l2.params.map(\.symbol))
                default: break
                }
            }
            inner.onStmt = { s in
                switch s.kind {
                case .let(let sym, _), .forOf(let sym, _, _): decls.insert(sym)
                default: break
                }
            }
            inner.stmts(l.body)
            l.params.forEach { $0.defaultValue.map(inner.expr) }
            result.formUnion(refs.subtracting(decls).subtracting(componentSymbols))
        }
        return result
    }

    /// The signals an expression reads, directly, through computeds or through the
    /// component functions it calls; `nil` when it calls a value the compiler cannot see
    /// through (then every signal counts).
    static func reads(_ e: IRExpr, in c: IRComponent) -> Set<SymbolID> {
        var visitedFunctions: Set<SymbolID> = []
        var visitedComputeds: Set<SymbolID> = []
        var out: Set<SymbolID> = []
        var unknown = false
        var scan = IRScan()
        func computed(_ s: SymbolID) {
            guard visitedComputeds.insert(s).inserted else { return }
            for d in c.state { if case .computed(s, let f) = d.kind { scan.expr(f) } }
        }
        scan.onExpr = { e in
            switch e.kind {
            case .signalGet(let s): out.insert(s)
            case .computedGet(let s): computed(s)
            case .call(let f, _):
                if visitedFunctions.insert(f).inserted, let fn = c.function(f) { scan.stmts(fn.body) }
            case .callValue: unknown = true
            default: break
            }
        }
        scan.expr(e)
        if unknown { return allSignals(c) }
        return out
    }

    static func allSignals(_ c: IRComponent) -> Set<SymbolID> {
        var out: Set<SymbolID> = []
        for d in c.state { if case .signal(let s, _) = d.kind { out.insert(s) } }
        return out
    }
}
