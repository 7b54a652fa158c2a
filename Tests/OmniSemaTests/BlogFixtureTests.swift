import Foundation
import OmniBase
import OmniSema
import OmniTestSupport
import Testing

/// The clean sample project checks without a single diagnostic.
@Suite struct BlogFixtureTests {
    static func blogFiles() throws -> [(String, String)] {
        let dir = fixturesDirectory() + "/projects/blog/components"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".omni") }.sorted()
        return try names.map { ("components/\($0)", try String(contentsOfFile: dir + "/" + $0, encoding: .utf8)) }
    }

    @Test func blogComponentsAreClean() throws {
        let files = try Self.blogFiles()
        #expect(files.count >= 3)
        let result = check(files: files)
        #expect(result.all.isEmpty, "\(result.rendered)")
        #expect(result.program.components.map(\.name) == ["Button", "Counter", "TodoList"])
    }
}
