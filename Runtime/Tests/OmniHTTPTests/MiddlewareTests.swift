import CompressNIO
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Middleware")
struct MiddlewareTests {
    func client(_ middleware: [Middleware], isSecure: Bool = false, _ build: (inout Router) -> Void = { _ in }) throws -> TestClient {
        var router = Router(middleware: middleware)
        router.get("/", .sync { req in .text("id=\(req.id ?? "-")") })
        router.post("/", .sync { _ in .text("posted") })
        router.get("/big", .sync { _ in .text(String(repeating: "omni compresses text well. ", count: 200)) })
        router.get("/png", .sync { _ in Response(contentType: "image/png", body: ByteBuffer(repeating: 7, count: 5000)) })
        build(&router)
        return try TestClient(router: router, isSecure: isSecure)
    }

    @Test func requestIDIsGeneratedOrPropagated() async throws {
        var c = try client([.requestID()])
        let generated = await c.get("/")
        let id = try #require(generated.header("X-Request-ID"))
        #expect(id.count == 16)
        #expect(generated.text == "id=\(id)")
        let given = await c.get("/", headers: headers(("X-Request-ID", "abc-123")))
        #expect(given.header("X-Request-ID") == "abc-123")
        let hostile = await c.get("/", headers: headers(("X-Request-ID", "bad id\u{7f}")))
        #expect(hostile.header("X-Request-ID") != "bad id\u{7f}")
    }

    @Test func accessLogWritesStructuredLine() async throws {
        let records = NIOLockedValueBox<[(String, Logger.Metadata)]>([])
        let logger = Logger(label: "access") { _ in CapturingLogHandler(records: records) }
        var c = try client([.requestID(), .accessLog(logger)])
        _ = await c.get("/missing", headers: headers(("X-Request-ID", "r1")))
        let logged = records.withLockedValue { $0 }
        #expect(logged.count == 1)
        let metadata = try #require(logged.first?.1)
        #expect(logged.first?.0 == "request")
        #expect(metadata["status"]?.description == "404")
        #expect(metadata["path"]?.description == "/missing")
        #expect(metadata["method"]?.description == "GET")
        #expect(metadata["request_id"]?.description == "r1")
        #expect(metadata["duration_ms"] != nil)
    }

    @Test func securityHeaders() async throws {
        var plain = try client([.securityHeaders()])
        let r = await plain.get("/")
        #expect(r.header("X-Content-Type-Options") == "nosniff")
        #expect(r.header("Content-Security-Policy")?.contains("frame-ancestors 'self'") == true)
        #expect(r.header("Referrer-Policy") == "strict-origin-when-cross-origin")
        #expect(r.header("X-Frame-Options") == "SAMEORIGIN")
        #expect(r.header("Strict-Transport-Security") == nil)
        var tls = try client([.securityHeaders()], isSecure: true)
        #expect(await tls.get("/").header("Strict-Transport-Security") != nil)
        var custom = SecurityHeaders()
        custom.contentSecurityPolicy = "default-src 'none'"
        custom.frameOptions = nil
        var c2 = try client([.securityHeaders(custom)])
        let r2 = await c2.get("/")
        #expect(r2.header("Content-Security-Policy") == "default-src 'none'")
        #expect(r2.header("X-Frame-Options") == nil)
    }

    @Test func htmxHelpers() async throws {
        var c = try client([.htmx]) { r in
            r.get("/frag", .sync { req in
                var res = Response.html(req.isHTMX ? "<li>fragment</li>" : "<html>page</html>")
                if req.isHTMX {
                    res.hxTrigger("saved")
                    res.hxTrigger("refreshList")
                    res.hxPushURL("/items/1")
                }
                return res
            })
            r.post("/login", .sync { _ in
                var res = Response(status: .noContent)
                res.hxRedirect("/dashboard")
                return res
            })
        }
        let page = await c.get("/frag")
        #expect(page.text == "<html>page</html>")
        #expect(page.header("Vary") == "HX-Request")
        let fragment = await c.get("/frag", headers: headers(("HX-Request", "true")))
        #expect(fragment.text == "<li>fragment</li>")
        #expect(fragment.header("HX-Trigger") == "saved, refreshList")
        #expect(fragment.header("HX-Push-Url") == "/items/1")
        #expect(await c.request(.POST, "/login").header("HX-Redirect") == "/dashboard")
        var res = Response()
        res.hxTrigger(events: ["showMessage": ["level": "info"]])
        #expect(res.headers.first(name: "HX-Trigger") == #"{"showMessage":{"level":"info"}}"#)
    }

    @Test func corsPreflightAndSimpleRequests() async throws {
        var config = CORSConfiguration(allowedOrigins: .list(["https://app.example"]))
        config.allowCredentials = true
        var c = try client([.cors(config)])
        let preflight = await c.request(
            .OPTIONS, "/", headers: headers(("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST")))
        #expect(preflight.status == .noContent)
        #expect(preflight.header("Access-Control-Allow-Origin") == "https://app.example")
        #expect(preflight.header("Access-Control-Allow-Methods")?.contains("POST") == true)
        #expect(preflight.header("Access-Control-Allow-Credentials") == "true")
        #expect(preflight.header("Access-Control-Max-Age") == "600")
        let simple = await c.get("/", headers: headers(("Origin", "https://app.example")))
        #expect(simple.header("Access-Control-Allow-Origin") == "https://app.example")
        #expect(simple.header("Vary") == "Origin")
        let evil = await c.get("/", headers: headers(("Origin", "https://evil.example")))
        #expect(evil.header("Access-Control-Allow-Origin") == nil)
        let evilPreflight = await c.request(
            .OPTIONS, "/", headers: headers(("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")))
        #expect(evilPreflight.header("Access-Control-Allow-Origin") == nil)
        var any = try client([.cors(CORSConfiguration(allowedOrigins: .any))])
        #expect(await any.get("/", headers: headers(("Origin", "https://x.example"))).header("Access-Control-Allow-Origin") == "*")
    }

    @Test func compressionNegotiation() {
        #expect(ContentCoding.negotiate("gzip, deflate, br") == .gzip)
        #expect(ContentCoding.negotiate("deflate") == .deflate)
        #expect(ContentCoding.negotiate("gzip;q=0.5, deflate;q=0.8") == .deflate)
        #expect(ContentCoding.negotiate("gzip;q=0") == nil)
        #expect(ContentCoding.negotiate("br") == nil)
        #expect(ContentCoding.negotiate("*") == .gzip)
        #expect(ContentCoding.negotiate("identity") == nil)
        #expect(ContentCoding.negotiate("*;q=0, deflate") == .deflate)
    }

    @Test func compressionCompressesWhatItShould() async throws {
        var c = try client([.compression()])
        let plain = await c.get("/big")
        #expect(plain.header("Content-Encoding") == nil)
        #expect(plain.header("Vary") == "Accept-Encoding")
        let original = plain.text

        let gz = await c.get("/big", headers: headers(("Accept-Encoding", "gzip, deflate")))
        #expect(gz.header("Content-Encoding") == "gzip")
        #expect(gz.body.readableBytes < original.utf8.count)
        var gzBody = gz.body
        #expect(gzBody.getBytes(at: gzBody.readerIndex, length: 2) == [0x1f, 0x8b])
        #expect(String(buffer: try gzBody.decompress(with: .gzip())) == original)

        let df = await c.get("/big", headers: headers(("Accept-Encoding", "deflate")))
        #expect(df.header("Content-Encoding") == "deflate")
        var dfBody = df.body
        #expect(String(buffer: try dfBody.decompress(with: .zlib())) == original)

        let small = await c.get("/", headers: headers(("Accept-Encoding", "gzip")))
        #expect(small.header("Content-Encoding") == nil)
        let png = await c.get("/png", headers: headers(("Accept-Encoding", "gzip")))
        #expect(png.header("Content-Encoding") == nil)
        #expect(png.body.readableBytes == 5000)
    }

    @Test func bodyLimitPerRoute() async throws {
        var c = try client([]) { r in r.post("/small", middleware: [.bodyLimit(4)], .sync { _ in .text("ok") }) }
        #expect(await c.post("/small", body: "1234").status == .ok)
        let tooBig = await c.post("/small", body: "12345")
        #expect(tooBig.status == .payloadTooLarge)
        #expect(tooBig.errorCode == "payload_too_large")
    }
}

struct CapturingLogHandler: LogHandler {
    let records: NIOLockedValueBox<[(String, Logger.Metadata)]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        records.withLockedValue { $0.append((event.message.description, event.metadata ?? [:])) }
    }
}
