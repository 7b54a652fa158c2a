import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Settings of a ``Server``. Every field has a production-ready default.
public struct ServerConfiguration: Sendable {
    /// The address to bind, `127.0.0.1` by default (`0.0.0.0` to accept from the network).
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one (see ``Server/localAddress``).
    public var port: Int = 8080
    /// The listen backlog.
    public var backlog: Int32 = 1024
    /// The largest request body accepted (413 beyond), 1 MiB by default.
    public var maxBodySize: Int = 1 << 20
    /// The largest request head (431 beyond), 64 KiB by default.
    public var maxHeaderSize: Int = 64 * 1024
    /// Time from the first byte of a request (or from accept) to its complete head (408 beyond).
    public var headerTimeout: TimeAmount = .seconds(10)
    /// Longest pause between two reads of a request body (408 beyond).
    public var bodyTimeout: TimeAmount = .seconds(30)
    /// How long an idle keep-alive connection stays open.
    public var idleTimeout: TimeAmount = .seconds(60)
    /// How long a graceful shutdown waits for in-flight requests before closing connections.
    public var shutdownTimeout: TimeAmount = .seconds(30)
    /// Requests read ahead of the one being answered before reading pauses.
    public var maxPipelinedRequests: Int = 16
    /// TLS; nil serves plain HTTP.
    public var tls: TLSConfiguration?
    /// Offer HTTP/2 through ALPN when TLS is on.
    public var http2: Bool = true
    /// The event loops; nil uses one per core (`MultiThreadedEventLoopGroup.singleton`).
    public var eventLoopGroup: (any EventLoopGroup)?
    /// The pool for blocking work; nil uses `NIOThreadPool.singleton`.
    public var threadPool: NIOThreadPool?
    /// Reads per event-loop wake-up (`ChannelOptions.maxMessagesPerRead`).
    public var maxMessagesPerRead: UInt = 16
    /// The server's logger (access logs use the middleware's own).
    public var logger: Logger = Logger(label: "omni.http")

    /// A configuration with defaults.
    public init() {}

    /// A configuration for `host:port`.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

extension ServerConfiguration {
    /// Turns on TLS with a PEM certificate chain and private key (HTTP/2 is offered through
    /// ALPN unless ``http2`` is false).
    public mutating func enableTLS(certificateChainPEM: String, privateKeyPEM: String) throws {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificateChainPEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    }

    /// Turns on TLS with PEM files.
    public mutating func enableTLS(certificateChainFile: String, privateKeyFile: String) throws {
        let chain = try NIOSSLCertificate.fromPEMFile(certificateChainFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: privateKeyFile, format: .pem)
        tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    }
}
