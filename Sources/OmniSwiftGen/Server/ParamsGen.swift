import OmniBase
import OmniSema
import OmniSyntax

/// Route parameters: for the route at index `i` of `ServerProgram.routes`,
/// `struct Omni_Params_<i>` with its path parameters then its query parameters, typed, and
/// `static func parse(_ request: Request) throws(OmniAPIError) -> Omni_Params_<i>`, which
/// reads them all and throws 400 listing every bad or missing one. A query parameter with a
/// default takes it when absent; an optional one is nil when absent or empty.
public enum ParamsGen {
    /// The name of the parameters struct of the route at `index`.
    public static func typeName(route index: Int) -> String { ServerNames.typePrefix + "Params_\(index)" }

    public static func declarations(_ program: ServerProgram, sources: SourceMap?) -> [SwiftDecl] {
        var decls: [SwiftDecl] = []
        for (index, route) in program.routes.enumerated() {
            decls.append(params(route, index: index, program: program, sources: sources))
            decls.append(.blank)
        }
        if decls.last == .blank { decls.removeLast() }
        return decls
    }

    static func params(_ route: CheckedRoute, index: Int, program: ServerProgram, sources: SourceMap?) -> SwiftDecl {
        let name = typeName(route: index)
        var members: [SwiftDecl] = []
        var reads: [SwiftStmt] = []
        var unwraps: [SwiftStmt] = []
        var fields: [String] = []
        let reader = SwiftExpr.identifier("reader")
        let invalid = SwiftStmt.throw(G.call(.member(.identifier("OmniAPIError"), "badRequest"), [(nil, .string("Invalid parameters"))]))
        for p in route.pathParameters {
            let type = ServerSwiftTypes.swiftType(p.type.unwrapped)
            members.append(.property(SwiftProperty(name: p.name, isVar: true, type: type, doc: "Path parameter `:\(p.name)`.")))
            reads.append(G.letStmt(p.name, G.call(.member(reader, "path"), [(nil, .string(p.name)), (nil, .typeReference(type))])))
            unwraps.append(.guard(.letBinding(p.name, .identifier(p.name)), else: [invalid]))
            fields.append(p.name)
        }
        for q in route.queryParameters {
            let valueType = ServerSwiftTypes.swiftType(q.type.unwrapped)
            let propertyType = q.type.isOptional ? SwiftType.optional(valueType) : valueType
            members.append(.property(SwiftProperty(name: q.name, isVar: true, type: propertyType,
                                                   doc: "Query parameter `\(q.name)`.", note: sourceNote(q.span, sources))))
            var args: [(String?, SwiftExpr)] = [(nil, .string(q.name)), (nil, .typeReference(valueType))]
            let defaultExpr = q.defaultValue.map { defaultValue($0, type: q.type.unwrapped) }
            if q.type.isOptional {
                if let defaultExpr { args.append(("default", defaultExpr)) }
                reads.append(G.letStmt(q.name, G.call(.member(reader, "optionalQuery"), args)))
            } else {
                args.append(("default", defaultExpr ?? .nil))
                reads.append(G.letStmt(q.name, G.call(.member(reader, "query"), args)))
                unwraps.append(.guard(.letBinding(q.name, .identifier(q.name)), else: [invalid]))
            }
            fields.append(q.name)
        }
        var body: [SwiftStmt] = []
        if !reads.isEmpty {
            body.append(G.varStmt("reader", G.call("OmniParamReader", [(nil, .identifier("request"))])))
            body += reads
            body.append(.expr(.try(G.call(.member(reader, "finish")))))
            body += unwraps
        }
        body.append(.return(G.call(name, fields.map { ($0, SwiftExpr.identifier($0)) })))
        var parse = SwiftFunction(name: "parse", isStatic: true, params: [SwiftParam(nil, "request", .named("Request"))],
                                  returns: .named(name), throws: true, body: body,
                                  doc: "Reads every parameter; 400 listing each bad or missing one.")
        parse.thrownType = .named("OmniAPIError")
        if !members.isEmpty { members.append(.blank) }
        members.append(.function(parse))
        return .struct(SwiftTypeDecl(
            name: name, conformances: ["Sendable", "Hashable"], members: members,
            doc: "The parameters of `\(route.verb.rawValue.uppercased()) \(route.path)`.", note: sourceNote(route.span, sources)))
    }

    /// A query parameter's default as a Swift value of type `type` (or `T?`, which the
    /// reader accepts: `OmniDate(text:)` is optional).
    static func defaultValue(_ d: DefaultValue, type: ServerType) -> SwiftExpr {
        switch (d, type) {
        case (.integer(let i), .scalar(.float)): return .double(Double(i))
        case (.integer(let i), _): return .integer(Int(i))
        case (.float(let f), _): return .double(f)
        case (.string(let s), .scalar(.date)): return G.call("OmniDate", [("text", .string(s))])
        case (.string(let s), .scalar(.datetime)): return G.call("Date", [("text", .string(s))])
        case (.string(let s), .scalar(.uuid)): return G.call("UUID", [("uuidString", .string(s))])
        case (.string(let s), .scalar(.json)): return G.call("JSONValue", [("parsing", .string(s))])
        case (.string(let s), .enumeration(let e)): return G.call(ServerNames.enumType(e), [("rawValue", .string(s))])
        case (.string(let s), _): return .string(s)
        case (.bool(let b), _): return .bool(b)
        case (.null, _): return .nil
        case (.enumCase(let c), .enumeration(let e)): return .member(.identifier(ServerNames.enumType(e)), c)
        case (.enumCase(let c), _): return .string(c)
        case (.now, .scalar(.date)): return G.call("OmniDate", [(nil, G.call(.member(.identifier("OmniTime"), "now")))])
        case (.now, _): return G.call(.member(.identifier("OmniTime"), "now"))
        case (.uuid, _): return G.call("UUID")
        }
    }
}
