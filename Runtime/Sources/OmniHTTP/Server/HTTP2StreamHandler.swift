import NIOCore
import NIOHTTP1

/// One HTTP/2 stream, seen through `HTTP2FramePayloadToHTTP1ServerCodec` as an HTTP/1-style
/// request: buffers the body (up to the limit), dispatches, and writes head, body and end.
final class HTTP2StreamHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let dispatcher: Dispatcher
    private let settings: ConnectionSettings
    private let dates = DateCache()
    private var request: Request?
    private var rejected = false

    init(dispatcher: Dispatcher, settings: ConnectionSettings) {
        self.dispatcher = dispatcher
        self.settings = settings
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > settings.maxBodySize {
                reject(.payloadTooLarge(limit: settings.maxBodySize), context: context)
                return
            }
            let connection = Connection(
                remoteAddress: context.channel.parent?.remoteAddress ?? context.channel.remoteAddress, isSecure: settings.isSecure,
                eventLoop: context.eventLoop, threadPool: settings.threadPool, logger: settings.logger)
            request = Request(method: head.method, uri: head.uri, version: head.version, headers: head.headers, connection: connection)
        case .body(var chunk):
            guard !rejected, var request = self.request else { return }
            self.request = nil
            if request.body.readableBytes + chunk.readableBytes > settings.maxBodySize {
                reject(.payloadTooLarge(limit: settings.maxBodySize), context: context)
                return
            }
            if request.body.readableBytes == 0 { request.body = chunk } else { request.body.writeBuffer(&chunk) }
            self.request = request
        case .end:
            guard !rejected, var request = self.request else { return }
            self.request = nil
            let responder = dispatcher.resolve(&request)
            if responder.isSync {
                let response = responder.respondSync(&request)
                write(response, isHead: request.method == .HEAD, context: context)
            } else {
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let loop = context.eventLoop
                Task {
                    var request = request
                    let response = await responder.respond(&request)
                    let isHead = request.method == .HEAD
                    loop.execute {
                        let (handler, context) = bound.value
                        handler.write(response, isHead: isHead, context: context)
                    }
                }
            }
        }
    }

    private func reject(_ error: HTTPError, context: ChannelHandlerContext) {
        rejected = true
        request = nil
        write(error.jsonResponse(), isHead: false, context: context)
    }

    private func write(_ response: Response, isHead: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        if let contentType = response.contentType { headers.add(name: "content-type", value: contentType) }
        let code = response.status.code
        if code != 204 && code != 304 { headers.add(name: "content-length", value: String(response.body.readableBytes)) }
        headers.add(name: "date", value: dates.value())
        for (name, value) in response.headers where !ResponseWriter.isServerOwned(name) {
            headers.add(name: name.lowercased(), value: value)
        }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http2, status: response.status, headers: headers))), promise: nil)
        if !isHead && response.body.readableBytes > 0 && code != 204 && code != 304 {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
