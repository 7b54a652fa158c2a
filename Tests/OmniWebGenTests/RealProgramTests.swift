import Foundation
import OmniDriver
import OmniTestSupport
import Testing
@testable import OmniWebGen

/// The example project, run through the real front end and checker, gives exactly the
/// outputs the hand-built model of `WebFixtures.blog` pins in `Fixtures/webgen/blog/`.
@Suite struct RealProgramTests {
    @Test func exampleProjectMatchesTheGoldens() throws {
        let report = try Checker.check(paths: [fixturesDirectory() + "/projects/blog"])
        #expect(report.errorCount == 0)
        let program = try #require(report.frontend).server
        let goldens = fixturesDirectory() + "/webgen/blog"
        assertSnapshot(OpenAPIGen.document(program, title: "blog", version: "0.1.0"), named: "openapi.json", in: goldens)
        assertSnapshot(TypeScriptAPIGen.declarations(program), named: "api.d.ts", in: goldens)
        assertSnapshot(TypeScriptAPIGen.implementation(program), named: "api.js", in: goldens)
    }
}
