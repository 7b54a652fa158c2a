import Foundation
import Testing
import OmniPostgres
import OmniStorage

struct Boom: Error, Equatable {}

let hostileStrings = [
    "'; DROP TABLE pg_people; --", "Robert'); DROP TABLE pg_people;--", "\" OR \"1\"=\"1", "' OR '1'='1",
    "?", "$1", "back\\slash", "new\nline\ttab", "ünïcødé 日本語 🎉", "", String(repeating: "'", count: 1000),
]

let pgMigrations = [
    Migration(version: 1, name: "create pg_people", statements: [
        "CREATE TABLE pg_people (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER, score DOUBLE PRECISION, active BOOLEAN NOT NULL DEFAULT TRUE, avatar BYTEA)",
    ]),
    Migration(version: 2, name: "index ages", statements: ["CREATE INDEX pg_people_age ON pg_people (age)"]),
]

/// Runs only when a PostgreSQL server is reachable (see `PostgresTestServer`); serialised
/// because the tests share one database.
@Suite(.serialized, .enabled(if: PostgresTestServer.isReachable, PostgresTestServer.skipMessage))
struct PostgresStorageTests {
    /// A storage on a clean schema: the tables the tests use are dropped first.
    func fresh() async throws -> PostgresStorage {
        let db = try PostgresTestServer.open()
        try await db.execute("DROP TABLE IF EXISTS pg_people, pg_counter, omni_schema_migrations")
        return db
    }

    @Test func roundTripsEveryValueType() async throws {
        let db = try await fresh()
        try await db.migrate(pgMigrations)
        let avatar: [UInt8] = [0, 1, 2, 255]
        let rows = try await db.query("""
            INSERT INTO pg_people (name, age, score, active, avatar) VALUES (\("Ada"), \(36), \(9.5), \(false), \(avatar)) RETURNING id
            """)
        #expect(try rows[0].decode(Int64.self, "id") == 1)
        try await db.execute("INSERT INTO pg_people (name, age) VALUES (\("Bob"), \(Int?.none))")
        let people = try await db.query("SELECT id, name, age, score, active, avatar FROM pg_people ORDER BY id")
        #expect(people.count == 2)
        #expect(try people[0].decode(String.self, "name") == "Ada")
        #expect(try people[0].decode(Int.self, "age") == 36)
        #expect(try people[0].decode(Double.self, "score") == 9.5)
        #expect(try people[0].decode(Bool.self, "active") == false)
        #expect(try people[0].decode([UInt8].self, "avatar") == avatar)
        #expect(try people[1].decode(Int?.self, "age") == nil)
        #expect(try people[1].decode(Bool.self, "active") == true)
        #expect(try await db.execute("UPDATE pg_people SET age = \(1)") == 2)
        try await db.close()
    }

    @Test func hostileStringsAreOnlyData() async throws {
        let db = try await fresh()
        try await db.migrate(pgMigrations)
        for s in hostileStrings {
            try await db.execute("INSERT INTO pg_people (name) VALUES (\(s))")
        }
        for s in hostileStrings {
            let rows = try await db.query("SELECT name FROM pg_people WHERE name = \(s)")
            #expect(try rows.map { try $0.decode(String.self, "name") } == [s])
        }
        #expect(try await db.query("SELECT count(*)::int8 AS n FROM pg_people")[0].decode(Int.self, "n") == hostileStrings.count)
        await #expect(throws: StorageError.self) { try await db.execute("INSERT INTO pg_people (name) VALUES (\("nul\u{0}"))") }
        try await db.close()
    }

    @Test func migrationsAreIdempotentAndRecorded() async throws {
        let db = try await fresh()
        #expect(try await db.migrate(pgMigrations) == [1, 2])
        #expect(try await db.migrate(pgMigrations) == [])
        let edited = [Migration(version: 1, name: "create pg_people", statements: ["CREATE TABLE pg_people (id INT)"])]
        await #expect(throws: StorageError.migrationChanged(version: 1, name: "create pg_people")) { try await db.migrate(edited) }
        let versions = try await db.query("SELECT version FROM omni_schema_migrations ORDER BY version")
        #expect(try versions.map { try $0.decode(Int.self, "version") } == [1, 2])
        try await db.close()
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() async throws {
        let setup = try await fresh()
        try await setup.close()
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let db = try PostgresTestServer.open()
                    let versions = try await db.migrate(pgMigrations)
                    try await db.close()
                    return versions
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(applied.sorted() == [1, 2])
    }

    @Test func transactionsRollBackOnThrowAndNestAsSavepoints() async throws {
        let db = try await fresh()
        try await db.migrate(pgMigrations)
        await #expect(throws: Boom()) {
            try await db.transaction { tx in
                try await tx.execute("INSERT INTO pg_people (name) VALUES (\("lost"))")
                try await db.execute("INSERT INTO pg_people (name) VALUES (\("lost too"))")
                #expect(try await tx.query("SELECT count(*)::int8 AS n FROM pg_people")[0].decode(Int.self, "n") == 2)
                throw Boom()
            }
        }
        #expect(try await db.query("SELECT * FROM pg_people").isEmpty)
        try await db.transaction { tx in
            try await tx.execute("INSERT INTO pg_people (name) VALUES (\("outer"))")
            await #expect(throws: Boom()) {
                try await db.transaction { inner in
                    try await inner.execute("INSERT INTO pg_people (name) VALUES (\("inner"))")
                    throw Boom()
                }
            }
        }
        #expect(try await db.query("SELECT name FROM pg_people").map { try $0.decode(String.self, "name") } == ["outer"])
        try await db.close()
    }

    @Test func constraintViolationsAreClassified() async throws {
        let db = try await fresh()
        try await db.migrate(pgMigrations)
        try await db.execute("INSERT INTO pg_people (name) VALUES (\("dup"))")
        do {
            try await db.execute("INSERT INTO pg_people (name) VALUES (\("dup"))")
            Issue.record("expected a unique violation")
        } catch let StorageError.constraint(kind, _) {
            #expect(kind == .unique)
        }
        try await db.close()
    }

    @Test func concurrentTransactionsDoNotLoseUpdates() async throws {
        let db = try await fresh()
        try await db.execute("CREATE TABLE pg_counter (n BIGINT NOT NULL)")
        try await db.execute("INSERT INTO pg_counter VALUES (0)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await db.transaction { tx in
                        let n = try await tx.query("SELECT n FROM pg_counter FOR UPDATE")[0].decode(Int.self, "n")
                        try await tx.execute("UPDATE pg_counter SET n = \(n + 1)")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await db.query("SELECT n FROM pg_counter")[0].decode(Int.self, "n") == 20)
        try await db.close()
    }
}

@Suite struct PostgresURLTests {
    @Test func parsesURLs() throws {
        let config = try PostgresStorage.configuration(url: "postgres://app:s%40cret@db.example:6543/prod?sslmode=disable")
        #expect(config.host == "db.example")
        #expect(config.port == 6543)
        #expect(config.username == "app")
        #expect(config.password == "s@cret")
        #expect(config.database == "prod")
        #expect(throws: StorageError.self) { try PostgresStorage.configuration(url: "mysql://x") }
    }
}
