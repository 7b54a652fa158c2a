import Logging
import NIOCore
import NIOHTTP1
@testable import OmniHTTP

/// A loopback configuration: 127.0.0.1, a free port, short timeouts.
func loopbackConfiguration() -> ServerConfiguration {
    var config = ServerConfiguration(host: "127.0.0.1", port: 0)
    config.logger = Logger(label: "omni.test") { _ in SwiftLogNoOpLogHandler() }
    config.headerTimeout = .milliseconds(400)
    config.bodyTimeout = .milliseconds(400)
    config.idleTimeout = .seconds(2)
    config.shutdownTimeout = .seconds(2)
    config.maxBodySize = 1024
    return config
}

/// A small app used across tests.
func sampleRouter(middleware: [Middleware] = []) -> Router {
    var router = Router(middleware: middleware)
    router.get("/", .sync { _ in .text("home") })
    router.get("/plaintext", .sync { _ in .text("Hello, World!") })
    router.get("/users/:id", .sync { req in .text("user \(try req.params.int("id"))") })
    router.post("/users", .sync { req in .text("created \(req.body.readableBytes)", status: .created) })
    router.get("/slow", .async { _ in
        try await Task.sleep(nanoseconds: 150_000_000)
        return .text("slow")
    })
    router.post("/echo", .async { req in .text(String(buffer: req.body)) })
    router.get("/large", .sync { _ in .text(String(repeating: "0123456789", count: 10_000)) })
    return router
}

func headers(_ pairs: (String, String)...) -> HTTPHeaders {
    HTTPHeaders(pairs)
}
