import Testing
import OmniStorage

@Suite struct SQLTests {
    @Test func interpolationBindsValues() {
        let name = "x'y"
        let age = 42
        let sql: SQL = "SELECT * FROM people WHERE name = \(name) AND age > \(age)"
        #expect(sql.text(for: .sqlite) == "SELECT * FROM people WHERE name = ? AND age > ?")
        #expect(sql.text(for: .postgres) == "SELECT * FROM people WHERE name = $1 AND age > $2")
        #expect(sql.bindings == [.text("x'y"), .integer(42)])
    }

    @Test func listsIdentifiersAndSplicing() {
        let ids = [1, 2, 3]
        let filter: SQL = "age > \(18)"
        let sql: SQL = "SELECT \(identifier: "we\"ird") FROM t WHERE id IN (\(list: ids)) AND \(filter) ORDER BY x \(raw: "DESC")"
        #expect(sql.text(for: .postgres) == "SELECT \"we\"\"ird\" FROM t WHERE id IN ($1, $2, $3) AND age > $4 ORDER BY x DESC")
        #expect(sql.bindings == [.integer(1), .integer(2), .integer(3), .integer(18)])
        let empty: [Int] = []
        #expect(SQL("x IN (\(list: empty))").text(for: .sqlite) == "x IN (NULL)")
    }

    @Test func placeholderTextIgnoresQuotedQuestionMarks() {
        let sql = SQL("SELECT '?', \"?\" FROM t WHERE a = ? -- why?\n AND b = ?", [.integer(1), .null])
        #expect(sql.text(for: .postgres) == "SELECT '?', \"?\" FROM t WHERE a = $1 -- why?\n AND b = $2")
    }

    @Test func concatenationKeepsBindingsInOrder() {
        let a: SQL = "a = \(1)"
        let b: SQL = "b = \(2)"
        let joined = SQL.joined([a, b, "c IS NULL"], separator: " AND ")
        #expect(joined.text(for: .postgres) == "a = $1 AND b = $2 AND c IS NULL")
        #expect(("SELECT 1 WHERE " + joined).bindings == [.integer(1), .integer(2)])
    }

    @Test func valueConversions() throws {
        #expect(Int(sqlValue: .integer(5)) == 5)
        #expect(Bool(sqlValue: .integer(1)) == true)
        #expect(Bool(sqlValue: .bool(false)) == false)
        #expect(Double(sqlValue: .integer(2)) == 2.0)
        #expect(String(sqlValue: .integer(2)) == nil)
        #expect(Int32(sqlValue: .integer(Int64.max)) == nil)
        let none = Int?(sqlValue: .null)
        #expect(none == .some(nil))
        let row = Row(columns: ["id", "Name"], values: [.integer(1), .text("a")])
        #expect(try row.decode(Int.self, "id") == 1)
        #expect(try row.decode(String.self, "name") == "a")
        #expect(throws: StorageError.noSuchColumn("missing")) { try row.decode(Int.self, "missing") }
        #expect(throws: StorageError.typeMismatch(column: "Name", expected: "Int", found: .text("a"))) {
            try row.decode(Int.self, "Name")
        }
    }

    @Test func migrationChecksumDependsOnContent() {
        let a = Migration(version: 1, name: "create", statements: ["CREATE TABLE t (x INTEGER)"])
        let b = Migration(version: 1, name: "create", statements: ["CREATE TABLE t (x TEXT)"])
        #expect(a.checksum != b.checksum)
        #expect(a.checksum == Migration(version: 1, name: "create", statements: ["CREATE TABLE t (x INTEGER)"]).checksum)
        #expect(a.checksum.count == 16)
    }
}
