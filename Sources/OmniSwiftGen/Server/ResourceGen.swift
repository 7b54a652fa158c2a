import OmniBase
import OmniSema
import OmniSyntax

/// REST handlers of `resources "/posts" => Post`, one per entity and action used by any
/// route (two `resources` of one entity share them):
///
/// ```swift
/// public func omni_resource_Post_list(_ request: Request, _ db: any SQLExecutor) async throws(HTTPError) -> Response
/// // likewise _show, _create, _update (PATCH, and PUT), _delete
/// ```
///
/// Register them as `router.get("/api/v1/posts", middleware: api, .async { req in try await omni_resource_Post_list(req, db) })`.
/// Every error is thrown as an `HTTPError` carrying the uniform body (see `OmniAPIError`),
/// so the router's `ErrorRenderer` answers JSON (or an HTML page to a browser).
///
/// - `list` — `GET /posts`: filters, sort, offset and cursor pages (`OmniListQuery`, whose
///   comment is the reference), answering `{"data": [...], "page": {"limit", "offset",
///   "total", "nextCursor"}}`; the spec is `omni_listSpec_<Entity>`.
/// - `show` — `GET /posts/:id`: the row, or 404.
/// - `create` — `POST /posts` with a JSON or form body: 201 with the row and `Location`;
///   422 with every field error; 409 when a `@unique` field clashes. A browser's form post
///   is answered 303 to the new row instead.
/// - `update` — `PATCH /posts/:id` changes the fields sent; `PUT` replaces the row (every
///   required field needed; absent optional fields become null or their default). 200 with
///   the row; 404, 409, 422 as above.
/// - `delete` — `DELETE /posts/:id`: 204, 404, or 409 while other rows refer to it.
///
/// `createdAt` and `updatedAt` are set by the server; a relation sent as `author` or
/// `authorId` must name an existing row (else 422 `not_found` on that field).
public enum ResourceGen {
    public static func declarations(_ program: ServerProgram, sources: SourceMap?) -> [SwiftDecl] {
        var used: [(entity: String, action: ResourceAction, route: CheckedRoute)] = []
        for route in program.routes {
            guard case .resource(let entity, let action) = route.target else { continue }
            if !used.contains(where: { $0.entity == entity && $0.action == action }) { used.append((entity, action, route)) }
        }
        var decls: [SwiftDecl] = []
        for entity in program.entities {
            let actions = used.filter { $0.entity == entity.name }
            if actions.isEmpty { continue }
            let actionSet = Set(actions.map(\.action))
            if actionSet.contains(.list) { decls += [listSpec(entity, program), .blank] }
            if actionSet.contains(.create) || actionSet.contains(.update) {
                decls += [columnValues(entity), .blank]
                if entity.writableFields.contains(where: { if case .toOne = $0.relation { true } else { false } }) {
                    decls += [referenceCheck(entity, program), .blank]
                }
            }
            for (_, action, route) in actions {
                decls += [handler(entity, action: action, route: route, program: program, sources: sources), .blank]
            }
        }
        if decls.last == .blank { decls.removeLast() }
        return decls
    }

    public static func listSpecName(_ entity: String) -> String { ServerNames.valuePrefix + "listSpec_\(entity)" }
    static func valuesName(_ entity: String) -> String { ServerNames.valuePrefix + "columnValues_\(entity)" }
    static func referencesName(_ entity: String) -> String { ServerNames.valuePrefix + "checkReferences_\(entity)" }

    // MARK: Shared pieces

    static func listSpec(_ entity: CheckedEntity, _ program: ServerProgram) -> SwiftDecl {
        let relations = entity.relationNames
        let fields: [SwiftExpr] = entity.storedFields.map { field in
            var args: [(String?, SwiftExpr)] = [(nil, .string(field.name)), ("column", .string(field.column ?? field.name)),
                                                 ("kind", ServerSwiftTypes.fieldKind(field, program))]
            if case .toOne = field.relation { args.append(("aliases", .array([.string(field.name + "Id")]))) }
            if !ServerSwiftTypes.isSortable(field) { args.append(("sortable", .bool(false))) }
            return G.call("OmniListField", args)
        }
        return .property(SwiftProperty(
            name: listSpecName(entity.name), type: .named("OmniListSpec"),
            value: G.call("OmniListSpec", [("table", .string(entity.table))]
                          + (relations.isEmpty ? [] : [("relations", .array(relations.map { .string($0) }))]) + [("fields", .array(fields))]),
            doc: "What `GET` on the `\(entity.name)` collection may filter and sort on."))
    }

    /// `omni_columnValues_<Entity>(_ input:, mode:, now:) -> OmniColumnValues`: the columns a
    /// write sets. Create and PUT set every writable column (a default or null for those not
    /// sent); PATCH only those sent. `created_at` on create, `updated_at` always.
    static func columnValues(_ entity: CheckedEntity) -> SwiftDecl {
        let input = SwiftExpr.identifier("input")
        let now = SwiftExpr.identifier("now")
        func pair(_ column: String, _ value: SwiftExpr) -> SwiftStmt {
            .expr(G.call(.member(.identifier("values"), "append"), [(nil, .tuple([.string(column), value]))]))
        }
        var body: [SwiftStmt] = [
            G.varStmt("values", .array([]), type: .named("OmniColumnValues")),
            .if([(.expr(.binary(.identifier("mode"), "==", .implicitMember("create"))), [pair("created_at", .member(now, "sqlValue"))])], else: nil),
            pair("updated_at", .member(now, "sqlValue")),
        ]
        if let created = entity.field(named: "createdAt")?.column, created != "created_at" {
            body[1] = .if([(.expr(.binary(.identifier("mode"), "==", .implicitMember("create"))), [pair(created, .member(now, "sqlValue"))])], else: nil)
        }
        if let updated = entity.field(named: "updatedAt")?.column, updated != "updated_at" { body[2] = pair(updated, .member(now, "sqlValue")) }
        var everything: [SwiftStmt] = []
        var sent: [SwiftStmt] = []
        for field in entity.writableFields {
            guard let column = field.column else { continue }
            let property = SwiftExpr.member(input, ServerSwiftTypes.storedName(field))
            // Sent (or, for a non-optional field without a default, required by the validator).
            let fallback: SwiftExpr? = field.defaultValue.map { G.databaseValue($0, field: field, now: now) }
                ?? (field.type.isOptional ? .member(.identifier("DatabaseValue"), "null") : nil)
            if let fallback {
                everything.append(.if([(.letBinding("value", property), [pair(column, .member(.identifier("value"), "sqlValue"))])],
                                       else: [pair(column, fallback)]))
            } else {
                everything.append(pair(column, .member(property, "sqlValue")))
            }
            sent.append(.if([(.letBinding("value", property), [pair(column, .member(.identifier("value"), "sqlValue"))])], else: nil))
        }
        if !everything.isEmpty || !sent.isEmpty {
            body.append(.if([(.expr(.binary(.identifier("mode"), "==", .implicitMember("update"))), sent.isEmpty ? [.comment("Nothing to change.")] : sent)],
                            else: everything))
        }
        body.append(.return(.identifier("values")))
        return .function(SwiftFunction(
            name: valuesName(entity.name),
            params: [SwiftParam(nil, "input", .named(ServerNames.entityInputType(entity.name))),
                     SwiftParam("mode", "mode", .named("OmniWriteMode")), SwiftParam("now", "now", .named("Date"))],
            returns: .named("OmniColumnValues"), body: body,
            doc: "The columns a write of `\(entity.name)` sets: every writable one on create and PUT, those sent on PATCH."))
    }

    /// Checks that every relation sent names an existing row: 422 `not_found` on the field.
    static func referenceCheck(_ entity: CheckedEntity, _ program: ServerProgram) -> SwiftDecl {
        var body: [SwiftStmt] = [G.varStmt("errors", .array([]), type: .array(.named("OmniFieldError")))]
        for field in entity.writableFields {
            guard case .toOne(let target) = field.relation, let targetEntity = program.entity(named: target) else { continue }
            let property = SwiftExpr.member(.identifier("input"), ServerSwiftTypes.storedName(field))
            let id: SwiftExpr = field.type.isOptional ? .binary(property, "??", .nil) : property
            body.append(.if([(.letBinding("id", id), [
                G.letStmt("exists", G.tryAwait(G.call(.member(.identifier("OmniDB"), "exists"), [
                    (nil, .identifier("db")), ("table", .string(targetEntity.table)), ("id", .identifier("id")),
                ]))),
                .if([(.expr(.prefix("!", .identifier("exists"))), [
                    .expr(G.call(.member(.identifier("errors"), "append"), [(nil, G.call("OmniFieldError", [
                        ("field", .string(field.name)), ("code", .string("not_found")),
                        ("message", .interpolated([.text("no \(target) has id "), .expr(.identifier("id"))])),
                    ]))])),
                ])], else: nil),
            ])], else: nil))
        }
        body.append(.if([(.expr(.prefix("!", .member(.identifier("errors"), "isEmpty"))), [
            .throw(G.call(.member(.identifier("OmniAPIError"), "validation"), [(nil, .identifier("errors"))])),
        ])], else: nil))
        return .function(SwiftFunction(
            name: referencesName(entity.name),
            params: [SwiftParam(nil, "db", .named("any SQLExecutor")), SwiftParam(nil, "input", .named(ServerNames.entityInputType(entity.name)))],
            isAsync: true, throws: true, body: body,
            doc: "422 when a relation of a `\(entity.name)` names a row that does not exist."))
    }
}
