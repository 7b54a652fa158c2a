// A bare SwiftNIO HTTP/1.1 server: NIO's standard server pipeline (decoder, encoder,
// pipelining assistance, error handling) and one handler; same bootstrap options and the
// same response headers (Content-Type, Content-Length, Date cached per second) as omni's.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOHTTP1
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

struct Message: Encodable {
    let message: String
}

final class DateHeader {
    private var second = -1
    private var value = ""

    func current() -> String {
        var now = time(nil)
        if Int(now) != second {
            second = Int(now)
            var tm = tm()
            gmtime_r(&now, &tm)
            var buffer = [Int8](repeating: 0, count: 64)
            let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &tm)
            value = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return value
    }
}

final class BenchHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var uri = ""
    private var keepAlive = true
    private let date = DateHeader()
    private let encoder = JSONEncoder()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            uri = head.uri
            keepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            let status: HTTPResponseStatus
            let contentType: String
            let body: ByteBuffer
            switch uri {
            case "/plaintext":
                status = .ok
                contentType = "text/plain; charset=utf-8"
                body = context.channel.allocator.buffer(string: "Hello, World!")
            case "/json":
                status = .ok
                contentType = "application/json; charset=utf-8"
                let data = try! encoder.encode(Message(message: "Hello, World!"))
                body = context.channel.allocator.buffer(bytes: data)
            default:
                status = .notFound
                contentType = "text/plain; charset=utf-8"
                body = context.channel.allocator.buffer(string: "Not Found")
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Content-Length", value: String(body.readableBytes))
            headers.add(name: "Date", value: date.current())
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            if keepAlive {
                context.write(wrapOutboundOut(.end(nil)), promise: nil)
            } else {
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8082
let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
let bootstrap = ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 1024)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.maxMessagesPerRead, value: 16)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline()
            try channel.pipeline.syncOperations.addHandler(BenchHandler())
        }
    }
let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
try await channel.closeFuture.get()
