import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// An HTTP server: HTTP/1.1 with keep-alive and pipelining, HTTP/2 over TLS when configured,
/// answering through a compiled ``Dispatcher``.
///
/// It is a swift-service-lifecycle `Service`: ``run()`` serves until a graceful shutdown is
/// requested, then stops accepting, lets in-flight requests finish (up to
/// ``ServerConfiguration/shutdownTimeout``) and returns.
///
/// ```swift
/// let server = try Server(configuration: config, router: router)
/// try await server.runUntilSignal()   // SIGTERM / SIGINT drain and stop
/// ```
public final class Server: Service, Sendable {
    /// The configuration.
    public let configuration: ServerConfiguration
    /// The compiled routes.
    public let dispatcher: Dispatcher
    private let sslContext: NIOSSLContext?
    private let state = NIOLockedValueBox(State())

    private struct State {
        var serverChannel: (any Channel)?
        var connections: [ObjectIdentifier: any Channel] = [:]
        var draining = false
        var drained: [CheckedContinuation<Void, Never>] = []
    }

    /// Creates a server from a router (compiled here).
    public convenience init(configuration: ServerConfiguration = ServerConfiguration(), router: Router) throws {
        try self.init(configuration: configuration, dispatcher: router.compile())
    }

    /// Creates a server from a compiled dispatcher.
    public init(configuration: ServerConfiguration = ServerConfiguration(), dispatcher: Dispatcher) throws {
        self.configuration = configuration
        self.dispatcher = dispatcher
        if var tls = configuration.tls {
            tls.applicationProtocols = configuration.http2 ? ["h2", "http/1.1"] : ["http/1.1"]
            self.sslContext = try NIOSSLContext(configuration: tls)
        } else {
            self.sslContext = nil
        }
    }

    /// The bound address once started (the port when the configuration asked for 0).
    public var localAddress: SocketAddress? {
        state.withLockedValue { $0.serverChannel?.localAddress }
    }

    /// The number of open connections.
    public var connectionCount: Int { state.withLockedValue { $0.connections.count } }

    /// Serves until graceful shutdown (swift-service-lifecycle), then drains and returns.
    public func run() async throws {
        if localAddress == nil { try await start() }
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Runs the server in a `ServiceGroup` that drains on SIGTERM and SIGINT.
    public func runUntilSignal() async throws {
        let group = ServiceGroup(services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: configuration.logger)
        try await group.run()
    }

    /// Binds and starts accepting; returns once listening.
    public func start() async throws {
        let group = configuration.eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        let settings = ConnectionSettings(
            maxBodySize: configuration.maxBodySize, headerTimeout: configuration.headerTimeout,
            bodyTimeout: configuration.bodyTimeout, idleTimeout: configuration.idleTimeout,
            maxPipelinedRequests: configuration.maxPipelinedRequests, isSecure: sslContext != nil,
            threadPool: configuration.threadPool ?? NIOThreadPool.singleton, logger: configuration.logger)
        let dispatcher = self.dispatcher
        let sslContext = self.sslContext
        let http2 = configuration.http2
        var decoderLimits = NIOHTTPDecoderLimitConfiguration()
        decoderLimits.maxHeaderListSize = configuration.maxHeaderSize
        decoderLimits.maxHeaderFieldSize = configuration.maxHeaderSize
        decoderLimits.maxHeaderFieldCount = 256
        let limits = decoderLimits
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: configuration.backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: configuration.maxMessagesPerRead)
            .childChannelInitializer { [weak self] channel in
                self?.register(channel)
                return channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    guard let sslContext else {
                        try Server.addHTTP1(sync, dispatcher: dispatcher, settings: settings, limits: limits)
                        return
                    }
                    try sync.addHandler(NIOSSLServerHandler(context: sslContext))
                    if !http2 {
                        try Server.addHTTP1(sync, dispatcher: dispatcher, settings: settings, limits: limits)
                        return
                    }
                    _ = channel.configureHTTP2SecureUpgrade(
                        h2ChannelConfigurator: { channel in
                            channel.configureHTTP2Pipeline(mode: .server) { stream in
                                stream.eventLoop.makeCompletedFuture {
                                    try stream.pipeline.syncOperations.addHandlers([
                                        HTTP2FramePayloadToHTTP1ServerCodec(),
                                        HTTP2StreamHandler(dispatcher: dispatcher, settings: settings),
                                    ])
                                }
                            }.map { _ in }
                        },
                        http1ChannelConfigurator: { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try Server.addHTTP1(
                                    channel.pipeline.syncOperations, dispatcher: dispatcher, settings: settings, limits: limits)
                            }
                        })
                }
            }
        let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        state.withLockedValue { $0.serverChannel = channel }
        configuration.logger.info("listening", metadata: ["address": .string(channel.localAddress.map { "\($0)" } ?? "?")])
    }

    static func addHTTP1(
        _ sync: ChannelPipeline.SynchronousOperations, dispatcher: Dispatcher, settings: ConnectionSettings,
        limits: NIOHTTPDecoderLimitConfiguration
    ) throws {
        try sync.addHandler(
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .drop, limitConfiguration: limits)))
        try sync.addHandler(HTTP1Handler(dispatcher: dispatcher, settings: settings))
    }

    private func register(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let accepted = state.withLockedValue { state -> Bool in
            if state.draining { return false }
            state.connections[id] = channel
            return true
        }
        guard accepted else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [weak self] _ in
            guard let self else { return }
            let waiters = self.state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
                state.connections[id] = nil
                guard state.connections.isEmpty else { return [] }
                defer { state.drained = [] }
                return state.drained
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    /// Stops accepting, asks every connection to finish what it is answering and close, and
    /// waits for them (closing the rest after ``ServerConfiguration/shutdownTimeout``).
    public func shutdown() async {
        let (server, connections) = state.withLockedValue { state in
            state.draining = true
            defer { state.serverChannel = nil }
            return (state.serverChannel, Array(state.connections.values))
        }
        try? await server?.close()
        for connection in connections {
            connection.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        let timeout = configuration.shutdownTimeout
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.waitUntilDrained()
                return true
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(max(timeout.nanoseconds, 0)))
                return false
            }
            if await group.next() == false {
                // Out of patience: close what is left, which also ends the wait above.
                let remaining = self.state.withLockedValue { Array($0.connections.values) }
                for connection in remaining { connection.close(promise: nil) }
            }
            group.cancelAll()
        }
        configuration.logger.info("stopped")
    }

    private func waitUntilDrained() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLockedValue { state -> Bool in
                if state.connections.isEmpty { return true }
                state.drained.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}
