import OmniBase
import Testing
@testable import OmniSyntax

/// Every schema/routes code has an `omni explain` entry whose example raises it and whose fixed
/// version parses without any diagnostic.
@Suite struct RoutesExplanationTests {
    @Test(arguments: RoutesExplanations.all.map(\.code.rawValue))
    func exampleRaisesItsCode(_ code: String) throws {
        let entry = try #require(RoutesExplanations.all.first { $0.code.rawValue == code })
        #expect(entry.exampleFile == "app.omni")
        let app = parseApp(bytes: entry.exampleBytes, path: entry.exampleFile)
        #expect(!app.schemas.isEmpty || !app.routes.isEmpty, "\(code): the example has no <schema> or <routes> block")
        #expect(app.codes.contains(code), "the example of \(code) raised:\n\(app.rendered)")
        let fixed = try #require(entry.fixed)
        let clean = parseApp(fixed, path: entry.exampleFile)
        #expect(clean.diagnostics.isEmpty, "the fixed example of \(code) is not clean:\n\(clean.rendered)")
    }

    @Test func codesAreInRangeUniqueAndListed() throws {
        let codes = RoutesExplanations.all.map(\.code.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for code in codes {
            let n = Int(code.dropFirst()) ?? -1
            #expect(code.hasPrefix("E") && (750...799).contains(n), "\(code)")
        }
        #expect(codes.count == 38)
        for entry in RoutesExplanations.all {
            #expect(!entry.title.isEmpty && !entry.body.isEmpty, "\(entry.code)")
        }
    }
}
