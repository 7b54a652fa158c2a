/// A middleware: a plain value that generated code lists per route (or once for a router).
///
/// Most middleware are *hooks*: a `before` function that sees the request first and may
/// answer early (CORS preflight, CSRF failure, 429), and an `after` function that sees the
/// response on the way out (headers, cookies, compression). Hooks are synchronous, so a
/// route whose middleware are all hooks and whose handler is ``Handler/sync(_:)`` is answered
/// on the event loop with no allocation for the chain and no task.
///
/// An *around* middleware wraps the rest of the chain asynchronously (a server-side session
/// store); a route with one runs in a task.
///
/// Order: `[a, b, c]` runs `a.before, b.before, c.before, handler, c.after, b.after, a.after`.
/// A `before` that answers skips the rest of the chain and its own `after`; the `after`s of
/// the middleware before it still run. A thrown error becomes a response at the point where
/// it was thrown (see ``ErrorRenderer``), and the outer `after`s see that response.
public struct Middleware: Sendable {
    /// Sees the request before the handler; returns a response to answer early, nil to go on.
    public typealias Before = @Sendable (inout Request) throws -> Response?
    /// Sees (and may change) the response after the handler.
    public typealias After = @Sendable (inout Request, inout Response) throws -> Void
    /// Wraps the rest of the chain.
    public typealias Around = @Sendable (inout Request, Next) async throws -> Response

    @usableFromInline
    enum Kind: Sendable {
        case hooks(Before?, After?)
        case around(Around)
    }

    @usableFromInline let kind: Kind
    /// A short name for logs and route listings.
    public let name: String

    /// A middleware with a `before` and/or an `after` hook.
    public static func hooks(_ name: String, before: Before? = nil, after: After? = nil) -> Middleware {
        Middleware(kind: .hooks(before, after), name: name)
    }

    /// A middleware with only a `before` hook.
    public static func before(_ name: String, _ body: @escaping Before) -> Middleware {
        Middleware(kind: .hooks(body, nil), name: name)
    }

    /// A middleware with only an `after` hook.
    public static func after(_ name: String, _ body: @escaping After) -> Middleware {
        Middleware(kind: .hooks(nil, body), name: name)
    }

    /// An asynchronous middleware that calls `next` to run the rest of the chain.
    public static func around(_ name: String, _ body: @escaping Around) -> Middleware {
        Middleware(kind: .around(body), name: name)
    }

    /// Whether the middleware never suspends.
    public var isSync: Bool {
        if case .hooks = kind { return true }
        return false
    }
}

/// The rest of a middleware chain, as an ``Middleware/around(_:_:)`` middleware sees it.
public struct Next: Sendable {
    let responder: Responder
    let index: Int

    /// Runs the rest of the chain. Never throws for handler errors: they are already responses.
    public func callAsFunction(_ request: inout Request) async -> Response {
        await responder.run(from: index, &request)
    }
}
