import OmniSema

/// Rebuilds an IR tree bottom-up. Each hook sees a node whose children were already
/// rewritten: `expr` every expression, `stmts` every statement list, `nodes` every
/// template node list. The passes are written as hooks over this one traversal.
struct IRRewriter {
    var expr: (IRExpr) -> IRExpr = { $0 }
    var stmts: ([IRStmt]) -> [IRStmt] = { $0 }
    var nodes: ([IRNode]) -> [IRNode] = { $0 }

    func rewrite(_ c: IRComponent) -> IRComponent {
        var c = c
        c.props = c.props.map { p in var p = p; p.defaultValue = p.defaultValue.map(rewrite); return p }
        c.state = c.state.map(rewrite)
        c.functions = c.functions.map { f in var f = f; f.params = f.params.map(rewrite); f.body = rewrite(f.body); return f }
        c.effects = c.effects.map { e in var e = e; e.function = rewrite(e.function); return e }
        c.template = rewrite(c.template)
        return c
    }

    func rewrite(_ d: IRDecl) -> IRDecl {
        var d = d
        switch d.kind {
        case .signal(let s, let e): d.kind = .signal(s, initial: rewrite(e))
        case .computed(let s, let e): d.kind = .computed(s, function: rewrite(e))
        case .constant(let s, let e): d.kind = .constant(s, rewrite(e))
        case .variable(let s, let e): d.kind = .variable(s, e.map(rewrite))
        case .statement(let st):
            let list = rewrite([st])
            d.kind = .statement(list.count == 1 ? list[0] : IRStmt(.block(list), span: st.span))
        }
        return d
    }

    func rewrite(_ p: IRParam) -> IRParam { var p = p; p.defaultValue = p.defaultValue.map(rewrite); return p }

    func rewrite(_ list: [IRStmt]) -> [IRStmt] { stmts(list.map(rewriteOne)) }

    private func rewriteOne(_ s: IRStmt) -> IRStmt {
        var s = s
        switch s.kind {
        case .expr(let e): s.kind = .expr(rewrite(e))
        case .let(let sym, let e): s.kind = .let(sym, e.map(rewrite))
        case .if(let c, let t, let e): s.kind = .if(rewrite(c), then: rewrite(t), else: rewrite(e))
        case .while(let c, let b): s.kind = .while(rewrite(c), rewrite(b))
        case .doWhile(let b, let c): s.kind = .doWhile(rewrite(b), rewrite(c))
        case .for(let i, let c, let u, let b):
            s.kind = .for(initializer: rewrite(i), condition: c.map(rewrite), update: u.map(rewrite), body: rewrite(b))
        case .forOf(let sym, let l, let b): s.kind = .forOf(sym, rewrite(l), rewrite(b))
        case .return(let e): s.kind = .return(e.map(rewrite))
        case .block(let b): s.kind = .block(rewrite(b))
        case .break, .continue, .unreachable: break
        }
        return s
    }

    func rewrite(_ e: IRExpr) -> IRExpr {
        var e = e
        switch e.kind {
        case .number, .string, .bool, .null, .local, .functionRef, .props, .propGet, .signalGet, .computedGet, .unreachable:
            break
        case .signalSet(let s, let v): e.kind = .signalSet(s, rewrite(v))
        case .signalUpdate(let s, let f): e.kind = .signalUpdate(s, rewrite(f))
        case .unary(let op, let x): e.kind = .unary(op, rewrite(x))
        case .binary(let op, let a, let b): e.kind = .binary(op, rewrite(a), rewrite(b))
        case .logical(let op, let a, let b): e.kind = .logical(op, rewrite(a), rewrite(b))
        case .conditional(let c, let a, let b): e.kind = .conditional(rewrite(c), rewrite(a), rewrite(b))
        case .assign(let op, let t, let v): e.kind = .assign(op, rewrite(t), rewrite(v))
        case .update(let t, let inc, let pre): e.kind = .update(rewrite(t), increment: inc, prefix: pre)
        case .call(let f, let args): e.kind = .call(f, rewrite(args))
        case .callValue(let f, let args): e.kind = .callValue(rewrite(f), rewrite(args))
        case .builtin(let b, let args): e.kind = .builtin(b, rewrite(args))
        case .method(let m, let r, let args): e.kind = .method(m, receiver: rewrite(r), rewrite(args))
        case .member(let o, let n, let opt): e.kind = .member(rewrite(o), n, optional: opt)
        case .index(let o, let i, let opt): e.kind = .index(rewrite(o), rewrite(i), optional: opt)
        case .array(let xs): e.kind = .array(rewrite(xs))
        case .object(let fields):
            e.kind = .object(fields.map { f in
                var f = f
                if case .computed(let k) = f.key { f.key = .computed(rewrite(k)) }
                f.value = rewrite(f.value)
                return f
            })
        case .template(let q, let parts): e.kind = .template(quasis: q, parts: parts.map(rewrite))
        case .lambda(var l):
            l.params = l.params.map(rewrite)
            l.body = rewrite(l.body)
            e.kind = .lambda(l)
        }
        return expr(e)
    }

    func rewrite(_ args: [IRArg]) -> [IRArg] { args.map { IRArg(rewrite($0.value), spread: $0.spread) } }

    func rewrite(_ t: IRTarget) -> IRTarget {
        switch t {
        case .local: t
        case .member(let o, let n): .member(rewrite(o), n)
        case .index(let o, let i): .index(rewrite(o), rewrite(i))
        }
    }

    func rewrite(_ list: [IRNode]) -> [IRNode] { nodes(list.map(rewriteOne)) }

    private func rewriteOne(_ n: IRNode) -> IRNode {
        var n = n
        switch n.kind {
        case .element(let tag, let attrs, let children):
            n.kind = .element(tag: tag, attributes: attrs.map(rewrite), children: rewrite(children))
        case .text: break
        case .dynamicText(let e, let b): n.kind = .dynamicText(rewrite(e), binding: b)
        case .if(let branches, let els):
            n.kind = .if(branches.map { IRBranch(condition: rewrite($0.condition), binding: $0.binding, children: rewrite($0.children)) },
                         else: els.map(rewrite))
        case .each(var each):
            each.list = rewrite(each.list)
            each.key = each.key.map(rewrite)
            each.children = rewrite(each.children)
            each.empty = each.empty.map(rewrite)
            n.kind = .each(each)
        case .component(let name, let props): n.kind = .component(name: name, props: props.map(rewrite))
        }
        return n
    }

    func rewrite(_ a: IRAttribute) -> IRAttribute {
        var a = a
        switch a.value {
        case .none, .static: break
        case .dynamic(let e, let b): a.value = .dynamic(rewrite(e), binding: b)
        case .interpolated(let parts, let b):
            a.value = .interpolated(parts.map { if case .expr(let e) = $0 { .expr(rewrite(e)) } else { $0 } }, binding: b)
        case .event(let e): a.value = .event(rewrite(e))
        }
        return a
    }
}

/// Visits every expression of an IR tree (pre-order), including those inside lambdas,
/// statements and template nodes.
struct IRWalker {
    var visit: (IRExpr) -> Void
    /// Called for every statement before its children.
    var visitStmt: (IRStmt) -> Void = { _ in }

    func walk(_ c: IRComponent) {
        for p in c.props { p.defaultValue.map(walk) }
        for d in c.state { walk(d) }
        for f in c.functions { walk(f) }
        for e in c.effects { walk(e.function) }
        walk(c.template)
    }

    func walk(_ f: IRFunction) { f.params.forEach(walk); walk(f.body) }

    func walk(_ d: IRDecl) {
        switch d.kind {
        case .signal(_, let e), .computed(_, let e), .constant(_, let e): walk(e)
        case .variable(_, let e): e.map(walk)
        case .statement(let s): walk([s])
        }
    }

    func walk(_ p: IRParam) { p.defaultValue.map(walk) }

    func walk(_ list: [IRStmt]) {
        for s in list {
            visitStmt(s)
            switch s.kind {
            case .expr(let e): walk(e)
            case .let(_, let e): e.map(walk)
            case .if(let c, let t, let e): walk(c); walk(t); walk(e)
            case .while(let c, let b): walk(c); walk(b)
            case .doWhile(let b, let c): walk(b); walk(c)
            case .for(let i, let c, let u, let b): walk(i); c.map(walk); u.map(walk); walk(b)
            case .forOf(_, let l, let b): walk(l); walk(b)
            case .return(let e): e.map(walk)
            case .block(let b): walk(b)
            case .break, .continue, .unreachable: break
            }
        }
    }

    func walk(_ e: IRExpr) {
        visit(e)
        switch e.kind {
        case .number, .string, .bool, .null, .local, .functionRef, .props, .propGet, .signalGet, .computedGet, .unreachable:
            break
        case .signalSet(_, let v), .signalUpdate(_, let v), .unary(_, let v): walk(v)
        case .binary(_, let a, let b), .logical(_, let a, let b): walk(a); walk(b)
        case .conditional(let c, let a, let b): walk(c); walk(a); walk(b)
        case .assign(_, let t, let v): walk(t); walk(v)
        case .update(let t, _, _): walk(t)
        case .call(_, let args), .builtin(_, let args), .array(let args): args.forEach { walk($0.value) }
        case .callValue(let f, let args): walk(f); args.forEach { walk($0.value) }
        case .method(_, let r, let args): walk(r); args.forEach { walk($0.value) }
        case .member(let o, _, _): walk(o)
        case .index(let o, let i, _): walk(o); walk(i)
        case .object(let fields):
            for f in fields {
                if case .computed(let k) = f.key { walk(k) }
                walk(f.value)
            }
        case .template(_, let parts): parts.forEach(walk)
        case .lambda(let l): l.params.forEach(walk); walk(l.body)
        }
    }

    func walk(_ t: IRTarget) {
        switch t {
        case .local: break
        case .member(let o, _): walk(o)
        case .index(let o, let i): walk(o); walk(i)
        }
    }

    func walk(_ list: [IRNode]) {
        for n in list {
            switch n.kind {
            case .element(_, let attrs, let children): attrs.forEach(walk); walk(children)
            case .text: break
            case .dynamicText(let e, _): walk(e)
            case .if(let branches, let els):
                for b in branches { walk(b.condition); walk(b.children) }
                els.map(walk)
            case .each(let each):
                walk(each.list); each.key.map(walk); walk(each.children); each.empty.map(walk)
            case .component(_, let props): props.forEach(walk)
            }
        }
    }

    func walk(_ a: IRAttribute) {
        switch a.value {
        case .none, .static: break
        case .dynamic(let e, _), .event(let e): walk(e)
        case .interpolated(let parts, _): for case .expr(let e) in parts { walk(e) }
        }
    }
}
