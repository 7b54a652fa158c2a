import Foundation
import OmniBase
import Testing
@testable import OmniDriver

/// What `ServerOutput.generate` makes of a project, without building it.
@Suite struct ServerOutputTests {
    static let routes = """
    <routes>
      get "/" => page "index" { }
    </routes>
    """
    static let splitter = """
    <component name="Splitter">
      <script>
        const parts = "a,b".split(",")
      </script>
      <template><p>{parts.length}</p></template>
    </component>
    """

    func generate(_ index: String) throws -> (files: [String], codes: [String], report: CheckReport) {
        let report = Checker.check(files: [("app.omni", Array(Self.routes.utf8)), ("components/Splitter.omni", Array(Self.splitter.utf8)),
                                           ("templates/index.html", Array(index.utf8))])
        let frontend = try #require(report.frontend)
        let manifest = ServerOutput.manifest(frontend, name: "t", projectDirectory: "/tmp/t")
        let (files, diagnostics) = try ServerOutput.generate(frontend, sources: report.sources, manifest: manifest, runtimeDirectory: "/opt/omni/Runtime")
        return (files.map(\.path), diagnostics.map(\.code.rawValue), report)
    }

    @Test func aComponentOnlyTheBrowserUsesNeedsNoServerRenderer() throws {
        let (files, codes, report) = try generate("<h1>Home</h1>\n")
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.message))")
        #expect(codes.isEmpty)
        #expect(!files.contains { $0.contains("Splitter") })
        #expect(files.contains("Sources/App/Templates/index.swift"))
        #expect(files.contains("Package.swift"))
    }

    @Test func anEmbeddedComponentTheServerCannotRenderIsE0810AtItsSource() throws {
        let (_, codes, report) = try generate("{{#component \"Splitter\"}}{{/component}}\n")
        #expect(report.errorCount == 0)
        #expect(codes.contains("E0810"))
    }
}
