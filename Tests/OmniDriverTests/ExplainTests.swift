import Foundation
import OmniBase
import OmniSema
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
        let exampleFiles = entry.example.contains("<!-- file: ")
            ? Self.files(of: entry.example, default: entry.exampleFile) : [(path: entry.exampleFile, bytes: entry.exampleBytes)]
        let report = Checker.check(files: exampleFiles)
        var raised = report.diagnostics
        if code.hasPrefix("E08"), let result = report.frontend {
            // WASM back-end codes: the example checks cleanly and fails to compile to WebAssembly.
            for component in result.program.components {
                guard let file = result.parsed.first(where: { $0.file.id == component.file })?.file else { continue }
                raised += WasmCompiler.compile(component, file: file).diagnostics
            }
        }
        #expect(raised.contains { $0.code.rawValue == code },
                "example of \(code) raised \(raised.map { "\($0.code): \($0.message)" })")
        if let fixed = entry.fixed, !fixed.contains("…") {
            let clean = Checker.check(files: Self.files(of: fixed, default: entry.exampleFile))
            #expect(!clean.diagnostics.contains { $0.code.rawValue == code }, "the fixed example of \(code) still raises it")
        }
    }

    /// An example is one file, or a small project whose files start at `<!-- file: path -->` lines.
    static func files(of example: String, default path: String) -> [(path: String, bytes: [UInt8])] {
        guard example.contains("<!-- file: ") else { return [(path, Array(example.utf8))] }
        return SemaExplanations.exampleFiles(example, fallback: path).map { ($0.path, Array($0.text.utf8)) }
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
