import OmniBase
import OmniSema
import OmniSyntax

/// A checked server program built by hand for the data generators' tests, over the source
/// text below (so source notes have real lines). When `Sema.checkServer` produces programs,
/// this constructor can be swapped for `Frontend.check` over the same text.
enum ServerFixtures {
    static let appSource = """
        <schema>
          enum Role { admin, author, reader }

          entity User {
            name:    string  @min(2) @max(100) @index
            email:   string  @email @unique
            role:    Role    = reader
            age:     int?    @range(0, 150)
            website: string? @url
            posts:   [Post] via author
          }

          entity Post {
            title:     string  @min(3) @max(120)
            slug:      string  @pattern("[a-z0-9-]+") @unique
            body:      text
            published: bool    = false
            views:     int     = 0
            rating:    float?
            day:       date?
            token:     uuid    = uuid
            meta:      json?
            author:    User
            editor:    User?
          }
        </schema>

        <routes>
          pipeline browser { logger, session, csrf, htmx }
          pipeline api     { logger, json }

          scope "/" through browser {
            get "/" => page "index" {
              posts: Post.where(published == true).order(-createdAt, title).limit(10).include(author)
              users: User.count()
            }
            get "/users/search" (q: string = "", page: int = 1, role: Role?) => page "users/_results" {
              users: User.where(name contains q || email startsWith q).order(name).limit(20)
            }
            get "/users/:id" => page "users/show" {
              user:  User.find(id).include(posts)
              posts: Post.where(author.id == id && editor == null).order(-createdAt)
            }
          }

          scope "/api/v1" through api {
            get "/stats" => json {
              users: User.count(), published: Post.where(published == true && views >= 10).count(), staff: User.where(role in [admin, author] && !(author.name endsWith "x")).first()
            }
            resources "/posts" => Post
            resources "/users" => User except: [delete]
          }
        </routes>
        """

    static func sources() -> (SourceMap, FileID) {
        var map = SourceMap()
        let file = map.add(path: "app.omni", text: appSource)
        return (map, file.id)
    }

    /// The span of the first occurrence of `needle` (after `after`, if given).
    static func span(_ needle: String, after: String? = nil) -> Span {
        let file = FileID(0)
        let text = appSource
        var from = text.startIndex
        if let after, let r = text.range(of: after) { from = r.upperBound }
        guard let r = text.range(of: needle, range: from..<text.endIndex) else { return Span.point(file, 0) }
        let start = text.utf8.distance(from: text.startIndex, to: r.lowerBound)
        return Span(file: file, start..<(start + needle.utf8.count))
    }

    static func implicit(_ entity: String) -> [CheckedField] {
        let s = span("entity \(entity)")
        return [
            CheckedField(name: "id", type: .scalar(.int), column: "id", isImplicit: true, span: s),
            CheckedField(name: "createdAt", type: .scalar(.datetime), column: "created_at", isImplicit: true, span: s),
            CheckedField(name: "updatedAt", type: .scalar(.datetime), column: "updated_at", isImplicit: true, span: s),
        ]
    }

    static func program() -> ServerProgram {
        let file = FileID(0)
        let role = CheckedEnum(name: "Role", cases: ["admin", "author", "reader"], file: file, span: span("enum Role"))
        let user = CheckedEntity(name: "User", table: "users", fields: implicit("User") + [
            CheckedField(name: "name", type: .scalar(.string), column: "name", validations: [.minLength(2), .maxLength(100)],
                         isIndexed: true, span: span("name:", after: "entity User")),
            CheckedField(name: "email", type: .scalar(.string), column: "email", validations: [.email], isUnique: true,
                         span: span("email:", after: "entity User")),
            CheckedField(name: "role", type: .enumeration("Role"), column: "role", defaultValue: .enumCase("reader"),
                         span: span("role:", after: "entity User")),
            CheckedField(name: "age", type: .optional(.scalar(.int)), column: "age", validations: [.minimum(0), .maximum(150)],
                         span: span("age:", after: "entity User")),
            CheckedField(name: "website", type: .optional(.scalar(.string)), column: "website", validations: [.url],
                         span: span("website:", after: "entity User")),
            CheckedField(name: "posts", type: .list(.entity("Post", loaded: [])), column: nil,
                         relation: .toMany(entity: "Post", inverse: "author"), span: span("posts:", after: "entity User")),
        ], file: file, span: span("entity User"))
        let post = CheckedEntity(name: "Post", table: "posts", fields: implicit("Post") + [
            CheckedField(name: "title", type: .scalar(.string), column: "title", validations: [.minLength(3), .maxLength(120)],
                         span: span("title:", after: "entity Post")),
            CheckedField(name: "slug", type: .scalar(.string), column: "slug", validations: [.pattern("[a-z0-9-]+")], isUnique: true,
                         span: span("slug:", after: "entity Post")),
            CheckedField(name: "body", type: .scalar(.text), column: "body", span: span("body:", after: "entity Post")),
            CheckedField(name: "published", type: .scalar(.bool), column: "published", defaultValue: .bool(false),
                         span: span("published:", after: "entity Post")),
            CheckedField(name: "views", type: .scalar(.int), column: "views", defaultValue: .integer(0),
                         span: span("views:", after: "entity Post")),
            CheckedField(name: "rating", type: .optional(.scalar(.float)), column: "rating", span: span("rating:", after: "entity Post")),
            CheckedField(name: "day", type: .optional(.scalar(.date)), column: "day", span: span("day:", after: "entity Post")),
            CheckedField(name: "token", type: .scalar(.uuid), column: "token", defaultValue: .uuid, span: span("token:", after: "entity Post")),
            CheckedField(name: "meta", type: .optional(.scalar(.json)), column: "meta", span: span("meta:", after: "entity Post")),
            CheckedField(name: "author", type: .entity("User", loaded: []), column: "author_id", relation: .toOne(entity: "User"),
                         span: span("author:", after: "entity Post")),
            CheckedField(name: "editor", type: .optional(.entity("User", loaded: [])), column: "editor_id", relation: .toOne(entity: "User"),
                         span: span("editor:", after: "entity Post")),
        ], file: file, span: span("entity Post"))

        let browser = CheckedPipeline(name: "browser", plugs: [.logger, .session, .csrf, .htmx], span: span("pipeline browser"))
        let api = CheckedPipeline(name: "api", plugs: [.logger, .json], span: span("pipeline api"))

        func binding(_ name: String, _ query: CheckedQuery, _ type: ServerType, after: String) -> CheckedBinding {
            CheckedBinding(name: name, query: query, type: type, span: span("\(name):", after: after))
        }
        func segments(_ path: String) -> [PathSegmentKind] {
            path.split(separator: "/").map { part in
                part.hasPrefix(":") ? .parameter(Identifier(String(part.dropFirst()), span: span(String(part)))) : .literal(String(part))
            }
        }
        var routes: [CheckedRoute] = []
        // 0: GET /
        routes.append(CheckedRoute(verb: .get, path: "/", segments: [], pathParameters: [], queryParameters: [], pipelines: ["browser"],
            target: .page(template: "templates/index.html", bindings: [
                binding("posts", CheckedQuery(entity: "Post", shape: .all,
                                              condition: .compare(field: ["published"], op: .equal, operand: .literal(.bool(true))),
                                              order: [SortKey(field: "createdAt", descending: true), SortKey(field: "title", descending: false)],
                                              limit: .literal(.integer(10)), offset: nil, includes: ["author"]),
                        .list(.entity("Post", loaded: ["author"])), after: "page \"index\""),
                binding("users", CheckedQuery(entity: "User", shape: .count, condition: nil, order: [], limit: nil, offset: nil, includes: []),
                        .scalar(.int), after: "page \"index\""),
            ]), span: span("get \"/\""), file: file))
        // 1: GET /users/search
        routes.append(CheckedRoute(verb: .get, path: "/users/search", segments: segments("/users/search"), pathParameters: [],
            queryParameters: [
                CheckedQueryParameter(name: "q", type: .scalar(.string), defaultValue: .string(""), span: span("q: string")),
                CheckedQueryParameter(name: "page", type: .scalar(.int), defaultValue: .integer(1), span: span("page: int")),
                CheckedQueryParameter(name: "role", type: .optional(.enumeration("Role")), defaultValue: nil, span: span("role: Role?")),
            ], pipelines: ["browser"],
            target: .page(template: "templates/users/_results.html", bindings: [
                binding("users", CheckedQuery(entity: "User", shape: .all,
                                              condition: .or(.compare(field: ["name"], op: .contains, operand: .parameter("q", .scalar(.string))),
                                                             .compare(field: ["email"], op: .startsWith, operand: .parameter("q", .scalar(.string)))),
                                              order: [SortKey(field: "name", descending: false)], limit: .literal(.integer(20)), offset: nil, includes: []),
                        .list(.entity("User", loaded: [])), after: "users/_results"),
            ]), span: span("get \"/users/search\""), file: file))
        // 2: GET /users/:id
        let idParam = ServerField(name: "id", type: .scalar(.int))
        routes.append(CheckedRoute(verb: .get, path: "/users/:id", segments: segments("/users/:id"), pathParameters: [idParam],
            queryParameters: [], pipelines: ["browser"],
            target: .page(template: "templates/users/show.html", bindings: [
                binding("user", CheckedQuery(entity: "User", shape: .find(.parameter("id", .scalar(.int))), condition: nil, order: [],
                                             limit: nil, offset: nil, includes: ["posts"]),
                        .entity("User", loaded: ["posts"]), after: "users/show"),
                binding("posts", CheckedQuery(entity: "Post", shape: .all,
                                              condition: .and(.compare(field: ["author", "id"], op: .equal, operand: .parameter("id", .scalar(.int))),
                                                              .compare(field: ["editor"], op: .equal, operand: .literal(.null))),
                                              order: [SortKey(field: "createdAt", descending: true)], limit: nil, offset: nil, includes: []),
                        .list(.entity("Post", loaded: [])), after: "users/show"),
            ]), span: span("get \"/users/:id\""), file: file))
        // 3: GET /api/v1/stats
        routes.append(CheckedRoute(verb: .get, path: "/api/v1/stats", segments: segments("/api/v1/stats"), pathParameters: [],
            queryParameters: [], pipelines: ["api"],
            target: .json(bindings: [
                binding("users", CheckedQuery(entity: "User", shape: .count, condition: nil, order: [], limit: nil, offset: nil, includes: []),
                        .scalar(.int), after: "json {"),
                binding("published", CheckedQuery(entity: "Post", shape: .count,
                                                  condition: .and(.isTrue(field: ["published"]),
                                                                  .compare(field: ["views"], op: .greaterOrEqual, operand: .literal(.integer(10)))),
                                                  order: [], limit: nil, offset: nil, includes: []),
                        .scalar(.int), after: "json {"),
                binding("staff", CheckedQuery(entity: "User", shape: .first,
                                              condition: .and(.compare(field: ["role"], op: .in, operand: .list([.literal(.enumCase("admin")), .literal(.enumCase("author"))])),
                                                              .not(.compare(field: ["posts", "title"], op: .endsWith, operand: .literal(.string("x"))))),
                                              order: [], limit: nil, offset: nil, includes: []),
                        .optional(.entity("User", loaded: [])), after: "json {"),
            ]), span: span("get \"/stats\""), file: file))
        // 4…: resources
        func resources(_ path: String, _ entity: String, _ actions: [ResourceAction]) {
            let s = span("resources \"\(path.replacingOccurrences(of: "/api/v1", with: ""))\"")
            for action in actions {
                let member = path + "/:id"
                let verbs: [HTTPVerb]
                switch action {
                case .list, .show: verbs = [.get]
                case .create: verbs = [.post]
                case .update: verbs = [.patch, .put]
                case .delete: verbs = [.delete]
                }
                for verb in verbs {
                    let onMember = action != .list && action != .create
                    routes.append(CheckedRoute(verb: verb, path: onMember ? member : path, segments: segments(onMember ? member : path),
                                               pathParameters: onMember ? [idParam] : [], queryParameters: [], pipelines: ["api"],
                                               target: .resource(entity: entity, action: action), span: s, file: file))
                }
            }
        }
        resources("/api/v1/posts", "Post", ResourceAction.allCases)
        resources("/api/v1/users", "User", [.list, .show, .create, .update])
        return ServerProgram(entities: [user, post], enums: [role], pipelines: [browser, api], routes: routes)
    }
}
