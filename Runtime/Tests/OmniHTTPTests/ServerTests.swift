import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Server over loopback sockets")
struct ServerTests {
    func withServer<T: Sendable>(
        _ configure: (inout ServerConfiguration) -> Void = { _ in }, router: Router = sampleRouter(), _ body: (Int) async throws -> T
    ) async throws -> T {
        var config = loopbackConfiguration()
        configure(&config)
        let server = try Server(configuration: config, router: router)
        return try await server.withRunning(body)
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await withServer { port in
            let ex = try await LoopbackClient.exchange(
                port: port, send: ["GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n", "GET /users/3 HTTP/1.1\r\nHost: x\r\n\r\n"],
                pause: .milliseconds(20), responses: 2)
            #expect(ex.responses.map(\.body) == ["Hello, World!", "user 3"])
            #expect(!ex.closedByServer)
            let first = ex.responses[0]
            #expect(first.header("Content-Length") == "13")
            #expect(first.header("Content-Type") == ContentType.text)
            #expect(first.header("Date")?.hasSuffix("GMT") == true)
            #expect(first.header("Connection") == nil)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer { port in
            let batch =
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" + "GET /users/5 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "HEAD /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"
            let ex = try await LoopbackClient.exchange(port: port, send: [batch], responses: 5, headResponses: [4])
            #expect(ex.responses.map(\.body) == ["home", "slow", "hello", "user 5", ""])
            #expect(ex.responses.last?.header("Content-Length") == "13")
            #expect(!ex.closedByServer)
        }
    }

    @Test func manyPipelinedRequestsInOneWrite() async throws {
        try await withServer { port in
            let n = 40
            let batch = (0..<n).map { "GET /users/\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined()
            let ex = try await LoopbackClient.exchange(port: port, send: [batch], responses: n)
            #expect(ex.responses.map(\.body) == (0..<n).map { "user \($0)" })
        }
    }

    @Test(arguments: [
        "GARBAGE\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Header Without Colon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "\u{0}\u{1}\u{2}\r\n\r\n",
        "GET /\u{7f} HTTP/1.1\r\n\r\n",
    ])
    func malformedRequestsGet400AndClose(input: String) async throws {
        try await withServer { port in
            let ex = try await LoopbackClient.exchange(port: port, send: [input], responses: 1)
            #expect(ex.responses.first?.status == 400, "input: \(input.debugDescription) got \(ex.raw.debugDescription)")
            #expect(ex.closedByServer)
            // The server is still healthy.
            let ok = try await LoopbackClient.exchange(port: port, send: ["GET / HTTP/1.1\r\nHost: x\r\n\r\n"], responses: 1)
            #expect(ok.responses.first?.body == "home")
        }
    }

    @Test func randomBytesNeverCrashTheServer() async throws {
        try await withServer { port in
            var rng = SystemRandomNumberGenerator()
            for _ in 0..<25 {
                let length = Int.random(in: 1...200, using: &rng)
                let junk = String(decoding: (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }, as: UTF8.self)
                let ex = try await LoopbackClient.exchange(port: port, send: [junk], responses: 1, timeout: .seconds(2))
                if let status = ex.responses.first?.status { #expect(status == 400 || status == 408) }
            }
            let ok = try await LoopbackClient.exchange(port: port, send: ["GET / HTTP/1.1\r\nHost: x\r\n\r\n"], responses: 1)
            #expect(ok.responses.first?.body == "home")
        }
    }

    @Test func oversizedBodyByContentLengthGets413() async throws {
        try await withServer { port in
            let ex = try await LoopbackClient.exchange(
                port: port, send: ["POST /users HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "a", count: 100)],
                responses: 1)
            #expect(ex.responses.first?.status == 413)
            #expect(ex.responses.first?.body.contains("payload_too_large") == true)
            #expect(ex.closedByServer)
        }
    }

    @Test func oversizedChunkedBodyGets413() async throws {
        try await withServer { port in
            let chunk = String(repeating: "b", count: 600)
            let body = "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n"
            let ex = try await LoopbackClient.exchange(
                port: port, send: ["POST /users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body], responses: 1)
            #expect(ex.responses.first?.status == 413)
            #expect(ex.closedByServer)
        }
    }

    @Test func bodyWithinLimitIsAccepted() async throws {
        try await withServer { port in
            let body = String(repeating: "c", count: 1000)
            let ex = try await LoopbackClient.exchange(
                port: port, send: ["POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + body], responses: 1)
            #expect(ex.responses.first?.body == body)
        }
    }

    @Test func hugeHeadersGet431() async throws {
        try await withServer({ $0.maxHeaderSize = 2048 }) { port in
            let big = String(repeating: "h", count: 4000)
            let ex = try await LoopbackClient.exchange(port: port, send: ["GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(big)\r\n\r\n"], responses: 1)
            #expect(ex.responses.first?.status == 431)
            #expect(ex.closedByServer)
        }
    }

    @Test func slowHeadersTimeOutWith408() async throws {
        try await withServer { port in
            let ex = try await LoopbackClient.exchange(
                port: port, send: ["GET / HTTP/1.1\r\n", "Host: x\r\n"], pause: .milliseconds(100), responses: 1, timeout: .seconds(3))
            #expect(ex.responses.first?.status == 408)
            #expect(ex.closedByServer)
        }
    }

    @Test func slowBodyTimesOutWith408() async throws {
        try await withServer { port in
            let ex = try await LoopbackClient.exchange(
                port: port, send: ["POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"], responses: 1, timeout: .seconds(3))
            #expect(ex.responses.first?.status == 408)
            #expect(ex.closedByServer)
        }
    }

    @Test func silentConnectionIsClosed() async throws {
        try await withServer { port in
            let ex = try await LoopbackClient.exchange(port: port, send: [], timeout: .seconds(3))
            #expect(ex.closedByServer)
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        try await withServer({ $0.idleTimeout = .milliseconds(300) }) { port in
            let ex = try await LoopbackClient.exchange(port: port, send: ["GET / HTTP/1.1\r\nHost: x\r\n\r\n"], timeout: .seconds(3))
            #expect(ex.responses.first?.body == "home")
            #expect(ex.closedByServer)
        }
    }

    @Test func connectionCloseAndHTTP10() async throws {
        try await withServer { port in
            let close = try await LoopbackClient.exchange(
                port: port, send: ["GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"], timeout: .seconds(2))
            #expect(close.responses.first?.header("Connection") == "close")
            #expect(close.closedByServer)
            let old = try await LoopbackClient.exchange(port: port, send: ["GET / HTTP/1.0\r\n\r\n"], timeout: .seconds(2))
            #expect(old.responses.first?.body == "home")
            #expect(old.closedByServer)
            let oldKeepAlive = try await LoopbackClient.exchange(
                port: port, send: ["GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"], responses: 1)
            #expect(oldKeepAlive.responses.first?.header("Connection") == "keep-alive")
            #expect(!oldKeepAlive.closedByServer)
        }
    }

    @Test func largeBodiesAreWrittenWholeAndInOrder() async throws {
        try await withServer { port in
            let request = "GET /large HTTP/1.1\r\nHost: x\r\n\r\n"
            let ex = try await LoopbackClient.exchange(
                port: port, send: [request + "GET / HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /large HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"],
                responses: 3)
            #expect(ex.responses.map(\.body.count) == [100_000, 4, 100_000])
            #expect(ex.closedByServer)
        }
    }

    @Test func expectContinue() async throws {
        try await withServer { port in
            let ex = try await LoopbackClient.exchange(
                port: port,
                send: ["POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n", "ok"],
                pause: .milliseconds(50), responses: 2)
            #expect(ex.responses.map(\.status) == [100, 200])
            #expect(ex.responses.last?.body == "ok")
        }
    }

    @Test func gracefulShutdownDrainsInFlightRequests() async throws {
        let started = NIOLockedValueBox(false)
        var router = sampleRouter()
        router.get("/work", .async { _ in
            started.withLockedValue { $0 = true }
            try await Task.sleep(nanoseconds: 200_000_000)
            return .text("slow")
        })
        let server = try Server(configuration: loopbackConfiguration(), router: router)
        try await server.start()
        let port = server.localAddress!.port!
        async let exchange = LoopbackClient.exchange(port: port, send: ["GET /work HTTP/1.1\r\nHost: x\r\n\r\n"], timeout: .seconds(3))
        for _ in 0..<300 where !started.withLockedValue({ $0 }) { try await Task.sleep(nanoseconds: 5_000_000) }
        #expect(started.withLockedValue { $0 })
        await server.shutdown()
        let ex = try await exchange
        #expect(ex.responses.first?.body == "slow")
        #expect(ex.responses.first?.header("Connection") == "close")
        #expect(ex.closedByServer)
        #expect(server.connectionCount == 0)
        await #expect(throws: (any Error).self) {
            _ = try await LoopbackClient.exchange(port: port, send: ["GET / HTTP/1.1\r\n\r\n"], responses: 1, timeout: .milliseconds(300))
        }
    }

    @Test func serviceLifecycleRunStopsOnGracefulShutdown() async throws {
        let server = try Server(configuration: loopbackConfiguration(), router: sampleRouter())
        try await server.start()
        let group = ServiceGroupHarness(server: server)
        try await group.runAndStop {
            let ex = try await LoopbackClient.exchange(port: server.localAddress!.port!, send: ["GET / HTTP/1.1\r\nHost: x\r\n\r\n"], responses: 1)
            #expect(ex.responses.first?.body == "home")
        }
        #expect(server.localAddress == nil)
    }
}
