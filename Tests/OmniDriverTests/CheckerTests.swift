import Foundation
import OmniBase
import Testing
@testable import OmniDriver

@Suite struct CheckerTests {
    @Test func threeIndependentScriptErrorsAreReportedOnTheirLines() throws {
        let source = """
        <component name="Broken">
          <script>
            const a = (1 + 2
            let b = 3 * * 4
            function f( { return 1 }
            const ok = 5
          </script>
        </component>
        """
        let report = Checker.check(files: [(path: "Broken.omni", bytes: Array(source.utf8))])
        let file = try #require(report.sources.files.first)
        let errorLines = Set(report.diagnostics.filter { $0.severity == .error }.map { file.location(of: Int($0.span.start)).line })
        #expect(errorLines.isSuperset(of: [3, 4, 5]), "\(report.diagnostics.map { "\($0.code) \($0.message)" })")
        #expect(!errorLines.contains(6))
    }

    @Test func diagnosticsAreOrderedAcrossFiles() {
        let files: [(path: String, bytes: [UInt8])] = [
            ("b.omni", Array("<component></component>".utf8)),
            ("a.omni", Array("<component name=\"x\"></component><component></component>".utf8)),
        ]
        let report = Checker.check(files: files)
        let order = report.diagnostics.map { report.sources[$0.span.file]!.path }
        #expect(order == ["a.omni", "a.omni", "b.omni"])
        #expect(report.exitStatus(denyWarnings: false) == 1)
    }

    @Test func discoveryWalksDirectoriesAndSkipsBuildOutput() throws {
        let dir = NSTemporaryDirectory() + "omni-discovery-\(UUID().uuidString)"
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/components", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/.omni/build", withIntermediateDirectories: true)
        _ = fm.createFile(atPath: dir + "/components/B.omni", contents: Data("<component name=\"B\"></component>".utf8))
        _ = fm.createFile(atPath: dir + "/A.omni", contents: Data("<component name=\"A\"></component>".utf8))
        _ = fm.createFile(atPath: dir + "/.omni/build/C.omni", contents: Data("junk".utf8))
        _ = fm.createFile(atPath: dir + "/notes.txt", contents: Data("x".utf8))
        defer { try? fm.removeItem(atPath: dir) }
        let inputs = try SourceDiscovery.inputs(for: [dir])
        #expect(inputs.map(\.displayPath) == ["A.omni", "components/B.omni"])
        #expect(throws: SourceDiscovery.Failure.self) { try SourceDiscovery.inputs(for: [dir + "/missing"]) }
    }
}
