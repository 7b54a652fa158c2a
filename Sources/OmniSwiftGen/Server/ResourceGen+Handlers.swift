import OmniBase
import OmniSema
import OmniSyntax

/// The five REST handlers (see `ResourceGen` for what each answers).
extension ResourceGen {
    static func handler(_ entity: CheckedEntity, action: ResourceAction, route: CheckedRoute, program: ServerProgram,
                        sources: SourceMap?) -> SwiftDecl {
        let typeName = ServerNames.entityType(entity.name)
        let idParam = route.segments.reversed().lazy.compactMap { segment -> String? in
            if case .parameter(let p) = segment { return p.name }
            return nil
        }.first ?? "id"
        var body: [SwiftStmt]
        let doc: String
        let relations = entity.relationNames
        switch action {
        case .list:
            doc = "`GET` a page of `\(entity.name)` rows: filters, sort, offset or cursor; `include=` loads relations."
            body = [
                G.letStmt("query", .try(G.call(.member(.identifier("OmniListQuery"), "parse"), [
                    (nil, .member(.identifier("request"), "query")), ("spec", .identifier(listSpecName(entity.name))),
                ]))),
                G.letStmt("page", G.tryAwait(G.call(.member(.identifier("query"), "fetch"), [(nil, .identifier("db"))]))),
                .binding(isVar: !relations.isEmpty, name: "items", type: nil, value: decodeRows(.member(.identifier("page"), "rows"), typeName)),
            ]
            body += loadIncludes(entity, relations: relations, requested: .member(.identifier("query"), "includes"))
            body.append(.return(G.call(.member(G.call("OmniPage", [("data", .identifier("items")), ("rows", .identifier("page"))]), "jsonResponse"))))
        case .show:
            doc = "`GET` one `\(entity.name)` by id; 404 when there is none; `include=` loads relations."
            var sql = SQLText()
            sql.value(.member(.identifier(typeName), "omni_select"))
            sql.text(" WHERE \"id\" = ")
            sql.value(.identifier("id"))
            body = [
                readID(idParam),
                G.letStmt("includes", .try(G.call(.member(.identifier("OmniListQuery"), "includes"), [
                    (nil, .member(.identifier("request"), "query")), ("relations", .array(relations.map { .string($0) })),
                ]))),
                G.letStmt("rows", G.tryAwait(G.call(.member(.identifier("db"), "query"), [(nil, sql.expr)]))),
                .guard(.letBinding("row", .member(.identifier("rows"), "first")), else: [notFound(entity)]),
            ]
            if relations.isEmpty {
                body.append(.return(G.call(.member(.try(G.call(typeName, [("row", .identifier("row"))])), "jsonResponse"))))
            } else {
                body.append(G.varStmt("items", .array([.try(G.call(typeName, [("row", .identifier("row"))]))])))
                body += loadIncludes(entity, relations: relations, requested: .identifier("includes"))
                body.append(.return(G.call(.member(.subscript(.identifier("items"), [SwiftArgument(nil, .integer(0))]), "jsonResponse"))))
            }
        case .create:
            doc = "`POST` a new `\(entity.name)` (JSON or form body): 201 with `Location`, 422, 409."
            body = writePrologue(entity, mode: .implicitMember("create"))
            body += [
                G.letStmt("rows", G.tryAwait(G.call(.member(.identifier("db"), "query"), [(nil, G.call(.member(.identifier("OmniDB"), "insert"), [
                    ("table", .string(entity.table)), ("values", .identifier("values")), ("returning", .member(.identifier(typeName), "omni_columns")),
                ]))]))),
                .guard(.letBinding("row", .member(.identifier("rows"), "first")), else: [
                    .throw(G.call(.member(.identifier("OmniAPIError"), "internalError"))),
                ]),
                G.letStmt("created", .try(G.call(typeName, [("row", .identifier("row"))]))),
                G.letStmt("location", G.call(.member(.identifier("OmniResource"), "location"), [
                    (nil, .identifier("request")), ("id", .member(.identifier("created"), "id")),
                ])),
                .return(G.call(.member(.identifier("OmniResource"), "written"), [
                    (nil, .identifier("request")), (nil, .identifier("created")), ("status", .implicitMember("created")), ("location", .identifier("location")),
                ])),
            ]
        case .update:
            doc = "`PATCH` (the fields sent) or `PUT` (the whole row) a `\(entity.name)`: 200, 404, 422, 409."
            body = [readID(idParam)]
            body.append(G.letStmt("mode", .ternary(.binary(.member(.identifier("request"), "method"), "==", .implicitMember("PUT")),
                                                   .implicitMember("replace"), .implicitMember("update")), type: .named("OmniWriteMode")))
            body += writePrologue(entity, mode: .identifier("mode"))
            body += [
                G.letStmt("rows", G.tryAwait(G.call(.member(.identifier("db"), "query"), [(nil, G.call(.member(.identifier("OmniDB"), "update"), [
                    ("table", .string(entity.table)), ("id", .identifier("id")), ("values", .identifier("values")),
                    ("returning", .member(.identifier(typeName), "omni_columns")),
                ]))]))),
                .guard(.letBinding("row", .member(.identifier("rows"), "first")), else: [notFound(entity)]),
                .return(G.call(.member(.identifier("OmniResource"), "written"), [
                    (nil, .identifier("request")), (nil, .try(G.call(typeName, [("row", .identifier("row"))]))),
                    ("status", .implicitMember("ok")), ("location", .nil),
                ])),
            ]
        case .delete:
            doc = "`DELETE` a `\(entity.name)`: 204, 404, or 409 while other rows refer to it."
            body = [
                readID(idParam),
                G.letStmt("deleted", G.tryAwait(G.call(.member(.identifier("db"), "execute"), [
                    (nil, .interpolated([.text("DELETE FROM " + quoted(entity.table) + " WHERE \"id\" = "), .expr(.identifier("id"))])),
                ]))),
                .guard(.expr(.binary(.identifier("deleted"), ">", .integer(0))), else: [notFound(entity)]),
                .return(.member(.identifier("Response"), "noContent")),
            ]
        }
        let unique: [SwiftExpr] = entity.fields.compactMap { field in
            guard field.isUnique, let column = field.column else { return nil }
            return G.call(.member(.identifier("OmniAPIError"), "UniqueField"), [
                ("field", .string(field.name)), ("table", .string(entity.table)), ("column", .string(column)),
                ("index", .string("\(entity.table)_\(column)_unique")),
            ])
        }
        var convert: [(String?, SwiftExpr)] = [(nil, .identifier("error"))]
        if !unique.isEmpty && (action == .create || action == .update) { convert.append(("unique", .array(unique))) }
        let wrapped: [SwiftStmt] = [
            .doCatch(body, catchName: "error", [
                .throw(.member(G.call(.member(.identifier("OmniAPIError"), "from"), convert), "httpError")),
            ]),
        ]
        var f = SwiftFunction(
            name: ServerNames.resourceHandler(entity: entity.name, action: action),
            params: [SwiftParam(nil, "request", .named("Request")), SwiftParam(nil, "db", .named("any SQLExecutor"))],
            returns: .named("Response"), isAsync: true, throws: true, body: wrapped,
            doc: doc, note: sourceNote(route.span, sources))
        f.thrownType = .named("HTTPError")
        return .function(f)
    }

    /// `if requested.contains("author") { try await omni_include_Post_author(db, &items) }`
    /// for each relation.
    static func loadIncludes(_ entity: CheckedEntity, relations: [String], requested: SwiftExpr) -> [SwiftStmt] {
        relations.map { relation in
            .if([(.expr(G.call(.member(requested, "contains"), [(nil, .string(relation))])), [
                .expr(G.tryAwait(G.call(QueryGen.includeLoaderName(entity: entity.name, relation: relation),
                                        [(nil, .identifier("db")), (nil, .prefix("&", .identifier("items")))]))),
            ])], else: nil)
        }
    }

    /// `try rows.map { try Omni_Post(row: $0) }`.
    static func decodeRows(_ rows: SwiftExpr, _ typeName: String) -> SwiftExpr {
        .try(.call(.member(rows, "map"), [], trailingClosure: SwiftClosure(body: [.expr(.try(G.call(typeName, [("row", G.dollar0)])))])))
    }

    static func readID(_ name: String) -> SwiftStmt {
        G.letStmt("id", .try(G.call(.member(.identifier("OmniResource"), "id"), [(nil, .identifier("request")), (nil, .string(name))])))
    }

    static func notFound(_ entity: CheckedEntity) -> SwiftStmt {
        .throw(G.call(.member(.identifier("OmniAPIError"), "notFound"), [
            (nil, .interpolated([.text("No \(entity.name) has id "), .expr(.identifier("id"))])),
        ]))
    }

    /// Body → validated input → references checked → the column values to write.
    static func writePrologue(_ entity: CheckedEntity, mode: SwiftExpr) -> [SwiftStmt] {
        var out: [SwiftStmt] = [
            G.letStmt("body", .try(G.call(.member(.identifier("OmniBody"), "parse"), [(nil, .identifier("request"))]))),
            G.letStmt("input", .try(G.call(ServerNames.validator(entity.name), [(nil, .identifier("body")), ("mode", mode)]))),
        ]
        if entity.writableFields.contains(where: { if case .toOne = $0.relation { true } else { false } }) {
            out.append(.expr(G.tryAwait(G.call(referencesName(entity.name), [(nil, .identifier("db")), (nil, .identifier("input"))]))))
        }
        out.append(G.letStmt("values", G.call(valuesName(entity.name), [
            (nil, .identifier("input")), ("mode", mode), ("now", G.call(.member(.identifier("OmniTime"), "now"))),
        ])))
        return out
    }
}
