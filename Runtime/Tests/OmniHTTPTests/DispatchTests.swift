import NIOCore
import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Dispatch, middleware order and errors")
struct DispatchTests {
    struct Trace: StorageKey { typealias Value = [String] }

    static func tracer(_ name: String) -> Middleware {
        .hooks(
            name,
            before: { req in
                req.storage[Trace.self, default: []].append("\(name).before")
                return nil
            },
            after: { req, res in
                res.headers.add(name: "X-Trace", value: name)
            })
    }

    @Test func middlewareRunsInOnionOrder() async throws {
        var router = Router(middleware: [Self.tracer("a")])
        router.get("/", middleware: [Self.tracer("b")], .sync { req in .text(req.storage[Trace.self]!.joined(separator: ",")) })
        var c = try TestClient(router: router)
        let r = await c.get("/")
        #expect(r.text == "a.before,b.before")
        #expect(r.headers[canonicalForm: "X-Trace"].map(String.init) == ["b", "a"])
    }

    @Test func earlyAnswerSkipsInnerLayersButRunsOuterAfters() async throws {
        let stop = Middleware.hooks(
            "stop", before: { _ in .text("stopped", status: .forbidden) },
            after: { _, res in res.headers.add(name: "X-Stop-After", value: "ran") })
        var router = Router(middleware: [Self.tracer("outer")])
        router.get("/", middleware: [stop, Self.tracer("inner")], .sync { _ in .text("handler") })
        var c = try TestClient(router: router)
        let r = await c.get("/")
        #expect(r.text == "stopped")
        #expect(r.header("X-Stop-After") == nil)
        #expect(r.header("X-Trace") == "outer")
    }

    @Test func asyncAroundMiddlewareWraps() async throws {
        let around = Middleware.around("timing") { req, next in
            var res = await next(&req)
            res.headers.add(name: "X-Around", value: "yes")
            return res
        }
        var router = Router(middleware: [Self.tracer("a")])
        router.get("/", middleware: [around], .async { _ in .text("async") })
        var c = try TestClient(router: router)
        let r = await c.get("/")
        #expect(r.text == "async")
        #expect(r.header("X-Around") == "yes")
        #expect(r.header("X-Trace") == "a")
    }

    @Test func errorsBecomeUniformBodies() async throws {
        struct Boom: Error {}
        var router = Router()
        router.get("/422", .sync { _ in throw HTTPError.validation(["name": ["is too short"]]) })
        router.get("/409", .sync { _ in throw HTTPError.conflict("Email taken") })
        router.get("/500", .sync { _ in throw Boom() })
        router.get("/401", .sync { _ in throw HTTPError.unauthorized(challenge: "Bearer") })
        var c = try TestClient(router: router)
        let v = await c.get("/422")
        #expect(v.status == .unprocessableEntity)
        #expect(v.text == #"{"error":{"code":"validation_failed","message":"Validation failed","details":{"fields":{"name":["is too short"]}}}}"#)
        let conflict = await c.get("/409")
        #expect(conflict.text == #"{"error":{"code":"conflict","message":"Email taken","details":null}}"#)
        let boom = await c.get("/500")
        #expect(boom.status == .internalServerError)
        #expect(boom.errorCode == "internal_error")
        #expect(!boom.text.contains("Boom"))
        #expect(await c.get("/401").header("WWW-Authenticate") == "Bearer")
    }

    @Test func browsersGetHTMLErrorPagesWithEscaping() async throws {
        var router = Router()
        router.get("/x", .sync { _ in throw HTTPError.badRequest("<script>alert(1)</script>") })
        var c = try TestClient(router: router)
        let r = await c.get("/x", headers: headers(("Accept", "text/html,application/xhtml+xml")))
        #expect(r.status == .badRequest)
        #expect(r.header("Content-Type") == ContentType.html)
        #expect(r.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!r.text.contains("<script>"))
        let notFound = await c.get("/missing", headers: headers(("Accept", "text/html")))
        #expect(notFound.text.contains("404 Not Found"))
    }

    @Test func responseHelpers() async throws {
        struct Message: Codable, Equatable { var message: String }
        var router = Router()
        router.get("/json", .sync { _ in try .json(Message(message: "Hello, World!")) })
        router.get("/value", .sync { _ in .json(["b": 1, "a": [true, .null]]) })
        router.get("/redirect", .sync { _ in .redirect(to: "/next") })
        router.get("/html", .sync { _ in .html("<p>hi</p>") })
        var c = try TestClient(router: router)
        #expect(try await c.get("/json").json(Message.self) == Message(message: "Hello, World!"))
        #expect(await c.get("/value").text == #"{"a":[true,null],"b":1}"#)
        let redirect = await c.get("/redirect")
        #expect(redirect.status == .seeOther)
        #expect(redirect.header("Location") == "/next")
        #expect(await c.get("/html").header("Content-Type") == ContentType.html)
    }

    @Test func fallbackRunsForUnknownPaths() async throws {
        var router = Router()
        router.fallback = .sync { req in .text("fallback \(req.path)") }
        var c = try TestClient(router: router)
        #expect(await c.get("/anything/here").text == "fallback /anything/here")
    }

    @Test func queryParsing() async throws {
        var router = Router()
        router.get("/q", .sync { req in .text("\(req.query["a"] ?? "-")|\(req.query["b"] ?? "-")|\(req.query.all("t"))") })
        var c = try TestClient(router: router)
        #expect(await c.get("/q?a=1+2&b=%C3%A9&t=x&t=y").text == #"1 2|é|["x", "y"]"#)
    }

    @Test func testClientEnforcesBodyLimit() async throws {
        var c = try TestClient(router: sampleRouter(), maxBodySize: 8)
        let r = await c.post("/users", body: String(repeating: "x", count: 9))
        #expect(r.status == .payloadTooLarge)
    }
}

extension Storage {
    subscript<Key: StorageKey>(_ key: Key.Type, default value: @autoclosure () -> Key.Value) -> Key.Value {
        get { self[key] ?? value() }
        set { self[key] = newValue }
    }
}
