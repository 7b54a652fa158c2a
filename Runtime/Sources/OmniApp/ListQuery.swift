// The list action of a REST resource: filters, multi-field sort, offset and cursor pages.
//
//   GET /posts?title[contains]=swift&views[gte]=10&author[eq]=3&age[isNull]=true
//             &status[in]=draft,review&sort=title,-createdAt&limit=20&offset=40
//   GET /posts?sort=-createdAt&cursor=<nextCursor of the previous page>
//
// - A filter is `field[op]=value` (`field=value` means `eq`); several are ANDed. Operators:
//   `eq ne gt gte lt lte in notIn contains startsWith endsWith isNull`. `in`/`notIn` take a
//   comma-separated list; `isNull` takes `true`/`false`; `contains`, `startsWith` and
//   `endsWith` are case-insensitive (`LIKE` in SQLite, `ILIKE` in PostgreSQL, with `%`, `_`
//   and `\` matched literally) and apply to text fields; `gt gte lt lte` to numbers, text,
//   dates and date-times. `ne` and `notIn` also keep rows where the field is null.
// - `sort` lists stored, non-relation fields, `-` for descending; `id` is always the last
//   key (the tie-breaker), so the order is total. NULL sorts as the greatest value in both
//   dialects (`NULLS LAST` ascending, `NULLS FIRST` descending). Default: `id`.
// - `include=author,comments` loads those relations into every row (the list and show
//   actions; each relation once, in the order given); an unknown name is 400.
// - `limit` (default 20, at most 100: larger values are lowered to 100) and `offset`
//   (default 0) page by position. `cursor` pages by value: the cursor is opaque base64url of
//   a checksum, the sort and the sort-key values (plus `id`) of the last row of a page; the
//   next page is the rows after that row in the same sort, so inserts and deletes between
//   pages neither repeat nor skip rows. A cursor that does not decode, was altered, or was
//   made for another sort is 400; `cursor` with `offset` is 400.
// - Every problem (unknown field or operator, bad value, bad sort, bad cursor, unknown
//   parameter) is reported at once: 400 with one detail per problem. Parameters starting
//   with `_` are ignored (cache busters).
// - The answer is `{"data": [...], "page": {"limit", "offset", "total", "nextCursor"}}`:
//   `total` counts the rows matching the filters; `nextCursor` is null on the last page.

import Foundation

/// How a field's values are read from query strings and compared.
public enum OmniFieldKind: Sendable, Hashable {
    case string, integer, float, bool, datetime, date, uuid, json
    /// An enum, with its cases.
    case enumeration([String])

    var isOrdered: Bool {
        switch self {
        case .string, .integer, .float, .datetime, .date: true
        case .bool, .uuid, .json, .enumeration: false
        }
    }
}

/// A stored field of a listed entity.
public struct OmniListField: Sendable, Hashable {
    /// The name clients use (`author`, `createdAt`).
    public var name: String
    /// Other accepted names (`authorId`).
    public var aliases: [String]
    /// The SQL column (`author_id`).
    public var column: String
    public var kind: OmniFieldKind
    /// Whether `sort` may name it (stored, non-relation, not `json`).
    public var sortable: Bool

    public init(_ name: String, column: String, kind: OmniFieldKind, aliases: [String] = [], sortable: Bool = true) {
        self.name = name; self.column = column; self.kind = kind; self.aliases = aliases; self.sortable = sortable
    }
}

/// What a list endpoint may filter and sort on: every stored field of the entity, in
/// table order (also the columns it selects). The first field must be `id`.
public struct OmniListSpec: Sendable {
    public var table: String
    public var fields: [OmniListField]
    /// The relations `include=` may name.
    public var relations: [String]
    public var defaultLimit: Int
    public var maxLimit: Int

    public init(table: String, relations: [String] = [], fields: [OmniListField], defaultLimit: Int = 20, maxLimit: Int = 100) {
        self.table = table; self.fields = fields; self.relations = relations
        self.defaultLimit = defaultLimit; self.maxLimit = maxLimit
    }

    func field(_ name: String) -> OmniListField? { fields.first { $0.name == name || $0.aliases.contains(name) } }
    var idField: OmniListField { fields.first { $0.name == "id" } ?? OmniListField("id", column: "id", kind: .integer) }
}

public enum OmniFilterOperator: String, Sendable, Hashable, CaseIterable {
    case eq, ne, gt, gte, lt, lte, `in`, notIn, contains, startsWith, endsWith, isNull
}

/// One parsed filter.
public struct OmniFilter: Sendable, Hashable {
    public var field: OmniListField
    public var op: OmniFilterOperator
    /// The values (one, a list for `in`/`notIn`, `.bool` for `isNull`).
    public var values: [DatabaseValue]
}

public struct OmniSortKey: Sendable, Hashable {
    public var field: OmniListField
    public var descending: Bool
}

/// A parsed list request.
public struct OmniListQuery: Sendable {
    public var spec: OmniListSpec
    public var filters: [OmniFilter] = []
    /// The sort keys, `id` last.
    public var sort: [OmniSortKey] = []
    public var limit: Int
    public var offset: Int = 0
    /// The sort-key values of the row the page starts after (one per sort key).
    public var cursor: [DatabaseValue]?
    /// The relations `include=` asked for, each once, in the order given.
    public var includes: [String] = []

    static let reserved: Set<String> = ["limit", "offset", "cursor", "sort", "include"]

    /// Parses a query string against `spec`; 400 with every problem.
    public static func parse(_ query: FormData, spec: OmniListSpec) throws(OmniAPIError) -> OmniListQuery {
        var q = OmniListQuery(spec: spec, limit: spec.defaultLimit)
        var errors: [OmniFieldError] = []
        var cursorText: String?
        var offsetGiven = false
        for (name, value) in query.items {
            if name.hasPrefix("_") { continue }
            switch name {
            case "limit":
                if let n = Int(value), n >= 1 { q.limit = min(n, spec.maxLimit) } else {
                    errors.append(OmniFieldError(field: name, code: "invalid_parameter", message: "must be a whole number from 1 to \(spec.maxLimit)"))
                }
            case "offset":
                offsetGiven = true
                if let n = Int(value), n >= 0 { q.offset = n } else {
                    errors.append(OmniFieldError(field: name, code: "invalid_parameter", message: "must be a whole number, 0 or more"))
                }
            case "cursor": cursorText = value
            case "sort": q.sort = parseSort(value, spec: spec, errors: &errors)
            case "include":
                parseIncludes(value, relations: spec.relations, into: &q.includes, errors: &errors)
            default:
                if let filter = parseFilter(name, value, spec: spec, errors: &errors) { q.filters.append(filter) }
            }
        }
        if !q.sort.contains(where: { $0.field.name == "id" }) { q.sort.append(OmniSortKey(field: spec.idField, descending: false)) }
        if let cursorText {
            if offsetGiven {
                errors.append(OmniFieldError(field: "cursor", code: "invalid_cursor", message: "cannot be combined with offset"))
            } else if let values = decodeCursor(cursorText, sort: q.sort) {
                q.cursor = values
            } else {
                errors.append(OmniFieldError(field: "cursor", code: "invalid_cursor", message: "is not a cursor of this list and sort; use the nextCursor of a previous page"))
            }
        }
        if !errors.isEmpty { throw .badRequest("Invalid list parameters", details: errors) }
        return q
    }

    /// The relations of `include=a,b` (the show action reads only this parameter); 400 for
    /// a name that is not one of `relations`.
    public static func includes(_ query: FormData, relations: [String]) throws(OmniAPIError) -> [String] {
        var errors: [OmniFieldError] = []
        var names: [String] = []
        for (name, value) in query.items where name == "include" {
            parseIncludes(value, relations: relations, into: &names, errors: &errors)
        }
        if !errors.isEmpty { throw .badRequest("Invalid parameters", details: errors) }
        return names
    }

    /// Adds the relations of one `include` value to `names`, each once; an error per name
    /// that is not one of `relations`.
    static func parseIncludes(_ text: String, relations: [String], into names: inout [String], errors: inout [OmniFieldError]) {
        for item in text.split(separator: ",") {
            let name = item.trimmingCharacters(in: .whitespaces)
            if name.isEmpty || names.contains(name) { continue }
            guard relations.contains(name) else {
                let known = relations.isEmpty ? "this resource has no relations" : "relations: " + relations.joined(separator: ", ")
                errors.append(OmniFieldError(field: "include", code: "invalid_include", message: "'\(name)' is not a relation; \(known)"))
                continue
            }
            names.append(name)
        }
    }

    static func parseSort(_ text: String, spec: OmniListSpec, errors: inout [OmniFieldError]) -> [OmniSortKey] {
        var keys: [OmniSortKey] = []
        let allowed = spec.fields.filter(\.sortable).map(\.name)
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            var name = item.trimmingCharacters(in: .whitespaces)
            var descending = false
            if name.hasPrefix("-") { descending = true; name.removeFirst() } else if name.hasPrefix("+") { name.removeFirst() }
            guard let field = spec.fields.first(where: { $0.name == name }), field.sortable else {
                errors.append(OmniFieldError(field: "sort", code: "invalid_sort",
                                             message: "cannot sort by '\(name)'; sortable fields: " + allowed.joined(separator: ", ")))
                continue
            }
            if keys.contains(where: { $0.field.name == name }) {
                errors.append(OmniFieldError(field: "sort", code: "invalid_sort", message: "names '\(name)' twice"))
                continue
            }
            keys.append(OmniSortKey(field: field, descending: descending))
        }
        return keys
    }

    static func parseFilter(_ name: String, _ text: String, spec: OmniListSpec, errors: inout [OmniFieldError]) -> OmniFilter? {
        var fieldName = name
        var op = OmniFilterOperator.eq
        if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
            fieldName = String(name[..<open])
            let opName = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            guard let parsed = OmniFilterOperator(rawValue: opName) else {
                errors.append(OmniFieldError(field: name, code: "invalid_filter",
                                             message: "'\(opName)' is not a filter; use one of " + OmniFilterOperator.allCases.map(\.rawValue).joined(separator: ", ")))
                return nil
            }
            op = parsed
        }
        guard let field = spec.field(fieldName) else {
            let names = spec.fields.map(\.name) + Array(reserved).sorted()
            errors.append(OmniFieldError(field: name, code: "invalid_filter", message: "'\(fieldName)' is not a field or parameter; use one of " + names.joined(separator: ", ")))
            return nil
        }
        func reject(_ why: String) -> OmniFilter? {
            errors.append(OmniFieldError(field: name, code: "invalid_filter", message: why))
            return nil
        }
        switch op {
        case .isNull:
            guard let b = Bool(text: text) else { return reject("must be true or false") }
            return OmniFilter(field: field, op: op, values: [.bool(b)])
        case .contains, .startsWith, .endsWith:
            guard field.kind == .string else { return reject("\(op.rawValue) applies only to text fields") }
            return OmniFilter(field: field, op: op, values: [.text(text)])
        case .gt, .gte, .lt, .lte:
            guard field.kind.isOrdered else { return reject("\(op.rawValue) applies only to numbers, text and dates") }
        case .eq, .ne, .in, .notIn:
            if field.kind == .json { return reject("a json field can only be filtered with isNull") }
        }
        let texts = op == .in || op == .notIn ? text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) : [text]
        var values: [DatabaseValue] = []
        for t in texts {
            guard let v = value(t, kind: field.kind) else {
                return reject("'\(t)' is not \(expectation(field.kind))")
            }
            values.append(v)
        }
        return OmniFilter(field: field, op: op, values: values)
    }

    /// A query-string value as stored for a field of `kind`.
    static func value(_ text: String, kind: OmniFieldKind) -> DatabaseValue? {
        switch kind {
        case .string: .text(text)
        case .integer: Int64(text: text).map { .integer($0) }
        case .float: Double(text: text).map { .double($0) }
        case .bool: Bool(text: text).map { .bool($0) }
        case .datetime: Date(text: text).map(\.sqlValue)
        case .date: OmniDate(text: text).map(\.sqlValue)
        case .uuid: UUID(text: text).map(\.sqlValue)
        case .json: nil
        case .enumeration(let cases): cases.contains(text) ? .text(text) : nil
        }
    }

    static func expectation(_ kind: OmniFieldKind) -> String {
        switch kind {
        case .string: String.omniExpectation
        case .integer: Int64.omniExpectation
        case .float: Double.omniExpectation
        case .bool: Bool.omniExpectation
        case .datetime: Date.omniExpectation
        case .date: OmniDate.omniExpectation
        case .uuid: UUID.omniExpectation
        case .json: JSONValue.omniExpectation
        case .enumeration(let cases): "one of " + cases.joined(separator: ", ")
        }
    }

    // MARK: SQL

    /// The filters as one condition (`1 = 1` when there are none).
    public func filterSQL(_ dialect: SQLDialect) -> SQL {
        if filters.isEmpty { return "1 = 1" }
        return SQL.joined(filters.map { filterSQL($0, dialect) }, separator: " AND ")
    }

    func filterSQL(_ f: OmniFilter, _ dialect: SQLDialect) -> SQL {
        let c: SQL = "\(identifier: f.field.column)"
        let v = f.values.first ?? .null
        switch f.op {
        case .eq: return "\(c) = \(v)"
        case .ne: return "(\(c) <> \(v) OR \(c) IS NULL)"
        case .gt: return "\(c) > \(v)"
        case .gte: return "\(c) >= \(v)"
        case .lt: return "\(c) < \(v)"
        case .lte: return "\(c) <= \(v)"
        case .in: return "\(c) IN (\(list: f.values))"
        case .notIn: return "(\(c) NOT IN (\(list: f.values)) OR \(c) IS NULL)"
        case .contains, .startsWith, .endsWith:
            guard case .text(let text) = v else { return "1 = 0" }
            let pattern = OmniDB.likePattern(text, prefix: f.op != .startsWith, suffix: f.op != .endsWith)
            return "\(c) \(OmniDB.likeOperator(dialect)) \(pattern) ESCAPE '\\'"
        case .isNull: return v == .bool(true) ? "\(c) IS NULL" : "\(c) IS NOT NULL"
        }
    }

    /// `ORDER BY` keys (without the keywords).
    public var orderSQL: SQL {
        SQL.joined(sort.map { "\(identifier: $0.field.column) \(raw: $0.descending ? "DESC NULLS FIRST" : "ASC NULLS LAST")" }, separator: ", ")
    }

    /// The rows after the cursor in the sort order (NULL the greatest value), or nil.
    public var cursorSQL: SQL? {
        guard let cursor, cursor.count == sort.count else { return nil }
        func after(_ i: Int) -> SQL {
            let key = sort[i]
            let c: SQL = "\(identifier: key.field.column)"
            let v = cursor[i]
            let greater: SQL
            let equal: SQL
            if key.field.name == "id" {
                // The tie-breaker: never null, unique, so no equal case follows.
                greater = key.descending ? "\(c) < \(v)" : "\(c) > \(v)"
                equal = "1 = 0"
            } else if v == .null {
                greater = key.descending ? "\(c) IS NOT NULL" : "1 = 0"
                equal = "\(c) IS NULL"
            } else {
                greater = key.descending ? "\(c) < \(v)" : "(\(c) > \(v) OR \(c) IS NULL)"
                equal = "\(c) = \(v)"
            }
            if i == sort.count - 1 { return greater }
            return "(\(greater) OR (\(equal) AND \(after(i + 1))))"
        }
        return after(0)
    }

    /// Runs the count and the page query.
    public func fetch(_ db: any SQLExecutor) async throws -> OmniPageRows {
        let filter = filterSQL(db.dialect)
        let columns = OmniDB.columnList(spec.fields.map(\.column))
        let totalRows = try await db.query("SELECT COUNT(*) AS \"total\" FROM \(identifier: spec.table) WHERE \(filter)")
        let total = try totalRows.first?.decode(Int64.self, at: 0) ?? 0
        var condition = filter
        if let cursorSQL { condition = "\(filter) AND \(cursorSQL)" }
        var rows = try await db.query(
            "SELECT \(columns) FROM \(identifier: spec.table) WHERE \(condition) ORDER BY \(orderSQL) LIMIT \(limit + 1) OFFSET \(offset)")
        var next: String?
        if rows.count > limit {
            rows.removeLast(rows.count - limit)
            if let last = rows.last { next = encodeCursor(last) }
        }
        return OmniPageRows(rows: rows, limit: limit, offset: offset, total: total, nextCursor: next)
    }

    // MARK: Cursors

    /// The sort as text: `title,-createdAt,id`.
    var sortSignature: String { sort.map { ($0.descending ? "-" : "") + $0.field.name }.joined(separator: ",") }

    /// The cursor of the page after `row`.
    public func encodeCursor(_ row: Row) -> String {
        var items: [JSONValue] = [.string(sortSignature)]
        for key in sort {
            switch row[key.field.column] ?? .null {
            case .null, .blob: items.append(.null)
            case .integer(let i): items.append(key.field.kind == .bool ? .bool(i != 0) : .int(Int(i)))
            case .double(let d): items.append(.double(d))
            case .text(let s): items.append(.string(s))
            case .bool(let b): items.append(.bool(b))
            }
        }
        let payload = Array(JSONValue.array(items).jsonString.utf8)
        return OmniCursorCoding.base64url(OmniCursorCoding.checksum(payload) + payload)
    }

    /// The sort-key values of a cursor made for `sort`, or nil.
    static func decodeCursor(_ text: String, sort: [OmniSortKey]) -> [DatabaseValue]? {
        guard let bytes = OmniCursorCoding.unbase64url(text), bytes.count > 8 else { return nil }
        let payload = Array(bytes[8...])
        guard Array(bytes[..<8]) == OmniCursorCoding.checksum(payload),
            let json = JSONValue(parsing: String(decoding: payload, as: UTF8.self)),
            case .array(let items) = json, items.count == sort.count + 1,
            items[0] == .string(sort.map { ($0.descending ? "-" : "") + $0.field.name }.joined(separator: ","))
        else { return nil }
        var values: [DatabaseValue] = []
        for (key, item) in zip(sort, items.dropFirst()) {
            switch (key.field.kind, item) {
            case (_, .null): values.append(.null)
            case (.integer, .int(let i)): values.append(.integer(Int64(i)))
            case (.float, .double(let d)): values.append(.double(d))
            case (.float, .int(let i)): values.append(.double(Double(i)))
            case (.bool, .bool(let b)): values.append(.bool(b))
            case (.string, .string(let s)), (.datetime, .string(let s)), (.date, .string(let s)), (.uuid, .string(let s)), (.enumeration, .string(let s)):
                values.append(.text(s))
            default: return nil
            }
        }
        return values
    }
}

/// The rows of one page and its position.
public struct OmniPageRows: Sendable {
    public var rows: [Row]
    public var limit: Int
    public var offset: Int
    public var total: Int64
    public var nextCursor: String?
}

/// `{"data": [...], "page": {"limit", "offset", "total", "nextCursor"}}`.
public struct OmniPage<Item: OmniJSONEncodable>: OmniJSONEncodable {
    public var data: [Item]
    public var limit: Int
    public var offset: Int
    public var total: Int64
    public var nextCursor: String?

    public init(data: [Item], rows: OmniPageRows) {
        self.data = data; limit = rows.limit; offset = rows.offset; total = rows.total; nextCursor = rows.nextCursor
    }

    public func writeJSON(into w: inout OmniJSONWriter) {
        w.beginObject()
        w.field("data", data)
        w.key("page")
        w.beginObject()
        w.field("limit", limit)
        w.field("offset", offset)
        w.field("total", total)
        w.field("nextCursor", nextCursor)
        w.endObject()
        w.endObject()
    }
}

/// The byte encoding of cursors: 8 bytes of FNV-1a over the payload, then the payload, in
/// base64url without padding.
enum OmniCursorCoding {
    static func checksum(_ bytes: [UInt8]) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        return (0..<8).map { UInt8(truncatingIfNeeded: hash >> (56 - 8 * $0)) }
    }

    static func base64url(_ bytes: [UInt8]) -> String { Base64.encode(bytes, urlSafe: true) }

    /// The bytes of a base64url text (no padding, no `+`, `/` or `=`); nil otherwise.
    static func unbase64url(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return Base64.decode(text)
    }
}
