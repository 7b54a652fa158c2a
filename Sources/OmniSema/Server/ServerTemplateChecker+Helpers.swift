import OmniBase
import OmniSyntax

// The signatures of template helpers (TemplateHelper): comparisons, logic, `default`,
// `length`, text and formatting helpers. The parser has checked names and argument counts.

extension TemplateBodyChecker {
    mutating func typeHelper(_ helper: TemplateHelper, name: Identifier, _ args: [TemplateExpr], _ e: TemplateExpr) -> ServerType {
        var ts: [ServerType] = []
        for arg in args { ts.append(type(arg)) }
        let n = helper.rawValue
        switch helper {
        case .eq, .ne:
            if args.count == 2 { checkEquality(n, args[0], ts[0], args[1], ts[1]) }
            return .scalar(.bool)
        case .lt, .lte, .gt, .gte:
            if args.count == 2 { checkOrdering(n, args, ts) }
            return .scalar(.bool)
        case .and, .or, .not:
            return .scalar(.bool)
        case .default:
            guard args.count == 2 else { return .error }
            return checkDefault(args, ts)
        case .length:
            guard let t = ts.first, let arg = args.first else { return .scalar(.int) }
            switch t {
            case .list, .error, .scalar(.string), .scalar(.text): break
            case .optional:
                wrongArgument(n, arg, t, expected: "a list or text", help: "give a fallback first: `(length (default \(Self.written(arg) ?? "…") \"\"))`, or test it with `{{#if}}`")
            default:
                wrongArgument(n, arg, t, expected: "a list or text")
            }
            return .scalar(.int)
        case .upper, .lower, .truncate:
            guard let t = ts.first, let arg = args.first else { return .scalar(.string) }
            if !t.isText { wrongArgument(n, arg, t, expected: "text") }
            if helper == .truncate, args.count == 2 {
                switch ts[1] {
                case .scalar(.int), .error: break
                default: wrongArgument(n, args[1], ts[1], expected: "an `int` length")
                }
            }
            return t.isOptional ? .optional(.scalar(.string)) : .scalar(.string)
        case .formatDate:
            guard let t = ts.first, let arg = args.first else { return .scalar(.string) }
            switch t.unwrapped {
            case .scalar(.date), .scalar(.datetime), .error: break
            default: wrongArgument(n, arg, t, expected: "a `date` or `datetime`")
            }
            if args.count == 2, !Self.isStringLiteral(args[1]) {
                wrongArgument(n, args[1], ts[1], expected: "a pattern written as a string such as \"yyyy-MM-dd\"")
            }
            return t.isOptional ? .optional(.scalar(.string)) : .scalar(.string)
        case .formatNumber:
            guard let t = ts.first, let arg = args.first else { return .scalar(.string) }
            switch t.unwrapped {
            case .scalar(.int), .scalar(.float), .error: break
            default: wrongArgument(n, arg, t, expected: "an `int` or `float`")
            }
            if args.count == 2 {
                if !Self.isDecimalsLiteral(args[1]) {
                    wrongArgument(n, args[1], ts[1], expected: "a number of decimals written as a whole number from 0 to 20")
                }
            }
            return t.isOptional ? .optional(.scalar(.string)) : .scalar(.string)
        }
    }

    private mutating func wrongArgument(_ helper: String, _ arg: TemplateExpr, _ t: ServerType, expected: String, help: String? = nil) {
        guard !t.isError else { return }
        var d = Diagnostic(.error, "E0469", "`\(helper)` takes \(expected), not `\(t)`", at: arg.span, label: "this is `\(t)`")
        if let usage = TemplateHelper(rawValue: helper)?.usage { d = d.note("usage: `\(usage)`") }
        if let help { d = d.helping(help) }
        diagnostics.append(d)
    }

    /// `(eq a b)`, `(ne a b)`: values of the same kind, an enum against one of its cases, or an
    /// optional against `null`.
    private mutating func checkEquality(_ helper: String, _ a: TemplateExpr, _ ta: ServerType, _ b: TemplateExpr, _ tb: ServerType) {
        if ta.isError || tb.isError { return }
        for (x, y, ty) in [(a, b, tb), (b, a, ta)] {
            if case .null = x.kind {
                if case .null = y.kind { return }
                if !ty.isOptional {
                    diagnostics.append(Diagnostic(.error, "E0470", "`\(Self.written(y) ?? "this value")` is `\(ty)`, which is never null",
                                               at: y.span, label: "never null")
                        .helping("the comparison is always \(helper == "eq" ? "false" : "true"); remove it"))
                }
                return
            }
            if case .string(let literal) = x.kind, case .enumeration(let name) = ty.unwrapped {
                let cases = env.enums[name]?.cases ?? [literal]
                if !cases.contains(literal) {
                    var d = Diagnostic(.error, "E0470", "`\(literal)` is not a case of `\(name)`", at: x.span,
                                       label: "not a case")
                        .helping("the cases of `\(name)` are " + ServerTemplateChecker.list(cases))
                    if let guess = EditDistance.bestMatch(for: literal, in: cases) {
                        d = d.helping("did you mean `\(guess)`?").fixing(.replace(x.span, with: "\"\(guess)\"", "use `\(guess)`"))
                    }
                    diagnostics.append(d)
                }
                return
            }
        }
        let ua = ta.unwrapped, ub = tb.unwrapped
        switch (ua, ub) {
        case (.enumeration(let m), .enumeration(let n)) where m == n: return
        case (.entity, _), (.list, _), (.record, _), (_, .entity), (_, .list), (_, .record):
            diagnostics.append(Diagnostic(.error, "E0470", "`\(helper)` compares single values, not `\(ua)` and `\(ub)`",
                                       at: a.span.merged(with: b.span), label: "cannot be compared")
                .helping(ua.isEntity || ub.isEntity ? "compare their ids: `(\(helper) a.id b.id)`" : "compare one of their fields"))
            return
        default: break
        }
        let ca = TemplateValueClass(ua), cb = TemplateValueClass(ub)
        if ca == cb, ca != .other || ua == ub { return }
        diagnostics.append(Diagnostic(.error, "E0470", "`\(helper)` compares `\(ta)` with `\(tb)`, which are never equal",
                                   at: a.span.merged(with: b.span), label: "different types")
            .labeled(a.span, "`\(ta)`").labeled(b.span, "`\(tb)`"))
    }

    /// `(lt a b)` and friends: two numbers, two dates or two texts, neither null.
    private mutating func checkOrdering(_ helper: String, _ args: [TemplateExpr], _ ts: [ServerType]) {
        var classes: [TemplateValueClass] = []
        for (arg, t) in zip(args, ts) {
            if t.isError { return }
            if t.isOptional {
                wrongArgument(helper, arg, t, expected: "a value that is present",
                              help: "give a fallback with `(default \(Self.written(arg) ?? "…") …)`")
                return
            }
            let c = TemplateValueClass(t)
            guard [.number, .date, .text].contains(c) else {
                wrongArgument(helper, arg, t, expected: "numbers, dates or text")
                return
            }
            classes.append(c)
        }
        if classes.count == 2, classes[0] != classes[1] {
            diagnostics.append(Diagnostic(.error, "E0470", "`\(helper)` orders `\(ts[0])` against `\(ts[1])`",
                                       at: args[0].span.merged(with: args[1].span), label: "different types")
                .helping("compare two numbers, two dates or two texts"))
        }
    }

    /// `(default value fallback)`: the fallback has the value's type; the result is present
    /// when the fallback is.
    private mutating func checkDefault(_ args: [TemplateExpr], _ ts: [ServerType]) -> ServerType {
        let base = ts[0].unwrapped
        if case .null = args[1].kind {
            wrongArgument("default", args[1], .optional(base), expected: "a fallback that is present")
            return ts[0]
        }
        guard let joined = ServerTemplateChecker.join(base, ts[1].unwrapped, topLevel: false) else {
            if TemplateValueClass(base) == TemplateValueClass(ts[1].unwrapped), TemplateValueClass(base) != .other {
                return ts[1].isOptional ? .optional(base) : base
            }
            if case .enumeration = base, case .string = args[1].kind { return .scalar(.string) }
            wrongArgument("default", args[1], ts[1], expected: "a fallback of the value's type `\(base)`")
            return ts[0]
        }
        return ts[1].isOptional ? .optional(joined) : joined
    }
}

extension TemplateBodyChecker {
    static func isStringLiteral(_ e: TemplateExpr) -> Bool {
        if case .string = e.kind { true } else { false }
    }

    /// A whole number of decimals from 0 to 20: `2`.
    static func isDecimalsLiteral(_ e: TemplateExpr) -> Bool {
        if case .number(let d) = e.kind { d >= 0 && d <= 20 && d == d.rounded() } else { false }
    }
}

extension ServerType {
    var isEntity: Bool { if case .entity = self { true } else { false } }
}
