// The start-up of a generated app, part 3: the pieces of the route table that depend on the
// app's configuration — `auth(…)` plugs and who they accept, the `json` plug, the error
// renderer, static files (`public/` at `/`, `.omni/web/` under `/_omni/`) and redirect paths.
// The generated `omni_router(_:)` (Sources/OmniSwiftGen/Server/DispatchGen.swift) calls these.

/// Who the `auth(bearer)` and `auth(basic)` plugs accept, from the environment:
/// `OMNI_API_TOKENS` (comma-separated bearer tokens) and `OMNI_BASIC_AUTH` (comma-separated
/// `user:password` pairs). With none configured, those plugs refuse every request (401).
public struct AppCredentials: Sendable, Equatable {
    public var bearerTokens: [String]
    public var basicUsers: [BasicUser]

    public struct BasicUser: Sendable, Equatable {
        public var name: String
        public var password: String
        public init(name: String, password: String) { self.name = name; self.password = password }
    }

    public init(bearerTokens: [String] = [], basicUsers: [BasicUser] = []) {
        self.bearerTokens = bearerTokens; self.basicUsers = basicUsers
    }

    /// Reads `OMNI_API_TOKENS` and `OMNI_BASIC_AUTH`.
    public init(environment: [String: String]) throws(AppStartError) {
        let tokens = (environment["OMNI_API_TOKENS"] ?? "").split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        var users: [BasicUser] = []
        for pair in (environment["OMNI_BASIC_AUTH"] ?? "").split(separator: ",") {
            let item = pair.trimmingSpaces()
            if item.isEmpty { continue }
            guard let colon = item.firstIndex(of: ":"), colon != item.startIndex else {
                throw AppStartError("OMNI_BASIC_AUTH must list user:password pairs separated by commas")
            }
            users.append(BasicUser(name: String(item[..<colon]), password: String(item[item.index(after: colon)...])))
        }
        self.init(bearerTokens: tokens, basicUsers: users)
    }

    /// The identity of an accepted bearer token: `token:N` (its position in the list).
    public func identify(token: String) -> String? {
        var found: Int?
        for (i, candidate) in bearerTokens.enumerated() where constantTimeEquals(candidate.utf8, token.utf8) { found = i }
        return found.map { "token:\($0)" }
    }

    /// The identity of accepted basic credentials: the user name.
    public func identify(user: String, password: String) -> String? {
        var found: String?
        for candidate in basicUsers {
            let nameMatches = constantTimeEquals(candidate.name.utf8, user.utf8)
            let passwordMatches = constantTimeEquals(candidate.password.utf8, password.utf8)
            if nameMatches && passwordMatches { found = candidate.name }
        }
        return found
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// The identity an `auth(…)` plug accepted, for handlers: `request.storage[AppIdentity.self]`.
public enum AppIdentity: StorageKey { public typealias Value = String }

/// Set by the `json` plug: errors on this request are answered with the uniform JSON body
/// even when the client's `Accept` names `text/html`.
public enum AppJSONErrors: StorageKey { public typealias Value = Bool }

extension Middleware {
    /// The `json` plug: marks the request as an API request (see ``AppJSONErrors``).
    public static let jsonAPI = Middleware.before("json") { request in
        request.storage[AppJSONErrors.self] = true
        return nil
    }
}

extension ErrorRenderer {
    /// The renderer of generated apps: the uniform JSON body for requests marked by the
    /// `json` plug and for paths under `jsonPrefixes` (so a 404 or 405 under `/api` is JSON
    /// too), otherwise HTML for browsers and JSON for everyone else.
    public static func app(jsonPrefixes: [String]) -> ErrorRenderer {
        ErrorRenderer { error, request in
            if request.storage[AppJSONErrors.self] == true { return error.jsonResponse() }
            let path = request.path
            for prefix in jsonPrefixes where path == prefix || path.hasPrefix(prefix + "/") {
                return error.jsonResponse()
            }
            return ErrorRenderer.default.render(error, request)
        }
    }
}

extension AppContext {
    /// `auth(bearer)`: `Authorization: Bearer` with a token of `OMNI_API_TOKENS`.
    public func bearerAuth() -> Middleware {
        let credentials = self.credentials
        return .bearerAuth(AppIdentity.self) { (token: String, _: Request) throws -> String? in credentials.identify(token: token) }
    }

    /// `auth(basic)`: HTTP Basic with a pair of `OMNI_BASIC_AUTH`.
    public func basicAuth() -> Middleware {
        let credentials = self.credentials
        return .basicAuth(AppIdentity.self, realm: configuration.name) { user, password, _ in
            credentials.identify(user: user, password: password)
        }
    }

    /// `auth(session)`: the session must hold `user_id` (set by the app's login); 401 otherwise.
    /// Must come after a `session` plug.
    public func sessionAuth() -> Middleware {
        .before("sessionAuth") { request in
            guard let user = request.session["user_id"], !user.isEmpty else {
                throw HTTPError.unauthorized("Sign in to continue")
            }
            request.storage[AppIdentity.self] = user
            return nil
        }
    }

    /// The router's fallback: files of the project's `public/` folder (ETag, 304, ranges) for
    /// `GET` and `HEAD`; 404 for other methods on unknown paths.
    public var publicFiles: Handler {
        let files = StaticFiles(root: configuration.publicDirectory)
        return .async { request in
            guard request.method == .GET || request.method == .HEAD else { throw HTTPError.notFound() }
            guard let path = AppPath.decode(request.path) else { throw HTTPError.notFound() }
            return try await files.serve(path, request: request)
        }
    }

    /// The handler of `GET /_omni/*path`: the web assets (`<Component>.wasm`, `omni.js`).
    public var webFiles: Handler {
        StaticFiles(root: configuration.webDirectory).handler
    }
}

/// Paths of redirect targets: route parameters substituted into `redirect "/users/:id"`.
public enum AppPath {
    /// A `:param` value as one path segment: percent-encoded except unreserved characters.
    public static func segment(_ value: String?) -> String { encode(value ?? "", keepSlash: false) }
    /// A `*rest` value: like ``segment(_:)`` but `/` stays.
    public static func rest(_ value: String?) -> String { encode(value ?? "", keepSlash: true) }

    /// Percent-decodes a request path (nil for a malformed escape or invalid UTF-8).
    static func decode(_ path: Substring) -> String? { percentDecode(path) }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    static func encode(_ value: String, keepSlash: Bool) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out += "/"
            default:
                out += "%"
                out.unicodeScalars.append(hexDigits[Int(byte >> 4)])
                out.unicodeScalars.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return out
    }
}
