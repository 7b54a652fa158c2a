import Testing
@testable import OmniHTML

private func render(_ body: (inout HTMLWriter) -> Void) -> String {
    var w = HTMLWriter(capacity: 16)
    body(&w)
    return w.string
}

@Suite struct TextEscapingTests {
    @Test func plainTextIsUnchanged() {
        #expect(render { $0.text("Hello, world") } == "Hello, world")
        #expect(render { $0.text("") } == "")
    }

    @Test func markupCharactersAreEscaped() {
        #expect(render { $0.text("<script>alert(1)</script>") } == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(render { $0.text("a & b") } == "a &amp; b")
        #expect(render { $0.text("&amp;") } == "&amp;amp;")
    }

    @Test func quotesAreKeptInText() {
        #expect(render { $0.text("it's \"fine\"") } == "it's \"fine\"")
    }

    @Test func nonASCIIPassesThrough() {
        #expect(render { $0.text("Ünïcødé 日本語 🎉 <b>") } == "Ünïcødé 日本語 🎉 &lt;b&gt;")
    }

    @Test func nulBecomesReplacementCharacter() {
        #expect(render { $0.text("a\u{0}b") } == "a\u{FFFD}b")
    }

    @Test func escapingAtBothEnds() {
        #expect(render { $0.text("<x>") } == "&lt;x&gt;")
        #expect(render { $0.text("<<>>") } == "&lt;&lt;&gt;&gt;")
    }

    @Test func longStringsMatchAReferenceEscaper() {
        var rng = SplitMix(seed: 42)
        let alphabet = Array("ab <>&\"'\u{0}é日🎉\n".unicodeScalars)
        for _ in 0..<200 {
            var s = ""
            for _ in 0..<Int(rng.next() % 64) {
                s.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
            }
            #expect(render { $0.text(s) } == referenceEscape(s, attribute: false))
            #expect(render { $0.attributeValue(s) } == referenceEscape(s, attribute: true))
        }
    }
}

@Suite struct AttributeEscapingTests {
    @Test func attributeIsQuotedAndEscaped() {
        #expect(render { $0.attribute("title", "a \"quoted\" 'value' <b> & c") }
            == " title=\"a &quot;quoted&quot; &#39;value&#39; &lt;b&gt; &amp; c\"")
    }

    @Test func breakingOutOfTheAttributeIsImpossible() {
        let evil = "\" onmouseover=\"alert(1)"
        #expect(render { $0.attribute("class", evil) } == " class=\"&quot; onmouseover=&quot;alert(1)\"")
        #expect(render { $0.attribute("class", "' onload='x") } == " class=\"&#39; onload=&#39;x\"")
    }

    @Test func numericAndBooleanAttributes() {
        #expect(render { $0.attribute("width", 120) } == " width=\"120\"")
        #expect(render { $0.attribute("x", 2.5) } == " x=\"2.5\"")
        #expect(render { $0.booleanAttribute("disabled", true) } == " disabled")
        #expect(render { $0.booleanAttribute("disabled", false) } == "")
    }

    @Test func rawWritesStaticMarkup() {
        #expect(render { $0.raw("<div class=\"a\">"); $0.text("x"); $0.raw("</div>") } == "<div class=\"a\">x</div>")
        #expect(render { $0.rawTrusted("<b>ok</b>") } == "<b>ok</b>")
    }
}

@Suite struct URLTests {
    @Test(arguments: [
        "https://example.com/a?b=c&d=e", "http://x", "/relative/path", "relative", "?q=1", "#top",
        "//cdn.example.com/x.js", "mailto:a@b.c", "tel:+123", "HTTPS://EXAMPLE.COM", "a/b:c", "",
    ])
    func safeURLsAreKept(_ url: String) {
        #expect(HTMLWriter.isSafeURL(url), "\(url)")
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "\u{1}javascript:x",
        "java\tscript:alert(1)", "java\nscript:x", "jav\rascript:x", "data:text/html,<script>", "vbscript:x",
        "file:///etc/passwd", "javascript&colon;alert(1):", "foo bar:baz", "\u{0}javascript:x",
    ])
    func unsafeURLsAreRefused(_ url: String) {
        #expect(!HTMLWriter.isSafeURL(url), "\(url.debugDescription)")
        #expect(render { $0.url("href", url) } == " href=\"#\"")
    }

    @Test func safeURLIsAttributeEscaped() {
        #expect(render { $0.url("href", "/search?q=a&b=\"c\"") } == " href=\"/search?q=a&amp;b=&quot;c&quot;\"")
    }

    @Test func urlComponentPercentEncodes() {
        #expect(render { $0.urlComponent("a b/c?d=é&\"<>'") } == "a%20b%2Fc%3Fd%3D%C3%A9%26%22%3C%3E%27")
        #expect(render { $0.urlComponent("Az09-._~") } == "Az09-._~")
    }

    @Test func urlComponentCannotInjectAScheme() {
        #expect(render { $0.raw(" href=\"/u/"); $0.urlComponent("javascript:alert(1)"); $0.raw("\"") }
            == " href=\"/u/javascript%3Aalert%281%29\"")
    }
}

@Suite struct ScriptAndNumberTests {
    @Test func jsonInScriptCannotCloseTheElement() {
        #expect(render { $0.jsonInScript(#"{"a":"</script><!--"}"#) } == #"{"a":"\u003c/script>\u003c!--"}"#)
        #expect(render { $0.jsonInScript("[\"\u{2028}\u{2029}é\"]") } == #"["\u2028\u2029é"]"#)
    }

    @Test func integers() {
        #expect(render { $0.int(0) } == "0")
        #expect(render { $0.int(-42) } == "-42")
        #expect(render { $0.int(Int.max) } == "9223372036854775807")
        #expect(render { $0.int(Int.min) } == "-9223372036854775808")
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (3.0, "3"), (-7.0, "-7"), (0.1, "0.1"), (2.5, "2.5"), (123.456, "123.456"),
        (0.001, "0.001"), (0.000001, "0.000001"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (1e21, "1e+21"),
        (1.25e25, "1.25e+25"), (1e20, "100000000000000000000"), (12345678901234567890.0, "12345678901234567000"),
        (1152921504606846976.0, "1152921504606847000"), (9007199254740991.0, "9007199254740991"),
        (Double.nan, "NaN"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
        (-0.5, "-0.5"), (1.0 / 3.0, "0.3333333333333333"), (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    ])
    func numbersMatchJavaScript(_ value: Double, _ expected: String) {
        #expect(render { $0.number(value) } == expected)
    }
}

@Suite struct WriterTests {
    @Test func resetKeepsCapacityAndFinishEmpties() {
        var w = HTMLWriter(capacity: 64)
        w.text("hello")
        #expect(w.count == 5)
        w.reset()
        #expect(w.count == 0)
        w.raw("<p>")
        #expect(w.finish() == Array("<p>".utf8))
        #expect(w.count == 0)
    }
}

/// A deliberately simple escaper the fast one is compared to.
func referenceEscape(_ s: String, attribute: Bool) -> String {
    var out = ""
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"" where attribute: out += "&quot;"
        case "'" where attribute: out += "&#39;"
        case "\u{0}": out += "\u{FFFD}"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}

/// A small seeded generator for reproducible property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
