#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Static files")
struct StaticFilesTests {
    /// A temporary public/ folder with a few files and a secret next to it.
    struct Fixture {
        let base: String
        var root: String { base + "/public" }

        init() throws {
            var template = Array("/tmp/omni-static-XXXXXX".utf8CString)
            let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            base = String(cString: try #require(made))
            try FileManager.default.createDirectory(atPath: base + "/public/css", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: base + "/public/docs", withIntermediateDirectories: true)
            try Data("body { color: red }".utf8).write(to: URL(fileURLWithPath: base + "/public/css/site.css"))
            try Data("0123456789".utf8).write(to: URL(fileURLWithPath: base + "/public/digits.txt"))
            try Data("<h1>docs</h1>".utf8).write(to: URL(fileURLWithPath: base + "/public/docs/index.html"))
            try Data("SECRET".utf8).write(to: URL(fileURLWithPath: base + "/secret.txt"))
            try Data("dot".utf8).write(to: URL(fileURLWithPath: base + "/public/.env"))
            try FileManager.default.createSymbolicLink(atPath: base + "/public/escape.txt", withDestinationPath: base + "/secret.txt")
        }

        func remove() { try? FileManager.default.removeItem(atPath: base) }

        func client() throws -> TestClient {
            var router = Router()
            let files = StaticFiles(root: root)
            router.get("/assets/*path", files.handler)
            router.fallback = files.handler
            return try TestClient(router: router)
        }
    }

    @Test func servesWithValidators() async throws {
        let f = try Fixture()
        defer { f.remove() }
        var c = try f.client()
        let css = await c.get("/assets/css/site.css")
        #expect(css.status == .ok)
        #expect(css.text == "body { color: red }")
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(css.header("ETag")?.hasPrefix("\"") == true)
        #expect(css.header("Last-Modified")?.hasSuffix("GMT") == true)
        #expect(css.header("Accept-Ranges") == "bytes")
        #expect(css.header("Cache-Control") != nil)
        #expect(await c.get("/docs").text == "<h1>docs</h1>")
        #expect(await c.get("/digits.txt").text == "0123456789")
        let head = await c.head("/digits.txt")
        #expect(head.header("Content-Length") == "10")
        #expect(head.body.readableBytes == 0)
    }

    @Test func conditionalRequestsGet304() async throws {
        let f = try Fixture()
        defer { f.remove() }
        var c = try f.client()
        let first = await c.get("/digits.txt")
        let etag = try #require(first.header("ETag"))
        let lastModified = try #require(first.header("Last-Modified"))
        let byTag = await c.get("/digits.txt", headers: headers(("If-None-Match", "\"other\", \(etag)")))
        #expect(byTag.status == .notModified)
        #expect(byTag.body.readableBytes == 0)
        #expect(byTag.header("ETag") == etag)
        #expect(await c.get("/digits.txt", headers: headers(("If-None-Match", "\"stale\""))).status == .ok)
        #expect(await c.get("/digits.txt", headers: headers(("If-Modified-Since", lastModified))).status == .notModified)
        #expect(await c.get("/digits.txt", headers: headers(("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"))).status == .ok)
    }

    @Test func rangeRequests() async throws {
        let f = try Fixture()
        defer { f.remove() }
        var c = try f.client()
        let part = await c.get("/digits.txt", headers: headers(("Range", "bytes=2-5")))
        #expect(part.status == .partialContent)
        #expect(part.text == "2345")
        #expect(part.header("Content-Range") == "bytes 2-5/10")
        #expect(await c.get("/digits.txt", headers: headers(("Range", "bytes=7-"))).text == "789")
        #expect(await c.get("/digits.txt", headers: headers(("Range", "bytes=-3"))).text == "789")
        #expect(await c.get("/digits.txt", headers: headers(("Range", "bytes=8-100"))).text == "89")
        let unsatisfiable = await c.get("/digits.txt", headers: headers(("Range", "bytes=20-30")))
        #expect(unsatisfiable.status == .rangeNotSatisfiable)
        #expect(unsatisfiable.header("Content-Range") == "bytes */10")
        #expect(await c.get("/digits.txt", headers: headers(("Range", "bytes=0-1,4-5"))).status == .ok)
        #expect(await c.get("/digits.txt", headers: headers(("Range", "bytes=0-1"), ("If-Range", "\"old\""))).status == .ok)
        let etag = try #require(await c.get("/digits.txt").header("ETag"))
        #expect(await c.get("/digits.txt", headers: headers(("Range", "bytes=0-1"), ("If-Range", etag))).text == "01")
    }

    @Test func pathTraversalIsRefused() async throws {
        let f = try Fixture()
        defer { f.remove() }
        var c = try f.client()
        for path in [
            "/assets/../secret.txt", "/assets/%2e%2e/secret.txt", "/assets/css/..%2f..%2fsecret.txt", "/../secret.txt",
            "/%2e%2e/secret.txt", "/.env", "/assets/escape.txt", "/assets/css%5c..%5c..%5csecret.txt", "/digits.txt%00.css",
            "/nope.txt",
        ] {
            let r = await c.get(path)
            #expect(r.status == .notFound, "\(path)")
            #expect(!r.text.contains("SECRET"), "\(path)")
        }
    }

    @Test func sanitizeAndRangeParsingUnits() {
        #expect(StaticFiles.sanitize("a/./b//c") == "a/b/c")
        #expect(StaticFiles.sanitize("a/../b") == nil)
        #expect(StaticFiles.sanitize(".well-known/x") == ".well-known/x")
        #expect(StaticFiles.parseRange("bytes=0-0", size: 5) == .range(0, 0))
        #expect(StaticFiles.parseRange("items=0-1", size: 5) == StaticFiles.RangeResult.none)
        #expect(StaticFiles.parseRange("bytes=-0", size: 5) == .unsatisfiable)
        #expect(StaticFiles.parseRange("bytes=3-1", size: 5) == StaticFiles.RangeResult.none)
    }
}
