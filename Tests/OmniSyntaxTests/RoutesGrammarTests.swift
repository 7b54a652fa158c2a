import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniSyntax

/// Every `(*> example NAME … <*)` block of Grammar/routes.ebnf is a complete `.omni` file whose
/// `<schema>` and `<routes>` blocks parse without errors; the productions the parser names exist.
@Suite struct RoutesGrammarTests {
    static func examples() -> [(name: String, text: String)] {
        grammarExamples("routes.ebnf").map { ($0.name, $0.text) }
    }

    @Test func grammarHasExamples() {
        #expect(Self.examples().count >= 4)
    }

    @Test(arguments: examples().map(\.name))
    func exampleParsesWithoutErrors(_ name: String) throws {
        let example = try #require(Self.examples().first { $0.name == name })
        let app = parseApp(example.text)
        #expect(!app.schemas.isEmpty || !app.routes.isEmpty, "\(name) has no block")
        #expect(app.diagnostics.isEmpty, "\(name):\n\(app.rendered)")
    }

    @Test func productionsNamedInTheParserExist() {
        let grammar = grammarText("routes.ebnf")
        for production in ["schema", "schema-item", "entity", "field", "type", "validation", "enum", "routes", "route-item",
                           "pipeline", "plug", "scope", "route", "query-parameters", "target", "bindings", "resources",
                           "path", "query", "expression", "or", "and", "not", "comparison", "operand", "primary"] {
            #expect(grammar.contains("\n\(production) "), "missing production \(production)")
        }
    }

    @Test func closedSetsInTheGrammarMatchTheParser() {
        let grammar = grammarText("routes.ebnf")
        for word in ScalarType.allCases.map(\.rawValue) + ValidationKind.allCases.map(\.rawValue) + PlugKind.allCases.map(\.rawValue)
            + HTTPVerb.allCases.map(\.rawValue) + QueryMethod.allCases.map(\.rawValue) + ResourceAction.allCases.map(\.rawValue)
            + QueryBinaryOperator.allCases.map(\.rawValue) {
            #expect(grammar.contains("\"\(word)\""), "the grammar does not list \"\(word)\"")
        }
    }
}
