import OmniIR
import OmniSema

/// What IR code mentions and writes: drives which script functions and computeds the server
/// renderer emits (only those its initial render can reach) and which state is `var`.
struct SSRUses {
    /// Functions and computeds mentioned (called or used as values).
    var callables: Set<SymbolID> = []
    /// Locals, signals and variables written (`x = …`, `s.set(…)`, `s.update(…)`, `i++`).
    var writes: Set<SymbolID> = []

    mutating func visit(_ stmts: [IRStmt]) { for s in stmts { visit(s) } }

    mutating func visit(_ s: IRStmt) {
        switch s.kind {
        case .expr(let e): visit(e)
        case .let(_, let e): if let e { visit(e) }
        case .if(let c, let t, let f): visit(c); visit(t); visit(f)
        case .while(let c, let b): visit(c); visit(b)
        case .doWhile(let b, let c): visit(b); visit(c)
        case .for(let i, let c, let u, let b):
            visit(i)
            if let c { visit(c) }
            if let u { visit(u) }
            visit(b)
        case .forOf(_, let xs, let b): visit(xs); visit(b)
        case .return(let e): if let e { visit(e) }
        case .block(let b): visit(b)
        case .break, .continue, .unreachable: break
        }
    }

    mutating func visit(_ args: [IRArg]) { for a in args { visit(a.value) } }

    mutating func visit(_ e: IRExpr) {
        switch e.kind {
        case .number, .string, .bool, .null, .local, .props, .propGet, .signalGet, .unreachable: break
        case .functionRef(let f): callables.insert(f)
        case .computedGet(let c): callables.insert(c)
        case .signalSet(let s, let v): writes.insert(s); visit(v)
        case .signalUpdate(let s, let f): writes.insert(s); visit(f)
        case .unary(_, let x): visit(x)
        case .binary(_, let a, let b), .logical(_, let a, let b): visit(a); visit(b)
        case .conditional(let c, let a, let b): visit(c); visit(a); visit(b)
        case .assign(_, let t, let v): visit(t); visit(v)
        case .update(let t, _, _): visit(t)
        case .call(let f, let args): callables.insert(f); visit(args)
        case .callValue(let f, let args): visit(f); visit(args)
        case .builtin(_, let args): visit(args)
        case .method(_, let r, let args): visit(r); visit(args)
        case .member(let x, _, _): visit(x)
        case .index(let x, let i, _): visit(x); visit(i)
        case .array(let args): visit(args)
        case .object(let fields):
            for f in fields {
                if case .computed(let k) = f.key { visit(k) }
                visit(f.value)
            }
        case .template(_, let parts): for p in parts { visit(p) }
        case .lambda(let l):
            for p in l.params { if let d = p.defaultValue { visit(d) } }
            visit(l.body)
        }
    }

    mutating func visit(_ t: IRTarget) {
        switch t {
        case .local(let s): writes.insert(s)
        case .member(let x, _): visit(x)
        case .index(let x, let i): visit(x); visit(i)
        }
    }

    mutating func visit(_ nodes: [IRNode]) {
        for n in nodes {
            switch n.kind {
            case .element(_, let attributes, let children):
                for a in attributes { visit(a) }
                visit(children)
            case .text: break
            case .dynamicText(let e, _): visit(e)
            case .if(let branches, let els):
                for b in branches { visit(b.condition); visit(b.children) }
                if let els { visit(els) }
            case .each(let each):
                visit(each.list)
                visit(each.children)
                if let empty = each.empty { visit(empty) }
            case .component(_, let props):
                for p in props { visit(p) }
            }
        }
    }

    /// Attribute values; event handlers never run on the server, so they are not visited.
    mutating func visit(_ a: IRAttribute) {
        switch a.value {
        case .none, .static, .event: break
        case .dynamic(let e, _): visit(e)
        case .interpolated(let parts, _): for case .expr(let e) in parts { visit(e) }
        }
    }

    static func of(_ body: (inout SSRUses) -> Void) -> SSRUses {
        var u = SSRUses()
        body(&u)
        return u
    }
}

/// Whether `stmts` contain a `continue` that belongs to the loop around them (not to a
/// nested loop), or a `return` outside nested lambdas.
enum SSRControlFlow {
    static func hasOwnContinue(_ stmts: [IRStmt]) -> Bool {
        stmts.contains { s in
            switch s.kind {
            case .continue: true
            case .if(_, let t, let f): hasOwnContinue(t) || hasOwnContinue(f)
            case .block(let b): hasOwnContinue(b)
            default: false
            }
        }
    }

    static func hasReturn(_ stmts: [IRStmt]) -> Bool {
        stmts.contains { s in
            switch s.kind {
            case .return: true
            case .if(_, let t, let f): hasReturn(t) || hasReturn(f)
            case .while(_, let b), .doWhile(let b, _), .forOf(_, _, let b), .block(let b): hasReturn(b)
            case .for(let i, _, _, let b): hasReturn(i) || hasReturn(b)
            default: false
            }
        }
    }
}
