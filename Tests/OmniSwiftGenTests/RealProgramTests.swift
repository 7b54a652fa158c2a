import Foundation
import OmniBase
import OmniDriver
import OmniSwiftGen
import OmniTestSupport
import Testing

/// The example project through the real front end and checkers: its generated template and
/// page code equals the goldens pinned from hand-built models.
@Suite struct RealProgramGenTests {
    @Test func exampleTemplatesMatchTheGoldens() throws {
        let report = try Checker.check(paths: [fixturesDirectory() + "/projects/blog"])
        #expect(report.errorCount == 0)
        let frontend = try #require(report.frontend)
        let files = TemplateGenTests.rendered(frontend.server, report.sources, components: frontend.program.components)
        for (path, text) in files {
            assertSnapshot(text, named: "blog/" + (path as NSString).lastPathComponent, in: TemplateGenTests.goldens)
        }
    }
}
