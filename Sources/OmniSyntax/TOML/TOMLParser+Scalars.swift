import OmniBase

/// Numbers, booleans, date-times and the bare words that are none of them.
extension TOMLReader {
    /// Reads the run of bytes of a number, boolean or date-time (a date and a time separated
    /// by one space count as one run) and turns it into a value. Returns nil, having reported
    /// why, when the run is not a valid value; the run is consumed either way.
    mutating func scalarValue() -> TOMLValue? {
        let start = i
        while let c = peek(), TOMLScanner.isTokenByte(c) { i += 1 }
        if i - start == 10, looksLikeDate(start), peek() == 0x20,
           let h1 = peek(1), let h2 = peek(2), TOMLScanner.isDigit(h1), TOMLScanner.isDigit(h2), peek(3) == UInt8(ascii: ":") {
            i += 1
            while let c = peek(), TOMLScanner.isTokenByte(c) { i += 1 }
        }
        if i == start {
            // Not a value byte at all (the caller checked it can start one): consume one character.
            i += TOMLScanner.utf8Length(b[i])
        }
        let token = Array(b[start..<i])
        let tokenSpan = span(from: start)
        let text = String(decoding: token, as: UTF8.self)
        switch text {
        case "true": return TOMLValue(.bool(true), span: tokenSpan)
        case "false": return TOMLValue(.bool(false), span: tokenSpan)
        case "inf", "+inf": return TOMLValue(.float(.infinity), span: tokenSpan)
        case "-inf": return TOMLValue(.float(-.infinity), span: tokenSpan)
        case "nan", "+nan", "-nan": return TOMLValue(.float(.nan), span: tokenSpan)
        default: break
        }
        if looksLikeDate(start) || looksLikeMalformedDate(token) || (token.count >= 3 && TOMLScanner.isDigit(token[0]) && TOMLScanner.isDigit(token[1]) && token[2] == UInt8(ascii: ":")) {
            return dateTime(token, start: start)
        }
        let unsigned = token.first == UInt8(ascii: "+") || token.first == UInt8(ascii: "-") ? token.dropFirst() : token[...]
        if unsigned.isEmpty {
            report(Diagnostic.error(TOMLCode.invalidInteger, "expected a number after `\(text)`", at: tokenSpan, label: "a sign without a number")
                .helping("numbers are written with ASCII digits, like `\(text)1` or `\(text)1.5`"))
            return nil
        }
        if let first = unsigned.first, TOMLScanner.isLetter(first) || first >= 0x80 {
            bareWord(text, span: tokenSpan)
            return nil
        }
        return number(token, span: tokenSpan)
    }

    /// `02026-05-07`, `199709-09`: digits, then `-` and a digit, not a valid number either way.
    func looksLikeMalformedDate(_ t: [UInt8]) -> Bool {
        var k = 0
        while k < t.count, TOMLScanner.isDigit(t[k]) { k += 1 }
        return k >= 1 && k + 1 < t.count && t[k] == UInt8(ascii: "-") && TOMLScanner.isDigit(t[k + 1])
    }

    func looksLikeDate(_ k: Int) -> Bool {
        k + 4 < b.count && (0..<4).allSatisfy { TOMLScanner.isDigit(b[k + $0]) } && b[k + 4] == UInt8(ascii: "-")
    }

    mutating func dateTime(_ token: [UInt8], start: Int) -> TOMLValue? {
        switch TOMLDateTime.parse(token) {
        case .success(let dt):
            let s = span(from: start)
            if dt.date == nil { return TOMLValue(.localTime(dt), span: s) }
            if dt.time == nil { return TOMLValue(.localDate(dt), span: s) }
            return TOMLValue(dt.offsetMinutes == nil ? .localDateTime(dt) : .offsetDateTime(dt), span: s)
        case .failure(let e):
            let code = e.kind == .range ? TOMLCode.dateTimeOutOfRange : TOMLCode.invalidDateTime
            let whole = file.text(start..<start + token.count)
            report(Diagnostic.error(code, "invalid date-time `\(whole)`: \(e.message)",
                                    at: span(start + e.range.lowerBound..<start + e.range.upperBound), label: e.label)
                .labeled(span(start..<start + token.count), "in this date-time")
                .helping("date-times look like `1979-05-27T07:32:00Z`, `1979-05-27T07:32:00`, `1979-05-27` or `07:32:00`"))
            return nil
        }
    }

    /// A word that is not a value: most often a string without its quotes.
    mutating func bareWord(_ text: String, span s: Span) {
        let lower = text.lowercased()
        if ["true", "false", "inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(lower) {
            let kind = lower.hasSuffix("inf") || lower.hasSuffix("nan") ? "`inf` and `nan`" : "booleans"
            report(Diagnostic.error(TOMLCode.bareWordValue, "expected a value, found `\(text)`", at: s,
                                    label: "TOML is case-sensitive")
                .helping("\(kind) are written in lower case")
                .fixing(.replace(s, with: lower, "write `\(lower)`")))
            return
        }
        report(Diagnostic.error(TOMLCode.bareWordValue, "expected a value, found the bare word `\(text)`", at: s,
                                label: "not a value")
            .helping("strings must be quoted: `\"\(text)\"`")
            .fixing(.replace(s, with: "\"\(text)\"", "quote it")))
    }

    // MARK: Numbers

    mutating func number(_ token: [UInt8], span s: Span) -> TOMLValue? {
        var t = token[...]
        var sign: UInt8?
        if let f = t.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            sign = f
            t = t.dropFirst()
        }
        let text = String(decoding: token, as: UTF8.self)
        if t.count >= 2, t.first == UInt8(ascii: "0"), let p = t.dropFirst().first, TOMLScanner.isLetter(p), p != UInt8(ascii: "e"), p != UInt8(ascii: "E") {
            return prefixedInteger(t, prefix: p, sign: sign, text: text, span: s)
        }
        // Decimal: int-part [. frac] [e exp].
        var k = t.startIndex
        while k < t.endIndex, TOMLScanner.isDigit(t[k]) || t[k] == UInt8(ascii: "_") { k += 1 }
        let intPart = t[t.startIndex..<k]
        var frac: ArraySlice<UInt8>?
        var exp: ArraySlice<UInt8>?
        if k < t.endIndex, t[k] == UInt8(ascii: ".") {
            let fs = k + 1
            k = fs
            while k < t.endIndex, TOMLScanner.isDigit(t[k]) || t[k] == UInt8(ascii: "_") { k += 1 }
            frac = t[fs..<k]
        }
        if k < t.endIndex, t[k] == UInt8(ascii: "e") || t[k] == UInt8(ascii: "E") {
            let es = k + 1
            k = es
            if k < t.endIndex, t[k] == UInt8(ascii: "+") || t[k] == UInt8(ascii: "-") { k += 1 }
            while k < t.endIndex, TOMLScanner.isDigit(t[k]) || t[k] == UInt8(ascii: "_") { k += 1 }
            exp = t[es..<k]
        }
        let isFloat = frac != nil || exp != nil
        let code = isFloat ? TOMLCode.invalidFloat : TOMLCode.invalidInteger
        let what = isFloat ? "float" : "integer"
        func fail(_ message: String, help: String? = nil, fix: FixIt? = nil) -> TOMLValue? {
            var d = Diagnostic.error(code, "invalid \(what) `\(text)`: \(message)", at: s, label: "invalid \(what)")
            if let help { d = d.helping(help) }
            if let fix { d = d.fixing(fix) }
            report(d)
            return nil
        }
        if k < t.endIndex {
            let bad = String(decoding: t[k...].prefix(1), as: UTF8.self)
            if t[k] == UInt8(ascii: ".") { return fail("a number has at most one `.`") }
            return fail("unexpected `\(bad)`", help: isFloat || intPart.isEmpty ? nil : "integers are written in decimal, or with a `0x`, `0o` or `0b` prefix")
        }
        if intPart.isEmpty {
            if frac != nil {
                return fail("a float needs a digit before the `.`", fix: .replace(s, with: (sign.map { String(UnicodeScalar($0)) } ?? "") + "0" + String(decoding: t, as: UTF8.self), "add a leading zero"))
            }
            return fail("expected digits")
        }
        if let problem = underscoreProblem(intPart) { return fail(problem, help: "`_` may only stand between two digits, as in `1_000`") }
        if intPart.count > 1, intPart.first == UInt8(ascii: "0") {
            let trimmed = String(decoding: intPart.drop { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "_") }, as: UTF8.self)
            let fixed = (sign.map { String(UnicodeScalar($0)) } ?? "") + (trimmed.isEmpty ? "0" : trimmed)
                + String(decoding: t[intPart.endIndex...], as: UTF8.self)
            return fail("leading zeros are not allowed", help: "write `0o…` for an octal integer",
                        fix: .replace(s, with: fixed, "remove the leading zeros"))
        }
        if let frac {
            if frac.isEmpty {
                return fail("a float needs digits after the `.`", fix: .insert("0", at: Span(file: s.file, start: s.start + UInt32(intPart.endIndex - token.startIndex + 1), end: s.start + UInt32(intPart.endIndex - token.startIndex + 1)), "add a zero after the `.`"))
            }
            if let problem = underscoreProblem(frac) { return fail(problem, help: "`_` may only stand between two digits") }
        }
        if let exp {
            var digits = exp
            if let f = digits.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { digits = digits.dropFirst() }
            if digits.isEmpty { return fail("the exponent needs digits", help: "write an exponent like `1e6` or `2.5E-3`") }
            if let problem = underscoreProblem(digits) { return fail(problem, help: "`_` may only stand between two digits") }
        }
        let clean = String(decoding: token.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if isFloat {
            guard let v = Double(clean) else { return fail("not a number") }
            return TOMLValue(.float(v), span: s)
        }
        guard let v = Int64(clean) else {
            report(Diagnostic.error(TOMLCode.integerOutOfRange, "the integer `\(text)` does not fit in 64 bits", at: s,
                                    label: "out of range")
                .note("TOML integers range from -9223372036854775808 to 9223372036854775807")
                .helping("use a float or a string for larger numbers"))
            return nil
        }
        return TOMLValue(.integer(v), span: s)
    }

    /// Why the underscores of a digit run are misplaced, or nil when they are fine.
    func underscoreProblem(_ digits: ArraySlice<UInt8>) -> String? {
        let u = UInt8(ascii: "_")
        if digits.first == u { return "a number cannot start with `_`" }
        if digits.last == u { return "a number cannot end with `_`" }
        var prev: UInt8 = 0
        for c in digits {
            if c == u, prev == u { return "`__`: underscores must stand between digits" }
            prev = c
        }
        return nil
    }

    /// `0x…`, `0o…`, `0b…`. `t` is the token without its sign.
    mutating func prefixedInteger(_ t: ArraySlice<UInt8>, prefix p: UInt8, sign: UInt8?, text: String, span s: Span) -> TOMLValue? {
        func fail(_ message: String, help: String? = nil, fix: FixIt? = nil) -> TOMLValue? {
            var d = Diagnostic.error(TOMLCode.invalidInteger, "invalid integer `\(text)`: \(message)", at: s, label: "invalid integer")
            if let help { d = d.helping(help) }
            if let fix { d = d.fixing(fix) }
            report(d)
            return nil
        }
        let radix: UInt64
        let name: String
        switch p {
        case UInt8(ascii: "x"): radix = 16; name = "hexadecimal"
        case UInt8(ascii: "o"): radix = 8; name = "octal"
        case UInt8(ascii: "b"): radix = 2; name = "binary"
        case UInt8(ascii: "X"), UInt8(ascii: "O"), UInt8(ascii: "B"):
            let lower = String(UnicodeScalar(p + 0x20))
            let fixed = (sign.map { String(UnicodeScalar($0)) } ?? "") + "0" + lower + String(decoding: t.dropFirst(2), as: UTF8.self)
            return fail("the prefix is written in lower case: `0\(lower)`", fix: .replace(s, with: fixed, "write `0\(lower)`"))
        default:
            return fail("unknown prefix `0\(String(UnicodeScalar(p)))`", help: "the prefixes are `0x` (hexadecimal), `0o` (octal) and `0b` (binary)")
        }
        if let sign {
            return fail("\(name == "octal" ? "an" : "a") \(name) integer cannot have a sign", help: "only decimal integers may start with `+` or `-`",
                        fix: sign == UInt8(ascii: "+") ? .replace(s, with: String(text.dropFirst()), "remove the `+`") : nil)
        }
        let digits = t.dropFirst(2)
        if digits.isEmpty { return fail("expected digits after `0\(String(UnicodeScalar(p)))`") }
        if let problem = underscoreProblem(digits) { return fail(problem, help: "`_` may only stand between two digits") }
        var v: UInt64 = 0
        for c in digits where c != UInt8(ascii: "_") {
            guard let d = TOMLReader.hexValue(c).map(UInt64.init), d < radix else {
                return fail("`\(String(UnicodeScalar(c)))` is not \(name == "octal" ? "an" : "a") \(name) digit")
            }
            let (m, o1) = v.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 || a > UInt64(Int64.max) {
                report(Diagnostic.error(TOMLCode.integerOutOfRange, "the integer `\(text)` does not fit in 64 bits", at: s,
                                        label: "out of range")
                    .note("TOML integers range from -9223372036854775808 to 9223372036854775807"))
                return nil
            }
            v = a
        }
        return TOMLValue(.integer(Int64(v)), span: s)
    }
}
