import OmniBase

/// Strings: basic (`"…"`), literal (`'…'`) and their multi-line forms, with every escape.
extension TOMLReader {
    /// A string value of any of the four kinds, the cursor on its opening quote.
    mutating func stringValue() -> TOMLValue? {
        let start = i
        let q = b[i]
        let text: String?
        if peek(1) == q, peek(2) == q {
            text = q == 0x22 ? multiLineString(literal: false) : multiLineString(literal: true)
        } else {
            text = q == 0x22 ? basicString() : literalString()
        }
        guard let text else { return nil }
        return TOMLValue(.string(text), span: span(from: start))
    }

    /// `"…"` on one line. Returns nil, having reported it, when the string is not closed.
    mutating func basicString() -> String? {
        let open = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard let c = peek(), c != 0x0A, !(c == 0x0D && peek(1) == 0x0A) else {
                unclosed(open, quote: "\"")
                return nil
            }
            if c == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
            if c == 0x5C {
                escape(into: &out, multiLine: false)
                continue
            }
            if TOMLScanner.isForbiddenControl(c) { report(controlCharacter(at: i, in: "a basic string")) }
            out.append(c)
            i += 1
        }
    }

    /// `'…'` on one line: no escapes.
    mutating func literalString() -> String? {
        let open = i
        i += 1
        let start = i
        while true {
            guard let c = peek(), c != 0x0A, !(c == 0x0D && peek(1) == 0x0A) else {
                unclosed(open, quote: "'")
                return nil
            }
            if c == 0x27 {
                i += 1
                return file.text(start..<i - 1)
            }
            if TOMLScanner.isForbiddenControl(c) { report(controlCharacter(at: i, in: "a literal string")) }
            i += 1
        }
    }

    /// `"""…"""` or `'''…'''`. A newline right after the opening delimiter is dropped; up to
    /// two quotes may stand right before the closing one; CRLF becomes LF.
    mutating func multiLineString(literal: Bool) -> String? {
        let open = i
        let q = b[i]
        i += 3
        if peek() == 0x0A { i += 1 } else if peek() == 0x0D, peek(1) == 0x0A { i += 2 }
        var out: [UInt8] = []
        let place = literal ? "a multi-line literal string" : "a multi-line basic string"
        while true {
            guard let c = peek() else {
                let delimiter = String(repeating: literal ? "'" : "\"", count: 3)
                report(Diagnostic.error(TOMLCode.unclosedString, "this multi-line string is never closed",
                                        at: span(open..<open + 3), label: "the string starts here")
                    .note("it runs to the end of the file")
                    .fixing(.insert(delimiter, at: point(b.count), "close the string with `\(delimiter)`")))
                return nil
            }
            if c == q {
                var run = 0
                while peek(run) == q { run += 1 }
                if run >= 3 {
                    if run > 5 {
                        report(Diagnostic.error(TOMLCode.unclosedString,
                                                "too many quotes: a multi-line string may end with at most two quotes before its closing delimiter",
                                                at: span(i..<i + run), label: "\(run) quotes in a row")
                            .helping(literal ? "use a basic string `\"\"\"…\"\"\"`, which can escape quotes" : "escape a quote as `\\\"`"))
                    }
                    out.append(contentsOf: repeatElement(q, count: max(0, min(run, 5) - 3)))
                    i += run
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(contentsOf: repeatElement(q, count: run))
                i += run
                continue
            }
            if c == 0x0D, peek(1) == 0x0A { out.append(0x0A); i += 2; continue }
            if c == 0x0A { out.append(0x0A); i += 1; continue }
            if c == 0x5C, !literal {
                escape(into: &out, multiLine: true)
                continue
            }
            if TOMLScanner.isForbiddenControl(c) { report(controlCharacter(at: i, in: place)) }
            out.append(c)
            i += 1
        }
    }

    mutating func unclosed(_ open: Int, quote: String) {
        let atEnd = atEnd
        report(Diagnostic.error(TOMLCode.unclosedString, "this string is never closed", at: span(open..<i),
                                label: atEnd ? "the file ends inside the string" : "the line ends inside the string")
            .helping("a `\(quote)…\(quote)` string ends on the line it starts; use `\(quote)\(quote)\(quote)…\(quote)\(quote)\(quote)` for text that spans lines")
            .fixing(.insert(quote, at: point(i), "close the string")))
    }

    /// One escape sequence in a basic string, the cursor on its backslash.
    mutating func escape(into out: inout [UInt8], multiLine: Bool) {
        let start = i
        i += 1
        guard let e = peek(), multiLine || (e != 0x0A && e != 0x0D) else { return }
        func put(_ s: String) { out.append(contentsOf: s.utf8); i += 1 }
        switch e {
        case UInt8(ascii: "b"): put("\u{08}")
        case UInt8(ascii: "t"): put("\t")
        case UInt8(ascii: "n"): put("\n")
        case UInt8(ascii: "f"): put("\u{0C}")
        case UInt8(ascii: "r"): put("\r")
        case UInt8(ascii: "\""): put("\"")
        case UInt8(ascii: "\\"): put("\\")
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            unicodeEscape(into: &out, start: start, digits: e == UInt8(ascii: "u") ? 4 : 8)
        default:
            if multiLine, lineEndingBackslash() { return }
            var d = Diagnostic.error(TOMLCode.invalidEscape, "invalid escape sequence `\(file.text(start..<min(b.count, i + TOMLScanner.utf8Length(e))))`",
                                     at: charSpan(at: i).merged(with: span(start..<start + 1)), label: "unknown escape")
                .helping("the escapes are `\\b` `\\t` `\\n` `\\f` `\\r` `\\\"` `\\\\` `\\uXXXX` and `\\UXXXXXXXX`")
            if e == 0x20 || e == 0x09 || e == 0x0A || e == 0x0D {
                d = d.note(multiLine ? "a line-ending backslash must be the last thing on its line" : "a line-ending backslash works only in multi-line strings")
            } else {
                d = d.fixing(.replace(span(start..<start + 1), with: "\\\\", "escape the backslash"))
            }
            report(d)
            if e != 0x0A && e != 0x0D { i += TOMLScanner.utf8Length(e) }
        }
    }

    /// `\` followed by optional spaces and a newline: skips all whitespace and newlines
    /// up to the next other character. The cursor is just after the backslash.
    mutating func lineEndingBackslash() -> Bool {
        var k = i
        while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
        guard k < b.count, b[k] == 0x0A || (b[k] == 0x0D && k + 1 < b.count && b[k + 1] == 0x0A) else { return false }
        while k < b.count, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0A || (b[k] == 0x0D && k + 1 < b.count && b[k + 1] == 0x0A) {
            k += b[k] == 0x0D ? 2 : 1
        }
        i = k
        return true
    }

    mutating func unicodeEscape(into out: inout [UInt8], start: Int, digits: Int) {
        i += 1
        var v: UInt32 = 0
        var n = 0
        while n < digits, let c = peek(), let h = TOMLReader.hexValue(c) {
            v = v &* 16 &+ h
            n += 1
            i += 1
        }
        let form = digits == 4 ? "\\uXXXX" : "\\UXXXXXXXX"
        guard n == digits else {
            report(Diagnostic.error(TOMLCode.invalidUnicodeEscape,
                                    "`\(form)` needs exactly \(digits) hexadecimal digits, found \(n)",
                                    at: span(start..<i), label: "incomplete Unicode escape")
                .helping(digits == 4 ? "write four digits, like `\\u00E9`" : "write eight digits, like `\\U0001F600`"))
            return
        }
        guard let scalar = Unicode.Scalar(v) else {
            let why = (0xD800...0xDFFF).contains(v) ? "is a surrogate, not a Unicode scalar value" : "is above U+10FFFF"
            report(Diagnostic.error(TOMLCode.invalidUnicodeEscape, "the escape `\(file.text(start..<i))` \(why)",
                                    at: span(start..<i), label: "not a Unicode scalar value")
                .helping("escapes must name a Unicode scalar value: U+0000–U+D7FF or U+E000–U+10FFFF"))
            return
        }
        out.append(contentsOf: String(scalar).utf8)
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }
}
