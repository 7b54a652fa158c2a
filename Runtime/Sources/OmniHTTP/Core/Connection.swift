import Logging
import NIOCore
import NIOPosix

/// What a request knows about the connection it came on, and where blocking work goes.
///
/// One instance is shared by every request of a connection.
public final class Connection: Sendable {
    /// The peer's address (nil in the in-process test client unless given).
    public let remoteAddress: SocketAddress?
    /// Whether the connection is TLS (decides the `Secure` cookie attribute).
    public let isSecure: Bool
    /// The event loop the connection runs on.
    public let eventLoop: any EventLoop
    /// The pool for blocking work (files, database): see ``Request/blocking(_:)``.
    public let threadPool: NIOThreadPool
    /// The server's logger.
    public let logger: Logger

    /// Creates a connection description.
    public init(remoteAddress: SocketAddress?, isSecure: Bool, eventLoop: any EventLoop, threadPool: NIOThreadPool, logger: Logger) {
        self.remoteAddress = remoteAddress
        self.isSecure = isSecure
        self.eventLoop = eventLoop
        self.threadPool = threadPool
        self.logger = logger
    }
}
