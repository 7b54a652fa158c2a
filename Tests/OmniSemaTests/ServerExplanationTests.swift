import OmniBase
import OmniSema
import Testing

/// Every server code has an `omni explain` entry whose example raises it, whose fixed version
/// does not, and whose codes are in the server ranges.
@Suite struct ServerExplanationTests {
    @Test(arguments: SemaExplanations.server.map(\.code.rawValue))
    func exampleRaisesItsCode(_ code: String) throws {
        let entry = try #require(SemaExplanations.server.first { $0.code.rawValue == code })
        #expect(entry.exampleFile == "app.omni")
        let result = checkServer(entry.example)
        #expect(result.parseDiagnostics.isEmpty, "the example of \(code) does not parse:\n\(result.rendered)")
        #expect(result.codes.contains(code), "the example of \(code) raised:\n\(result.rendered)")
        if let fixed = entry.fixed {
            let clean = checkServer(fixed)
            #expect(!clean.codes.contains(code), "the fixed example of \(code) still raises it:\n\(clean.rendered)")
            // Without template files a page target is E0442; nothing else may remain.
            #expect(clean.all.allSatisfy { $0.code == "E0442" || $0.severity == .warning }, "the fixed example of \(code):\n\(clean.rendered)")
        }
    }

    @Test func codesAreInRangeAndUnique() {
        let codes = SemaExplanations.server.map(\.code.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for code in codes {
            let n = Int(code.dropFirst()) ?? -1
            if code.hasPrefix("E") { #expect((420...459).contains(n), "\(code)") } else { #expect(code.hasPrefix("W") && (520...529).contains(n), "\(code)") }
        }
        let sema = Set(SemaExplanations.all.map(\.code))
        #expect(SemaExplanations.server.allSatisfy { !sema.contains($0.code) })
    }
}
