import OmniBase
import Testing
@testable import OmniSyntax

/// `{{#each list as |item index|}} … {{else}} … {{/each}}`.
@Suite struct TemplateEachTests {
    @Test func eachWithIndexAndElse() throws {
        let p = parseTemplate("{{#each users as |user i|}}{{i}}:{{user.name}}{{else}}none{{/each}}")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        guard case .eachBlock(let e) = p.items[0].kind else { Issue.record("no each"); return }
        #expect(e.item.name == "user")
        #expect(e.index?.name == "i")
        #expect(e.items.count == 3)
        #expect(e.elseItems?.count == 1)
        #expect(p.text(e.item.span) == "user")
        #expect(e.itemID != .none && e.indexID != nil)
    }

    @Test func missingAsSuggestsASingularName() throws {
        let p = parseTemplate("{{#each posts}}x{{/each}}")
        #expect(p.codes == ["E0710"])
        let d = try #require(p.first("E0710"))
        #expect(d.help.contains { $0.contains("as |item|") })
        #expect(d.fixes.first?.edits.first?.replacement == " as |post|")
        #expect(parseTemplate("{{#each categories}}x{{/each}}").first("E0710")?.fixes.first?.edits.first?.replacement == " as |category|")
    }

    @Test func malformedBlockParameters() {
        #expect(parseTemplate("{{#each xs as x}}y{{/each}}").codes == ["E0710"])
        #expect(parseTemplate("{{#each xs as |x}}y{{/each}}").codes == ["E0710"])
        #expect(parseTemplate("{{#each xs as |x, i|}}y{{/each}}").codes == ["E0710"])
        #expect(parseTemplate("{{#each xs as ||}}y{{/each}}").codes == ["E0710"])
        #expect(parseTemplate("{{#each xs as |a b c|}}y{{/each}}").codes == ["E0710"])
        #expect(parseTemplate("{{#each xs as |x x|}}y{{/each}}").codes == ["E0710"])
        #expect(parseTemplate("{{#each xs as |this|}}y{{/each}}").codes == ["E0710"])
        #expect(parseTemplate("{{#each as |x|}}y{{/each}}").codes == ["E0717"])
    }

    @Test func elseIfIsNotForEach() {
        #expect(parseTemplate("{{#each xs as |x|}}a{{else if y}}b{{/each}}").codes == ["E0709"])
    }

    @Test func eachOverASubexpression() {
        let p = parseTemplate("{{#each (default posts featured) as |p|}}{{p.title}}{{/each}}")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
    }
}
