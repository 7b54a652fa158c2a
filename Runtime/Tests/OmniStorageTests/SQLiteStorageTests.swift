import Foundation
import Testing
import OmniStorage

let peopleMigrations = [
    Migration(version: 1, name: "create people", statements: [
        "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER, score REAL, active BOOLEAN NOT NULL DEFAULT 1, avatar BLOB)",
    ]),
    Migration(version: 2, name: "index names", statements: ["CREATE INDEX people_age ON people (age)"]),
]

struct Boom: Error, Equatable {}

@Suite struct SQLiteStorageTests {
    @Test func roundTripsEveryValueType() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.migrate(peopleMigrations)
        let avatar: [UInt8] = [0, 1, 2, 255]
        let inserted = try await db.execute("""
            INSERT INTO people (name, age, score, active, avatar) VALUES (\("Ada"), \(36), \(9.5), \(false), \(avatar))
            """)
        #expect(inserted == 1)
        try await db.execute("INSERT INTO people (name, age) VALUES (\("Bob"), \(Int?.none))")
        let rows = try await db.query("SELECT id, name, age, score, active, avatar FROM people ORDER BY id")
        #expect(rows.count == 2)
        #expect(try rows[0].decode(String.self, "name") == "Ada")
        #expect(try rows[0].decode(Int.self, "age") == 36)
        #expect(try rows[0].decode(Double.self, "score") == 9.5)
        #expect(try rows[0].decode(Bool.self, "active") == false)
        #expect(try rows[0].decode([UInt8].self, "avatar") == avatar)
        #expect(try rows[1].decode(Int?.self, "age") == nil)
        #expect(try rows[1].decode(Bool.self, "active") == true)
        #expect(rows[1]["avatar"] == .null)
        try await db.close()
    }

    @Test func hostileStringsAreOnlyData() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.migrate(peopleMigrations)
        for (i, s) in hostileStrings.enumerated() {
            try await db.execute("INSERT INTO people (id, name) VALUES (\(i + 1), \(s))")
        }
        for (i, s) in hostileStrings.enumerated() {
            let rows = try await db.query("SELECT id FROM people WHERE name = \(s)")
            #expect(rows.count == 1)
            #expect(try rows.first?.decode(Int.self, "id") == i + 1)
            let byID = try await db.query("SELECT name FROM people WHERE id = \(i + 1)")
            #expect(try byID[0].decode(String.self, "name") == s)
        }
        let tables = try await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = \("people")")
        #expect(tables.count == 1, "the table survived")
        try await db.close()
    }

    @Test func textWithNULIsRefusedNotTruncated() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.migrate(peopleMigrations)
        await #expect(throws: StorageError.self) {
            try await db.execute("INSERT INTO people (name) VALUES (\("nul\u{0}byte"))")
        }
        #expect(try await db.query("SELECT * FROM people").isEmpty)
        try await db.close()
    }

    @Test func migrationsAreIdempotentAndRecorded() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        #expect(try await db.migrate(peopleMigrations) == [1, 2])
        #expect(try await db.migrate(peopleMigrations) == [])
        let more = peopleMigrations + [Migration(version: 3, name: "add email", statements: ["ALTER TABLE people ADD COLUMN email TEXT"])]
        #expect(try await db.migrate(more.reversed()) == [3], "order of the list does not matter")
        let versions = try await db.query("SELECT version, name FROM omni_schema_migrations ORDER BY version")
        #expect(try versions.map { try $0.decode(Int.self, "version") } == [1, 2, 3])
        #expect(try versions[2].decode(String.self, "name") == "add email")
        try await db.close()
        // A new connection sees the same state.
        let again = try fixture.open()
        #expect(try await again.migrate(more) == [])
        try await again.close()
    }

    @Test func changedOrDuplicateMigrationsAreRefused() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.migrate(peopleMigrations)
        let edited = [Migration(version: 1, name: "create people", statements: ["CREATE TABLE people (id INTEGER)"])]
        await #expect(throws: StorageError.migrationChanged(version: 1, name: "create people")) {
            try await db.migrate(edited)
        }
        let duplicate = [Migration(version: 7, name: "a", statements: []), Migration(version: 7, name: "b", statements: [])]
        await #expect(throws: StorageError.duplicateMigrationVersion(7)) { try await db.migrate(duplicate) }
        try await db.close()
    }

    @Test func failingMigrationLeavesNoTrace() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        let broken = [Migration(version: 1, name: "half", statements: ["CREATE TABLE a (x INTEGER)", "CREATE TABLE oops ("])]
        await #expect(throws: StorageError.self) { try await db.migrate(broken) }
        #expect(try await db.query("SELECT name FROM sqlite_master WHERE name = 'a'").isEmpty)
        #expect(try await db.query("SELECT * FROM omni_schema_migrations").isEmpty)
        try await db.close()
    }

    @Test func transactionsCommitOrRollBack() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.migrate(peopleMigrations)
        let id = try await db.transaction { tx in
            let rows = try await tx.query("INSERT INTO people (name) VALUES (\("kept")) RETURNING id")
            return try rows[0].decode(Int.self, "id")
        }
        #expect(id == 1)
        await #expect(throws: Boom()) {
            try await db.transaction { tx in
                try await tx.execute("INSERT INTO people (name) VALUES (\("lost"))")
                try await db.execute("INSERT INTO people (name) VALUES (\("lost too"))")  // joins the transaction
                let seen = try await tx.query("SELECT count(*) AS n FROM people")
                #expect(try seen[0].decode(Int.self, "n") == 3, "a transaction sees its own writes")
                throw Boom()
            }
        }
        let names = try await db.query("SELECT name FROM people ORDER BY id").map { try $0.decode(String.self, "name") }
        #expect(names == ["kept"])
        try await db.close()
    }

    @Test func nestedTransactionsAreSavepoints() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.migrate(peopleMigrations)
        try await db.transaction { tx in
            try await tx.execute("INSERT INTO people (name) VALUES (\("outer"))")
            await #expect(throws: Boom()) {
                try await db.transaction { inner in
                    try await inner.execute("INSERT INTO people (name) VALUES (\("inner"))")
                    throw Boom()
                }
            }
            try await db.transaction { inner in
                try await inner.execute("INSERT INTO people (name) VALUES (\("inner kept"))")
            }
        }
        let names = try await db.query("SELECT name FROM people ORDER BY id").map { try $0.decode(String.self, "name") }
        #expect(names == ["outer", "inner kept"])
        try await db.close()
    }

    @Test func constraintViolationsAreClassified() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.migrate(peopleMigrations)
        try await db.execute("INSERT INTO people (name) VALUES (\("dup"))")
        do {
            try await db.execute("INSERT INTO people (name) VALUES (\("dup"))")
            Issue.record("expected a unique violation")
        } catch let StorageError.constraint(kind, _) {
            #expect(kind == .unique)
        }
        do {
            try await db.execute("INSERT INTO people (age) VALUES (\(3))")
            Issue.record("expected a not-null violation")
        } catch let StorageError.constraint(kind, _) {
            #expect(kind == .notNull)
        }
        try await db.close()
    }

    @Test func readersRunWhileAWriteTransactionIsOpen() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.migrate(peopleMigrations)
        try await db.execute("INSERT INTO people (name) VALUES (\("before"))")
        let (inside, insideContinuation) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        let writer = Task {
            try await db.transaction { tx in
                try await tx.execute("INSERT INTO people (name) VALUES (\("during"))")
                insideContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in inside { break }
        // The writer holds its transaction open; 20 concurrent readers must still finish
        // and see the last committed state.
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask { try await db.query("SELECT count(*) AS n FROM people")[0].decode(Int.self, "n") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 1, count: 20))
        releaseContinuation.yield()
        try await writer.value
        #expect(try await db.query("SELECT count(*) AS n FROM people")[0].decode(Int.self, "n") == 2)
        try await db.close()
    }

    @Test func concurrentWritersAreSerialised() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        try await db.execute("CREATE TABLE counter (n INTEGER NOT NULL)")
        try await db.execute("INSERT INTO counter VALUES (0)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await db.transaction { tx in
                        let n = try await tx.query("SELECT n FROM counter")[0].decode(Int.self, "n")
                        await Task.yield()
                        try await tx.execute("UPDATE counter SET n = \(n + 1)")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await db.query("SELECT n FROM counter")[0].decode(Int.self, "n") == 40)
        try await db.close()
    }

    @Test func walModeAndIntegrity() async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let db = try fixture.open()
        #expect(try await db.query("PRAGMA journal_mode")[0].decode(String.self, at: 0) == "wal")
        #expect(try await db.integrityCheck() == ["ok"])
        try await db.close()
    }
}
