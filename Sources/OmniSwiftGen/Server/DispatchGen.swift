import OmniBase
import OmniSema
import OmniSyntax

/// The compiled route dispatch of the generated app (`Sources/App/Dispatch.swift`):
///
/// - one `omni_pipeline_<name>(_ app: AppContext) -> [Middleware]` per pipeline, each plug
///   mapped to the runtime's middleware (`logger` → `.accessLog`, `session` → `.sessions`,
///   `csrf`, `htmx`, `json` → `.jsonAPI`, `cors`, `auth(…)` → the app's bearer/basic/session
///   check, `rate_limit` → `.rateLimit` with one limiter per pipeline, `gzip` → `.compression`,
///   `secure_headers` → `.securityHeaders`);
/// - `omni_router(_ app: AppContext) -> Router`: every route of `ServerProgram.routes`
///   registered with its pipelines (outermost first) and its handler — `omni_route_<i>` for
///   pages and JSON, `omni_resource_<Entity>_<action>` for resources, each
///   `(Request, any SQLExecutor) async -> Response` and closed over the app's storage;
///   redirects are answered here (303); `/_omni/*path` serves the web assets and the
///   fallback serves `public/` (ETag, 304). Errors under the paths of `json` pipelines use
///   the uniform JSON body, 404 and 405 included.
enum DispatchGen {
    static func file(program: ServerProgram, sources: SourceMap) -> SwiftFile {
        var decls: [SwiftDecl] = [.import("OmniApp"), .blank]
        for pipeline in program.pipelines {
            decls.append(pipelineFunction(pipeline, sources: sources))
            decls.append(.blank)
        }
        decls.append(router(program, sources: sources))
        return SwiftFile(path: "Sources/App/Dispatch.swift", header: "The route table: every route with its pipelines, static files and web assets.",
                         declarations: decls)
    }

    // MARK: - Pipelines

    /// `func omni_pipeline_api(_ app: AppContext) -> [Middleware] { [.accessLog(app.logger), …] }`.
    static func pipelineFunction(_ pipeline: CheckedPipeline, sources: SourceMap) -> SwiftDecl {
        .function(SwiftFunction(
            name: ServerNames.pipeline(pipeline.name), access: nil, params: [SwiftParam("_", "app", .named("AppContext"))],
            returns: .array(.named("Middleware")),
            body: [.return(.array(pipeline.plugs.map(middleware)))],
            doc: "pipeline \(pipeline.name) { \(pipeline.plugs.map(plugSource).joined(separator: ", ")) }",
            note: ServerGenerator.note(pipeline.span, sources)))
    }

    /// The runtime middleware of one plug.
    static func middleware(_ plug: CheckedPlug) -> SwiftExpr {
        let app = SwiftExpr.identifier("app")
        switch plug {
        case .logger: return .call(.implicitMember("accessLog"), [SwiftArgument(nil, .member(app, "logger"))])
        case .session: return .call(.implicitMember("sessions"), [SwiftArgument(nil, .member(app, "sessions"))])
        case .csrf: return .call(.implicitMember("csrf"), [])
        case .htmx: return .implicitMember("htmx")
        case .json: return .implicitMember("jsonAPI")
        case .gzip: return .call(.implicitMember("compression"), [])
        case .secureHeaders: return .call(.implicitMember("securityHeaders"), [])
        case .cors(let origins):
            let allowed: SwiftExpr = origins.isEmpty
                ? .implicitMember("any") : .call(.implicitMember("list"), [SwiftArgument(nil, .array(origins.map { .string($0) }))])
            return .call(.implicitMember("cors"), [SwiftArgument(nil, .call(.identifier("CORSConfiguration"), [SwiftArgument("allowedOrigins", allowed)]))])
        case .auth(let scheme):
            let method = switch scheme {
            case .bearer: "bearerAuth"
            case .basic: "basicAuth"
            case .session: "sessionAuth"
            }
            return .call(.member(app, method), [])
        case .rateLimit(let limit, let seconds):
            let limiter = SwiftExpr.call(.identifier("RateLimiter"), [
                SwiftArgument("capacity", .integer(limit)),
                SwiftArgument("refillPerSecond", .binary(.double(Double(limit)), "/", .double(Double(seconds)))),
            ])
            return .call(.implicitMember("rateLimit"), [SwiftArgument(nil, limiter)])
        }
    }

    /// The plug as written in `<routes>`, for the pipeline's doc comment.
    static func plugSource(_ plug: CheckedPlug) -> String {
        switch plug {
        case .logger: "logger"
        case .session: "session"
        case .csrf: "csrf"
        case .htmx: "htmx"
        case .json: "json"
        case .gzip: "gzip"
        case .secureHeaders: "secure_headers"
        case .cors(let origins): origins.isEmpty ? "cors" : "cors(\(origins.map { "\"\($0)\"" }.joined(separator: ", ")))"
        case .auth(let scheme): "auth(\(scheme.rawValue))"
        case .rateLimit(let limit, let seconds):
            "rate_limit(\(limit), per: \(seconds == 1 ? "second" : seconds == 60 ? "minute" : seconds == 3600 ? "hour" : "\(seconds)s"))"
        }
    }

    // MARK: - The router

    static func router(_ program: ServerProgram, sources: SourceMap) -> SwiftDecl {
        let app = SwiftExpr.identifier("app")
        let router = SwiftExpr.identifier("router")
        var body: [SwiftStmt] = []
        if program.routes.contains(where: { needsStorage($0.target) }) {
            body.append(.binding(isVar: false, name: "db", type: nil, value: .member(app, "storage")))
        }
        body.append(.binding(isVar: true, name: "router", type: nil, value: .call(.identifier("Router"), [
            SwiftArgument("middleware", .array([.call(.implicitMember("requestID"), [])])),
            SwiftArgument("errorRenderer", .call(.implicitMember("app"), [
                SwiftArgument("jsonPrefixes", .array(jsonPrefixes(program).map { .string($0) })),
            ])),
        ])))
        // One middleware list per pipeline in use, so a pipeline's rate limiter is shared by its routes.
        var used: [String] = []
        for route in program.routes {
            for name in route.pipelines where !used.contains(name) && program.pipeline(named: name) != nil { used.append(name) }
        }
        for name in used {
            body.append(.binding(isVar: false, name: stackName(name), type: nil,
                                 value: .call(.identifier(ServerNames.pipeline(name)), [SwiftArgument(nil, app)])))
        }
        for (index, route) in program.routes.enumerated() {
            body.append(.blank)
            body.append(.note(ServerGenerator.note(route.span, sources)))
            var args: [SwiftArgument] = [SwiftArgument(nil, .string(route.path))]
            let stacks = route.pipelines.filter { program.pipeline(named: $0) != nil }.map { SwiftExpr.identifier(stackName($0)) }
            if let first = stacks.first {
                args.append(SwiftArgument("middleware", stacks.dropFirst().reduce(first) { .binary($0, "+", $1) }))
            }
            args.append(SwiftArgument(nil, handler(route, index: index)))
            body.append(.expr(.call(.member(router, route.verb.rawValue), args)))
        }
        body += [
            .blank,
            .comment("The web assets (WASM modules, omni.js) under /_omni/, then the files of public/."),
            .expr(.call(.member(router, "get"), [SwiftArgument(nil, .string("/_omni/*path")), SwiftArgument(nil, .member(app, "webFiles"))])),
            .assign(.member(router, "fallback"), .member(app, "publicFiles")),
            .return(router),
        ]
        return .function(SwiftFunction(
            name: "omni_router", access: nil, params: [SwiftParam("_", "app", .named("AppContext"))], returns: .named("Router"),
            body: body, doc: "The route table of the app, built once at start-up over the opened storage."))
    }

    /// The local holding a pipeline's middleware inside `omni_router`.
    static func stackName(_ pipeline: String) -> String { ServerNames.valuePrefix + "stack_" + pipeline }

    static func needsStorage(_ target: CheckedTarget) -> Bool {
        if case .redirect = target { return false }
        return true
    }

    /// The route's handler: a call of the generated handler over the storage, or a redirect.
    static func handler(_ route: CheckedRoute, index: Int) -> SwiftExpr {
        // Page handlers take the request `inout` (reading the CSRF token may store it in the
        // session) and answer errors as HTML pages themselves; JSON and REST handlers take it
        // by value and throw `HTTPError`s, which the JSON error renderer turns into the uniform body.
        let call: SwiftExpr
        switch route.target {
        case .page:
            call = .await(.call(.identifier(ServerNames.routeHandler(index)),
                                [SwiftArgument(nil, .prefix("&", .identifier("request"))), SwiftArgument(nil, .identifier("db"))]))
        case .json:
            call = .try(.await(.call(.identifier(ServerNames.routeHandler(index)),
                                     [SwiftArgument(nil, .identifier("request")), SwiftArgument(nil, .identifier("db"))])))
        case .resource(let entity, let action):
            call = .try(.await(.call(.identifier(ServerNames.resourceHandler(entity: entity, action: action)),
                                     [SwiftArgument(nil, .identifier("request")), SwiftArgument(nil, .identifier("db"))])))
        case .redirect(let to, let isURL): return redirect(to: to, isURL: isURL, route: route)
        }
        return .call(.implicitMember("async"), [], trailingClosure: SwiftClosure(params: ["request"], body: [.expr(call)]))
    }

    /// `redirect "/users/:id"`: a 303 to the path with the route's parameters substituted
    /// (percent-encoded); `redirect "https://…"` and parameterless paths are constant.
    static func redirect(to: String, isURL: Bool, route: CheckedRoute) -> SwiftExpr {
        var parts: [SwiftInterpolationPart] = []
        var text = ""
        var hasParameter = false
        if !isURL {
            let params = Set(route.segments.compactMap { segment -> String? in
                switch segment {
                case .parameter(let id), .splat(let id): id.name
                case .literal: nil
                }
            })
            for (i, segment) in to.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
                if i > 0 { text += "/" }
                let name = String(segment.dropFirst())
                if (segment.hasPrefix(":") || segment.hasPrefix("*")) && params.contains(name) {
                    if !text.isEmpty { parts.append(.text(text)); text = "" }
                    let encode = segment.hasPrefix("*") ? "rest" : "segment"
                    let value = SwiftExpr.subscript(.member(.identifier("request"), "params"), [SwiftArgument(nil, .string(name))])
                    parts.append(.expr(.call(.member(.identifier("AppPath"), encode), [SwiftArgument(nil, value)])))
                    hasParameter = true
                } else {
                    text += segment
                }
            }
            if !text.isEmpty { parts.append(.text(text)) }
        }
        guard hasParameter else {
            return .call(.implicitMember("constant"), [SwiftArgument(nil, .call(.implicitMember("redirect"), [SwiftArgument("to", .string(to))]))])
        }
        return .call(.implicitMember("sync"), [], trailingClosure: SwiftClosure(params: ["request"], body: [
            .expr(.call(.member(.identifier("Response"), "redirect"), [SwiftArgument("to", .interpolated(parts))])),
        ]))
    }

    /// The paths whose errors are always JSON: the first literal segment of every route that
    /// runs through a pipeline with the `json` plug (`/api` for `/api/v1/posts`).
    static func jsonPrefixes(_ program: ServerProgram) -> [String] {
        var prefixes: Set<String> = []
        for route in program.routes {
            let isJSON = route.pipelines.contains { name in program.pipeline(named: name)?.plugs.contains(.json) ?? false }
            guard isJSON, case .literal(let first)? = route.segments.first else { continue }
            prefixes.insert("/" + first)
        }
        return prefixes.sorted()
    }
}
