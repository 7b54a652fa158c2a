import Foundation
import OmniBase
import Testing
@testable import OmniSyntax

/// Every `(*> example NAME … <*)` block of Grammar/omni.ebnf is a complete `.omni` file
/// that must parse without errors; every production the markup parser names exists there.
@Suite struct GrammarExamplesTests {
    static func grammarText(filePath: String = #filePath) -> String {
        var url = URL(fileURLWithPath: filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Grammar/omni.ebnf")
            if let data = FileManager.default.contents(atPath: candidate.path) { return String(decoding: data, as: UTF8.self) }
        }
        return ""
    }

    static func examples() -> [(name: String, text: String)] {
        let text = grammarText()
        var result: [(String, String)] = []
        var rest = text[...]
        while let open = rest.range(of: "\n(*> example ") {
            let afterOpen = rest[open.upperBound...]
            guard let nameEnd = afterOpen.firstIndex(of: "\n"), let close = afterOpen.range(of: "\n<*)"), nameEnd < close.lowerBound else { break }
            let name = String(afterOpen[..<nameEnd]).trimmingCharacters(in: .whitespaces)
            result.append((name, String(afterOpen[afterOpen.index(after: nameEnd)..<close.lowerBound])))
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
        let (_, diagnostics, _) = parseOmni(example.text)
        #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map { "\($0.code) \($0.message)" })")
    }

    @Test func productionsNamedInTheParserExist() {
        let grammar = Self.grammarText()
        for production in ["file", "item", "component", "props", "prop", "script", "template", "node", "element",
                           "attribute", "value", "if-block", "each-block", "program", "statement", "expression",
                           "assignment", "conditional", "unary", "call", "primary", "type"] {
            #expect(grammar.contains("\n\(production) "), "missing production \(production)")
        }
    }
}
