import NIOHTTP1

/// Settings for ``Middleware/cors(_:)``.
public struct CORSConfiguration: Sendable {
    /// Which origins may read responses.
    public enum Origins: Sendable {
        /// Every origin (`*`, or the echoed origin when credentials are allowed).
        case any
        /// Exactly these origins (`https://app.example.com`).
        case list([String])
        /// A predicate over the `Origin` header.
        case custom(@Sendable (String) -> Bool)
    }

    public var allowedOrigins: Origins
    public var allowedMethods: [HTTPMethod] = [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE]
    public var allowedHeaders: [String] = ["Accept", "Authorization", "Content-Type", "X-CSRF-Token", "X-Request-ID"]
    public var exposedHeaders: [String] = []
    public var allowCredentials: Bool = false
    /// `Access-Control-Max-Age` for preflights, in seconds.
    public var maxAge: Int? = 600

    /// Creates a configuration.
    public init(allowedOrigins: Origins) { self.allowedOrigins = allowedOrigins }

    func allows(_ origin: String) -> Bool {
        switch allowedOrigins {
        case .any: return true
        case .list(let list): return list.contains(origin)
        case .custom(let predicate): return predicate(origin)
        }
    }
}

extension Middleware {
    /// CORS: answers preflights (`OPTIONS` with `Access-Control-Request-Method`) with 204 and
    /// adds `Access-Control-Allow-Origin` (plus `Vary: Origin`) to responses for allowed origins.
    /// Disallowed origins get no CORS headers, which the browser enforces.
    public static func cors(_ config: CORSConfiguration) -> Middleware {
        let methods = config.allowedMethods.map(\.rawValue).joined(separator: ", ")
        let allowedHeaders = config.allowedHeaders.joined(separator: ", ")
        let exposed = config.exposedHeaders.joined(separator: ", ")
        let wildcard: Bool = {
            if case .any = config.allowedOrigins { return !config.allowCredentials }
            return false
        }()
        @Sendable func allowOrigin(_ origin: String, _ response: inout Response) {
            response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: wildcard ? "*" : origin)
            if !wildcard { response.addListHeader("Vary", token: "Origin") }
            if config.allowCredentials { response.headers.replaceOrAdd(name: "Access-Control-Allow-Credentials", value: "true") }
        }
        return .hooks(
            "cors",
            before: { request in
                guard request.method == .OPTIONS, let origin = request.headers.first(name: "Origin"),
                    request.headers.contains(name: "Access-Control-Request-Method")
                else { return nil }
                var response = Response(status: .noContent)
                guard config.allows(origin) else {
                    response.addListHeader("Vary", token: "Origin")
                    return response
                }
                allowOrigin(origin, &response)
                response.headers.add(name: "Access-Control-Allow-Methods", value: methods)
                response.headers.add(name: "Access-Control-Allow-Headers", value: allowedHeaders)
                if let maxAge = config.maxAge { response.headers.add(name: "Access-Control-Max-Age", value: String(maxAge)) }
                return response
            },
            after: { request, response in
                guard let origin = request.headers.first(name: "Origin") else { return }
                guard config.allows(origin) else {
                    if !wildcard { response.addListHeader("Vary", token: "Origin") }
                    return
                }
                allowOrigin(origin, &response)
                if !exposed.isEmpty { response.headers.replaceOrAdd(name: "Access-Control-Expose-Headers", value: exposed) }
            })
    }
}
