import OmniBase
import OmniSema
import OmniSyntax

/// JSON routes (`get "/stats" => json { users: User.count(), … }`): for the route at index
/// `i`, `omni_route_<i>(_ request: Request, _ db: any SQLExecutor) async throws(HTTPError) -> Response`
/// parses `Omni_Params_<i>`, runs each binding's query (`omni_query_<i>_<name>`) in order and
/// answers one object with the bindings as keys, in declaration order. A `find` that matches
/// nothing is 404; bad parameters 400; every error the uniform body.
public enum JSONRouteGen {
    public static func declarations(_ program: ServerProgram, sources: SourceMap?) -> [SwiftDecl] {
        var decls: [SwiftDecl] = []
        for (index, route) in program.routes.enumerated() {
            guard case .json(let bindings) = route.target else { continue }
            decls.append(handler(route, index: index, bindings: bindings, sources: sources))
            decls.append(.blank)
        }
        if decls.last == .blank { decls.removeLast() }
        return decls
    }

    static func handler(_ route: CheckedRoute, index: Int, bindings: [CheckedBinding], sources: SourceMap?) -> SwiftDecl {
        let parse = SwiftExpr.try(G.call(.member(.identifier(ParamsGen.typeName(route: index)), "parse"), [(nil, .identifier("request"))]))
        var body: [SwiftStmt] = [bindings.isEmpty ? .assign(.identifier("_"), parse) : G.letStmt("params", parse)]
        for b in bindings {
            body.append(G.letStmt("value_\(b.name)", G.tryAwait(G.call(QueryGen.functionName(route: index, binding: b.name), [
                (nil, .identifier("db")), (nil, .identifier("params")),
            ]))))
        }
        let w = SwiftExpr.identifier("w")
        body.append(G.varStmt("w", G.call("OmniJSONWriter")))
        body.append(.expr(G.call(.member(w, "beginObject"))))
        for b in bindings {
            body.append(.expr(G.call(.member(w, "field"), [(nil, .string(b.name)), (nil, .identifier("value_\(b.name)"))])))
        }
        body.append(.expr(G.call(.member(w, "endObject"))))
        body.append(.return(G.call(.member(w, "response"))))
        var f = SwiftFunction(
            name: ServerNames.routeHandler(index),
            params: [SwiftParam(nil, "request", .named("Request")), SwiftParam(nil, "db", .named("any SQLExecutor"))],
            returns: .named("Response"), isAsync: true, throws: true,
            body: [.doCatch(body, catchName: "error", [
                .throw(.member(G.call(.member(.identifier("OmniAPIError"), "from"), [(nil, .identifier("error"))]), "httpError")),
            ])],
            doc: "`\(route.verb.rawValue.uppercased()) \(route.path)` → JSON.", note: sourceNote(route.span, sources))
        f.thrownType = .named("HTTPError")
        return .function(f)
    }
}
