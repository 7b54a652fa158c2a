import NIOCore
import NIOHTTP1

/// An error a handler or middleware throws to answer with an HTTP error.
///
/// The dispatch turns it into the uniform error body
/// `{"error": {"code": "...", "message": "...", "details": ...}}` — or into an HTML page when
/// the client asked for HTML (see ``ErrorRenderer``). Any other error becomes a 500 whose
/// message does not leak the error's text.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The response status.
    public var status: HTTPResponseStatus
    /// A stable, machine-readable code: `not_found`, `validation_failed`, …
    public var code: String
    /// A human-readable sentence.
    public var message: String
    /// Structured details (for 422: `{"fields": {"name": ["is too short"]}}`), or nil.
    public var details: JSONValue?
    /// Extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`, …).
    public var headers: HTTPHeaders

    /// Creates an error; `code` and `message` default from the status.
    public init(
        _ status: HTTPResponseStatus, code: String? = nil, message: String? = nil,
        details: JSONValue? = nil, headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.status = status
        self.code = code ?? HTTPError.defaultCode(for: status)
        self.message = message ?? status.reasonPhrase
        self.details = details
        self.headers = headers
    }

    public var description: String { "HTTPError(\(status.code) \(code): \(message))" }

    /// 400 `bad_request`.
    public static func badRequest(_ message: String = "Bad Request", code: String = "bad_request", details: JSONValue? = nil) -> HTTPError {
        HTTPError(.badRequest, code: code, message: message, details: details)
    }
    /// 401 `unauthorized`, with an optional `WWW-Authenticate` challenge.
    public static func unauthorized(_ message: String = "Authentication required", challenge: String? = nil) -> HTTPError {
        var headers = HTTPHeaders()
        if let challenge { headers.add(name: "WWW-Authenticate", value: challenge) }
        return HTTPError(.unauthorized, code: "unauthorized", message: message, headers: headers)
    }
    /// 403 `forbidden`.
    public static func forbidden(_ message: String = "Forbidden", code: String = "forbidden") -> HTTPError {
        HTTPError(.forbidden, code: code, message: message)
    }
    /// 404 `not_found`.
    public static func notFound(_ message: String = "Not Found") -> HTTPError {
        HTTPError(.notFound, code: "not_found", message: message)
    }
    /// 405 `method_not_allowed` with the `Allow` header.
    public static func methodNotAllowed(allow: [HTTPMethod]) -> HTTPError {
        var headers = HTTPHeaders()
        headers.add(name: "Allow", value: allow.map(\.rawValue).joined(separator: ", "))
        return HTTPError(.methodNotAllowed, code: "method_not_allowed", message: "Method Not Allowed", headers: headers)
    }
    /// 409 `conflict`.
    public static func conflict(_ message: String = "Conflict", details: JSONValue? = nil) -> HTTPError {
        HTTPError(.conflict, code: "conflict", message: message, details: details)
    }
    /// 413 `payload_too_large`.
    public static func payloadTooLarge(limit: Int) -> HTTPError {
        HTTPError(.payloadTooLarge, code: "payload_too_large", message: "The request body is larger than \(limit) bytes")
    }
    /// 415 `unsupported_media_type`.
    public static func unsupportedMediaType(expected: String) -> HTTPError {
        HTTPError(.unsupportedMediaType, code: "unsupported_media_type", message: "Expected a \(expected) body")
    }
    /// 422 `validation_failed` with every field error: `details = {"fields": {field: [messages]}}`.
    public static func validation(_ fields: [String: [String]], message: String = "Validation failed") -> HTTPError {
        let object = fields.mapValues { JSONValue.array($0.map(JSONValue.string)) }
        return HTTPError(.unprocessableEntity, code: "validation_failed", message: message, details: .object(["fields": .object(object)]))
    }
    /// 429 `rate_limited` with `Retry-After`.
    public static func tooManyRequests(retryAfter seconds: Int) -> HTTPError {
        var headers = HTTPHeaders()
        headers.add(name: "Retry-After", value: String(seconds))
        return HTTPError(.tooManyRequests, code: "rate_limited", message: "Too many requests", headers: headers)
    }
    /// 500 `internal_error`.
    public static func internalError(_ message: String = "Internal Server Error") -> HTTPError {
        HTTPError(.internalServerError, code: "internal_error", message: message)
    }

    /// The code used when none is given.
    public static func defaultCode(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: return "bad_request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not_found"
        case 405: return "method_not_allowed"
        case 408: return "request_timeout"
        case 409: return "conflict"
        case 413: return "payload_too_large"
        case 415: return "unsupported_media_type"
        case 416: return "range_not_satisfiable"
        case 422: return "validation_failed"
        case 429: return "rate_limited"
        case 431: return "headers_too_large"
        case 500: return "internal_error"
        default: return "http_\(status.code)"
        }
    }

    /// The uniform JSON body: `{"error":{"code":…,"message":…,"details":…}}`.
    public func jsonBody() -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(64 + message.utf8.count)
        buffer.writeStaticString("{\"error\":{\"code\":")
        JSONValue.writeString(code, into: &buffer)
        buffer.writeStaticString(",\"message\":")
        JSONValue.writeString(message, into: &buffer)
        buffer.writeStaticString(",\"details\":")
        (details ?? .null).write(into: &buffer)
        buffer.writeStaticString("}}")
        return buffer
    }

    /// A minimal, self-contained HTML error page (message escaped).
    public func htmlPage() -> ByteBuffer {
        let title = "\(status.code) \(escapeHTML(status.reasonPhrase))"
        let page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.5rem}code{color:#666}</style>
            </head><body><h1>\(title)</h1><p>\(escapeHTML(message))</p><p><code>\(escapeHTML(code))</code></p></body></html>

            """
        return ByteBuffer(string: page)
    }

    /// This error as a JSON response.
    public func jsonResponse() -> Response {
        Response(status: status, contentType: ContentType.json, headers: headers, body: jsonBody())
    }

    /// This error as an HTML response.
    public func htmlResponse() -> Response {
        Response(status: status, contentType: ContentType.html, headers: headers, body: htmlPage())
    }
}

/// Turns an ``HTTPError`` into a response for a given request.
///
/// The default answers with an HTML page when the request's `Accept` header names
/// `text/html` (a browser navigation) and with the uniform JSON body otherwise.
public struct ErrorRenderer: Sendable {
    /// The rendering function.
    public var render: @Sendable (HTTPError, Request) -> Response

    /// Creates a renderer from a function.
    public init(_ render: @escaping @Sendable (HTTPError, Request) -> Response) { self.render = render }

    /// JSON for API clients, HTML for browsers.
    public static let `default` = ErrorRenderer { error, request in
        request.prefersHTML ? error.htmlResponse() : error.jsonResponse()
    }

    /// Always the uniform JSON body.
    public static let json = ErrorRenderer { error, _ in error.jsonResponse() }
}

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
func escapeHTML(_ s: String) -> String {
    var needs = false
    for b in s.utf8 where b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
        needs = true
        break
    }
    guard needs else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for ch in s.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}
