import OmniBase

/// A token inside a mustache tag: `#`, `each`, `users`, `as`, `|`, …
struct TemplateToken: Hashable, Sendable {
    enum Kind: String, Hashable, Sendable {
        case identifier, number, string, data, dot, dotDot, slash, leftParen, rightParen, equals, pipe
        case hash, greater, caret, ampersand, unknown
    }
    var kind: Kind
    var span: Span
    /// The source text (for strings: the decoded value).
    var text: String
    /// True when whitespace separates this token from the previous one (or the tag opener).
    var spaceBefore: Bool
    /// The value of a number token.
    var number: Double = 0
}

/// One mustache tag: `{{…}}`, `{{{…}}}` or a comment.
struct TemplateTag: Sendable {
    enum Kind: Sendable {
        case mustache
        case raw
        /// The comment's text between its delimiters.
        case comment(Range<Int>)
    }
    var kind: Kind
    /// The whole tag, delimiters included.
    var span: Span
    /// `{{~`: strip the whitespace before the tag.
    var stripBefore: Bool
    /// `~}}`: strip the whitespace after the tag.
    var stripAfter: Bool
    var tokens: [TemplateToken]
    /// Where the tokens end (before `~}}`), for "expected …" positions.
    var contentEnd: Int
    /// False when the tag was never closed (already reported).
    var closed: Bool
}

/// What the lexer cuts a template file into: text runs and tags, in source order.
enum TemplatePiece: Sendable {
    case text(Range<Int>)
    case tag(TemplateTag)
}

/// Cuts a template file into text runs and mustache tags, and each tag into tokens.
/// Reports unclosed tags (E0700), unterminated comments (E0702) and strings (E0703).
struct TemplateLexer {
    let file: SourceFile
    let bytes: [UInt8]
    var pos = 0
    var end: Int { bytes.count }
    var diagnostics = Diagnostics()
    var recordTokens = false
    var tokens: [SyntaxToken] = []
    /// Offsets of the `}}` that end an escaped `\{{…}}`: text, not stray braces.
    var literalBraces: Set<Int> = []

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }
    func span(_ a: Int, _ b: Int) -> Span { Span(file: file.id, start: UInt32(clamping: a), end: UInt32(clamping: b)) }
    func starts(_ s: String, at i: Int) -> Bool {
        let u = Array(s.utf8)
        guard i + u.count <= end else { return false }
        for k in 0..<u.count where bytes[i + k] != u[k] { return false }
        return true
    }

    mutating func record(_ kind: SyntaxToken.Kind, _ a: Int, _ b: Int) {
        if recordTokens, a < b { tokens.append(SyntaxToken(kind: kind, span: span(a, b))) }
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 }
    static func isIdentStart(_ b: UInt8) -> Bool { (b | 0x20 >= 97 && b | 0x20 <= 122) || b == 95 || b == 36 || b >= 0x80 }
    static func isIdentChar(_ b: UInt8) -> Bool { isIdentStart(b) || (b >= 48 && b <= 57) || b == 45 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    // MARK: - pieces := { text | tag }

    mutating func lex() -> [TemplatePiece] {
        var pieces: [TemplatePiece] = []
        var textStart = 0
        while pos < end {
            let b = bytes[pos]
            if b == 0x5C, byte(pos + 1) == 0x7B, byte(pos + 2) == 0x7B {
                // `\{{` is a literal `{{`: the backslash is dropped, the braces are text.
                if pos > textStart { pieces.append(.text(textStart..<pos)); record(.text, textStart, pos) }
                textStart = pos + 1
                pos += 3
                // Its `}}` is literal text too.
                while pos < end, !(bytes[pos] == 0x7D && byte(pos + 1) == 0x7D), !(bytes[pos] == 0x7B && byte(pos + 1) == 0x7B) { pos += 1 }
                if byte(pos) == 0x7D { literalBraces.insert(pos); pos += 2 }
                continue
            }
            if b == 0x7B, byte(pos + 1) == 0x7B {
                if pos > textStart { pieces.append(.text(textStart..<pos)); record(.text, textStart, pos) }
                pieces.append(.tag(lexTag()))
                textStart = pos
                continue
            }
            pos += 1
        }
        if end > textStart { pieces.append(.text(textStart..<end)); record(.text, textStart, end) }
        return pieces
    }

    // MARK: - tag := "{{" ["~"] ( "{" tokens "}" | "!--" … "--" | "!" … | tokens ) ["~"] "}}"

    mutating func lexTag() -> TemplateTag {
        let start = pos
        pos += 2
        var stripBefore = false
        if byte(pos) == 0x7E { stripBefore = true; pos += 1 }
        if byte(pos) == 0x21 { return lexComment(start: start, stripBefore: stripBefore) }
        let raw = byte(pos) == 0x7B
        if raw { pos += 1 }
        record(.interpolationOpen, start, pos)
        var toks: [TemplateToken] = []
        var space = false
        while true {
            let b = byte(pos)
            if pos >= end || (b == 0x7B && byte(pos + 1) == 0x7B) || b == 0x3C {
                return unclosed(start: start, raw: raw, stripBefore: stripBefore, tokens: toks)
            }
            if Self.isSpace(b) { space = true; pos += 1; continue }
            // The end of the tag: `}}`, `~}}`, and for raw tags `}}}`, `}~}}`.
            if let (contentEnd, stripAfter, closeEnd) = closing(raw: raw) {
                pos = closeEnd
                record(.interpolationClose, contentEnd, closeEnd)
                return TemplateTag(kind: raw ? .raw : .mustache, span: span(start, pos), stripBefore: stripBefore,
                                   stripAfter: stripAfter, tokens: toks, contentEnd: contentEnd, closed: true)
            }
            let t = lexToken(spaceBefore: space)
            space = false
            record(.script(t.kind.rawValue), Int(t.span.start), Int(t.span.end))
            toks.append(t)
        }
    }

    /// At a possible tag end: returns (where the content ends, whether `~` strips, where the tag ends).
    mutating func closing(raw: Bool) -> (Int, Bool, Int)? {
        let here = pos
        if raw {
            if byte(here) == 0x7D, byte(here + 1) == 0x7D, byte(here + 2) == 0x7D { return (here, false, here + 3) }
            if byte(here) == 0x7D, byte(here + 1) == 0x7E, byte(here + 2) == 0x7D, byte(here + 3) == 0x7D { return (here, true, here + 4) }
            let tilde = byte(here) == 0x7E ? 1 : 0
            if byte(here + tilde) == 0x7D, byte(here + tilde + 1) == 0x7D {
                // `}}` where `}}}` is needed.
                diagnostics.add(Diagnostic(.error, "E0700", "expected `}}}` to close `{{{`", at: span(here, here + tilde + 2),
                                           label: "a raw output ends with three braces")
                    .fixing(.insert("}", at: span(here, here), "insert `}`")))
                return (here, tilde == 1, here + tilde + 2)
            }
            return nil
        }
        if byte(here) == 0x7D, byte(here + 1) == 0x7D { return (here, false, here + 2) }
        if byte(here) == 0x7E, byte(here + 1) == 0x7D, byte(here + 2) == 0x7D { return (here, true, here + 3) }
        return nil
    }

    /// A tag cut short by the end of the file, the next `{{` or a `<`: reported at its opener.
    mutating func unclosed(start: Int, raw: Bool, stripBefore: Bool, tokens toks: [TemplateToken]) -> TemplateTag {
        var contentEnd = pos
        while contentEnd > start + 2, Self.isSpace(byte(contentEnd - 1)) { contentEnd -= 1 }
        let closer = raw ? "}}}" : "}}"
        let opener = raw ? "{{{" : "{{"
        var d = Diagnostic(.error, "E0700", "this `\(opener)` is never closed", at: span(start, start + opener.utf8.count),
                           label: "opened here")
        if pos < end {
            d = d.labeled(span(pos, pos + (byte(pos) == 0x3C ? 1 : 2)), "expected `\(closer)` before this")
        }
        diagnostics.add(d.helping("close the tag with `\(closer)`")
            .fixing(.insert(closer, at: span(contentEnd, contentEnd), "insert `\(closer)`")))
        return TemplateTag(kind: raw ? .raw : .mustache, span: span(start, contentEnd), stripBefore: stripBefore,
                           stripAfter: false, tokens: toks, contentEnd: contentEnd, closed: false)
    }

    // MARK: - comment := "{{!--" … "--}}" | "{{!" … "}}"

    mutating func lexComment(start: Int, stripBefore: Bool) -> TemplateTag {
        let long = starts("!--", at: pos)
        pos += long ? 3 : 1
        let textStart = pos
        while pos < end {
            if long {
                if byte(pos) == 0x2D, byte(pos + 1) == 0x2D {
                    let tilde = byte(pos + 2) == 0x7E ? 1 : 0
                    if byte(pos + 2 + tilde) == 0x7D, byte(pos + 3 + tilde) == 0x7D {
                        let textEnd = pos
                        pos += 4 + tilde
                        record(.comment, start, pos)
                        return TemplateTag(kind: .comment(textStart..<textEnd), span: span(start, pos), stripBefore: stripBefore,
                                           stripAfter: tilde == 1, tokens: [], contentEnd: textEnd, closed: true)
                    }
                }
            } else if byte(pos) == 0x7D, byte(pos + 1) == 0x7D {
                let tilde = pos > textStart && byte(pos - 1) == 0x7E
                let textEnd = tilde ? pos - 1 : pos
                pos += 2
                record(.comment, start, pos)
                return TemplateTag(kind: .comment(textStart..<textEnd), span: span(start, pos), stripBefore: stripBefore,
                                   stripAfter: tilde, tokens: [], contentEnd: textEnd, closed: true)
            }
            pos += 1
        }
        let opener = long ? "{{!--" : "{{!"
        let closer = long ? "--}}" : "}}"
        var d = Diagnostic(.error, "E0702", "this comment is never closed", at: span(start, start + opener.utf8.count + (stripBefore ? 1 : 0)),
                           label: "comment starts here")
            .helping("end the comment with `\(closer)`")
            .fixing(.insert(" \(closer)", at: span(end, end), "insert `\(closer)`"))
        if !long { d = d.note("a `{{! … }}` comment ends at the first `}}`; write `{{!-- … --}}` for a comment that contains `}}`") }
        diagnostics.add(d)
        record(.comment, start, end)
        return TemplateTag(kind: .comment(textStart..<end), span: span(start, end), stripBefore: stripBefore,
                           stripAfter: false, tokens: [], contentEnd: end, closed: false)
    }

    // MARK: - token

    mutating func lexToken(spaceBefore: Bool) -> TemplateToken {
        let start = pos
        let b = byte(pos)
        func single(_ kind: TemplateToken.Kind) -> TemplateToken {
            pos += 1
            return TemplateToken(kind: kind, span: span(start, pos), text: file.text(start..<pos), spaceBefore: spaceBefore)
        }
        if Self.isIdentStart(b) {
            while pos < end, Self.isIdentChar(bytes[pos]) {
                // A `-` ends the name when what follows cannot continue it (`a-}}`).
                if bytes[pos] == 45, !Self.isIdentChar(byte(pos + 1)) || byte(pos + 1) == 45 { break }
                pos += 1
            }
            return TemplateToken(kind: .identifier, span: span(start, pos), text: file.text(start..<pos), spaceBefore: spaceBefore)
        }
        if Self.isDigit(b) || (b == 45 && Self.isDigit(byte(pos + 1))) {
            pos += 1
            while Self.isDigit(byte(pos)) { pos += 1 }
            if byte(pos) == 0x2E, Self.isDigit(byte(pos + 1)) {
                pos += 1
                while Self.isDigit(byte(pos)) { pos += 1 }
            }
            let text = file.text(start..<pos)
            return TemplateToken(kind: .number, span: span(start, pos), text: text, spaceBefore: spaceBefore, number: Double(text) ?? 0)
        }
        switch b {
        case 0x22, 0x27: return lexString(quote: b, spaceBefore: spaceBefore)
        case 0x40:
            pos += 1
            while pos < end, Self.isIdentChar(bytes[pos]) { pos += 1 }
            return TemplateToken(kind: pos == start + 1 ? .unknown : .data, span: span(start, pos), text: file.text(start..<pos),
                                 spaceBefore: spaceBefore)
        case 0x2E:
            if byte(pos + 1) == 0x2E { pos += 1; return single(.dotDot) }
            return single(.dot)
        case 0x2F: return single(.slash)
        case 0x28: return single(.leftParen)
        case 0x29: return single(.rightParen)
        case 0x3D: return single(.equals)
        case 0x7C: return single(.pipe)
        case 0x23: return single(.hash)
        case 0x3E: return single(.greater)
        case 0x5E: return single(.caret)
        case 0x26: return single(.ampersand)
        default:
            pos += 1
            while pos < end, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
            return TemplateToken(kind: .unknown, span: span(start, pos), text: file.text(start..<pos), spaceBefore: spaceBefore)
        }
    }

    /// string := '"' { char | escape } '"' | "'" … "'" — on one line. An unterminated string
    /// (E0703) ends at the first `}}` inside it, else at the end of the line.
    mutating func lexString(quote: UInt8, spaceBefore: Bool) -> TemplateToken {
        let start = pos
        pos += 1
        var value: [UInt8] = []
        while pos < end {
            let c = bytes[pos]
            if c == quote {
                pos += 1
                return TemplateToken(kind: .string, span: span(start, pos), text: String(decoding: value, as: UTF8.self), spaceBefore: spaceBefore)
            }
            if c == 10 || c == 13 { break }
            if c == 0x5C, pos + 1 < end {
                let n = bytes[pos + 1]
                switch n {
                case 0x6E: value.append(10)
                case 0x74: value.append(9)
                default: value.append(n)
                }
                pos += 2
                continue
            }
            value.append(c)
            pos += 1
        }
        // Unterminated: cut at a `}}` inside, so the tag still closes there.
        var stop = pos
        if let brace = (start + 1..<pos).first(where: { byte($0) == 0x7D && byte($0 + 1) == 0x7D }) {
            stop = brace
            if brace > start + 1, byte(brace - 1) == 0x7E { stop = brace - 1 }
        }
        pos = stop
        let q = quote == 0x22 ? "\"" : "'"
        diagnostics.add(Diagnostic(.error, "E0703", "this string is never closed", at: span(start, start + 1), label: "the string starts here")
            .helping("end the string with `\(q)` on the same line")
            .fixing(.insert(q, at: span(stop, stop), "insert `\(q)`")))
        let text = file.text(start + 1..<stop)
        return TemplateToken(kind: .string, span: span(start, stop), text: text, spaceBefore: spaceBefore)
    }
}
