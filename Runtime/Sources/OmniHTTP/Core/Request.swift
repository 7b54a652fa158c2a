import NIOCore
import NIOHTTP1

/// An HTTP request as handlers and middleware see it.
///
/// Handlers take it `inout`: middleware fills in ``id``, ``session``, ``storage``; the router
/// fills in ``params``. The body is fully buffered (bounded by the server's body limit).
public struct Request: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The request target as received: path and query, e.g. `/users/7?tab=posts`.
    public var uri: String
    /// The HTTP version.
    public var version: HTTPVersion
    /// The headers.
    public var headers: HTTPHeaders
    /// The body bytes (empty when there is none).
    public var body: ByteBuffer
    /// The route parameters (`:id`, `*rest`), percent-decoded.
    public var params: Parameters
    /// The request ID (set by ``Middleware/requestID(header:)``), nil without it.
    public var id: String?
    /// The session (loaded by the session middleware; empty without it).
    public var session: Session
    /// Typed values set by middleware.
    public var storage: Storage
    /// The connection the request came on.
    public let connection: Connection
    /// When the request head arrived.
    public let receivedAt: NIODeadline

    /// Creates a request (the server and ``TestClient`` do this).
    public init(
        method: HTTPMethod, uri: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(),
        body: ByteBuffer = ByteBuffer(), connection: Connection, receivedAt: NIODeadline = .now()
    ) {
        self.method = method
        self.uri = uri
        self.version = version
        self.headers = headers
        self.body = body
        self.params = Parameters()
        self.id = nil
        self.session = Session()
        self.storage = Storage()
        self.connection = connection
        self.receivedAt = receivedAt
    }

    /// The path part of the target, without the query (`/users/7`). An absolute-form target
    /// (`http://host/users/7`) yields its path.
    public var path: Substring {
        var s = Substring(uri)
        if s.first != "/", let schemeEnd = s.range(of: "://") {
            s = s[schemeEnd.upperBound...]
            s = s.firstIndex(of: "/").map { s[$0...] } ?? "/"
        }
        if let q = s.firstIndex(of: "?") { return s[..<q] }
        return s
    }

    /// The raw query string after `?`, if any.
    public var queryString: Substring? {
        guard let q = uri.firstIndex(of: "?") else { return nil }
        return uri[uri.index(after: q)...]
    }

    /// The decoded query items, in order.
    public var query: FormData {
        guard let q = queryString else { return FormData() }
        return FormData(parsing: q)
    }

    /// Whether the request came from htmx (`HX-Request: true`).
    public var isHTMX: Bool { headers.first(name: "HX-Request") == "true" }

    /// Whether the client asked for HTML (`Accept` names `text/html`), as a browser navigation does.
    public var prefersHTML: Bool {
        guard let accept = headers.first(name: "Accept") else { return false }
        return accept.contains("text/html")
    }

    /// The value of the first header named `name`.
    public func header(_ name: String) -> String? { headers.first(name: name) }

    /// The `Content-Type` media type without parameters, lowercased (`application/json`).
    public var mediaType: Substring? {
        guard let ct = headers.first(name: "Content-Type") else { return nil }
        let main = ct.split(separator: ";", maxSplits: 1).first ?? Substring(ct)
        return Substring(main.trimmingASCIIWhitespace().lowercased())
    }

    /// Runs blocking work (file or database IO) on the server's thread pool, off the event loop.
    public func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await connection.threadPool.runIfActive(body)
    }
}

/// The parameters a route pattern captured.
public struct Parameters: Sendable, Sequence {
    @usableFromInline var storage: [(name: String, value: String)]

    /// No parameters.
    @inlinable public init() { storage = [] }

    /// The value of the parameter `name`.
    public subscript(_ name: String) -> String? {
        for p in storage where p.name == name { return p.value }
        return nil
    }

    /// The value of `name`, or a 404 when absent.
    public func require(_ name: String) throws -> String {
        guard let v = self[name] else { throw HTTPError.notFound() }
        return v
    }

    /// The value of `name` as an integer, or a 404 when absent or not a number
    /// (a path like `/users/abc` names no user).
    public func int(_ name: String) throws -> Int {
        guard let v = self[name], let i = Int(v) else { throw HTTPError.notFound() }
        return i
    }

    /// Adds a parameter.
    public mutating func append(name: String, value: String) { storage.append((name, value)) }

    /// The number of parameters.
    public var count: Int { storage.count }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { storage.makeIterator() }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    func trimmingASCIIWhitespace() -> Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
