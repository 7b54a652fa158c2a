import OmniBase
import OmniTestSupport
import Testing

/// Golden tests of the human (terminal) renderer: one `Fixtures/diagnostics/render/*.txt`
/// per topic. Re-record with `OMNI_RECORD=1 swift test --filter OmniBaseTests`.
@Suite struct HumanRendererTests {
    /// Renders each diagnostic without colour, separated by blank lines.
    func human(_ sources: Sources, _ diagnostics: [Diagnostic], tabWidth: Int = 4) -> String {
        let renderer = HumanRenderer(sources: sources.map, color: false, tabWidth: tabWidth)
        let text = diagnostics.map(renderer.render).joined(separator: "\n")
        #expect(!text.contains("\u{1B}"))
        return text
    }

    static let counter = """
        <component name="Counter">
          <script>
            const count = signal(0)
            const name = signal("Alice")
            const result = count() + name()
          </script>
        </component>

        """

    @Test func singleLineSpan() {
        var s = Sources()
        let f = s.add("components/Counter.omni", Self.counter)
        let plain = Diagnostic.error("E0204", "unknown function `signl`", at: f.span("signal"), label: "not in scope")
        let unlabeled = Diagnostic.warning("W0101", "`result` is never read", at: f.span("result"))
        assertSnapshot(human(s, [plain, unlabeled]), named: "single-line.txt", in: renderFixtures)
    }

    @Test func counterExampleFromTheDesign() {
        var s = Sources()
        let f = s.add("components/Counter.omni", Self.counter)
        let d = Diagnostic(
            .error, "E0301", "cannot add `number` and `string`", at: f.span(from: "count()", to: "name()"),
            labels: [
                Label(f.span("count()"), "this is a `number`"),
                Label(f.span("name()"), "this is a `string`"),
                Label(f.span("name", occurrence: 2), "`name` is declared here"),
            ],
            notes: ["`+` adds two numbers or joins two strings, never a mix"],
            help: ["use a template literal: `${count()}${name()}`"],
            fixes: [.replace(f.span(from: "count()", to: "name()"), with: "`${count()}${name()}`", "use a template literal")])
        assertSnapshot(human(s, [d]), named: "counter-example.txt", in: renderFixtures)
    }

    @Test func emptySpans() {
        var s = Sources()
        let f = s.add("app.omni", "const x = f(1, 2\nconst y = 3\n")
        let eol = Diagnostic.error("E0102", "expected `)`", at: f.after("f(1, 2"), label: "expected `)` here")
            .labeled(f.span("("), "to match this `(`")
        let mid = Diagnostic.error("E0103", "expected an expression", at: f.after("y ="), label: "here")
        let lineStart = Diagnostic.warning("W0001", "empty span at a line start", at: .point(f.id, 17), label: "here")
        assertSnapshot(human(s, [eol, mid, lineStart]), named: "empty-span.txt", in: renderFixtures)
    }

    @Test func multiLineSpans() {
        var s = Sources()
        let f = s.add("components/List.omni", """
            function total(items) {
              let sum = 0
              for (const item of items) {
                sum = sum + item.price
              }
              return sum
            }
            const label = cond ? "yes"
                               : 42

            """)
        // Starts at the line's indentation (`/`), short enough to show every line.
        let loop = Diagnostic.error("E0310", "loop never runs", at: f.span(from: "for (const", to: "  }\n  return"),
                                    label: "this loop")
        // Starts mid-line, long: middle lines elided.
        let body = Diagnostic.warning("W0200", "function body is too long", at: f.span(from: "{\n  let", to: "return sum\n}"),
                                      label: "body ends here")
        // Multi-line primary plus a single-line label inside it, and a nested multi-line label.
        let nested = Diagnostic(
            .error, "E0311", "branches have different types", at: f.span(from: "cond ?", to: ": 42"),
            label: "`string` or `number`",
            labels: [Label(f.span("\"yes\""), "this is a `string`"), Label(f.span("42"), "this is a `number`")])
        let overlapping = Diagnostic(
            .error, "E0312", "overlapping multi-line spans", at: f.span(from: "function total", to: "item.price"),
            labels: [Label(f.span(from: "for (const", to: "return sum"), "inner span")])
        assertSnapshot(human(s, [loop, body, nested, overlapping]), named: "multi-line.txt", in: renderFixtures)
    }

    @Test func severalLabelsOnOneLine() {
        var s = Sources()
        let f = s.add("routes.omni", "route GET /users/:id -> showUser(id, role, extra)\n")
        let d = Diagnostic(
            .error, "E0401", "handler `showUser` takes 1 argument but 3 were given", at: f.span("showUser"),
            label: "called here",
            labels: [
                Label(f.span("id", occurrence: 2), "expected"),
                Label(f.span("role"), "unexpected argument"),
                Label(f.span("extra"), "unexpected argument"),
            ])
        let unlabeledNeighbours = Diagnostic(
            .warning, "W0402", "unused path parameter", at: f.span(":id"),
            labels: [Label(f.span("/users"), ""), Label(f.span("GET"), "method")])
        let sameStart = Diagnostic(
            .error, "E0403", "labels starting in the same column", at: f.span("showUser(id"),
            label: "the call",
            labels: [Label(f.span("showUser"), "the callee"), Label(f.span("(id, role, extra)"), "the arguments")])
        assertSnapshot(human(s, [d, unlabeledNeighbours, sameStart]), named: "labels-same-line.txt", in: renderFixtures)
    }

    @Test func labelsOnOtherLinesAndFiles() {
        var s = Sources()
        let schema = s.add("app/schema.omni", """
            entity User {
              id: UUID
              name: String
            }

            """)
        var lines = (1...14).map { "// line \($0)" }
        lines[2] = "import User from \"./schema\""
        lines[4] = "const u: User = load()"
        lines[12] = "render(u.email)"
        let page = s.add("app/pages/Profile.omni", lines.joined(separator: "\n") + "\n")
        let d = Diagnostic(
            .error, "E0320", "`User` has no field `email`", at: page.span("email"), label: "unknown field",
            labels: [
                Label(page.span("User", occurrence: 2), "`u` is a `User`"),
                Label(page.span("import"), "imported here"),
                Label(schema.span("User"), "`User` is declared here"),
                Label(schema.span("name"), "did you mean `name`?"),
            ])
        let gapOfOne = Diagnostic(
            .error, "E0321", "a one-line gap is shown", at: page.span("// line 4"),
            labels: [Label(page.span("// line 2"), "two lines up")])
        assertSnapshot(human(s, [d, gapOfOne]), named: "labels-other-lines-and-files.txt", in: renderFixtures)
    }

    @Test func notesHelpAndFixIts() {
        var s = Sources()
        let f = s.add("components/Form.omni", "const nmae = signal(\"\")\nsubmit(nmae);;\nlet unused = 1\n")
        let other = s.add("components/Other.omni", "export const name = 1\n")
        let typo = Diagnostic(
            .error, "E0204", "unknown name `nmae`", at: f.span("nmae", occurrence: 2), label: "not in scope",
            notes: ["names are case-sensitive", "a note that spans\nseveral lines"],
            help: ["declare it first"],
            fixes: [.replace(f.span("nmae", occurrence: 2), with: "name", "replace with `name`")])
        let insert = Diagnostic(
            .error, "E0105", "missing `;`", at: f.after("let unused = 1"),
            fixes: [.insert(";", at: f.after("let unused = 1"), "add a `;`"),
                    FixIt("several edits on one line", edits: [
                        TextEdit(span: f.span("let"), replacement: "const"),
                        TextEdit(span: f.after("unused"), replacement: ": number"),
                    ])])
        let delete = Diagnostic(
            .warning, "W0106", "extra `;`", at: f.span(";;").startPoint.merged(with: f.span(";;")),
            fixes: [FixIt("remove the extra `;`", edits: [TextEdit(span: Span(file: f.id, start: f.span(";;").start + 1, end: f.span(";;").end), replacement: "")])])
        let multiLine = Diagnostic(
            .warning, "W0107", "unused variable", at: f.span("unused"),
            fixes: [FixIt("remove the declaration", edits: [TextEdit(span: f.span("let unused = 1\n"), replacement: "")]),
                    .replace(f.span("unused"), with: "_unused\n// keep", "rename it"),
                    FixIt("edit in another file", edits: [TextEdit(span: other.span("name"), replacement: "nmae")]),
                    FixIt("a fix without edits", edits: [])])
        assertSnapshot(human(s, [typo, insert, delete, multiLine]), named: "fixits.txt", in: renderFixtures)
    }

    @Test func tabsExpandToTabStops() {
        var s = Sources()
        let f = s.add("tabs.omni", "\tconst a = 1\n\t\tif x {\tfoo(a)\t}\nab\tcd\te\n")
        let ds = [
            Diagnostic.error("E0001", "after tabs", at: f.span("foo(a)"), label: "call"),
            Diagnostic.error("E0002", "covering a tab", at: f.span("{\tfoo"), label: "brace, tab and name"),
            Diagnostic.error("E0003", "a tab alone", at: f.span("\tcd"), label: "this tab")
                .labeled(f.span("e\n").startPoint.merged(with: f.span("e")), "tab stop"),
            Diagnostic.error("E0004", "leading tab", at: f.span("\tconst"), label: "indentation"),
        ]
        assertSnapshot(human(s, ds) + "\n" + human(s, ds.suffix(1), tabWidth: 8), named: "tabs.txt", in: renderFixtures)
    }

    @Test func wideAndZeroWidthCharacters() {
        var s = Sources()
        let f = s.add("i18n.omni", """
            const 名前 = "世界" + x
            const emoji = "👍🏽 🇫🇷 ❤️ ok" + y
            const café = "e\u{301}" + z
            const ｆｕｌｌ = 1 + w

            """)
        let ds = [
            Diagnostic.error("E0500", "after CJK", at: f.span("x"), label: "here")
                .labeled(f.span("名前"), "a CJK name").labeled(f.span("\"世界\""), "a CJK string"),
            Diagnostic.error("E0501", "after emoji", at: f.span("y"), label: "here")
                .labeled(f.span("👍🏽"), "skin tone").labeled(f.span("🇫🇷"), "flag").labeled(f.span("❤️"), "heart"),
            Diagnostic.error("E0502", "after combining marks", at: f.span("z"), label: "here")
                .labeled(f.span("café"), "precomposed é").labeled(f.span("e\u{301}"), "e + U+0301"),
            Diagnostic.error("E0503", "fullwidth letters", at: f.span("w"), label: "here")
                .labeled(f.span("ｆｕｌｌ"), "fullwidth"),
        ]
        assertSnapshot(human(s, ds), named: "wide-chars.txt", in: renderFixtures)
    }

    @Test func crlfLineEndings() {
        var s = Sources()
        let f = s.add("windows.omni", "const a = 1\r\nconst b = a +\r\n  2\r\n")
        let ds = [
            Diagnostic.error("E0601", "on the second line", at: f.span("a +"), label: "here"),
            Diagnostic.error("E0602", "expected `;`", at: f.after("const a = 1"), label: "before the CR"),
            Diagnostic.error("E0603", "a span over a CRLF", at: f.span("+\r\n  2"), label: "operand on the next line"),
            Diagnostic.error("E0604", "a span that includes the line break", at: f.span("const a = 1\r\n"), label: "line and CRLF"),
        ]
        let rendered = human(s, ds)
        #expect(!rendered.contains("\r"))
        assertSnapshot(rendered, named: "crlf.txt", in: renderFixtures)
    }

    @Test func endOfFile() {
        var s = Sources()
        let f = s.add("eof.omni", "function f() {\n  return 1")
        let withNewline = s.add("eof2.omni", "a\n")
        let empty = s.add("empty.omni", "")
        let ds = [
            Diagnostic.error("E0701", "expected `}`", at: .point(f.id, f.bytes.count), label: "expected `}` here")
                .labeled(f.span("{"), "to close this"),
            Diagnostic.error("E0702", "span past the end of the file", at: Span(file: f.id, start: 20, end: 900), label: "clamped"),
            Diagnostic.error("E0703", "span entirely past the end", at: Span(file: f.id, start: 500, end: 900), label: "clamped"),
            Diagnostic.error("E0704", "at EOF after a final newline", at: .point(withNewline.id, 2), label: "here"),
            Diagnostic.error("E0705", "empty file", at: .point(empty.id, 0), label: "expected a component"),
        ]
        assertSnapshot(human(s, ds), named: "eof.txt", in: renderFixtures)
    }

    @Test func invalidUTF8AndControlCharacters() {
        var s = Sources()
        // "a = \xFF\xFE + b" then an overlong "\xC0\xAF", a truncated "\xE4\xB8" and a stray "\x80".
        let bad = s.add("bad.omni", bytes: Array("a = ".utf8) + [0xFF, 0xFE] + Array(" + b\nc = ".utf8)
            + [0xC0, 0xAF] + Array(" ".utf8) + [0xE4, 0xB8] + Array(" ".utf8) + [0x80] + Array(" + d\n".utf8))
        let ctrl = s.add("ctrl.omni", "x = \u{1B}[31mred\u{7}\u{7F} + \u{202E}cba\u{202C} + y\n")
        let ds = [
            Diagnostic.error("E0801", "after invalid bytes", at: bad.span("b"), label: "here")
                .labeled(Span(file: bad.id, start: 4, end: 6), "invalid UTF-8"),
            Diagnostic.error("E0802", "after more invalid bytes", at: bad.span("d"), label: "here")
                .labeled(Span(file: bad.id, start: 15, end: 17), "overlong")
                .labeled(Span(file: bad.id, start: 18, end: 20), "truncated"),
            Diagnostic.error("E0803", "escape \u{1B}[2J in \u{202E}a message", at: ctrl.span("y"), label: "label \u{1B}]0;x\u{7}")
                .labeled(ctrl.span("\u{1B}[31m"), "an ESC").labeled(ctrl.span("\u{202E}cba\u{202C}"), "bidi override")
                .note("note with \u{9B}C1"),
        ]
        let rendered = human(s, ds)
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!rendered.unicodeScalars.contains { (0x80..<0xA0).contains($0.value) || $0 == "\u{202E}" })
        assertSnapshot(rendered, named: "invalid-utf8-and-controls.txt", in: renderFixtures)
    }

    @Test func unknownFileRendersWithoutSnippet() {
        var s = Sources()
        let f = s.add("a.omni", "let x = 1\n")
        let d = Diagnostic(
            .error, "E9000", "internal error: the type checker crashed", at: Span(file: FileID(42), start: 3, end: 1),
            labels: [Label(f.span("x"), "while checking this"), Label(Span(file: FileID(7), start: 0, end: 1), "lost")],
            notes: ["please report this"], fixes: [.replace(Span(file: FileID(9), start: 0, end: 0), with: "x", "unknown file")])
        let noCode = Diagnostic(.note, "", "a note without code or file", at: Span(file: FileID(99), start: 0, end: 0))
        assertSnapshot(human(s, [d, noCode]), named: "no-snippet.txt", in: renderFixtures)
    }

    @Test func colorOnAndOff() {
        var s = Sources()
        let f = s.add("components/Counter.omni", Self.counter)
        let ds = [
            Diagnostic(
                .error, "E0301", "cannot add `number` and `string`", at: f.span(from: "count()", to: "name()"),
                labels: [Label(f.span("count()"), "this is a `number`"), Label(f.span("const name"), "declared here")],
                notes: ["a note"], help: ["a help"],
                fixes: [.replace(f.span("name()"), with: "String(name())", "convert it"),
                        FixIt("remove it", edits: [TextEdit(span: f.span(" + name()"), replacement: "")])]),
            Diagnostic.warning("W0100", "unused", at: f.span(from: "<script>", to: "</script>"), label: "this block"),
            Diagnostic(.note, "N0001", "a note", at: f.span("signal"), label: "here"),
        ]
        let summary = RenderSummary(counting: ds, files: 3)
        let colored = HumanRenderer(sources: s.map, color: true).render(ds, summary: summary)
        let plain = HumanRenderer(sources: s.map, color: false).render(ds, summary: summary)
        #expect(colored.contains("\u{1B}[1;31merror"))
        #expect(!plain.contains("\u{1B}"))
        // Removing the escape sequences from the coloured output gives the plain output.
        #expect(stripSGR(colored) == plain)
        assertSnapshot(visibleEscapes(colored), named: "color.txt", in: renderFixtures)
    }

    @Test func batchIsSortedAndSummarised() {
        var s = Sources()
        let b = s.add("b.omni", "let b = 1\nlet c = 2\n")
        let a = s.add("a.omni", "let a = 1\n")
        let ds = [
            Diagnostic.warning("W0001", "second in b", at: b.span("c"), label: "c"),
            Diagnostic.error("E0001", "first in b", at: b.span("b"), label: "b"),
            Diagnostic.error("E0002", "only in a", at: a.span("a"), label: "a"),
        ]
        let renderer = HumanRenderer(sources: s.map, color: false)
        let both = renderer.render(ds, summary: RenderSummary(counting: ds, files: 12))
        let warningsOnly = renderer.render(Array(ds.prefix(1)), summary: RenderSummary(counting: Array(ds.prefix(1)), files: 1))
        assertSnapshot(both + "---\n" + warningsOnly, named: "batch.txt", in: renderFixtures)
        #expect(renderer.render([], summary: RenderSummary(errors: 0, warnings: 0, files: 4)) == "")
        #expect(renderer.summaryLine(RenderSummary(errors: 1, warnings: 0, files: 1)) == "error: found 1 error in 1 file\n")
        #expect(renderer.summaryLine(RenderSummary(errors: 2, warnings: 1, files: 12)) == "error: found 2 errors and 1 warning in 12 files\n")
        #expect(renderer.summaryLine(RenderSummary(errors: 0, warnings: 3, files: 2)) == "warning: found 3 warnings in 2 files\n")
        #expect(renderer.summaryLine(RenderSummary(errors: 0, warnings: 0, files: 2)) == nil)
        // Input order does not matter.
        #expect(renderer.render(ds.reversed(), summary: RenderSummary(counting: ds, files: 12)) == both)
    }

    @Test func gutterWidthFollowsTheLargestLineNumber() {
        var s = Sources()
        let f = s.add("long.omni", (1...120).map { "line \($0)" }.joined(separator: "\n"))
        let d = Diagnostic.error("E0900", "far apart", at: f.span("line 100"), label: "three digits")
            .labeled(f.span("line 9\n"), "one digit")
        assertSnapshot(human(s, [d]), named: "gutter-width.txt", in: renderFixtures)
    }
}

/// Removes ANSI SGR sequences (`ESC [ … m`).
func stripSGR(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var inEscape = false
    for scalar in text.unicodeScalars {
        if inEscape {
            if scalar == "m" { inEscape = false }
        } else if scalar == "\u{1B}" {
            inEscape = true
        } else {
            out.append(scalar)
        }
    }
    return String(out)
}
