// JavaScript semantics that server-rendered components need (the Swift SSR generated from
// `.omni` components): ToString, ToBoolean, UTF-16 string indexing, `Math.round`, the JSON
// of `data-props`. Each mirrors the compiler's reference evaluator (OmniIR), so a component
// rendered in Swift shows what the browser shows after hydration.
import Foundation

/// C's `pow` (outside `JS`, whose `pow` would shadow it).
private func cPow(_ a: Double, _ b: Double) -> Double { pow(a, b) }

/// A value with JavaScript's ToString and ToBoolean.
public protocol JSValueConvertible {
    /// `String(value)`.
    var jsString: String { get }
    /// `Boolean(value)` (truthiness).
    var jsTruthy: Bool { get }
    /// `JSON.stringify(value)`.
    var jsJSON: String { get }
}

extension Double: JSValueConvertible {
    public var jsString: String { JSNumberFormat.string(self) }
    public var jsTruthy: Bool { self != 0 && !isNaN }
    public var jsJSON: String { isFinite ? JSNumberFormat.string(self) : "null" }
}

extension String: JSValueConvertible {
    public var jsString: String { self }
    public var jsTruthy: Bool { !isEmpty }
    public var jsJSON: String { JS.jsonString(self) }
}

extension Bool: JSValueConvertible {
    public var jsString: String { self ? "true" : "false" }
    public var jsTruthy: Bool { self }
    public var jsJSON: String { jsString }
}

extension Array: JSValueConvertible where Element: JSValueConvertible {
    /// `[1, 2].toString()` is `1,2`; `null` elements print as nothing.
    public var jsString: String { map(\.jsElementString).joined(separator: ",") }
    public var jsTruthy: Bool { true }
    public var jsJSON: String { "[" + map(\.jsJSON).joined(separator: ",") + "]" }
}

extension Optional: JSValueConvertible where Wrapped: JSValueConvertible {
    public var jsString: String { self?.jsString ?? "null" }
    public var jsTruthy: Bool { self?.jsTruthy ?? false }
    public var jsJSON: String { self?.jsJSON ?? "null" }
}

extension JSValueConvertible {
    /// The text of the value as an array element (`join`, `toString`): `null` is empty.
    public var jsElementString: String {
        if let o = self as? any JSOptionalMarker, o.jsIsNull { return "" }
        return jsString
    }
}

/// Lets `jsElementString` see through optionals.
public protocol JSOptionalMarker { var jsIsNull: Bool { get } }
extension Optional: JSOptionalMarker { public var jsIsNull: Bool { self == nil } }

/// JavaScript built-ins with the reference evaluator's semantics.
public enum JS {
    /// `Math.round(x)`: halves round towards +∞; NaN, ±∞ and ±0 are kept.
    public static func round(_ x: Double) -> Double {
        if !x.isFinite || x == 0 { return x }
        let f = x.rounded(.down)
        let r = x - f >= 0.5 ? f + 1 : f
        return r == 0 && x < 0 ? -0.0 : r
    }

    /// `Math.sign(x)`.
    public static func sign(_ x: Double) -> Double { x.isNaN || x == 0 ? x : (x > 0 ? 1 : -1) }

    /// `Math.min(…)` / `Math.max(…)`: NaN wins; `-0 < +0`.
    public static func min(_ xs: Double...) -> Double {
        var r = Double.infinity
        for x in xs {
            if x.isNaN { return .nan }
            if x < r || (x == 0 && r == 0 && x.sign == .minus) { r = x }
        }
        return r
    }

    public static func max(_ xs: Double...) -> Double {
        var r = -Double.infinity
        for x in xs {
            if x.isNaN { return .nan }
            if x > r || (x == 0 && r == 0 && x.sign == .plus) { r = x }
        }
        return r
    }

    /// `a ** b` (`Math.pow`): as JavaScript, `1 ** NaN` and `(±1) ** ±∞` are NaN.
    public static func pow(_ a: Double, _ b: Double) -> Double {
        if b.isNaN { return .nan }
        if b == 0 { return 1 }
        if (a == 1 || a == -1) && b.isInfinite { return .nan }
        return cPow(a, b)
    }

    /// `a % b`: the remainder with the dividend's sign (C's fmod).
    public static func remainder(_ a: Double, _ b: Double) -> Double { a.truncatingRemainder(dividingBy: b) }

    /// ToInt32.
    public static func int32(_ x: Double) -> Int32 { Int32(bitPattern: uint32(x)) }

    /// ToUint32.
    public static func uint32(_ x: Double) -> UInt32 {
        guard x.isFinite else { return 0 }
        let t = x.rounded(.towardZero)
        let m = t.truncatingRemainder(dividingBy: 4_294_967_296)
        let u = m < 0 ? m + 4_294_967_296 : m
        return UInt32(u)
    }

    // MARK: Strings (UTF-16 indexes, as JavaScript)

    /// `s.length`.
    public static func length(_ s: String) -> Double { Double(s.utf16.count) }

    /// A relative index clamped to `0…count` (`slice`'s rule for negative values).
    static func relative(_ i: Double, _ count: Int) -> Int {
        if i.isNaN { return 0 }
        if i < 0 { return Swift.max(0, count + Int(Swift.max(i, -Double(count)).rounded(.towardZero))) }
        return Swift.min(count, Int(Swift.min(i, Double(count)).rounded(.towardZero)))
    }

    static func utf16String(_ units: ArraySlice<UInt16>) -> String { String(decoding: units, as: UTF16.self) }

    /// `s.slice(start, end)`.
    public static func slice(_ s: String, _ start: Double, _ end: Double? = nil) -> String {
        let u = Array(s.utf16)
        let a = relative(start, u.count), b = end.map { relative($0, u.count) } ?? u.count
        return a < b ? utf16String(u[a..<b]) : ""
    }

    /// `s.substring(start, end)`: negative and NaN are 0; the bounds may be swapped.
    public static func substring(_ s: String, _ start: Double, _ end: Double? = nil) -> String {
        let u = Array(s.utf16)
        func clamp(_ x: Double) -> Int { x.isNaN || x < 0 ? 0 : Swift.min(u.count, Int(Swift.min(x, Double(u.count)))) }
        var a = clamp(start), b = end.map(clamp) ?? u.count
        if a > b { swap(&a, &b) }
        return utf16String(u[a..<b])
    }

    /// `s.charAt(i)`.
    public static func charAt(_ s: String, _ i: Double) -> String {
        let u = Array(s.utf16)
        let k = i.isNaN ? 0 : i.rounded(.towardZero)
        guard k >= 0, k < Double(u.count) else { return "" }
        return utf16String(u[Int(k)...Int(k)])
    }

    /// `s.indexOf(t)` (UTF-16 index, -1 when absent).
    public static func indexOf(_ s: String, _ t: String) -> Double {
        let u = Array(s.utf16), v = Array(t.utf16)
        if v.isEmpty { return 0 }
        guard v.count <= u.count else { return -1 }
        for i in 0...(u.count - v.count) where u[i..<(i + v.count)].elementsEqual(v) { return Double(i) }
        return -1
    }

    /// `s.lastIndexOf(t)`.
    public static func lastIndexOf(_ s: String, _ t: String) -> Double {
        let u = Array(s.utf16), v = Array(t.utf16)
        guard v.count <= u.count else { return -1 }
        for i in stride(from: u.count - v.count, through: 0, by: -1) where u[i..<(i + v.count)].elementsEqual(v) { return Double(i) }
        return -1
    }

    /// `s.includes(t)`.
    public static func includes(_ s: String, _ t: String) -> Bool { indexOf(s, t) >= 0 }

    /// `s.startsWith(t)` / `s.endsWith(t)` (code units, not grapheme clusters).
    public static func startsWith(_ s: String, _ t: String) -> Bool { s.utf16.starts(with: t.utf16) }
    public static func endsWith(_ s: String, _ t: String) -> Bool { s.utf16.reversed().starts(with: t.utf16.reversed()) }

    /// `s.repeat(n)` (a negative or infinite count repeats nothing; the evaluator reports it).
    public static func `repeat`(_ s: String, _ n: Double) -> String {
        guard n.isFinite, n >= 1 else { return "" }
        return String(repeating: s, count: Int(n))
    }

    /// JavaScript's white space and line terminators (what `trim` removes).
    public static func isWhiteSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// `s.trim()`, `s.trimStart()`, `s.trimEnd()`.
    public static func trim(_ s: String, start: Bool = true, end: Bool = true) -> String {
        var scalars = Substring(s).unicodeScalars[...]
        if start { while let f = scalars.first, isWhiteSpace(f) { scalars.removeFirst() } }
        if end { while let l = scalars.last, isWhiteSpace(l) { scalars.removeLast() } }
        return String(String.UnicodeScalarView(scalars))
    }

    /// `s.replace(a, b)` (the first occurrence) and `s.replaceAll(a, b)`, on code units.
    public static func replace(_ s: String, _ a: String, _ b: String, all: Bool) -> String {
        let u = Array(s.utf16), v = Array(a.utf16), w = Array(b.utf16)
        var out: [UInt16] = []
        var i = 0
        var replaced = false
        if v.isEmpty {
            if !all { return b + s }
            for c in u { out += w; out.append(c) }
            return String(decoding: out + w, as: UTF16.self)
        }
        while i < u.count {
            if (all || !replaced), i + v.count <= u.count, u[i..<(i + v.count)].elementsEqual(v) {
                out += w; i += v.count; replaced = true
            } else {
                out.append(u[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF16.self)
    }

    // MARK: Arrays

    /// `xs.slice(start, end)`.
    public static func slice<T>(_ xs: [T], _ start: Double, _ end: Double? = nil) -> [T] {
        let a = relative(start, xs.count), b = end.map { relative($0, xs.count) } ?? xs.count
        return a < b ? Array(xs[a..<b]) : []
    }

    /// `xs[i]`: `null` outside the array (and for fractional indexes).
    public static func index<T>(_ xs: [T], _ i: Double) -> T? {
        guard i >= 0, i < Double(xs.count), i == i.rounded(.towardZero) else { return nil }
        return xs[Int(i)]
    }

    /// `xs.at(i)`: negative indexes count from the end.
    public static func at<T>(_ xs: [T], _ i: Double) -> T? {
        guard !i.isNaN else { return xs.first }
        let k = i.rounded(.towardZero)
        return index(xs, k < 0 ? k + Double(xs.count) : k)
    }

    /// `xs.map((x, i) => …)`: the callback also gets the index.
    public static func map<T, U>(_ xs: [T], _ f: (T, Double) throws -> U) rethrows -> [U] {
        var out: [U] = []
        out.reserveCapacity(xs.count)
        for (i, x) in xs.enumerated() { out.append(try f(x, Double(i))) }
        return out
    }

    /// `xs.filter((x, i) => …)`.
    public static func filter<T>(_ xs: [T], _ f: (T, Double) throws -> Bool) rethrows -> [T] {
        var out: [T] = []
        for (i, x) in xs.enumerated() where try f(x, Double(i)) { out.append(x) }
        return out
    }

    /// `xs.join(sep)`: `null` elements print as nothing.
    public static func join<T: JSValueConvertible>(_ xs: [T], _ separator: String = ",") -> String {
        xs.map(\.jsElementString).joined(separator: separator)
    }

    // MARK: JSON

    /// `JSON.stringify(s)` of a string.
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if c.value < 0x20 {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// The `data-props` object of a component root: `{"label":"Clicks","start":3}`.
    public static func props(_ fields: KeyValuePairs<String, any JSValueConvertible>) -> String {
        "{" + fields.map { jsonString($0.key) + ":" + $0.value.jsJSON }.joined(separator: ",") + "}"
    }
}
