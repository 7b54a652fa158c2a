import NIOHTTP1

/// The `SameSite` cookie attribute.
public enum SameSite: String, Sendable {
    case strict = "Strict"
    case lax = "Lax"
    case none = "None"
}

/// A cookie to set with ``Response/setCookie(_:)``. Defaults are the safe ones:
/// `Path=/`, `HttpOnly`, `SameSite=Lax`.
public struct Cookie: Sendable, Equatable {
    public var name: String
    public var value: String
    /// `Max-Age` in seconds; nil makes a session cookie, 0 deletes it.
    public var maxAge: Int?
    public var path: String?
    public var domain: String?
    public var secure: Bool
    public var httpOnly: Bool
    public var sameSite: SameSite?

    /// Creates a cookie.
    public init(
        name: String, value: String, maxAge: Int? = nil, path: String? = "/", domain: String? = nil,
        secure: Bool = false, httpOnly: Bool = true, sameSite: SameSite? = .lax
    ) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.path = path
        self.domain = domain
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
    }

    /// The `Set-Cookie` header value. Characters not allowed in a cookie value are dropped.
    public var headerValue: String {
        var s = name + "=" + value.filter { Cookie.isValueCharacter($0) }
        if let maxAge {
            s += "; Max-Age=\(maxAge)"
            if maxAge <= 0 { s += "; Expires=Thu, 01 Jan 1970 00:00:00 GMT" }
        }
        if let path { s += "; Path=\(path)" }
        if let domain { s += "; Domain=\(domain)" }
        if secure || sameSite == SameSite.none { s += "; Secure" }
        if httpOnly { s += "; HttpOnly" }
        if let sameSite { s += "; SameSite=\(sameSite.rawValue)" }
        return s
    }

    static func isValueCharacter(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        // cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
        return a == 0x21 || (0x23...0x2B).contains(a) || (0x2D...0x3A).contains(a) || (0x3C...0x5B).contains(a) || (0x5D...0x7E).contains(a)
    }
}

extension Request {
    /// The cookies the client sent (`Cookie` headers), first value wins.
    public var cookies: [String: String] {
        var out: [String: String] = [:]
        for header in headers[canonicalForm: "Cookie"] {
            for pair in header.split(separator: ";") {
                guard let eq = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<eq].trimmingASCIIWhitespace())
                var value = pair[pair.index(after: eq)...].trimmingASCIIWhitespace()
                if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
                if out[name] == nil { out[name] = String(value) }
            }
        }
        return out
    }

    /// The value of the cookie `name`.
    public func cookie(_ name: String) -> String? {
        for header in headers[canonicalForm: "Cookie"] {
            for pair in header.split(separator: ";") {
                guard let eq = pair.firstIndex(of: "=") else { continue }
                if pair[..<eq].trimmingASCIIWhitespace() == name {
                    return String(pair[pair.index(after: eq)...].trimmingASCIIWhitespace())
                }
            }
        }
        return nil
    }
}

extension Response {
    /// Adds a `Set-Cookie` header.
    public mutating func setCookie(_ cookie: Cookie) {
        headers.add(name: "Set-Cookie", value: cookie.headerValue)
    }

    /// Tells the client to delete the cookie `name`.
    public mutating func expireCookie(_ name: String, path: String = "/") {
        setCookie(Cookie(name: name, value: "", maxAge: 0, path: path))
    }
}
