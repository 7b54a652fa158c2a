import Foundation
import OmniBase
import OmniTestSupport
import OmniWasmGen
import Testing
@testable import OmniDriver

/// Every code has an `omni explain` entry whose example raises that very code.
@Suite struct ExplainTests {
    static var checkable: [Explanation] { ExplanationCatalog.all.filter(\.checkable) }

    @Test(arguments: checkable.map(\.code.rawValue))
    func exampleRaisesItsCode(_ code: String) throws {
        let entry = try #require(ExplanationCatalog.entry(for: code))
        var raised = Checker.check(files: [(path: entry.exampleFile, bytes: entry.exampleBytes)]).diagnostics
        if code.hasPrefix("E08") {
            // WASM back-end codes: the example checks cleanly and fails to compile to WebAssembly.
            var sources = SourceMap()
            let file = sources.add(path: entry.exampleFile, bytes: entry.exampleBytes)
            let result = Frontend.check([file])
            for component in result.program.components {
                raised += WasmCompiler.compile(component, file: file).diagnostics
            }
        }
        #expect(raised.contains { $0.code.rawValue == code },
                "example of \(code) raised \(raised.map { "\($0.code): \($0.message)" })")
        if let fixed = entry.fixed, !fixed.contains("…") {
            let clean = Checker.check(files: [(path: entry.exampleFile, bytes: Array(fixed.utf8))])
            #expect(!clean.diagnostics.contains { $0.code.rawValue == code }, "the fixed example of \(code) still raises it")
        }
    }

    @Test func codesAreUniqueAndWellFormed() {
        let codes = ExplanationCatalog.all.map(\.code.rawValue)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.range(of: #"^[EW]\d{4}$"#, options: .regularExpression) != nil, "bad code \(code)")
        }
    }

    @Test func everyCodeRaisedByTheFixturesIsExplained() throws {
        let report = try Checker.check(paths: [fixturesDirectory() + "/diagnostics"])
        let known = Set(ExplanationCatalog.all.map(\.code))
        for d in report.diagnostics {
            #expect(known.contains(d.code), "\(d.code) has no explain entry")
        }
    }

    @Test func renderingShowsTitleAndExample() throws {
        let entry = try #require(ExplanationCatalog.entry(for: "E0201"))
        let text = ExplanationCatalog.render(entry)
        #expect(text.hasPrefix("E0201: "))
        #expect(text.contains("<component name=\"Invalid\">"))
    }
}
