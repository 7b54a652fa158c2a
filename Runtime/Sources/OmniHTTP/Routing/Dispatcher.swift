import NIOHTTP1

/// A compiled route table: a segment trie whose leaves hold each method's ``Responder``.
///
/// ``resolve(_:)`` finds the responder for a request and stores the captured parameters in
/// it; a path with no route resolves to a 404 responder (or the router's fallback), a path
/// with routes but not for this method to a 405 with `Allow`, and `OPTIONS` without a route of
/// its own to a 204 with `Allow` (run through the path's middleware, so CORS answers preflights).
public final class Dispatcher: Sendable {
    final class Node: Sendable {
        let literals: [(String, Node)]
        let param: Node?
        let rest: Node?
        /// (method, responder, parameter names in capture order)
        let routes: [(HTTPMethod, Responder, [String])]
        let notAllowed: Responder?
        let options: Responder?

        init(_ b: NodeBuilder, router: Router) {
            literals = b.literals.map { ($0.0, Node($0.1, router: router)) }
            param = b.param.map { Node($0, router: router) }
            rest = b.rest.map { Node($0, router: router) }
            routes = b.routes.map { route in
                (route.method, Responder(layers: router.middleware + route.middleware, handler: route.handler, errors: router.errorRenderer), route.names)
            }
            if let first = b.routes.first {
                var allow = b.routes.map(\.method)
                if allow.contains(.GET) && !allow.contains(.HEAD) { allow.append(.HEAD) }
                if !allow.contains(.OPTIONS) { allow.append(.OPTIONS) }
                let error = HTTPError.methodNotAllowed(allow: allow)
                // 405 runs only the router-wide middleware; OPTIONS runs the first route's chain.
                notAllowed = Responder(layers: router.middleware, handler: .sync { _ in throw error }, errors: router.errorRenderer)
                let allowValue = error.headers.first(name: "Allow") ?? ""
                options = Responder(
                    layers: router.middleware + first.middleware,
                    handler: .sync { _ in
                        var headers = HTTPHeaders()
                        headers.add(name: "Allow", value: allowValue)
                        return Response(status: .noContent, headers: headers)
                    }, errors: router.errorRenderer)
            } else {
                notAllowed = nil
                options = nil
            }
        }
    }

    final class NodeBuilder {
        var literals: [(String, NodeBuilder)] = []
        var param: NodeBuilder?
        var rest: NodeBuilder?
        var routes: [(method: HTTPMethod, names: [String], middleware: [Middleware], handler: Handler)] = []
    }

    let root: Node
    let notFound: Responder
    let badRequest: Responder
    /// The routes, as added (for `omni routes` and docs).
    public let routes: [(method: HTTPMethod, pattern: String)]

    init(_ router: Router) throws(RouterError) {
        let rootBuilder = NodeBuilder()
        for route in router.routes {
            var node = rootBuilder
            var names: [String] = []
            let pattern = route.pattern
            guard pattern.hasPrefix("/") else { throw .invalidPattern(pattern: pattern, reason: "must start with /") }
            let segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
            for (i, segment) in segments.enumerated() {
                if segment.hasPrefix(":") || segment.hasPrefix("*") {
                    let name = String(segment.dropFirst())
                    guard !name.isEmpty else { throw .invalidPattern(pattern: pattern, reason: "a parameter needs a name") }
                    guard !names.contains(name) else { throw .invalidPattern(pattern: pattern, reason: "parameter \(name) appears twice") }
                    names.append(name)
                    if segment.hasPrefix("*") {
                        guard i == segments.count - 1 else { throw .invalidPattern(pattern: pattern, reason: "*\(name) must be the last segment") }
                        if node.rest == nil { node.rest = NodeBuilder() }
                        node = node.rest!
                    } else {
                        if node.param == nil { node.param = NodeBuilder() }
                        node = node.param!
                    }
                } else {
                    if let existing = node.literals.first(where: { $0.0 == segment }) {
                        node = existing.1
                    } else {
                        let child = NodeBuilder()
                        node.literals.append((String(segment), child))
                        node = child
                    }
                }
            }
            if node.routes.contains(where: { $0.method == route.method }) {
                throw .duplicateRoute(method: route.method.rawValue, pattern: pattern)
            }
            node.routes.append((route.method, names, route.middleware, route.handler))
        }
        root = Node(rootBuilder, router: router)
        notFound = Responder(
            layers: router.middleware, handler: router.fallback ?? .sync { _ in throw HTTPError.notFound() },
            errors: router.errorRenderer)
        badRequest = Responder(
            layers: router.middleware, handler: .sync { _ in throw HTTPError.badRequest("Malformed request path") },
            errors: router.errorRenderer)
        routes = router.routes.map { ($0.method, $0.pattern) }
    }

    /// Finds the responder for `request` and stores the route parameters in it.
    public func resolve(_ request: inout Request) -> Responder {
        var path = request.path
        if path.utf8.count > 1 && path.utf8.last == UInt8(ascii: "/") { path = path.dropLast() }
        if path.utf8.first == UInt8(ascii: "/") { path = path.dropFirst() }
        var captures: [Substring] = []
        var firstMatch: Node?
        let method = request.method == .HEAD ? HTTPMethod.HEAD : request.method
        guard let (node, index) = search(root, path, path.startIndex, method, &captures, &firstMatch) else {
            if let node = firstMatch {
                return request.method == .OPTIONS ? node.options! : node.notAllowed!
            }
            return notFound
        }
        let names = node.routes[index].2
        if !names.isEmpty {
            var params = Parameters()
            for (name, raw) in zip(names, captures) {
                guard let value = percentDecode(raw) else { return badRequest }
                params.append(name: name, value: value)
            }
            request.params = params
        }
        return node.routes[index].1
    }

    private func search(
        _ node: Node, _ path: Substring, _ start: Substring.Index, _ method: HTTPMethod,
        _ captures: inout [Substring], _ firstMatch: inout Node?
    ) -> (Node, Int)? {
        if start == path.endIndex {
            if let i = methodIndex(node, method) { return (node, i) }
            if !node.routes.isEmpty && firstMatch == nil { firstMatch = node }
            // An empty rest (`/files/` for `/files/*path`).
            if let rest = node.rest {
                captures.append(path[start...])
                if let i = methodIndex(rest, method) { return (rest, i) }
                if !rest.routes.isEmpty && firstMatch == nil { firstMatch = rest }
                captures.removeLast()
            }
            return nil
        }
        let slash = path[start...].firstIndex(of: "/") ?? path.endIndex
        let segment = path[start..<slash]
        let next = slash == path.endIndex ? slash : path.index(after: slash)
        // Edge: a path ending in "/" after dropping (e.g. "a//") leaves an empty final segment.
        for (literal, child) in node.literals where literal == segment {
            if let found = search(child, path, next, method, &captures, &firstMatch) { return found }
        }
        if let param = node.param, !segment.isEmpty {
            captures.append(segment)
            if let found = search(param, path, next, method, &captures, &firstMatch) { return found }
            captures.removeLast()
        }
        if let rest = node.rest {
            captures.append(path[start...])
            if let i = methodIndex(rest, method) { return (rest, i) }
            if !rest.routes.isEmpty && firstMatch == nil { firstMatch = rest }
            captures.removeLast()
        }
        return nil
    }

    @inline(__always)
    private func methodIndex(_ node: Node, _ method: HTTPMethod) -> Int? {
        let routes = node.routes
        var i = 0
        while i < routes.count {
            if routes[i].0 == method { return i }
            i += 1
        }
        if method == .HEAD {
            i = 0
            while i < routes.count {
                if routes[i].0 == .GET { return i }
                i += 1
            }
        }
        return nil
    }
}
