import OmniBase
import OmniSema
import OmniTestSupport
import Testing

/// `omni dump --stage types` of the sample project's Counter.
@Suite struct TypeDumpTests {
    @Test func counterDump() throws {
        let files = try BlogFixtureTests.blogFiles()
        let r = check(files: files)
        for name in ["Counter", "TodoList"] {
            let c = try #require(r.component(name))
            let file = try #require(r.sources[c.file])
            let dump = c.dumpTypes(file)
            #expect(dump == c.dumpTypes(file))
            assertSnapshot(dump, named: "\(name).types.txt", in: fixturesDirectory() + "/sema-dumps")
        }
    }
}
