import OmniBase
import Testing
@testable import OmniSyntax

/// Every template code has an `omni explain` entry whose example raises it and whose fixed
/// version does not.
@Suite struct TemplateExplanationTests {
    @Test(arguments: TemplateExplanations.all.map(\.code.rawValue))
    func exampleRaisesItsCode(_ code: String) throws {
        let entry = try #require(TemplateExplanations.all.first { $0.code.rawValue == code })
        #expect(entry.exampleFile == "templates/example.html")
        let parsed = parseTemplate(bytes: entry.exampleBytes, path: entry.exampleFile)
        #expect(parsed.codes.contains(code), "\(code) example raised \(parsed.codes)")
        let fixed = try #require(entry.fixed)
        let repaired = parseTemplate(fixed, path: entry.exampleFile)
        #expect(repaired.diagnostics.isEmpty, "\(code) fixed version raised \(repaired.codes)")
    }

    @Test func codesAreUniqueSortedAndInRange() {
        let codes = TemplateExplanations.all.map(\.code.rawValue)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0 >= "E0700" && $0 <= "E0749" })
        #expect(TemplateExplanations.all.allSatisfy { !$0.title.isEmpty && !$0.body.isEmpty })
    }

    @Test func everyCodeTheParserRaisesIsExplained() throws {
        // The codes named in the parser's sources, as listed at the top of TemplateExplanations.swift.
        let explained = Set(TemplateExplanations.all.map(\.code.rawValue))
        for n in 700...732 {
            #expect(explained.contains("E0\(n)"), "E0\(n) has no explanation")
        }
    }
}
