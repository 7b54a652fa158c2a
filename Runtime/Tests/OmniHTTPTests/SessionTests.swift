import NIOCore
import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Cookies, sessions and CSRF")
struct SessionTests {
    static let secret = Array("0123456789abcdef0123456789abcdef".utf8)

    static func router(_ sessions: Middleware, csrf: Bool = false) -> Router {
        var router = Router(middleware: csrf ? [sessions, .csrf()] : [sessions])
        router.post("/login", .sync { req in
            req.session["user"] = "ada"
            req.session.regenerate()
            return .text("logged in")
        })
        router.get("/me", .sync { req in .text(req.session["user"] ?? "anonymous") })
        router.post("/logout", .sync { req in
            req.session.destroy()
            return .text("bye")
        })
        router.get("/form", .sync { req in .text(req.csrfToken()) })
        router.post("/transfer", .sync { _ in .text("transferred") })
        return router
    }

    @Test func cookieParsingAndSetCookie() async throws {
        var router = Router()
        router.get("/", .sync { req in
            var res = Response.text("\(req.cookies["a"] ?? "-") \(req.cookie("b") ?? "-")")
            res.setCookie(Cookie(name: "c", value: "v;\r\nx", maxAge: 60, secure: true))
            res.expireCookie("old")
            return res
        })
        var c = try TestClient(router: router)
        let r = await c.get("/", headers: headers(("Cookie", "a=1; b=\"two\"")))
        #expect(r.text == "1 \"two\"")
        let setCookies = r.headers[canonicalForm: "Set-Cookie"].map(String.init)
        #expect(setCookies[0] == "c=vx; Max-Age=60; Path=/; Secure; HttpOnly; SameSite=Lax")
        #expect(setCookies[1].hasPrefix("old=; Max-Age=0; Expires=Thu, 01 Jan 1970"))
    }

    @Test func signedCookieSessionRoundTrip() async throws {
        var c = try TestClient(router: Self.router(.sessions(SessionConfiguration(secret: Self.secret))))
        #expect(await c.get("/me").text == "anonymous")
        let login = await c.request(.POST, "/login")
        let setCookie = try #require(login.header("Set-Cookie"))
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Lax"))
        #expect(!setCookie.contains("Secure"))
        #expect(await c.get("/me").text == "ada")
        // Reading without changes does not rewrite the cookie.
        #expect(await c.get("/me").header("Set-Cookie") == nil)
        let logout = await c.request(.POST, "/logout")
        #expect(logout.header("Set-Cookie")?.contains("Max-Age=0") == true)
        #expect(await c.get("/me").text == "anonymous")
    }

    @Test func secureFlagUnderTLS() async throws {
        var c = try TestClient(router: Self.router(.sessions(SessionConfiguration(secret: Self.secret))), isSecure: true)
        #expect(await c.request(.POST, "/login").header("Set-Cookie")?.contains("; Secure") == true)
    }

    @Test func tamperedOrForeignCookiesAreRejected() async throws {
        let config = SessionConfiguration(secret: Self.secret)
        var c = try TestClient(router: Self.router(.sessions(config)))
        _ = await c.request(.POST, "/login")
        let good = try #require(c.cookies["omni_session"])
        #expect(config.verify(good) != nil)
        // Flip one character of the payload.
        var bytes = Array(good.utf8)
        bytes[3] = bytes[3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        c.cookies["omni_session"] = String(decoding: bytes, as: UTF8.self)
        #expect(await c.get("/me").text == "anonymous")
        // Forge a payload with a MAC from another key.
        let other = SessionConfiguration(secret: Array("another-secret-another-secret-xx".utf8))
        let forged = other.sign(Base64.encode(Array("user=root&_exp=99999999999".utf8), urlSafe: true))
        c.cookies["omni_session"] = forged
        #expect(await c.get("/me").text == "anonymous")
        // A correctly signed but expired cookie.
        let expired = config.sign(Base64.encode(Array("user=ada&_exp=1000".utf8), urlSafe: true))
        c.cookies["omni_session"] = expired
        #expect(await c.get("/me").text == "anonymous")
        c.cookies["omni_session"] = "garbage"
        #expect(await c.get("/me").text == "anonymous")
    }

    @Test func keyRotationStillVerifiesOldCookies() async throws {
        let old = SessionConfiguration(secret: Self.secret)
        var rotated = SessionConfiguration(secret: Array("new-secret-new-secret-new-secret".utf8))
        rotated.secrets.append(Self.secret)
        let signed = old.sign("payload")
        #expect(rotated.verify(signed) == "payload")
        #expect(old.verify(rotated.sign("payload")) == nil)
    }

    @Test func serverSideStoreSessions() async throws {
        let store = MemorySessionStore()
        var c = try TestClient(router: Self.router(.sessions(SessionConfiguration(secret: Self.secret), store: store)))
        _ = await c.request(.POST, "/login")
        let firstID = try #require(c.cookies["omni_session"])
        #expect(!firstID.contains("ada"))
        #expect(store.count == 1)
        #expect(await c.get("/me").text == "ada")
        // Login again: regenerate replaces the id and drops the old entry.
        _ = await c.request(.POST, "/login")
        #expect(c.cookies["omni_session"] != firstID)
        #expect(store.count == 1)
        _ = await c.request(.POST, "/logout")
        #expect(store.count == 0)
        #expect(await c.get("/me").text == "anonymous")
    }

    @Test func csrfProtectsUnsafeBrowserRequests() async throws {
        var c = try TestClient(router: Self.router(.sessions(SessionConfiguration(secret: Self.secret)), csrf: true))
        let token = await c.get("/form").text
        #expect(token.count >= 40)
        // The session cookie now exists, so requests look like a browser's.
        let missing = await c.request(.POST, "/transfer")
        #expect(missing.status == .forbidden)
        #expect(missing.errorCode == "csrf_token_invalid")
        let wrong = await c.request(.POST, "/transfer", headers: headers(("X-CSRF-Token", "nope")))
        #expect(wrong.status == .forbidden)
        #expect(await c.request(.POST, "/transfer", headers: headers(("X-CSRF-Token", token))).text == "transferred")
        #expect(await c.post("/transfer", form: [("amount", "5"), ("_csrf", token)]).text == "transferred")
        let multipart = "--XX\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n--XX--\r\n"
        #expect(await c.post("/transfer", body: multipart, contentType: "multipart/form-data; boundary=XX").text == "transferred")
        // The token is stable for the session; GET is never checked.
        #expect(await c.get("/form").text == token)
    }

    @Test func csrfSkipsNonBrowserClients() async throws {
        var c = try TestClient(router: Self.router(.sessions(SessionConfiguration(secret: Self.secret)), csrf: true))
        #expect(await c.request(.POST, "/transfer").text == "transferred")
        let fromPage = await c.request(.POST, "/transfer", headers: headers(("Origin", "https://evil.example")))
        #expect(fromPage.status == .forbidden)
    }
}
