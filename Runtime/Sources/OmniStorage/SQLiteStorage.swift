// SQLiteStorage: the default backend, GRDB's DatabasePool over the system libsqlite3.
//
// WAL mode; a pool of reader connections serves queries concurrently while one writer
// connection takes every write, serialised by an async FIFO lock (so a transaction can
// span `await`s without another writer slipping in). Statements are prepared once per
// connection and cached. Durability: `synchronous = NORMAL` by default, which in WAL mode
// loses no committed transaction when the process crashes or is killed; choose `.full` to
// also survive power loss at the cost of an fsync per commit.

import Foundation
import GRDB

/// Settings for `SQLiteStorage`.
public struct SQLiteConfiguration: Sendable {
    /// SQLite's `synchronous` setting for the writer.
    public enum Synchronous: String, Sendable {
        /// Committed transactions survive a process crash; the last ones may be lost on power loss.
        case normal = "NORMAL"
        /// Committed transactions also survive power loss (an fsync per commit).
        case full = "FULL"
    }

    /// Durability of commits (see `Synchronous`).
    public var synchronous: Synchronous = .normal
    /// How many reader connections may run at once.
    public var maximumReaderCount = 4
    /// How long a connection waits for a lock held by another process, in seconds.
    public var busyTimeoutSeconds: Double = 5

    /// The defaults: NORMAL durability, 4 readers, 5 s busy timeout.
    public init() {}
}

/// A SQLite database file accessed through a WAL connection pool.
///
/// `Sendable`: every stored property is (`DatabasePool` is thread-safe; the write lock is an
/// actor), so one instance is shared by all request handlers.
public final class SQLiteStorage: StorageBackend {
    let pool: DatabasePool
    let writeLock = AsyncLock()
    /// The database file.
    public let path: String
    public var dialect: SQLDialect { .sqlite }

    /// Opens (or creates) the database at `path`.
    public init(path: String, configuration: SQLiteConfiguration = SQLiteConfiguration()) throws {
        var config = Configuration()
        config.maximumReaderCount = configuration.maximumReaderCount
        config.busyMode = .timeout(configuration.busyTimeoutSeconds)
        config.allowsUnsafeTransactions = true  // transactions span several writer accesses
        config.foreignKeysEnabled = true
        let synchronous = configuration.synchronous.rawValue
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw SQLiteStorage.storageError(error)
        }
        self.path = path
    }

    // MARK: - Statements

    @discardableResult
    public func execute(_ sql: SQL) async throws -> Int {
        let text = sql.text(for: .sqlite)
        let arguments = try SQLiteStorage.arguments(sql.bindings)
        let work: @Sendable (Database) throws -> Int = { db in
            try db.cachedStatement(sql: text).execute(arguments: arguments)
            return db.changesCount
        }
        if inTransaction {
            return try await onWriter(work)
        }
        return try await withWriteLock { try await onWriter(work) }
    }

    public func query(_ sql: SQL) async throws -> [Row] {
        let text = sql.text(for: .sqlite)
        let arguments = try SQLiteStorage.arguments(sql.bindings)
        let fetch: @Sendable (Database) throws -> [Row] = { db in
            try SQLiteStorage.fetch(db.cachedStatement(sql: text), arguments)
        }
        if inTransaction {
            return try await onWriter(fetch)
        }
        // Read-only statements run on a reader, concurrently with the writer; a statement
        // that writes (INSERT … RETURNING) goes to the writer.
        let readResult: [Row]?
        do {
            readResult = try await pool.read { db -> [Row]? in
                let statement = try db.cachedStatement(sql: text)
                guard statement.isReadonly else { return nil }
                return try SQLiteStorage.fetch(statement, arguments)
            }
        } catch {
            throw SQLiteStorage.storageError(error)
        }
        if let readResult { return readResult }
        return try await withWriteLock { try await onWriter(fetch) }
    }

    // MARK: - Transactions

    @discardableResult
    public func transaction<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        if let scope = SQLiteStorage.currentScope, scope.owner == ObjectIdentifier(self) {
            return try await savepoint(depth: scope.depth + 1, body)
        }
        await writeLock.lock()
        do {
            try await onWriter { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        } catch {
            await writeLock.unlock()
            throw error
        }
        do {
            let scope = TransactionScope(owner: ObjectIdentifier(self), depth: 0)
            let result = try await SQLiteStorage.$currentScope.withValue(scope) { try await body(self) }
            try await onWriter { db in try db.execute(sql: "COMMIT") }
            await writeLock.unlock()
            return result
        } catch {
            rollbackNow(to: nil)
            await writeLock.unlock()
            throw error
        }
    }

    func savepoint<T: Sendable>(depth: Int, _ body: (any SQLExecutor) async throws -> T) async throws -> T {
        let name = "omni_savepoint_\(depth)"
        try await onWriter { db in try db.execute(sql: "SAVEPOINT \(name)") }
        do {
            let scope = TransactionScope(owner: ObjectIdentifier(self), depth: depth)
            let result = try await SQLiteStorage.$currentScope.withValue(scope) { try await body(self) }
            try await onWriter { db in try db.execute(sql: "RELEASE SAVEPOINT \(name)") }
            return result
        } catch {
            rollbackNow(to: name)
            throw error
        }
    }

    /// Rolls back synchronously, so that it happens even when the task is cancelled. The
    /// caller holds the write lock, so the writer is idle and this does not wait long.
    func rollbackNow(to savepoint: String?) {
        try? pool.writeWithoutTransaction { db in
            guard db.isInsideTransaction else { return }
            if let savepoint {
                try db.execute(sql: "ROLLBACK TO SAVEPOINT \(savepoint)")
                try db.execute(sql: "RELEASE SAVEPOINT \(savepoint)")
            } else {
                try db.execute(sql: "ROLLBACK")
            }
        }
    }

    /// Whether the current task is inside a transaction of this storage.
    var inTransaction: Bool {
        SQLiteStorage.currentScope?.owner == ObjectIdentifier(self)
    }

    @TaskLocal static var currentScope: TransactionScope?

    // MARK: - Maintenance

    /// Runs `PRAGMA integrity_check`; a healthy database returns `["ok"]`.
    public func integrityCheck() async throws -> [String] {
        try await query("PRAGMA integrity_check").map { try $0.decode(String.self, at: 0) }
    }

    public func close() async throws {
        do {
            try pool.close()
        } catch {
            throw SQLiteStorage.storageError(error)
        }
    }

    // MARK: - Helpers

    func withWriteLock<T>(_ body: () async throws -> T) async throws -> T {
        await writeLock.lock()
        do {
            let result = try await body()
            await writeLock.unlock()
            return result
        } catch {
            await writeLock.unlock()
            throw error
        }
    }

    func onWriter<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction(work)
        } catch {
            throw SQLiteStorage.storageError(error)
        }
    }

    static func arguments(_ bindings: [DatabaseValue]) throws -> StatementArguments {
        for case .text(let text) in bindings where text.utf8.contains(0) {
            throw StorageError.invalidValue("text contains a NUL byte, which neither SQLite nor PostgreSQL stores; use a blob")
        }
        return StatementArguments(bindings.map { value -> GRDB.DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let v): v.databaseValue
            case .double(let v): v.databaseValue
            case .text(let v): v.databaseValue
            case .blob(let v): Data(v).databaseValue
            case .bool(let v): (v ? Int64(1) : Int64(0)).databaseValue
            }
        })
    }

    static func fetch(_ statement: Statement, _ arguments: StatementArguments) throws -> [Row] {
        let columns = statement.columnNames
        var rows: [Row] = []
        let cursor = try GRDB.Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            var values: [DatabaseValue] = []
            values.reserveCapacity(columns.count)
            for value in row.databaseValues {
                switch value.storage {
                case .null: values.append(.null)
                case .int64(let v): values.append(.integer(v))
                case .double(let v): values.append(.double(v))
                case .string(let v): values.append(.text(v))
                case .blob(let data): values.append(.blob([UInt8](data)))
                }
            }
            rows.append(Row(columns: columns, values: values))
        }
        return rows
    }

    /// Turns GRDB's errors into `StorageError`; other errors pass through.
    static func storageError(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        let message = error.message ?? error.description
        if error.resultCode == .SQLITE_CONSTRAINT {
            let kind: ConstraintKind
            switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: kind = .unique
            case .SQLITE_CONSTRAINT_FOREIGNKEY: kind = .foreignKey
            case .SQLITE_CONSTRAINT_NOTNULL: kind = .notNull
            case .SQLITE_CONSTRAINT_CHECK: kind = .check
            default: kind = .other
            }
            return StorageError.constraint(kind, message: message)
        }
        return StorageError.database(message: message, code: "SQLITE_\(error.extendedResultCode.rawValue)")
    }
}

/// The transaction the current task is in: which storage, and how deeply nested.
struct TransactionScope: Sendable {
    let owner: ObjectIdentifier
    let depth: Int
}
