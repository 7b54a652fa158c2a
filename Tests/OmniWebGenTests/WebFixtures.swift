import OmniBase
import OmniSema
import OmniSyntax

/// Checked server programs built by hand (the checker is written in parallel), shaped the way
/// `Sema.checkServer` documents its result.
enum WebFixtures {
    static let file = FileID(0)
    static let span = Span(file: file, start: 0, end: 0)

    static func ident(_ name: String) -> Identifier { Identifier(name, span: span) }

    /// The implicit fields every entity starts with.
    static var implicitFields: [CheckedField] {
        [
            CheckedField(name: "id", type: .scalar(.int), column: "id", isImplicit: true, span: span),
            CheckedField(name: "createdAt", type: .scalar(.datetime), column: "created_at", isImplicit: true, span: span),
            CheckedField(name: "updatedAt", type: .scalar(.datetime), column: "updated_at", isImplicit: true, span: span),
        ]
    }

    static func field(_ name: String, _ type: ServerType, column: String? = nil, relation: Relation? = nil,
                      _ validations: [CheckedValidation] = [], default value: DefaultValue? = nil,
                      unique: Bool = false, indexed: Bool = false) -> CheckedField {
        let isToMany = if case .toMany = relation { true } else { false }
        return CheckedField(name: name, type: type, column: isToMany ? nil : (column ?? name), relation: relation,
                            validations: validations, defaultValue: value, isUnique: unique, isIndexed: indexed, span: span)
    }

    static func entity(_ name: String, table: String, _ fields: [CheckedField]) -> CheckedEntity {
        CheckedEntity(name: name, table: table, fields: implicitFields + fields, file: file, span: span)
    }

    /// `/a/:b` split into segments.
    static func segments(_ path: String) -> [PathSegmentKind] {
        path.split(separator: "/").map { part in
            if part.hasPrefix(":") { return .parameter(ident(String(part.dropFirst()))) }
            if part.hasPrefix("*") { return .splat(ident(String(part.dropFirst()))) }
            return .literal(String(part))
        }
    }

    static func route(_ verb: HTTPVerb, _ path: String, params: [ServerField] = [], query: [CheckedQueryParameter] = [],
                      through pipelines: [String], _ target: CheckedTarget) -> CheckedRoute {
        CheckedRoute(verb: verb, path: path, segments: segments(path), pathParameters: params, queryParameters: query,
                     pipelines: pipelines, target: target, span: span, file: file)
    }

    static let idParameter = [ServerField(name: "id", type: .scalar(.int))]

    /// `resources "<path>" => entity` expanded: list, show, create, update (PATCH and PUT), delete.
    static func resources(_ path: String, _ entity: String, through pipelines: [String],
                          only: [ResourceAction] = ResourceAction.allCases) -> [CheckedRoute] {
        var out: [CheckedRoute] = []
        for action in ResourceAction.allCases where only.contains(action) {
            let target = CheckedTarget.resource(entity: entity, action: action)
            switch action {
            case .list: out.append(route(.get, path, through: pipelines, target))
            case .show: out.append(route(.get, path + "/:id", params: idParameter, through: pipelines, target))
            case .create: out.append(route(.post, path, through: pipelines, target))
            case .update:
                out.append(route(.patch, path + "/:id", params: idParameter, through: pipelines, target))
                out.append(route(.put, path + "/:id", params: idParameter, through: pipelines, target))
            case .delete: out.append(route(.delete, path + "/:id", params: idParameter, through: pipelines, target))
            }
        }
        return out
    }

    static func binding(_ name: String, _ entity: String, _ shape: CheckedQuery.Shape, includes: [String] = [],
                        condition: QueryCondition? = nil) -> CheckedBinding {
        let type: ServerType = switch shape {
        case .find: .entity(entity, loaded: includes.sorted())
        case .first: .optional(.entity(entity, loaded: includes.sorted()))
        case .all: .list(.entity(entity, loaded: includes.sorted()))
        case .count: .scalar(.int)
        }
        let query = CheckedQuery(entity: entity, shape: shape, condition: condition, order: [], limit: nil, offset: nil, includes: includes)
        return CheckedBinding(name: name, query: query, type: type, span: span)
    }

    /// `Fixtures/projects/blog/app.omni`, checked.
    static var blog: ServerProgram {
        let role = CheckedEnum(name: "Role", cases: ["admin", "author", "reader"], file: file, span: span)
        let user = entity("User", table: "users", [
            field("name", .scalar(.string), [.minLength(2), .maxLength(100)], indexed: true),
            field("email", .scalar(.string), [.email], unique: true),
            field("role", .enumeration("Role"), default: .enumCase("reader")),
            field("age", .optional(.scalar(.int)), [.minimum(0), .maximum(150)]),
            field("posts", .list(.entity("Post", loaded: [])), relation: .toMany(entity: "Post", inverse: "author")),
        ])
        let post = entity("Post", table: "posts", [
            field("title", .scalar(.string), [.minLength(3), .maxLength(120)]),
            field("body", .scalar(.text)),
            field("published", .scalar(.bool), default: .bool(false)),
            field("views", .scalar(.int), default: .integer(0)),
            field("author", .entity("User", loaded: []), column: "author_id", relation: .toOne(entity: "User")),
        ])
        let browser = CheckedPipeline(name: "browser", plugs: [.logger, .session, .csrf, .htmx, .gzip], span: span)
        let api = CheckedPipeline(name: "api", plugs: [.logger, .json, .cors(origins: []), .gzip, .rateLimit(limit: 600, seconds: 60)], span: span)
        let published = QueryCondition.compare(field: ["published"], op: .equal, operand: .literal(.bool(true)))

        var routes: [CheckedRoute] = [
            route(.get, "/", through: ["browser"], .page(template: "templates/index.html", bindings: [
                binding("posts", "Post", .all, includes: ["author"], condition: published), binding("users", "User", .count),
            ])),
            route(.get, "/users", through: ["browser"], .page(template: "templates/users/index.html", bindings: [binding("users", "User", .all)])),
            route(.get, "/users/search", query: [CheckedQueryParameter(name: "q", type: .scalar(.string), defaultValue: .string(""), span: span)],
                  through: ["browser"], .page(template: "templates/users/_results.html", bindings: [binding("users", "User", .all)])),
            route(.get, "/users/:id", params: idParameter, through: ["browser"], .page(template: "templates/users/show.html", bindings: [
                binding("user", "User", .find(.parameter("id", .scalar(.int)))), binding("posts", "Post", .all),
            ])),
            route(.get, "/posts/:id", params: idParameter, through: ["browser"], .page(template: "templates/posts/show.html", bindings: [
                binding("post", "Post", .find(.parameter("id", .scalar(.int))), includes: ["author"]),
            ])),
            route(.get, "/about", through: ["browser"], .redirect(to: "/", isURL: false)),
        ]
        routes += resources("/users", "User", through: ["browser"], only: [.create])
        routes += resources("/api/v1/users", "User", through: ["api"])
        routes += resources("/api/v1/posts", "Post", through: ["api"])
        routes.append(route(.get, "/api/v1/stats", through: ["api"], .json(bindings: [
            binding("users", "User", .count), binding("posts", "Post", .count),
            binding("published", "Post", .count, condition: published),
        ])))
        let ofRole = QueryCondition.compare(field: ["role"], op: .equal, operand: .parameter("role", .enumeration("Role")))
        routes.append(route(.get, "/api/v1/team", query: [
            CheckedQueryParameter(name: "role", type: .enumeration("Role"), defaultValue: .enumCase("author"), span: span),
        ], through: ["api"], .json(bindings: [
            binding("members", "User", .all, condition: ofRole), binding("total", "User", .count, condition: ofRole),
        ])))
        routes.append(route(.get, "/api/v1/feed", through: ["api"], .json(bindings: [
            binding("posts", "Post", .all, includes: ["author"], condition: published),
        ])))
        return ServerProgram(entities: [user, post], enums: [role], pipelines: [browser, api], routes: routes)
    }
}

extension WebFixtures {
    /// Everything the blog does not exercise: authentication, a nested resource, optional
    /// and loaded relations, every scalar type, a user entity named like a shared type
    /// (`Page`), colliding member names, a reserved word as a parameter, a splat, a JSON
    /// route that is not a GET, and csrf-protected writes (left out of the API).
    static var shop: ServerProgram {
        let status = CheckedEnum(name: "Status", cases: ["draft", "live", "archived"], file: file, span: span)
        let shop = entity("Shop", table: "shops", [
            field("name", .scalar(.string), [.pattern("[a-z][a-z0-9-]*"), .maxLength(40)], unique: true),
            field("website", .optional(.scalar(.string)), [.url]),
            field("contact", .scalar(.string), [.email], default: .string("owner@example.com")),
            field("rating", .scalar(.float), [.minimum(0), .maximum(4.5)], default: .float(1.5)),
            field("opened", .optional(.scalar(.date))),
            field("token", .scalar(.uuid), default: .uuid),
            field("settings", .optional(.scalar(.json))),
            field("status", .optional(.enumeration("Status")), default: .null),
            field("checkedAt", .scalar(.datetime), default: .now),
            field("items", .list(.entity("Item", loaded: [])), relation: .toMany(entity: "Item", inverse: "shop")),
        ])
        let item = entity("Item", table: "items", [
            field("label", .scalar(.text), [.maxLength(40)]),
            field("price", .scalar(.float), [.minimum(0)]),
            field("shop", .entity("Shop", loaded: []), column: "shop_id", relation: .toOne(entity: "Shop")),
            field("review", .optional(.entity("Page", loaded: [])), column: "review_id", relation: .toOne(entity: "Page")),
            field("sort", .scalar(.int), default: .integer(0)),
        ])
        let page = entity("Page", table: "pages", [
            field("slug", .scalar(.string), unique: true),
            field("body", .scalar(.text)),
            field("publishedAt", .scalar(.datetime), default: .now),
        ])
        let pipelines = [
            CheckedPipeline(name: "api", plugs: [.json, .auth(.bearer), .rateLimit(limit: 10, seconds: 1)], span: span),
            CheckedPipeline(name: "admin", plugs: [.json, .auth(.session)], span: span),
            CheckedPipeline(name: "browser", plugs: [.session, .csrf], span: span),
        ]
        let shopID = [ServerField(name: "shopId", type: .scalar(.int))]
        var routes: [CheckedRoute] = [route(.get, "/", through: ["browser"], .page(template: "templates/index.html", bindings: []))]
        routes += resources("/shops", "Shop", through: ["api"])
        routes += resources("/shops/:shopId/items", "Item", through: ["api"], only: [.list, .show, .create, .delete]).map { r in
            var r = r
            r.pathParameters = shopID + r.pathParameters
            return r
        }
        routes += resources("/pages", "Page", through: ["api", "admin"], only: [.list, .show])
        routes += resources("/legacy/pages", "Page", through: ["browser"], only: [.list, .create])
        routes.append(route(.get, "/shops/:id/summary", params: idParameter, query: [
            CheckedQueryParameter(name: "full", type: .scalar(.bool), defaultValue: .bool(false), span: span),
            CheckedQueryParameter(name: "since", type: .optional(.scalar(.date)), defaultValue: nil, span: span),
        ], through: ["api"], .json(bindings: [
            binding("shop", "Shop", .find(.parameter("id", .scalar(.int))), includes: ["items"]),
            binding("top", "Item", .first, includes: ["review", "shop"]),
            binding("items", "Item", .all),
        ])))
        routes.append(route(.get, "/pages/:class/summary", params: [ServerField(name: "class", type: .scalar(.string))], query: [
            CheckedQueryParameter(name: "q", type: .scalar(.string), defaultValue: nil, span: span),
        ], through: ["admin"], .json(bindings: [binding("count", "Page", .count)])))
        routes.append(route(.post, "/admin/reindex", through: ["admin"], .json(bindings: [])))
        routes.append(route(.get, "/files/*path", params: [ServerField(name: "path", type: .scalar(.string))],
                            through: [], .json(bindings: [binding("pages", "Page", .all)])))
        return ServerProgram(entities: [shop, item, page], enums: [status], pipelines: pipelines, routes: routes)
    }
}
