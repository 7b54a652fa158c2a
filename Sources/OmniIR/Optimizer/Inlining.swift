import OmniBase
import OmniSema

/// Inlining of small, non-recursive component functions at their direct call sites.
///
/// - A function whose body is `return E` is inlined wherever it is called:
///   `function double(x) { return x * 2 }` … `{double(count())}` → `{count.get() * 2}`.
///   An argument replaces its parameter directly when it is trivial (a literal, a prop, an
///   unassigned name) or when it is pure, used at most once outside lambdas, and `E` is
///   pure; otherwise that call site is left alone.
/// - A function without `return` called as a statement, `reset()`, becomes a block that
///   binds each parameter to a fresh slot and runs a copy of the body.
/// - Every symbol the copy declares (parameters, locals, lambda parameters) is renamed to a
///   fresh slot, so copies never share a name.
/// - Functions that call themselves (directly or through others), have rest parameters or
///   defaults, or are larger than `threshold` nodes are not inlined. Functions used as
///   event handlers are inlined at their calls but kept (dead-code elimination sees the
///   template's reference).
enum Inlining {
    static func run(_ c: IRComponent, threshold: Int) -> IRComponent {
        let candidates = self.candidates(c, threshold: threshold)
        guard !candidates.isEmpty else { return c }
        let assignedAnywhere = IRAnalysis.assigned(in: c)
        var symbols = c.symbols

        func fresh(_ s: SymbolID) -> SymbolID {
            let id = SymbolID(symbols.count)
            let old = c.symbol(s)
            symbols.append(IRSymbol(id: id, name: old.name, kind: old.kind, type: old.type))
            return id
        }

        func trivial(_ a: IRExpr) -> Bool {
            switch a.kind {
            case .number, .string, .bool, .null, .propGet, .props, .functionRef: true
            case .local(let s): !assignedAnywhere.contains(s)
            default: false
            }
        }

        func inlineExpression(_ f: IRFunction, _ result: IRExpr, _ args: [IRArg]) -> IRExpr? {
            guard args.count == f.params.count, !args.contains(where: \.spread) else { return nil }
            let assignedInBody = IRAnalysis.assigned(in: wrap(result))
            let bodyPure = IRAnalysis.isPure(result)
            var substitution: [SymbolID: IRExpr] = [:]
            for (p, a) in zip(f.params, args) {
                if assignedInBody.contains(p.symbol) { return nil }
                if !trivial(a.value) {
                    let (count, inLambda) = useCount(of: p.symbol, in: result)
                    guard bodyPure, IRAnalysis.isPure(a.value), count <= 1, !inLambda else { return nil }
                }
                substitution[p.symbol] = a.value
            }
            let renamed = Renaming(map: declaredSymbols(in: [IRStmt(.return(result), span: result.span)]).reduce(into: [:]) { $0[$1] = fresh($1) })
            return substitute(renamed.rewrite(result), substitution)
        }

        func inlineStatement(_ f: IRFunction, _ args: [IRArg], _ span: Span) -> IRStmt? {
            guard !args.contains(where: \.spread) else { return nil }
            var map: [SymbolID: SymbolID] = [:]
            for s in declaredSymbols(in: f.body) { map[s] = fresh(s) }
            var out: [IRStmt] = []
            for (i, p) in f.params.enumerated() {
                let slot = fresh(p.symbol)
                map[p.symbol] = slot
                out.append(IRStmt(.let(slot, i < args.count ? args[i].value : IRExpr(.null, type: .null, span: span)), span: span))
            }
            for extra in args.dropFirst(f.params.count) { out.append(IRStmt(.expr(extra.value), span: span)) }
            out += Renaming(map: map).rewrite(f.body)
            return IRStmt(.block(out), span: span)
        }

        let rewriter = IRRewriter(
            expr: { e in
                guard case .call(let s, let args) = e.kind, let f = candidates[s],
                      f.body.count == 1, case .return(let r?) = f.body[0].kind,
                      let inlined = inlineExpression(f, r, args) else { return e }
                return inlined
            },
            stmts: { list in
                list.map { st in
                    guard case .expr(let e) = st.kind, case .call(let s, let args) = e.kind, let f = candidates[s],
                          !containsReturn(f.body), let inlined = inlineStatement(f, args, st.span) else { return st }
                    return inlined
                }
            })
        var out = c
        out.props = c.props.map { p in var p = p; p.defaultValue = p.defaultValue.map(rewriter.rewrite); return p }
        out.state = c.state.map(rewriter.rewrite)
        out.functions = c.functions.map { f in
            var f = f
            f.body = rewriter.rewrite(f.body)
            return f
        }
        out.effects = c.effects.map { e in var e = e; e.function = rewriter.rewrite(e.function); return e }
        out.template = rewriter.rewrite(c.template)
        out.symbols = symbols
        return out
    }

    /// The functions that may be inlined, by symbol.
    static func candidates(_ c: IRComponent, threshold: Int) -> [SymbolID: IRFunction] {
        var calls: [SymbolID: Set<SymbolID>] = [:]
        let functionSymbols = Set(c.functions.map(\.symbol))
        for f in c.functions {
            calls[f.symbol] = Set(IRAnalysis.uses { $0.walk(f) }.keys.filter { functionSymbols.contains($0) })
        }
        func reachesItself(_ start: SymbolID) -> Bool {
            var seen: Set<SymbolID> = []
            var work = Array(calls[start] ?? [])
            while let s = work.popLast() {
                if s == start { return true }
                if seen.insert(s).inserted { work += calls[s] ?? [] }
            }
            return false
        }
        var out: [SymbolID: IRFunction] = [:]
        for f in c.functions {
            guard !f.params.contains(where: { $0.rest || $0.defaultValue != nil }),
                  IRAnalysis.size(f.body) <= threshold, !reachesItself(f.symbol) else { continue }
            out[f.symbol] = f
        }
        return out
    }

    /// Whether a body returns at its own level (returns inside lambdas belong to them).
    static func containsReturn(_ list: [IRStmt]) -> Bool {
        list.contains { s in
            switch s.kind {
            case .return: true
            case .if(_, let t, let e): containsReturn(t) || containsReturn(e)
            case .while(_, let b), .doWhile(let b, _), .forOf(_, _, let b), .block(let b): containsReturn(b)
            case .for(let i, _, _, let b): containsReturn(i) || containsReturn(b)
            default: false
            }
        }
    }

    /// Symbols declared inside a body: `let`s, `for … of` bindings, lambda parameters.
    static func declaredSymbols(in body: [IRStmt]) -> [SymbolID] {
        var out: [SymbolID] = []
        IRWalker(visit: { e in
            if case .lambda(let l) = e.kind { out += l.params.map(\.symbol) }
        }, visitStmt: { s in
            switch s.kind {
            case .let(let sym, _), .forOf(let sym, _, _): out.append(sym)
            default: break
            }
        }).walk(body)
        return out
    }

    /// How often `s` is read in `e`, and whether any read is inside a lambda.
    static func useCount(of s: SymbolID, in e: IRExpr) -> (Int, Bool) {
        var count = 0, inLambda = false
        IRWalker(visit: { y in
            if case .local(s) = y.kind { count += 1 }
            if case .lambda = y.kind { IRWalker(visit: { z in if case .local(s) = z.kind { inLambda = true } }).walk(y) }
        }).walk(e)
        return (count, inLambda)
    }

    static func wrap(_ e: IRExpr) -> IRComponent {
        var c = ConstantFolding.emptyComponent
        c.state = [IRDecl(kind: .statement(IRStmt(.expr(e), span: e.span)), span: e.span)]
        return c
    }

    static func substitute(_ e: IRExpr, _ map: [SymbolID: IRExpr]) -> IRExpr {
        guard !map.isEmpty else { return e }
        return IRRewriter(expr: { x in
            if case .local(let s) = x.kind, let v = map[s] { return v }
            return x
        }).rewrite(e)
    }
}

/// Renames declared and used symbols of a copied body.
struct Renaming {
    let map: [SymbolID: SymbolID]

    private func r(_ s: SymbolID) -> SymbolID { map[s] ?? s }

    private var rewriter: IRRewriter {
        IRRewriter(
            expr: { e in
                var e = e
                switch e.kind {
                case .local(let s): e.kind = .local(r(s))
                case .assign(let op, .local(let s), let v): e.kind = .assign(op, .local(r(s)), v)
                case .update(.local(let s), let inc, let pre): e.kind = .update(.local(r(s)), increment: inc, prefix: pre)
                case .signalGet(let s): e.kind = .signalGet(r(s))
                case .signalSet(let s, let v): e.kind = .signalSet(r(s), v)
                case .signalUpdate(let s, let v): e.kind = .signalUpdate(r(s), v)
                case .computedGet(let s): e.kind = .computedGet(r(s))
                case .lambda(var l):
                    l.params = l.params.map { p in var p = p; p.symbol = r(p.symbol); return p }
                    e.kind = .lambda(l)
                default: break
                }
                return e
            },
            stmts: { list in
                list.map { s in
                    var s = s
                    switch s.kind {
                    case .let(let sym, let e): s.kind = .let(r(sym), e)
                    case .forOf(let sym, let l, let b): s.kind = .forOf(r(sym), l, b)
                    default: break
                    }
                    return s
                }
            })
    }

    func rewrite(_ e: IRExpr) -> IRExpr { map.isEmpty ? e : rewriter.rewrite(e) }
    func rewrite(_ body: [IRStmt]) -> [IRStmt] { map.isEmpty ? body : rewriter.rewrite(body) }
}
