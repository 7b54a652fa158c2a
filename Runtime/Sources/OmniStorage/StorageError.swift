// StorageError: the errors every backend reports, as data.

/// The kind of constraint a write violated (generated handlers map these to 409 / 422).
public enum ConstraintKind: String, Sendable, Hashable {
    case unique, foreignKey, notNull, check, other
}

/// An error from a storage backend.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A row has no column with this name.
    case noSuchColumn(String)
    /// A column's value cannot be decoded as the requested type.
    case typeMismatch(column: String, expected: String, found: DatabaseValue)
    /// A write violated a constraint.
    case constraint(ConstraintKind, message: String)
    /// An applied migration's statements differ from the ones given now.
    case migrationChanged(version: Int, name: String)
    /// A value cannot be stored (for example text containing a NUL byte).
    case invalidValue(String)
    /// Two migrations share a version number.
    case duplicateMigrationVersion(Int)
    /// Any other error from the database, with its message and code (SQLite result code or
    /// PostgreSQL SQLSTATE) when known.
    case database(message: String, code: String?)

    public var description: String {
        switch self {
        case .noSuchColumn(let name): "no column named '\(name)' in the result"
        case .typeMismatch(let column, let expected, let found): "column '\(column)' holds \(found), which is not a \(expected)"
        case .constraint(let kind, let message): "\(kind.rawValue) constraint violated: \(message)"
        case .migrationChanged(let version, let name): "migration \(version) '\(name)' was changed after it was applied; add a new migration instead"
        case .invalidValue(let reason): "invalid value: \(reason)"
        case .duplicateMigrationVersion(let version): "two migrations have version \(version)"
        case .database(let message, let code): code.map { "database error \($0): \(message)" } ?? "database error: \(message)"
        }
    }
}
