// PostgresStorage: the PostgreSQL backend, on postgres-nio's connection pool.
//
// The same `StorageBackend` protocol as SQLite: generated code does not know which one it
// talks to, except through `dialect` (placeholders `$1, $2, …` are rendered here). Every
// statement goes through the extended protocol with bound parameters. A transaction leases
// one connection for its whole body; calls on the backend from the transaction's task join
// it (the connection travels in a task-local), and nested transactions are savepoints.

import Foundation
import OmniStorage
import PostgresNIO

/// A PostgreSQL database reached through a connection pool.
///
/// `Sendable`: its stored properties are (`PostgresClient` is thread-safe; the task that
/// runs the pool is a `Task`), so one instance is shared by all request handlers.
public final class PostgresStorage: StorageBackend {
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger
    public var dialect: SQLDialect { .postgres }

    /// Connects with a `postgres://user:password@host:port/database?sslmode=disable|prefer|require`
    /// URL. The pool starts at once; connections are opened on demand.
    public convenience init(url: String, maximumConnections: Int = 20) throws {
        self.init(configuration: try PostgresStorage.configuration(url: url), maximumConnections: maximumConnections)
    }

    /// Connects with an explicit postgres-nio configuration.
    public init(configuration: PostgresClient.Configuration, maximumConnections: Int = 20) {
        var configuration = configuration
        configuration.options.maximumConnections = maximumConnections
        let logger = Logger(label: "omni.postgres")
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
    }

    // MARK: - Statements

    @discardableResult
    public func execute(_ sql: SQL) async throws -> Int {
        try await run(sql).metadata.rows ?? 0
    }

    public func query(_ sql: SQL) async throws -> [Row] {
        let result = try await run(sql)
        guard let first = result.rows.first else { return [] }
        let columns = first.map(\.columnName)
        return try result.rows.map { row in
            Row(columns: columns, values: try row.map(PostgresStorage.value(of:)))
        }
    }

    func run(_ sql: SQL) async throws -> PostgresQueryResult {
        let query = try PostgresStorage.query(sql)
        if let scope = PostgresStorage.currentScope, scope.owner == ObjectIdentifier(self) {
            return try await send(query, on: scope.connection)
        }
        return try await client.withConnection { connection in
            try await send(query, on: connection)
        }
    }

    func send(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> PostgresQueryResult {
        do {
            return try await connection.query(query, logger: logger).get()
        } catch {
            throw PostgresStorage.storageError(error)
        }
    }

    // MARK: - Transactions

    @discardableResult
    public func transaction<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        if let scope = PostgresStorage.currentScope, scope.owner == ObjectIdentifier(self) {
            return try await savepoint(scope, body)
        }
        return try await client.withConnection { connection in
            _ = try await send("BEGIN", on: connection)
            do {
                let scope = PostgresScope(owner: ObjectIdentifier(self), connection: connection, depth: 0)
                let result = try await PostgresStorage.$currentScope.withValue(scope) { try await body(self) }
                _ = try await send("COMMIT", on: connection)
                return result
            } catch {
                _ = try? await send("ROLLBACK", on: connection)
                throw error
            }
        }
    }

    func savepoint<T: Sendable>(_ outer: PostgresScope, _ body: (any SQLExecutor) async throws -> T) async throws -> T {
        let depth = outer.depth + 1
        let name = "omni_savepoint_\(depth)"
        _ = try await send(PostgresQuery(unsafeSQL: "SAVEPOINT \(name)"), on: outer.connection)
        do {
            let scope = PostgresScope(owner: outer.owner, connection: outer.connection, depth: depth)
            let result = try await PostgresStorage.$currentScope.withValue(scope) { try await body(self) }
            _ = try await send(PostgresQuery(unsafeSQL: "RELEASE SAVEPOINT \(name)"), on: outer.connection)
            return result
        } catch {
            _ = try? await send(PostgresQuery(unsafeSQL: "ROLLBACK TO SAVEPOINT \(name)"), on: outer.connection)
            _ = try? await send(PostgresQuery(unsafeSQL: "RELEASE SAVEPOINT \(name)"), on: outer.connection)
            throw error
        }
    }

    @TaskLocal static var currentScope: PostgresScope?

    public func close() async throws {
        runner.cancel()
        await runner.value
    }
}

/// The transaction the current task is in: which storage, its connection, how deeply nested.
struct PostgresScope: Sendable {
    let owner: ObjectIdentifier
    let connection: PostgresConnection
    let depth: Int
}
