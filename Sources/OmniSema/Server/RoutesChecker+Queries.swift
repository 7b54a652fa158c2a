import OmniBase
import OmniSyntax

/// The bindings of page and JSON targets: each query's entity (E0439), the order of its calls
/// (E0443), `find`/`limit`/`offset` arguments (E0444), names (E0445), `include` and `order`
/// fields (E0446), and the types of path parameters they use (E0453).
extension RoutesChecker {
    mutating func checkBindings(_ bindings: [Binding], parameters: inout ParameterScope) -> [CheckedBinding] {
        var out: [CheckedBinding] = []
        for b in bindings where !b.name.name.isEmpty {
            guard let (query, type) = checkQuery(b.query, parameters: &parameters) else { continue }
            out.append(CheckedBinding(name: b.name.name, query: query, type: type, span: b.span))
        }
        return out
    }

    /// The checked query and its type, or nil after an error that leaves it without an entity or shape.
    mutating func checkQuery(_ q: Query, parameters: inout ParameterScope) -> (CheckedQuery, ServerType)? {
        guard !q.entity.name.isEmpty else { return nil }
        guard let entity = entity(q.entity.name) else {
            reportUnknownEntity(q.entity)
            return nil
        }
        var shape: CheckedQuery.Shape = .all
        var shapeCall: QueryCall?
        var conditions: [QueryCondition] = []
        var order: [SortKey] = []
        var limit: QueryOperand?, offset: QueryOperand?
        var includes: [String] = []
        var seen: [QueryMethod: QueryCall] = [:]
        for (index, call) in q.calls.enumerated() {
            guard let method = call.method else { continue } // E0781
            if let arity = method.arity { guard call.arguments.count == arity else { continue } } // E0782
            else if call.arguments.isEmpty { continue }
            let isLast = index == q.calls.count - 1
            if let misplaced = misplacement(method, index: index, isLast: isLast, after: shapeCall, seen: seen) {
                diagnostics.append(misplaced(call))
            }
            if seen[method] == nil { seen[method] = call }
            switch method {
            case .all:
                break
            case .find:
                shapeCall = call
                if let id = idOperand(call.arguments[0], parameters: &parameters) { shape = .find(id) }
            case .first:
                shape = .first
            case .count:
                shape = .count
            case .where:
                if let c = checkCondition(call.arguments[0], in: entity, parameters: &parameters) { conditions.append(c) }
            case .limit, .offset:
                guard let n = countOperand(call.arguments[0], method: method, parameters: &parameters) else { continue }
                if method == .limit { limit = n } else { offset = n }
            case .order:
                for a in call.arguments {
                    if let key = sortKey(a, in: entity) { order.append(key) }
                }
            case .include:
                for a in call.arguments {
                    if let name = included(a, in: entity), !includes.contains(name) { includes.append(name) }
                }
            }
        }
        if q.calls.isEmpty { return nil }
        let row = ServerType.entity(entity.name, loaded: includes.sorted())
        let type: ServerType = switch shape {
        case .find: row
        case .first: .optional(row)
        case .count: .scalar(.int)
        case .all: .list(row)
        }
        let condition = conditions.dropFirst().reduce(conditions.first) { acc, c in acc.map { .and($0, c) } }
        return (CheckedQuery(entity: entity.name, shape: shape, condition: condition, order: order,
                             limit: limit, offset: offset, includes: includes.sorted()), type)
    }

    /// E0443 for a call in a place where it makes no sense; nil when it is fine.
    private func misplacement(_ method: QueryMethod, index: Int, isLast: Bool, after find: QueryCall?,
                              seen: [QueryMethod: QueryCall]) -> ((QueryCall) -> Diagnostic)? {
        func error(_ message: String, _ label: String, _ help: String, first: Span? = nil) -> (QueryCall) -> Diagnostic {
            { call in
                var d = Diagnostic(.error, "E0443", message, at: call.name.span, label: label, help: [help])
                if let first { d = d.labeled(first, "first called here") }
                return d
            }
        }
        if let find, method != .include {
            return error("`find` gives one row: only `include` may follow it", "after `find`",
                         "write `.\(method.rawValue)(…)` on a query that starts with `where` or `all`, or remove it", first: find.name.span)
        }
        switch method {
        case .find where index > 0:
            return error("`find` starts a query", "not the first call", "write `Entity.find(id)`, optionally followed by `.include(…)`")
        case .all where index > 0:
            return error("`all()` only starts a query", "not the first call", "remove `.all()`: the calls before it already select the rows")
        case .first where !isLast, .count where !isLast:
            return error("`\(method.rawValue)()` ends a query", "not the last call", "move `.\(method.rawValue)()` to the end")
        case .limit, .offset, .order, .first, .count, .all, .find:
            if let first = seen[method] {
                return error("`\(method.rawValue)` is called twice in one query", "called again here",
                             method == .order ? "give every sort key to one `order(…)`" : "keep one of them", first: first.name.span)
            }
            return nil
        case .where, .include:
            return nil
        }
    }

    /// The argument of `find`: an int literal or an int parameter (E0444).
    private mutating func idOperand(_ e: QueryExpr, parameters: inout ParameterScope) -> QueryOperand? {
        switch e.kind {
        case .literal(.integer(let i)):
            return .literal(.integer(i))
        case .name(let n), .parameter(let n):
            return intParameter(n, use: "`find`", parameters: &parameters)
        case .error:
            return nil
        default:
            diagnostics.append(Diagnostic(.error, "E0444", "`find` takes an `id`: an integer or a parameter", at: e.span,
                                          label: "not an id", help: ["write `find(id)` with a path parameter `:id`, or use `where(…)` to select by other fields"]))
            return nil
        }
    }

    /// The argument of `limit`/`offset`: an integer ≥ 0 or an int parameter (E0444).
    private mutating func countOperand(_ e: QueryExpr, method: QueryMethod, parameters: inout ParameterScope) -> QueryOperand? {
        switch e.kind {
        case .literal(.integer(let i)) where i >= 0:
            return .literal(.integer(i))
        case .name(let n), .parameter(let n):
            return intParameter(n, use: "`\(method.rawValue)`", parameters: &parameters)
        case .error:
            return nil
        default:
            diagnostics.append(Diagnostic(.error, "E0444", "`\(method.rawValue)` takes a whole number, at least 0, or an `int` parameter",
                                          at: e.span, label: "not a row count",
                                          help: ["write `.\(method.rawValue)(\(method == .limit ? "20" : "0"))`, or declare a query parameter `(\(method == .limit ? "size: int = 20" : "from: int = 0"))` and pass it"]))
            return nil
        }
    }

    /// A parameter used where an `int` is needed (`find`, `limit`, `offset`).
    private mutating func intParameter(_ n: Identifier, use: String, parameters: inout ParameterScope) -> QueryOperand? {
        guard let type = parameterType(n, wanting: .int, use: use, parameters: &parameters) else { return nil }
        if case .scalar(.int) = type.unwrapped { return .parameter(n.name, type) }
        diagnostics.append(Diagnostic(.error, "E0444", "\(use) takes an `int`, but the parameter `\(n.name)` is \(ServerNaming.an(type))", at: n.span,
                                      label: "\(ServerNaming.an(type))", help: ["declare `\(n.name)` as an `int`"]))
        return nil
    }

    /// The type of a parameter at a use that wants `scalar` (path parameters take it on their
    /// first typed use: `int` or `string`). Nil after E0445 (unknown) or E0453 (conflicting use).
    mutating func parameterType(_ n: Identifier, wanting scalar: ScalarType, use: String, parameters: inout ParameterScope) -> ServerType? {
        if let q = parameters.query.first(where: { $0.name == n.name }) {
            parameters.markUsed(n.name)
            return q.type
        }
        guard let p = parameters.path.first(where: { $0.name == n.name }) else {
            reportUnknownParameter(n, parameters: parameters, fields: nil)
            return nil
        }
        parameters.markUsed(n.name)
        let wanted: ScalarType = p.isSplat ? .string : (scalar == .int ? .int : .string)
        if let known = parameters.types[n.name], known.type != wanted {
            diagnostics.append(Diagnostic(
                .error, "E0453", "the path parameter `\(n.name)` is used both as `\(known.type.rawValue)` and as `\(wanted.rawValue)`",
                at: n.span, label: "used as `\(wanted.rawValue)` by \(use)", labels: [Label(known.span, "used as `\(known.type.rawValue)` here")],
                notes: ["a path parameter is an `int` when it is passed to `find` or compared with an `int` field, else a `string`"],
                help: ["use it one way, or declare a second parameter"]))
            return nil
        }
        if parameters.types[n.name] == nil { parameters.types[n.name] = (wanted, n.span) }
        return .scalar(wanted)
    }

    /// E0445 for a name that is neither a field nor a parameter.
    func unknownNameDiagnostic(_ n: Identifier, parameters: ParameterScope, fields: CheckedEntity?, extra: [String] = []) -> Diagnostic {
        let candidates = (fields?.fields.map(\.name) ?? []) + parameters.names + extra
        let what = fields.map { "no field of `\($0.name)` and no parameter of this route" } ?? "no parameter of this route"
        var d = Diagnostic(.error, "E0445", "unknown name `\(n.name)`", at: n.span, label: "\(what) has this name")
        if let match = EditDistance.bestMatch(for: n.name, in: candidates) {
            d = d.suggesting(match, at: n.span)
        } else if parameters.names.isEmpty {
            d = d.helping("declare a query parameter: `(\(n.name): string)` after the path, or a path parameter `:\(n.name)`")
        } else {
            d = d.helping("the route's parameters are \(parameters.names.map { "`\($0)`" }.joined(separator: ", "))")
        }
        return d
    }

    mutating func reportUnknownParameter(_ n: Identifier, parameters: ParameterScope, fields: CheckedEntity?) {
        diagnostics.append(unknownNameDiagnostic(n, parameters: parameters, fields: fields))
    }

    /// E0445 for an unknown field of `entity`, with did-you-mean over `candidates`.
    mutating func reportUnknownField(_ n: Identifier, of entity: CheckedEntity, candidates: [String], what: String) {
        diagnostics.append(unknownFieldDiagnostic(n, of: entity, candidates: candidates, what: what))
    }

    /// One key of `order(…)`: a field of the entity itself or, through to-one relations, of a
    /// related row (`author.name`); `-` for descending (E0445, E0446).
    private mutating func sortKey(_ e: QueryExpr, in entity: CheckedEntity) -> SortKey? {
        var expr = e
        var descending = false
        if case .unary(.negate, let inner) = e.kind { expr = inner; descending = true }
        switch resolvePath(expr, in: entity) {
        case .failed(let d)?:
            diagnostics.append(d)
            return nil
        case .field(let path)?:
            if path.type == .error { return nil }
            let shown = path.names.joined(separator: ".")
            switch path.type.unwrapped {
            case .entity:
                diagnostics.append(Diagnostic(.error, "E0446", "rows are sorted by a field, not by the relation `\(shown)`", at: expr.span,
                                              label: "a relation", help: ["sort by one of its fields, such as `\(shown).id`"]))
                return nil
            case .list:
                diagnostics.append(Diagnostic(.error, "E0446", "rows are sorted by a field, not by the to-many relation `\(shown)`", at: expr.span,
                                              label: "a to-many relation", help: ["sort by a field of `\(entity.name)` or of a to-one relation, such as `-createdAt`"]))
                return nil
            case .scalar(.json):
                diagnostics.append(Diagnostic(.error, "E0446", "rows cannot be sorted by the `json` field `\(shown)`", at: expr.span,
                                              label: "a `json` field", help: ["sort by a field of another type"]))
                return nil
            default:
                return SortKey(through: Array(path.names.dropLast()), field: path.names[path.names.count - 1],
                               descending: descending, nullable: path.type.isOptional)
            }
        case nil:
            switch expr.kind {
            case .name(let n):
                reportUnknownField(n, of: entity, candidates: entity.fields.filter { $0.relation == nil }.map(\.name), what: "field")
            case .error:
                break
            default:
                diagnostics.append(Diagnostic(.error, "E0446", "a sort key is a field of `\(entity.name)` or of a related row, with `-` for descending order",
                                              at: expr.span, label: "not a field path",
                                              help: ["write `order(-createdAt, title)` or `order(author.name)`"]))
            }
            return nil
        }
    }

    /// One relation of `include(…)` (E0445, E0446).
    private mutating func included(_ e: QueryExpr, in entity: CheckedEntity) -> String? {
        let relations = entity.relationNames
        guard case .name(let n) = e.kind else {
            if e.kind != .error {
                diagnostics.append(Diagnostic(.error, "E0446", "`include` takes relation names", at: e.span, label: "not a relation name",
                                              help: [relations.isEmpty ? "`\(entity.name)` has no relations" : "write `include(\(relations[0]))`"]))
            }
            return nil
        }
        guard let field = entity.field(named: n.name) else {
            reportUnknownField(n, of: entity, candidates: relations, what: "relation")
            return nil
        }
        if field.type == .error { return nil }
        guard field.relation != nil else {
            diagnostics.append(Diagnostic(.error, "E0446", "`\(n.name)` is \(ServerNaming.an(field.type)), not a relation: it is always loaded", at: n.span,
                                          label: "not a relation",
                                          help: [relations.isEmpty ? "remove it; `\(entity.name)` has no relations" : "remove it; `include` takes relations such as `\(relations[0])`"]))
            return nil
        }
        return n.name
    }
}
