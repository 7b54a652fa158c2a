import OmniBase

/// A token of the schema and routes languages.
struct RoutesToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case identifier
        case integer
        case float
        /// A `"…"` literal; its decoded value is in `value`.
        case string
        case lBrace, rBrace, lParen, rParen, lBracket, rBracket
        case comma, colon, semicolon, question, at, dot, equal, arrow
        case minus, plus, bang, star, slash
        case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual, andAnd, orOr
        /// A character no token starts with (reported by the lexer).
        case unknown
        case eof
    }

    var kind: Kind
    var span: Span
    /// A line break (or the start of the block) comes before this token.
    var newlineBefore: Bool
    /// The decoded value of a string literal; nil for other tokens.
    var value: String? = nil
    /// For strings: whether the closing quote is there.
    var terminated = true
    /// For strings: whether the literal holds an escape sequence.
    var hasEscapes = false

    /// How the token is named in messages: `` `{` ``, `` `entity` ``, `a string`.
    func describe(in file: SourceFile) -> String {
        switch kind {
        case .eof: "the end of the block"
        case .string: "a string"
        case .integer, .float: "the number `\(file.text(span))`"
        default: "`\(file.text(span))`"
        }
    }
}

/// Splits the body of a `<schema>` or `<routes>` block into tokens. Comments (`#` and `//`
/// to the end of the line) and whitespace are skipped; line breaks are recorded on the token
/// after them. Never traps: bad characters become `.unknown` tokens and are reported.
///
/// Codes: E0750 unexpected character, E0751 unterminated string, E0752 invalid escape,
/// E0753 invalid number.
struct RoutesLexer {
    let file: SourceFile
    let bytes: [UInt8]
    var pos: Int
    let end: Int
    var diagnostics: [Diagnostic] = []
    /// Tokens produced so far (the first one starts a line).
    var tokensSoFar = 0

    init(file: SourceFile, range: Range<Int>) {
        self.file = file
        self.bytes = file.bytes
        self.end = max(0, min(range.upperBound, file.bytes.count))
        self.pos = max(0, min(range.lowerBound, end))
    }

    static func tokenize(_ file: SourceFile, range: Range<Int>) -> ([RoutesToken], [Diagnostic]) {
        var lexer = RoutesLexer(file: file, range: range)
        var tokens: [RoutesToken] = []
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.kind == .eof { break }
        }
        return (tokens, lexer.diagnostics)
    }

    func byte(_ i: Int) -> UInt8 { i < end ? bytes[i] : 0 }
    func span(_ a: Int, _ b: Int) -> Span { Span(file: file.id, a..<b) }

    static func isIdentStart(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F }
    static func isIdentContinue(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Skips whitespace and comments; returns whether a line break was crossed.
    mutating func skipTrivia() -> Bool {
        var newline = false
        while pos < end {
            let b = bytes[pos]
            if b == 0x0A { newline = true; pos += 1 }
            else if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C { pos += 1 }
            else if b == 0x23 || (b == 0x2F && byte(pos + 1) == 0x2F) {
                while pos < end, bytes[pos] != 0x0A { pos += 1 }
            } else { break }
        }
        return newline
    }

    mutating func next() -> RoutesToken {
        let newline = skipTrivia() || tokensSoFar == 0
        tokensSoFar += 1
        let start = pos
        guard pos < end else { return RoutesToken(kind: .eof, span: span(end, end), newlineBefore: true) }
        let b = bytes[pos]
        func single(_ kind: RoutesToken.Kind, _ length: Int = 1) -> RoutesToken {
            pos += length
            return RoutesToken(kind: kind, span: span(start, pos), newlineBefore: newline)
        }
        if Self.isIdentStart(b) {
            while pos < end, Self.isIdentContinue(bytes[pos]) { pos += 1 }
            return RoutesToken(kind: .identifier, span: span(start, pos), newlineBefore: newline)
        }
        if Self.isDigit(b) { return number(start, newline) }
        let next = byte(pos + 1)
        switch b {
        case 0x22: return string(start, newline)
        case 0x7B: return single(.lBrace)
        case 0x7D: return single(.rBrace)
        case 0x28: return single(.lParen)
        case 0x29: return single(.rParen)
        case 0x5B: return single(.lBracket)
        case 0x5D: return single(.rBracket)
        case 0x2C: return single(.comma)
        case 0x3A: return single(.colon)
        case 0x3B: return single(.semicolon)
        case 0x3F: return single(.question)
        case 0x40: return single(.at)
        case 0x2E: return single(.dot)
        case 0x2D: return single(.minus)
        case 0x2B: return single(.plus)
        case 0x2A: return single(.star)
        case 0x2F: return single(.slash)
        case 0x3D: return next == 0x3E ? single(.arrow, 2) : next == 0x3D ? single(.equalEqual, 2) : single(.equal)
        case 0x21: return next == 0x3D ? single(.bangEqual, 2) : single(.bang)
        case 0x3C: return next == 0x3D ? single(.lessEqual, 2) : single(.less)
        case 0x3E: return next == 0x3D ? single(.greaterEqual, 2) : single(.greater)
        case 0x26 where next == 0x26: return single(.andAnd, 2)
        case 0x7C where next == 0x7C: return single(.orOr, 2)
        default: break
        }
        // One unexpected character (a whole UTF-8 sequence), reported.
        pos += 1
        while pos < end, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
        let text = file.text(start..<pos)
        var d = Diagnostic.error("E0750", "unexpected character `\(text)`", at: span(start, pos), label: "not part of any token")
        switch text {
        case "“", "”": d = d.helping("use a straight quote `\"`").fixing(.replace(span(start, pos), with: "\"", "use a straight quote"))
        case "&": d = d.helping("`&&` is the logical and").fixing(.replace(span(start, pos), with: "&&", "write `&&`"))
        case "|": d = d.helping("`||` is the logical or").fixing(.replace(span(start, pos), with: "||", "write `||`"))
        case "'": d = d.helping("strings are written with double quotes: `\"…\"`")
        default: d = d.note("names are ASCII letters, digits and `_`; text goes in double-quoted strings")
        }
        diagnostics.append(d)
        return RoutesToken(kind: .unknown, span: span(start, pos), newlineBefore: newline)
    }

    /// `123`, `1.5`, `2e10`, `1_000`.
    mutating func number(_ start: Int, _ newline: Bool) -> RoutesToken {
        var isFloat = false
        while pos < end, Self.isDigit(bytes[pos]) || bytes[pos] == 0x5F { pos += 1 }
        if byte(pos) == 0x2E, Self.isDigit(byte(pos + 1)) {
            isFloat = true
            pos += 1
            while pos < end, Self.isDigit(bytes[pos]) || bytes[pos] == 0x5F { pos += 1 }
        }
        if byte(pos) == 0x65 || byte(pos) == 0x45 {
            let save = pos
            pos += 1
            if byte(pos) == 0x2B || byte(pos) == 0x2D { pos += 1 }
            if Self.isDigit(byte(pos)) {
                isFloat = true
                while pos < end, Self.isDigit(bytes[pos]) { pos += 1 }
            } else {
                pos = save
            }
        }
        // Letters glued to a number (`10px`, `1.2.3`) make the whole run one bad number.
        if pos < end, Self.isIdentContinue(bytes[pos]) || (bytes[pos] == 0x2E && Self.isDigit(byte(pos + 1))) {
            while pos < end, Self.isIdentContinue(bytes[pos]) || bytes[pos] == 0x2E { pos += 1 }
            diagnostics.append(.error("E0753", "invalid number `\(file.text(start..<pos))`", at: span(start, pos),
                                      label: "not a number")
                .note("numbers are written `42`, `-7`, `2.5` or `1e6`; `_` may separate digits"))
            return RoutesToken(kind: isFloat ? .float : .integer, span: span(start, pos), newlineBefore: newline)
        }
        return RoutesToken(kind: isFloat ? .float : .integer, span: span(start, pos), newlineBefore: newline)
    }

    /// `"…"` on one line, with `\"`, `\\`, `\n`, `\t`, `\r`, `\0` and `\u{…}` escapes.
    mutating func string(_ start: Int, _ newline: Bool) -> RoutesToken {
        pos += 1
        var value: [UInt8] = []
        var hasEscapes = false
        while pos < end {
            let b = bytes[pos]
            if b == 0x22 {
                pos += 1
                return RoutesToken(kind: .string, span: span(start, pos), newlineBefore: newline,
                                   value: String(decoding: value, as: UTF8.self), terminated: true, hasEscapes: hasEscapes)
            }
            if b == 0x0A || b == 0x0D { break }
            if b == 0x5C {
                hasEscapes = true
                let escStart = pos
                let e = byte(pos + 1)
                pos += 2
                switch e {
                case 0x22: value.append(0x22)
                case 0x5C: value.append(0x5C)
                case 0x6E: value.append(0x0A)
                case 0x74: value.append(0x09)
                case 0x72: value.append(0x0D)
                case 0x30: value.append(0x00)
                case 0x75 where byte(pos) == 0x7B:
                    var q = pos + 1
                    var scalar: UInt32 = 0
                    var digits = 0
                    while q < end, let h = Self.hexValue(bytes[q]), digits < 8 { scalar = scalar &* 16 &+ h; q += 1; digits += 1 }
                    if byte(q) == 0x7D, digits > 0, let u = Unicode.Scalar(scalar) {
                        value.append(contentsOf: Array(String(Character(u)).utf8))
                        pos = q + 1
                    } else {
                        pos = max(pos, min(q, end))
                        badEscape(escStart, pos, "`\\u{…}` needs 1 to 8 hex digits naming a Unicode scalar")
                    }
                default:
                    if e == 0x0A || e == 0 { pos -= 1 }
                    pos = min(pos, end)
                    badEscape(escStart, pos, "valid escapes are `\\\"`, `\\\\`, `\\n`, `\\t`, `\\r`, `\\0` and `\\u{…}`")
                }
                continue
            }
            value.append(b)
            pos += 1
        }
        // Unterminated: the string ends at the end of its line.
        var stop = pos
        while stop > start + 1, bytes[stop - 1] == 0x20 || bytes[stop - 1] == 0x09 { stop -= 1 }
        diagnostics.append(Diagnostic.error("E0751", "unterminated string", at: span(start, stop),
                                            label: "this string has no closing `\"`")
            .note("a string ends on the line it starts on")
            .fixing(.insert("\"", at: span(stop, stop), "close the string")))
        return RoutesToken(kind: .string, span: span(start, stop), newlineBefore: newline,
                           value: String(decoding: value, as: UTF8.self), terminated: false, hasEscapes: hasEscapes)
    }

    mutating func badEscape(_ a: Int, _ b: Int, _ note: String) {
        diagnostics.append(Diagnostic.error("E0752", "invalid escape `\(file.text(a..<b))` in a string", at: span(a, b),
                                            label: "unknown escape").note(note))
    }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        default: nil
        }
    }
}
