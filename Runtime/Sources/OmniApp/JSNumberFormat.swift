// JavaScript's `String(number)` for the server renderer of components: the Swift SSR must
// print numbers exactly as the browser (and the WASM module's `n` host import) does, so that
// hydration finds the same text. Mirrors the compiler's `JSNumber.format` (OmniIR).

/// ECMAScript Number::toString (radix 10).
public enum JSNumberFormat {
    /// `String(x)`: the shortest digits that round-trip, `1` not `1.0`, plain notation for
    /// 1e-7 <= |x| < 1e21 and exponent form (`1e+21`, `1e-7`, `1.5e-10`) outside it, `-0`
    /// as `0`, `NaN`, `Infinity`, `-Infinity`.
    public static func string(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x == 0 { return "0" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        if x < 0 { return "-" + string(-x) }
        if x == x.rounded(.towardZero), x < 9.007_199_254_740_992e15 {
            return String(Int64(x))
        }
        let (digits, n) = shortestDigits(x)
        let k = digits.count
        if k <= n && n <= 21 {
            return String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return String(decoding: digits[..<n], as: UTF8.self) + "." + String(decoding: digits[n...], as: UTF8.self)
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + String(decoding: digits, as: UTF8.self)
        }
        let e = n - 1
        let exponent = (e < 0 ? "-" : "+") + String(e < 0 ? -e : e)
        let first = String(decoding: digits[..<1], as: UTF8.self)
        if k == 1 { return first + "e" + exponent }
        return first + "." + String(decoding: digits[1...], as: UTF8.self) + "e" + exponent
    }

    /// The shortest round-trip decimal digits `d1…dk` of a positive finite `x` and the
    /// exponent `n` with `x = 0.d1…dk × 10^n` (ECMAScript's `s`, `k`, `n`). Swift's
    /// `description` already picks the shortest digits closest to `x`; this re-reads them.
    static func shortestDigits(_ x: Double) -> (digits: [UInt8], n: Int) {
        let text = Array(x.description.utf8)  // "123.0", "0.001", "1e-07", "1.2345e+20"
        var digits: [UInt8] = []
        var pointPosition = 0
        var seenPoint = false
        var exponent = 0
        var i = 0
        while i < text.count {
            let b = text[i]
            if b == UInt8(ascii: ".") {
                seenPoint = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                var negative = false
                i += 1
                if i < text.count, text[i] == UInt8(ascii: "-") { negative = true; i += 1 }
                else if i < text.count, text[i] == UInt8(ascii: "+") { i += 1 }
                while i < text.count { exponent = exponent * 10 + Int(text[i] &- 0x30); i += 1 }
                if negative { exponent = -exponent }
                break
            } else {
                if !seenPoint { pointPosition += 1 }
                digits.append(b)
            }
            i += 1
        }
        pointPosition += exponent
        while let first = digits.first, first == UInt8(ascii: "0") { digits.removeFirst(); pointPosition -= 1 }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { return ([UInt8(ascii: "0")], 1) }
        return (digits, pointPosition)
    }
}
