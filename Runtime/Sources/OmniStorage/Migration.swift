// Migrations: versioned schema changes and the runner that applies each once.

/// A versioned schema change: statements applied once, in version order.
///
/// Never edit a migration that has been applied somewhere: the runner stores a checksum of
/// its statements and refuses to continue if they changed (`StorageError.migrationChanged`).
public struct Migration: Sendable, Hashable {
    /// The version: unique and increasing (the compiler emits 1, 2, 3, …).
    public let version: Int
    /// A short description, stored in the version table.
    public let name: String
    /// The statements, one SQL statement each.
    public let statements: [SQL]

    /// Makes a migration.
    public init(version: Int, name: String, statements: [SQL]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// A 64-bit FNV-1a hash of the name and statements, as 16 hex digits.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ s: String) {
            for b in s.utf8 {
                hash ^= UInt64(b)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0xFF
            hash = hash &* 0x100_0000_01b3
        }
        feed(name)
        for statement in statements {
            feed(statement.text(for: .sqlite))
            for binding in statement.bindings { feed(binding.description) }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Applies migrations through any backend, using only its public protocol.
struct MigrationRunner<Backend: StorageBackend> {
    let backend: Backend

    static var table: String { "omni_schema_migrations" }

    func createTable(_ db: any SQLExecutor) async throws {
        switch backend.dialect {
        case .sqlite:
            try await db.execute("""
                CREATE TABLE IF NOT EXISTS omni_schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)
                """)
        case .postgres:
            // Serialise concurrent migrators (several server instances starting at once);
            // the lock is released at the end of the transaction.
            _ = try await db.query("SELECT pg_advisory_xact_lock(7305098236428930)")
            try await db.execute("""
                CREATE TABLE IF NOT EXISTS omni_schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP)
                """)
        }
    }

    func applied(_ db: any SQLExecutor) async throws -> [Int: String] {
        var result: [Int: String] = [:]
        for row in try await db.query("SELECT version, checksum FROM omni_schema_migrations") {
            result[try row.decode(Int.self, "version")] = try row.decode(String.self, "checksum")
        }
        return result
    }

    func run(_ migrations: [Migration]) async throws -> [Int] {
        let sorted = migrations.sorted { $0.version < $1.version }
        for i in sorted.indices.dropFirst() where sorted[i].version == sorted[i - 1].version {
            throw StorageError.duplicateMigrationVersion(sorted[i].version)
        }
        let alreadyApplied = try await backend.transaction { tx in
            try await createTable(tx)
            return try await applied(tx)
        }
        for migration in sorted {
            if let checksum = alreadyApplied[migration.version], checksum != migration.checksum {
                throw StorageError.migrationChanged(version: migration.version, name: migration.name)
            }
        }
        var newlyApplied: [Int] = []
        for migration in sorted where alreadyApplied[migration.version] == nil {
            let didApply = try await backend.transaction { tx in
                try await createTable(tx)  // takes the lock again on PostgreSQL
                // Another process may have applied it in the meantime.
                let existing = try await tx.query("SELECT checksum FROM omni_schema_migrations WHERE version = \(migration.version)")
                if let row = existing.first {
                    guard try row.decode(String.self, "checksum") == migration.checksum else {
                        throw StorageError.migrationChanged(version: migration.version, name: migration.name)
                    }
                    return false
                }
                for statement in migration.statements { try await tx.execute(statement) }
                try await tx.execute("""
                    INSERT INTO omni_schema_migrations (version, name, checksum) \
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """)
                return true
            }
            if didApply { newlyApplied.append(migration.version) }
        }
        return newlyApplied
    }
}
