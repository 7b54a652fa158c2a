import Foundation
import OmniBase
import OmniTestSupport
import Testing

@Suite struct JSONRendererTests {
    /// The diagnostics of the JSON and GitHub tests: every field, other files, odd text.
    static func sample() -> (SourceMap, [Diagnostic]) {
        var s = Sources()
        let f = s.add("components/Counter.omni", HumanRendererTests.counter)
        let other = s.add("app/schema.omni", "entity Café { 名前: String }\n")
        let ds = [
            Diagnostic(
                .error, "E0301", "cannot add `number` and `string`", at: f.span(from: "count()", to: "name()"),
                label: "mixed types",
                labels: [Label(f.span("count()"), "this is a `number`"), Label(other.span("名前"), "declared in \"schema\"")],
                notes: ["`+` adds numbers"], help: ["use a template literal"],
                fixes: [FixIt("use a template literal", edits: [
                    TextEdit(span: f.span(from: "count()", to: "name()"), replacement: "`${count()}${name()}`"),
                    TextEdit(span: other.after("String"), replacement: "?"),
                ])]),
            Diagnostic.warning("W0100", "quote \" backslash \\ tab \t newline \n cr \r nul \u{0} esc \u{1B} del \u{7F} ls \u{2028} é 👍",
                               at: other.span("Café")),
            Diagnostic(.note, "", "multi-line span and an empty one", at: f.span(from: "<script>", to: "</script>\n"),
                       labels: [Label(f.after("signal(0)"), "empty")]),
            Diagnostic(.error, "E9000", "unknown file", at: Span(file: FileID(77), start: 5, end: 2),
                       labels: [Label(f.span("count", occurrence: 1), "known")],
                       fixes: [.insert("x", at: Span(file: FileID(78), start: 0, end: 0), "nowhere")]),
        ]
        return (s.map, ds)
    }

    @Test func goldenPretty() {
        let (map, ds) = Self.sample()
        let json = JSONRenderer(sources: map, pretty: true).render(ds, summary: RenderSummary(counting: ds, files: 12))
        assertSnapshot(json + "\n", named: "diagnostics.json", in: renderFixtures)
    }

    @Test func compactIsOneLineAndSameDocument() throws {
        let (map, ds) = Self.sample()
        let summary = RenderSummary(counting: ds, files: 12)
        let compact = JSONRenderer(sources: map).render(ds, summary: summary)
        let pretty = JSONRenderer(sources: map, pretty: true).render(ds, summary: summary)
        #expect(compact.hasSuffix("}}"))
        #expect(!compact.contains("\n"))
        let a = try JSONSerialization.jsonObject(with: Data(compact.utf8)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: Data(pretty.utf8)) as? NSDictionary
        #expect(a != nil && a == b)
        // Keys in the documented order.
        let keys = ["\"file\"", "\"line\"", "\"column\"", "\"endLine\"", "\"endColumn\"", "\"severity\"", "\"code\"",
                    "\"message\"", "\"label\"", "\"labels\"", "\"notes\"", "\"help\"", "\"fixes\""]
        let first = JSONRenderer(sources: map).render(ds[0])
        let positions = keys.compactMap { first.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
    }

    @Test func everyContractField() throws {
        let (map, ds) = Self.sample()
        let json = JSONRenderer(sources: map).render(ds, summary: RenderSummary(errors: 2, warnings: 1, files: 12))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try #require(root["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 2)
        #expect(summary["warnings"] as? Int == 1)
        #expect(summary["files"] as? Int == 12)

        let all = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(all.count == 4)
        for d in all {
            for key in ["file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "labels", "notes", "help", "fixes"] {
                #expect(d[key] != nil, "missing \(key)")
            }
        }
        // Sorted: the unknown file (empty path) first, then app/schema.omni, then components/Counter.omni.
        #expect(all.map { $0["code"] as? String } == ["E9000", "W0100", "", "E0301"])

        let unknown = all[0]
        #expect(unknown["file"] is NSNull)
        #expect(unknown["line"] as? Int == 0 && unknown["endColumn"] as? Int == 0)
        let unknownLabel = try #require((unknown["labels"] as? [[String: Any]])?.first)
        #expect(unknownLabel["file"] as? String == "components/Counter.omni")
        #expect(unknownLabel["line"] as? Int == 3 && unknownLabel["column"] as? Int == 11)
        let nowhere = try #require(((unknown["fixes"] as? [[String: Any]])?.first?["edits"] as? [[String: Any]])?.first)
        #expect(nowhere["file"] is NSNull)

        let warning = all[1]
        #expect(warning["severity"] as? String == "warning")
        #expect(warning["message"] as? String == "quote \" backslash \\ tab \t newline \n cr \r nul \u{0} esc \u{1B} del \u{7F} ls \u{2028} é 👍")
        // "entity Café" — columns count scalars, so `é` is one column although it is two bytes.
        #expect(warning["line"] as? Int == 1 && warning["column"] as? Int == 8)
        #expect(warning["endLine"] as? Int == 1 && warning["endColumn"] as? Int == 12)
        #expect(warning["label"] == nil)

        let error = all[3]
        #expect(error["file"] as? String == "components/Counter.omni")
        #expect(error["severity"] as? String == "error" && error["code"] as? String == "E0301")
        #expect(error["line"] as? Int == 5 && error["column"] as? Int == 20)
        #expect(error["endLine"] as? Int == 5 && error["endColumn"] as? Int == 36)
        #expect(error["label"] as? String == "mixed types")
        #expect(error["notes"] as? [String] == ["`+` adds numbers"])
        #expect(error["help"] as? [String] == ["use a template literal"])
        let labels = try #require(error["labels"] as? [[String: Any]])
        #expect(labels.count == 2)
        #expect(labels[0]["file"] == nil)
        #expect(labels[0]["line"] as? Int == 5 && labels[0]["column"] as? Int == 20)
        #expect(labels[0]["endLine"] as? Int == 5 && labels[0]["endColumn"] as? Int == 27)
        #expect(labels[0]["message"] as? String == "this is a `number`")
        #expect(labels[1]["file"] as? String == "app/schema.omni")
        #expect(labels[1]["column"] as? Int == 15 && labels[1]["endColumn"] as? Int == 17)
        #expect(labels[1]["message"] as? String == "declared in \"schema\"")
        let fix = try #require((error["fixes"] as? [[String: Any]])?.first)
        #expect(fix["message"] as? String == "use a template literal")
        let edits = try #require(fix["edits"] as? [[String: Any]])
        #expect(edits.count == 2)
        #expect(edits[0]["text"] as? String == "`${count()}${name()}`")
        #expect(edits[0]["line"] as? Int == 5 && edits[0]["column"] as? Int == 20 && edits[0]["endColumn"] as? Int == 36)
        #expect(edits[1]["file"] as? String == "app/schema.omni")
        #expect(edits[1]["column"] as? Int == 25 && edits[1]["endColumn"] as? Int == 25 && edits[1]["text"] as? String == "?")

        let note = all[2]
        #expect(note["severity"] as? String == "note" && note["code"] as? String == "")
        // A span ending with a line break ends at column 1 of the next line (exclusive end).
        #expect(note["line"] as? Int == 2 && note["column"] as? Int == 3)
        #expect(note["endLine"] as? Int == 7 && note["endColumn"] as? Int == 1)
        let empty = try #require((note["labels"] as? [[String: Any]])?.first)
        #expect(empty["column"] as? Int == empty["endColumn"] as? Int)
    }

    @Test func stringEscaping() {
        let renderer = JSONRenderer(sources: SourceMap())
        let d = Diagnostic(.error, "E\"1", "a\"b\\c\u{8}\u{C}\n\r\t\u{1}\u{1F}\u{7F}\u{2028}\u{2029}é/👍", at: Span(file: FileID(0), start: 0, end: 0))
        let json = renderer.render(d)
        #expect(json.contains(#""code":"E\"1""#))
        #expect(json.contains(#""message":"a\"b\\c\b\f\n\r\t\u0001\u001f\u007f\u2028\u2029é/👍""#))
    }

    @Test func emptyBatch() {
        let json = JSONRenderer(sources: SourceMap()).render([], summary: RenderSummary(errors: 0, warnings: 0, files: 3))
        #expect(json == #"{"diagnostics":[],"summary":{"errors":0,"warnings":0,"files":3}}"#)
    }
}
