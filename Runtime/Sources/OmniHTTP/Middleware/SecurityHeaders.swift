import NIOHTTP1

/// The security headers ``Middleware/securityHeaders(_:)`` adds (each only when the response
/// does not set it already). Set a field to nil to leave that header out.
public struct SecurityHeaders: Sendable {
    /// `Content-Security-Policy`.
    public var contentSecurityPolicy: String? =
        "default-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
    /// `X-Content-Type-Options: nosniff`.
    public var contentTypeOptions: String? = "nosniff"
    /// `X-Frame-Options` (for browsers without CSP `frame-ancestors`).
    public var frameOptions: String? = "SAMEORIGIN"
    /// `Referrer-Policy`.
    public var referrerPolicy: String? = "strict-origin-when-cross-origin"
    /// `Cross-Origin-Opener-Policy`.
    public var crossOriginOpenerPolicy: String? = "same-origin"
    /// `Strict-Transport-Security`, sent only on TLS connections.
    public var strictTransportSecurity: String? = "max-age=31536000; includeSubDomains"

    /// The defaults above.
    public init() {}

    var plainHeaders: [(String, String)] {
        [
            ("Content-Security-Policy", contentSecurityPolicy), ("X-Content-Type-Options", contentTypeOptions),
            ("X-Frame-Options", frameOptions), ("Referrer-Policy", referrerPolicy),
            ("Cross-Origin-Opener-Policy", crossOriginOpenerPolicy),
        ].compactMap { name, value in value.map { (name, $0) } }
    }
}

extension Middleware {
    /// Adds CSP (with `frame-ancestors`), `nosniff`, `X-Frame-Options`, `Referrer-Policy`,
    /// COOP and, under TLS, HSTS.
    public static func securityHeaders(_ config: SecurityHeaders = SecurityHeaders()) -> Middleware {
        let plain = config.plainHeaders
        let hsts = config.strictTransportSecurity
        return .after("securityHeaders") { request, response in
            for (name, value) in plain where !response.headers.contains(name: name) {
                response.headers.add(name: name, value: value)
            }
            if let hsts, request.connection.isSecure, !response.headers.contains(name: "Strict-Transport-Security") {
                response.headers.add(name: "Strict-Transport-Security", value: hsts)
            }
        }
    }
}
