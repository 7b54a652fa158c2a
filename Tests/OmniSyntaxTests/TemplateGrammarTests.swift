import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniSyntax

/// Every `(*> example NAME [PATH] … <*)` block of Grammar/templates.ebnf is a complete
/// template that must parse without errors; every production the parser names exists there.
@Suite struct TemplateGrammarTests {
    static func examples() -> [(name: String, path: String, text: String)] {
        grammarExamples("templates.ebnf").map { ($0.name, $0.arguments.first ?? "templates/example.html", $0.text) }
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
        let grammar = grammarText("templates.ebnf")
        for production in ["template", "text", "tag", "comment", "layout-directive", "output", "raw-output", "yield",
                           "output-expression", "block", "if-block", "unless-block", "each-block", "block-params",
                           "else-tag", "condition", "component-block", "partial", "partial-name", "hash-argument",
                           "expression", "path", "data-variable", "subexpression", "helper-call", "helper-name",
                           "literal", "string", "number", "identifier"] {
            #expect(grammar.contains("\n\(production) "), "missing production \(production)")
        }
    }

    @Test func everyHelperIsInTheGrammar() {
        let grammar = grammarText("templates.ebnf")
        for helper in TemplateHelper.names { #expect(grammar.contains("\"\(helper)\""), "helper \(helper) missing") }
    }
}
