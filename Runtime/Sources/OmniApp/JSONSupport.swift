// JSON for generated servers: a writer that keeps keys in the order they are written
// (generated models write their fields in declaration order, so responses are
// deterministic), and `OmniValue`, the protocol of every value a schema field holds —
// how it is stored (a `DatabaseValue`), written as JSON, and read back from JSON, a form
// field or a query string.
//
// Storage formats (the same in SQLite and PostgreSQL, so rows, filters and cursors compare
// the same way in both): `datetime` is TEXT `2026-01-31T12:00:00.000Z` (UTC, milliseconds,
// fixed width, so text order is time order); `date` is TEXT `2026-01-31`; `uuid` is
// lower-case TEXT; `json` is its compact text; enums are their case name.

import Foundation

// MARK: - Writer

/// Compact JSON written in the order of the calls.
///
/// ```swift
/// var w = OmniJSONWriter()
/// w.beginObject(); w.field("id", Int64(1)); w.field("title", "Hi"); w.endObject()
/// w.string   // {"id":1,"title":"Hi"}
/// ```
public struct OmniJSONWriter: Sendable {
    /// The JSON written so far (UTF-8).
    public private(set) var bytes: [UInt8] = []
    /// One entry per open container: whether it has no element yet.
    var firstInContainer: [Bool] = []
    /// A key was just written: the next value needs no comma.
    var afterKey = false

    public init() {}

    /// The JSON written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if let first = firstInContainer.last {
            if !first { bytes.append(UInt8(ascii: ",")) }
            firstInContainer[firstInContainer.count - 1] = false
        }
    }

    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        firstInContainer.append(true)
    }

    public mutating func endObject() {
        if !firstInContainer.isEmpty { firstInContainer.removeLast() }
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        firstInContainer.append(true)
    }

    public mutating func endArray() {
        if !firstInContainer.isEmpty { firstInContainer.removeLast() }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":`; the next value written is its value.
    public mutating func key(_ key: String) {
        beforeValue()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes `"key":value`.
    public mutating func field<T: OmniJSONEncodable>(_ key: String, _ value: T) {
        self.key(key)
        value.writeJSON(into: &self)
    }

    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: Array("null".utf8))
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: Array((value ? "true" : "false").utf8))
    }

    public mutating func integer(_ value: Int64) {
        beforeValue()
        bytes.append(contentsOf: Array(String(value).utf8))
    }

    /// A finite number; NaN and infinities (which JSON cannot hold) are written as `null`.
    public mutating func double(_ value: Double) {
        beforeValue()
        bytes.append(contentsOf: Array((value.isFinite ? String(value) : "null").utf8))
    }

    public mutating func string(_ value: String) {
        beforeValue()
        appendQuoted(value)
    }

    /// Writes a `JSONValue` (object keys sorted, as `JSONValue` itself does).
    public mutating func json(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): integer(Int64(i))
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { json(item) }
            endArray()
        case .object(let members):
            beginObject()
            for k in members.keys.sorted() {
                key(k)
                json(members[k] ?? .null)
            }
            endObject()
        }
    }

    mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hexDigitByte(byte >> 4))
                bytes.append(hexDigitByte(byte & 0xF))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An `application/json` response holding what was written.
    public func response(status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, contentType: ContentType.json, body: ByteBuffer(bytes: bytes))
    }
}

private func hexDigitByte(_ v: UInt8) -> UInt8 { v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10 }

/// A value that writes itself as JSON through `OmniJSONWriter`.
public protocol OmniJSONEncodable {
    func writeJSON(into writer: inout OmniJSONWriter)
}

extension OmniJSONEncodable {
    /// The value as compact JSON text.
    public var jsonText: String {
        var w = OmniJSONWriter()
        writeJSON(into: &w)
        return w.string
    }

    /// An `application/json` response holding the value.
    public func jsonResponse(status: HTTPResponseStatus = .ok) -> Response {
        var w = OmniJSONWriter()
        writeJSON(into: &w)
        return w.response(status: status)
    }
}

extension Optional: OmniJSONEncodable where Wrapped: OmniJSONEncodable {
    public func writeJSON(into writer: inout OmniJSONWriter) {
        if let self { self.writeJSON(into: &writer) } else { writer.null() }
    }
}

extension Array: OmniJSONEncodable where Element: OmniJSONEncodable {
    public func writeJSON(into writer: inout OmniJSONWriter) {
        writer.beginArray()
        for item in self { item.writeJSON(into: &writer) }
        writer.endArray()
    }
}

extension Int: OmniJSONEncodable {
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.integer(Int64(self)) }
}

// MARK: - Values of schema fields

/// A value a schema field, a route parameter or a filter holds: `String` (`string`, `text`),
/// `Int64` (`int`), `Double` (`float`), `Bool`, `OmniDate` (`date`), `Date` (`datetime`),
/// `UUID`, `JSONValue` (`json`) and generated enums (`OmniEnum`).
public protocol OmniValue: DatabaseValueConvertible, OmniJSONEncodable, Hashable {
    /// Reads a JSON value; nil when it has another type or is out of range (`null` is never
    /// accepted here: optionality is handled by the caller).
    init?(json: JSONValue)
    /// Reads the text of a form field, path segment or query parameter.
    init?(text: String)
    /// What a valid value looks like, for error messages: `an integer`.
    static var omniExpectation: String { get }
    /// The error code when a value cannot be read: `type` (or `enum` for enums).
    static var omniErrorCode: String { get }
    /// The value as query-string text (the inverse of `init?(text:)`).
    var omniText: String { get }
}

extension OmniValue {
    public static var omniErrorCode: String { "type" }
}

extension String: OmniValue {
    public init?(json: JSONValue) {
        guard case .string(let s) = json else { return nil }
        self = s
    }
    public init?(text: String) { self = text }
    public static var omniExpectation: String { "a string" }
    public var omniText: String { self }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.string(self) }
}

extension Int64: OmniValue {
    public init?(json: JSONValue) {
        switch json {
        case .int(let i): self = Int64(i)
        case .double(let d) where d.rounded(.towardZero) == d && d.magnitude < 9.0e18: self = Int64(d)
        default: return nil
        }
    }
    public init?(text: String) {
        guard let v = Int64(text.trimmingCharacters(in: .whitespaces)) else { return nil }
        self = v
    }
    public static var omniExpectation: String { "an integer" }
    public var omniText: String { String(self) }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.integer(self) }
}

extension Double: OmniValue {
    public init?(json: JSONValue) {
        switch json {
        case .int(let i): self = Double(i)
        case .double(let d): self = d
        default: return nil
        }
    }
    public init?(text: String) {
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else { return nil }
        self = v
    }
    public static var omniExpectation: String { "a number" }
    public var omniText: String { String(self) }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.double(self) }
}

extension Bool: OmniValue {
    public init?(json: JSONValue) {
        guard case .bool(let b) = json else { return nil }
        self = b
    }
    /// `true`/`false`, `1`/`0`, `on`/`off`, `yes`/`no` (case-insensitive; `on` is what a
    /// checked HTML checkbox sends).
    public init?(text: String) {
        switch text.lowercased() {
        case "true", "1", "on", "yes": self = true
        case "false", "0", "off", "no": self = false
        default: return nil
        }
    }
    public static var omniExpectation: String { "true or false" }
    public var omniText: String { self ? "true" : "false" }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.bool(self) }
}

extension Date: OmniValue {
    public var sqlValue: DatabaseValue { .text(OmniTime.format(self)) }
    public init?(sqlValue value: DatabaseValue) {
        guard case .text(let s) = value, let d = OmniTime.parse(s) else { return nil }
        self = d
    }
    public init?(json: JSONValue) {
        guard case .string(let s) = json, let d = OmniTime.parse(s) else { return nil }
        self = d
    }
    public init?(text: String) {
        guard let d = OmniTime.parse(text) else { return nil }
        self = d
    }
    public static var omniExpectation: String { "an ISO-8601 date-time such as 2026-01-31T12:00:00Z" }
    public var omniText: String { OmniTime.format(self) }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.string(OmniTime.format(self)) }
}

extension UUID: OmniValue {
    public var sqlValue: DatabaseValue { .text(uuidString.lowercased()) }
    public init?(sqlValue value: DatabaseValue) {
        guard case .text(let s) = value, let u = UUID(uuidString: s) else { return nil }
        self = u
    }
    public init?(json: JSONValue) {
        guard case .string(let s) = json, let u = UUID(uuidString: s) else { return nil }
        self = u
    }
    public init?(text: String) {
        guard let u = UUID(uuidString: text) else { return nil }
        self = u
    }
    public static var omniExpectation: String { "a UUID" }
    public var omniText: String { uuidString.lowercased() }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.string(uuidString.lowercased()) }
}

extension JSONValue: OmniValue {
    public var sqlValue: DatabaseValue { .text(jsonString) }
    public init?(sqlValue value: DatabaseValue) {
        guard case .text(let s) = value, let v = JSONValue(parsing: s) else { return nil }
        self = v
    }
    /// Any JSON value but `null` (which the caller treats as absent).
    public init?(json: JSONValue) {
        if case .null = json { return nil }
        self = json
    }
    public init?(text: String) {
        guard let v = JSONValue(parsing: text) else { return nil }
        self = v
    }
    public static var omniExpectation: String { "a JSON value" }
    public var omniText: String { jsonString }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.json(self) }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Parses JSON text (any value at the top level); nil when it is not JSON.
    public init?(parsing text: String) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
        self = value
    }
}

/// A generated schema enum: stored, sent and parsed as its case name.
///
/// ```swift
/// public enum Omni_Role: String, OmniEnum { case admin, member }
/// ```
public protocol OmniEnum: OmniValue, RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension OmniEnum {
    public var sqlValue: DatabaseValue { .text(rawValue) }
    public init?(sqlValue value: DatabaseValue) {
        guard case .text(let s) = value, let v = Self(rawValue: s) else { return nil }
        self = v
    }
    public init?(json: JSONValue) {
        guard case .string(let s) = json, let v = Self(rawValue: s) else { return nil }
        self = v
    }
    public init?(text: String) {
        guard let v = Self(rawValue: text) else { return nil }
        self = v
    }
    public static var omniExpectation: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
    public static var omniErrorCode: String { "enum" }
    public var omniText: String { rawValue }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.string(rawValue) }
}

// MARK: - Calendar dates

/// A calendar date without a time (`date` in a schema): `2026-01-31`.
public struct OmniDate: OmniValue, Codable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid date (nil for `2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...OmniTime.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// The day `date` falls on in UTC.
    public init(_ date: Date) {
        let (y, m, d) = OmniTime.civil(fromDays: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        year = y; month = m; day = d
    }

    /// Midnight UTC of the day.
    public var date: Date { Date(timeIntervalSince1970: Double(OmniTime.days(fromCivil: year, month, day)) * 86_400) }

    /// `2026-01-31`.
    public var description: String { OmniTime.pad(year, 4) + "-" + OmniTime.pad(month, 2) + "-" + OmniTime.pad(day, 2) }

    public static func < (a: OmniDate, b: OmniDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var sqlValue: DatabaseValue { .text(description) }
    public init?(sqlValue value: DatabaseValue) {
        guard case .text(let s) = value else { return nil }
        self.init(text: s)
    }
    public init?(json: JSONValue) {
        guard case .string(let s) = json else { return nil }
        self.init(text: s)
    }
    /// `YYYY-MM-DD`.
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }
    public static var omniExpectation: String { "a date such as 2026-01-31" }
    public var omniText: String { description }
    public func writeJSON(into writer: inout OmniJSONWriter) { writer.string(description) }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = OmniDate(text: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)"))
        }
        self = d
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

// MARK: - Time

/// The server's clock and the one text format of instants.
public enum OmniTime {
    /// Now, rounded to the millisecond (what is stored, so a value read back is equal).
    public static func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// `2026-01-31T12:00:00.000Z`: UTC, milliseconds, fixed width.
    public static func format(_ date: Date) -> String {
        let totalMs = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = totalMs / 86_400_000
        var ms = totalMs % 86_400_000
        if ms < 0 { ms += 86_400_000; days -= 1 }
        let (y, m, d) = civil(fromDays: Int(days))
        let h = Int(ms / 3_600_000), mi = Int(ms / 60_000 % 60), s = Int(ms / 1000 % 60), frac = Int(ms % 1000)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(s, 2) + "." + pad(frac, 3) + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)` (a space may replace `T`) or a
    /// bare `YYYY-MM-DD` (midnight UTC). Nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for i in at..<(at + n) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let y = digits(0, 4), b.count >= 10, b[4] == UInt8(ascii: "-"), let mo = digits(5, 2), b[7] == UInt8(ascii: "-"),
            let d = digits(8, 2), (1...12).contains(mo), (1...daysIn(month: mo, year: y)).contains(d)
        else { return nil }
        let day = days(fromCivil: y, mo, d)
        if b.count == 10 { return Date(timeIntervalSince1970: Double(day) * 86_400) }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
            let h = digits(11, 2), b.count > 13, b[13] == UInt8(ascii: ":"), let mi = digits(14, 2), h < 24, mi < 60
        else { return nil }
        var i = 16
        var seconds = 0.0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = digits(i + 1, 2), s < 60 else { return nil }
            seconds = Double(s)
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var scale = 0.1
                let start = i
                while i < b.count, b[i] >= 48 && b[i] <= 57 {
                    seconds += Double(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), let om = digits(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let t = Double(day) * 86_400 + Double(h * 3600 + mi * 60) + seconds - Double(offset)
        return Date(timeIntervalSince1970: (t * 1000).rounded() / 1000)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

// MARK: - Loaded relations

/// Holds a loaded to-one relation out of line (`@OmniIndirect public var author: Omni_User?`),
/// so entities that refer to each other (or to themselves) have a finite size.
@propertyWrapper
public struct OmniIndirect<Value: Sendable & Hashable>: Sendable, Hashable {
    /// Always exactly one element: an array is a heap box with value semantics.
    var storage: [Value]

    public init(wrappedValue: Value) { storage = [wrappedValue] }

    public var wrappedValue: Value {
        get { storage[0] }
        set { storage = [newValue] }
    }
}

extension OmniIndirect: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        storage = [try decoder.singleValueContainer().decode(Value.self)]
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(storage[0])
    }
}
