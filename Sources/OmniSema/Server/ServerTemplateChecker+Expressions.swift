import OmniBase
import OmniSyntax

// Types template expressions: paths resolved through `{{#each}}` scopes, the context and the
// globals; member access on entities (fields, loaded relations, narrowed optionals);
// literals; helpers with their signatures. Every expression's type lands in `types`.

extension TemplateBodyChecker {
    /// The type of `e`, recorded in `types[e.id]`.
    mutating func type(_ e: TemplateExpr) -> ServerType {
        let t = computeType(e)
        types[e.id] = t
        return t
    }

    private mutating func computeType(_ e: TemplateExpr) -> ServerType {
        switch e.kind {
        case .path(let p): return typePath(p, e)
        case .data(let v): return scopes.isEmpty ? .error : (v == .index ? .scalar(.int) : .scalar(.bool))
        case .string: return .scalar(.string)
        case .number(let n): return n == n.rounded() && abs(n) < 9e15 ? .scalar(.int) : .scalar(.float)
        case .bool: return .scalar(.bool)
        case .null: return .optional(.error)
        case .helper(let helper, let name, let args): return typeHelper(helper, name: name, args, e)
        case .error: return .error
        }
    }

    // MARK: - Paths

    /// The root of `p`: its type, what it refers to, its narrowing key and the index of the
    /// first segment still to walk. Nil (after reporting) when the name is unknown.
    private mutating func resolveRoot(_ p: TemplatePath, _ e: TemplateExpr) -> (ServerType, TemplateRoot, String, Int)? {
        if p.isThis {
            if let scope = scopes.last { return (scope.itemType, .this(scope.itemID), "e:\(scope.itemID.raw)", 0) }
            return (.record(context), .this(nil), "c", 0)
        }
        guard let first = p.segments.first else { return nil }
        let name = first.name
        for scope in scopes.reversed() {
            if scope.item == name { return (scope.itemType, .eachItem(scope.itemID), "e:\(scope.itemID.raw)", 1) }
            if scope.index == name, let id = scope.indexID { return (.scalar(.int), .eachIndex(id), "i:\(id.raw)", 1) }
        }
        if let field = context.first(where: { $0.name == name }) { return (field.type, .context(name), "c.\(name)", 1) }
        if let global = TemplateGlobal(rawValue: name) { return (.scalar(.string), .global(global), "g.\(name)", 1) }
        if checksNames { reportUnknownName(first) }
        return nil
    }

    /// The narrowing key of a path (`c.post.editor`), or nil when its root is unknown.
    func key(of p: TemplatePath) -> String? {
        var root: String
        var rest = p.segments[...]
        if p.isThis {
            root = scopes.last.map { "e:\($0.itemID.raw)" } ?? "c"
        } else {
            guard let first = rest.popFirst() else { return nil }
            if let scope = scopes.last(where: { $0.item == first.name }) {
                root = "e:\(scope.itemID.raw)"
            } else if let scope = scopes.last(where: { $0.index == first.name }), let id = scope.indexID {
                root = "i:\(id.raw)"
            } else if context.contains(where: { $0.name == first.name }) {
                root = "c.\(first.name)"
            } else if TemplateGlobal(rawValue: first.name) != nil {
                root = "g.\(first.name)"
            } else {
                return nil
            }
        }
        return rest.reduce(root) { $0 + "." + $1.name }
    }

    private mutating func typePath(_ p: TemplatePath, _ e: TemplateExpr) -> ServerType {
        guard let (rootType, root, rootKey, start) = resolveRoot(p, e) else { return .error }
        roots[e.id] = root
        var t = rootType
        var key = rootKey
        var walked = p.isThis ? "this" : p.segments[0].name
        for (i, segment) in p.segments.enumerated().dropFirst(start) {
            if case .optional(let inner) = t {
                guard narrowed.contains(key) else {
                    diagnostics.append(Diagnostic(.error, "E0463", "`\(walked)` may be null, so `.\(segment.name)` cannot be read",
                                               at: e.span.startPoint.merged(with: segment.span), label: "`\(walked)` is `\(t)`")
                        .helping("read it inside `{{#if \(walked)}} … {{/if}}`, where `\(walked)` is known to be present"))
                    return .error
                }
                t = inner
            }
            switch t {
            case .error:
                return .error
            case .entity(let name, let loaded):
                guard let entity = env.entities[name] else { return .error }
                guard let field = entity.field(named: segment.name) else {
                    reportNoField(entity, segment)
                    return .error
                }
                if field.relation != nil, !loaded.contains(segment.name) {
                    reportNotLoaded(entity, field, segment, walked: walked, direct: i == start, rootName: p.isThis ? nil : p.segments[0].name)
                    return .error
                }
                t = Self.readType(field.type)
            case .record(let fields):
                guard let field = fields.first(where: { $0.name == segment.name }) else {
                    if checksNames { reportUnknownName(segment) }
                    return .error
                }
                t = field.type
            default:
                diagnostics.append(Diagnostic(.error, "E0464", "`\(walked)` is `\(t)`, which has no fields", at: segment.span,
                                           label: "no field `\(segment.name)`")
                    .helping(Self.fieldlessHelp(t, walked)))
                return .error
            }
            key += "." + segment.name
            walked += "." + segment.name
        }
        if case .optional(let inner) = t, narrowed.contains(key) { t = inner }
        return t
    }

    /// The type a read of a field with declared type `t` gives: relations come without their
    /// own relations loaded.
    static func readType(_ t: ServerType) -> ServerType {
        switch t {
        case .entity(let n, _): .entity(n, loaded: [])
        case .list(let e): .list(readType(e))
        case .optional(let e): .optional(readType(e))
        default: t
        }
    }

    static func fieldlessHelp(_ t: ServerType, _ walked: String) -> String {
        switch t {
        case .list: "loop over it with `{{#each \(walked) as |item|}}` and read the fields of `item`"
        case .enumeration: "an enum value is printed as it is: `{{\(walked)}}`"
        default: "print it as it is: `{{\(walked)}}`"
        }
    }

    private mutating func reportNoField(_ entity: CheckedEntity, _ segment: Identifier) {
        let names = entity.fields.map(\.name)
        if let guess = EditDistance.bestMatch(for: segment.name, in: names) {
            diagnostics.append(Diagnostic(.error, "E0461", "`\(entity.name)` has no field `\(segment.name)`; did you mean `\(guess)`?",
                                       at: segment.span, label: "unknown field")
                .fixing(.replace(segment.span, with: guess, "use `\(guess)`")))
        } else {
            diagnostics.append(Diagnostic(.error, "E0461", "`\(entity.name)` has no field `\(segment.name)`", at: segment.span,
                                       label: "unknown field")
                .helping("`\(entity.name)` has the fields " + ServerTemplateChecker.list(names)))
        }
    }

    private mutating func reportNotLoaded(_ entity: CheckedEntity, _ field: CheckedField, _ segment: Identifier,
                                          walked: String, direct: Bool, rootName: String?) {
        var d = Diagnostic(.error, "E0462", "the relation `\(field.name)` of `\(walked)` is not loaded", at: segment.span,
                           label: "not loaded")
            .note("a page only sees the relations its query includes, so that rendering never runs a query")
        if direct, let rootName, let source = provenance(ofRoot: rootName) {
            d = d.helping("add `.include(\(field.name))` to \(source)")
        } else {
            d = d.helping("add `.include(\(field.name))` to the query that loads this `\(entity.name)`")
        }
        diagnostics.append(d)
    }

    private mutating func reportUnknownName(_ name: Identifier) {
        var visible = scopes.flatMap { [$0.item] + ($0.index.map { [$0] } ?? []) } + context.map(\.name)
        visible += TemplateGlobal.allCases.map(\.rawValue)
        let guess = EditDistance.bestMatch(for: name.name, in: visible)
        var d: Diagnostic
        let given = context.isEmpty ? "nothing" : ServerTemplateChecker.list(context.map(\.name))
        switch origin {
        case .routes(let template, let routes):
            d = Diagnostic(.error, "E0460", "`\(name.name)` is not in the context of `\(ServerTemplateChecker.partialName(of: template))`",
                           at: name.span, label: "unknown name")
                .note("\(routes.joined(separator: ", ")) \(routes.count == 1 ? "renders" : "render") it with \(ServerTemplateChecker.describe(context))")
        case .callers(let partial):
            let n = ServerTemplateChecker.partialName(of: partial)
            d = Diagnostic(.error, "E0460", "no caller of `\(n)` passes `\(name.name)`", at: name.span, label: "not passed")
                .helping("callers pass \(given); pass it with `{{> \(n) \(name.name)=…}}`")
        case .layout(let page):
            d = Diagnostic(.error, "E0460", "`\(name.name)` is not in the context of every page that uses this layout",
                           at: name.span, label: "unknown name")
                .note("the page `\(page)` renders this layout with \(ServerTemplateChecker.describe(context))")
        case .unknown:
            return
        }
        if let guess {
            d = d.helping("did you mean `\(guess)`?").fixing(.replace(name.span, with: guess, "use `\(guess)`"))
        }
        diagnostics.append(d)
    }
}
