import OmniBase
import OmniSema
import OmniSyntax

/// The handlers of routes that render a page (`get "/users/:id" => page "users/show" {…}`).
///
/// ```swift
/// func omni_route_3(_ request: inout Request, _ db: any SQLExecutor) async -> Response {
///     do {
///         let params = try Omni_Params_3.parse(request)
///         let user = try await omni_query_3_user(db, params)
///         let ctx = Omni_Context_users_show(user: user, id: params.id)
///         let env = RenderEnvironment.page(&request, csrf: false)
///         var out = HTMLWriter(capacity: 4096)
///         omni_render_users_show(&out, ctx, env, layout: !request.isHTMX)
///         return PageResponse.html(&out)
///     } catch let error {
///         return PageResponse.error(error)
///     }
/// }
/// ```
///
/// The request is `inout` because reading the CSRF token creates it in the session on
/// first use (OmniHTTP's `Request.csrfToken()`); the token is read only when the route runs
/// with sessions and its template, layout or partials use `{{csrf_token}}`. A request with
/// `HX-Request: true` gets the page without its layout; every answer says
/// `Vary: HX-Request`. Errors (a bad parameter, a missing row) answer a small HTML page.
struct PageGen {
    let program: ServerProgram
    let sources: SourceMap

    func declarations() -> [SwiftDecl] {
        var decls: [SwiftDecl] = []
        for (index, route) in program.routes.enumerated() {
            guard case .page(let template, let bindings) = route.target else { continue }
            decls.append(.blank)
            decls.append(.function(handler(index, route, template: template, bindings: bindings)))
        }
        if decls.isEmpty { return [] }
        return [.import("OmniApp")] + decls
    }

    /// The reserved locals of a handler; a binding with one of these names gets `omni_`.
    static let reserved: Set<String> = ["request", "db", "params", "ctx", "env", "out", "error"]

    static func local(_ binding: String) -> String { reserved.contains(binding) ? "omni_" + binding : binding }

    func handler(_ index: Int, _ route: CheckedRoute, template path: String, bindings: [CheckedBinding]) -> SwiftFunction {
        let template = program.template(at: path)
        let hasParameters = !route.pathParameters.isEmpty || !route.queryParameters.isEmpty
        var body: [SwiftStmt] = []
        if hasParameters || !bindings.isEmpty {
            body.append(.binding(isVar: false, name: "params", type: nil,
                                 value: .try(.call(.member(.identifier("Omni_Params_\(index)"), "parse"), [SwiftArgument(nil, .identifier("request"))]))))
        }
        for b in bindings {
            let call = SwiftExpr.call(.identifier(ServerNames.bindingQuery(route: index, binding: b.name)),
                                      [SwiftArgument(nil, .identifier("db")), SwiftArgument(nil, .identifier("params"))])
            body.append(.binding(isVar: false, name: Self.local(b.name), type: nil, value: .try(.await(call))))
        }
        let parameterNames = Set(route.pathParameters.map(\.name) + route.queryParameters.map(\.name))
        let bindingNames = Set(bindings.map(\.name))
        let fields = template?.context ?? []
        let args: [SwiftArgument] = fields.compactMap { field in
            if bindingNames.contains(field.name) { return SwiftArgument(field.name, .identifier(Self.local(field.name))) }
            if parameterNames.contains(field.name) { return SwiftArgument(field.name, .member(.identifier("params"), field.name)) }
            return nil  // the checker builds the context from exactly these: not reached
        }
        body.append(.binding(isVar: false, name: "ctx", type: nil, value: .call(.identifier(ServerNames.templateContextType(path)), args)))
        let csrf = runsWithSessions(route) && usesCSRFToken(path)
        body.append(.binding(isVar: false, name: "env", type: nil, value: .call(.member(.identifier("RenderEnvironment"), "page"), [
            SwiftArgument(nil, .prefix("&", .identifier("request"))), SwiftArgument("csrf", .bool(csrf)),
        ])))
        body.append(.binding(isVar: true, name: "out", type: nil, value: .call(.identifier("HTMLWriter"), [
            SwiftArgument("capacity", .integer(capacity(path))),
        ])))
        body.append(.expr(.call(.identifier(ServerNames.templateRenderFunction(path)), [
            SwiftArgument(nil, .prefix("&", .identifier("out"))), SwiftArgument(nil, .identifier("ctx")),
            SwiftArgument(nil, .identifier("env")), SwiftArgument("layout", .prefix("!", .member(.identifier("request"), "isHTMX"))),
        ])))
        body.append(.return(.call(.member(.identifier("PageResponse"), "html"), [SwiftArgument(nil, .prefix("&", .identifier("out")))])))
        if hasParameters || !bindings.isEmpty {
            body = [.doCatch(body, catchName: "error", [
                .return(.call(.member(.identifier("PageResponse"), "error"), [SwiftArgument(nil, .identifier("error"))])),
            ])]
        }
        let line = sources[route.file]?.location(of: Int(route.span.start)).line ?? 1
        let path = sources[route.file]?.path ?? "routes"
        return SwiftFunction(
            name: ServerNames.routeHandler(index), access: nil,
            params: [SwiftParam(nil, "request", .inout(.named("Request"))), SwiftParam(nil, "db", .named("any SQLExecutor"))],
            returns: .named("Response"), isAsync: true, body: body,
            doc: "`\(route.verb.rawValue.uppercased()) \(route.path)`: renders `\(template?.path ?? path)`.",
            note: SourceNote(path: path, line: line))
    }

    /// Whether the route's pipelines load a session (without one there is no token to read).
    func runsWithSessions(_ route: CheckedRoute) -> Bool {
        route.pipelines.contains { name in
            program.pipeline(named: name)?.plugs.contains { plug in
                if case .session = plug { return true }
                if case .auth(.session) = plug { return true }
                return false
            } ?? false
        }
    }

    /// Whether the template, its layout or any partial they include reads `{{csrf_token}}`.
    func usesCSRFToken(_ path: String) -> Bool {
        var seen: Set<String> = []
        var pending = [path]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let t = program.template(at: next) else { continue }
            if t.roots.values.contains(.global(.csrfToken)) { return true }
            var found = false
            TemplateWalk.items(t.ast.items) { item in
                if case .partial(let p) = item.kind { pending.append(p.path) }
            } expression: { e in
                if case .path(let p) = e.kind, !p.isThis, p.segments.first?.name == TemplateGlobal.csrfToken.rawValue,
                   t.roots[e.id] == nil {
                    found = true
                }
            }
            if found { return true }
            if let layout = t.layout { pending.append(layout) }
        }
        return false
    }

    /// The writer's starting capacity: twice the static HTML of the page and its layout,
    /// rounded up to a power of two (at least 1 KiB), so most renders never reallocate.
    func capacity(_ path: String) -> Int {
        var bytes = 0
        var paths = [path]
        if let layout = program.template(at: path)?.layout { paths.append(layout) }
        for p in paths {
            guard let t = program.template(at: p) else { continue }
            TemplateWalk.items(t.ast.items) { item in
                if case .text(let s) = item.kind { bytes += s.utf8.count }
            } expression: { _ in }
        }
        var capacity = 1024
        while capacity < bytes * 2 && capacity < 1 << 20 { capacity *= 2 }
        return capacity
    }
}
