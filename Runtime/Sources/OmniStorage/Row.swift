// Row: one result row with typed column access.

/// One row of a query result.
///
/// ```swift
/// for row in try await db.query("SELECT id, name, age FROM users") {
///     let id: Int64 = try row.decode("id")
///     let age = try row.decode(Int?.self, "age")
/// }
/// ```
public struct Row: Sendable, Hashable {
    /// The column names (shared by all rows of a result).
    public let columns: [String]
    /// The values, in column order.
    public let values: [DatabaseValue]

    /// Makes a row; `columns` and `values` have the same count.
    public init(columns: [String], values: [DatabaseValue]) {
        precondition(columns.count == values.count)
        self.columns = columns
        self.values = values
    }

    /// The value at `index`.
    public subscript(_ index: Int) -> DatabaseValue { values[index] }

    /// The value of the column named `name` (exact match first, then ASCII case-insensitive),
    /// or nil if there is no such column.
    public subscript(_ name: String) -> DatabaseValue? {
        index(of: name).map { values[$0] }
    }

    /// The index of the column named `name`.
    public func index(of name: String) -> Int? {
        if let i = columns.firstIndex(of: name) { return i }
        let lowered = name.lowercased()
        return columns.firstIndex { $0.lowercased() == lowered }
    }

    /// Decodes the column named `column` as `T`.
    /// Throws `StorageError.noSuchColumn` or `.typeMismatch`.
    public func decode<T: DatabaseValueConvertible>(_ type: T.Type = T.self, _ column: String) throws(StorageError) -> T {
        guard let i = index(of: column) else { throw .noSuchColumn(column) }
        return try decode(type, at: i)
    }

    /// Decodes the value at `index` as `T`.
    public func decode<T: DatabaseValueConvertible>(_ type: T.Type = T.self, at index: Int) throws(StorageError) -> T {
        guard index >= 0 && index < values.count else { throw .noSuchColumn("#\(index)") }
        guard let value = T(sqlValue: values[index]) else {
            throw .typeMismatch(column: columns[index], expected: String(describing: T.self), found: values[index])
        }
        return value
    }
}
