import NIOHTTP1

extension Request {
    /// The session's CSRF token, created (and the session marked for saving) on first use.
    /// Put it in forms as the `_csrf` field, or send it as the `X-CSRF-Token` header
    /// (htmx: `hx-headers='{"X-CSRF-Token": "…"}'`). Needs the session middleware.
    public mutating func csrfToken() -> String {
        if let token = session[csrfSessionKey] { return token }
        let token = Base64.encode(randomBytes(32), urlSafe: true)
        session[csrfSessionKey] = token
        return token
    }

    /// Whether the request looks like it comes from a browser (cookies, `Origin`, or
    /// `Sec-Fetch-Site`): the requests that carry ambient credentials CSRF abuses.
    public var isFromBrowser: Bool {
        headers.contains(name: "Cookie") || headers.contains(name: "Origin") || headers.contains(name: "Sec-Fetch-Site")
    }
}

let csrfSessionKey = "_csrf"

extension HTTPMethod {
    /// GET, HEAD, OPTIONS and TRACE: methods that must not change state.
    public var isSafe: Bool {
        switch self {
        case .GET, .HEAD, .OPTIONS, .TRACE: return true
        default: return false
        }
    }
}

extension Middleware {
    /// Checks a per-session token on unsafe methods (POST, PUT, PATCH, DELETE) from browsers:
    /// the `header` or the `field` of a urlencoded or multipart body must equal the session's
    /// token, or the request gets 403 `csrf_token_invalid`. Place it after the session middleware.
    public static func csrf(header: String = "X-CSRF-Token", field: String = "_csrf") -> Middleware {
        .before("csrf") { request in
            guard !request.method.isSafe, request.isFromBrowser else { return nil }
            guard let expected = request.session[csrfSessionKey] else {
                throw HTTPError.forbidden("Missing CSRF token", code: "csrf_token_invalid")
            }
            var given = request.headers.first(name: header)
            if given == nil {
                switch request.mediaType {
                case "application/x-www-form-urlencoded":
                    given = FormData(parsing: String(buffer: request.body))[field]
                case "multipart/form-data":
                    given = (try? request.multipart())?.field(field)
                default:
                    break
                }
            }
            guard let given, constantTimeEquals(Array(given.utf8), Array(expected.utf8)) else {
                throw HTTPError.forbidden("Invalid CSRF token", code: "csrf_token_invalid")
            }
            return nil
        }
    }
}
