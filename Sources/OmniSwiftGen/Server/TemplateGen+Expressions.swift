import OmniBase
import OmniSema
import OmniSyntax

// Template expressions → Swift expressions with the server type of what they evaluate to.
//
// A value's `type` follows the Swift value, not only the template's type: a relation read
// through a row (`post.author`) is optional in Swift (`author: Omni_User?`, filled when the
// query includes it), so the value read through it is `.optional` here and members after
// it are read with `map`/`flatMap` (closures in parentheses: a trailing closure cannot
// stand in an `if let` condition). Printing an absent value writes nothing.

/// A generated Swift expression and the server type of its Swift value.
struct GenValue {
    var expr: SwiftExpr
    var type: ServerType
    init(_ expr: SwiftExpr, _ type: ServerType) { self.expr = expr; self.type = type }
}

extension TemplateGen {
    static let support = SwiftExpr.identifier("TemplateSupport")

    static func supportCall(_ name: String, _ args: [SwiftExpr], labels: [String?] = []) -> SwiftExpr {
        .call(.member(support, name), args.enumerated().map { i, a in SwiftArgument(i < labels.count ? labels[i] : nil, a) })
    }

    /// The value of `e`; `expected` types literals (`3` is a `Double` where a float is wanted,
    /// `"admin"` an enum case where a `Role` is wanted).
    mutating func value(_ e: TemplateExpr, expected: ServerType? = nil) -> GenValue {
        switch e.kind {
        case .path(let p): return path(e, p)
        case .data(let d): return data(d)
        case .string(let s):
            if case .enumeration(let name)? = expected?.unwrapped, program.enumeration(named: name)?.cases.contains(s) == true {
                return GenValue(.member(.identifier(ServerNames.enumType(name)), s), .enumeration(name))
            }
            return GenValue(.string(s), .scalar(.string))
        case .number(let d):
            let wanted = expected?.unwrapped ?? current.types[e.id]?.unwrapped
            if wanted != .scalar(.float), d == d.rounded(), abs(d) < 9.0e15 {
                return GenValue(.integer(Int(d)), .scalar(.int))
            }
            return GenValue(.double(d), .scalar(.float))
        case .bool(let b): return GenValue(.bool(b), .scalar(.bool))
        case .null: return GenValue(.nil, .optional(expected?.unwrapped ?? .error))
        case .helper(let h, _, let args): return helper(h, args)
        case .error: return GenValue(.bool(false), .error)
        }
    }

    // MARK: - Paths

    mutating func path(_ e: TemplateExpr, _ p: TemplatePath) -> GenValue {
        var members = p.segments.map(\.name)
        var base: GenValue
        switch current.roots[e.id] ?? resolve(p) {
        case .context(let name)?:
            if !members.isEmpty { members.removeFirst() }
            let type = page.context.first { $0.name == name }?.type ?? .error
            base = GenValue(.member(.identifier("ctx"), name), type)
        case .eachItem(let id)?:
            if !members.isEmpty { members.removeFirst() }
            guard let scope = scopes.last(where: { $0.file == current.file && $0.itemID == id }) else { return GenValue(.bool(false), .error) }
            base = GenValue(.identifier(scope.itemVar), scope.itemType)
        case .eachIndex(let id)?:
            if !members.isEmpty { members.removeFirst() }
            guard let scope = scopes.last(where: { $0.file == current.file && $0.indexID == id }),
                  let name = scope.indexName else { return GenValue(.bool(false), .error) }
            base = GenValue(.identifier(Self.localName(name)), .scalar(.int))
        case .this(let id)?:
            if let id, let scope = scopes.last(where: { $0.file == current.file && $0.itemID == id }) {
                base = GenValue(.identifier(scope.itemVar), scope.itemType)
            } else {
                base = GenValue(.identifier("ctx"), .record(page.context))
            }
        case .global(let g)?:
            if !members.isEmpty { members.removeFirst() }
            base = GenValue(.member(.identifier("env"), g == .csrfToken ? "csrfToken" : "requestPath"), .scalar(.string))
        case nil:
            return GenValue(.bool(false), .error)
        }
        for m in members { base = member(base, m) }
        return base
    }

    /// What a path's first name refers to when the checker left no entry (the innermost
    /// block parameter, then the context, then the globals: Handlebars' lookup).
    func resolve(_ p: TemplatePath) -> TemplateRoot? {
        if p.isThis { return .this(scopes.last(where: { $0.file == current.file })?.itemID) }
        guard let first = p.segments.first?.name else { return nil }
        for scope in scopes.reversed() where scope.file == current.file {
            if scope.itemName == first { return .eachItem(scope.itemID) }
            if scope.indexName == first, let id = scope.indexID { return .eachIndex(id) }
        }
        if page.context.contains(where: { $0.name == first }) { return .context(first) }
        return TemplateGlobal(rawValue: first).map { .global($0) }
    }

    /// `base.name`, through `map`/`flatMap` when `base` may be absent.
    func member(_ base: GenValue, _ name: String) -> GenValue {
        var fieldType: ServerType = .error
        var isRelation = false
        switch base.type.unwrapped {
        case .entity(let entity, _):
            if let field = program.entity(named: entity)?.field(named: name) {
                fieldType = field.type
                isRelation = field.relation != nil
            }
        case .record(let fields):
            fieldType = fields.first { $0.name == name }?.type ?? .error
        default:
            break
        }
        // Relations are optional in Swift (filled only when included).
        let swiftType: ServerType = isRelation && !fieldType.isOptional ? .optional(fieldType) : fieldType
        if case .optional = base.type {
            let read = SwiftExpr.member(.identifier("$0"), name)
            let method = swiftType.isOptional ? "flatMap" : "map"
            let expr = SwiftExpr.call(.member(base.expr, method), [SwiftArgument(nil, .closure(SwiftClosure(body: [.expr(read)])))])
            return GenValue(expr, .optional(swiftType.unwrapped))
        }
        return GenValue(.member(base.expr, name), swiftType)
    }

    mutating func data(_ d: TemplateDataVariable) -> GenValue {
        guard let scope = scopes.last(where: { $0.file == current.file }), let offset = scope.offsetVar else {
            return GenValue(.bool(false), .error)
        }
        let n = SwiftExpr.identifier(offset)
        switch d {
        case .index: return GenValue(.call(.identifier("Int64"), [SwiftArgument(nil, n)]), .scalar(.int))
        case .first: return GenValue(.binary(n, "==", .integer(0)), .scalar(.bool))
        case .last:
            guard let list = scope.listVar else { return GenValue(.bool(false), .error) }
            return GenValue(.binary(n, "==", .binary(.member(.identifier(list), "count"), "-", .integer(1))), .scalar(.bool))
        }
    }

    // MARK: - Truthiness and conversions

    /// The Swift `Bool` of `{{#if v}}` (docs/LANGUAGE.md: empty string, 0, false, null and
    /// the empty list are falsy).
    func truthiness(_ v: GenValue) -> SwiftExpr {
        switch v.type {
        case .scalar(.bool): return v.expr
        case .entity, .enumeration, .record: return .bool(true)
        case .optional(let w):
            switch w {
            case .entity, .enumeration, .record, .error: return .binary(v.expr, "!=", .nil)
            default: return Self.supportCall("truthy", [v.expr])
            }
        case .error: return .bool(false)
        default: return Self.supportCall("truthy", [v.expr])
        }
    }

    /// `v` converted for a place that wants `target`: an `int` where a `float` is wanted
    /// becomes `Double(x)`, an enum where a string is wanted its case name.
    func coerce(_ v: GenValue, to target: ServerType) -> GenValue {
        let from = v.type.unwrapped
        let to = target.unwrapped
        let convert: ((SwiftExpr) -> SwiftExpr)?
        let result: ServerType
        switch (from, to) {
        case (.scalar(.int), .scalar(.float)):
            convert = { .call(.identifier("Double"), [SwiftArgument(nil, $0)]) }
            result = .scalar(.float)
        case (.scalar(.float), .scalar(.int)):
            convert = { .call(.identifier("Int64"), [SwiftArgument(nil, $0)]) }
            result = .scalar(.int)
        case (.enumeration, .scalar(.string)), (.enumeration, .scalar(.text)):
            convert = { .member($0, "rawValue") }
            result = .scalar(.string)
        default:
            return v
        }
        guard let convert else { return v }
        return lift(v, result) { convert($0) }
    }

    /// `make(v)`, or `v.map { make($0) }` when `v` may be absent (then the result may be too).
    func lift(_ v: GenValue, _ result: ServerType, _ make: (SwiftExpr) -> SwiftExpr) -> GenValue {
        if case .optional = v.type {
            if case .nil = v.expr { return GenValue(.nil, .optional(result)) }
            let closure = SwiftClosure(body: [.expr(make(.identifier("$0")))])
            return GenValue(.call(.member(v.expr, "map"), [SwiftArgument(nil, .closure(closure))]), .optional(result))
        }
        return GenValue(make(v.expr), result)
    }

    static func isLiteral(_ e: TemplateExpr) -> Bool {
        switch e.kind {
        case .string, .number, .bool, .null: true
        default: false
        }
    }

    /// Two operands typed against each other: a literal takes the other side's type, and an
    /// `int` meeting a `float` becomes a `Double`, an enum meeting a string its case name.
    mutating func operands(_ a: TemplateExpr, _ b: TemplateExpr) -> (GenValue, GenValue) {
        var x: GenValue
        var y: GenValue
        if Self.isLiteral(a) && !Self.isLiteral(b) {
            y = value(b)
            x = value(a, expected: y.type)
        } else {
            x = value(a)
            y = value(b, expected: x.type)
        }
        x = coerce(x, to: y.type)
        y = coerce(y, to: x.type)
        return (x, y)
    }

    // MARK: - Helpers

    mutating func helper(_ h: TemplateHelper, _ args: [TemplateExpr]) -> GenValue {
        let bool = ServerType.scalar(.bool)
        switch h {
        case .eq, .ne, .lt, .lte, .gt, .gte:
            guard args.count == 2 else { return GenValue(.bool(false), .error) }
            let (a, b) = operands(args[0], args[1])
            return GenValue(Self.supportCall(h.rawValue, [a.expr, b.expr]), bool)
        case .and, .or:
            let parts = args.map { truthiness(value($0)) }
            guard var expr = parts.first else { return GenValue(.bool(h == .and), bool) }
            for p in parts.dropFirst() { expr = .binary(expr, h == .and ? "&&" : "||", p) }
            return GenValue(parts.count > 1 ? .paren(expr) : expr, bool)
        case .not:
            guard let a = args.first else { return GenValue(.bool(false), .error) }
            return GenValue(Self.negate(truthiness(value(a))), bool)
        case .default:
            guard args.count == 2 else { return GenValue(.bool(false), .error) }
            let (a, b) = operands(args[0], args[1])
            let type: ServerType = b.type.isOptional ? .optional(a.type.unwrapped) : a.type.unwrapped
            return GenValue(Self.supportCall("withDefault", [a.expr, b.expr]), type)
        case .length:
            guard let a = args.first else { return GenValue(.bool(false), .error) }
            return GenValue(Self.supportCall("length", [value(a).expr]), .scalar(.int))
        case .upper, .lower:
            guard let a = args.first else { return GenValue(.bool(false), .error) }
            let text = coerce(value(a), to: .scalar(.string))
            return lift(text, .scalar(.string)) { Self.supportCall(h.rawValue, [$0]) }
        case .truncate:
            guard args.count == 2 else { return GenValue(.bool(false), .error) }
            let text = coerce(value(args[0]), to: .scalar(.string))
            let limit = coerce(value(args[1], expected: .scalar(.int)), to: .scalar(.int))
            return lift(text, .scalar(.string)) { Self.supportCall("truncate", [$0, limit.expr]) }
        case .formatDate:
            guard let a = args.first else { return GenValue(.bool(false), .error) }
            let date = value(a)
            let pattern: SwiftExpr
            if args.count > 1 {
                pattern = value(args[1], expected: .scalar(.string)).expr
            } else {
                pattern = .string(date.type.unwrapped == .scalar(.date) ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm")
            }
            return lift(date, .scalar(.string)) { Self.supportCall("formatDate", [$0, pattern]) }
        case .formatNumber:
            guard let a = args.first else { return GenValue(.bool(false), .error) }
            let number = value(a)
            var extra: [SwiftExpr] = []
            if args.count > 1 { extra.append(coerce(value(args[1], expected: .scalar(.int)), to: .scalar(.int)).expr) }
            return lift(number, .scalar(.string)) { Self.supportCall("formatNumber", [$0] + extra, labels: [nil, "decimals"]) }
        }
    }
}
