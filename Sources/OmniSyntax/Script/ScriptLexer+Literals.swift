import OmniBase

// Number, string and template-literal lexing, with their escapes and their diagnostics
// (E0101 unterminated string, E0102 unterminated template, E0104 escapes, E0105 numbers).

extension ScriptLexer {
    // MARK: - Numbers

    static func isDecimalDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        default: nil
        }
    }

    /// Scans digits (`isDigit`) with `_` separators into `digits`; returns how many digits there were.
    /// A separator not between two digits is a problem (the first one found is kept).
    mutating func scanDigits(_ isDigit: (UInt8) -> Bool, into digits: inout [UInt8], problem: inout Diagnostic?) -> Int {
        var count = 0
        var lastWasDigit = false
        while pos < end {
            let b = bytes[pos]
            if isDigit(b) {
                digits.append(b)
                count += 1
                lastWasDigit = true
                pos += 1
            } else if b == UInt8(ascii: "_") {
                if problem == nil, !lastWasDigit || !isDigit(byte(at: pos + 1)) {
                    let s = span(pos, pos + 1)
                    problem = Diagnostic(.error, "E0105", "a numeric separator `_` must sit between two digits", at: s,
                                         label: "misplaced separator")
                        .fixing(.replace(s, with: "", "remove the `_`"))
                }
                lastWasDigit = false
                pos += 1
            } else {
                break
            }
        }
        return count
    }

    mutating func lexNumber() -> ScriptTokenKind {
        let start = pos
        var problem: Diagnostic?
        var digits: [UInt8] = []
        var value = 0.0

        let radix: (base: Double, name: String, isDigit: (UInt8) -> Bool)?
        switch (bytes[pos], byte(at: pos + 1) | 0x20) {
        case (UInt8(ascii: "0"), UInt8(ascii: "x")): radix = (16, "hexadecimal", { Self.hexValue($0) != nil })
        case (UInt8(ascii: "0"), UInt8(ascii: "o")): radix = (8, "octal", { $0 >= 0x30 && $0 <= 0x37 })
        case (UInt8(ascii: "0"), UInt8(ascii: "b")): radix = (2, "binary", { $0 == 0x30 || $0 == 0x31 })
        default: radix = nil
        }

        if let radix {
            pos += 2
            if scanDigits(radix.isDigit, into: &digits, problem: &problem) == 0 {
                problem = Diagnostic(.error, "E0105", "expected \(radix.name) digits after `\(file.text(start..<pos))`",
                                     at: span(start, pos), label: "this number has no digits")
            }
            for d in digits { value = value * radix.base + Double(Self.hexValue(d) ?? 0) }
        } else {
            _ = scanDigits(Self.isDecimalDigit, into: &digits, problem: &problem)
            if digits.count > 1, digits[0] == UInt8(ascii: "0"), problem == nil {
                problem = Diagnostic(.error, "E0105", "a number literal cannot start with `0` followed by more digits",
                                     at: span(start, pos), label: "leading zero",
                                     help: ["remove the leading zero, or write `0o` before octal digits"])
            }
            if byte(at: pos) == UInt8(ascii: ".") {
                digits.append(UInt8(ascii: "."))
                pos += 1
                _ = scanDigits(Self.isDecimalDigit, into: &digits, problem: &problem)
            }
            let e = byte(at: pos) | 0x20
            if e == UInt8(ascii: "e") {
                let sign = byte(at: pos + 1)
                let signed = sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
                if Self.isDecimalDigit(byte(at: signed ? pos + 2 : pos + 1)) {
                    digits.append(UInt8(ascii: "e"))
                    if signed { digits.append(sign) }
                    pos += signed ? 2 : 1
                    _ = scanDigits(Self.isDecimalDigit, into: &digits, problem: &problem)
                } else if problem == nil {
                    let s = span(pos, pos + (signed ? 2 : 1))
                    pos += signed ? 2 : 1
                    problem = Diagnostic(.error, "E0105", "expected digits after the exponent `e`", at: s,
                                         label: "the exponent has no digits")
                }
            }
            var text = String(decoding: digits, as: UTF8.self)
            if text.hasPrefix(".") { text = "0" + text }
            if text.hasSuffix(".") { text += "0" }
            value = Double(text) ?? 0
        }

        // A name glued to the number (`3px`, `10n`) is part of this mistake, not a new token.
        if pos < end {
            let b = bytes[pos]
            var glued = Self.isASCIIIdentifierContinue(b)
            if b >= 0x80, let s = decode(at: pos).scalar, Self.isIdentifierContinue(s) { glued = true }
            if glued {
                let nameStart = pos
                while pos < end {
                    let c = bytes[pos]
                    if c < 0x80 {
                        guard Self.isASCIIIdentifierContinue(c) else { break }
                        pos += 1
                    } else {
                        let (s, length) = decode(at: pos)
                        guard let s, Self.isIdentifierContinue(s) else { break }
                        pos += length
                    }
                }
                if problem == nil {
                    let suffix = file.text(nameStart..<pos)
                    if suffix == "n" {
                        problem = Diagnostic(.error, "E0105", "BigInt literals are not supported in omni scripts",
                                             at: span(start, pos), label: "`n` makes this a BigInt")
                            .fixing(.replace(span(nameStart, pos), with: "", "remove the `n`"))
                    } else {
                        problem = Diagnostic(.error, "E0105", "a name cannot start right after a number",
                                             at: span(nameStart, pos), label: "`\(suffix)` is glued to the number")
                            .helping("separate the number from the name, or write the whole value as a string")
                    }
                }
            }
        }
        if let problem { report(problem) }
        return .number(value)
    }

    // MARK: - Strings

    mutating func lexString(quote: UInt8) -> ScriptTokenKind {
        let open = pos
        pos += 1
        var out: [UInt8] = []
        var segment = pos
        while true {
            guard pos < end else {
                out.append(contentsOf: bytes[segment..<pos])
                reportUnterminatedString(open: open, quote: quote, atLineBreak: false)
                break
            }
            let b = bytes[pos]
            if b == quote {
                out.append(contentsOf: bytes[segment..<pos])
                pos += 1
                break
            }
            if b == 0x0A || b == 0x0D {
                out.append(contentsOf: bytes[segment..<pos])
                reportUnterminatedString(open: open, quote: quote, atLineBreak: true)
                break
            }
            if b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[segment..<pos])
                lexEscape(into: &out)
                segment = pos
                continue
            }
            if b >= 0x80, decode(at: pos).scalar == nil {
                out.append(contentsOf: bytes[segment..<pos])
                let length = decode(at: pos).length
                reportInvalidUTF8(pos, length)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                pos += length
                segment = pos
                continue
            }
            pos += 1
        }
        return .string(String(decoding: out, as: UTF8.self))
    }

    mutating func reportUnterminatedString(open: Int, quote: UInt8, atLineBreak: Bool) {
        let q = quote == UInt8(ascii: "'") ? "'" : "\""
        var d = Diagnostic(.error, "E0101", "unterminated string literal", at: span(open, max(open + 1, pos)),
                           label: "this string is never closed")
            .fixing(.insert(q, at: span(pos, pos), "add the closing `\(q)`"))
        if atLineBreak {
            d = d.note("a string ends at the end of its line")
                .helping("to write a line break inside the string use `\\n`, or use a template literal (`` ` ``)")
        }
        report(d)
    }

    // MARK: - Template literals

    /// Template text after `` ` `` (`head`) or after the `}` of a substitution; ends at `` ` `` or `${`.
    mutating func lexTemplateText(open: Int, head: Bool) -> ScriptTokenKind {
        var out: [UInt8] = []
        var segment = pos
        while true {
            guard pos < end else {
                out.append(contentsOf: bytes[segment..<pos])
                report(Diagnostic(.error, "E0102", "unterminated template literal", at: span(open, open + 1),
                                  label: "this template literal is never closed",
                                  help: ["add a closing `` ` `` where the template should end"]))
                let s = String(decoding: out, as: UTF8.self)
                return head ? .template(s) : .templateTail(s)
            }
            let b = bytes[pos]
            if b == UInt8(ascii: "`") {
                out.append(contentsOf: bytes[segment..<pos])
                pos += 1
                let s = String(decoding: out, as: UTF8.self)
                return head ? .template(s) : .templateTail(s)
            }
            if b == UInt8(ascii: "$"), byte(at: pos + 1) == UInt8(ascii: "{") {
                out.append(contentsOf: bytes[segment..<pos])
                pos += 2
                templateStack.append((depth: 0, open: open))
                let s = String(decoding: out, as: UTF8.self)
                return head ? .templateHead(s) : .templateMiddle(s)
            }
            if b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[segment..<pos])
                lexEscape(into: &out)
                segment = pos
                continue
            }
            if b == 0x0D {  // CR and CRLF read as LF, as in JavaScript
                out.append(contentsOf: bytes[segment..<pos])
                out.append(0x0A)
                pos += 1
                if byte(at: pos) == 0x0A { pos += 1 }
                segment = pos
                continue
            }
            if b >= 0x80, decode(at: pos).scalar == nil {
                out.append(contentsOf: bytes[segment..<pos])
                let length = decode(at: pos).length
                reportInvalidUTF8(pos, length)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                pos += length
                segment = pos
                continue
            }
            pos += 1
        }
    }

    // MARK: - Escapes

    static func appendScalar(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        Unicode.UTF8.encode(s) { out.append($0) }
    }

    /// Reads the escape at `pos` (a backslash) and appends its value to `out`.
    mutating func lexEscape(into out: inout [UInt8]) {
        let start = pos
        pos += 1
        guard pos < end else { return }  // the caller reports the unterminated literal
        let c = bytes[pos]
        func simple(_ v: UInt8) { out.append(v) }
        switch c {
        case UInt8(ascii: "n"): simple(0x0A); pos += 1
        case UInt8(ascii: "t"): simple(0x09); pos += 1
        case UInt8(ascii: "r"): simple(0x0D); pos += 1
        case UInt8(ascii: "b"): simple(0x08); pos += 1
        case UInt8(ascii: "f"): simple(0x0C); pos += 1
        case UInt8(ascii: "v"): simple(0x0B); pos += 1
        case UInt8(ascii: "0") where !Self.isDecimalDigit(byte(at: pos + 1)):
            simple(0x00); pos += 1
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "$"), UInt8(ascii: "/"):
            simple(c); pos += 1
        case 0x0A:
            pos += 1  // line continuation
        case 0x0D:
            pos += 1
            if byte(at: pos) == 0x0A { pos += 1 }
        case UInt8(ascii: "x"):
            pos += 1
            if let h1 = Self.hexValue(byte(at: pos)), let h2 = Self.hexValue(byte(at: pos + 1)) {
                pos += 2
                Self.appendScalar(Unicode.Scalar(UInt8(h1 * 16 + h2)), to: &out)
            } else {
                escapeError(start, "`\\x` must be followed by exactly two hexadecimal digits", &out)
            }
        case UInt8(ascii: "u"):
            pos += 1
            lexUnicodeEscape(start: start, into: &out)
        case 0x30...0x39:
            pos += 1
            escapeError(start, "octal escape sequences are not allowed", &out,
                        help: "write the character with a hexadecimal escape such as `\\x07` or `\\u{7}`")
        default:
            let (scalar, length) = decode(at: pos)
            pos += length
            guard let scalar else {
                reportInvalidUTF8(pos - length, length)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                return
            }
            if Self.isLineTerminator(scalar) { return }  // line continuation
            let s = span(start, pos)
            report(Diagnostic(.error, "E0104", "unknown escape sequence `\(file.text(start..<pos))`", at: s,
                              label: "not a valid escape",
                              help: ["the escapes are `\\n` `\\t` `\\r` `\\b` `\\f` `\\v` `\\0` `\\\\` `\\'` `\\\"` `` \\` `` `\\$` `\\xHH` `\\uHHHH` `\\u{H…}`"])
                .fixing(.replace(span(start, start + 1), with: "\\\\", "escape the backslash to keep it")))
            Self.appendScalar(scalar, to: &out)
        }
    }

    mutating func escapeError(_ start: Int, _ message: String, _ out: inout [UInt8], help: String? = nil) {
        var d = Diagnostic(.error, "E0104", "invalid escape sequence: \(message)", at: span(start, max(pos, start + 1)),
                           label: "invalid escape")
        if let help { d = d.helping(help) }
        report(d)
        out.append(contentsOf: [0xEF, 0xBF, 0xBD])
    }

    /// `\uXXXX` or `\u{X…}` (pos is after the `u`). Joins a surrogate pair written as two escapes.
    mutating func lexUnicodeEscape(start: Int, into out: inout [UInt8]) {
        var value: UInt32 = 0
        if byte(at: pos) == UInt8(ascii: "{") {
            pos += 1
            var count = 0
            while let h = Self.hexValue(byte(at: pos)) {
                value = min(value &* 16 &+ h, 0x11_0000)
                count += 1
                pos += 1
            }
            guard count > 0, byte(at: pos) == UInt8(ascii: "}") else {
                escapeError(start, "`\\u{` must be followed by hexadecimal digits and `}`", &out)
                return
            }
            pos += 1
            guard value <= 0x10FFFF else {
                escapeError(start, "the code point is out of range", &out, help: "the largest code point is `\\u{10FFFF}`")
                return
            }
        } else {
            guard let v = readHex4(at: pos) else {
                escapeError(start, "`\\u` must be followed by four hexadecimal digits or by `{…}`", &out)
                return
            }
            value = v
            pos += 4
            if (0xD800...0xDBFF).contains(value), byte(at: pos) == UInt8(ascii: "\\"), byte(at: pos + 1) == UInt8(ascii: "u"),
               let low = readHex4(at: pos + 2), (0xDC00...0xDFFF).contains(low) {
                pos += 6
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
        }
        guard let scalar = Unicode.Scalar(value) else {
            escapeError(start, "a lone surrogate `\(file.text(start..<pos))` is not a character", &out,
                        help: "write the whole character, e.g. `\\u{1F600}`, or both halves of the surrogate pair")
            return
        }
        Self.appendScalar(scalar, to: &out)
    }

    func readHex4(at i: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let h = Self.hexValue(byte(at: i + k)) else { return nil }
            v = v * 16 + h
        }
        return v
    }
}
