import OmniBase
import OmniSyntax

/// Checks over the whole flattened route table: duplicate routes (E0441), routes the runtime
/// router can never reach (W0520), plugs that need `session` (E0438) and plugs a route runs
/// twice (W0522).
extension RoutesChecker {
    /// A path segment as the router sees it: parameter names do not matter.
    enum ShapeSegment: Hashable { case literal(String), parameter, rest }

    static func shape(_ segments: [PathSegmentKind]) -> [ShapeSegment] {
        segments.map {
            switch $0 {
            case .literal(let s): .literal(s)
            case .parameter: .parameter
            case .splat: .rest
            }
        }
    }

    private func describe(_ i: Int) -> String {
        let r = routes[i]
        let route = "`\(r.verb.method) \(r.path)`"
        return sites[i].action.map { "\(route) (the `\($0.rawValue)` action)" } ?? route
    }

    mutating func checkRouteTable() {
        checkDuplicates()
        checkUnreachable()
        checkPlugOrder()
    }

    // MARK: Duplicates

    private mutating func checkDuplicates() {
        var first: [String: Int] = [:]
        // (later item, first item) → the routes both declare, in order.
        var clashes: [(later: Int, first: Int, routes: [Int])] = []
        for (i, r) in routes.enumerated() {
            let key = r.verb.method + " " + Self.shape(r.segments).map { s in
                switch s { case .literal(let l): "=" + l; case .parameter: ":"; case .rest: "*" }
            }.joined(separator: "/")
            guard let j = first[key] else { first[key] = i; continue }
            if let k = clashes.firstIndex(where: { sites[$0.later].span == sites[i].span && sites[$0.first].span == sites[j].span }) {
                clashes[k].routes.append(i)
            } else {
                clashes.append((i, j, [i]))
            }
        }
        for clash in clashes {
            let later = sites[clash.later], earlier = sites[clash.first]
            let listed = clash.routes.map { "`\(routes[$0].verb.method) \(routes[$0].path)`" }.joined(separator: ", ")
            let plural = clash.routes.count > 1
            var d = Diagnostic(
                .error, "E0441", "duplicate route\(plural ? "s" : "") \(listed)", at: later.verbSpan,
                label: plural ? "these routes are already declared" : "\(describe(clash.routes[0])) is already declared",
                labels: [Label(earlier.verbSpan, "first declared here as \(describe(clash.first))")],
                notes: ["parameter names do not matter: `/users/:id` and `/users/:name` match the same requests"])
            if later.action != nil {
                let actions = clash.routes.compactMap { sites[$0].action?.rawValue }
                var unique: [String] = []
                for a in actions where !unique.contains(a) { unique.append(a) }
                d = d.helping("leave the action\(unique.count > 1 ? "s" : "") out with `except: [\(unique.joined(separator: ", "))]`, or remove the other route")
            } else {
                d = d.helping("remove one of them, or give one of them another path")
            }
            diagnostics.append(d)
        }
    }

    // MARK: Unreachable routes

    /// A route can only be unreachable when it ends in `*rest`: the runtime router tries, at
    /// each segment, literal text, then a `:param`, then `*rest` (backtracking, whatever the
    /// declaration order; `Runtime/Sources/OmniHTTP/Routing/Dispatcher.swift`). So a `*rest`
    /// route under prefix P never matches when another route answers P itself and the
    /// `:param` routes under P answer every longer path.
    private mutating func checkUnreachable() {
        for (i, r) in routes.enumerated() {
            let shape = Self.shape(r.segments)
            guard shape.last == .rest else { continue }
            var others: Set<[ShapeSegment]> = []
            for (j, o) in routes.enumerated() where j != i && o.verb == r.verb {
                let s = Self.shape(o.segments)
                if s != shape { others.insert(s) }
            }
            let prefix = Array(shape.dropLast())
            let longest = others.map(\.count).max() ?? 0
            guard others.contains(prefix), covers(prefix + [.parameter], others, limit: longest) else { continue }
            var labels: [Label] = []
            for (j, o) in routes.enumerated() where j != i && o.verb == r.verb {
                let s = Self.shape(o.segments)
                if s == prefix || (s.count > prefix.count && Array(s.prefix(prefix.count + 1)) == prefix + [.parameter]) {
                    if !labels.contains(where: { $0.span == sites[j].verbSpan }) {
                        labels.append(Label(sites[j].verbSpan, "\(describe(j)) answers some of its paths"))
                    }
                }
            }
            diagnostics.append(Diagnostic(
                .warning, "W0520", "\(describe(i)) can never match", at: sites[i].verbSpan,
                label: "every path it matches is answered by another route", labels: labels,
                notes: ["the router tries literal segments first, then `:params`, then `*rest`, whatever the order of the routes"],
                help: ["remove this route, or remove the routes that answer its paths"]))
        }
    }

    /// True when the routes `others` answer every path (empty or not) below `node`.
    private func covers(_ node: [ShapeSegment], _ others: Set<[ShapeSegment]>, limit: Int) -> Bool {
        guard node.count <= limit else { return false }
        let rest = others.contains(node + [.rest])
        return (others.contains(node) || rest) && (rest || covers(node + [.parameter], others, limit: limit))
    }

    // MARK: Plugs along a route

    private mutating func checkPlugOrder() {
        var reported: Set<Span> = []
        var repeated: Set<[Span]> = []
        for (i, r) in routes.enumerated() {
            var chain: [(pipeline: String, plug: Plug, checked: CheckedPlug?)] = []
            for name in r.pipelines { for p in pipelineTable[name]?.plugs ?? [] { chain.append((name, p.plug, p.checked)) } }
            let session = chain.firstIndex { $0.plug.kind == .session }
            for (k, link) in chain.enumerated() {
                let needsSession = link.plug.kind == .csrf || link.checked == .auth(.session)
                if needsSession, session.map({ $0 > k }) ?? true, !reported.contains(link.plug.span) {
                    reported.insert(link.plug.span)
                    let what = link.plug.kind == .csrf ? "csrf" : "auth(session)"
                    if let s = session {
                        diagnostics.append(Diagnostic(
                            .error, "E0438", "`\(what)` runs before `session`, which it needs", at: link.plug.span,
                            label: "runs first", labels: [Label(chain[s].plug.span, "`session` runs after it"), Label(sites[i].verbSpan, "for \(describe(i))")],
                            notes: ["`\(what)` reads the session that the `session` plug loads"],
                            help: ["list `session` before `\(what)` (pipelines run outermost scope first, each in order)"]))
                    } else {
                        diagnostics.append(Diagnostic(
                            .error, "E0438", "`\(what)` needs the `session` plug, but \(describe(i)) runs without it", at: link.plug.span,
                            label: "needs `session`", labels: [Label(sites[i].verbSpan, "this route has no `session` plug")],
                            notes: [link.plug.kind == .csrf ? "the CSRF token is kept in the signed session cookie" : "the signed-in user is kept in the session"],
                            help: ["add `session` before `\(what)` in the pipeline `\(link.pipeline)`"],
                            fixes: [.insert("session, ", at: link.plug.span, "add `session` before it")]))
                    }
                }
                // A plug without arguments (or `auth`) twice along one route is a mistake.
                guard let kind = link.plug.kind, kind != .cors, kind != .rateLimit else { continue }
                if let j = chain[..<k].firstIndex(where: { $0.plug.kind == kind }), chain[j].plug.span != link.plug.span,
                   !repeated.contains([chain[j].plug.span, link.plug.span]) {
                    repeated.insert([chain[j].plug.span, link.plug.span])
                    diagnostics.append(Diagnostic(
                        .warning, "W0522", "\(describe(i)) runs `\(kind.rawValue)` twice", at: link.plug.span,
                        label: "runs again here (pipeline `\(link.pipeline)`)",
                        labels: [Label(chain[j].plug.span, "first runs here (pipeline `\(chain[j].pipeline)`)")],
                        notes: ["a route runs the pipelines of its scopes, outermost first"],
                        help: ["remove it from one of the two pipelines"]))
                }
            }
        }
    }
}
