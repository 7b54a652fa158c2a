#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) formatting and parsing without Foundation.
public enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats seconds since the epoch.
    public static func format(_ epochSeconds: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        write(epochSeconds, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the 29 bytes of the date to `bytes`.
    static func write(_ epochSeconds: Int, into bytes: inout [UInt8]) {
        var t = time_t(epochSeconds)
        var tm = tm()
        gmtime_r(&t, &tm)
        bytes.append(contentsOf: days[Int(tm.tm_wday)].utf8)
        bytes.append(contentsOf: ", ".utf8)
        two(Int(tm.tm_mday), &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: months[Int(tm.tm_mon)].utf8)
        bytes.append(UInt8(ascii: " "))
        let year = Int(tm.tm_year) + 1900
        two(year / 100, &bytes)
        two(year % 100, &bytes)
        bytes.append(UInt8(ascii: " "))
        two(Int(tm.tm_hour), &bytes)
        bytes.append(UInt8(ascii: ":"))
        two(Int(tm.tm_min), &bytes)
        bytes.append(UInt8(ascii: ":"))
        two(Int(tm.tm_sec), &bytes)
        bytes.append(contentsOf: " GMT".utf8)
    }

    @inline(__always)
    private static func two(_ v: Int, _ bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(v / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(v % 10))
    }

    /// Parses an IMF-fixdate; nil for anything else (obsolete formats are not accepted).
    public static func parse(_ s: String) -> Int? {
        let parts = s.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT",
            let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let hms = parts[4].split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let m = Int(hms[1]), let sec = Int(hms[2]) else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let mo = month + 1
        let y = mo <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (mo + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let daysSinceEpoch = era * 146097 + doe - 719468
        return daysSinceEpoch * 86400 + h * 3600 + m * 60 + sec
    }
}
