import Foundation

/// JavaScript's number semantics, shared by constant folding, the evaluator, the Swift
/// server renderer and the WASM host so that every one of them prints and computes the same.
public enum JSNumber {
    /// `Number.prototype.toString()` (ECMAScript Number::toString, radix 10): the shortest
    /// digits that round-trip, `1` not `1.0`, plain notation for 1e-7 < |x| < 1e21 and
    /// exponent form (`1e+21`, `1e-7`, `1.5e-10`) outside it, `-0` as `0`, `NaN`,
    /// `Infinity`, `-Infinity`.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x == 0 { return "0" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        if x < 0 { return "-" + format(-x) }
        let (digits, n) = shortestDigits(x)
        let k = digits.count
        if k <= n && n <= 21 {
            return digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let cut = digits.index(digits.startIndex, offsetBy: n)
            return digits[..<cut] + "." + digits[cut...]
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + digits
        }
        let e = n - 1
        let exponent = (e < 0 ? "-" : "+") + String(abs(e))
        if k == 1 { return digits + "e" + exponent }
        return String(digits.prefix(1)) + "." + digits.dropFirst() + "e" + exponent
    }

    /// The shortest round-trip decimal digits `d₁…d_k` of a positive finite `x` and the
    /// exponent `n` with `x = 0.d₁…d_k × 10ⁿ` (ECMAScript's `s`, `k`, `n`). Swift's
    /// `description` already picks the shortest, closest digits; this re-reads them.
    static func shortestDigits(_ x: Double) -> (digits: String, n: Int) {
        let text = x.description  // "123.0", "0.001", "1e-07", "1.2345e+20"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var all = Array(intPart + fracPart)
        var pointPosition = intPart.count + exponent  // digits before the decimal point
        while let first = all.first, first == "0" { all.removeFirst(); pointPosition -= 1 }
        while let last = all.last, last == "0" { all.removeLast() }
        if all.isEmpty { return ("0", 1) }
        return (String(all), pointPosition)
    }

    /// ToInt32: the number modulo 2³², as a signed 32-bit integer (NaN and ±∞ give 0).
    public static func toInt32(_ x: Double) -> Int32 { Int32(bitPattern: toUint32(x)) }

    /// ToUint32: the number modulo 2³², as an unsigned 32-bit integer (NaN and ±∞ give 0).
    public static func toUint32(_ x: Double) -> UInt32 {
        guard x.isFinite else { return 0 }
        var m = x.rounded(.towardZero).truncatingRemainder(dividingBy: 4294967296)
        if m < 0 { m += 4294967296 }
        return UInt32(m)
    }

    /// `a % b`: the IEEE remainder with the dividend's sign (C's `fmod`).
    public static func remainder(_ a: Double, _ b: Double) -> Double { a.truncatingRemainder(dividingBy: b) }

    /// `a ** b` / `Math.pow`: `pow`, except that `NaN` exponents and `(±1) ** ±∞` give NaN.
    public static func power(_ a: Double, _ b: Double) -> Double {
        if b.isNaN { return .nan }
        if b == 0 { return 1 }
        if (a == 1 || a == -1) && b.isInfinite { return .nan }
        return Foundation.pow(a, b)
    }

    /// `Math.round`: the nearest integer, halves towards +∞ (`-2.5` → `-2`), `-0` kept.
    public static func round(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        if x > 0 && x < 0.5 { return 0 }
        if x < 0 && x >= -0.5 { return -0.0 }
        let f = (x).rounded(.down)
        return x - f >= 0.5 ? f + 1 : f
    }

    /// StringToNumber: `""` and blanks → 0, decimal literals with sign and exponent,
    /// `Infinity`, `0x`/`0o`/`0b` integers; anything else NaN.
    public static func parse(_ text: String) -> Double {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return 0 }
        switch s {
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        let lower = s.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            let body = lower.dropFirst(2)
            guard !body.isEmpty else { return .nan }
            var value = 0.0
            for c in body {
                guard let d = c.hexDigitValue, d < radix else { return .nan }
                value = value * Double(radix) + Double(d)
            }
            return value
        }
        guard isDecimalLiteral(Array(s.utf8)) else { return .nan }
        return Double(s) ?? .nan
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
    static func isDecimalLiteral(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int { let start = i; while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }; return i - start }
        if i < b.count, b[i] == 43 || b[i] == 45 { i += 1 }
        var mantissa = digits()
        if i < b.count, b[i] == 46 { i += 1; mantissa += digits() }
        guard mantissa > 0 else { return false }
        if i < b.count, b[i] == 101 || b[i] == 69 {
            i += 1
            if i < b.count, b[i] == 43 || b[i] == 45 { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }

    /// `parseFloat(s)`: the longest decimal prefix after leading blanks, else NaN.
    public static func parseFloatPrefix(_ text: String) -> Double {
        let s = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        for prefix in ["Infinity", "+Infinity", "-Infinity"] where s.starts(with: Array(prefix.utf8)) {
            return prefix.hasPrefix("-") ? -.infinity : .infinity
        }
        var end = s.count
        while end > 0 {
            if isDecimalLiteral(Array(s[0..<end])) { return Double(String(decoding: s[0..<end], as: UTF8.self)) ?? .nan }
            end -= 1
        }
        return .nan
    }

    /// `parseInt(s)` with radix 10 (or 16 after `0x`): leading integer digits, else NaN.
    public static func parseIntPrefix(_ text: String) -> Double {
        var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        var sign = 1.0
        if s.first == "-" { sign = -1; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        var radix = 10
        if s.lowercased().hasPrefix("0x") { radix = 16; s = s.dropFirst(2) }
        var value = 0.0, any = false
        for c in s {
            guard let d = c.hexDigitValue, d < radix else { break }
            value = value * Double(radix) + Double(d); any = true
        }
        return any ? sign * value : .nan
    }

    /// `n.toFixed(digits)` for 0 ≤ digits ≤ 100 (|n| ≥ 1e21 falls back to `format`).
    public static func toFixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return format(x) }
        if abs(x) >= 1e21 { return format(x) }
        let d = max(0, min(100, digits))
        var magnitude = abs(x)
        // ECMAScript picks the larger n on an exact tie; printf rounds ties to even.
        let wide = String(format: "%.\(d + 30)f", magnitude)
        if wide.hasSuffix("5" + String(repeating: "0", count: 29)) { magnitude = magnitude.nextUp }
        let text = String(format: "%.\(d)f", magnitude)
        return x < 0 ? "-" + text : text
    }
}
