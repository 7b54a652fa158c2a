import OmniBase
import Testing
@testable import OmniSyntax

/// `{{#if}}`, `{{else if}}`, `{{else}}`, `{{#unless}}` and block closing.
@Suite struct TemplateConditionalTests {
    @Test func ifElseIfElse() throws {
        let p = parseTemplate("{{#if a}}1{{else if (eq b \"x\")}}2{{else}}3{{/if}}")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        #expect(p.shape == """
        If
          Branch
            Condition
              Path a
            Text "1"
          Branch
            Condition
              Helper eq
                Path b
                String "x"
            Text "2"
          Else
            Text "3"
        """)
        guard case .ifBlock(let b) = p.items[0].kind else { Issue.record("no if"); return }
        #expect(b.closeTag.map(p.text) == "{{/if}}")
        #expect(b.elseTag.map(p.text) == "{{else}}")
        #expect(p.text(p.items[0].span) == p.file.text)
    }

    @Test func unlessWithElse() {
        let p = parseTemplate("{{#unless done}}todo{{else}}done{{/unless}}")
        #expect(p.diagnostics.isEmpty)
        #expect(p.shape.hasPrefix("Unless\n  Branch"))
        #expect(parseTemplate("{{#unless a}}x{{else if b}}y{{/unless}}").codes == ["E0709"])
    }

    @Test func headerErrors() throws {
        #expect(parseTemplate("{{#if}}x{{/if}}").codes == ["E0717"])
        #expect(parseTemplate("{{#if a b}}x{{/if}}").codes == ["E0717"])
        let p = parseTemplate("{{#if eq a \"x\"}}y{{/if}}")
        #expect(p.codes == ["E0717"])
        #expect(p.first("E0717")?.fixes.first?.edits.map(\.replacement) == ["(", ")"])
    }

    @Test func elseErrors() throws {
        #expect(parseTemplate("x{{else}}y").codes == ["E0709"])
        let twice = parseTemplate("{{#if a}}1{{else}}2{{else}}3{{/if}}")
        #expect(twice.codes == ["E0709"])
        #expect(twice.first("E0709")?.labels.first.map { twice.text($0.span) } == "{{else}}")
        #expect(parseTemplate("{{#if a}}1{{else}}2{{else if b}}3{{/if}}").codes == ["E0709"])
    }

    @Test func mismatchedCloseHasALabelAtTheOpener() throws {
        let p = parseTemplate("<ul>{{#if a}}<li>x</li>{{/each}}</ul>")
        #expect(p.codes == ["E0706"])
        let d = try #require(p.first("E0706"))
        #expect(p.text(d.span) == "each")
        #expect(d.labels.map { p.text($0.span) } == ["{{#if a}}"])
        #expect(d.fixes.first?.edits.first?.replacement == "if")
    }

    @Test func closingAnOuterBlockReportsTheInnerOne() throws {
        let p = parseTemplate("{{#each xs as |x|}}{{#if x}}y{{/each}}")
        #expect(p.codes == ["E0706"])
        let d = try #require(p.first("E0706"))
        #expect(d.labels.map { p.text($0.span) } == ["{{#if x}}"])
        #expect(d.fixes.first?.edits.first?.replacement == "{{/if}}")
        #expect(p.shape.hasPrefix("Each |x|"))
    }

    @Test func unexpectedAndUnclosedBlocks() throws {
        #expect(parseTemplate("x{{/if}}").codes == ["E0707"])
        let p = parseTemplate("{{#if a}}{{#each xs as |x|}}<p>y</p>")
        #expect(p.codes == ["E0708"])
        let d = try #require(p.first("E0708"))
        #expect(p.text(d.span) == "{{#each xs as |x|}}")
        #expect(d.labels.map { p.text($0.span) } == ["{{#if a}}"])
        #expect(d.fixes.first?.edits.first?.replacement == "{{/each}}{{/if}}")
    }

    @Test func unknownBlockKeepsItsChildren() throws {
        let p = parseTemplate("{{#fro x in xs}}{{#if}}{{/if}}{{/fro}}")
        #expect(p.codes == ["E0705", "E0717"])
        let d = try #require(p.first("E0705"))
        #expect(d.fixes.first?.edits.first?.replacement == "each xs as |x|")
        #expect(parseTemplate("{{#iff a}}x{{/iff}}").first("E0705")?.fixes.first?.edits.first?.replacement == "if")
        #expect(parseTemplate("{{#layout \"app\"}}x{{/layout}}").first("E0705")?.help.first?.contains("{{! layout: app }}") == true)
    }

    @Test func twentyThousandNestedIfsGiveOneError() {
        let depth = 20_000
        let p = parseTemplate(String(repeating: "{{#if x}}", count: depth) + String(repeating: "{{/if}}", count: depth))
        #expect(p.codes == ["E0726"])
        let unclosed = parseTemplate(String(repeating: "{{#if x}}", count: depth))
        #expect(unclosed.codes == ["E0708", "E0726"])
    }
}
