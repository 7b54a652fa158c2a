// What a compiled template's render function sees besides its context (the names every
// template may use, `csrf_token` and `request_path`), and the responses of page handlers.

/// The per-request values every template sees: `{{csrf_token}}` and `{{request_path}}`.
public struct RenderEnvironment: Sendable, Equatable {
    /// The session's CSRF token (OmniHTTP's `Request.csrfToken()`), or empty when the route
    /// runs without sessions or its templates never read it.
    public var csrfToken: String
    /// The path of the request, without its query string: `/users/3`.
    public var requestPath: String

    public init(csrfToken: String = "", requestPath: String = "/") {
        self.csrfToken = csrfToken
        self.requestPath = requestPath
    }

    /// The environment of a page request. With `csrf`, the session's token is read (and
    /// created and marked for saving on first use, which is why the request is `inout`).
    public static func page(_ request: inout Request, csrf: Bool) -> RenderEnvironment {
        RenderEnvironment(csrfToken: csrf ? request.csrfToken() : "", requestPath: String(request.path))
    }
}

/// An error a page handler can show as an HTML error page: its status and message.
public protocol HTTPErrorConvertible: Error {
    var httpError: HTTPError { get }
}

/// The responses of generated page handlers.
public enum PageResponse {
    /// `200 text/html; charset=utf-8` with the rendered bytes and `Vary: HX-Request` (the
    /// same URL answers a whole page or, to htmx, a fragment).
    public static func html(_ out: inout HTMLWriter) -> Response {
        var response = Response.html(bytes: out.finish())
        response.addListHeader("Vary", token: "HX-Request")
        return response
    }

    /// The small HTML error page for an error thrown while answering a page: the status and
    /// message of an `HTTPError` (or of an `HTTPErrorConvertible` such as `OmniAPIError`),
    /// `500 Internal Server Error` for anything else (never its description).
    public static func error(_ error: any Error) -> Response {
        var response: Response
        if let error = error as? HTTPError {
            response = error.htmlResponse()
        } else if let error = error as? any HTTPErrorConvertible {
            response = error.httpError.htmlResponse()
        } else {
            response = HTTPError.internalError().htmlResponse()
        }
        response.addListHeader("Vary", token: "HX-Request")
        return response
    }
}
