import Testing
@testable import OmniHTML

private func render(_ body: (inout HTMLWriter) -> Void) -> String {
    var w = HTMLWriter(capacity: 16)
    body(&w)
    return w.string
}

@Suite struct TemplateEscapingTests {
    @Test func int64AndBool() {
        #expect(render { $0.int(Int64(-42)) } == "-42")
        #expect(render { $0.int(Int64.min) } == "-9223372036854775808")
        #expect(render { $0.bool(true); $0.bool(false) } == "truefalse")
    }

    @Test func unquotedValuesCannotEndTheAttribute() {
        #expect(render { $0.unquotedAttributeValue("a b") } == "a&#32;b")
        #expect(render { $0.unquotedAttributeValue("x onmouseover=alert(1)") } == "x&#32;onmouseover&#61;alert(1)")
        #expect(render { $0.unquotedAttributeValue("\"'<>&`\t\n") } == "&#34;&#39;&#60;&#62;&#38;&#96;&#9;&#10;")
        #expect(render { $0.unquotedAttributeValue("héllo") } == "héllo")
        #expect(render { $0.unquotedAttributeValue("a\u{0}b") } == "a\u{FFFD}b")
    }

    @Test func unquotedURLsAreCheckedAndEscaped() {
        #expect(render { $0.unquotedURLValue("javascript:alert(1)") } == "#")
        #expect(render { $0.unquotedURLValue("/a b?x=1") } == "/a&#32;b?x&#61;1")
    }

    @Test func jsStringsCannotLeaveTheirContext() {
        #expect(render { $0.jsString("hi there") } == "\"hi there\"")
        #expect(render { $0.jsString("</script><b>") } == #""\u003C\u002Fscript\u003E\u003Cb\u003E""#)
        #expect(render { $0.jsString("');alert(1);//") } == #""\u0027);alert(1);\u002F\u002F""#)
        #expect(render { $0.jsString("\"`${x}\\&=") } == #""\u0022\u0060\u0024{x}\u005C\u0026\u003D""#)
        #expect(render { $0.jsString("a\u{2028}b\nc") } == #""a\u2028b\u000Ac""#)
        #expect(render { $0.jsString("a b", unquoted: true) } == #""a\u0020b""#)
        #expect(render { $0.jsString("日本") } == "\"日本\"")
    }

    @Test func cssValuesOutsideTheSafeSetAreReplaced() {
        #expect(render { $0.cssValue("#ff0000") } == "#ff0000")
        #expect(render { $0.cssValue("12.5px") } == "12.5px")
        #expect(render { $0.cssValue("Helvetica Neue") } == "Helvetica Neue")
        #expect(render { $0.cssValue("Helvetica Neue", unquoted: true) } == "unsafe")
        #expect(render { $0.cssValue("red; background: url(x)") } == "unsafe")
        #expect(render { $0.cssValue("</style>") } == "unsafe")
        #expect(render { $0.cssValue("expression(alert(1))") } == "unsafe")
    }

    @Test func onlyPlainAttributeNamesAreWrittenInsideATag() {
        #expect(render { $0.attributeName("disabled") } == "disabled")
        #expect(render { $0.attributeName("data-x.y:z_1") } == "data-x.y:z_1")
        #expect(render { $0.attributeName("onclick") } == "")
        #expect(render { $0.attributeName("hx-on:click") } == "")
        #expect(render { $0.attributeName("style") } == "")
        #expect(render { $0.attributeName("href") } == "")
        #expect(render { $0.attributeName("a b") } == "")
        #expect(render { $0.attributeName("x=1") } == "")
        #expect(render { $0.attributeName("") } == "")
        #expect(render { $0.attributeName("1x") } == "")
    }

    @Test func htmlInsideAnAttributeIsEscapedTwice() {
        #expect(render { $0.htmlInAttribute("<script>&\"") } == "&amp;lt;script&amp;gt;&amp;amp;&amp;quot;")
    }

    @Test func attributeClassification() {
        #expect(HTMLWriter.isURLAttribute("href") && HTMLWriter.isURLAttribute("hx-get"))
        #expect(!HTMLWriter.isURLAttribute("class"))
        #expect(HTMLWriter.isScriptAttribute("onclick") && HTMLWriter.isScriptAttribute("hx-on:click"))
        #expect(!HTMLWriter.isScriptAttribute("class"))
    }
}
