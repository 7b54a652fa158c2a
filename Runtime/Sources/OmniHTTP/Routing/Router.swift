import NIOHTTP1

/// A route table under construction. Generated code adds every route, then the server (or
/// ``TestClient``) compiles it into a ``Dispatcher``.
///
/// Patterns are `/`-separated segments: a literal (`users`), a parameter (`:id`, matches one
/// non-empty segment) or a rest parameter (`*path`, last, matches the remaining path, possibly
/// empty). Literal beats parameter beats rest, with backtracking; a trailing `/` on a request
/// path is ignored.
///
/// ```swift
/// var router = Router(middleware: [.requestID(), .accessLog(logger)])
/// router.get("/users/:id", middleware: browser, .sync(UsersShow.handle))
/// let server = try Server(configuration: config, router: router)
/// ```
public struct Router: Sendable {
    /// One route.
    public struct Route: Sendable {
        /// The method.
        public var method: HTTPMethod
        /// The pattern, e.g. `/users/:id`.
        public var pattern: String
        /// The route's middleware (after the router-wide ones).
        public var middleware: [Middleware]
        /// The handler.
        public var handler: Handler
    }

    /// Middleware that every request runs through, before the route's own — including
    /// requests that end in 404 or 405.
    public var middleware: [Middleware]
    /// Runs instead of a 404 when no route matches the path (e.g. static files at `/`).
    /// It may throw ``HTTPError/notFound(_:)`` itself.
    public var fallback: Handler?
    /// How thrown ``HTTPError``s become responses.
    public var errorRenderer: ErrorRenderer
    /// The routes, in the order added.
    public private(set) var routes: [Route] = []

    /// Creates an empty router with router-wide middleware.
    public init(middleware: [Middleware] = [], errorRenderer: ErrorRenderer = .default) {
        self.middleware = middleware
        self.errorRenderer = errorRenderer
    }

    /// Adds a route.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, middleware: [Middleware] = [], _ handler: Handler) {
        routes.append(Route(method: method, pattern: pattern, middleware: middleware, handler: handler))
    }

    /// Adds a `GET` route (which also answers `HEAD`).
    public mutating func get(_ pattern: String, middleware: [Middleware] = [], _ handler: Handler) {
        add(.GET, pattern, middleware: middleware, handler)
    }
    /// Adds a `POST` route.
    public mutating func post(_ pattern: String, middleware: [Middleware] = [], _ handler: Handler) {
        add(.POST, pattern, middleware: middleware, handler)
    }
    /// Adds a `PUT` route.
    public mutating func put(_ pattern: String, middleware: [Middleware] = [], _ handler: Handler) {
        add(.PUT, pattern, middleware: middleware, handler)
    }
    /// Adds a `PATCH` route.
    public mutating func patch(_ pattern: String, middleware: [Middleware] = [], _ handler: Handler) {
        add(.PATCH, pattern, middleware: middleware, handler)
    }
    /// Adds a `DELETE` route.
    public mutating func delete(_ pattern: String, middleware: [Middleware] = [], _ handler: Handler) {
        add(.DELETE, pattern, middleware: middleware, handler)
    }

    /// Adds the routes that `build` adds, under a path prefix and with extra middleware
    /// (a `scope "/api" through api { … }` block).
    public mutating func group(_ prefix: String, middleware: [Middleware] = [], _ build: (inout Router) -> Void) {
        var inner = Router()
        build(&inner)
        let base = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        for route in inner.routes {
            let path = route.pattern == "/" ? (base.isEmpty ? "/" : base) : base + route.pattern
            add(route.method, path, middleware: middleware + route.middleware, route.handler)
        }
    }

    /// Compiles the table into a dispatch trie.
    public func compile() throws(RouterError) -> Dispatcher {
        try Dispatcher(self)
    }
}

/// A route table that cannot be compiled.
public enum RouterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern is malformed (`reason` says how).
    case invalidPattern(pattern: String, reason: String)
    /// Two routes have the same method and the same shape.
    case duplicateRoute(method: String, pattern: String)

    public var description: String {
        switch self {
        case .invalidPattern(let p, let r): return "invalid route pattern \"\(p)\": \(r)"
        case .duplicateRoute(let m, let p): return "duplicate route \(m) \(p)"
        }
    }
}
