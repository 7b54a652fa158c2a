import OmniBase
import Testing
@testable import OmniSyntax

/// The HTML of text runs: contexts of mustaches and nesting of elements.
@Suite struct TemplateHTMLTests {
    func contexts(_ source: String) -> [String] {
        parseTemplate(source).items.compactMap { item in
            if case .output(let o) = item.kind { return o.context.description }
            if case .rawOutput(let o) = item.kind { return o.context.description }
            return nil
        }
    }

    @Test func outputContexts() {
        #expect(contexts("<p>{{a}}</p>") == ["text"])
        #expect(contexts("<a href=\"/u/{{id}}\" title='{{t}}' data-x={{x}} {{attrs}}>") == ["attribute href", "attribute title", "attribute data-x", "tag"])
        #expect(contexts("<script>var n = {{n}}</script><style>.a { color: {{c}} }</style>") == ["raw-text script", "raw-text style"])
        #expect(contexts("<!-- {{a}} --><p>{{b}}</p>") == ["html-comment", "text"])
        #expect(contexts("<!DOCTYPE html><p>{{a}}</p>") == ["text"])
    }

    @Test func voidSelfClosingAndRawTextElements() {
        #expect(parseTemplate("<p>a<br>b<img src=\"x\"><input type=\"text\"/><svg><path d=\"M0\"/></svg></p>").diagnostics.isEmpty)
        #expect(parseTemplate("<script>if (a < b) { x('</p>') }</script>").diagnostics.isEmpty)
        #expect(parseTemplate("<p>a < b</p>").diagnostics.isEmpty)
    }

    @Test func mismatchedClosingTagHasALabelAtTheOpeningTag() throws {
        let p = parseTemplate("<div>\n  <span>Hi</div>")
        #expect(p.codes == ["E0720"])
        let d = try #require(p.first("E0720"))
        #expect(p.text(d.span) == "</div>")
        #expect(d.labels.map { p.text($0.span) } == ["<span>"])
        #expect(d.fixes.first?.edits.first?.replacement == "</span>")
    }

    @Test func unexpectedAndVoidClosingTags() {
        #expect(parseTemplate("<p>x</p></section>").codes == ["E0721"])
        #expect(parseTemplate("<p>a<br></br></p>").codes == ["E0721"])
    }

    @Test func unclosedElementsAtTheEnd() throws {
        let p = parseTemplate("<main><section><p>x</p>")
        #expect(p.codes == ["E0722"])
        let d = try #require(p.first("E0722"))
        #expect(p.text(d.span) == "<section>")
        #expect(d.fixes.first?.edits.first?.replacement == "</section></main>")
        #expect(parseTemplate("<p class=\"x\"").codes == ["E0722"])
        #expect(parseTemplate("<!-- x").codes == ["E0725"])
        #expect(parseTemplate("<script>var a").codes == ["E0725"])
    }

    @Test func elementsNestInsideBlockBranches() throws {
        #expect(parseTemplate("{{#if a}}<p>x</p>{{else}}<div>y</div>{{/if}}").diagnostics.isEmpty)
        let open = parseTemplate("{{#if a}}<p>x{{/if}}")
        #expect(open.codes == ["E0723"])
        #expect(open.first("E0723")?.labels.map { open.text($0.span) } == ["<p>"])
        let crossing = parseTemplate("<div>{{#if a}}</div>{{/if}}")
        #expect(crossing.codes == ["E0723"])
    }

    @Test func blocksInsideTagsAndAttributeValues() {
        #expect(parseTemplate("<a {{#if on}}class=\"on\"{{/if}} href=\"/\">x</a>").diagnostics.isEmpty)
        #expect(parseTemplate("<li class=\"item {{#if on}}on{{else}}off{{/if}}\">x</li>").diagnostics.isEmpty)
        #expect(parseTemplate("<input {{#if d}}disabled{{/if}}>").diagnostics.isEmpty)
        #expect(parseTemplate("<p class=\"{{#if on}}active\">x{{/if}}</p>").codes.contains("E0724"))
    }
}
