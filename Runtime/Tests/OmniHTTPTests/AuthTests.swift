import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Auth helpers")
struct AuthTests {
    enum CurrentUser: StorageKey { typealias Value = String }

    @Test func bearerAuth() async throws {
        var router = Router()
        let auth = Middleware.bearerAuth(CurrentUser.self) { token, _ in token == "s3cret" ? "ada" : nil }
        router.get("/me", middleware: [auth], .sync { req in .text(req.storage[CurrentUser.self] ?? "-") })
        var c = try TestClient(router: router)
        let none = await c.get("/me")
        #expect(none.status == .unauthorized)
        #expect(none.header("WWW-Authenticate") == "Bearer realm=\"api\"")
        let bad = await c.get("/me", headers: headers(("Authorization", "Bearer nope")))
        #expect(bad.status == .unauthorized)
        #expect(bad.header("WWW-Authenticate")?.contains("invalid_token") == true)
        #expect(await c.get("/me", headers: headers(("Authorization", "Bearer s3cret"))).text == "ada")
        #expect(await c.get("/me", headers: headers(("Authorization", "bearer s3cret"))).text == "ada")
    }

    @Test func asyncBearerAuthAndBasicAuth() async throws {
        var router = Router()
        let bearer = Middleware.bearerAuth(CurrentUser.self) { (token: String, _: Request) async throws -> String? in
            token == "t" ? "async-user" : nil
        }
        let basic = Middleware.basicAuth(CurrentUser.self) { user, password, _ in
            user == "ada" && password == "pa:ss" ? user : nil
        }
        router.get("/bearer", middleware: [bearer], .sync { req in .text(req.storage[CurrentUser.self]!) })
        router.get("/basic", middleware: [basic], .sync { req in .text(req.storage[CurrentUser.self]!) })
        var c = try TestClient(router: router)
        #expect(await c.get("/bearer", headers: headers(("Authorization", "Bearer t"))).text == "async-user")
        let encoded = Base64.encode(Array("ada:pa:ss".utf8))
        #expect(await c.get("/basic", headers: headers(("Authorization", "Basic \(encoded)"))).text == "ada")
        let wrong = await c.get("/basic", headers: headers(("Authorization", "Basic \(Base64.encode(Array("ada:x".utf8)))")))
        #expect(wrong.status == .unauthorized)
        #expect(wrong.header("WWW-Authenticate")?.hasPrefix("Basic realm=") == true)
        #expect(await c.get("/basic", headers: headers(("Authorization", "Basic !!!"))).status == .unauthorized)
    }

    @Test func passwordHashing() throws {
        let hasher = PasswordHasher(iterations: 1000)
        let hash = try hasher.hash("correct horse")
        #expect(hash.hasPrefix("$pbkdf2-sha256$i=1000$"))
        #expect(hasher.verify("correct horse", against: hash))
        #expect(!hasher.verify("wrong horse", against: hash))
        #expect(try hasher.hash("correct horse") != hash, "salted")
        #expect(!hasher.verify("x", against: "$pbkdf2-sha256$i=abc$$"))
        #expect(!hasher.verify("x", against: "plaintext"))
        #expect(PasswordHasher(iterations: 2000).needsRehash(hash))
        #expect(!hasher.needsRehash(hash))
        // A known PBKDF2-HMAC-SHA256 vector (RFC 7914 §11: "passwd"/"salt", 1 round, 64 bytes).
        let vector = "$pbkdf2-sha256$i=1$" + "c2FsdA" + "$"
            + Base64.encode(hex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"))
        #expect(hasher.verify("passwd", against: vector))
    }

    func hex(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = s.utf8.makeIterator()
        while let h = it.next(), let l = it.next() { out.append(hexValue(h)! << 4 | hexValue(l)!) }
        return out
    }
}
