import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniDriver

/// `omni routes` on the example: every route in declaration order, resources expanded.
@Suite struct RouteTableTests {
    @Test func exampleRouteTable() throws {
        let report = try Checker.check(paths: [fixturesDirectory() + "/projects/blog"])
        #expect(report.errorCount == 0)
        let frontend = try #require(report.frontend)
        assertSnapshot(RouteTable.render(frontend.server, sources: report.sources), named: "blog-routes.txt",
                       in: fixturesDirectory() + "/server")
    }

    @Test func aProjectWithoutRoutesSaysSo() throws {
        let report = Checker.check(files: [(path: "components/A.omni", bytes: Array("<component name=\"A\"><template><p>a</p></template></component>".utf8))])
        let frontend = try #require(report.frontend)
        #expect(RouteTable.render(frontend.server, sources: report.sources).hasPrefix("no routes"))
    }
}
