import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniSyntax

/// Every `(*> example NAME … <*)` block of Grammar/omni.ebnf is a complete `.omni` file
/// that must parse without errors; every production the markup parser names exists there.
@Suite struct GrammarExamplesTests {
    static func examples() -> [(name: String, text: String)] {
        grammarExamples("omni.ebnf").map { ($0.name, $0.text) }
    }

    @Test func grammarHasExamples() {
        #expect(Self.examples().count >= 4)
    }

    @Test(arguments: examples().map(\.name))
    func exampleParsesWithoutErrors(_ name: String) throws {
        let example = try #require(Self.examples().first { $0.name == name })
        let (_, diagnostics, _) = parseOmni(example.text)
        #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map { "\($0.code) \($0.message)" })")
    }

    @Test func productionsNamedInTheParserExist() {
        let grammar = grammarText("omni.ebnf")
        for production in ["file", "item", "component", "props", "prop", "script", "template", "node", "element",
                           "attribute", "value", "if-block", "each-block", "program", "statement", "expression",
                           "assignment", "conditional", "unary", "call", "primary", "type"] {
            #expect(grammar.contains("\n\(production) "), "missing production \(production)")
        }
    }
}
