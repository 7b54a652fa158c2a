import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A raw-socket HTTP client for loopback tests: it writes exactly the bytes it is given
/// (malformed requests, pipelined batches, slow drips) and reads whatever comes back.
///
/// ```swift
/// let exchange = try await LoopbackClient.exchange(port: port, send: ["GET / HTTP/1.1\r\nHost: x\r\n\r\n"], responses: 1)
/// #expect(exchange.responses[0].status == 200)
/// ```
public enum LoopbackClient {
    /// What one connection received.
    public struct Exchange: Sendable {
        /// Every byte received, as text.
        public var raw: String
        /// The responses parsed from those bytes, in order.
        public var responses: [RawResponse]
        /// Whether the server closed the connection.
        public var closedByServer: Bool
    }

    /// One parsed response.
    public struct RawResponse: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: String

        /// The first value of `name` (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Connects to `host:port`, writes each chunk of `send` (pausing `pause` between them),
    /// then reads until `responses` responses arrived (and, when the last says
    /// `Connection: close`, the server closed), the server closed, or `timeout` passed.
    /// `headResponses` lists the indices of responses to HEAD requests (they carry no body).
    public static func exchange(
        host: String = "127.0.0.1", port: Int, send chunks: [String], pause: TimeAmount = .zero,
        responses expected: Int? = nil, headResponses: Set<Int> = [], timeout: TimeAmount = .seconds(5)
    ) async throws -> Exchange {
        let received = NIOLockedValueBox(ByteBuffer())
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(received: received))
                }
            }
            .connect(host: host, port: port).get()
        let closed = NIOLockedValueBox(false)
        channel.closeFuture.whenComplete { _ in closed.withLockedValue { $0 = true } }
        for (i, chunk) in chunks.enumerated() {
            if i > 0 && pause > .zero { try await Task.sleep(nanoseconds: UInt64(pause.nanoseconds)) }
            if closed.withLockedValue({ $0 }) { break }
            try? await channel.writeAndFlush(ByteBuffer(string: chunk))
        }
        let deadline = NIODeadline.now() + timeout
        while NIODeadline.now() < deadline {
            if closed.withLockedValue({ $0 }) { break }
            if let expected {
                let parsed = parse(received.withLockedValue { $0 }, headResponses: headResponses)
                if parsed.count >= expected && parsed.last?.header("Connection") != "close" { break }
            }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        let wasClosed = closed.withLockedValue { $0 }
        try? await channel.close()
        let bytes = received.withLockedValue { $0 }
        return Exchange(raw: String(buffer: bytes), responses: parse(bytes, headResponses: headResponses), closedByServer: wasClosed)
    }

    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received: NIOLockedValueBox<ByteBuffer>
        init(received: NIOLockedValueBox<ByteBuffer>) { self.received = received }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            _ = received.withLockedValue { $0.writeBuffer(&buffer) }
        }
    }

    /// Parses complete responses (Content-Length framing; those at `headResponses` carry no body).
    static func parse(_ buffer: ByteBuffer, headResponses: Set<Int> = []) -> [RawResponse] {
        let bytes = Array(buffer.readableBytesView)
        var out: [RawResponse] = []
        var pos = 0
        while let end = MultipartParser.find([13, 10, 13, 10], in: bytes, from: pos) {
            let head = String(decoding: bytes[pos..<end], as: UTF8.self)
            let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
            let statusParts = lines[0].split(separator: " ")
            guard statusParts.count >= 2, let status = Int(statusParts[1]) else { break }
            var headers: [(String, String)] = []
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].trimmingASCIIWhitespace())))
            }
            let isHead = headResponses.contains(out.count)
            var length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
            if isHead || status < 200 || status == 204 || status == 304 { length = 0 }
            let bodyStart = end + 4
            guard bodyStart + length <= bytes.count else { break }
            out.append(RawResponse(status: status, headers: headers, body: String(decoding: bytes[bodyStart..<(bodyStart + length)], as: UTF8.self)))
            pos = bodyStart + length
        }
        return out
    }
}

extension Server {
    /// Starts the server (use port 0 for a free port), runs `body` with the bound port, then
    /// shuts down gracefully — the loopback mode for real-socket tests.
    public func withRunning<T: Sendable>(_ body: (Int) async throws -> T) async throws -> T {
        try await start()
        let port = localAddress?.port ?? 0
        do {
            let result = try await body(port)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }
}
