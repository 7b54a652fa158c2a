import Foundation
import OmniBase
import OmniSyntax
import Testing

/// The toml-test suite (TOML 1.0.0 cases), from `shared/testdata/toml-test` beside the
/// repository: every valid case parses cleanly to its expected JSON; every invalid case is
/// rejected with an error located inside the file.
@Suite("TOML: toml-test conformance")
struct TOMLConformanceTests {
    @Test func validCasesParseToTheExpectedValues() throws {
        let dir = try #require(TOMLTestSupport.suiteDirectory(), "toml-test not found: expected ../shared/testdata/toml-test beside the repository")
        let cases = TOMLTestSupport.suiteCases(dir).valid
        #expect(cases.count == 210)
        var failures: [String] = []
        for path in cases {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(path)))
            let jsonData = try Data(contentsOf: dir.appendingPathComponent(String(path.dropLast(5)) + ".json"))
            let expected = try JSONSerialization.jsonObject(with: jsonData, options: [.fragmentsAllowed])
            let r = TOMLTestSupport.parse(bytes: bytes, path: path)
            if !r.diagnostics.isEmpty {
                failures.append("\(path): unexpected diagnostics\n\(r.report)")
            } else if let m = TOMLTestSupport.mismatch(TOMLValue(.table(r.document.root), span: r.document.span), expected) {
                failures.append("\(path): \(m)")
            }
        }
        print("toml-test 1.0.0 valid: \(cases.count - failures.count)/\(cases.count) passed")
        #expect(failures.isEmpty, "\(failures.count) valid cases failed:\n\(failures.joined(separator: "\n"))")
    }

    @Test func invalidCasesAreRejectedWithLocatedErrors() throws {
        let dir = try #require(TOMLTestSupport.suiteDirectory(), "toml-test not found: expected ../shared/testdata/toml-test beside the repository")
        let cases = TOMLTestSupport.suiteCases(dir).invalid
        #expect(cases.count == 499)
        var failures: [String] = []
        for path in cases {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(path)))
            let r = TOMLTestSupport.parse(bytes: bytes, path: path)
            let whole = Span(file: FileID(0), 0..<bytes.count)
            if r.errors.isEmpty {
                failures.append("\(path): accepted")
            } else if let d = r.diagnostics.first(where: { !whole.contains($0.span) }) {
                failures.append("\(path): \(d.code) span \(d.span) outside the file (\(bytes.count) bytes)")
            }
        }
        print("toml-test 1.0.0 invalid: \(cases.count - failures.count)/\(cases.count) rejected")
        #expect(failures.isEmpty, "\(failures.count) invalid cases failed:\n\(failures.joined(separator: "\n"))")
    }
}
