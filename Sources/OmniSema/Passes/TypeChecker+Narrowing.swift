import OmniBase
import OmniSyntax

/// What a condition tells about maybe-null values when it is true or false.
struct NarrowingFacts {
    var whenTrue: [String: SemaType] = [:]
    var whenFalse: [String: SemaType] = [:]
    var swapped: NarrowingFacts { NarrowingFacts(whenTrue: whenFalse, whenFalse: whenTrue) }
}

extension TypeChecker {
    /// Checks a condition (strictly a `bool`: E0314 otherwise) and returns its narrowing facts.
    func checkCondition(_ c: Expr, _ what: String) -> NarrowingFacts {
        let t = check(c)
        requireCondition(t, c, what)
        return facts(c)
    }

    func requireCondition(_ t: SemaType, _ c: Expr, _ what: String) {
        if t == .bool || t.containsError { return }
        if reportSignalValue(t, c, what) { return }
        let text = s.text(c.span)
        var d = Diagnostic(.error, "E0314", "\(what) must be a `bool`, found \(t.quoted)", at: c.span,
                           label: "this is a \(t.quoted)", notes: ["omni does not convert values to `bool` implicitly"],
                           help: [Self.conditionHelp(t, text, negated: false)])
        if let fix = Self.conditionFix(t, text) { d = d.fixing(.replace(c.span, with: fix, "compare explicitly")) }
        s.report(d)
    }

    static func conditionFix(_ t: SemaType, _ text: String) -> String? {
        let wrapped = text.contains(" ") ? "(\(text))" : text
        switch t {
        case .number: return "\(wrapped) > 0"
        case .string: return "\(wrapped) != \"\""
        case .optional: return "\(wrapped) != null"
        case .array: return "\(wrapped).length > 0"
        default: return nil
        }
    }

    static func conditionHelp(_ t: SemaType, _ text: String, negated: Bool) -> String {
        guard let fix = conditionFix(t, text) else { return "use a comparison that gives a `bool`" }
        return negated ? "compare explicitly: `!(\(fix))`" : "compare explicitly: `\(fix)`"
    }

    /// The facts of an already checked condition.
    func facts(_ c: Expr) -> NarrowingFacts {
        switch c.kind {
        case .paren(let x): return facts(x)
        case .unary(.not, let x, _): return facts(x).swapped
        case .binary(.and, let a, let b, _):
            var f = NarrowingFacts()
            f.whenTrue = facts(a).whenTrue.merging(facts(b).whenTrue) { $1 }
            return f
        case .binary(.or, let a, let b, _):
            var f = NarrowingFacts()
            f.whenFalse = facts(a).whenFalse.merging(facts(b).whenFalse) { $1 }
            return f
        case .binary(let op, let a, let b, _) where op == .notEqual || op == .strictNotEqual || op == .equal || op == .strictEqual:
            let subject: Expr
            if b.kind == .null { subject = a } else if a.kind == .null { subject = b } else { return NarrowingFacts() }
            guard let key = narrowKey(subject), let t = s.types[subject.id], t.isOptional else { return NarrowingFacts() }
            let f = NarrowingFacts(whenTrue: [key: t.unwrapped], whenFalse: [key: .null])
            return (op == .notEqual || op == .strictNotEqual) ? f : f.swapped
        default:
            return NarrowingFacts()
        }
    }

    /// The path a narrowing fact is about: `s3` (a name), `s3.name` (a field), `s5()` (a
    /// signal read), or nil for anything else.
    func narrowKey(_ e: Expr) -> String? {
        switch e.kind {
        case .identifier:
            return s.references[e.id].map { "\($0.raw)" }
        case .paren(let x):
            return narrowKey(x)
        case .member(let base, let name, _):
            return narrowKey(base).map { "\($0).\(name.name)" }
        case .call(let callee, let args, _) where args.isEmpty:
            guard case .identifier = callee.kind, let id = s.references[callee.id], s.symbols[id.raw].isReactive else { return nil }
            return "\(id.raw)()"
        default:
            return nil
        }
    }

    /// Facts that stay true inside a function created here: not about `let` variables or
    /// signal reads, which may change before the function runs.
    func isStable(_ key: String) -> Bool {
        if key.contains("()") { return false }
        let root = key.prefix { $0.isNumber }
        guard let raw = Int(root), raw < s.symbols.count else { return false }
        return s.symbols[raw].kind != .variable
    }

    /// Forgets facts about a path that is assigned (and everything under it).
    func invalidate(_ target: Expr) {
        guard !narrowed.isEmpty, let key = narrowKey(target) else { return }
        narrowed = narrowed.filter { $0.key != key && !$0.key.hasPrefix(key + ".") }
    }

    /// Forgets facts about a signal that is set.
    func invalidateSignal(_ id: SymbolID) {
        guard !narrowed.isEmpty else { return }
        let key = "\(id.raw)()"
        narrowed = narrowed.filter { $0.key != key && !$0.key.hasPrefix(key + ".") }
    }

    /// Before a loop: forgets facts about every path the loop body assigns.
    func invalidateAssigned(in body: Stmt) {
        guard !narrowed.isEmpty else { return }
        var keys: [String] = []
        AssignmentCollector.collect(body) { target in
            if let k = narrowKey(target) { keys.append(k) }
        }
        for key in keys { narrowed = narrowed.filter { $0.key != key && !$0.key.hasPrefix(key + ".") } }
    }
}

/// Finds the targets of assignments (and `x.set(…)` receivers) inside a statement.
enum AssignmentCollector {
    static func collect(_ st: Stmt, _ found: (Expr) -> Void) {
        ASTWalker.walk(st) { e in
            switch e.kind {
            case .assign(_, let target, _, _): found(target)
            case .postfix(_, let x, _), .unary(.preIncrement, let x, _), .unary(.preDecrement, let x, _): found(x)
            case .call(let callee, _, _):
                if case .member(let base, let name, _) = callee.kind, name.name == "set" || name.name == "update" {
                    found(Expr(id: .none, kind: .call(callee: base, arguments: [], optional: false), span: base.span))
                }
            default: break
            }
        }
    }
}
