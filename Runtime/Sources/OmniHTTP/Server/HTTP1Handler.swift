import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Per-connection settings the handlers need, taken from ``ServerConfiguration``.
struct ConnectionSettings: Sendable {
    var maxBodySize: Int
    var headerTimeout: TimeAmount
    var bodyTimeout: TimeAmount
    var idleTimeout: TimeAmount
    var maxPipelinedRequests: Int
    var isSecure: Bool
    var threadPool: NIOThreadPool
    var logger: Logger
}

/// One HTTP/1.1 connection: reads decoded request parts, dispatches each complete request
/// in order, and writes responses serialized by ``ResponseWriter``.
///
/// - Pipelining: requests are answered strictly in order; synchronous routes are answered
///   during the read, and all responses of one read go out in one write at `channelReadComplete`.
///   While an asynchronous handler runs, later requests wait in a queue; past
///   `maxPipelinedRequests` the handler stops reading (back-pressure).
/// - Limits: a body over `maxBodySize` gets 413 and the connection closes; a malformed request
///   gets 400 (431 for oversized headers) and the connection closes.
/// - Timeouts, one timer per connection: `headerTimeout` from the first byte of a request to
///   its complete head (also from accept to the first head), `bodyTimeout` between body reads
///   (both answer 408 and close), `idleTimeout` between keep-alive requests (close quietly).
/// - Quiescing (``ChannelShouldQuiesceEvent``): the request being handled and those already
///   received are answered, the last with `Connection: close`; an idle connection closes at once.
final class HTTP1Handler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Receive {
        case idle
        case head(since: NIODeadline)
        case body(Request, keepAlive: Bool, lastRead: NIODeadline)
        case discarding
    }

    private enum Pending {
        case request(Request, keepAlive: Bool)
        case failure(HTTPError)
    }

    private let dispatcher: Dispatcher
    private let settings: ConnectionSettings
    private let dates = DateCache()
    private var connection: Connection?
    private var context: ChannelHandlerContext?
    private var out: ByteBuffer
    private var receive: Receive
    private var queue = CircularBuffer<Pending>(initialCapacity: 4)
    private var inFlight = false
    private var closing = false
    private var draining = false
    private var readHeld = false
    private var unflushed = false
    private var closeScheduled = false
    private var partsThisRead = 0
    private var lastActivity: NIODeadline
    private var timer: Scheduled<Void>?
    private var timerDeadline = NIODeadline.distantFuture

    init(dispatcher: Dispatcher, settings: ConnectionSettings) {
        self.dispatcher = dispatcher
        self.settings = settings
        self.out = ByteBufferAllocator().buffer(capacity: 1024)
        let now = NIODeadline.now()
        self.lastActivity = now
        // The first head must arrive within the header timeout of the accept.
        self.receive = .head(since: now)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        connection = Connection(
            remoteAddress: context.channel.remoteAddress, isSecure: settings.isSecure, eventLoop: context.eventLoop,
            threadPool: settings.threadPool, logger: settings.logger)
        armTimer(at: lastActivity + settings.headerTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
        queue.removeAll()
        context.fireChannelInactive()
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partsThisRead &+= 1
        switch unwrapInboundIn(data) {
        case .head(let head):
            switch receive {
            case .idle, .head: break
            case .body, .discarding: return
            }
            let now = NIODeadline.now()
            lastActivity = now
            if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > settings.maxBodySize {
                receive = .discarding
                enqueue(.failure(.payloadTooLarge(limit: settings.maxBodySize)), context: context)
                return
            }
            var keepAlive = head.isKeepAlive
            if keepAlive && head.headers.contains(name: "Upgrade") { keepAlive = false }
            if let expect = head.headers.first(name: "Expect") {
                if expect.lowercased() == "100-continue" {
                    if !inFlight && queue.isEmpty {
                        out.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
                        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
                        out.clear()
                    }
                } else {
                    receive = .discarding
                    enqueue(.failure(HTTPError(.expectationFailed)), context: context)
                    return
                }
            }
            let request = Request(
                method: head.method, uri: head.uri, version: head.version, headers: head.headers, connection: connection!,
                receivedAt: now)
            receive = .body(request, keepAlive: keepAlive, lastRead: now)
        case .body(var chunk):
            guard case .body(var request, let keepAlive, _) = receive else { return }
            receive = .discarding  // drop the enum's reference so the body stays uniquely owned
            if request.body.readableBytes + chunk.readableBytes > settings.maxBodySize {
                enqueue(.failure(.payloadTooLarge(limit: settings.maxBodySize)), context: context)
                return
            }
            if request.body.readableBytes == 0 {
                request.body = chunk
            } else {
                request.body.writeBuffer(&chunk)
            }
            receive = .body(request, keepAlive: keepAlive, lastRead: .now())
        case .end:
            guard case .body(let request, let keepAlive, _) = receive else { return }
            receive = .idle
            enqueue(.request(request, keepAlive: keepAlive), context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if partsThisRead == 0, case .idle = receive {
            // Bytes arrived but no head yet: the header timeout starts now.
            let now = NIODeadline.now()
            receive = .head(since: now)
            armTimer(at: now + settings.headerTimeout)
        } else if case .body(_, _, let lastRead) = receive {
            armTimer(at: lastRead + settings.bodyTimeout)
        }
        partsThisRead = 0
        flushOut(context: context)
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        if queue.count >= settings.maxPipelinedRequests {
            readHeld = true
        } else {
            context.read()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError {
            if case .discarding = receive, closing { return }
            receive = .discarding
            let failure: HTTPError
            if parserError == .headerOverflow {
                failure = HTTPError(.requestHeaderFieldsTooLarge, code: "headers_too_large", message: "The request headers are too large")
            } else {
                failure = .badRequest("Malformed HTTP request", code: "malformed_request")
            }
            enqueue(.failure(failure), context: context)
            flushOut(context: context)
        } else {
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            draining = true
            if !inFlight && queue.isEmpty {
                switch receive {
                case .idle, .head:
                    closing = true
                    flushOut(context: context)
                case .body, .discarding:
                    break
                }
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Answering

    private func enqueue(_ pending: Pending, context: ChannelHandlerContext) {
        if closing { return }
        if !inFlight && queue.isEmpty {
            process(pending, context: context)
        } else {
            queue.append(pending)
        }
    }

    private func process(_ pending: Pending, context: ChannelHandlerContext) {
        switch pending {
        case .failure(let error):
            ResponseWriter.writeProtocolError(error, date: dates, into: &out)
            closing = true
            receive = .discarding
        case .request(var request, let keepAlive):
            let responder = dispatcher.resolve(&request)
            if responder.isSync {
                let response = responder.respondSync(&request)
                write(response, method: request.method, version: request.version, keepAlive: keepAlive, context: context)
            } else {
                inFlight = true
                let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
                let loop = context.eventLoop
                Task {
                    var request = request
                    let response = await responder.respond(&request)
                    let method = request.method
                    let version = request.version
                    loop.execute {
                        bound.value.asyncFinished(response, method: method, version: version, keepAlive: keepAlive)
                    }
                }
            }
        }
    }

    private func asyncFinished(_ response: Response, method: HTTPMethod, version: HTTPVersion, keepAlive: Bool) {
        guard let context else { return }
        inFlight = false
        lastActivity = .now()
        write(response, method: method, version: version, keepAlive: keepAlive, context: context)
        while !inFlight && !closing, let next = queue.popFirst() {
            process(next, context: context)
        }
        flushOut(context: context)
        if readHeld && queue.count < settings.maxPipelinedRequests {
            readHeld = false
            context.read()
        }
    }

    private func write(_ response: Response, method: HTTPMethod, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var keepAlive = keepAlive
        if draining && queue.isEmpty { keepAlive = false }
        if !keepAlive { closing = true }
        let isHead = method == .HEAD
        if response.body.readableBytes > 16 * 1024 && !isHead {
            // Large bodies are written as their own buffer, not copied into `out`.
            ResponseWriter.write(response, isHead: true, keepAlive: keepAlive, requestVersion: version, date: dates, into: &out)
            context.write(wrapOutboundOut(out), promise: nil)
            context.write(wrapOutboundOut(response.body), promise: nil)
            unflushed = true
            out = context.channel.allocator.buffer(capacity: 1024)
        } else {
            ResponseWriter.write(response, isHead: isHead, keepAlive: keepAlive, requestVersion: version, date: dates, into: &out)
        }
        if closing {
            receive = .discarding
            queue.removeAll()
        }
    }

    private func flushOut(context: ChannelHandlerContext) {
        if closeScheduled { return }
        if out.readableBytes > 0 {
            context.write(wrapOutboundOut(out), promise: nil)
            unflushed = true
        }
        if closing && !inFlight {
            // An empty write completes after every earlier one: close once all bytes are out.
            closeScheduled = true
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer())).whenComplete { _ in channel.close(promise: nil) }
        } else if unflushed {
            context.flush()
        }
        unflushed = false
        if out.capacity > 64 * 1024 {
            out = context.channel.allocator.buffer(capacity: 1024)
        } else if out.readableBytes > 0 {
            // Unique again once the flush has written it, so this reuses the storage.
            out.clear()
        }
    }

    // MARK: Timeouts

    private func armTimer(at deadline: NIODeadline) {
        guard let context else { return }
        if timer != nil && timerDeadline <= deadline { return }
        timer?.cancel()
        timerDeadline = deadline
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) { bound.value.timerFired() }
    }

    private func timerFired() {
        timer = nil
        timerDeadline = .distantFuture
        guard let context else { return }
        let now = NIODeadline.now()
        if inFlight || !queue.isEmpty {
            armTimer(at: now + settings.idleTimeout)
            return
        }
        switch receive {
        case .idle:
            let deadline = lastActivity + settings.idleTimeout
            if now >= deadline {
                context.close(promise: nil)
            } else {
                armTimer(at: deadline)
            }
        case .head(let since):
            let deadline = since + settings.headerTimeout
            if now >= deadline { timeOut(context: context) } else { armTimer(at: deadline) }
        case .body(_, _, let lastRead):
            let deadline = lastRead + settings.bodyTimeout
            if now >= deadline { timeOut(context: context) } else { armTimer(at: deadline) }
        case .discarding:
            break
        }
    }

    private func timeOut(context: ChannelHandlerContext) {
        receive = .discarding
        ResponseWriter.writeProtocolError(
            HTTPError(.requestTimeout, code: "request_timeout", message: "The request took too long to arrive"), date: dates, into: &out)
        closing = true
        flushOut(context: context)
    }
}
