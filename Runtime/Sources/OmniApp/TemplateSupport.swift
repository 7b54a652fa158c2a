// The helpers compiled templates call (docs/LANGUAGE.md, "Templates"): truthiness,
// comparisons on the concrete Swift types of template values, `default`, `length`,
// `upper`/`lower`, `truncate`, `format_date` and `format_number`. Pure functions with no
// locale: the same value always renders the same text, on every machine.
import Foundation

/// A value a template can test with `{{#if}}` and give to `default`.
///
/// Falsy: `false`, `0`, `0.0` and NaN, the empty string, the empty list, and `null`
/// (an absent optional). Everything else is truthy, including dates, UUIDs and rows.
public protocol TemplateValue {
    /// Whether `{{#if value}}` shows its first branch.
    var isTemplateTruthy: Bool { get }
    /// Whether `(default value fallback)` takes the fallback: an empty string or list.
    var isTemplateEmpty: Bool { get }
}

extension TemplateValue {
    public var isTemplateEmpty: Bool { false }
}

extension String: TemplateValue {
    public var isTemplateTruthy: Bool { !isEmpty }
    public var isTemplateEmpty: Bool { isEmpty }
}

extension Int64: TemplateValue {
    public var isTemplateTruthy: Bool { self != 0 }
}

extension Double: TemplateValue {
    public var isTemplateTruthy: Bool { self != 0 && !isNaN }
}

extension Bool: TemplateValue {
    public var isTemplateTruthy: Bool { self }
}

extension Date: TemplateValue {
    public var isTemplateTruthy: Bool { true }
}

extension UUID: TemplateValue {
    public var isTemplateTruthy: Bool { true }
}

extension Array: TemplateValue {
    public var isTemplateTruthy: Bool { !isEmpty }
    public var isTemplateEmpty: Bool { isEmpty }
}

extension Optional: TemplateValue where Wrapped: TemplateValue {
    public var isTemplateTruthy: Bool { self?.isTemplateTruthy ?? false }
    public var isTemplateEmpty: Bool { self?.isTemplateEmpty ?? true }
}

/// The helpers of compiled templates.
public enum TemplateSupport {
    // MARK: - Truthiness and comparisons

    /// `{{#if value}}`: see `TemplateValue` for what is falsy.
    @inlinable public static func truthy<T: TemplateValue>(_ value: T) -> Bool { value.isTemplateTruthy }

    /// `(eq a b)`: equal values; `null` equals only `null`.
    @inlinable public static func eq<T: Equatable>(_ a: T?, _ b: T?) -> Bool { a == b }
    /// `(ne a b)`.
    @inlinable public static func ne<T: Equatable>(_ a: T?, _ b: T?) -> Bool { a != b }
    /// `(lt a b)`: false when either side is `null`.
    @inlinable public static func lt<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
        guard let a, let b else { return false }
        return a < b
    }
    /// `(lte a b)`: false when either side is `null`.
    @inlinable public static func lte<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
        guard let a, let b else { return false }
        return a <= b
    }
    /// `(gt a b)`: false when either side is `null`.
    @inlinable public static func gt<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
        guard let a, let b else { return false }
        return a > b
    }
    /// `(gte a b)`: false when either side is `null`.
    @inlinable public static func gte<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
        guard let a, let b else { return false }
        return a >= b
    }

    // MARK: - default, length, case

    /// `(default value fallback)`: `value`, or `fallback` when `value` is `null` or an
    /// empty string or list.
    public static func withDefault<T: TemplateValue>(_ value: T?, _ fallback: T) -> T {
        if let value, !value.isTemplateEmpty { return value }
        return fallback
    }

    /// `(default value fallback)` with a fallback that may be `null` too.
    public static func withDefault<T: TemplateValue>(_ value: T?, _ fallback: T?) -> T? {
        if let value, !value.isTemplateEmpty { return value }
        return fallback
    }

    /// `(default row fallback)` for values that are never empty (rows, enum cases).
    public static func withDefault<T>(_ value: T?, _ fallback: T) -> T { value ?? fallback }

    /// `(length text)`: the number of characters (grapheme clusters).
    public static func length(_ text: String) -> Int64 { Int64(text.count) }
    /// `(length list)`: the number of elements.
    public static func length<T>(_ list: [T]) -> Int64 { Int64(list.count) }
    /// `(length text)` of an absent text: 0.
    public static func length(_ text: String?) -> Int64 { text.map(length) ?? 0 }
    /// `(length list)` of an absent list: 0.
    public static func length<T>(_ list: [T]?) -> Int64 { Int64(list?.count ?? 0) }

    /// `{{upper text}}`: upper case (Unicode rules, no locale).
    public static func upper(_ text: String) -> String { text.uppercased() }
    /// `{{lower text}}`: lower case (Unicode rules, no locale).
    public static func lower(_ text: String) -> String { text.lowercased() }

    /// `{{truncate text n}}`: `text` when it has at most `n` characters; otherwise its first
    /// `n - 1` characters (trailing whitespace dropped) and `…`, so the result has at most
    /// `n` characters. `n <= 0` gives the empty string.
    public static func truncate(_ text: String, _ limit: Int64) -> String {
        guard limit > 0 else { return "" }
        guard text.count > limit else { return text }
        var kept = text.prefix(Int(limit - 1))
        while let last = kept.last, last.isWhitespace { kept.removeLast() }
        return kept + "…"
    }

    // MARK: - Dates

    /// How a date prints on its own (`{{post.createdAt}}`): ISO-8601 in UTC,
    /// `2024-03-01T09:05:00Z`, the format of the JSON API.
    public static func iso8601(_ date: Date) -> String { formatDate(date, "yyyy-MM-ddTHH:mm:ssZ") }

    /// `{{format_date d "pattern"}}` in UTC. The pattern's fields are `yyyy` (year, at least
    /// four digits), `MM` (month), `dd` (day), `HH` (hour, 00–23), `mm` (minute), `ss`
    /// (second), each zero-padded; every other character is copied as written.
    public static func formatDate(_ date: Date, _ pattern: String) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(daysSince1970: days)
        let fields: [(token: String, value: Int64, width: Int)] = [
            ("yyyy", year, 4), ("MM", month, 2), ("dd", day, 2),
            ("HH", secondOfDay / 3600, 2), ("mm", secondOfDay / 60 % 60, 2), ("ss", secondOfDay % 60, 2),
        ]
        var out = ""
        var rest = Substring(pattern)
        scan: while let first = rest.first {
            for field in fields where rest.hasPrefix(field.token) {
                out += padded(field.value, width: field.width)
                rest = rest.dropFirst(field.token.count)
                continue scan
            }
            out.append(first)
            rest = rest.dropFirst()
        }
        return out
    }

    /// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01.
    static func civil(daysSince1970 days: Int64) -> (Int64, Int64, Int64) {
        let (y, m, d) = OmniTime.civil(fromDays: Int(days))
        return (Int64(y), Int64(m), Int64(d))
    }

    static func padded(_ value: Int64, width: Int) -> String {
        let digits = String(value.magnitude)
        let pad = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + pad + digits
    }

    // MARK: - Numbers

    /// `{{format_number n}}` / `{{format_number n 2}}`: thousands separated by `,`, with
    /// `decimals` digits after a `.` when given (0–20).
    public static func formatNumber(_ value: Int64, decimals: Int64? = nil) -> String {
        var out = (value < 0 ? "-" : "") + grouped(String(value.magnitude))
        if let decimals, decimals > 0 { out += "." + String(repeating: "0", count: Int(min(decimals, 20))) }
        return out
    }

    /// `{{format_number x}}` / `{{format_number x 2}}`: thousands separated by `,`; rounded
    /// to `decimals` digits when given (0–20), else the shortest digits that read back as
    /// `x` (as JavaScript prints it). NaN and infinities print as `NaN`, `Infinity`, `-Infinity`.
    public static func formatNumber(_ value: Double, decimals: Int64? = nil) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let text: String
        if let decimals {
            text = String(format: "%.\(max(0, min(decimals, 20)))f", value.magnitude)
        } else {
            text = JSNumberFormat.string(value.magnitude)
        }
        if text.contains("e") { return (value < 0 ? "-" : "") + text }
        let parts = text.split(separator: ".", maxSplits: 1)
        var out = grouped(String(parts[0]))
        if parts.count == 2 { out += "." + parts[1] }
        let isZero = !text.contains { $0 != "0" && $0 != "." }
        return (value < 0 && !isZero ? "-" : "") + out
    }

    static func grouped(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
