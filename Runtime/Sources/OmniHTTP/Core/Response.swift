#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOHTTP1

/// One encoder for every `.json` response (JSONEncoder is thread-safe; making one per
/// response costs an allocation and its setup).
let sharedJSONEncoder = JSONEncoder()

/// Common `Content-Type` values.
public enum ContentType {
    public static let text = "text/plain; charset=utf-8"
    public static let html = "text/html; charset=utf-8"
    public static let json = "application/json; charset=utf-8"
    public static let formURLEncoded = "application/x-www-form-urlencoded"
    public static let octetStream = "application/octet-stream"
}

/// An HTTP response: status, content type, headers and a fully buffered body.
///
/// The server adds `Content-Length`, `Date` and `Connection` itself; set the content type
/// through ``contentType`` (not through `headers`), which keeps the common case free of
/// header allocations.
public struct Response: Sendable {
    /// The status; 200 by default.
    public var status: HTTPResponseStatus
    /// The `Content-Type`, written by the server; nil writes none.
    public var contentType: String?
    /// Other headers.
    public var headers: HTTPHeaders
    /// The body.
    public var body: ByteBuffer

    /// Creates a response.
    @inlinable
    public init(status: HTTPResponseStatus = .ok, contentType: String? = nil, headers: HTTPHeaders = HTTPHeaders(), body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// A `text/plain` response.
    public static func text(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, contentType: ContentType.text, body: ByteBuffer(string: text))
    }

    /// A `text/plain` response from bytes already in a buffer (no copy).
    public static func text(_ buffer: ByteBuffer, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, contentType: ContentType.text, body: buffer)
    }

    /// A `text/html` response.
    public static func html(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, contentType: ContentType.html, body: ByteBuffer(string: html))
    }

    /// A `text/html` response from bytes (e.g. what a compiled template wrote).
    public static func html(_ buffer: ByteBuffer, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, contentType: ContentType.html, body: buffer)
    }

    /// A `text/html` response from UTF-8 bytes.
    public static func html(bytes: [UInt8], status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, contentType: ContentType.html, body: ByteBuffer(bytes: bytes))
    }

    /// An `application/json` response encoding `value` with `JSONEncoder`.
    public static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let data = try sharedJSONEncoder.encode(value)
        return Response(status: status, contentType: ContentType.json, body: ByteBuffer(bytes: data))
    }

    /// An `application/json` response from a ``JSONValue`` (keys sorted).
    public static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) -> Response {
        var buffer = ByteBuffer()
        value.write(into: &buffer)
        return Response(status: status, contentType: ContentType.json, body: buffer)
    }

    /// An `application/json` response from bytes that already hold JSON.
    public static func json(raw: ByteBuffer, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, contentType: ContentType.json, body: raw)
    }

    /// The uniform JSON error body `{"error": {"code", "message", "details"}}`.
    public static func error(_ status: HTTPResponseStatus, code: String? = nil, message: String? = nil, details: JSONValue? = nil) -> Response {
        HTTPError(status, code: code, message: message, details: details).jsonResponse()
    }

    /// A redirect (303 See Other by default, right after a form POST).
    public static func redirect(to location: String, status: HTTPResponseStatus = .seeOther) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: location)
        return Response(status: status, headers: headers)
    }

    /// 204 No Content.
    public static var noContent: Response { Response(status: .noContent) }

    /// The body as a UTF-8 string (for tests and logs).
    public var bodyString: String { String(buffer: body) }

    /// Adds a value to a list header (`Vary`) unless the token is already there.
    public mutating func addListHeader(_ name: String, token: String) {
        guard headers.contains(name: name) else {
            headers.add(name: name, value: token)
            return
        }
        let existing = headers[canonicalForm: name]
        if existing.contains(where: { $0.lowercased() == token.lowercased() }) { return }
        headers.replaceOrAdd(name: name, value: (existing.map(String.init) + [token]).joined(separator: ", "))
    }
}
