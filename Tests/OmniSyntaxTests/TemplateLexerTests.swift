import OmniBase
import Testing
@testable import OmniSyntax

/// Text runs, tag delimiters, comments, strings, `\{{` and the token dump.
@Suite struct TemplateLexerTests {
    @Test func textAndTagsAlternate() {
        let p = parseTemplate("<p>Hi {{name}}!</p>")
        #expect(p.diagnostics.isEmpty)
        #expect(p.shape == """
        Text "<p>Hi "
        Output (text)
          Path name
        Text "!</p>"
        """)
    }

    @Test func shortAndLongComments() {
        let p = parseTemplate("{{! a note }}{{!-- has }} inside --}}")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        #expect(p.shape == "Comment \" a note \"\nComment \" has }} inside \"")
    }

    @Test func unterminatedCommentsRunToTheEnd() throws {
        let p = parseTemplate("<p>x</p>\n{{!-- open\n<p>y</p>")
        #expect(p.codes == ["E0702"])
        let d = try #require(p.first("E0702"))
        #expect(p.text(d.span) == "{{!--")
        #expect(d.fixes.first?.edits.first?.replacement == " --}}")
        #expect(parseTemplate("{{! open").codes == ["E0702"])
    }

    @Test func unclosedTagStopsAtTheNextTagOrElement() throws {
        let p = parseTemplate("<p>{{user.name</p>{{ok}}")
        #expect(p.codes == ["E0700"])
        let d = try #require(p.first("E0700"))
        #expect(p.text(d.span) == "{{")
        #expect(d.fixes.first?.edits.first?.replacement == "}}")
        #expect(d.fixes.first?.edits.first?.span.start == 14)
        // The rest of the file is still parsed.
        #expect(p.dump.contains("Path ok"))
        #expect(parseTemplate("{{a {{b}}").codes == ["E0700"])
        #expect(parseTemplate("{{a").codes == ["E0700"])
    }

    @Test func rawOutputNeedsThreeBraces() throws {
        #expect(parseTemplate("{{{html}}}").diagnostics.isEmpty)
        let p = parseTemplate("{{{html}}")
        let d = try #require(p.first("E0700"))
        #expect(d.message.contains("}}}"))
    }

    @Test func stringsAndEscapes() throws {
        let p = parseTemplate(#"{{#component "Card" title="say \"hi\"" note='it\'s'}}{{/component}}"#)
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        #expect(p.shape.contains(#"String "say \"hi\"""#))
        #expect(p.shape.contains(#"String "it's""#))
    }

    @Test func unterminatedStringEndsAtTheTagEnd() throws {
        let p = parseTemplate("{{> _row title=\"abc}}<p>after</p>")
        #expect(p.codes == ["E0703"])
        let d = try #require(p.first("E0703"))
        #expect(d.fixes.first?.edits.first?.span.start == 19)
        #expect(p.dump.contains("Text \"<p>after</p>\""))
    }

    @Test func escapedMustacheIsText() {
        let p = parseTemplate(#"<code>\{{name}}</code>"#)
        #expect(p.diagnostics.isEmpty)
        #expect(p.shape == #"Text "<code>{{name}}</code>""#)
    }

    @Test func strayClosingBracesInText() throws {
        let p = parseTemplate("<p>{{a}}}}</p>")
        #expect(p.codes == ["E0701"])
        // Allowed where braces are common: scripts, styles and attribute values.
        #expect(parseTemplate("<script>if (a) { if (b) {}}</script>").diagnostics.isEmpty)
        #expect(parseTemplate("<div x-data=\"{a: {b: 1}}\"></div>").diagnostics.isEmpty)
    }

    @Test func tokenDumpCoversTheFile() {
        let file = SourceFile(id: FileID(0), path: "templates/t.html", text: "<p>{{#if (eq a 1)}}x{{/if}}</p>{{! c }}")
        let (tokens, diagnostics) = TemplateParser.tokens(file)
        #expect(diagnostics.isEmpty)
        let kinds = tokens.map(\.kind.description)
        #expect(kinds.prefix(4) == ["Text", "InterpolationOpen", "Script.hash", "Script.identifier"])
        #expect(kinds.contains("Script.leftParen"))
        #expect(kinds.contains("Script.number"))
        #expect(kinds.last == "Comment")
        #expect(tokens.allSatisfy { $0.span.start < $0.span.end && Int($0.span.end) <= file.bytes.count })
        #expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.span.end <= $1.span.start })
    }
}
