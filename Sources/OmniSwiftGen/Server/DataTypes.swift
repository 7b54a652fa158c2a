import OmniBase
import OmniSema
import OmniSyntax

/// The Swift types of server values and the small helpers the data generators share
/// (`ModelGen`, `MigrationGen`, `ValidatorGen`, `ParamsGen`, `QueryGen`, `ResourceGen`,
/// `JSONRouteGen`).
///
/// | schema | Swift | stored as (SQLite / PostgreSQL) |
/// |---|---|---|
/// | `string`, `text` | `String` | TEXT |
/// | `int` | `Int64` | INTEGER / BIGINT |
/// | `float` | `Double` | REAL / DOUBLE PRECISION |
/// | `bool` | `Bool` | INTEGER 0-1 / BOOLEAN |
/// | `date` | `OmniDate` | TEXT `2026-01-31` |
/// | `datetime` | `Date` | TEXT `2026-01-31T12:00:00.000Z` |
/// | `uuid` | `UUID` | TEXT (lower case) |
/// | `json` | `JSONValue` | TEXT |
/// | enum `Role` | `Omni_Role` | TEXT with a CHECK of the cases |
/// | `author: User` | `authorId: Int64` + `author: Omni_User?` | INTEGER / BIGINT REFERENCES |
/// | `posts: [Post]` | `posts: [Omni_Post]?` | (the other table) |
public enum ServerSwiftTypes {
    /// The Swift type of a server value (`count` is `.scalar(.int)`, so `Int64`).
    public static func swiftType(_ type: ServerType) -> SwiftType {
        switch type {
        case .scalar(let s): scalar(s)
        case .enumeration(let name): .named(ServerNames.enumType(name))
        case .entity(let name, _): .named(ServerNames.entityType(name))
        case .list(let element): .array(swiftType(element))
        case .optional(let wrapped): .optional(swiftType(wrapped))
        case .record: .named("JSONValue")
        case .error: .named("JSONValue")
        }
    }

    public static func scalar(_ s: ScalarType) -> SwiftType {
        switch s {
        case .string, .text: .string
        case .int: .int64
        case .float: .double
        case .bool: .bool
        case .date: .named("OmniDate")
        case .datetime: .named("Date")
        case .uuid: .named("UUID")
        case .json: .named("JSONValue")
        }
    }

    /// The Swift type of a field as the model stores it: a to-one relation is its id.
    static func storedType(_ field: CheckedField) -> SwiftType {
        if case .toOne = field.relation { return field.type.isOptional ? .optional(.int64) : .int64 }
        return swiftType(field.type)
    }

    /// The Swift property holding a field's stored value: `authorId` for the relation `author`.
    static func storedName(_ field: CheckedField) -> String {
        if case .toOne = field.relation { return field.name + "Id" }
        return field.name
    }

    /// The non-optional value type a field's input is read as (`Int64` for a relation).
    static func valueType(_ field: CheckedField) -> SwiftType {
        if case .toOne = field.relation { return .int64 }
        return swiftType(field.type.unwrapped)
    }

    /// `OmniFieldKind` of a stored field, as an expression.
    static func fieldKind(_ field: CheckedField, _ program: ServerProgram) -> SwiftExpr {
        if field.relation != nil { return .implicitMember("integer") }
        switch field.type.unwrapped {
        case .scalar(let s):
            switch s {
            case .string, .text: return .implicitMember("string")
            case .int: return .implicitMember("integer")
            case .float: return .implicitMember("float")
            case .bool: return .implicitMember("bool")
            case .date: return .implicitMember("date")
            case .datetime: return .implicitMember("datetime")
            case .uuid: return .implicitMember("uuid")
            case .json: return .implicitMember("json")
            }
        case .enumeration(let name):
            let cases = program.enumeration(named: name)?.cases ?? []
            return .call(.implicitMember("enumeration"), [SwiftArgument(nil, .array(cases.map { .string($0) }))])
        default: return .implicitMember("json")
        }
    }

    /// Whether a field may be named by `sort`: stored, not a relation, not `json`.
    static func isSortable(_ field: CheckedField) -> Bool {
        guard field.column != nil, field.relation == nil else { return false }
        return field.type.unwrapped != .scalar(.json)
    }

    /// The scalar under a field's type, if any.
    static func scalarType(_ field: CheckedField) -> ScalarType? {
        if case .scalar(let s) = field.type.unwrapped { return s }
        return nil
    }
}

/// `// path:line` of a span, when the file is known.
func sourceNote(_ span: Span, _ sources: SourceMap?) -> SourceNote? {
    guard let file = sources?[span.file] else { return nil }
    return SourceNote(path: file.path, line: file.location(of: Int(span.start)).line)
}

/// A SQL identifier quoted for both dialects: `"name"` with `"` doubled.
func quoted(_ identifier: String) -> String {
    "\"" + identifier.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
}

/// A SQL string literal for DDL (`'it''s'`); only compile-time schema text goes here.
func sqlStringLiteral(_ s: String) -> String {
    "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
}

/// Builds the Swift literal of a `SQL` statement: static text (identifiers quoted at
/// compile time) with interpolated Swift values, which `SQL` binds as parameters.
struct SQLText {
    var parts: [SwiftInterpolationPart] = []

    init(_ text: String = "") { if !text.isEmpty { parts.append(.text(text)) } }

    mutating func text(_ s: String) {
        if case .text(let previous)? = parts.last {
            parts[parts.count - 1] = .text(previous + s)
        } else {
            parts.append(.text(s))
        }
    }

    /// A bound value (or a spliced `SQL` value).
    mutating func value(_ e: SwiftExpr) { parts.append(.expr(e)) }

    mutating func append(_ other: SQLText) {
        for p in other.parts {
            switch p {
            case .text(let t): text(t)
            case .expr(let e): value(e)
            }
        }
    }

    var expr: SwiftExpr {
        if parts.count == 1, case .text(let t) = parts[0] { return .string(t) }
        return .interpolated(parts)
    }
}

/// Small constructors that keep the generators readable.
enum G {
    static func id(_ n: String) -> SwiftExpr { .identifier(n) }
    static func call(_ callee: SwiftExpr, _ args: [(String?, SwiftExpr)] = []) -> SwiftExpr {
        .call(callee, args.map { SwiftArgument($0.0, $0.1) })
    }
    static func call(_ name: String, _ args: [(String?, SwiftExpr)] = []) -> SwiftExpr { call(.identifier(name), args) }
    static func member(_ base: String, _ m: String) -> SwiftExpr { .member(.identifier(base), m) }
    static func tryAwait(_ e: SwiftExpr) -> SwiftExpr { .try(.await(e)) }
    static func letStmt(_ n: String, _ e: SwiftExpr, type: SwiftType? = nil) -> SwiftStmt { .binding(isVar: false, name: n, type: type, value: e) }
    static func varStmt(_ n: String, _ e: SwiftExpr, type: SwiftType? = nil) -> SwiftStmt { .binding(isVar: true, name: n, type: type, value: e) }
    /// `{ try Omni_Post(row: $0) }`-style closures.
    static func closure(_ body: SwiftExpr) -> SwiftExpr { .closure(SwiftClosure(body: [.expr(body)])) }
    static let dollar0 = SwiftExpr.identifier("$0")
    /// `SQLDialect`-independent `DatabaseValue` of a default.
    static func databaseValue(_ d: DefaultValue, field: CheckedField, now: SwiftExpr) -> SwiftExpr {
        let dv = SwiftExpr.identifier("DatabaseValue")
        switch d {
        case .integer(let i):
            if ServerSwiftTypes.scalarType(field) == .float { return call(.member(dv, "double"), [(nil, .double(Double(i)))]) }
            return call(.member(dv, "integer"), [(nil, .integer(Int(i)))])
        case .float(let f): return call(.member(dv, "double"), [(nil, .double(f))])
        case .string(let s): return call(.member(dv, "text"), [(nil, .string(s))])
        case .bool(let b): return call(.member(dv, "bool"), [(nil, .bool(b))])
        case .null: return .member(dv, "null")
        case .enumCase(let c): return call(.member(dv, "text"), [(nil, .string(c))])
        case .now:
            if ServerSwiftTypes.scalarType(field) == .date { return .member(call("OmniDate", [(nil, now)]), "sqlValue") }
            return .member(now, "sqlValue")
        case .uuid: return .member(call("UUID"), "sqlValue")
        }
    }
}
