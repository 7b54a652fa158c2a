import Foundation
import OmniBase
import Testing
@testable import OmniSyntax

// Helpers shared by the template tests (names start with `template` to stay clear of the
// component and script test helpers in this target).

/// A template parsed from memory.
struct ParsedTemplate {
    let sources: SourceMap
    let file: SourceFile
    let tree: TemplateFile
    let diagnostics: [Diagnostic]

    var codes: [String] { diagnostics.map(\.code.rawValue) }
    var items: [TemplateItem] { tree.items }

    /// The AST dump with spans.
    var dump: String {
        var p = TreePrinter(file: file)
        p.print(tree)
        return p.output
    }

    /// The AST dump without spans and without the file line: the shape of the tree.
    var shape: String {
        dump.split(separator: "\n").dropFirst().map { line in
            var s = String(line.dropFirst(2))
            if let at = s.range(of: " @", options: .backwards) { s = String(s[..<at.lowerBound]) }
            return s
        }.joined(separator: "\n")
    }

    /// The rendered diagnostics, as the golden files hold them.
    var rendered: String {
        HumanRenderer(sources: sources, color: false).render(diagnostics, summary: RenderSummary(counting: diagnostics, files: 1))
    }

    func text(_ span: Span) -> String { file.text(span) }

    /// The first diagnostic with `code`.
    func first(_ code: String) -> Diagnostic? { diagnostics.first { $0.code.rawValue == code } }

    /// The items that are not whitespace-only text.
    var significant: [TemplateItem] {
        items.filter { if case .text(let t) = $0.kind { !t.allSatisfy(\.isWhitespace) } else { true } }
    }
}

func parseTemplate(_ text: String, path: String = "templates/test.html") -> ParsedTemplate {
    parseTemplate(bytes: Array(text.utf8), path: path)
}

func parseTemplate(bytes: [UInt8], path: String = "templates/test.html") -> ParsedTemplate {
    var sources = SourceMap()
    let file = sources.add(path: path, bytes: bytes)
    let (tree, diagnostics) = TemplateParser.parse(file)
    return ParsedTemplate(sources: sources, file: file, tree: tree, diagnostics: diagnostics)
}

/// The expression of the first output item, or nil.
func templateOutputExpr(_ p: ParsedTemplate) -> TemplateExpr? {
    for item in p.items {
        if case .output(let o) = item.kind { return o.expression }
        if case .rawOutput(let o) = item.kind { return o.expression }
    }
    return nil
}
