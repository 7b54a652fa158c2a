import OmniSyntax

/// Visits every expression of a statement or expression, outer before inner, including
/// the bodies of nested functions. The `pruned` forms let the visitor skip an expression's
/// inside by returning false.
enum ASTWalker {
    static func walk(_ st: Stmt, _ visit: (Expr) -> Void) {
        walkPruned(st) { visit($0); return true }
    }

    static func walk(_ e: Expr, _ visit: (Expr) -> Void) {
        walkPruned(e) { visit($0); return true }
    }

    static func walkPruned(_ st: Stmt, _ visit: (Expr) -> Bool) {
        switch st.kind {
        case .variable(let v): if let i = v.initializer { walkPruned(i, visit) }
        case .function(let f):
            walkParams(f.signature, visit)
            for b in f.body { walkPruned(b, visit) }
        case .expression(let e): walkPruned(e, visit)
        case .if(let c, let t, let e):
            walkPruned(c, visit); walkPruned(t, visit)
            if let e { walkPruned(e, visit) }
        case .forOf(_, _, let it, let body): walkPruned(it, visit); walkPruned(body, visit)
        case .for(let i, let c, let u, let body):
            if let i { walkPruned(i, visit) }
            if let c { walkPruned(c, visit) }
            if let u { walkPruned(u, visit) }
            walkPruned(body, visit)
        case .while(let c, let body), .doWhile(let body, let c): walkPruned(c, visit); walkPruned(body, visit)
        case .return(let e): if let e { walkPruned(e, visit) }
        case .block(let stmts): for s in stmts { walkPruned(s, visit) }
        case .break, .continue, .empty, .error: break
        }
    }

    static func walkParams(_ sig: FunctionSignature, _ visit: (Expr) -> Bool) {
        for p in sig.params { if let d = p.defaultValue { walkPruned(d, visit) } }
    }

    static func walkPruned(_ e: Expr, _ visit: (Expr) -> Bool) {
        guard visit(e) else { return }
        switch e.kind {
        case .number, .string, .bool, .null, .identifier, .error: break
        case .template(_, let xs), .sequence(let xs): for x in xs { walkPruned(x, visit) }
        case .array(let els): for el in els { walkPruned(el.value, visit) }
        case .object(let props):
            for p in props {
                switch p.kind {
                case .keyValue(_, let v, _): walkPruned(v, visit)
                case .computed(let k, let v): walkPruned(k, visit); walkPruned(v, visit)
                case .spread(let x): walkPruned(x, visit)
                case .method(_, let sig, let body):
                    walkParams(sig, visit)
                    for b in body { walkPruned(b, visit) }
                }
            }
        case .unary(_, let x, _), .postfix(_, let x, _), .paren(let x), .nonNull(let x), .asType(let x, _), .member(let x, _, _):
            walkPruned(x, visit)
        case .binary(_, let a, let b, _), .index(let a, let b, _): walkPruned(a, visit); walkPruned(b, visit)
        case .assign(_, let t, let v, _): walkPruned(t, visit); walkPruned(v, visit)
        case .conditional(let c, let a, let b): walkPruned(c, visit); walkPruned(a, visit); walkPruned(b, visit)
        case .call(let callee, let args, _):
            walkPruned(callee, visit)
            for a in args { walkPruned(a.value, visit) }
        case .arrow(let sig, let body):
            walkParams(sig, visit)
            switch body {
            case .expression(let x): walkPruned(x, visit)
            case .block(let stmts, _): for s in stmts { walkPruned(s, visit) }
            }
        case .function(_, let sig, let body):
            walkParams(sig, visit)
            for s in body { walkPruned(s, visit) }
        }
    }
}
