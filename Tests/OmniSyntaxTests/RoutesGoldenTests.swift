import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniSyntax

/// Every `Fixtures/routes/*.omni` file: its schema and routes AST (`.ast.txt`) and its
/// rendered diagnostics (`.human.txt`, empty for a clean file). Re-record with `OMNI_RECORD=1`.
@Suite struct RoutesGoldenTests {
    static let directory = fixturesDirectory() + "/routes"

    static func stems() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".omni") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func load(_ stem: String) -> ParsedApp {
        let data = FileManager.default.contents(atPath: directory + "/" + stem + ".omni") ?? Data()
        return parseApp(bytes: Array(data), path: "routes/\(stem).omni")
    }

    @Test func fixturesExist() {
        #expect(Self.stems().count >= 5, "\(Self.stems())")
    }

    @Test(arguments: stems())
    func golden(_ stem: String) {
        let app = Self.load(stem)
        assertSnapshot(app.dump, named: stem + ".ast.txt", in: Self.directory)
        assertSnapshot(app.rendered, named: stem + ".human.txt", in: Self.directory)
    }

    @Test func designExampleParsesCleanly() throws {
        let app = Self.load("design-example")
        #expect(app.diagnostics.isEmpty, "\(app.rendered)")
        let schema = try #require(app.schemas.first)
        #expect(schema.entities.map(\.name.name) == ["User", "Post"])
        #expect(schema.entities[0].fields.map(\.name.name) == ["name", "email", "age", "posts"])
        let routes = try #require(app.routes.first)
        #expect(routes.items.count == 4)
    }

    @Test func blogParsesCleanly() {
        let app = Self.load("blog")
        #expect(app.diagnostics.isEmpty, "\(app.rendered)")
        #expect(app.schemas.first?.enums.map(\.name.name) == ["Role", "Status"])
    }
}
