import OmniBase
import Testing
@testable import OmniSyntax

/// `{{~` strips the whitespace before a tag and `~}}` the whitespace after it, on every tag kind.
@Suite struct TemplateWhitespaceTests {
    @Test func tildeStripsBothSides() {
        let p = parseTemplate("<p>  {{~name~}}  </p>")
        #expect(p.shape == "Text \"<p>\"\nOutput (text)\n  Path name\nText \"</p>\"")
    }

    @Test func newlinesAreWhitespaceToo() {
        let p = parseTemplate("<ul>\n  {{~#each xs as |x|~}}\n    <li>{{x}}</li>\n  {{~/each~}}\n</ul>")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        #expect(p.shape == """
        Text "<ul>"
        Each |x|
          Iterable
            Path xs
          Text "<li>"
          Output (text)
            Path x
          Text "</li>"
        Text "</ul>"
        """)
    }

    @Test func everyTagKindTakesTildes() {
        let p = parseTemplate("""
        a {{~! c ~}} b {{~!-- d --~}} c {{~{raw}~}} d {{~> _p~}} e {{~#if x~}} f {{~else~}} g {{~/if~}} h
        """)
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        let texts = p.dump.split(separator: "\n").filter { $0.contains("Text \"") }.map { String($0).trimmingPrefixSpaces }
        #expect(texts.map { $0.split(separator: " @")[0] } == ["Text \"a\"", "Text \"b\"", "Text \"c\"", "Text \"d\"", "Text \"e\"",
                                                                "Text \"f\"", "Text \"g\"", "Text \"h\""])
    }

    @Test func withoutTildesWhitespaceIsKept() {
        let p = parseTemplate("a {{x}} b")
        #expect(p.shape == "Text \"a \"\nOutput (text)\n  Path x\nText \" b\"")
    }

    @Test func strippedSpansStayInsideTheOriginalText() throws {
        let p = parseTemplate("<p>   {{~x}}")
        let text = try #require(p.items.first)
        #expect(p.text(text.span) == "<p>")
    }
}

extension String {
    fileprivate var trimmingPrefixSpaces: String { String(drop(while: { $0 == " " })) }
}
