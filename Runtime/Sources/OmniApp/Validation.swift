// Reading and validating request bodies and route parameters. Generated validators read each
// field with `OmniValidator`, apply the schema's rules, and throw once with every error
// (422); generated parameter structs read with `OmniParamReader` (400 with every bad
// parameter).

import Foundation

/// A create or update body: a JSON object or an `application/x-www-form-urlencoded` form.
public enum OmniBody: Sendable {
    case json([String: JSONValue])
    case form(FormData)

    /// Reads the body by its `Content-Type`: JSON (`application/json`, `…+json`) must be an
    /// object (400 otherwise); a form is read as is; anything else is 415.
    public static func parse(_ request: Request) throws(OmniAPIError) -> OmniBody {
        let media = request.mediaType.map(String.init)
        if media == "application/x-www-form-urlencoded" {
            return .form(FormData(parsing: String(buffer: request.body)))
        }
        guard let media, media == "application/json" || media.hasSuffix("+json") else {
            throw OmniAPIError(status: 415, code: "unsupported_media_type",
                               message: "Send the body as application/json or application/x-www-form-urlencoded")
        }
        guard let value = JSONValue(parsing: String(buffer: request.body)) else {
            throw .badRequest("The body is not valid JSON")
        }
        guard case .object(let members) = value else { throw .badRequest("The JSON body must be an object") }
        return .json(members)
    }

    /// The names the body holds, in order (sorted for JSON, whose objects have no order here).
    public var names: [String] {
        switch self {
        case .json(let members): members.keys.sorted()
        case .form(let form): form.items.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        }
    }
}

/// How a body is checked: `create` and `replace` (PUT) need every required field; `update`
/// (PATCH) checks only the fields present.
public enum OmniWriteMode: Sendable, Hashable {
    case create, replace, update
    /// Whether a missing required field is an error.
    public var requiresAll: Bool { self != .update }
}

/// Reads the fields of a body and collects every error.
///
/// ```swift
/// var v = OmniValidator(body, allowed: ["title", "views"])
/// if let title = v.value("title", String.self, required: true) { v.minLength("title", title, 3) }
/// let views = v.nullable("views", Int64.self)
/// try v.finish()   // 422 with every error
/// ```
public struct OmniValidator: Sendable {
    public let body: OmniBody
    public private(set) var errors: [OmniFieldError] = []

    /// A validator of `body` whose fields must be among `allowed` (anything else is an
    /// `unknown_field` error; form fields starting with `_`, such as `_csrf`, are ignored).
    public init(_ body: OmniBody, allowed: [String]) {
        self.body = body
        for name in body.names where !allowed.contains(name) {
            if case .form = body, name.hasPrefix("_") { continue }
            errors.append(OmniFieldError(field: name, code: "unknown_field",
                                         message: "is not a field; the fields are " + allowed.joined(separator: ", ")))
        }
    }

    enum Raw { case absent, null, json(JSONValue), text(String) }

    /// The raw value under the first of `names` present, and that name.
    func raw(_ names: [String]) -> (String, Raw) {
        for name in names {
            switch body {
            case .json(let members):
                if let v = members[name] {
                    if case .null = v { return (name, .null) }
                    return (name, .json(v))
                }
            case .form(let form):
                if let v = form[name] { return (name, .text(v)) }
            }
        }
        return (names.first ?? "", .absent)
    }

    func decode<T: OmniValue>(_ raw: Raw, _ type: T.Type) -> T? {
        switch raw {
        case .json(let v): T(json: v)
        case .text(let s): T(text: s)
        case .absent, .null: nil
        }
    }

    mutating func typeError<T: OmniValue>(_ name: String, _ type: T.Type) {
        errors.append(OmniFieldError(field: name, code: T.omniErrorCode, message: "must be \(T.omniExpectation)"))
    }

    /// A field that cannot be null. Nil when absent (an error if `required`), null (always an
    /// error) or of the wrong type (an error). An empty form value counts as absent, except
    /// for strings.
    public mutating func value<T: OmniValue>(_ name: String, _ type: T.Type, required: Bool, aliases: [String] = []) -> T? {
        var (used, raw) = raw([name] + aliases)
        if case .text(let s) = raw, s.isEmpty, T.self != String.self { raw = .absent }
        switch raw {
        case .absent:
            if required { errors.append(OmniFieldError(field: used, code: "required", message: "is required")) }
            return nil
        case .null:
            errors.append(OmniFieldError(field: used, code: "required", message: "cannot be null"))
            return nil
        default:
            guard let v = decode(raw, type) else {
                typeError(used, type)
                return nil
            }
            return v
        }
    }

    /// A field that may be null: nil when absent, `.some(nil)` when null (or, in a form, an
    /// empty value), else the value (an error and nil when of the wrong type).
    public mutating func nullable<T: OmniValue>(_ name: String, _ type: T.Type, aliases: [String] = []) -> T?? {
        let (used, raw) = raw([name] + aliases)
        switch raw {
        case .absent: return nil
        case .null: return .some(nil)
        case .text(let s) where s.isEmpty: return .some(nil)
        default:
            guard let v = decode(raw, type) else {
                typeError(used, type)
                return nil
            }
            return .some(v)
        }
    }

    // MARK: Rules

    /// At least `n` characters.
    public mutating func minLength(_ field: String, _ value: String, _ n: Int) {
        if value.count < n { errors.append(OmniFieldError(field: field, code: "min_length", message: "must be at least \(n) characters long")) }
    }

    /// At most `n` characters.
    public mutating func maxLength(_ field: String, _ value: String, _ n: Int) {
        if value.count > n { errors.append(OmniFieldError(field: field, code: "max_length", message: "must be at most \(n) characters long")) }
    }

    public mutating func minimum(_ field: String, _ value: Double, _ n: Double) {
        if value < n { errors.append(OmniFieldError(field: field, code: "minimum", message: "must be at least \(OmniValidator.number(n))")) }
    }

    public mutating func maximum(_ field: String, _ value: Double, _ n: Double) {
        if value > n { errors.append(OmniFieldError(field: field, code: "maximum", message: "must be at most \(OmniValidator.number(n))")) }
    }

    public mutating func email(_ field: String, _ value: String) {
        if !OmniValidator.isEmail(value) { errors.append(OmniFieldError(field: field, code: "email", message: "must be an email address")) }
    }

    public mutating func url(_ field: String, _ value: String) {
        if !OmniValidator.isURL(value) { errors.append(OmniFieldError(field: field, code: "url", message: "must be an http or https URL")) }
    }

    /// The whole value matches `pattern` (an `NSRegularExpression`).
    public mutating func pattern(_ field: String, _ value: String, _ pattern: String) {
        if !OmniValidator.matches(value, pattern) {
            errors.append(OmniFieldError(field: field, code: "pattern", message: "must match the pattern \(pattern)"))
        }
    }

    /// Throws 422 with every error collected, if any.
    public func finish() throws(OmniAPIError) {
        if !errors.isEmpty { throw .validation(errors) }
    }

    // MARK: Checks

    static func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d) }

    /// `local@domain.tld`: one `@`, a non-empty local part without spaces, a domain with a
    /// dot, made of letters, digits, `-` and `.`, not starting or ending with `.` or `-`.
    public static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty, local.count <= 64,
            !local.contains(where: { $0.isWhitespace || $0.isNewline }), domain.contains("."), domain.count <= 253
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    /// An absolute `http` or `https` URL with a host.
    public static func isURL(_ s: String) -> Bool {
        guard !s.contains(where: { $0.isWhitespace }), let c = URLComponents(string: s),
            let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = c.host, !host.isEmpty
        else { return false }
        return true
    }

    /// Whether all of `s` matches `pattern`; an invalid pattern matches nothing. Each pattern
    /// (a schema's `@pattern`, a handful per app) is compiled once, not per request.
    public static func matches(_ s: String, _ pattern: String) -> Bool {
        guard let regex = CompiledPatterns.shared.regex(pattern) else { return false }
        let range = NSRange(s.startIndex..<s.endIndex, in: s)
        return regex.firstMatch(in: s, options: [], range: range) != nil
    }
}

/// Reads the path and query parameters of a route, collecting every error (400).
///
/// ```swift
/// var r = OmniParamReader(request)
/// let id = r.path("id", Int64.self)
/// let page = r.query("page", Int64.self, default: 1)
/// try r.finish()
/// ```
public struct OmniParamReader: Sendable {
    let params: Parameters
    let query: FormData
    public private(set) var errors: [OmniFieldError] = []

    public init(_ request: Request) {
        params = request.params
        query = request.query
    }

    /// A path parameter: always present on a matched route; an error when it does not read as `T`.
    public mutating func path<T: OmniValue>(_ name: String, _ type: T.Type) -> T? {
        guard let text = params[name] else {
            errors.append(OmniFieldError(field: name, code: "required", message: "is missing from the path"))
            return nil
        }
        guard let v = T(text: text) else {
            errors.append(OmniFieldError(field: name, code: T.omniErrorCode, message: "must be \(T.omniExpectation)"))
            return nil
        }
        return v
    }

    /// A query parameter: `default` when absent (an error without a default).
    public mutating func query<T: OmniValue>(_ name: String, _ type: T.Type, default defaultValue: T?) -> T? {
        guard let text = query[name] else {
            if defaultValue == nil { errors.append(OmniFieldError(field: name, code: "required", message: "is required")) }
            return defaultValue
        }
        guard let v = T(text: text) else {
            errors.append(OmniFieldError(field: name, code: T.omniErrorCode, message: "must be \(T.omniExpectation)"))
            return nil
        }
        return v
    }

    /// An optional query parameter: `default` (nil unless given) when absent or empty.
    public mutating func optionalQuery<T: OmniValue>(_ name: String, _ type: T.Type, default defaultValue: T? = nil) -> T? {
        guard let text = query[name], !text.isEmpty else { return defaultValue }
        guard let v = T(text: text) else {
            errors.append(OmniFieldError(field: name, code: T.omniErrorCode, message: "must be \(T.omniExpectation)"))
            return nil
        }
        return v
    }

    /// Throws 400 with every error collected, if any.
    public func finish() throws(OmniAPIError) {
        if !errors.isEmpty { throw .badRequest("Invalid parameters", details: errors) }
    }
}

/// Small database helpers generated handlers call.
public enum OmniDB {
    /// Whether `table` has a row with this `id` (to report a relation to a missing row as a
    /// field error before writing).
    public static func exists(_ db: any SQLExecutor, table: String, id: Int64) async throws -> Bool {
        try await !db.query("SELECT 1 FROM \(identifier: table) WHERE \"id\" = \(id)").isEmpty
    }

    /// `INSERT INTO table (columns) VALUES (values) RETURNING returning`.
    public static func insert(table: String, values: [(column: String, value: DatabaseValue)], returning: [String]) -> SQL {
        var sql: SQL = "INSERT INTO \(identifier: table) ("
        sql.append(SQL.joined(values.map { "\(identifier: $0.column)" }, separator: ", "))
        sql.append(") VALUES (")
        sql.append(SQL.joined(values.map { "\($0.value)" }, separator: ", "))
        sql.append(") RETURNING ")
        sql.append(columnList(returning))
        return sql
    }

    /// `UPDATE table SET column = value, … WHERE "id" = id RETURNING returning`.
    public static func update(table: String, id: Int64, values: [(column: String, value: DatabaseValue)], returning: [String]) -> SQL {
        var sql: SQL = "UPDATE \(identifier: table) SET "
        sql.append(SQL.joined(values.map { "\(identifier: $0.column) = \($0.value)" }, separator: ", "))
        sql.append(" WHERE \"id\" = \(id) RETURNING ")
        sql.append(columnList(returning))
        return sql
    }

    /// `"a", "b", "c"`.
    public static func columnList(_ columns: [String]) -> SQL {
        SQL.joined(columns.map { "\(identifier: $0)" }, separator: ", ")
    }

    /// `(?, ?, ?)` binding each value (`(NULL)` when empty, which matches nothing).
    public static func list<V: DatabaseValueConvertible>(_ values: [V]) -> SQL {
        "(\(list: values))"
    }

    /// The distinct values, sorted (for `IN` lists of included relations).
    public static func distinct(_ ids: [Int64]) -> [Int64] { Array(Set(ids)).sorted() }

    /// `LIKE` in SQLite (case-insensitive for ASCII), `ILIKE` in PostgreSQL.
    public static func likeOperator(_ dialect: SQLDialect) -> SQL {
        dialect == .postgres ? "ILIKE" : "LIKE"
    }

    /// A `LIKE` pattern matching `text` literally (`%`, `_` and `\` escaped with `\`), with
    /// `%` before and/or after. Use with `ESCAPE '\'`.
    public static func likePattern(_ text: String, prefix: Bool, suffix: Bool) -> String {
        var out = prefix ? "%" : ""
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + (suffix ? "%" : "")
    }
}

/// The column values of an insert or update, in column order.
public typealias OmniColumnValues = [(column: String, value: DatabaseValue)]

/// What the REST handlers of a resource share.
public enum OmniResource {
    /// The row id in the path parameter `name`; 404 when it is not a number (a path such as
    /// `/posts/abc` names no row).
    public static func id(_ request: Request, _ name: String = "id") throws(OmniAPIError) -> Int64 {
        guard let text = request.params[name], let id = Int64(text) else { throw .notFound("No row has id '\(request.params[name] ?? "")'") }
        return id
    }

    /// The URL of the row `id` created through the collection at the request's path.
    public static func location(_ request: Request, id: Int64) -> String {
        var path = String(request.path)
        while path.hasSuffix("/") { path.removeLast() }
        return path + "/" + String(id)
    }

    /// A write's answer: the row as JSON with `status` (and `Location` when given), or, for
    /// a browser's form post (a form body and `Accept: text/html`), 303 See Other to
    /// `location` (or back to the request's path).
    public static func written<T: OmniJSONEncodable>(_ request: Request, _ row: T, status: HTTPResponseStatus, location: String?) -> Response {
        if request.prefersHTML, request.mediaType == "application/x-www-form-urlencoded" {
            return .redirect(to: location ?? String(request.path))
        }
        var response = row.jsonResponse(status: status)
        if let location { response.headers.replaceOrAdd(name: "Location", value: location) }
        return response
    }
}

/// The compiled `@pattern`s, by pattern text (nil for an invalid one), shared by every request.
final class CompiledPatterns: @unchecked Sendable {
    static let shared = CompiledPatterns()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    /// `^(?:pattern)$`, compiled on first use. `NSRegularExpression` is immutable and safe to
    /// use from several threads at once; the lock guards only the dictionary.
    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = compiled[pattern] { return cached }
        let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$")
        compiled[pattern] = .some(regex)
        return regex
    }
}
