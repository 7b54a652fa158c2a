import Logging
import NIOHTTP1

/// A compiled route: its whole middleware chain (router-wide first) and its handler.
///
/// Built once when the router is compiled; answering a request walks two small arrays.
public final class Responder: Sendable {
    @usableFromInline let layers: [Middleware]
    @usableFromInline let handler: Handler
    @usableFromInline let errors: ErrorRenderer
    /// True when every layer is a hook and the handler is synchronous.
    public let isSync: Bool

    init(layers: [Middleware], handler: Handler, errors: ErrorRenderer) {
        self.layers = layers
        self.handler = handler
        self.errors = errors
        self.isSync = handler.isSync && layers.allSatisfy(\.isSync)
    }

    /// Answers on the calling thread. Only valid when ``isSync``.
    @inlinable
    public func respondSync(_ request: inout Request) -> Response {
        var response: Response
        var i = 0
        let count = layers.count
        // Before hooks, outermost first.
        while i < count {
            if case .hooks(let before?, _) = layers[i].kind {
                do {
                    if let early = try before(&request) {
                        return runAfters(from: i - 1, &request, early)
                    }
                } catch {
                    return runAfters(from: i - 1, &request, renderError(error, &request))
                }
            }
            i += 1
        }
        guard case .sync(let body) = handler.kind else { preconditionFailure("respondSync on an async route") }
        do {
            response = try body(&request)
        } catch {
            response = renderError(error, &request)
        }
        return runAfters(from: count - 1, &request, response)
    }

    @inlinable
    func runAfters(from start: Int, _ request: inout Request, _ response: Response) -> Response {
        var response = response
        var j = start
        while j >= 0 {
            if case .hooks(_, let after?) = layers[j].kind {
                do {
                    try after(&request, &response)
                } catch {
                    response = renderError(error, &request)
                }
            }
            j -= 1
        }
        return response
    }

    /// Answers a request, suspending where the chain or handler does.
    public func respond(_ request: inout Request) async -> Response {
        if isSync { return respondSync(&request) }
        return await run(from: 0, &request)
    }

    func run(from index: Int, _ request: inout Request) async -> Response {
        if index == layers.count {
            do {
                switch handler.kind {
                case .sync(let body): return try body(&request)
                case .async(let body): return try await body(&request)
                }
            } catch {
                return renderError(error, &request)
            }
        }
        switch layers[index].kind {
        case .hooks(let before, let after):
            var response: Response
            do {
                if let before, let early = try before(&request) { return early }
                response = await run(from: index + 1, &request)
            } catch {
                return renderError(error, &request)
            }
            if let after {
                do { try after(&request, &response) } catch { response = renderError(error, &request) }
            }
            return response
        case .around(let body):
            do {
                return try await body(&request, Next(responder: self, index: index + 1))
            } catch {
                return renderError(error, &request)
            }
        }
    }

    /// Turns a thrown error into a response; non-``HTTPError``s are logged and become a 500.
    @usableFromInline
    func renderError(_ error: any Error, _ request: inout Request) -> Response {
        if let http = error as? HTTPError { return errors.render(http, request) }
        var logger = request.connection.logger
        if let id = request.id { logger[metadataKey: "request_id"] = .string(id) }
        logger.error("unhandled error", metadata: ["error": .string(String(describing: error)), "path": .string(String(request.path))])
        return errors.render(.internalError(), request)
    }
}
