import OmniBase
import Testing
@testable import OmniSyntax

/// `{{expr}}`, `{{{expr}}}`, expressions and helpers.
@Suite struct TemplateOutputTests {
    func shape(_ source: String) -> String { parseTemplate(source).shape }

    @Test func pathsAndLiterals() {
        #expect(shape("{{user.profile.name}}") == "Output (text)\n  Path user.profile.name")
        #expect(shape("{{this}}") == "Output (text)\n  Path this")
        #expect(shape("{{this.title}}") == "Output (text)\n  Path this.title")
        #expect(shape("{{\"hi\"}}{{42}}{{-1.5}}{{true}}{{null}}") == """
        Output (text)
          String "hi"
        Output (text)
          Number 42
        Output (text)
          Number -1.5
        Output (text)
          Bool true
        Output (text)
          Null
        """)
    }

    @Test func rawOutput() {
        let p = parseTemplate("{{{trusted_html}}}")
        #expect(p.diagnostics.isEmpty)
        #expect(p.shape == "RawOutput (text)\n  Path trusted_html")
    }

    @Test func helperCallsInMustacheAndSubexpressionForm() {
        let p = parseTemplate("{{format_date post.createdAt \"yyyy\"}} {{upper (default name \"anon\")}}")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        #expect(p.shape == """
        Output (text)
          Helper format_date
            Path post.createdAt
            String "yyyy"
        Text " "
        Output (text)
          Helper upper
            Helper default
              Path name
              String "anon"
        """)
    }

    @Test func unknownHelperGetsDidYouMean() throws {
        let p = parseTemplate("{{formatdate post.createdAt}}")
        let d = try #require(p.first("E0715"))
        #expect(p.codes == ["E0715"])
        #expect(d.fixes.first?.edits.first?.replacement == "format_date")
        #expect(parseTemplate("{{#if (equal a b)}}x{{/if}}").codes == ["E0715"])
        #expect(parseTemplate("{{#if (user.admin)}}x{{/if}}").codes == ["E0715"])
    }

    @Test func helperArity() throws {
        #expect(parseTemplate("{{#if (eq a)}}x{{/if}}").codes == ["E0716"])
        #expect(parseTemplate("{{#if (not a b)}}x{{/if}}").codes == ["E0716"])
        #expect(parseTemplate("{{#if (and a b c d)}}x{{/if}}").diagnostics.isEmpty)
        let p = parseTemplate("{{length}}")
        let d = try #require(p.first("E0716"))
        #expect(d.notes.contains { $0.contains("this.length") })
        #expect(parseTemplate("{{this.length}}").diagnostics.isEmpty)
    }

    @Test func bareHelperAsAnArgumentNeedsParentheses() throws {
        let p = parseTemplate("{{upper default name \"x\"}}")
        let d = try #require(p.first("E0717"))
        #expect(d.fixes.first?.edits.map(\.replacement) == ["(", ")"])
    }

    @Test func malformedExpressions() {
        #expect(parseTemplate("{{}}").codes == ["E0704"])
        #expect(parseTemplate("{{user.}}").codes == ["E0704"])
        #expect(parseTemplate("{{user/name}}").codes == ["E0704"])
        #expect(parseTemplate("{{a b}}").codes == ["E0715"])
        #expect(parseTemplate("{{user.name \"x\"}}").codes == ["E0704"])
        #expect(parseTemplate("{{#if (eq a b}}x{{/if}}").codes == ["E0704"])
        #expect(parseTemplate("{{#if ()}}x{{/if}}").codes == ["E0704"])
        #expect(parseTemplate("{{%}}").codes == ["E0704"])
    }

    @Test func dataVariablesOnlyInsideEach() throws {
        #expect(parseTemplate("{{#each xs as |x|}}{{@index}}{{@first}}{{@last}}{{/each}}").diagnostics.isEmpty)
        #expect(parseTemplate("{{@index}}").codes == ["E0718"])
        let p = parseTemplate("{{#each xs as |x|}}{{@idx}}{{/each}}")
        #expect(p.first("E0718")?.fixes.first?.edits.first?.replacement == "@index")
    }

    @Test func parentPathsAreRejectedAndRecovered() throws {
        let p = parseTemplate("{{#each posts as |post|}}{{../title}}{{/each}}")
        #expect(p.codes == ["E0719"])
        #expect(p.shape.contains("Path title"))
    }

    @Test func unsupportedMustacheForms() throws {
        #expect(parseTemplate("{{^x}}").codes == ["E0730"])
        let p = parseTemplate("{{& html}}")
        #expect(p.codes == ["E0730"])
        #expect(p.first("E0730")?.fixes.first?.edits.first?.replacement == "{{{html}}}")
    }

    @Test func deepSubexpressionsAreBounded() {
        let depth = 5_000
        let source = "{{#if " + String(repeating: "(not ", count: depth) + "x" + String(repeating: ")", count: depth) + "}}y{{/if}}"
        let p = parseTemplate(source)
        #expect(p.codes == ["E0726"])
    }
}
