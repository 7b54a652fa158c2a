import Crypto
import NIOConcurrencyHelpers
import NIOHTTP1

/// Settings for the session middleware.
public struct SessionConfiguration: Sendable {
    /// The signing secrets: the first signs, every one verifies (rotate by prepending a new one).
    public var secrets: [[UInt8]]
    /// The cookie name.
    public var cookieName: String
    /// Lifetime in seconds (`Max-Age`, and checked on the server), 14 days by default.
    public var maxAge: Int
    /// `SameSite`, `Lax` by default.
    public var sameSite: SameSite
    /// `Secure`: nil sets it when the connection is TLS.
    public var secure: Bool?
    /// The cookie path.
    public var path: String
    /// The cookie domain.
    public var domain: String?

    /// Creates a configuration from a secret of at least 32 bytes.
    public init(
        secret: [UInt8], cookieName: String = "omni_session", maxAge: Int = 14 * 24 * 3600,
        sameSite: SameSite = .lax, secure: Bool? = nil, path: String = "/", domain: String? = nil
    ) {
        precondition(secret.count >= 32, "a session secret needs at least 32 bytes")
        self.secrets = [secret]
        self.cookieName = cookieName
        self.maxAge = maxAge
        self.sameSite = sameSite
        self.secure = secure
        self.path = path
        self.domain = domain
    }

    /// Signs `payload`: `payload.base64url(HMAC-SHA256(payload))`.
    public func sign(_ payload: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(payload.utf8), using: SymmetricKey(data: secrets[0]))
        return payload + "." + Base64.encode(Array(mac), urlSafe: true)
    }

    /// Returns the payload of a value made by ``sign(_:)`` if one of the keys signed it.
    public func verify(_ signed: String) -> String? {
        guard let dot = signed.lastIndex(of: ".") else { return nil }
        let payload = signed[..<dot]
        guard let mac = Base64.decode(signed[signed.index(after: dot)...]) else { return nil }
        let bytes = Array(payload.utf8)
        for secret in secrets
        where HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: bytes, using: SymmetricKey(data: secret)) {
            return String(payload)
        }
        return nil
    }

    func cookie(value: String, maxAge: Int, request: Request) -> Cookie {
        Cookie(
            name: cookieName, value: value, maxAge: maxAge, path: path, domain: domain,
            secure: secure ?? request.connection.isSecure, httpOnly: true, sameSite: sameSite)
    }
}

/// Where store-backed sessions keep their values.
public protocol SessionStore: Sendable {
    /// The values of session `id`, nil when unknown or expired.
    func load(id: String) async throws -> [String: String]?
    /// Saves the values of session `id` for `ttl` seconds.
    func save(id: String, values: [String: String], ttl: Int) async throws
    /// Forgets session `id`.
    func delete(id: String) async throws
}

/// An in-memory ``SessionStore`` (one process; for tests and single-instance apps).
public final class MemorySessionStore: SessionStore {
    private let state = NIOLockedValueBox([String: (values: [String: String], expires: Int)]())

    /// Creates an empty store.
    public init() {}

    public func load(id: String) async throws -> [String: String]? {
        let now = unixTime()
        return state.withLockedValue { sessions in
            guard let entry = sessions[id] else { return nil }
            if entry.expires <= now {
                sessions[id] = nil
                return nil
            }
            return entry.values
        }
    }

    public func save(id: String, values: [String: String], ttl: Int) async throws {
        let expires = unixTime() + ttl
        state.withLockedValue { $0[id] = (values, expires) }
    }

    public func delete(id: String) async throws {
        _ = state.withLockedValue { $0.removeValue(forKey: id) }
    }

    /// The number of sessions held (for tests).
    public var count: Int { state.withLockedValue { $0.count } }
}

extension Middleware {
    /// Sessions in a signed cookie (HMAC-SHA256): `HttpOnly`, `SameSite=Lax`, `Secure` under
    /// TLS. The cookie holds the values (keep them small: a cookie is at most ~4 KB) and an
    /// expiry the server checks. A tampered or expired cookie yields an empty session.
    public static func sessions(_ config: SessionConfiguration) -> Middleware {
        .hooks(
            "sessions",
            before: { request in
                if let raw = request.cookie(config.cookieName), let payload = config.verify(raw),
                    let bytes = Base64.decode(payload), let text = String(validating: bytes, as: UTF8.self)
                {
                    let form = FormData(parsing: text)
                    if let exp = form["_exp"].flatMap(Int.init), exp > unixTime() {
                        var values: [String: String] = [:]
                        for (k, v) in form where k != "_exp" { values[k] = v }
                        request.session = Session(values: values)
                    }
                }
                return nil
            },
            after: { request, response in
                let session = request.session
                guard session.isModified else { return }
                if session.isDestroyed || session.isEmpty {
                    if request.cookie(config.cookieName) != nil {
                        response.setCookie(config.cookie(value: "", maxAge: 0, request: request))
                    }
                    return
                }
                var form = FormData()
                for key in session.values.keys.sorted() { form.items.append((key, session.values[key]!)) }
                form.items.append(("_exp", String(unixTime() + config.maxAge)))
                let value = config.sign(Base64.encode(Array(form.encoded.utf8), urlSafe: true))
                response.setCookie(config.cookie(value: value, maxAge: config.maxAge, request: request))
            })
    }

    /// Sessions kept in `store`; the cookie holds only a signed random id.
    public static func sessions(_ config: SessionConfiguration, store: any SessionStore) -> Middleware {
        .around("sessions") { request, next in
            var loadedID: String?
            if let raw = request.cookie(config.cookieName), let id = config.verify(raw),
                let values = try await store.load(id: id)
            {
                loadedID = id
                request.session = Session(values: values, id: id)
            }
            var response = await next(&request)
            let session = request.session
            guard session.isModified else { return response }
            if session.isDestroyed || session.isEmpty {
                if let loadedID { try await store.delete(id: loadedID) }
                if request.cookie(config.cookieName) != nil {
                    response.setCookie(config.cookie(value: "", maxAge: 0, request: request))
                }
                return response
            }
            var id = loadedID
            if session.needsNewID || id == nil {
                if let old = id { try await store.delete(id: old) }
                id = Base64.encode(randomBytes(32), urlSafe: true)
            }
            try await store.save(id: id!, values: session.values, ttl: config.maxAge)
            if id != loadedID {
                response.setCookie(config.cookie(value: config.sign(id!), maxAge: config.maxAge, request: request))
            }
            return response
        }
    }
}
