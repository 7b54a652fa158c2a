/// A handler that runs on the event loop: it must not block and must not await.
public typealias SyncHandler = @Sendable (inout Request) throws -> Response

/// A handler that may await (database calls, blocking work sent to the thread pool).
public typealias AsyncHandler = @Sendable (inout Request) async throws -> Response

/// What a route runs: a synchronous handler, answered on the event loop with no task hop,
/// or an asynchronous one, run in a task.
///
/// ```swift
/// router.get("/health", .sync { _ in .text("ok") })
/// router.get("/users/:id", .async { req in try await users.show(req) })
/// ```
public struct Handler: Sendable {
    @usableFromInline
    enum Kind: Sendable {
        case sync(SyncHandler)
        case async(AsyncHandler)
    }

    @usableFromInline let kind: Kind

    /// A handler that runs on the event loop.
    public static func sync(_ body: @escaping SyncHandler) -> Handler { Handler(kind: .sync(body)) }

    /// A handler that may suspend.
    public static func async(_ body: @escaping AsyncHandler) -> Handler { Handler(kind: .async(body)) }

    /// A handler that always answers with the same response.
    public static func constant(_ response: Response) -> Handler { .sync { _ in response } }

    /// Whether the handler runs on the event loop.
    public var isSync: Bool {
        if case .sync = kind { return true }
        return false
    }
}
