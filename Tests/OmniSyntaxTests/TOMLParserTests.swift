import OmniBase
import OmniSyntax
import Testing

/// Values, spans, diagnostics and recovery of the TOML reader, on in-memory sources.
@Suite("TOML: parser")
struct TOMLParserTests {
    @Test func scalarsHaveTheirValuesAndSpans() throws {
        let r = TOMLTestSupport.parse("""
            s = "a\\tb\\u00E9\\U0001F600"
            l = 'C:\\path'
            i = -1_000
            h = 0xDEAD_beef
            o = 0o755
            b = 0b1010
            f = 6.626e-34
            n = -nan
            t = true
            odt = 1979-05-27 07:32:00.999-07:00
            ldt = 1979-05-27T07:32:00
            ld = 1979-05-27
            lt = 07:32:00.5
            min = -9223372036854775808
            """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        let d = r.document
        #expect(d["s"]?.string == "a\tbé😀")
        #expect(d["l"]?.string == "C:\\path")
        #expect(d["i"]?.integer == -1000)
        #expect(d["h"]?.integer == 0xDEADBEEF)
        #expect(d["o"]?.integer == 0o755)
        #expect(d["b"]?.integer == 10)
        #expect(d["f"]?.float == 6.626e-34)
        #expect(d["n"]?.float?.isNaN == true)
        #expect(d["t"]?.bool == true)
        #expect(d["min"]?.integer == Int64.min)
        let odt = try #require(d["odt"])
        guard case .offsetDateTime(let dt) = odt.kind else { Issue.record("not an offset date-time"); return }
        #expect(dt.offsetMinutes == -420)
        #expect(dt.time?.nanosecond == 999_000_000)
        #expect(dt.normalized == "1979-05-27T07:32:00.999-07:00")
        #expect(r.file.text(odt.span) == "1979-05-27 07:32:00.999-07:00")
        if case .localDateTime = d["ldt"]?.kind {} else { Issue.record("ldt") }
        if case .localDate = d["ld"]?.kind {} else { Issue.record("ld") }
        if case .localTime(let t) = d["lt"]?.kind { #expect(t.time?.fraction == "5") } else { Issue.record("lt") }
        #expect(r.file.text(d["h"]!.span) == "0xDEAD_beef")
    }

    @Test func multiLineStringsTrimAndJoin() {
        let r = TOMLTestSupport.parse("a = \"\"\"\none \\\n    two\"\"\"\"\nb = '''\r\nx\r\ny'''\n")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.document["a"]?.string == "one two\"")
        #expect(r.document["b"]?.string == "x\ny")
    }

    @Test func tablesDottedKeysAndArraysOfTables() throws {
        let r = TOMLTestSupport.parse("""
            a.b.c = 1
            [x.y]
            z = { p.q = 2, r = [1, "two", 3.0] }
            [[fruit]]
            name = "apple"
            [fruit.physical]
            color = "red"
            [[fruit]]
            name = "banana"
            """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.document.value(at: ["a", "b", "c"])?.integer == 1)
        #expect(r.document.value(at: ["x", "y", "z", "p", "q"])?.integer == 2)
        #expect(r.document["x"]?["y"]?["z"]?["r"]?.array?.count == 3)
        #expect(r.document["fruit"]?[0]?["physical"]?["color"]?.string == "red")
        #expect(r.document["fruit"]?[1]?["name"]?.string == "banana")
        let inline = try #require(r.document.value(at: ["x", "y", "z"]))
        #expect(r.file.text(inline.span) == "{ p.q = 2, r = [1, \"two\", 3.0] }")
        #expect(inline.table?.origin == .inline)
    }

    @Test func duplicateKeyLabelsTheFirstDefinition() throws {
        let r = TOMLTestSupport.parse("[server]\nport = 8080\nhost = \"x\"\nport = 9090\n")
        #expect(r.codes == ["E0620"])
        let d = try #require(r.diagnostics.first)
        #expect(d.message == "the key `port` is defined twice")
        #expect(r.errorLines == [4])
        #expect(d.labels.count == 1)
        #expect(r.file.location(of: Int(d.labels[0].span.start)).line == 2)
        #expect(d.labels[0].message == "first defined here")
    }

    @Test(arguments: [
        ("[a]\n[a]", "E0621"),
        ("[a]\nb.c = 1\n[a.b]", "E0625"),
        ("[a.b]\n[a]\nb.c = 1", "E0625"),
        ("a = {}\n[a.b]", "E0622"),
        ("a = { b = 1 }\na.c = 2", "E0622"),
        ("a = 1\n[a]", "E0623"),
        ("a = 1\na.b = 2", "E0623"),
        ("a = [1]\n[[a]]", "E0624"),
        ("[[a]]\n[a]", "E0624"),
        ("[a]\n[[a]]", "E0624"),
        ("a = [1]\n[a.b]", "E0623"),
    ])
    func redefinitionRules(_ source: String, _ code: String) {
        let r = TOMLTestSupport.parse(source)
        #expect(r.codes == [code], "\(source)\n\(r.report)")
    }

    @Test(arguments: [
        "[a.b.c]\n[a]\nx = 1",             // an implicit table can be defined later
        "[a]\nb.c = 1\n[a.b.d]\ne = 1",       // a header may add sub-tables to a dotted table
        "[[a]]\n[a.b]\n[[a]]\n[a.b]",         // sub-tables of each array element
        "a.b = 1\na.c = 2",
    ])
    func allowedExtensions(_ source: String) {
        let r = TOMLTestSupport.parse(source)
        #expect(r.diagnostics.isEmpty, "\(source)\n\(r.report)")
    }

    @Test func recoversAndReportsEveryIndependentError() {
        let r = TOMLTestSupport.parse("""
            [project]
            name = blog
            version = 01
            ok1 = 1
            [server
            port = 8080
            host = "localhost
            ok2 = 2
            [build]
            opt_level = 2023-13-01
            flags = [1, 2
            ok3 = 3
            """)
        #expect(r.codes == ["E0627", "E0609", "E0619", "E0606", "E0613", "E0614"], "\(r.report)")
        #expect(r.errorLines == [2, 3, 5, 7, 10, 11])
        #expect(r.document["project"]?["ok1"]?.integer == 1)
        #expect(r.document["build"]?["ok3"]?.integer == 3)
        // Keys under the broken header are checked but kept out of the document.
        #expect(r.document["server"] == nil)
    }

    @Test func unclosedArrayPointsAtItsBracketAndResumes() throws {
        let r = TOMLTestSupport.parse("xs = [\n  1,\n  2\nname = \"x\"\n")
        #expect(r.codes == ["E0614"], "\(r.report)")
        let d = try #require(r.diagnostics.first)
        #expect(r.file.text(d.span) == "[")
        #expect(d.fixes.first?.edits.first?.replacement == "]")
        #expect(r.document["name"]?.string == "x")
    }

    @Test func inlineTableErrors() {
        #expect(TOMLTestSupport.parse("t = { a = 1, }").codes == ["E0617"])
        #expect(TOMLTestSupport.parse("t = { a = 1 b = 2 }").codes == ["E0615"])
        #expect(TOMLTestSupport.parse("t = {\n  a = 1,\n  b = 2\n}\nc = 3").codes == ["E0616"])
        #expect(TOMLTestSupport.parse("t = { a = 1\nc = 3").codes == ["E0615"])
    }

    @Test func messagesSayWhatWasExpectedAndFound() {
        let cases: [(String, String)] = [
            ("port 8080", "expected `=` after the key `port`, found `8`"),
            ("port =", "expected a value after `port =`, found the end of the file"),
            ("a = 1 b = 2", "expected a newline after the value of `a`, found `b`"),
            ("a = \"\\q\"", "invalid escape sequence `\\q`"),
            ("a = \"\\uD800\"", "the escape `\\uD800` is a surrogate, not a Unicode scalar value"),
            ("a = 9223372036854775808", "the integer `9223372036854775808` does not fit in 64 bits"),
            ("a = 1.", "invalid float `1.`: a float needs digits after the `.`"),
            ("a = 2021-02-29", "invalid date-time `2021-02-29`: day 29 is out of range: 2021 is not a leap year"),
            ("a = 12:60:00", "invalid date-time `12:60:00`: minute 60 is out of range (00–59)"),
            ("a = True", "expected a value, found `True`"),
            ("[[a] ]", "expected `]]` to close the array-of-tables header, found `]`"),
        ]
        for (source, message) in cases {
            let r = TOMLTestSupport.parse(source)
            #expect(r.diagnostics.first?.message == message, "\(source)\n\(r.report)")
        }
    }

    @Test func fixItsRepairTheSource() {
        for (source, fixed) in [("name = blog", "name = \"blog\""), ("a = .5", "a = 0.5"), ("a = 007", "a = 7"),
                                ("a = 0XFF", "a = 0xFF"), ("a = TRUE", "a = true"), ("t = { a = 1, }", "t = { a = 1 }"),
                                ("[a", "[a]"), ("xs = [1, 2", "xs = [1, 2]")] {
            let r = TOMLTestSupport.parse(source)
            guard let fix = r.diagnostics.first?.fixes.first else { Issue.record("no fix for \(source)"); continue }
            var bytes = Array(source.utf8)
            for e in fix.edits.sorted(by: { $0.span.start > $1.span.start }) {
                bytes.replaceSubrange(e.span.range, with: Array(e.replacement.utf8))
            }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text == fixed)
            #expect(TOMLTestSupport.parse(text).diagnostics.isEmpty, "\(text)")
        }
    }

    @Test func crlfBomAndComments() {
        let r = TOMLTestSupport.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("# c\r\na = 1 # x\r\n[t] # y\r\nb = 2\r\n".utf8))
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.document["t"]?["b"]?.integer == 2)
        #expect(TOMLTestSupport.parse("a = 1\rb = 2").codes == ["E0601"])
    }

    @Test func invalidUTF8IsReportedOncePerRun() {
        let r = TOMLTestSupport.parse(bytes: Array("a = \"".utf8) + [0xC3, 0x28, 0xFF] + Array("\"\nb = 1\n".utf8))
        #expect(r.codes == ["E0600"], "\(r.report)")
        #expect(r.document["b"]?.integer == 1)
    }
}
