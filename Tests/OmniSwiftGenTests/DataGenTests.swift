import OmniBase
import OmniSema
import OmniSyntax
import OmniTestSupport
import Testing
@testable import OmniSwiftGen

/// Goldens of the data half of the Swift back end for `ServerFixtures` (re-record with
/// `OMNI_RECORD=1`), plus focused checks of what the goldens would hide in bulk.
@Suite struct DataGenTests {
    static let directory = fixturesDirectory() + "/swiftgen/data"

    static func rendered() -> [String: String] {
        let (sources, _) = ServerFixtures.sources()
        var out: [String: String] = [:]
        for file in DataGen.swiftFiles(ServerFixtures.program(), sources: sources) {
            out[file.path] = SwiftRenderer.file(file)
        }
        return out
    }

    @Test(arguments: ["Models", "Migrations", "Validators", "Params", "Queries", "Resources", "JSONRoutes"])
    func golden(_ name: String) throws {
        let text = try #require(Self.rendered()["Sources/App/\(name).swift"])
        assertSnapshot(text, named: "\(name).swift.txt", in: Self.directory)
    }

    @Test func filesAreDeterministic() {
        #expect(Self.rendered() == Self.rendered())
    }

    @Test func everyFileImportsTheRuntime() {
        let (sources, _) = ServerFixtures.sources()
        for file in DataGen.files(ServerFixtures.program(), sources: sources) {
            #expect(file.decls.prefix(2) == [.import("Foundation"), .import("OmniApp")], "\(file.path)")
        }
    }

    @Test func sourceNotesPointAtTheDeclarations() throws {
        let models = try #require(Self.rendered()["Sources/App/Models.swift"])
        let line = ServerFixtures.appSource.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("email:   string") }.map { $0 + 1 }
        #expect(line != nil)
        #expect(models.contains("// app.omni:\(line ?? 0)\n    public var email: String"))
    }

    @Test func identifiersAreQuotedAndValuesBound() {
        #expect(quoted("users") == "\"users\"")
        #expect(quoted("we\"ird") == "\"we\"\"ird\"")
        #expect(sqlStringLiteral("it's") == "'it''s'")
        var sql = SQLText("SELECT 1 WHERE \"a\" = ")
        sql.value(.member(.identifier("params"), "q"))
        sql.text(" AND \"b\" = 2")
        #expect(SwiftRenderer.expression(sql.expr) == #""SELECT 1 WHERE \"a\" = \(params.q) AND \"b\" = 2""#)
    }

    @Test func migrationsReferenceLaterTablesAfterTheyExistInPostgres() {
        // `Post` (index 1) refers to `User` (index 0): inline in both dialects.
        let program = ServerFixtures.program()
        let post = MigrationGen.statements(program.entities[1], index: 1, program: program, postgres: true)
        #expect(post[0].contains("\"author_id\" BIGINT NOT NULL REFERENCES \"users\" (\"id\") ON DELETE RESTRICT"))
        #expect(post[0].contains("\"editor_id\" BIGINT REFERENCES \"users\" (\"id\") ON DELETE SET NULL"))
        // Reversed order: the reference from the earlier `Post` is added by `User`'s migration.
        var reversed = program
        reversed.entities.reverse()
        let first = MigrationGen.statements(reversed.entities[0], index: 0, program: reversed, postgres: true)
        #expect(!first[0].contains("REFERENCES"))
        let second = MigrationGen.statements(reversed.entities[1], index: 1, program: reversed, postgres: true)
        #expect(second.contains("ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_id_fkey\" FOREIGN KEY (\"author_id\") REFERENCES \"users\" (\"id\") ON DELETE RESTRICT"))
        let sqlite = MigrationGen.statements(reversed.entities[0], index: 0, program: reversed, postgres: false)
        #expect(sqlite[0].contains("\"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\")"))
    }

    @Test func handlersExistOncePerEntityAndAction() throws {
        let resources = try #require(Self.rendered()["Sources/App/Resources.swift"])
        for action in ResourceAction.allCases {
            let name = "func \(ServerNames.resourceHandler(entity: "Post", action: action))("
            #expect(resources.components(separatedBy: name).count == 2, "\(name)")
        }
        #expect(!resources.contains("omni_resource_User_delete"))
        #expect(resources.contains("async throws(HTTPError) -> Response"))
    }

    @Test func anEmptyProgramGivesOnlyImports() {
        let files = DataGen.files(ServerProgram(), sources: SourceMap())
        #expect(files.count == 7)
        let migrations = files.first { $0.path.hasSuffix("Migrations.swift") }?.decls ?? []
        #expect(migrations.contains { if case .function(let f) = $0 { f.name == "omni_migrations" } else { false } })
    }
}

@Suite struct SwiftRendererWrappingTests {
    @Test func shortPropertyValuesStayOnOneLine() {
        let out = SwiftRenderer.declarations([.property(SwiftProperty(name: "xs", type: nil, value: .array([.integer(1), .integer(2)])))])
        #expect(out == "public let xs = [1, 2]\n")
    }

    @Test func longArraysWrapOneElementPerLine() {
        let long = SwiftExpr.array((0..<12).map { .string("element number \($0)") })
        let call = SwiftExpr.call(.identifier("Table"), [SwiftArgument("name", .string("t")), SwiftArgument("rows", long)])
        let out = SwiftRenderer.declarations([.property(SwiftProperty(name: "table", type: nil, value: call))])
        let lines = out.split(separator: "\n")
        #expect(lines.first == "public let table = Table(name: \"t\", rows: [")
        #expect(lines[1] == "    \"element number 0\",")
        #expect(lines.last == "])")
        #expect(lines.count == 14)
    }
}

@Suite struct SwiftRendererLabelTests {
    @Test func keywordLabelsAreNotEscapedExceptInoutVarLet() {
        #expect(SwiftRenderer.expression(.call(.identifier("f"), [SwiftArgument("default", .nil), SwiftArgument("in", .integer(1))])) == "f(default: nil, in: 1)")
        #expect(SwiftRenderer.label("inout") == "`inout`")
        let f = SwiftRenderer.declarations([.function(SwiftFunction(name: "g", params: [SwiftParam("for", "x", .int)], body: []))])
        #expect(f.hasPrefix("public func g(for x: Int)"))
    }
}
