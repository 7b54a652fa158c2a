import OmniBase
import OmniSema
import Testing

/// Every sema code has an `omni explain` entry whose example raises it and whose fixed
/// version is clean.
@Suite struct SemaExplanationTests {
    @Test(arguments: SemaExplanations.all.map(\.code.rawValue))
    func exampleRaisesItsCode(_ code: String) throws {
        let entry = try #require(SemaExplanations.all.first { $0.code.rawValue == code })
        #expect(entry.exampleFile == "Example.omni")
        let result = check(entry.example, path: entry.exampleFile)
        #expect(result.parseDiagnostics.isEmpty, "the example of \(code) does not parse:\n\(result.rendered)")
        #expect(result.codes.contains(code), "the example of \(code) raised:\n\(result.rendered)")
        let fixed = try #require(entry.fixed)
        let clean = check(fixed, path: entry.exampleFile)
        #expect(clean.all.isEmpty, "the fixed example of \(code) is not clean:\n\(clean.rendered)")
    }

    @Test func codesAreInRangeAndUnique() {
        let codes = SemaExplanations.all.map(\.code.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.count >= 40)
        for code in codes {
            let n = Int(code.dropFirst()) ?? -1
            if code.hasPrefix("E") { #expect((300...499).contains(n), "\(code)") } else { #expect(code.hasPrefix("W") && (500...599).contains(n), "\(code)") }
        }
        #expect(codes == codes.sorted())
    }
}
