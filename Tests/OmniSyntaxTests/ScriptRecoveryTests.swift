import OmniBase
import OmniSyntax
import Testing

@Suite("Script parser: recovery and diagnostics")
struct ScriptRecoveryTests {
    @Test func threeIndependentErrorsOnThreeLines() {
        let r = parseScript("""
            const a = 1 +
            const ok1 = 2
            let b = foo(1 2)
            const ok2 = 3
            const c = [1, 2
            const ok3 = 4
            """)
        // Each error is reported on the line with the mistake (a missing operand or closer is
        // reported at the end of its line, not at the next line's first token).
        #expect(r.errorLines == [1, 3, 5], "\(r.report)")
        #expect(r.diagnostics.count == 3, "\(r.report)")
        // Every declaration after an error was still read.
        let names = r.statements.compactMap { s -> String? in if case .variable(let d) = s.kind { d.name.name } else { nil } }
        #expect(names == ["a", "ok1", "b", "ok2", "c", "ok3"])
    }

    @Test func errorsInDifferentConstructs() {
        let r = parseScript("""
            function f( { return 1 }
            if (x > 1 { y() }
            const z = { a: 1 b: 2 }
            cosnt w = 5
            """)
        #expect(Set(r.errorLines) == [1, 2, 3, 4], "\(r.report)")
        #expect(r.report.contains("did you mean `const`?") || r.diagnostics.contains { $0.help.contains("did you mean `const`?") })
    }

    @Test func oneMissingParenthesisIsOneError() {
        for source in ["const x = (1 + 2\nconst y = 3", "foo(1, 2\nbar()", "const v = f(g(1)\nconst w = 2",
                       "if (a && b {\n  c()\n}", "const xs = [1, 2\nconst ys = []", "const o = { a: 1\nconst p = 2"] {
            let r = parseScript(source)
            #expect(r.codes == ["E0111"], "\(source): \(r.report)")
        }
    }

    @Test func missingCloserHasLabelAndFixIt() {
        let r = parseScript("const x = (1 + 2\nconst y = 3")
        let d = r.diagnostics[0]
        #expect(d.message == "expected `)` to close this parenthesis, found keyword `const`")
        #expect(d.span.range == 16..<16)  // the end of line 1, where the `)` belongs
        #expect(d.labels.map(\.message) == ["this `(` is never closed"])
        #expect(d.labels.first?.span.range == 10..<11)
        #expect(d.fixes.first?.edits == [TextEdit(span: Span(file: FileID(0), start: 16, end: 16), replacement: ")")])
    }

    @Test func garbageInsideAListRecoversAtTheComma() {
        let r = parseScript("f(a b, c, d e)\nconst ok = 1")
        #expect(r.codes == ["E0113", "E0113"], "\(r.report)")
        #expect(r.shape.contains("Identifier c"))
        #expect(r.shape.contains("Const ok"))
        let fix = r.diagnostics[0].fixes.first
        #expect(fix?.edits.first?.replacement == ",")
    }

    @Test func unclosedBlockReportsAtTheEnd() {
        let r = parseScript("function f() {\n  a()\nfunction g() {}\nconst x = 1")
        #expect(r.codes == ["E0111"])
        #expect(r.diagnostics[0].labels.first?.span.range == 13..<14)
    }

    @Test func strayClosers() {
        #expect(parseScript("foo())\nbar()").codes == ["E0129"])
        #expect(parseScript("}").codes == ["E0129"])
        #expect(parseScript("{ a ] }").codes == ["E0129"])
    }

    @Test func elseWithoutIf() {
        let r = parseScript("a()\nelse b()")
        #expect(r.codes == ["E0113"])
        #expect(r.shape.contains("Identifier b"))
    }

    @Test func missingParenthesesAroundACondition() {
        let r = parseScript("if count > 10 {\n  warn()\n}")
        #expect(r.codes == ["E0113"])
        let edits = r.diagnostics[0].fixes.first?.edits.map { "\($0.span.start):\($0.replacement)" }
        #expect(edits == ["3:(", "13:)"])
        #expect(r.shape.hasPrefix("If\n  Binary >"))
    }

    @Test func messagesQuoteWhatWasFound() {
        #expect(parseScript("const x = ;").diagnostics.first?.message == "expected an expression after `=`, found `;`")
        #expect(parseScript("f(1 2)").diagnostics.first?.message == "expected `,` or `)` after this argument, found `2`")
        #expect(parseScript("const a = 1 2").diagnostics.first?.message == "expected `;` or a line break after this statement, found `2`")
        #expect(parseScript("x.").diagnostics.first?.message == "expected a property name after `.`, found end of script")
        #expect(parseScript("let x: = 1").diagnostics.first?.message == "expected a type after `:`, found `=`")
    }

    @Test func invalidCharactersAreReportedOnce() {
        #expect(parseScript("const x = 1 @ 2").codes == ["E0100"])
        #expect(parseScript("const x = @").codes == ["E0100"])
        #expect(parseScript("f(@, 2)").codes == ["E0100"])
    }

    @Test func templateSubstitutionErrors() {
        #expect(parseScript("const t = `a${1 +}b`").codes == ["E0110"])
        #expect(parseScript("const t = `a${x y}b`\nconst ok = 1").codes == ["E0111"])
        #expect(parseScript("const t = `a${x").codes == ["E0102"])
    }

    @Test func expressionModeStopsAtTheRightPlace() {
        let text = "{count() > 10} it's {#each items as item, i (item.id)}"
        let file = SourceFile(id: FileID(0), path: "t", text: text)
        var ids = NodeIDGenerator()
        var d = Diagnostics()
        let (e1, end1) = ScriptParser.parseExpression(file, from: 1, limit: file.bytes.count, ids: &ids, diagnostics: &d)
        #expect(file.text(1..<end1) == "count() > 10")
        #expect(e1.span.range == 1..<end1)
        // The apostrophe after the `}` is markup: no unterminated-string error.
        #expect(d.all.isEmpty)
        let eachStart = text.utf8.count - "items as item, i (item.id)}".utf8.count
        let (_, end2) = ScriptParser.parseExpression(file, from: eachStart, limit: file.bytes.count, stopAtAs: true, ids: &ids, diagnostics: &d)
        #expect(file.text(eachStart..<end2) == "items")
        let keyStart = text.utf8.count - "item.id)}".utf8.count
        let (_, end3) = ScriptParser.parseExpression(file, from: keyStart, limit: file.bytes.count, ids: &ids, diagnostics: &d)
        #expect(file.text(keyStart..<end3) == "item.id")
        #expect(d.all.isEmpty)
        // `stopAtComma` ends at a depth-0 comma; without it `a, b` is reported.
        #expect(parseExpr("a, b", stopAtComma: true).end == 1)
        #expect(parseExpr("f(a, b), c", stopAtComma: true).end == 7)
        #expect(parseExpr("a, b").codes == ["E0121"])
        // `as` inside brackets is still an assertion with `stopAtAs`.
        #expect(parseExpr("(x as T) as y", stopAtAs: true).end == 8)
        #expect(parseExpr("a + b as c", stopAtAs: true).end == 5)
        #expect(parseExpr("c ? a : b as x", stopAtAs: true).end == 9)
        #expect(parseExpr("xs.filter(x => x as T) as y", stopAtAs: true).end == 22)
        // Leading trivia is allowed; the end is before trailing trivia.
        #expect(parseExpr("  /* c */ a  ").end == 11)
        // Nothing to read: the end is the start of the first token, and the node is an error.
        let empty = parseExpr("  }")
        #expect(empty.end == 2)
        #expect(empty.codes == ["E0110"])
    }

    @Test func expressionModeNeverReadsPastTheLimit() {
        let file = SourceFile(id: FileID(0), path: "t", text: "a + 'unterminated")
        var ids = NodeIDGenerator()
        var d = Diagnostics()
        let (e, end) = ScriptParser.parseExpression(file, from: 0, limit: 3, ids: &ids, diagnostics: &d)
        #expect(end <= 3)
        #expect(e.span.end <= 3)
        #expect(d.all.allSatisfy { $0.span.end <= 3 })
    }

    @Test func diagnosticsAreInSourceOrder() {
        let r = parseScript("const s = \"x\nconst a = (1\nconst b = 1 2")
        let starts = r.diagnostics.map(\.span.start)
        #expect(starts == starts.sorted())
        #expect(r.codes == ["E0101", "E0111", "E0112"])
    }
}
