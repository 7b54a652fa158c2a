import OmniBase
import OmniSyntax
import Testing

/// Lexes `text` and returns the token descriptions (without the final end token) and the diagnostics.
private func lex(_ text: String) -> (tokens: [ScriptToken], kinds: [ScriptTokenKind], codes: [String], file: SourceFile) {
    let file = SourceFile(id: FileID(0), path: "Test.omni", text: text)
    var diagnostics = Diagnostics()
    let tokens = ScriptLexer.tokenize(file, range: 0..<file.bytes.count, diagnostics: &diagnostics)
    #expect(tokens.last?.kind == .eof)
    let body = Array(tokens.dropLast())
    return (body, body.map(\.kind), diagnostics.all.map(\.code.rawValue), file)
}

private func kinds(_ text: String) -> [ScriptTokenKind] { lex(text).kinds }

@Suite("Script lexer")
struct ScriptLexerTests {
    @Test func identifiersAndKeywords() {
        #expect(kinds("count $el _x ünïcode 名前 x1") == [
            .identifier("count"), .identifier("$el"), .identifier("_x"), .identifier("ünïcode"), .identifier("名前"), .identifier("x1"),
        ])
        #expect(kinds("const let var function return if else for while do break continue") ==
            [.const, .let, .var, .function, .return, .if, .else, .for, .while, .do, .break, .continue].map { .keyword($0) })
        #expect(kinds("true false null undefined typeof void delete await in instanceof new class") ==
            [.true, .false, .null, .undefined, .typeof, .void, .delete, .await, .in, .instanceof, .new, .class].map { .keyword($0) })
        // Contextual words stay identifiers.
        #expect(kinds("of as type get set async") == ["of", "as", "type", "get", "set", "async"].map { .identifier($0) })
        // A keyword prefix is not a keyword.
        #expect(kinds("constant iffy") == [.identifier("constant"), .identifier("iffy")])
    }

    @Test func numbers() {
        #expect(kinds("0 42 3.5 .5 1. 1e3 1E-3 2.5e+2 0xff 0XFF 0o17 0b101 1_000_000 0x_ff") == [
            .number(0), .number(42), .number(3.5), .number(0.5), .number(1), .number(1000), .number(0.001), .number(250),
            .number(255), .number(255), .number(15), .number(5), .number(1_000_000), .number(255),
        ])
        #expect(lex("0x_ff").codes == ["E0105"])
        #expect(lex("1__0").codes == ["E0105"])
        #expect(lex("1_").codes == ["E0105"])
        #expect(lex("0x").codes == ["E0105"])
        #expect(lex("1e").codes == ["E0105"])
        #expect(lex("017").codes == ["E0105"])
        #expect(lex("10n").codes == ["E0105"])
        // A glued name is part of the bad number: one token, one error.
        let glued = lex("3px + 1")
        #expect(glued.kinds == [.number(3), .punct(.plus), .number(1)])
        #expect(glued.codes == ["E0105"])
        // Huge literals saturate to infinity rather than trapping.
        #expect(kinds("1e999") == [.number(.infinity)])
        #expect(kinds("0x" + String(repeating: "f", count: 400)) == [.number(.infinity)])
        // `a?.5:b` is a conditional, not optional chaining.
        #expect(kinds("a?.5:b") == [.identifier("a"), .punct(.question), .number(0.5), .punct(.colon), .identifier("b")])
    }

    @Test func strings() {
        #expect(kinds(#""a" 'b' "it's" 'say "hi"'"#) == [.string("a"), .string("b"), .string("it's"), .string("say \"hi\"")])
        #expect(kinds(#""\n\t\r\b\f\v\0\\\'\"\`\$""#) == [.string("\n\t\r\u{8}\u{C}\u{B}\0\\'\"`$")])
        #expect(kinds(#""\x41\u0042\u{43}\u{1F600}\uD83D\uDE00""#) == [.string("ABC😀😀")])
        #expect(kinds("\"a\\\nb\"") == [.string("ab")])  // line continuation
        #expect(lex(#""\q""#).codes == ["E0104"])
        #expect(lex(#""\x4""#).codes == ["E0104"])
        #expect(lex(#""\u12""#).codes == ["E0104"])
        #expect(lex(#""\u{110000}""#).codes == ["E0104"])
        #expect(lex(#""\uD800""#).codes == ["E0104"])
        #expect(lex(#""\07""#).codes == ["E0104"])
        // An unknown escape offers to double the backslash.
        let file = SourceFile(id: FileID(0), path: "t", text: #""\d""#)
        var d = Diagnostics()
        _ = ScriptLexer.tokenize(file, range: 0..<file.bytes.count, diagnostics: &d)
        #expect(d.all.first?.fixes.first?.edits.first?.replacement == "\\\\")
    }

    @Test func unterminatedStringStopsAtTheLineEnd() {
        let r = lex("\"abc\nconst x = 1")
        #expect(r.codes == ["E0101"])
        #expect(r.kinds == [.string("abc"), .keyword(.const), .identifier("x"), .punct(.equal), .number(1)])
        #expect(lex("'abc").codes == ["E0101"])
    }

    @Test func templateLiterals() {
        #expect(kinds("`plain`") == [.template("plain")])
        #expect(kinds("`a${x}b${y}c`") == [
            .templateHead("a"), .identifier("x"), .templateMiddle("b"), .identifier("y"), .templateTail("c"),
        ])
        // Braces inside a substitution, and nested templates.
        #expect(kinds("`${ {a: 1}.a }`") == [
            .templateHead(""), .punct(.lBrace), .identifier("a"), .punct(.colon), .number(1), .punct(.rBrace),
            .punct(.dot), .identifier("a"), .templateTail(""),
        ])
        #expect(kinds("`x${`y${z}`}w`") == [
            .templateHead("x"), .templateHead("y"), .identifier("z"), .templateTail(""), .templateTail("w"),
        ])
        #expect(kinds("`a\r\nb\\`c\\${d}`") == [.template("a\nb`c${d}")])
        #expect(lex("`abc").codes == ["E0102"])
        #expect(lex("`a${b").codes == ["E0102"])
    }

    @Test func comments() {
        #expect(kinds("a // comment } ) \"\nb /* block\n */ c /**/d") == ["a", "b", "c", "d"].map { .identifier($0) })
        #expect(lex("a /* never closed").codes == ["E0103"])
    }

    @Test func newlineBeforeFlags() {
        let t = lex("a b\nc /* \n */ d // x\ne").tokens
        #expect(t.map(\.newlineBefore) == [false, false, true, true, true])
    }

    @Test func punctuatorsLongestMatch() {
        let all = ScriptPunctuator.allCases.filter { $0 != .lBrace && $0 != .rBrace }
        for p in all {
            #expect(kinds(p.rawValue) == [.punct(p)], "\(p.rawValue)")
        }
        #expect(kinds("a?.b ?? c ??= d ** e **= f >>>= g => ...h !== i") == [
            .identifier("a"), .punct(.questionDot), .identifier("b"), .punct(.questionQuestion), .identifier("c"),
            .punct(.questionQuestionEqual), .identifier("d"), .punct(.starStar), .identifier("e"), .punct(.starStarEqual),
            .identifier("f"), .punct(.greaterGreaterGreaterEqual), .identifier("g"), .punct(.arrow), .punct(.ellipsis),
            .identifier("h"), .punct(.notEqualEqual), .identifier("i"),
        ])
        #expect(kinds("{}") == [.punct(.lBrace), .punct(.rBrace)])
    }

    @Test func invalidInputIsReportedAndSkipped() {
        let r = lex("a @ b # c")
        #expect(r.kinds == [.identifier("a"), .invalid, .identifier("b"), .invalid, .identifier("c")])
        #expect(r.codes == ["E0100", "E0100"])
        // A run of invalid UTF-8 is one token and one report.
        let file = SourceFile(id: FileID(0), path: "t", bytes: [0x61, 0x20, 0xFF, 0xFE, 0xC0, 0x20, 0x62])
        var d = Diagnostics()
        let tokens = ScriptLexer.tokenize(file, range: 0..<file.bytes.count, diagnostics: &d)
        #expect(tokens.map(\.kind) == [.identifier("a"), .invalid, .identifier("b"), .eof])
        #expect(d.all.map(\.code) == ["E0100"])
        // Typographic quotes get a fix-it.
        let quoted = SourceFile(id: FileID(0), path: "t", text: "“hi”")
        var q = Diagnostics()
        _ = ScriptLexer.tokenize(quoted, range: 0..<quoted.bytes.count, diagnostics: &q)
        #expect(q.all.first?.fixes.first?.edits.first?.replacement == "\"")
    }

    @Test func spansAndEndToken() {
        let r = lex("  ab  \"c\"")
        #expect(r.tokens.map { $0.span.range } == [2..<4, 6..<9])
        var lexer = ScriptLexer(file: r.file, range: 0..<r.file.bytes.count)
        _ = lexer.next()
        _ = lexer.next()
        #expect(lexer.next().kind == .eof)
        #expect(lexer.next().kind == .eof)  // forever
    }

    @Test func rangeIsRespected() {
        let file = SourceFile(id: FileID(0), path: "t", text: "<script>a + 'b</script>")
        var d = Diagnostics()
        let tokens = ScriptLexer.tokenize(file, range: 8..<14, diagnostics: &d)
        #expect(tokens.map(\.kind) == [.identifier("a"), .punct(.plus), .string("b"), .eof])
        #expect(tokens.last?.span.start == 14)
        #expect(d.all.map(\.code) == ["E0101"])
    }

    @Test func descriptions() {
        #expect(ScriptTokenKind.punct(.rParen).description == "`)`")
        #expect(ScriptTokenKind.identifier("count").description == "identifier `count`")
        #expect(ScriptTokenKind.keyword(.const).description == "keyword `const`")
        #expect(ScriptTokenKind.number(1).description == "number `1`")
        #expect(ScriptTokenKind.string("a\n").description == "string \"a\\n\"")
        #expect(ScriptTokenKind.eof.description == "end of input")
    }

    @Test func skipBalanced() {
        let text = "a { b } \"}\" `${ \"}\" }` /* } */ } tail"
        let file = SourceFile(id: FileID(0), path: "t", text: text)
        let end = ScriptLexer.skipBalanced(file, from: 0, limit: file.bytes.count)
        #expect(file.text(0..<end).hasSuffix("/* } */ }"))
        #expect(ScriptLexer.skipBalanced(file, from: 0, limit: 5) == 5)
        let open = SourceFile(id: FileID(0), path: "t", text: "{ never closed")
        #expect(ScriptLexer.skipBalanced(open, from: 1, limit: open.bytes.count) == open.bytes.count)
    }
}
