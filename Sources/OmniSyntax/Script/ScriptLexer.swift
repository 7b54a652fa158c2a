import OmniBase

/// Turns the bytes of a `<script>` body or a `{expr}` into tokens, on demand.
///
/// The lexer never fails: bytes outside the language, invalid UTF-8, unterminated strings,
/// templates and comments and malformed escapes and numbers are reported in `diagnostics`
/// (codes `E0100`–`E0105`) and lexing goes on. Template literals are split into
/// head/middle/tail tokens around their `${…}` substitutions; the lexer tracks brace depth so a
/// `}` that closes a substitution resumes the template text. Regular-expression literals are
/// not part of the language, so `/` is always an operator.
public struct ScriptLexer {
    /// The file being read.
    public let file: SourceFile
    /// Problems found so far, in source order.
    public private(set) var diagnostics = Diagnostics()

    let bytes: [UInt8]
    let end: Int
    var pos: Int
    /// One entry per open `${`: the `{` depth inside it and the offset of its template's backtick.
    var templateStack: [(depth: Int, open: Int)] = []

    /// A lexer over `range` of `file` (clamped to the file).
    public init(file: SourceFile, range: Range<Int>) {
        self.file = file
        self.bytes = file.bytes
        let n = file.bytes.count
        let lo = max(0, min(range.lowerBound, n))
        self.end = max(lo, min(range.upperBound, n))
        self.pos = lo
    }

    /// The byte offset the next token will be read from (before its leading trivia).
    public var offset: Int { pos }

    /// Lexes all of `range`, ending with one `.eof` token, and appends the lexer's diagnostics.
    public static func tokenize(_ file: SourceFile, range: Range<Int>, diagnostics: inout Diagnostics) -> [ScriptToken] {
        var lexer = ScriptLexer(file: file, range: range)
        var tokens: [ScriptToken] = []
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.kind == .eof { break }
        }
        diagnostics.append(contentsOf: lexer.diagnostics.all)
        return tokens
    }

    /// Skips a malformed `{…}` region of markup. `from` is just inside the opening `{` (brace depth 0).
    /// Returns the offset just past the `}` that closes depth 0, or `limit` when there is none.
    /// Strings, template literals and comments are skipped whole, so braces inside them do not count.
    public static func skipBalanced(_ file: SourceFile, from: Int, limit: Int) -> Int {
        var lexer = ScriptLexer(file: file, range: from..<max(from, limit))
        var depth = 0
        while true {
            let t = lexer.next()
            switch t.kind {
            case .eof:
                return lexer.end
            case .punct(.lBrace):
                depth &+= 1
            case .punct(.rBrace):
                if depth == 0 { return Int(t.span.end) }
                depth -= 1
            default:
                break
            }
        }
    }

    /// The next token; `.eof` (an empty span at the end) once the input is used up, forever.
    public mutating func next() -> ScriptToken {
        let newline = skipTrivia()
        let start = pos
        guard pos < end else {
            if let open = templateStack.first?.open {
                // A `${` was never closed, so neither is its template.
                templateStack.removeAll()
                report(Diagnostic(.error, "E0102", "unterminated template literal", at: span(open, open + 1),
                                  label: "this template literal is never closed",
                                  help: ["close each `${` with `}` and the template with a backtick"]))
            }
            return ScriptToken(kind: .eof, span: span(end, end), newlineBefore: newline)
        }
        let kind = lexToken()
        return ScriptToken(kind: kind, span: span(start, pos), newlineBefore: newline)
    }

    // MARK: - Helpers

    func span(_ a: Int, _ b: Int) -> Span {
        Span(file: file.id, start: UInt32(truncatingIfNeeded: a), end: UInt32(truncatingIfNeeded: b))
    }

    func byte(at i: Int) -> UInt8 { i < end ? bytes[i] : 0 }

    mutating func report(_ d: Diagnostic) { diagnostics.add(d) }

    /// Decodes one UTF-8 scalar at `i` (which must be `< end`). On invalid input returns nil and
    /// the length of the maximal invalid subpart (at least 1), as the Unicode standard recommends.
    func decode(at i: Int) -> (scalar: Unicode.Scalar?, length: Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        var need = 0
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: need = 1; value = UInt32(b0 & 0x1F)
        case 0xE0: need = 2; lo = 0xA0; value = UInt32(b0 & 0x0F)
        case 0xE1...0xEC, 0xEE...0xEF: need = 2; value = UInt32(b0 & 0x0F)
        case 0xED: need = 2; hi = 0x9F; value = UInt32(b0 & 0x0F)
        case 0xF0: need = 3; lo = 0x90; value = UInt32(b0 & 0x07)
        case 0xF1...0xF3: need = 3; value = UInt32(b0 & 0x07)
        case 0xF4: need = 3; hi = 0x8F; value = UInt32(b0 & 0x07)
        default: return (nil, 1)
        }
        var j = i + 1
        for k in 0..<need {
            guard j < end else { return (nil, j - i) }
            let b = bytes[j]
            let (l, h): (UInt8, UInt8) = k == 0 ? (lo, hi) : (0x80, 0xBF)
            guard b >= l, b <= h else { return (nil, j - i) }
            value = value << 6 | UInt32(b & 0x3F)
            j += 1
        }
        return (Unicode.Scalar(value), j - i)
    }

    static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x24 || s.value == 0x5F || s.properties.isXIDStart
    }

    static func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x24 || s.value == 0x200C || s.value == 0x200D || s.properties.isXIDContinue
    }

    static func isASCIIIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b == 0x24
    }

    static func isASCIIIdentifierContinue(_ b: UInt8) -> Bool {
        isASCIIIdentifierStart(b) || (b >= 0x30 && b <= 0x39)
    }

    static func isLineTerminator(_ s: Unicode.Scalar) -> Bool { s.value == 0x2028 || s.value == 0x2029 }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.value == 0xFEFF || s.properties.generalCategory == .spaceSeparator
    }

    // MARK: - Trivia

    /// Skips whitespace and comments; returns whether a line terminator was among them.
    mutating func skipTrivia() -> Bool {
        var newline = false
        while pos < end {
            let b = bytes[pos]
            switch b {
            case 0x20, 0x09, 0x0B, 0x0C:
                pos += 1
            case 0x0A, 0x0D:
                newline = true
                pos += 1
            case UInt8(ascii: "/") where byte(at: pos + 1) == UInt8(ascii: "/"):
                skipLineComment()
            case UInt8(ascii: "/") where byte(at: pos + 1) == UInt8(ascii: "*"):
                if skipBlockComment() { newline = true }
            case 0x80...:
                let (scalar, length) = decode(at: pos)
                guard let scalar else { return newline }  // invalid UTF-8: lexToken reports it
                if Self.isLineTerminator(scalar) {
                    newline = true
                } else if !Self.isSpace(scalar) {
                    return newline
                }
                pos += length
            default:
                return newline
            }
        }
        return newline
    }

    /// `// …` up to (not including) the line terminator.
    mutating func skipLineComment() {
        pos += 2
        while pos < end {
            let b = bytes[pos]
            if b == 0x0A || b == 0x0D { return }
            if b < 0x80 { pos += 1; continue }
            let (scalar, length) = decode(at: pos)
            if let scalar {
                if Self.isLineTerminator(scalar) { return }
            } else {
                reportInvalidUTF8(pos, length)
            }
            pos += length
        }
    }

    /// `/* … */`; returns whether it contains a line terminator.
    mutating func skipBlockComment() -> Bool {
        let open = pos
        pos += 2
        var newline = false
        while pos < end {
            let b = bytes[pos]
            if b == UInt8(ascii: "*"), byte(at: pos + 1) == UInt8(ascii: "/") {
                pos += 2
                return newline
            }
            if b == 0x0A || b == 0x0D { newline = true }
            if b < 0x80 { pos += 1; continue }
            let (scalar, length) = decode(at: pos)
            if let scalar {
                if Self.isLineTerminator(scalar) { newline = true }
            } else {
                reportInvalidUTF8(pos, length)
            }
            pos += length
        }
        report(Diagnostic(.error, "E0103", "unterminated block comment", at: span(open, open + 2),
                          label: "the comment starts here and runs to the end of the script",
                          help: ["add `*/` where the comment should end"]))
        return newline
    }

    mutating func reportInvalidUTF8(_ at: Int, _ length: Int) {
        report(Diagnostic(.error, "E0100", "invalid UTF-8 byte sequence in the script", at: span(at, at + length),
                          label: length == 1 ? "this byte is not valid UTF-8" : "these bytes are not valid UTF-8",
                          notes: ["`.omni` files must be encoded as UTF-8"]))
    }

    // MARK: - Tokens

    mutating func lexToken() -> ScriptTokenKind {
        let b = bytes[pos]
        if Self.isASCIIIdentifierStart(b) { return lexIdentifier() }
        if b >= 0x30 && b <= 0x39 { return lexNumber() }
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return lexString(quote: b)
        case UInt8(ascii: "`"):
            let open = pos
            pos += 1
            return lexTemplateText(open: open, head: true)
        case UInt8(ascii: "."):
            let c = byte(at: pos + 1)
            if c >= 0x30 && c <= 0x39 { return lexNumber() }
            if c == UInt8(ascii: "."), byte(at: pos + 2) == UInt8(ascii: ".") { pos += 3; return .punct(.ellipsis) }
            pos += 1
            return .punct(.dot)
        case UInt8(ascii: "{"):
            pos += 1
            if !templateStack.isEmpty { templateStack[templateStack.count - 1].depth += 1 }
            return .punct(.lBrace)
        case UInt8(ascii: "}"):
            if let top = templateStack.last {
                if top.depth == 0 {
                    templateStack.removeLast()
                    pos += 1
                    return lexTemplateText(open: top.open, head: false)
                }
                templateStack[templateStack.count - 1].depth -= 1
            }
            pos += 1
            return .punct(.rBrace)
        case 0x80...:
            let (scalar, _) = decode(at: pos)
            if let scalar, Self.isIdentifierStart(scalar) { return lexIdentifier() }
            return lexInvalid()
        default:
            if let p = lexPunctuator() { return .punct(p) }
            return lexInvalid()
        }
    }

    mutating func lexIdentifier() -> ScriptTokenKind {
        let start = pos
        while pos < end {
            let b = bytes[pos]
            if b < 0x80 {
                guard Self.isASCIIIdentifierContinue(b) else { break }
                pos += 1
            } else {
                let (scalar, length) = decode(at: pos)
                guard let scalar, Self.isIdentifierContinue(scalar) else { break }
                pos += length
            }
        }
        if let keyword = ScriptKeyword.match(bytes, start, pos) { return .keyword(keyword) }
        return .identifier(String(decoding: bytes[start..<pos], as: UTF8.self))
    }

    /// The longest punctuator at `pos`, consumed; nil (nothing consumed) if none starts here.
    mutating func lexPunctuator() -> ScriptPunctuator? {
        let b = bytes[pos], c = byte(at: pos + 1), d = byte(at: pos + 2), e = byte(at: pos + 3)
        func ascii(_ s: Unicode.Scalar) -> UInt8 { UInt8(ascii: s) }
        let eq = ascii("=")
        var p: ScriptPunctuator
        switch b {
        case ascii("("): p = .lParen
        case ascii(")"): p = .rParen
        case ascii("["): p = .lBracket
        case ascii("]"): p = .rBracket
        case ascii(";"): p = .semicolon
        case ascii(","): p = .comma
        case ascii(":"): p = .colon
        case ascii("~"): p = .tilde
        case ascii("?"):
            if c == ascii("?") { p = d == eq ? .questionQuestionEqual : .questionQuestion }
            else if c == ascii("."), !(d >= 0x30 && d <= 0x39) { p = .questionDot }
            else { p = .question }
        case ascii("<"):
            if c == ascii("<") { p = d == eq ? .lessLessEqual : .lessLess }
            else { p = c == eq ? .lessEqual : .less }
        case ascii(">"):
            if c == ascii(">") {
                if d == ascii(">") { p = e == eq ? .greaterGreaterGreaterEqual : .greaterGreaterGreater }
                else { p = d == eq ? .greaterGreaterEqual : .greaterGreater }
            } else { p = c == eq ? .greaterEqual : .greater }
        case eq:
            if c == eq { p = d == eq ? .equalEqualEqual : .equalEqual }
            else { p = c == ascii(">") ? .arrow : .equal }
        case ascii("!"):
            if c == eq { p = d == eq ? .notEqualEqual : .notEqual } else { p = .bang }
        case ascii("+"):
            p = c == ascii("+") ? .plusPlus : c == eq ? .plusEqual : .plus
        case ascii("-"):
            p = c == ascii("-") ? .minusMinus : c == eq ? .minusEqual : .minus
        case ascii("*"):
            if c == ascii("*") { p = d == eq ? .starStarEqual : .starStar } else { p = c == eq ? .starEqual : .star }
        case ascii("/"): p = c == eq ? .slashEqual : .slash
        case ascii("%"): p = c == eq ? .percentEqual : .percent
        case ascii("^"): p = c == eq ? .caretEqual : .caret
        case ascii("&"):
            if c == ascii("&") { p = d == eq ? .ampAmpEqual : .ampAmp } else { p = c == eq ? .ampEqual : .amp }
        case ascii("|"):
            if c == ascii("|") { p = d == eq ? .pipePipeEqual : .pipePipe } else { p = c == eq ? .pipeEqual : .pipe }
        default:
            return nil
        }
        pos += p.rawValue.utf8.count
        return p
    }

    /// A run of bytes that are not part of the language, reported once.
    mutating func lexInvalid() -> ScriptTokenKind {
        let start = pos
        let (first, firstLength) = decode(at: pos)
        pos += firstLength
        guard let first else {
            // Join a run of invalid UTF-8 into one report.
            while pos < end, bytes[pos] >= 0x80, decode(at: pos).scalar == nil { pos += decode(at: pos).length }
            reportInvalidUTF8(start, pos - start)
            return .invalid
        }
        var d = Diagnostic(.error, "E0100", "unexpected character \(Self.describe(first))", at: span(start, pos),
                           label: "not part of the script language")
        switch first.value {
        case 0x201C, 0x201D:
            d = d.helping("this is a typographic quote; strings use the straight quote `\"`")
                .fixing(.replace(span(start, pos), with: "\"", "replace with `\"`"))
        case 0x2018, 0x2019:
            d = d.helping("this is a typographic quote; strings use the straight quote `'`")
                .fixing(.replace(span(start, pos), with: "'", "replace with `'`"))
        case 0x40:
            d = d.note("decorators are not supported in omni scripts")
        case 0x23:
            d = d.note("private names (`#x`) are not supported in omni scripts")
        case 0x5C:
            d = d.note("escape sequences are only allowed inside strings and template literals")
        default:
            break
        }
        report(d)
        return .invalid
    }

    /// `` `@` `` for printable characters, `U+0007` for control characters.
    static func describe(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch s.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return code
        default:
            return "`\(s)` (\(code))"
        }
    }
}
