import OmniBase

// The AST of a `<routes>` block (docs/LANGUAGE.md, "Schemas and routes"; Grammar/routes.ebnf):
// pipelines, scopes, routes, resources and the small query language of page contexts.
// Syntax only: pipeline, entity, field and parameter names are resolved by the checker.

/// The items of one `<routes>` block.
public struct RoutesBlock: Hashable, Sendable {
    public var items: [RouteItem]
    /// The block's body (between `<routes>` and `</routes>`).
    public var span: Span
    public init(items: [RouteItem], span: Span) { self.items = items; self.span = span }
}

/// One item of a `<routes>` block or of a scope.
public struct RouteItem: Hashable, Sendable {
    public var id: NodeID
    public var kind: RouteItemKind
    public var span: Span
    public init(id: NodeID, kind: RouteItemKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public enum RouteItemKind: Hashable, Sendable {
    /// `pipeline api { logger, json, auth(bearer) }`.
    case pipeline(PipelineDecl)
    /// `scope "/api/v1" through api { … }`.
    case scope(ScopeDecl)
    /// `get "/users/:id" => page "users/show" { user: User.find(id) }`.
    case route(RouteDecl)
    /// `resources "/posts" => Post except: [delete]`.
    case resources(ResourcesDecl)
    /// Text that could not be read as an item (an error was reported): `gte "/" => …`.
    case error
}

/// `pipeline browser { logger, session, csrf, htmx }`.
public struct PipelineDecl: Hashable, Sendable {
    public var name: Identifier
    public var plugs: [Plug]
    public var openBrace: Span?
    /// Nil when the `}` is missing (an error was reported).
    public var closeBrace: Span?
    public init(name: Identifier, plugs: [Plug], openBrace: Span?, closeBrace: Span?) {
        self.name = name; self.plugs = plugs; self.openBrace = openBrace; self.closeBrace = closeBrace
    }
}

/// One middleware of a pipeline: `logger`, `auth(bearer)`, `rate_limit(100, per: minute)`.
public struct Plug: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    /// The plug the name stands for; nil when it is unknown (an error was reported).
    public var kind: PlugKind?
    /// The arguments inside `( … )`; nil when there are no parentheses.
    public var arguments: [PlugArgument]?
    public var span: Span
    public init(id: NodeID, name: Identifier, kind: PlugKind?, arguments: [PlugArgument]?, span: Span) {
        self.id = id; self.name = name; self.kind = kind; self.arguments = arguments; self.span = span
    }
}

/// The closed set of built-in plugs (the runtime's middleware).
public enum PlugKind: String, Hashable, Sendable, CaseIterable {
    /// `logger` — one log line per request (method, path, status, time).
    case logger
    /// `session` — a signed-cookie session.
    case session
    /// `csrf` — CSRF tokens on unsafe methods (needs `session`).
    case csrf
    /// `htmx` — `HX-Request` fragments without their layout, `Vary: HX-Request`.
    case htmx
    /// `json` — JSON request bodies and the uniform JSON error body.
    case json
    /// `cors` or `cors("https://a.example", …)` — CORS headers for the given origins (all without arguments).
    case cors
    /// `auth(bearer)`, `auth(session)`, `auth(basic)` — requires an authenticated user (401 otherwise).
    case auth
    /// `rate_limit(100, per: minute)` — a token bucket per client (429 when empty); `per:` is `second`, `minute` or `hour`.
    case rateLimit = "rate_limit"
    /// `gzip` — compresses responses the client accepts compressed.
    case gzip
    /// `secure_headers` — HSTS, `X-Content-Type-Options`, frame and referrer policies.
    case secureHeaders = "secure_headers"
}

/// One argument of a plug: `100`, `per: minute`.
public struct PlugArgument: Hashable, Sendable {
    /// The `per` of `per: minute`; nil for a positional argument.
    public var label: Identifier?
    public var value: Literal
    public var span: Span
    public init(label: Identifier?, value: Literal, span: Span) { self.label = label; self.value = value; self.span = span }
}

/// `scope "/admin" through browser, admin { … }` — a path prefix and pipelines shared by its items.
public struct ScopeDecl: Hashable, Sendable {
    public var path: RoutePath
    /// The pipeline names after `through`, in order.
    public var pipelines: [Identifier]
    public var items: [RouteItem]
    public var openBrace: Span?
    public var closeBrace: Span?
    public init(path: RoutePath, pipelines: [Identifier], items: [RouteItem], openBrace: Span?, closeBrace: Span?) {
        self.path = path; self.pipelines = pipelines; self.items = items; self.openBrace = openBrace; self.closeBrace = closeBrace
    }
}

/// `get "/users/search" (q: string, page: int = 1) => page "users/_results" { … }`.
public struct RouteDecl: Hashable, Sendable {
    public var verb: HTTPVerb
    /// The verb keyword.
    public var verbSpan: Span
    public var path: RoutePath
    /// The query-string parameters declared in `( … )` after the path.
    public var queryParameters: [QueryParameter]
    public var target: RouteTarget
    public init(verb: HTTPVerb, verbSpan: Span, path: RoutePath, queryParameters: [QueryParameter], target: RouteTarget) {
        self.verb = verb; self.verbSpan = verbSpan; self.path = path; self.queryParameters = queryParameters; self.target = target
    }
}

/// The HTTP methods a route can answer (`HEAD` is answered by every `get` route).
public enum HTTPVerb: String, Hashable, Sendable, CaseIterable {
    case get, post, put, patch, delete

    /// The method as sent on the wire: `GET`.
    public var method: String { rawValue.uppercased() }
}

/// A route path, the string literal `"/users/:id/*rest"` split into segments.
public struct RoutePath: Hashable, Sendable {
    /// The text between the quotes.
    public var text: String
    public var segments: [PathSegment]
    /// The whole string literal, quotes included.
    public var span: Span
    public init(text: String, segments: [PathSegment], span: Span) { self.text = text; self.segments = segments; self.span = span }

    /// The names of the `:param` and `*splat` segments, in order.
    public var parameterNames: [Identifier] {
        segments.compactMap {
            switch $0.kind {
            case .parameter(let name), .splat(let name): name
            case .literal: nil
            }
        }
    }
}

/// One `/`-separated segment of a path; `"/"` alone has none.
public struct PathSegment: Hashable, Sendable {
    public var kind: PathSegmentKind
    /// The segment's text, without its leading `/`.
    public var span: Span
    public init(kind: PathSegmentKind, span: Span) { self.kind = kind; self.span = span }
}

public enum PathSegmentKind: Hashable, Sendable {
    /// Text matched exactly: the `users` of `/users/:id`.
    case literal(String)
    /// `:id` — one segment, bound to a parameter.
    case parameter(Identifier)
    /// `*rest` — the rest of the path (always the last segment).
    case splat(Identifier)
}

/// A query-string parameter of a route: the `q: string` of `get "/users/search" (q: string)`.
public struct QueryParameter: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    /// A scalar type, optionally `?`.
    public var type: FieldType
    public var defaultValue: Literal?
    public var span: Span
    public init(id: NodeID, name: Identifier, type: FieldType, defaultValue: Literal?, span: Span) {
        self.id = id; self.name = name; self.type = type; self.defaultValue = defaultValue; self.span = span
    }
}

/// What a route does: the part after `=>`.
public struct RouteTarget: Hashable, Sendable {
    public var id: NodeID
    public var kind: RouteTargetKind
    public var span: Span
    public init(id: NodeID, kind: RouteTargetKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public enum RouteTargetKind: Hashable, Sendable {
    /// `page "users/show" { user: User.find(id) }` — renders `templates/users/show.html` with the bindings as context.
    case page(template: StringLiteral, bindings: [Binding])
    /// `json { users: User.all() }` — answers the bindings as a JSON object.
    case json(bindings: [Binding])
    /// `redirect "/users/:id"` — a `303 See Other` (path parameters are substituted).
    case redirect(RedirectDestination)
    /// A target that could not be read (an error was reported): `pgae "index"`.
    case error
}

/// A string literal with its decoded value: the `"users/show"` of `page "users/show"`.
public struct StringLiteral: Hashable, Sendable {
    public var value: String
    /// The literal, quotes included.
    public var span: Span
    public init(value: String, span: Span) { self.value = value; self.span = span }
}

/// Where a `redirect` goes.
public enum RedirectDestination: Hashable, Sendable {
    /// `redirect "/users/:id"` — a path of this application.
    case path(RoutePath)
    /// `redirect "https://example.com/"` — an absolute URL.
    case url(StringLiteral)
}

/// One named query of a page or JSON context: `posts: Post.where(published == true)`.
public struct Binding: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    public var query: Query
    public var span: Span
    public init(id: NodeID, name: Identifier, query: Query, span: Span) { self.id = id; self.name = name; self.query = query; self.span = span }
}

/// A query: an entity and a chain of method calls, `Post.where(published == true).limit(10)`.
public struct Query: Hashable, Sendable {
    public var id: NodeID
    /// The entity queried: `Post`.
    public var entity: Identifier
    public var calls: [QueryCall]
    public var span: Span
    public init(id: NodeID, entity: Identifier, calls: [QueryCall], span: Span) {
        self.id = id; self.entity = entity; self.calls = calls; self.span = span
    }
}

/// One call of a query chain: `.order(-createdAt, title)`.
public struct QueryCall: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    /// The method the name stands for; nil when it is unknown (an error was reported).
    public var method: QueryMethod?
    public var arguments: [QueryExpr]
    public var span: Span
    public init(id: NodeID, name: Identifier, method: QueryMethod?, arguments: [QueryExpr], span: Span) {
        self.id = id; self.name = name; self.method = method; self.arguments = arguments; self.span = span
    }
}

/// The closed set of query methods.
public enum QueryMethod: String, Hashable, Sendable, CaseIterable {
    /// `User.all()` — every row.
    case all
    /// `User.find(id)` — the row with this `id`, or a 404.
    case find
    /// `.where(published == true && author.id == id)` — rows matching a condition.
    case `where`
    /// `.order(-createdAt, title)` — sort keys, `-` for descending.
    case order
    /// `.limit(10)` — at most this many rows.
    case limit
    /// `.offset(20)` — skip this many rows.
    case offset
    /// `.include(author, comments)` — load these relations with the rows.
    case include
    /// `.first()` — the first row or nothing (an optional).
    case first
    /// `.count()` — the number of rows.
    case count

    /// How many arguments the method takes: an exact count, or at least one when nil.
    public var arity: Int? {
        switch self {
        case .all, .first, .count: 0
        case .find, .where, .limit, .offset: 1
        case .order, .include: nil
        }
    }
}

/// An expression inside a query call.
public struct QueryExpr: Hashable, Sendable {
    public var id: NodeID
    public var kind: QueryExprKind
    public var span: Span
    public init(id: NodeID, kind: QueryExprKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public indirect enum QueryExprKind: Hashable, Sendable {
    /// `true`, `10`, `"draft"`, `null`.
    case literal(LiteralKind)
    /// A bare name: a field of the queried entity (`published`) or else a parameter (`id`).
    case name(Identifier)
    /// `:q` — always a path or query parameter, never a field.
    case parameter(Identifier)
    /// `author.id` — a field of a related entity.
    case member(QueryExpr, Identifier)
    /// `["draft", "review"]`, for `in`.
    case list([QueryExpr])
    /// `!archived`, `-createdAt` (a descending sort key).
    case unary(QueryUnaryOperator, QueryExpr)
    /// `published == true`, `a && b`, `name contains q`.
    case binary(QueryBinaryOperator, QueryExpr, QueryExpr)
    /// An expression that could not be read (an error was reported).
    case error
}

/// `!` and `-`.
public enum QueryUnaryOperator: String, Hashable, Sendable, CaseIterable {
    case not = "!"
    case negate = "-"
}

/// The binary operators of queries, loosest first: `||`, `&&`, then the comparisons (which do not chain).
public enum QueryBinaryOperator: String, Hashable, Sendable, CaseIterable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    /// `name contains q` — substring (case-insensitive).
    case contains
    /// `name startsWith "A"`.
    case startsWith
    /// `email endsWith "@example.com"`.
    case endsWith
    /// `status in ["draft", "review"]`.
    case `in`

    /// Whether this is a comparison (everything but `||` and `&&`).
    public var isComparison: Bool { self != .or && self != .and }
}

/// A `resources "/posts" => Post only: [list, show]` item: the REST routes of an entity.
public struct ResourcesDecl: Hashable, Sendable {
    public var path: RoutePath
    public var entity: Identifier
    /// `only: […]` or `except: […]`, when given.
    public var filter: ResourceFilter?
    public init(path: RoutePath, entity: Identifier, filter: ResourceFilter?) {
        self.path = path; self.entity = entity; self.filter = filter
    }

    /// The actions this item generates.
    public var actions: [ResourceAction] {
        switch filter?.mode {
        case nil: ResourceAction.allCases
        case .only?: ResourceAction.allCases.filter { a in filter!.actions.contains { $0.action == a } }
        case .except?: ResourceAction.allCases.filter { a in !filter!.actions.contains { $0.action == a } }
        }
    }
}

/// `only: [list, show]` or `except: [delete]`.
public struct ResourceFilter: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable { case only, except }
    public var mode: Mode
    public var actions: [ResourceActionName]
    public var span: Span
    public init(mode: Mode, actions: [ResourceActionName], span: Span) { self.mode = mode; self.actions = actions; self.span = span }
}

/// One name in a resource filter: the `show` of `only: [list, show]`.
public struct ResourceActionName: Hashable, Sendable {
    public var name: Identifier
    /// Nil when the name is not an action (an error was reported).
    public var action: ResourceAction?
    public init(name: Identifier, action: ResourceAction?) { self.name = name; self.action = action }
}

/// The REST actions of `resources`.
public enum ResourceAction: String, Hashable, Sendable, CaseIterable {
    /// `GET /posts` — paginated, filtered (`?title[contains]=x`), sorted (`?sort=-createdAt`).
    case list
    /// `GET /posts/:id`.
    case show
    /// `POST /posts`.
    case create
    /// `PATCH /posts/:id` (and `PUT`).
    case update
    /// `DELETE /posts/:id`.
    case delete
}
