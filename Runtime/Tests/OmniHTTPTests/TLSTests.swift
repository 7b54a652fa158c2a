import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import Testing
@testable import OmniHTTP

/// A self-signed localhost certificate made for these tests only (P-256, valid until 2126).
let testCertificatePEM = """
-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUJ826QzBeXKGvqGGtJN4oZMqwazowCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMTE2NTQ1OFoYDzIxMjYxMDI4
MTY1NDU4WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASlF0aakJyhPxA8w8GBRZEzwsjBDIsONuNaDmIM/gkffVrY96fsb3pg
RjAX3nHc8WIvxwrB4sU5wNFP++9onOF8o28wbTAdBgNVHQ4EFgQUuyHrVqCkxoE4
ipZ8AkrgALhmOaAwHwYDVR0jBBgwFoAUuyHrVqCkxoE4ipZ8AkrgALhmOaAwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDRwAwRAIgSWXN2yQTYeR9ptc2+6uheWUy7yXDBB0tzPOKTdxB8poCICra
yMbY8UZBozH7jBAcKXf6Xfgx9XlUhXry3bPGmmxQ
-----END CERTIFICATE-----
"""

let testPrivateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgW0E/XMljJJWCWxCu
XVG5DG0qkej2DQNtWSBaF2IMT4ahRANCAASlF0aakJyhPxA8w8GBRZEzwsjBDIsO
NuNaDmIM/gkffVrY96fsb3pgRjAX3nHc8WIvxwrB4sU5wNFP++9onOF8
-----END PRIVATE KEY-----
"""

@Suite("TLS and HTTP/2")
struct TLSTests {
    func tlsServer(http2: Bool) throws -> Server {
        var config = loopbackConfiguration()
        try config.enableTLS(certificateChainPEM: testCertificatePEM, privateKeyPEM: testPrivateKeyPEM)
        config.http2 = http2
        var router = sampleRouter(middleware: [.securityHeaders(), .sessions(SessionConfiguration(secret: Array(repeating: 7, count: 32)))])
        router.get("/login", .sync { req in
            req.session["u"] = "1"
            return .text("tls")
        })
        return try Server(configuration: config, router: router)
    }

    static func clientContext(alpn: [String]) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        tls.applicationProtocols = alpn
        return try NIOSSLContext(configuration: tls)
    }

    /// Sends one HTTP/1.1 request over TLS and returns the raw response text.
    static func http1(port: Int, request: String) async throws -> String {
        let received = NIOLockedValueBox(ByteBuffer())
        let context = try clientContext(alpn: ["http/1.1"])
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                    try channel.pipeline.syncOperations.addHandler(Collector(received: received))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: request))
        for _ in 0..<200 {
            if String(buffer: received.withLockedValue { $0 }).contains("\r\n\r\n") && !channel.isActive { break }
            if String(buffer: received.withLockedValue { $0 }).hasSuffix("tls") { break }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        try? await channel.close()
        return String(buffer: received.withLockedValue { $0 })
    }

    final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received: NIOLockedValueBox<ByteBuffer>
        init(received: NIOLockedValueBox<ByteBuffer>) { self.received = received }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            _ = received.withLockedValue { $0.writeBuffer(&buffer) }
        }
    }

    @Test func http1OverTLS() async throws {
        let server = try tlsServer(http2: false)
        try await server.withRunning { port in
            let raw = try await Self.http1(port: port, request: "GET /login HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(raw.hasPrefix("HTTP/1.1 200 OK"))
            #expect(raw.contains("Strict-Transport-Security"), "HSTS only under TLS")
            #expect(raw.contains("; Secure"), "session cookie Secure under TLS")
            #expect(raw.hasSuffix("tls"))
        }
    }

    @Test func http1FallbackWhenHTTP2IsOffered() async throws {
        let server = try tlsServer(http2: true)
        try await server.withRunning { port in
            let raw = try await Self.http1(port: port, request: "GET /login HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(raw.hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    @Test func http2OverTLS() async throws {
        let server = try tlsServer(http2: true)
        try await server.withRunning { port in
            let context = try Self.clientContext(alpn: ["h2"])
            // Both handlers go in before the connection is active, so no server frame is missed.
            let box = NIOLockedValueBox<NIOHTTP2Handler.StreamMultiplexer?>(nil)
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(try NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                        let multiplexer = try sync.configureHTTP2Pipeline(
                            mode: .client, connectionConfiguration: .init(), streamConfiguration: .init(),
                            inboundStreamInitializer: { $0.eventLoop.makeSucceededVoidFuture() })
                        box.withLockedValue { $0 = multiplexer }
                    }
                }
                .connect(host: "127.0.0.1", port: port).get()
            let multiplexer = try #require(box.withLockedValue { $0 })
            var results: [(String, String)] = []
            for path in ["/plaintext", "/users/9", "/slow", "/missing"] {
                let promise = channel.eventLoop.makePromise(of: (String, String).self)
                // Never hang the suite: fail the exchange after a few seconds.
                let collector = H2Collector(promise: promise)
                channel.eventLoop.scheduleTask(in: .seconds(5)) { collector.finish(.failure(ChannelError.connectTimeout(.seconds(5)))) }
                let stream = try await multiplexer.createStreamChannel { stream in
                    stream.eventLoop.makeCompletedFuture {
                        try stream.pipeline.syncOperations.addHandlers([
                            HTTP2FramePayloadToHTTP1ClientCodec(httpProtocol: .https), collector,
                        ])
                    }
                }.get()
                var headers = HTTPHeaders()
                headers.add(name: "host", value: "localhost")
                stream.write(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)), promise: nil)
                stream.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
                do {
                    results.append(try await promise.futureResult.get())
                } catch {
                    Issue.record("HTTP/2 GET \(path) failed: \(error)")
                    throw error
                }
            }
            try? await channel.close()
            #expect(results.map(\.1) == ["Hello, World!", "user 9", "slow", results[3].1])
            #expect(results.map(\.0) == ["200", "200", "200", "404"])
            #expect(results[3].1.contains("not_found"))
        }
    }

    /// Collects one HTTP/2 response; completes its promise exactly once (response, error,
    /// stream closed, or timeout).
    final class H2Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPClientResponsePart
        let promise: EventLoopPromise<(String, String)>
        var status = ""
        var body = ByteBuffer()
        var done = false
        init(promise: EventLoopPromise<(String, String)>) { self.promise = promise }

        func finish(_ result: Result<(String, String), any Error>) {
            guard !done else { return }
            done = true
            promise.completeWith(result)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): status = String(head.status.code)
            case .body(var b): body.writeBuffer(&b)
            case .end: finish(.success((status, String(buffer: body))))
            }
        }
        func errorCaught(context: ChannelHandlerContext, error: any Error) { finish(.failure(error)) }
        func channelInactive(context: ChannelHandlerContext) { finish(.failure(ChannelError.ioOnClosedChannel)) }
    }
}
