import NIOCore

/// A parsed `multipart/form-data` body.
public struct MultipartForm: Sendable {
    /// One part: a form field or an uploaded file.
    public struct Part: Sendable {
        /// The field name (`Content-Disposition: form-data; name="…"`).
        public var name: String
        /// The file name, for uploads.
        public var filename: String?
        /// The part's `Content-Type`, if given.
        public var contentType: String?
        /// The part's headers, lowercased names.
        public var headers: [(name: String, value: String)]
        /// The content (a slice of the request body, no copy).
        public var body: ByteBuffer

        /// The content as UTF-8 text.
        public var text: String { String(buffer: body) }
    }

    /// The parts in order.
    public var parts: [Part]

    /// The text of the first non-file part named `name`.
    public func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }?.text
    }

    /// The first file part named `name`.
    public func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.filename != nil }
    }
}

/// Limits for multipart parsing.
public struct MultipartLimits: Sendable {
    /// The most parts accepted.
    public var maxParts: Int = 100
    /// The most bytes of headers per part.
    public var maxHeaderBytes: Int = 8 * 1024
    /// The most bytes in one part.
    public var maxPartBytes: Int = .max
    /// Default limits.
    public init() {}
}

enum MultipartParser {
    static func parse(_ body: ByteBuffer, boundary: String, limits: MultipartLimits) throws -> MultipartForm {
        let bad = { (why: String) in HTTPError.badRequest("Malformed multipart body: \(why)", code: "invalid_multipart") }
        let delimiter = Array(("--" + boundary).utf8)
        let bytes = Array(body.readableBytesView)
        guard var pos = find(delimiter, in: bytes, from: 0) else { throw bad("no boundary") }
        var parts: [MultipartForm.Part] = []
        while true {
            pos += delimiter.count
            // "--" after the delimiter ends the body.
            if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "-"), bytes[pos + 1] == UInt8(ascii: "-") { break }
            // Skip transport padding and the CRLF.
            while pos < bytes.count, bytes[pos] == UInt8(ascii: " ") || bytes[pos] == UInt8(ascii: "\t") { pos += 1 }
            guard pos + 1 < bytes.count, bytes[pos] == 13, bytes[pos + 1] == 10 else { throw bad("expected CRLF after boundary") }
            pos += 2
            guard let headerEnd = find([13, 10, 13, 10], in: bytes, from: pos, limit: pos + limits.maxHeaderBytes + 4) else {
                throw bad("part headers not terminated")
            }
            let headerText = String(decoding: bytes[pos..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find([13, 10] + delimiter, in: bytes, from: contentStart) else { throw bad("part not terminated") }
            guard next - contentStart <= limits.maxPartBytes else {
                throw HTTPError(.payloadTooLarge, code: "payload_too_large", message: "A multipart part is too large")
            }
            var headers: [(String, String)] = []
            for line in headerText.split(separator: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { throw bad("bad part header") }
                headers.append((line[..<colon].lowercased(), String(line[line.index(after: colon)...].trimmingASCIIWhitespace())))
            }
            guard let disposition = headers.first(where: { $0.0 == "content-disposition" })?.1 else {
                throw bad("part without Content-Disposition")
            }
            let params = headerParameters(disposition)
            guard let name = params["name"] else { throw bad("part without a name") }
            let slice = body.getSlice(at: body.readerIndex + contentStart, length: next - contentStart) ?? ByteBuffer()
            parts.append(
                MultipartForm.Part(
                    name: name, filename: params["filename"], contentType: headers.first(where: { $0.0 == "content-type" })?.1,
                    headers: headers, body: slice))
            guard parts.count <= limits.maxParts else { throw bad("too many parts") }
            pos = next + 2
        }
        return MultipartForm(parts: parts)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, limit: Int = .max) -> Int? {
        let end = min(haystack.count, limit) - needle.count
        guard start <= end, let first = needle.first else { return nil }
        var i = start
        while i <= end {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

/// Parses `type; a=1; b="two"` parameters into a dictionary with lowercased keys.
func headerParameters<S: StringProtocol>(_ value: S) -> [String: String] {
    var out: [String: String] = [:]
    for piece in value.split(separator: ";").dropFirst() {
        guard let eq = piece.firstIndex(of: "=") else { continue }
        let key = piece[..<eq].trimmingASCIIWhitespace().lowercased()
        var v = piece[piece.index(after: eq)...].trimmingASCIIWhitespace()
        if v.count >= 2, v.first == "\"", v.last == "\"" { v = v.dropFirst().dropLast() }
        out[key] = String(v)
    }
    return out
}
