import OmniSema

/// Facts about IR trees that several passes need: which symbols are used, which are
/// assigned, which expressions are free of side effects, how big a body is.
enum IRAnalysis {
    /// Every symbol an expression tree mentions (reads, writes, calls, references), with counts.
    static func uses(_ walk: (IRWalker) -> Void) -> [SymbolID: Int] {
        var counts: [SymbolID: Int] = [:]
        walk(IRWalker(visit: { e in
            for s in mentioned(e) { counts[s, default: 0] += 1 }
        }))
        return counts
    }

    /// The symbols one expression node mentions itself (not through its children).
    static func mentioned(_ e: IRExpr) -> [SymbolID] {
        switch e.kind {
        case .local(let s), .functionRef(let s), .signalGet(let s), .computedGet(let s), .signalSet(let s, _),
             .signalUpdate(let s, _), .call(let s, _):
            return [s]
        case .assign(_, .local(let s), _), .update(.local(let s), _, _):
            return [s]
        default:
            return []
        }
    }

    /// Symbols written by `x = …`, `x += …`, `x++` anywhere in the component.
    static func assigned(in c: IRComponent) -> Set<SymbolID> {
        var out: Set<SymbolID> = []
        IRWalker(visit: { e in
            switch e.kind {
            case .assign(_, .local(let s), _), .update(.local(let s), _, _): out.insert(s)
            default: break
            }
        }).walk(c)
        return out
    }

    /// True when evaluating `e` has no side effect and cannot fail in a well-typed program,
    /// so it may be removed, duplicated or evaluated at another time. Reading a signal is
    /// pure (it observes, it does not change state); creating a lambda is pure whatever its
    /// body does, since the body runs later.
    static func isPure(_ e: IRExpr) -> Bool {
        switch e.kind {
        case .number, .string, .bool, .null, .local, .functionRef, .props, .propGet, .signalGet, .lambda:
            return true
        case .unary(_, let x):
            return isPure(x)
        case .binary(_, let a, let b), .logical(_, let a, let b):
            return isPure(a) && isPure(b)
        case .conditional(let c, let a, let b):
            return isPure(c) && isPure(a) && isPure(b)
        case .array(let xs):
            return xs.allSatisfy { !$0.spread && isPure($0.value) }
        case .object(let fields):
            return fields.allSatisfy { f in
                if case .computed(let k) = f.key, !isPure(k) { return false }
                if case .spread = f.key { return false }
                return isPure(f.value)
            }
        case .template(_, let parts):
            return parts.allSatisfy(isPure)
        case .builtin(let b, let args):
            return b.isPure && args.allSatisfy { !$0.spread && isPure($0.value) }
        case .method(let m, let r, let args):
            return m.isPure && isDefinitelyPresent(r.type) && isPure(r) && args.allSatisfy { !$0.spread && isPure($0.value) }
        case .member(let o, _, let optional):
            return (optional || isDefinitelyPresent(o.type)) && isPure(o)
        case .index(let o, let i, let optional):
            return (optional || isDefinitelyPresent(o.type)) && isPure(o) && isPure(i)
        case .computedGet, .signalSet, .signalUpdate, .assign, .update, .call, .callValue, .unreachable:
            return false
        }
    }

    /// A value of this type is never `null`.
    static func isDefinitelyPresent(_ t: SemaType) -> Bool {
        switch t {
        case .optional, .null, .error, .void: false
        default: true
        }
    }

    /// The number of expression and statement nodes in a body (the inliner's size measure).
    static func size(_ body: [IRStmt]) -> Int {
        var n = 0
        IRWalker(visit: { _ in n += 1 }, visitStmt: { _ in n += 1 }).walk(body)
        return n
    }

    static func size(_ e: IRExpr) -> Int {
        var n = 0
        IRWalker(visit: { _ in n += 1 }, visitStmt: { _ in n += 1 }).walk(e)
        return n
    }
}
