import NIOCore
import NIOHTTP1

/// The `Date` header value, formatted at most once per second per connection.
final class DateCache {
    private var second = -1
    private(set) var bytes: [UInt8] = []

    /// `Date: <IMF-fixdate>\r\n` for the current second.
    @inline(__always)
    func headerLine() -> [UInt8] {
        let now = unixTime()
        if now != second {
            second = now
            var b: [UInt8] = Array("Date: ".utf8)
            b.reserveCapacity(39)
            HTTPDate.write(now, into: &b)
            b.append(13)
            b.append(10)
            bytes = b
        }
        return bytes
    }

    /// The bare date value for the current second.
    func value() -> String {
        let line = headerLine()
        return String(decoding: line[6..<(line.count - 2)], as: UTF8.self)
    }
}

/// Serializes responses straight into a connection's output buffer: one buffer, one write,
/// no intermediate header objects.
enum ResponseWriter {
    /// Appends the status line, headers and (unless `isHead`) body of `response`.
    @inline(__always)
    static func write(
        _ response: Response, isHead: Bool, keepAlive: Bool, requestVersion: HTTPVersion, date: DateCache, into out: inout ByteBuffer
    ) {
        let code = response.status.code
        if code == 200 {
            out.writeStaticString("HTTP/1.1 200 OK\r\n")
        } else {
            out.writeStaticString("HTTP/1.1 ")
            writeDecimal(Int(code), into: &out)
            out.writeInteger(UInt8(ascii: " "))
            out.writeString(response.status.reasonPhrase)
            out.writeStaticString("\r\n")
        }
        if let contentType = response.contentType {
            out.writeStaticString("Content-Type: ")
            writeHeaderValue(contentType, into: &out)
            out.writeStaticString("\r\n")
        }
        let bodyless = code == 204 || code == 304 || code < 200
        if !bodyless {
            out.writeStaticString("Content-Length: ")
            writeDecimal(response.body.readableBytes, into: &out)
            out.writeStaticString("\r\n")
        }
        out.writeBytes(date.headerLine())
        if !keepAlive {
            out.writeStaticString("Connection: close\r\n")
        } else if requestVersion.minor == 0 && requestVersion.major == 1 {
            out.writeStaticString("Connection: keep-alive\r\n")
        }
        for (name, value) in response.headers {
            // Hop-by-hop and server-owned headers are ours to write.
            if isServerOwned(name) { continue }
            writeHeaderValue(name, into: &out)
            out.writeStaticString(": ")
            writeHeaderValue(value, into: &out)
            out.writeStaticString("\r\n")
        }
        out.writeStaticString("\r\n")
        if !isHead && !bodyless {
            var body = response.body
            out.writeBuffer(&body)
        }
    }

    @inline(__always)
    static func isServerOwned(_ name: String) -> Bool {
        let n = name.utf8.count
        guard n == 10 || n == 14 || n == 17 else { return false }
        return name.caseInsensitiveEquals("connection") || name.caseInsensitiveEquals("content-length")
            || name.caseInsensitiveEquals("transfer-encoding")
    }

    /// Writes a header name or value, turning CR and LF into spaces (no response splitting).
    @inline(__always)
    static func writeHeaderValue(_ value: String, into out: inout ByteBuffer) {
        var safe = true
        for b in value.utf8 where b == 13 || b == 10 || b == 0 {
            safe = false
            break
        }
        if safe {
            out.writeString(value)
        } else {
            for b in value.utf8 { out.writeInteger(b == 13 || b == 10 || b == 0 ? UInt8(ascii: " ") : b) }
        }
    }

    @inline(__always)
    static func writeDecimal(_ value: Int, into out: inout ByteBuffer) {
        if value < 10 {
            out.writeInteger(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[19 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[(20 - count)...]))
        }
    }

    /// A complete minimal error response for protocol failures (malformed request, 413, 408).
    static func writeProtocolError(_ error: HTTPError, date: DateCache, into out: inout ByteBuffer) {
        let response = error.jsonResponse()
        write(response, isHead: false, keepAlive: false, requestVersion: .http1_1, date: date, into: &out)
    }
}

extension String {
    /// ASCII case-insensitive equality with a lowercase literal.
    @inline(__always)
    func caseInsensitiveEquals(_ lower: StaticString) -> Bool {
        guard utf8.count == lower.utf8CodeUnitCount else { return false }
        return lower.withUTF8Buffer { l in
            var i = 0
            for b in utf8 {
                let c = (b >= 65 && b <= 90) ? b + 32 : b
                if c != l[i] { return false }
                i += 1
            }
            return true
        }
    }
}
