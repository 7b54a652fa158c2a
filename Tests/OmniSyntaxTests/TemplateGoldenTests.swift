import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniSyntax

/// Golden AST dumps and rendered diagnostics of the fixtures in Fixtures/templates.
/// A fixture `users--_row.html` is parsed as `templates/users/_row.html`. Re-record with
/// `OMNI_RECORD=1 swift test --filter TemplateGolden`.
@Suite struct TemplateGoldenTests {
    static let directory = fixturesDirectory() + "/templates"

    static func fixtures() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".html") }.sorted()
    }

    static func parse(_ name: String) -> ParsedTemplate? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
        let path = "templates/" + name.replacingOccurrences(of: "--", with: "/")
        return parseTemplate(bytes: [UInt8](data), path: path)
    }

    @Test func thereAreFixtures() {
        #expect(Self.fixtures().count >= 6)
    }

    @Test(arguments: fixtures())
    func goldens(_ name: String) throws {
        let parsed = try #require(Self.parse(name))
        let base = String(name.dropLast(".html".count))
        assertSnapshot(parsed.dump, named: base + ".ast.txt", in: Self.directory)
        assertSnapshot(parsed.rendered, named: base + ".human.txt", in: Self.directory)
        if !name.hasPrefix("errors") {
            #expect(parsed.diagnostics.isEmpty, "\(name): \(parsed.codes)")
        }
    }

    @Test func errorFixturesReportEveryIndependentError() throws {
        let blocks = try #require(Self.parse("errors-blocks.html"))
        #expect(blocks.codes == ["E0705", "E0710", "E0706", "E0709", "E0708"], "\(blocks.codes)")
        let html = try #require(Self.parse("errors-html.html"))
        #expect(html.codes == ["E0720", "E0723", "E0721", "E0721"], "\(html.codes)")
        let tags = try #require(Self.parse("errors-tags.html"))
        #expect(tags.codes == ["E0700", "E0715", "E0711", "E0712", "E0713", "E0714", "E0714", "E0729", "E0716", "E0701",
                               "E0703", "E0702"], "\(tags.codes)")
    }
}
