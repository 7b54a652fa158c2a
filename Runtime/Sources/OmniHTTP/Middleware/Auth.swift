import Crypto
import NIOHTTP1
import _CryptoExtras

extension Request {
    /// The token of an `Authorization: Bearer <token>` header.
    public var bearerToken: String? {
        guard let value = headers.first(name: "Authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingASCIIWhitespace()
        return token.isEmpty ? nil : String(token)
    }

    /// The user name and password of an `Authorization: Basic <base64>` header.
    public var basicCredentials: (username: String, password: String)? {
        guard let value = headers.first(name: "Authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic", let bytes = Base64.decode(parts[1].trimmingASCIIWhitespace()),
            let text = String(validating: bytes, as: UTF8.self), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

extension Middleware {
    /// Requires `Authorization: Bearer <token>`; `authenticate` maps a token to an identity
    /// (nil: rejected), which is stored under `key` for handlers. 401 with
    /// `WWW-Authenticate: Bearer` otherwise.
    public static func bearerAuth<Key: StorageKey>(
        _ key: Key.Type, realm: String = "api", authenticate: @escaping @Sendable (String, Request) throws -> Key.Value?
    ) -> Middleware {
        .before("bearerAuth") { request in
            let challenge = "Bearer realm=\"\(realm)\""
            guard let token = request.bearerToken else { throw HTTPError.unauthorized(challenge: challenge) }
            guard let identity = try authenticate(token, request) else {
                throw HTTPError.unauthorized("Invalid token", challenge: challenge + ", error=\"invalid_token\"")
            }
            request.storage[key] = identity
            return nil
        }
    }

    /// Like ``bearerAuth(_:realm:authenticate:)`` with an asynchronous check (a database lookup).
    public static func bearerAuth<Key: StorageKey>(
        _ key: Key.Type, realm: String = "api", authenticate: @escaping @Sendable (String, Request) async throws -> Key.Value?
    ) -> Middleware {
        .around("bearerAuth") { request, next in
            let challenge = "Bearer realm=\"\(realm)\""
            guard let token = request.bearerToken else { throw HTTPError.unauthorized(challenge: challenge) }
            guard let identity = try await authenticate(token, request) else {
                throw HTTPError.unauthorized("Invalid token", challenge: challenge + ", error=\"invalid_token\"")
            }
            request.storage[key] = identity
            return await next(&request)
        }
    }

    /// Requires HTTP Basic credentials that `authenticate` accepts; 401 with
    /// `WWW-Authenticate: Basic realm="…"` otherwise. Verifying a password hash is slow:
    /// prefer the async variant, which can hand it to the thread pool.
    public static func basicAuth<Key: StorageKey>(
        _ key: Key.Type, realm: String = "omni", authenticate: @escaping @Sendable (String, String, Request) async throws -> Key.Value?
    ) -> Middleware {
        .around("basicAuth") { request, next in
            let challenge = "Basic realm=\"\(realm)\", charset=\"UTF-8\""
            guard let (user, password) = request.basicCredentials,
                let identity = try await authenticate(user, password, request)
            else { throw HTTPError.unauthorized(challenge: challenge) }
            request.storage[key] = identity
            return await next(&request)
        }
    }
}

/// Password hashing with PBKDF2-HMAC-SHA256 (swift-crypto), stored as a PHC string:
/// `$pbkdf2-sha256$i=600000$<salt>$<hash>` (unpadded base64). Hashing is deliberately slow:
/// call it through ``Request/blocking(_:)`` from a handler.
public struct PasswordHasher: Sendable {
    /// PBKDF2 rounds (OWASP's 2023 advice for SHA-256: 600,000).
    public var iterations: Int
    /// Salt length in bytes.
    public var saltBytes: Int = 16
    /// Derived key length in bytes.
    public var keyBytes: Int = 32

    /// Creates a hasher.
    public init(iterations: Int = 600_000) { self.iterations = iterations }

    /// Hashes `password` with a fresh random salt.
    public func hash(_ password: String) throws -> String {
        let salt = randomBytes(saltBytes)
        let key = try derive(password, salt: salt, iterations: iterations, length: keyBytes)
        return "$pbkdf2-sha256$i=\(iterations)$\(phcBase64(salt))$\(phcBase64(key))"
    }

    /// Whether `password` matches `encoded` (made by ``hash(_:)``, with whatever rounds it
    /// recorded). Malformed strings do not match. Constant-time comparison.
    public func verify(_ password: String, against encoded: String) -> Bool {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "pbkdf2-sha256", parts[2].hasPrefix("i="),
            let rounds = Int(parts[2].dropFirst(2)), rounds > 0, rounds <= 10_000_000,
            let salt = Base64.decode(parts[3]), let expected = Base64.decode(parts[4]), !expected.isEmpty,
            let actual = try? derive(password, salt: salt, iterations: rounds, length: expected.count)
        else { return false }
        return constantTimeEquals(actual, expected)
    }

    /// Whether a stored hash used fewer rounds than this hasher (rehash on next login).
    public func needsRehash(_ encoded: String) -> Bool {
        let parts = encoded.split(separator: "$")
        guard parts.count == 4, let rounds = Int(parts[1].dropFirst(2)) else { return true }
        return rounds < iterations
    }

    private func derive(_ password: String, salt: [UInt8], iterations: Int, length: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: length, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    private func phcBase64(_ bytes: [UInt8]) -> String {
        var s = Base64.encode(bytes)
        while s.hasSuffix("=") { s.removeLast() }
        return s
    }
}
