#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Drives a router in process, without sockets — like Phoenix's ConnTest. Requests run
/// through the same dispatch, middleware and error rendering as on the server, and cookies
/// set by responses are sent back on later requests (so sessions and CSRF work).
///
/// ```swift
/// var client = try TestClient(router: router)
/// let response = await client.get("/users/7")
/// #expect(response.status == .ok)
/// ```
public struct TestClient: Sendable {
    /// The compiled routes.
    public let dispatcher: Dispatcher
    /// The cookies kept between requests (name → value).
    public var cookies: [String: String] = [:]
    /// Whether requests look like they came over TLS.
    public var isSecure: Bool
    /// The peer address requests appear to come from.
    public var remoteAddress: SocketAddress?
    /// The body limit applied before dispatch (413 beyond), as the server does.
    public var maxBodySize: Int
    /// Headers sent with every request.
    public var defaultHeaders: HTTPHeaders = HTTPHeaders()
    private let connectionLogger: Logger

    /// Creates a client for a router.
    public init(router: Router, isSecure: Bool = false, maxBodySize: Int = 1 << 20, logger: Logger = Logger(label: "omni.test")) throws {
        try self.init(dispatcher: router.compile(), isSecure: isSecure, maxBodySize: maxBodySize, logger: logger)
    }

    /// Creates a client for a compiled dispatcher.
    public init(dispatcher: Dispatcher, isSecure: Bool = false, maxBodySize: Int = 1 << 20, logger: Logger = Logger(label: "omni.test")) {
        self.dispatcher = dispatcher
        self.isSecure = isSecure
        self.maxBodySize = maxBodySize
        self.connectionLogger = logger
        self.remoteAddress = try? SocketAddress(ipAddress: "127.0.0.1", port: 50000)
    }

    /// Sends a request and returns the response.
    public mutating func request(_ method: HTTPMethod, _ uri: String, headers: HTTPHeaders = HTTPHeaders(), body: ByteBuffer? = nil) async -> TestResponse {
        var allHeaders = defaultHeaders
        for (name, value) in headers { allHeaders.replaceOrAdd(name: name, value: value) }
        if !cookies.isEmpty && !allHeaders.contains(name: "Cookie") {
            allHeaders.add(name: "Cookie", value: cookies.keys.sorted().map { "\($0)=\(cookies[$0]!)" }.joined(separator: "; "))
        }
        if let body, !allHeaders.contains(name: "Content-Length") {
            allHeaders.add(name: "Content-Length", value: String(body.readableBytes))
        }
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let connection = Connection(
            remoteAddress: remoteAddress, isSecure: isSecure, eventLoop: loop, threadPool: NIOThreadPool.singleton, logger: connectionLogger)
        var request = Request(method: method, uri: uri, headers: allHeaders, body: body ?? ByteBuffer(), connection: connection)
        let response: Response
        if request.body.readableBytes > maxBodySize {
            response = HTTPError.payloadTooLarge(limit: maxBodySize).jsonResponse()
        } else {
            let responder = dispatcher.resolve(&request)
            response = await responder.respond(&request)
        }
        let result = TestResponse(response, isHead: method == .HEAD)
        for setCookie in response.headers[canonicalForm: "Set-Cookie"] {
            let pair = setCookie.split(separator: ";", maxSplits: 1)[0]
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<eq])
            let value = String(pair[pair.index(after: eq)...])
            let lower = setCookie.lowercased()
            if value.isEmpty || lower.contains("max-age=0") || lower.contains("max-age=-") {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
        return result
    }

    /// `GET uri`.
    public mutating func get(_ uri: String, headers: HTTPHeaders = HTTPHeaders()) async -> TestResponse {
        await request(.GET, uri, headers: headers)
    }

    /// `HEAD uri`.
    public mutating func head(_ uri: String, headers: HTTPHeaders = HTTPHeaders()) async -> TestResponse {
        await request(.HEAD, uri, headers: headers)
    }

    /// `DELETE uri`.
    public mutating func delete(_ uri: String, headers: HTTPHeaders = HTTPHeaders()) async -> TestResponse {
        await request(.DELETE, uri, headers: headers)
    }

    /// `POST uri` with a raw body.
    public mutating func post(_ uri: String, headers: HTTPHeaders = HTTPHeaders(), body: String, contentType: String? = nil) async -> TestResponse {
        var headers = headers
        if let contentType { headers.replaceOrAdd(name: "Content-Type", value: contentType) }
        return await request(.POST, uri, headers: headers, body: ByteBuffer(string: body))
    }

    /// `POST uri` with a urlencoded form.
    public mutating func post(_ uri: String, headers: HTTPHeaders = HTTPHeaders(), form: [(String, String)]) async -> TestResponse {
        var data = FormData()
        data.items = form.map { (name: $0.0, value: $0.1) }
        return await post(uri, headers: headers, body: data.encoded, contentType: ContentType.formURLEncoded)
    }

    /// A request with a JSON body encoded from `value`.
    public mutating func send<T: Encodable>(_ method: HTTPMethod, _ uri: String, headers: HTTPHeaders = HTTPHeaders(), json value: T) async throws -> TestResponse {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        let data = try JSONEncoder().encode(value)
        return await request(method, uri, headers: headers, body: ByteBuffer(bytes: data))
    }
}

/// A response as the test client saw it.
public struct TestResponse: Sendable {
    /// The status.
    public var status: HTTPResponseStatus
    /// The headers as they go on the wire (with `Content-Type` and `Content-Length`).
    public var headers: HTTPHeaders
    /// The body (empty for HEAD).
    public var body: ByteBuffer

    init(_ response: Response, isHead: Bool) {
        status = response.status
        var headers = HTTPHeaders()
        if let contentType = response.contentType { headers.add(name: "Content-Type", value: contentType) }
        let code = response.status.code
        if code != 204 && code != 304 { headers.add(name: "Content-Length", value: String(response.body.readableBytes)) }
        headers.add(contentsOf: response.headers)
        self.headers = headers
        body = isHead ? ByteBuffer() : response.body
    }

    /// The body as UTF-8 text.
    public var text: String { String(buffer: body) }

    /// The first value of header `name`.
    public func header(_ name: String) -> String? { headers.first(name: name) }

    /// Decodes the body as JSON.
    public func json<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
    }

    /// The `error.code` of a uniform error body, if the body is one.
    public var errorCode: String? {
        struct Body: Decodable {
            struct Inner: Decodable { var code: String }
            var error: Inner
        }
        return (try? json(Body.self))?.error.code
    }
}
