import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniDriver

/// Golden files of rendered diagnostics: every `Fixtures/diagnostics/**/*.omni` is checked
/// on its own and its human (no colour) and JSON renderings are compared with the
/// checked-in `.human.txt` and `.json` beside it. Re-record with `OMNI_RECORD=1`.
@Suite struct DiagnosticGoldenTests {
    static let directory = fixturesDirectory() + "/diagnostics/components"

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".omni") }.sorted()
    }

    @Test(arguments: cases)
    func rendered(_ name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.directory + "/" + name))
        let report = Checker.check(files: [(path: name, bytes: [UInt8](bytes))])
        #expect(report.errorCount > 0, "a diagnostics fixture must raise an error")
        let stem = String(name.dropLast(".omni".count))
        let human = HumanRenderer(sources: report.sources, color: false).render(report.diagnostics, summary: report.summary)
        assertSnapshot(human, named: stem + ".human.txt", in: Self.directory)
        let json = JSONRenderer(sources: report.sources).render(report.diagnostics, summary: report.summary)
        assertSnapshot(json + "\n", named: stem + ".json", in: Self.directory)
    }

    @Test func clean_fixtures_have_no_diagnostics() throws {
        let root = fixturesDirectory() + "/projects"
        let report = try Checker.check(paths: [root])
        #expect(report.filesChecked >= 3)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map { "\($0.code) \($0.message)" })")
    }

    @Test func seed_button_and_design_examples_pass() throws {
        let root = fixturesDirectory() + "/projects/blog/components"
        for name in ["Counter.omni", "Button.omni"] {
            let report = try Checker.check(paths: [root + "/" + name])
            #expect(report.errorCount == 0, "\(name): \(report.diagnostics.map(\.message))")
        }
    }
}
