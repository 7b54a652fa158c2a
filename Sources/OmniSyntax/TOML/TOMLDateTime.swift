/// A validated TOML date-time, local date-time, local date or local time, with the text it
/// was read from.
///
/// `1979-05-27T07:32:00.999-07:00` has a date, a time and an offset; `07:32:00` only a time.
public struct TOMLDateTime: Hashable, Sendable, CustomStringConvertible {
    /// A calendar date: `1979-05-27`.
    public struct Date: Hashable, Sendable {
        public var year: Int
        /// 1...12.
        public var month: Int
        /// 1...28/29/30/31, checked against the month and leap years.
        public var day: Int
    }

    /// A time of day: `07:32:00.999`.
    public struct Time: Hashable, Sendable {
        /// 0...23.
        public var hour: Int
        /// 0...59.
        public var minute: Int
        /// 0...60 (60 for a leap second).
        public var second: Int
        /// The fractional digits as written, without the dot (`"999"`); empty when absent.
        public var fraction: String
        /// The fraction in nanoseconds (digits past the ninth are truncated).
        public var nanosecond: Int {
            let digits = fraction.prefix(9)
            guard !digits.isEmpty else { return 0 }
            return (Int(digits) ?? 0) * Self.scale[9 - digits.count]
        }
        private static let scale = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]
    }

    public var date: Date?
    public var time: Time?
    /// The UTC offset in minutes (0 for `Z`); nil for the local kinds.
    public var offsetMinutes: Int?
    /// The text as written in the file, e.g. `1979-05-27 07:32:00z`.
    public var text: String

    /// The RFC 3339 form: `T` between date and time, upper-case `Z`, `+HH:MM` offsets.
    public var normalized: String {
        var out = ""
        if let d = date { out += Self.pad(d.year, 4) + "-" + Self.pad(d.month, 2) + "-" + Self.pad(d.day, 2) }
        if date != nil, time != nil { out += "T" }
        if let t = time {
            out += Self.pad(t.hour, 2) + ":" + Self.pad(t.minute, 2) + ":" + Self.pad(t.second, 2)
            if !t.fraction.isEmpty { out += "." + t.fraction }
        }
        if let off = offsetMinutes {
            if off == 0 {
                out += "Z"
            } else {
                out += (off < 0 ? "-" : "+") + Self.pad(abs(off) / 60, 2) + ":" + Self.pad(abs(off) % 60, 2)
            }
        }
        return out
    }

    public var description: String { normalized }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Whether `year` is a leap year in the proleptic Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1...12) of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Why a date-time literal was rejected: a byte range relative to the literal and a message.
struct TOMLDateTimeError: Error, Equatable {
    enum Kind { case format, range }
    var kind: Kind
    var range: Range<Int>
    var message: String
    var label: String
}

extension TOMLDateTime {
    /// Parses a date-time literal (already cut out of the line, a space separator included).
    /// The caller decides it looks like one: it starts with `DDDD-` or `DD:`.
    static func parse(_ b: [UInt8]) -> Result<TOMLDateTime, TOMLDateTimeError> {
        var p = DateTimeReader(b: b)
        do {
            var result = TOMLDateTime(date: nil, time: nil, offsetMinutes: nil, text: String(decoding: b, as: UTF8.self))
            if b.count >= 3, isDigit(b[0]), isDigit(b[1]), b[2] == UInt8(ascii: ":") {
                result.time = try p.time()
            } else {
                result.date = try p.date()
                guard p.i < b.count else { return .success(result) }
                let sep = b[p.i]
                guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " ") else {
                    throw p.fail(p.i..<p.i + 1, "expected `T` or a space between the date and the time")
                }
                p.i += 1
                result.time = try p.time()
                if p.i < b.count {
                    result.offsetMinutes = try p.offset()
                }
            }
            if p.i < b.count {
                throw p.fail(p.i..<b.count, "unexpected text after the \(result.date == nil ? "time" : "date-time")")
            }
            return .success(result)
        } catch let e as TOMLDateTimeError {
            return .failure(e)
        } catch {
            return .failure(TOMLDateTimeError(kind: .format, range: 0..<b.count, message: "invalid date-time", label: "here"))
        }
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

/// A cursor over the bytes of one date-time literal.
private struct DateTimeReader {
    let b: [UInt8]
    var i = 0

    func fail(_ range: Range<Int>, _ message: String, kind: TOMLDateTimeError.Kind = .format) -> TOMLDateTimeError {
        let r = min(range.lowerBound, b.count)..<min(max(range.upperBound, range.lowerBound), b.count)
        return TOMLDateTimeError(kind: kind, range: r.isEmpty && r.lowerBound > 0 ? r.lowerBound - 1..<r.lowerBound : r,
                                 message: message, label: kind == .range ? "out of range" : "here")
    }

    mutating func digits(_ n: Int, _ what: String) throws -> Int {
        var v = 0
        for k in 0..<n {
            guard i + k < b.count, TOMLDateTime.isDigit(b[i + k]) else {
                throw fail(i..<i + k + 1, "expected \(n) digits for the \(what)")
            }
            v = v * 10 + Int(b[i + k] - 0x30)
        }
        i += n
        return v
    }

    mutating func expect(_ c: Character, after what: String) throws {
        guard i < b.count, b[i] == c.asciiValue! else { throw fail(i..<i + 1, "expected `\(c)` after the \(what)") }
        i += 1
    }

    mutating func date() throws -> TOMLDateTime.Date {
        let start = i
        var n = 0
        while i + n < b.count, TOMLDateTime.isDigit(b[i + n]) { n += 1 }
        if n != 4 {
            throw fail(i..<i + max(n, 1), "the year must have exactly 4 digits, found \(n)")
        }
        let year = try digits(4, "year")
        try expect("-", after: "year")
        let month = try digits(2, "month")
        try expect("-", after: "month")
        let day = try digits(2, "day")
        if month < 1 || month > 12 {
            throw fail(start + 5..<start + 7, "month \(month) is out of range (01–12)", kind: .range)
        }
        let maxDay = TOMLDateTime.daysIn(month: month, year: year)
        if day < 1 || day > maxDay {
            let why = month == 2 && day == 29 ? "\(year) is not a leap year" : "that month has \(maxDay) days"
            throw fail(start + 8..<start + 10, "day \(day) is out of range: \(why)", kind: .range)
        }
        return .init(year: year, month: month, day: day)
    }

    mutating func time() throws -> TOMLDateTime.Time {
        let start = i
        let hour = try digits(2, "hour")
        try expect(":", after: "hour")
        let minute = try digits(2, "minute")
        guard i < b.count, b[i] == UInt8(ascii: ":") else {
            throw fail(i..<i + 1, "expected `:` and the seconds after the minute (TOML 1.0 requires seconds)")
        }
        i += 1
        let second = try digits(2, "second")
        var fraction = ""
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let fs = i
            while i < b.count, TOMLDateTime.isDigit(b[i]) { i += 1 }
            guard i > fs else { throw fail(fs..<fs + 1, "expected digits after the `.` of the seconds") }
            fraction = String(decoding: b[fs..<i], as: UTF8.self)
        }
        if hour > 23 { throw fail(start..<start + 2, "hour \(hour) is out of range (00–23)", kind: .range) }
        if minute > 59 { throw fail(start + 3..<start + 5, "minute \(minute) is out of range (00–59)", kind: .range) }
        if second > 60 { throw fail(start + 6..<start + 8, "second \(second) is out of range (00–60)", kind: .range) }
        return .init(hour: hour, minute: minute, second: second, fraction: fraction)
    }

    mutating func offset() throws -> Int {
        let c = b[i]
        if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
            i += 1
            return 0
        }
        guard c == UInt8(ascii: "+") || c == UInt8(ascii: "-") else {
            throw fail(i..<i + 1, "expected `Z` or an offset like `+02:00` after the time")
        }
        let start = i
        i += 1
        let h = try digits(2, "offset hour")
        try expect(":", after: "offset hour")
        let m = try digits(2, "offset minute")
        if h > 23 { throw fail(start + 1..<start + 3, "offset hour \(h) is out of range (00–23)", kind: .range) }
        if m > 59 { throw fail(start + 4..<start + 6, "offset minute \(m) is out of range (00–59)", kind: .range) }
        return (c == UInt8(ascii: "-") ? -1 : 1) * (h * 60 + m)
    }
}
