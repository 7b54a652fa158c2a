import Foundation
import OmniBase
import Testing
@testable import OmniSyntax

/// Every `(*> example NAME [PATH] … <*)` block of Grammar/templates.ebnf is a complete
/// template that must parse without errors; every production the parser names exists there.
@Suite struct TemplateGrammarTests {
    static func grammarText(filePath: String = #filePath) -> String {
        var url = URL(fileURLWithPath: filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Grammar/templates.ebnf")
            if let data = FileManager.default.contents(atPath: candidate.path) { return String(decoding: data, as: UTF8.self) }
        }
        return ""
    }

    /// (name, path, text) of each example.
    static func examples() -> [(name: String, path: String, text: String)] {
        var result: [(String, String, String)] = []
        var rest = grammarText()[...]
        while let open = rest.range(of: "\n(*> example ") {
            let afterOpen = rest[open.upperBound...]
            guard let nameEnd = afterOpen.firstIndex(of: "\n"), let close = afterOpen.range(of: "\n<*)"), nameEnd < close.lowerBound else { break }
            let header = afterOpen[..<nameEnd].split(separator: " ").map(String.init)
            let path = header.count > 1 ? header[1] : "templates/example.html"
            result.append((header.first ?? "", path, String(afterOpen[afterOpen.index(after: nameEnd)..<close.lowerBound])))
            rest = afterOpen[close.upperBound...]
        }
        return result
    }

    @Test func grammarHasExamples() {
        #expect(Self.examples().count >= 4)
    }

    @Test(arguments: examples().map(\.name))
    func exampleParsesWithoutErrors(_ name: String) throws {
        let example = try #require(Self.examples().first { $0.name == name })
        let parsed = parseTemplate(example.text, path: example.path)
        #expect(parsed.diagnostics.isEmpty, "\(name): \(parsed.diagnostics.map { "\($0.code) \($0.message)" })")
    }

    @Test func productionsNamedInTheParserExist() {
        let grammar = Self.grammarText()
        for production in ["template", "text", "tag", "comment", "layout-directive", "output", "raw-output", "yield",
                           "output-expression", "block", "if-block", "unless-block", "each-block", "block-params",
                           "else-tag", "condition", "component-block", "partial", "partial-name", "hash-argument",
                           "expression", "path", "data-variable", "subexpression", "helper-call", "helper-name",
                           "literal", "string", "number", "identifier"] {
            #expect(grammar.contains("\n\(production) "), "missing production \(production)")
        }
    }

    @Test func everyHelperIsInTheGrammar() {
        let grammar = Self.grammarText()
        for helper in TemplateHelper.names { #expect(grammar.contains("\"\(helper)\""), "helper \(helper) missing") }
    }
}
