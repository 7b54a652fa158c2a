// DatabaseValue: the values SQL binds and rows hold, and the Swift types that convert to them.

/// A value bound to a SQL parameter or read from a result column.
///
/// `bool` exists because PostgreSQL has a boolean type; SQLite stores it as 0 or 1 and
/// reads it back as `integer`, which `Bool` decodes too.
public enum DatabaseValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let v): String(v)
        case .double(let v): String(v)
        case .text(let v): v.debugDescription
        case .blob(let v): "<\(v.count) bytes>"
        case .bool(let v): v ? "TRUE" : "FALSE"
        }
    }
}

/// A Swift type that can be bound as a SQL parameter and decoded from a column.
public protocol DatabaseValueConvertible: Sendable {
    /// The value to bind.
    var sqlValue: DatabaseValue { get }
    /// Decodes a column value; nil when the value has another type (or is out of range).
    init?(sqlValue value: DatabaseValue)
}

extension DatabaseValue: DatabaseValueConvertible {
    public var sqlValue: DatabaseValue { self }
    public init?(sqlValue value: DatabaseValue) { self = value }
}

extension Int64: DatabaseValueConvertible {
    public var sqlValue: DatabaseValue { .integer(self) }
    public init?(sqlValue value: DatabaseValue) {
        switch value {
        case .integer(let v): self = v
        case .bool(let b): self = b ? 1 : 0
        case .double(let d) where d.rounded(.towardZero) == d && d.magnitude < 9.2e18: self = Int64(d)
        default: return nil
        }
    }
}

extension Int: DatabaseValueConvertible {
    public var sqlValue: DatabaseValue { .integer(Int64(self)) }
    public init?(sqlValue value: DatabaseValue) {
        guard let wide = Int64(sqlValue: value), let v = Int(exactly: wide) else { return nil }
        self = v
    }
}

extension Int32: DatabaseValueConvertible {
    public var sqlValue: DatabaseValue { .integer(Int64(self)) }
    public init?(sqlValue value: DatabaseValue) {
        guard let wide = Int64(sqlValue: value), let v = Int32(exactly: wide) else { return nil }
        self = v
    }
}

extension Double: DatabaseValueConvertible {
    public var sqlValue: DatabaseValue { .double(self) }
    public init?(sqlValue value: DatabaseValue) {
        switch value {
        case .double(let v): self = v
        case .integer(let v): self = Double(v)
        default: return nil
        }
    }
}

extension String: DatabaseValueConvertible {
    public var sqlValue: DatabaseValue { .text(self) }
    public init?(sqlValue value: DatabaseValue) {
        guard case .text(let v) = value else { return nil }
        self = v
    }
}

extension Bool: DatabaseValueConvertible {
    public var sqlValue: DatabaseValue { .bool(self) }
    public init?(sqlValue value: DatabaseValue) {
        switch value {
        case .bool(let v): self = v
        case .integer(let v): self = v != 0
        default: return nil
        }
    }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    public var sqlValue: DatabaseValue { .blob(self) }
    public init?(sqlValue value: DatabaseValue) {
        switch value {
        case .blob(let v): self = v
        case .text(let s): self = Array(s.utf8)
        default: return nil
        }
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    public var sqlValue: DatabaseValue { self?.sqlValue ?? .null }
    public init?(sqlValue value: DatabaseValue) {
        if case .null = value {
            self = .none
            return
        }
        guard let wrapped = Wrapped(sqlValue: value) else { return nil }
        self = .some(wrapped)
    }
}
