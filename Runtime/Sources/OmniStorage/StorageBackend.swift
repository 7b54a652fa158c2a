// StorageBackend: the one protocol generated CRUD code talks to, whatever the database.

/// Runs statements. Inside `StorageBackend.transaction`, the same backend value joins the
/// transaction (calls made from the transaction's task run on its connection).
public protocol SQLExecutor: Sendable {
    /// The SQL flavour, for the few statements generated code renders differently
    /// (DDL types, upserts). Placeholders are rendered by the backend.
    var dialect: SQLDialect { get }

    /// Runs a statement that returns no rows (INSERT, UPDATE, DELETE, DDL) and returns the
    /// number of rows it changed.
    @discardableResult
    func execute(_ sql: SQL) async throws -> Int

    /// Runs a statement and returns all its rows (SELECT, or a write with RETURNING).
    func query(_ sql: SQL) async throws -> [Row]
}

/// A database behind the runtime: SQLite (`SQLiteStorage`, the default) or PostgreSQL
/// (`PostgresStorage` in OmniPostgres). All SQL is parameterised (`SQL`).
///
/// ```swift
/// let db: any StorageBackend = try SQLiteStorage(path: "app.sqlite")
/// try await db.migrate(Schema.migrations)
/// let id = try await db.transaction { tx in
///     let rows = try await tx.query("INSERT INTO posts (title) VALUES (\(title)) RETURNING id")
///     try await tx.execute("UPDATE users SET posts = posts + 1 WHERE id = \(author)")
///     return try rows[0].decode(Int64.self, "id")
/// }
/// ```
public protocol StorageBackend: SQLExecutor {
    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws
    /// (the error is rethrown). `body` gets an executor bound to the transaction; calls on
    /// the backend itself from the same task also join it. A nested call makes a savepoint.
    @discardableResult
    func transaction<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T

    /// Applies the migrations not applied yet, in version order, each in its own
    /// transaction, recording them in the `omni_schema_migrations` table. Idempotent;
    /// safe to call from several processes at once. Returns the versions it applied.
    @discardableResult
    func migrate(_ migrations: [Migration]) async throws -> [Int]

    /// Closes the connections. The backend must not be used afterwards.
    func close() async throws
}

extension StorageBackend {
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [Int] {
        try await MigrationRunner(backend: self).run(migrations)
    }
}
