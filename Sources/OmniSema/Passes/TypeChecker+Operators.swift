import OmniBase
import OmniSyntax

extension TypeChecker {
    /// Binary operators, typed strictly: `+` on two numbers or two strings, arithmetic on
    /// numbers, comparisons on two numbers or two strings, `==` between compatible types,
    /// `&&`/`||` on bools, `??` on optionals.
    func checkBinary(_ e: Expr, _ op: BinaryOperator, _ a: Expr, _ b: Expr, _ opSpan: Span) -> SemaType {
        switch op {
        case .and, .or:
            let ta = check(a)
            let fa = facts(a)
            let before = narrowed
            narrowed.merge(op == .and ? fa.whenTrue : fa.whenFalse) { $1 }
            let tb = check(b)
            narrowed = before
            for (t, x) in [(ta, a), (tb, b)] where t != .bool && !t.containsError {
                if reportSignalValue(t, x, "an operand of `\(op.rawValue)`") { continue }
                s.report(Diagnostic(.error, "E0313", "`\(op.rawValue)` needs two `bool`s, found \(t.quoted)", at: x.span,
                                    label: "this is a \(t.quoted)",
                                    notes: ["omni does not convert values to `bool` implicitly"],
                                    help: [op == .or && t.isOptional ? "for a fallback value use `??`" : Self.conditionHelp(t, s.text(x.span), negated: false)]))
            }
            return .bool
        case .nullish:
            let ta = check(a)
            if ta.containsError && !ta.isOptional { check(b); return .error }
            if !ta.isOptional && ta != .null {
                check(b, expected: ta)
                s.report(Diagnostic(.warning, "W0505", "the left side of `??` is never `null`", at: a.span,
                                    label: "this is a \(ta.quoted)",
                                    notes: ["the right side is never used"],
                                    fixes: [.replace(Span(file: a.span.file, start: a.span.end, end: e.span.end), with: "", "remove `?? …`")]))
                return ta
            }
            let inner = ta.unwrapped
            let tb = check(b, expected: ta == .null ? nil : inner)
            if ta == .null { return tb }
            if let j = inner.joined(with: tb) { return j }
            s.report(Diagnostic(.error, "E0324", "the sides of `??` have different types", at: e.span,
                                labels: [Label(a.span, "this is a \(ta.quoted)"), Label(b.span, "this is a \(tb.quoted)")],
                                help: ["the fallback must be a \(inner.quoted)"]))
            return .error
        case .equal, .notEqual, .strictEqual, .strictNotEqual:
            let ta = check(a), tb = check(b)
            if ta.containsError || tb.containsError { return .bool }
            if reportSignalValue(ta, a, "an operand of `\(op.rawValue)`") || reportSignalValue(tb, b, "an operand of `\(op.rawValue)`") { return .bool }
            let always = (op == .equal || op == .strictEqual) ? "false" : "true"
            if ta == .null || tb == .null {
                let (other, x) = ta == .null ? (tb, b) : (ta, a)
                if !other.isOptional && other != .null {
                    s.report(Diagnostic(.warning, "W0506", "this comparison is always \(always): the value is never `null`", at: e.span,
                                        label: "always \(always)", labels: [Label(x.span, "this is a \(other.quoted)")]))
                }
                return .bool
            }
            if !ta.isComparable(with: tb) {
                s.report(Diagnostic(.error, "E0312", "comparing a \(ta.quoted) with a \(tb.quoted) is always \(always)", at: e.span,
                                    labels: [Label(a.span, "this is a \(ta.quoted)"), Label(b.span, "this is a \(tb.quoted)")],
                                    help: [Self.conversionHelp(ta, a, tb, b, s)].compactMap { $0 }))
            }
            return .bool
        case .less, .greater, .lessEqual, .greaterEqual:
            let ta = check(a), tb = check(b)
            if ta.containsError || tb.containsError { return .bool }
            if reportSignalValue(ta, a, "an operand of `\(op.rawValue)`") || reportSignalValue(tb, b, "an operand of `\(op.rawValue)`") { return .bool }
            if (ta == .number && tb == .number) || (ta == .string && tb == .string) { return .bool }
            if reportOptionalOperand(ta, a, tb, b, op) { return .bool }
            s.report(Diagnostic(.error, "E0311", "cannot compare a \(ta.quoted) with a \(tb.quoted) using `\(op.rawValue)`", at: e.span,
                                labels: [Label(a.span, "this is a \(ta.quoted)"), Label(b.span, "this is a \(tb.quoted)")],
                                help: [Self.conversionHelp(ta, a, tb, b, s) ?? "`\(op.rawValue)` compares two numbers or two strings"]))
            return .bool
        case .add:
            let ta = check(a), tb = check(b)
            return checkAdd(e, ta, a, tb, b)
        case .subtract, .multiply, .divide, .remainder, .power, .bitOr, .bitXor, .bitAnd, .shiftLeft, .shiftRight, .unsignedShiftRight:
            let ta = check(a), tb = check(b)
            checkArithmetic(e, op.rawValue, ta, a, tb, b)
            return .number
        case .in, .instanceof:
            check(a); check(b)
            s.report(Diagnostic(.error, "E0329", "`\(op.rawValue)` is not supported", at: opSpan,
                                label: "omni's script language has no `\(op.rawValue)`",
                                help: [op == .in ? "check for a key with a shape's optional field and `!= null`" : "values have static types; no runtime check is needed"]))
            return .error
        }
    }

    /// `a + b`: two numbers add, two strings join; anything else is E0310.
    func checkAdd(_ e: Expr, _ ta: SemaType, _ a: Expr, _ tb: SemaType, _ b: Expr) -> SemaType {
        if ta == .number && tb == .number { return .number }
        if ta == .string && tb == .string { return .string }
        if ta.containsError || tb.containsError {
            return (ta.isText ? ta : tb.isText ? tb : .error)
        }
        if reportSignalValue(ta, a, "an operand of `+`") || reportSignalValue(tb, b, "an operand of `+`") { return .error }
        if reportOptionalOperand(ta, a, tb, b, .add) { return .error }
        var d = Diagnostic(.error, "E0310", "cannot add \(ta.quoted) and \(tb.quoted)", at: e.span,
                           labels: [Label(a.span, "this is a \(ta.quoted)"), Label(b.span, "this is a \(tb.quoted)")])
        let stringy = (ta == .string && (tb == .number || tb == .bool)) || (tb == .string && (ta == .number || ta == .bool))
        if stringy {
            let other = ta == .string ? b : a
            let literal = Self.templateLiteral([a, b], s)
            d = d.helping("to join them as text, convert with `String(\(s.text(other.span)))` or use a template literal: `` \(literal) ``")
                .fixing(.replace(e.span, with: literal, "use a template literal"))
            if ta == .number || tb == .number {
                d = d.note("`+` adds two numbers or joins two strings; omni never converts between them implicitly")
            }
        } else {
            d = d.note("`+` adds two numbers or joins two strings")
        }
        s.report(d)
        return .error
    }

    /// Arithmetic and bitwise operators take two numbers.
    func checkArithmetic(_ e: Expr, _ op: String, _ ta: SemaType, _ a: Expr, _ tb: SemaType, _ b: Expr) {
        if (ta == .number || ta.containsError) && (tb == .number || tb.containsError) { return }
        if reportSignalValue(ta, a, "an operand of `\(op)`") || reportSignalValue(tb, b, "an operand of `\(op)`") { return }
        if reportOptionalOperand(ta, a, tb, b, nil) { return }
        var d = Diagnostic(.error, "E0310", "`\(op)` needs two numbers, found \(ta.quoted) and \(tb.quoted)", at: e.span,
                           labels: [Label(a.span, "this is a \(ta.quoted)"), Label(b.span, "this is a \(tb.quoted)")])
        for (t, x) in [(ta, a), (tb, b)] where t == .string {
            d = d.helping("convert the string first: `Number(\(s.text(x.span)))`")
            break
        }
        s.report(d)
    }

    /// E0318 for an operand that may be null (when the operation would work on its value).
    func reportOptionalOperand(_ ta: SemaType, _ a: Expr, _ tb: SemaType, _ b: Expr, _ op: BinaryOperator?) -> Bool {
        for (t, x, other) in [(ta, a, tb), (tb, b, ta)] where t.isOptional {
            let inner = t.unwrapped
            if inner == other.unwrapped && (inner == .number || inner == .string) {
                s.report(Diagnostic(.error, "E0318", "this value may be `null`; give a fallback before using `\(op?.rawValue ?? "it")`", at: x.span,
                                    label: "this is a \(t.quoted)",
                                    help: ["use `??` for a fallback, or check `!= null` first"],
                                    fixes: [.replace(x.span, with: "(\(s.text(x.span)) ?? \(Self.placeholder(inner)))", "add a fallback")]))
                return true
            }
        }
        return false
    }

    static func conversionHelp(_ ta: SemaType, _ a: Expr, _ tb: SemaType, _ b: Expr, _ s: ComponentState) -> String? {
        for x in [a, b] {
            if case .string(let text) = x.kind, Double(text) != nil { return "compare with a number: `\(text)`" }
        }
        if ta == .string && tb == .number { return "convert the string first: `Number(\(s.text(a.span)))`" }
        if tb == .string && ta == .number { return "convert the string first: `Number(\(s.text(b.span)))`" }
        return nil
    }

    /// A template literal that shows `parts` one after another: `` `Count: ${n}` ``.
    static func templateLiteral(_ parts: [Expr], _ s: ComponentState) -> String {
        var out = "`"
        for p in parts {
            var x = p
            while case .paren(let inner) = x.kind { x = inner }
            switch x.kind {
            case .string(let text):
                var previous: Character = " "
                for ch in text {
                    if ch == "\\" || ch == "`" { out += "\\" }
                    if ch == "{" && previous == "$" { out.removeLast(); out += "\\$" }
                    out.append(ch)
                    previous = ch
                }
            case .template:
                out += String(s.text(x.span).dropFirst().dropLast())
            default:
                out += "${\(s.text(p.span))}"
            }
        }
        return out + "`"
    }

    // MARK: - Assignment

    func checkAssign(_ e: Expr, _ op: AssignmentOperator, _ target: Expr, _ value: Expr, _ opSpan: Span) -> SemaType {
        let tt = targetType(target, e, value)
        if isReadOnly(target) {
            check(value)
            return tt
        }
        switch op {
        case .assign:
            let tv = check(value, expected: tt)
            requireAssignable(tv, to: tt, value, what: "`\(s.text(target.span))`")
        case .add:
            let tv = check(value)
            let r = checkAdd(e, tt, target, tv, value)
            if r != tt && !r.containsError && !tt.containsError {
                requireAssignable(r, to: tt, value, what: "`\(s.text(target.span))`")
            }
        case .and, .or:
            let tv = check(value)
            for (t, x) in [(tt, target), (tv, value)] where t != .bool && !t.containsError {
                s.report(Diagnostic(.error, "E0313", "`\(op.rawValue)` needs two `bool`s, found \(t.quoted)", at: x.span,
                                    label: "this is a \(t.quoted)"))
            }
        case .nullish:
            if !tt.isOptional && !tt.containsError {
                s.report(Diagnostic(.warning, "W0505", "the left side of `??=` is never `null`", at: target.span,
                                    label: "this is a \(tt.quoted)", notes: ["the assignment never happens"]))
            }
            let tv = check(value, expected: tt.unwrapped)
            requireAssignable(tv, to: tt.unwrapped, value, what: "`\(s.text(target.span))`")
        default:
            let tv = check(value)
            checkArithmetic(e, String(op.rawValue.dropLast()), tt, target, tv, value)
        }
        invalidate(target)
        return tt
    }

    /// Constants, functions, built-ins, `{#each}` bindings and props: the resolver reported
    /// the assignment (E0303/E0304), so the value is not checked against them.
    private func isReadOnly(_ target: Expr) -> Bool {
        var t = target
        while case .paren(let inner) = t.kind { t = inner }
        switch t.kind {
        case .identifier:
            guard let id = s.references[t.id] else { return true }
            switch s.symbols[id.raw].kind {
            case .constant, .function, .builtin, .eachItem, .eachIndex, .propsObject: return true
            default: return false
            }
        case .member(let base, _, _): return isProps(base)
        default: return false
        }
    }

    /// The declared type of an assignment target (narrowing set aside); E0330 for targets
    /// that are not variables, fields or elements.
    private func targetType(_ target: Expr, _ assignment: Expr, _ value: Expr) -> SemaType {
        switch target.kind {
        case .paren(let x):
            let t = targetType(x, assignment, value)
            s.types[target.id] = t
            return t
        case .identifier:
            if let key = narrowKey(target) { narrowed[key] = nil }
            return check(target)
        case .member(let base, let name, let optional):
            if let key = narrowKey(target) { narrowed[key] = nil }
            let t = check(target)
            let bt = s.types[base.id] ?? .error
            if optional {
                s.report(Diagnostic(.error, "E0330", "cannot assign through `?.`", at: target.span,
                                    label: "this may not exist", help: ["check `!= null` first, then assign"]))
            } else if case .object = bt.unwrapped {
            } else if !bt.containsError, !(base.kind == .identifier("props")) {
                s.report(Diagnostic(.error, "E0330", "cannot assign to `\(name.name)` of a \(bt.quoted)", at: target.span,
                                    label: "not a field that can be assigned"))
            }
            return t
        case .index:
            return check(target)
        default:
            check(target)
            var d = Diagnostic(.error, "E0330", "cannot assign to this expression", at: target.span,
                               label: "not a variable, field or array element")
            if case .call(let callee, let args, _) = target.kind, args.isEmpty, case .identifier(let name) = callee.kind,
               let id = s.references[callee.id], case .signal = s.symbols[id.raw].type {
                d = d.helping("to change the signal, call `\(name).set(…)`")
                if case .assign(.assign, _, _, _) = assignment.kind {
                    d = d.fixing(.replace(assignment.span, with: "\(name).set(\(s.text(value.span)))", "use `\(name).set`"))
                }
            }
            s.report(d)
            return .error
        }
    }
}
