import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Router")
struct RouterTests {
    func client(_ build: (inout Router) -> Void) throws -> TestClient {
        var router = Router()
        build(&router)
        return try TestClient(router: router)
    }

    @Test func staticParamAndRestSegments() async throws {
        var c = try client { r in
            r.get("/", .sync { _ in .text("root") })
            r.get("/users", .sync { _ in .text("index") })
            r.get("/users/new", .sync { _ in .text("new") })
            r.get("/users/:id", .sync { req in .text("show \(req.params["id"]!)") })
            r.get("/users/:id/posts/:postID", .sync { req in .text("\(req.params["id"]!)/\(req.params["postID"]!)") })
            r.get("/files/*path", .sync { req in .text("file [\(req.params["path"]!)]") })
        }
        #expect(await c.get("/").text == "root")
        #expect(await c.get("/users").text == "index")
        #expect(await c.get("/users/").text == "index")
        #expect(await c.get("/users/new").text == "new")
        #expect(await c.get("/users/42").text == "show 42")
        #expect(await c.get("/users/42?x=1").text == "show 42")
        #expect(await c.get("/users/7/posts/9").text == "7/9")
        #expect(await c.get("/files/a/b/c.txt").text == "file [a/b/c.txt]")
        #expect(await c.get("/files/").text == "file []")
        #expect(await c.get("/users/caf%C3%A9").text == "show café")
    }

    @Test func backtracksFromLiteralToParameter() async throws {
        var c = try client { r in
            r.get("/users/new", .sync { _ in .text("new") })
            r.get("/users/:id/edit", .sync { req in .text("edit \(req.params["id"]!)") })
        }
        #expect(await c.get("/users/new/edit").text == "edit new")
    }

    @Test func notFoundAndMethodNotAllowed() async throws {
        var c = try client { r in
            r.get("/items", .sync { _ in .text("list") })
            r.post("/items", .sync { _ in .text("create") })
        }
        let missing = await c.get("/nope")
        #expect(missing.status == .notFound)
        #expect(missing.errorCode == "not_found")
        #expect(missing.header("Content-Type") == ContentType.json)
        let wrong = await c.delete("/items")
        #expect(wrong.status == .methodNotAllowed)
        #expect(wrong.header("Allow") == "GET, POST, HEAD, OPTIONS")
        #expect(wrong.errorCode == "method_not_allowed")
    }

    @Test func headUsesGetAndOptionsListsMethods() async throws {
        var c = try client { r in r.get("/x", .sync { _ in .text("body") }) }
        let head = await c.head("/x")
        #expect(head.status == .ok)
        #expect(head.body.readableBytes == 0)
        #expect(head.header("Content-Length") == "4")
        let options = await c.request(.OPTIONS, "/x")
        #expect(options.status == .noContent)
        #expect(options.header("Allow") == "GET, HEAD, OPTIONS")
    }

    @Test func methodSpecificMatchWinsOverEarlierPathMatch() async throws {
        var c = try client { r in
            r.post("/files/upload", .sync { _ in .text("upload") })
            r.get("/files/*path", .sync { req in .text("get \(req.params["path"]!)") })
        }
        #expect(await c.get("/files/upload").text == "get upload")
        #expect(await c.request(.POST, "/files/upload").text == "upload")
    }

    @Test func invalidPatternsAreRejected() {
        var r = Router()
        r.get("/a/*rest/b", .sync { _ in .text("") })
        #expect(throws: RouterError.self) { try r.compile() }
        var d = Router()
        d.get("/a/:id", .sync { _ in .text("") })
        d.get("/a/:other", .sync { _ in .text("") })
        #expect(throws: RouterError.duplicateRoute(method: "GET", pattern: "/a/:other")) { try d.compile() }
        var n = Router()
        n.get("nope", .sync { _ in .text("") })
        #expect(throws: RouterError.self) { try n.compile() }
    }

    @Test func badPercentEncodingIs400() async throws {
        var c = try client { r in r.get("/u/:id", .sync { req in .text(req.params["id"]!) }) }
        #expect(await c.get("/u/%zz").status == .badRequest)
    }

    @Test func groupsPrefixAndMiddleware() async throws {
        var router = Router()
        let tag = Middleware.after("tag") { _, res in res.headers.add(name: "X-Group", value: "api") }
        router.group("/api/v1", middleware: [tag]) { api in
            api.get("/posts", .sync { _ in .text("posts") })
            api.get("/", .sync { _ in .text("api root") })
        }
        var c = try TestClient(router: router)
        let posts = await c.get("/api/v1/posts")
        #expect(posts.text == "posts")
        #expect(posts.header("X-Group") == "api")
        #expect(await c.get("/api/v1").text == "api root")
    }

    @Test func parametersHelpers() async throws {
        var c = try client { r in r.get("/n/:id", .sync { req in .text(String(try req.params.int("id") * 2)) }) }
        #expect(await c.get("/n/21").text == "42")
        #expect(await c.get("/n/abc").status == .notFound)
    }
}
