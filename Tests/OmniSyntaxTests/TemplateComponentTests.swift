import OmniBase
import Testing
@testable import OmniSyntax

/// `{{#component "Counter" label="Clicks" start=3}}{{/component}}`.
@Suite struct TemplateComponentTests {
    @Test func componentWithProps() throws {
        let p = parseTemplate("{{#component \"Counter\" label=\"Clicks\" start=3}}{{/component}}")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        guard case .component(let c) = p.items[0].kind else { Issue.record("no component"); return }
        #expect(c.name.name == "Counter")
        #expect(p.text(c.name.span) == "Counter")
        #expect(c.arguments.map(\.key.name) == ["label", "start"])
        #expect(c.closeTag.map(p.text) == "{{/component}}")
        #expect(parseTemplate("{{#component \"Counter\"}}\n  {{! no content }}\n{{/component}}").diagnostics.isEmpty)
    }

    @Test func nameErrors() throws {
        let unquoted = parseTemplate("{{#component Counter}}{{/component}}")
        #expect(unquoted.codes == ["E0729"])
        #expect(unquoted.first("E0729")?.fixes.first?.edits.first?.replacement == "\"Counter\"")
        let lower = parseTemplate("{{#component \"my-counter\"}}{{/component}}")
        #expect(lower.first("E0729")?.fixes.first?.edits.first?.replacement == "MyCounter")
        #expect(parseTemplate("{{#component}}{{/component}}").codes == ["E0729"])
    }

    @Test func componentsTakeNoContentNorElse() {
        #expect(parseTemplate("{{#component \"Card\"}}<p>x</p>{{/component}}").codes == ["E0729"])
        #expect(parseTemplate("{{#component \"Card\"}}{{else}}{{/component}}").codes == ["E0709"])
        #expect(parseTemplate("{{#component \"Card\" title}}{{/component}}").codes == ["E0712"])
        #expect(parseTemplate("<a title=\"{{#component \"Card\"}}{{/component}}\"></a>").codes == ["E0732"])
    }
}
