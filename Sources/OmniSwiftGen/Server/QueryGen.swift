import OmniBase
import OmniSema
import OmniSyntax

/// Binding queries: for binding `name` of the page or JSON route at index `i`,
/// `omni_query_<i>_<name>(_ db: any SQLExecutor, _ params: Omni_Params_<i>) async throws -> T`
/// where `T` is the binding's type: `Omni_Post` for `find` (a missing row throws
/// `OmniAPIError.notFound`), `Omni_Post?` for `first`, `[Omni_Post]` for `all`/`where`,
/// `Int64` for `count`.
///
/// Each is one `SELECT` whose values are all bound (`SQL` interpolation) and whose
/// identifiers are quoted. Conditions compile to `WHERE`: comparisons with `null` become
/// `IS [NOT] NULL`; `contains`/`startsWith`/`endsWith` are case-insensitive (`LIKE` in
/// SQLite, `ILIKE` in PostgreSQL, chosen by `db.dialect`) with `%`, `_`, `\` escaped; a path
/// through a relation (`author.name`) becomes a subquery (`"author_id" IN (SELECT "id" FROM
/// "users" WHERE …)`, the `id` of a to-one relation its foreign key); a sort key through a
/// relation is a correlated subquery (`sortValue`). Included relations
/// are loaded by a second query per relation (`WHERE "id" IN (…)`) in the shared loaders
/// `omni_include_<Entity>_<relation>(_ db: any SQLExecutor, _ rows: inout [Omni_<Entity>])`.
public enum QueryGen {
    public static func functionName(route: Int, binding: String) -> String { ServerNames.bindingQuery(route: route, binding: binding) }

    public static func declarations(_ program: ServerProgram, sources: SourceMap?) -> [SwiftDecl] {
        var decls: [SwiftDecl] = []
        var includes: [(entity: String, relation: String)] = []
        for (index, route) in program.routes.enumerated() {
            let bindings: [CheckedBinding]
            switch route.target {
            case .page(_, let b), .json(let b): bindings = b
            case .redirect, .resource: continue
            }
            for binding in bindings {
                decls.append(function(binding, route: index, program: program, sources: sources))
                decls.append(.blank)
                for relation in binding.query.includes where !includes.contains(where: { $0 == (binding.query.entity, relation) }) {
                    includes.append((binding.query.entity, relation))
                }
            }
        }
        // The REST list and show actions load any relation `include=` names.
        for route in program.routes {
            guard case .resource(let name, let action) = route.target, action == .list || action == .show,
                  let entity = program.entity(named: name) else { continue }
            for relation in entity.relationNames where !includes.contains(where: { $0 == (name, relation) }) {
                includes.append((name, relation))
            }
        }
        for (entity, relation) in includes {
            if let loader = includeLoader(entity: entity, relation: relation, program: program) {
                decls.append(loader)
                decls.append(.blank)
            }
        }
        if decls.last == .blank { decls.removeLast() }
        return decls
    }

    public static func includeLoaderName(entity: String, relation: String) -> String {
        ServerNames.valuePrefix + "include_\(entity)_\(relation)"
    }

    static func function(_ binding: CheckedBinding, route: Int, program: ServerProgram, sources: SourceMap?) -> SwiftDecl {
        let q = binding.query
        let entityType = ServerNames.entityType(q.entity)
        let returnType = ServerSwiftTypes.swiftType(binding.type)
        var body: [SwiftStmt] = []
        guard let entity = program.entity(named: q.entity) else {
            return .comment("binding `\(binding.name)`: unknown entity `\(q.entity)`")
        }
        var sql = SQLText()
        if case .count = q.shape {
            sql.text("SELECT COUNT(*) AS \"count\" FROM " + quoted(entity.table))
        } else {
            sql.value(.member(.identifier(entityType), "omni_select"))
        }
        var conditions: [SQLText] = []
        if case .find(let operand) = q.shape {
            var c = SQLText("\"id\" = ")
            c.value(operandValue(operand))
            conditions.append(c)
        }
        if let condition = q.condition { conditions.append(compile(condition, entity: entity, program: program)) }
        for (i, c) in conditions.enumerated() {
            sql.text(i == 0 ? " WHERE " : " AND ")
            if conditions.count > 1 { sql.text("(") }
            sql.append(c)
            if conditions.count > 1 { sql.text(")") }
        }
        if case .count = q.shape {} else {
            let keys = q.order.compactMap { key -> String? in
                guard let value = sortValue(key, of: entity, program: program) else { return nil }
                // Null sorts last ascending on every database (SQLite's default is first).
                let nulls = key.nullable ? (key.descending ? " NULLS FIRST" : " NULLS LAST") : ""
                return value + (key.descending ? " DESC" : " ASC") + nulls
            }
            if !keys.isEmpty { sql.text(" ORDER BY " + keys.joined(separator: ", ")) }
        }
        switch q.shape {
        case .find, .first:
            sql.text(" LIMIT 1")
            if let offset = q.offset { sql.text(" OFFSET "); sql.value(operandValue(offset)) }
        case .all:
            if let limit = q.limit {
                sql.text(" LIMIT "); sql.value(operandValue(limit))
            } else if q.offset != nil {
                sql.text(" LIMIT "); sql.value(.member(.identifier("Int64"), "max"))
            }
            if let offset = q.offset { sql.text(" OFFSET "); sql.value(operandValue(offset)) }
        case .count: break
        }
        body.append(G.letStmt("rows", G.tryAwait(G.call(.member(.identifier("db"), "query"), [(nil, sql.expr)]))))
        if case .count = q.shape {
            // COUNT(*) always answers one row.
            let decode = SwiftExpr.try(G.call(.member(G.dollar0, "decode"), [(nil, .typeReference(.int64)), ("at", .integer(0))]))
            let decoded = SwiftExpr.try(.call(.member(.member(.identifier("rows"), "first"), "map"), [], trailingClosure: SwiftClosure(body: [.expr(decode)])))
            body.append(.return(.binary(decoded, "??", .integer(0))))
        } else {
            let mapped = SwiftExpr.try(.call(.member(.identifier("rows"), "map"), [],
                                             trailingClosure: SwiftClosure(body: [.expr(.try(G.call(entityType, [("row", G.dollar0)])))])))
            let loaded = q.includes.filter { entity.field(named: $0)?.relation != nil }
            body.append(loaded.isEmpty ? G.letStmt("result", mapped) : G.varStmt("result", mapped))
            for relation in loaded {
                body.append(.expr(G.tryAwait(G.call(includeLoaderName(entity: q.entity, relation: relation),
                                                    [(nil, .identifier("db")), (nil, .prefix("&", .identifier("result")))]))))
            }
            switch q.shape {
            case .find:
                body.append(.guard(.letBinding("found", .member(.identifier("result"), "first")), else: [
                    .throw(G.call(.member(.identifier("OmniAPIError"), "notFound"), [(nil, .string("No \(q.entity) matches this request"))])),
                ]))
                body.append(.return(.identifier("found")))
            case .first: body.append(.return(.member(.identifier("result"), "first")))
            default: body.append(.return(.identifier("result")))
            }
        }
        return .function(SwiftFunction(
            name: functionName(route: route, binding: binding.name),
            params: [SwiftParam(nil, "db", .named("any SQLExecutor")), SwiftParam(nil, "params", .named(ParamsGen.typeName(route: route)))],
            returns: returnType, isAsync: true, throws: true, body: body,
            doc: "The binding `\(binding.name)`.", note: sourceNote(binding.span, sources)))
    }

    // MARK: Conditions

    /// A condition as SQL text with bound values.
    static func compile(_ condition: QueryCondition, entity: CheckedEntity, program: ServerProgram) -> SQLText {
        switch condition {
        case .and(let a, let b), .or(let a, let b):
            var out = SQLText("(")
            out.append(compile(a, entity: entity, program: program))
            if case .and = condition { out.text(" AND ") } else { out.text(" OR ") }
            out.append(compile(b, entity: entity, program: program))
            out.text(")")
            return out
        case .not(let c):
            var out = SQLText("NOT (")
            out.append(compile(c, entity: entity, program: program))
            out.text(")")
            return out
        case .isTrue(let path):
            return through(path, entity: entity, program: program) { column in
                var out = SQLText(quoted(column) + " = ")
                out.value(.bool(true))
                return out
            }
        case .compare(let path, let op, let operand):
            return through(path, entity: entity, program: program) { column in comparison(column, op, operand) }
        }
    }

    /// Resolves a field path: the last field's column is compared by `leaf`; a relation on
    /// the way becomes a subquery. The `id` after a to-one relation is its foreign key.
    static func through(_ path: [String], entity: CheckedEntity, program: ServerProgram, _ leaf: (String) -> SQLText) -> SQLText {
        guard let first = path.first, let field = entity.field(named: first) else { return SQLText("1 = 0") }
        let rest = Array(path.dropFirst())
        switch field.relation {
        case .toOne(let target):
            guard let column = field.column else { return SQLText("1 = 0") }
            if rest.isEmpty || rest == ["id"] { return leaf(column) }
            guard let targetEntity = program.entity(named: target) else { return SQLText("1 = 0") }
            var out = SQLText(quoted(column) + " IN (SELECT \"id\" FROM " + quoted(targetEntity.table) + " WHERE ")
            out.append(through(rest, entity: targetEntity, program: program, leaf))
            out.text(")")
            return out
        case .toMany(let target, let inverse):
            guard let targetEntity = program.entity(named: target), let inverseColumn = targetEntity.field(named: inverse)?.column,
                !rest.isEmpty
            else { return SQLText("1 = 0") }
            var out = SQLText("\"id\" IN (SELECT " + quoted(inverseColumn) + " FROM " + quoted(targetEntity.table) + " WHERE ")
            out.append(through(rest, entity: targetEntity, program: program, leaf))
            out.text(")")
            return out
        case nil:
            guard let column = field.column, rest.isEmpty else { return SQLText("1 = 0") }
            return leaf(column)
        }
    }

    static func comparison(_ column: String, _ op: QueryBinaryOperator, _ operand: QueryOperand) -> SQLText {
        let c = quoted(column)
        if case .literal(.null) = operand {
            switch op {
            case .equal: return SQLText(c + " IS NULL")
            case .notEqual: return SQLText(c + " IS NOT NULL")
            default: return SQLText("1 = 0")
            }
        }
        var out = SQLText(c)
        switch op {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            let symbol = [QueryBinaryOperator.equal: "=", .notEqual: "<>", .less: "<", .lessOrEqual: "<=", .greater: ">", .greaterOrEqual: ">="][op] ?? "="
            out.text(" \(symbol) ")
            out.value(operandValue(operand))
        case .in:
            out.text(" IN ")
            let values: [QueryOperand] = if case .list(let items) = operand { items } else { [operand] }
            out.value(listValue(values))
        case .contains, .startsWith, .endsWith:
            out.text(" ")
            out.value(G.call(.member(.identifier("OmniDB"), "likeOperator"), [(nil, .member(.identifier("db"), "dialect"))]))
            out.text(" ")
            out.value(likePattern(operand, prefix: op != .startsWith, suffix: op != .endsWith))
            out.text(" ESCAPE '\\'")
        case .and, .or:
            return SQLText("1 = 0")
        }
        return out
    }

    /// The SQL value a sort key sorts by: its column, or for `author.name` a correlated
    /// subquery per relation followed, `(SELECT o1."name" FROM "users" AS o1 WHERE o1."id" =
    /// "posts"."author_id")`. Each level has its own alias, so a relation onto the same table
    /// (`manager.name` in `users`) reads the right row.
    static func sortValue(_ key: SortKey, of entity: CheckedEntity, program: ServerProgram) -> String? {
        func value(_ through: ArraySlice<String>, in current: CheckedEntity, outer: String, depth: Int) -> String? {
            guard let name = through.first else {
                guard let column = current.field(named: key.field)?.column else { return nil }
                return outer + "." + quoted(column)
            }
            guard let relation = current.field(named: name), case .toOne(let target) = relation.relation,
                  let column = relation.column, let next = program.entity(named: target) else { return nil }
            let alias = "o\(depth)"
            guard let inner = value(through.dropFirst(), in: next, outer: alias, depth: depth + 1) else { return nil }
            return "(SELECT " + inner + " FROM " + quoted(next.table) + " AS " + alias + " WHERE " + alias + ".\"id\" = "
                + outer + "." + quoted(column) + ")"
        }
        if key.through.isEmpty { return entity.field(named: key.field)?.column.map(quoted) }
        return value(key.through[...], in: entity, outer: quoted(entity.table), depth: 1)
    }

    static func likePattern(_ operand: QueryOperand, prefix: Bool, suffix: Bool) -> SwiftExpr {
        let flags: [(String?, SwiftExpr)] = [("prefix", .bool(prefix)), ("suffix", .bool(suffix))]
        if case .parameter(let name, let type) = operand, type.isOptional {
            let inner = G.call(.member(.identifier("OmniDB"), "likePattern"), [(nil, G.dollar0)] + flags)
            return .call(.member(.member(.identifier("params"), name), "map"), [], trailingClosure: SwiftClosure(body: [.expr(inner)]))
        }
        return G.call(.member(.identifier("OmniDB"), "likePattern"), [(nil, operandValue(operand))] + flags)
    }

    /// `OmniDB.list([a.sqlValue, …])`: `(?, ?, …)` binding each item (as `DatabaseValue`s,
    /// so items of different types can share a list).
    static func listValue(_ items: [QueryOperand]) -> SwiftExpr {
        G.call(.member(.identifier("OmniDB"), "list"), [(nil, .array(items.map { .member(operandValue($0), "sqlValue") }))])
    }

    /// The Swift value bound for an operand.
    static func operandValue(_ operand: QueryOperand) -> SwiftExpr {
        switch operand {
        case .parameter(let name, _): return .member(.identifier("params"), name)
        case .list(let items): return listValue(items)
        case .literal(let d):
            switch d {
            case .integer(let i): return G.call("Int64", [(nil, .integer(Int(i)))])
            case .float(let f): return .double(f)
            case .string(let s): return .string(s)
            case .bool(let b): return .bool(b)
            case .null: return .member(.identifier("DatabaseValue"), "null")
            case .enumCase(let c): return .string(c)
            case .now: return G.call(.member(.identifier("OmniTime"), "now"))
            case .uuid: return G.call("UUID")
            }
        }
    }

    // MARK: Includes

    static func includeLoader(entity name: String, relation: String, program: ServerProgram) -> SwiftDecl? {
        guard let entity = program.entity(named: name), let field = entity.field(named: relation), let relationKind = field.relation else { return nil }
        let rows = SwiftExpr.identifier("rows")
        var body: [SwiftStmt] = []
        switch relationKind {
        case .toOne(let target):
            guard program.entity(named: target) != nil else { return nil }
            let targetType = ServerNames.entityType(target)
            let key = ServerSwiftTypes.storedName(field)
            let ids = field.type.isOptional
                ? SwiftExpr.call(.member(rows, "compactMap"), [], trailingClosure: SwiftClosure(body: [.expr(.member(G.dollar0, key))]))
                : SwiftExpr.call(.member(rows, "map"), [], trailingClosure: SwiftClosure(body: [.expr(.member(G.dollar0, key))]))
            body.append(G.letStmt("ids", G.call(.member(.identifier("OmniDB"), "distinct"), [(nil, ids)])))
            body.append(.if([(.expr(.member(.identifier("ids"), "isEmpty")), [.return(nil)])], else: nil))
            var sql = SQLText()
            sql.value(.member(.identifier(targetType), "omni_select"))
            sql.text(" WHERE \"id\" IN ")
            sql.value(G.call(.member(.identifier("OmniDB"), "list"), [(nil, .identifier("ids"))]))
            body.append(G.letStmt("related", G.tryAwait(G.call(.member(.identifier("db"), "query"), [(nil, sql.expr)]))))
            body.append(G.varStmt("byID", .dictionary([]), type: .dictionary(.int64, .named(targetType))))
            body.append(.forIn(pattern: "row", .identifier("related"), [
                G.letStmt("item", .try(G.call(targetType, [("row", .identifier("row"))]))),
                .assign(.subscript(.identifier("byID"), [SwiftArgument(nil, .member(.identifier("item"), "id"))]), .identifier("item")),
            ]))
            let element = SwiftExpr.subscript(rows, [SwiftArgument(nil, .identifier("i"))])
            let lookup: SwiftExpr = field.type.isOptional
                ? .call(.member(.member(element, key), "flatMap"), [], trailingClosure: SwiftClosure(body: [.expr(.subscript(.identifier("byID"), [SwiftArgument(nil, G.dollar0)]))]))
                : .subscript(.identifier("byID"), [SwiftArgument(nil, .member(element, key))])
            body.append(.forIn(pattern: "i", .member(rows, "indices"), [.assign(.member(element, relation), lookup)]))
        case .toMany(let target, let inverse):
            guard let targetEntity = program.entity(named: target), let inverseField = targetEntity.field(named: inverse),
                let inverseColumn = inverseField.column
            else { return nil }
            let targetType = ServerNames.entityType(target)
            let ownerKey = ServerSwiftTypes.storedName(inverseField)
            body.append(G.letStmt("ids", G.call(.member(.identifier("OmniDB"), "distinct"), [
                (nil, .call(.member(rows, "map"), [], trailingClosure: SwiftClosure(body: [.expr(.member(G.dollar0, "id"))]))),
            ])))
            body.append(.if([(.expr(.member(.identifier("ids"), "isEmpty")), [.return(nil)])], else: nil))
            var sql = SQLText()
            sql.value(.member(.identifier(targetType), "omni_select"))
            sql.text(" WHERE " + quoted(inverseColumn) + " IN ")
            sql.value(G.call(.member(.identifier("OmniDB"), "list"), [(nil, .identifier("ids"))]))
            sql.text(" ORDER BY \"id\" ASC")
            body.append(G.letStmt("related", G.tryAwait(G.call(.member(.identifier("db"), "query"), [(nil, sql.expr)]))))
            body.append(G.varStmt("byOwner", .dictionary([]), type: .dictionary(.int64, .array(.named(targetType)))))
            let append: SwiftStmt = .expr(G.call(.member(.subscript(.identifier("byOwner"), [
                SwiftArgument(nil, .identifier("owner")), SwiftArgument("default", .array([])),
            ]), "append"), [(nil, .identifier("item"))]))
            var loop: [SwiftStmt] = [G.letStmt("item", .try(G.call(targetType, [("row", .identifier("row"))])))]
            if inverseField.type.isOptional {
                loop.append(.if([(.letBinding("owner", .member(.identifier("item"), ownerKey)), [append])], else: nil))
            } else {
                loop.append(G.letStmt("owner", .member(.identifier("item"), ownerKey)))
                loop.append(append)
            }
            body.append(.forIn(pattern: "row", .identifier("related"), loop))
            let element = SwiftExpr.subscript(rows, [SwiftArgument(nil, .identifier("i"))])
            body.append(.forIn(pattern: "i", .member(rows, "indices"), [
                .assign(.member(element, relation), .binary(.subscript(.identifier("byOwner"), [SwiftArgument(nil, .member(element, "id"))]), "??", .array([]))),
            ]))
        }
        return .function(SwiftFunction(
            name: includeLoaderName(entity: name, relation: relation),
            params: [SwiftParam(nil, "db", .named("any SQLExecutor")), SwiftParam(nil, "rows", .inout(.array(.named(ServerNames.entityType(name)))))],
            isAsync: true, throws: true, body: body,
            doc: "Loads `\(relation)` of every `\(name)` with one query."))
    }
}
