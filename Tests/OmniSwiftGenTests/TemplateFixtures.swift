import Foundation
import OmniBase
import OmniDriver
import OmniSema
import OmniSyntax
import OmniTestSupport

/// Checked templates built by hand for the template generator's tests: real template text
/// parsed with `TemplateParser`, then a minimal resolver fills `roots` and `types` the way
/// the template checker does (innermost `{{#each}}` parameter, then the context, then the
/// globals). The checker's own output replaces this once it lands; nothing here reports
/// errors.
enum TemplateFixtures {
    /// One template: its path, text and context fields (empty for a layout).
    struct Source {
        var path: String
        var text: String
        var context: [ServerField]
        init(_ path: String, _ text: String, context: [ServerField] = []) {
            self.path = path; self.text = text; self.context = context
        }
    }

    // MARK: - The blog's schema

    static func implicitFields(_ span: Span) -> [CheckedField] {
        [
            CheckedField(name: "id", type: .scalar(.int), column: "id", isImplicit: true, span: span),
            CheckedField(name: "createdAt", type: .scalar(.datetime), column: "created_at", isImplicit: true, span: span),
            CheckedField(name: "updatedAt", type: .scalar(.datetime), column: "updated_at", isImplicit: true, span: span),
        ]
    }

    static let noSpan = Span(file: FileID(0), start: 0, end: 0)

    static let blogEnums = [CheckedEnum(name: "Role", cases: ["admin", "author", "reader"], file: FileID(0), span: noSpan)]

    static let blogEntities: [CheckedEntity] = [
        CheckedEntity(name: "User", table: "users", fields: implicitFields(noSpan) + [
            CheckedField(name: "name", type: .scalar(.string), column: "name", span: noSpan),
            CheckedField(name: "email", type: .scalar(.string), column: "email", span: noSpan),
            CheckedField(name: "role", type: .enumeration("Role"), column: "role", span: noSpan),
            CheckedField(name: "age", type: .optional(.scalar(.int)), column: "age", span: noSpan),
            CheckedField(name: "posts", type: .list(.entity("Post", loaded: [])), column: nil,
                         relation: .toMany(entity: "Post", inverse: "author"), span: noSpan),
        ], file: FileID(0), span: noSpan),
        CheckedEntity(name: "Post", table: "posts", fields: implicitFields(noSpan) + [
            CheckedField(name: "title", type: .scalar(.string), column: "title", span: noSpan),
            CheckedField(name: "body", type: .scalar(.text), column: "body", span: noSpan),
            CheckedField(name: "published", type: .scalar(.bool), column: "published", span: noSpan),
            CheckedField(name: "views", type: .scalar(.int), column: "views", span: noSpan),
            CheckedField(name: "author", type: .entity("User", loaded: []), column: "author_id",
                         relation: .toOne(entity: "User"), span: noSpan),
        ], file: FileID(0), span: noSpan),
    ]

    static let user = ServerType.entity("User", loaded: [])
    static let post = ServerType.entity("Post", loaded: [])
    static let postWithAuthor = ServerType.entity("Post", loaded: ["author"])

    // MARK: - Building a program

    /// A program of `templates` (plus any routes) over the blog's schema; the source map
    /// holds `app.omni` (file 0, when given) and then the templates in order.
    static func program(_ templates: [Source], appSource: String? = nil, routes: [CheckedRoute] = [],
                        pipelines: [CheckedPipeline] = [],
                        entities: [CheckedEntity] = blogEntities, enums: [CheckedEnum] = blogEnums) -> (ServerProgram, SourceMap) {
        var sources = SourceMap()
        sources.add(path: "app.omni", text: appSource ?? "")
        var program = ServerProgram(entities: entities, enums: enums, pipelines: pipelines, routes: routes)
        for t in templates {
            let file = sources.add(path: t.path, text: t.text)
            let (ast, _) = TemplateParser.parse(file)
            program.templates.append(CheckedTemplate(path: t.path, file: file.id, ast: ast, context: t.context,
                                                     layout: ast.layout?.path, types: [:], roots: [:]))
        }
        // Resolve each template; a layout is typed against the context of the first page using it.
        for i in program.templates.indices {
            let t = program.templates[i]
            var context = t.context
            if t.ast.kind == .layout, let user = program.templates.first(where: { $0.layout == t.path }) { context = user.context }
            var r = Resolver(program: program, context: context)
            r.items(t.ast.items)
            program.templates[i].types = r.types
            program.templates[i].roots = r.roots
        }
        return (program, sources)
    }

    struct Resolver {
        let program: ServerProgram
        let context: [ServerField]
        var scopes: [(each: TemplateEach, element: ServerType)] = []
        var types: [NodeID: ServerType] = [:]
        var roots: [NodeID: TemplateRoot] = [:]

        init(program: ServerProgram, context: [ServerField]) { self.program = program; self.context = context }

        mutating func items(_ list: [TemplateItem]) {
            for item in list {
                switch item.kind {
                case .output(let o), .rawOutput(let o): _ = expr(o.expression)
                case .ifBlock(let b), .unlessBlock(let b):
                    for br in b.branches { _ = expr(br.condition); items(br.items) }
                    items(b.elseItems ?? [])
                case .eachBlock(let e):
                    var element = ServerType.error
                    if case .list(let el) = expr(e.iterable).unwrapped { element = el }
                    scopes.append((e, element))
                    items(e.items)
                    scopes.removeLast()
                    items(e.elseItems ?? [])
                case .partial(let p): for a in p.arguments { _ = expr(a.value) }
                case .component(let c): for a in c.arguments { _ = expr(a.value) }
                case .text, .comment, .layout, .yield: break
                }
            }
        }

        mutating func expr(_ e: TemplateExpr) -> ServerType {
            let t: ServerType
            switch e.kind {
            case .path(let p): t = path(e.id, p)
            case .data(let d): t = d == .index ? .scalar(.int) : .scalar(.bool)
            case .string: t = .scalar(.string)
            case .number(let d): t = d == d.rounded() ? .scalar(.int) : .scalar(.float)
            case .bool: t = .scalar(.bool)
            case .null: t = .optional(.error)
            case .helper(let h, _, let args):
                let argTypes = args.map { expr($0) }
                switch h {
                case .eq, .ne, .lt, .lte, .gt, .gte, .and, .or, .not: t = .scalar(.bool)
                case .length: t = .scalar(.int)
                case .default: t = argTypes.first?.unwrapped ?? .error
                case .upper, .lower, .truncate, .formatDate, .formatNumber: t = .scalar(.string)
                }
            case .error: t = .error
            }
            types[e.id] = t
            return t
        }

        mutating func path(_ id: NodeID, _ p: TemplatePath) -> ServerType {
            var members = p.segments.map(\.name)
            var type: ServerType
            if p.isThis {
                let innermost = scopes.last
                roots[id] = .this(innermost?.each.itemID)
                type = innermost?.element ?? .record(context)
            } else {
                guard let first = members.first else { return .error }
                members.removeFirst()
                if let s = scopes.last(where: { $0.each.item.name == first }) {
                    roots[id] = .eachItem(s.each.itemID); type = s.element
                } else if let s = scopes.last(where: { $0.each.index?.name == first }), let indexID = s.each.indexID {
                    roots[id] = .eachIndex(indexID); type = .scalar(.int)
                } else if let field = context.first(where: { $0.name == first }) {
                    roots[id] = .context(first); type = field.type
                } else if let g = TemplateGlobal(rawValue: first) {
                    roots[id] = .global(g); type = .scalar(.string)
                } else {
                    return .error
                }
            }
            for m in members {
                switch type.unwrapped {
                case .entity(let name, _):
                    let field = program.entity(named: name)?.field(named: m)
                    let wasOptional = type.isOptional
                    type = field?.type ?? .error
                    if wasOptional, !type.isOptional { type = .optional(type) }
                case .record(let fields): type = fields.first { $0.name == m }?.type ?? .error
                default: type = .error
                }
            }
            return type
        }
    }

    // MARK: - The blog example

    static var blogDirectory: String { fixturesDirectory() + "/projects/blog" }

    static func read(_ relative: String) -> String {
        (try? String(contentsOfFile: blogDirectory + "/" + relative, encoding: .utf8)) ?? ""
    }

    static func span(of needle: String, in text: String) -> Span {
        guard let r = text.range(of: needle) else { return noSpan }
        let start = text.utf8.distance(from: text.startIndex, to: r.lowerBound)
        return Span(file: FileID(0), start: UInt32(start), end: UInt32(start + needle.utf8.count))
    }

    static func binding(_ name: String, _ entity: String, _ type: ServerType, includes: [String] = []) -> CheckedBinding {
        CheckedBinding(name: name, query: CheckedQuery(entity: entity, shape: .all, condition: nil, order: [], limit: nil,
                                                        offset: nil, includes: includes),
                       type: type, span: noSpan)
    }

    /// The blog's templates, routes and pipelines as the checkers would give them.
    static func blog() -> (ServerProgram, SourceMap, [TypedComponent]) {
        let app = read("app.omni")
        func route(_ verb: HTTPVerb, _ path: String, _ needle: String, params: [ServerField] = [],
                   query: [CheckedQueryParameter] = [], _ target: CheckedTarget) -> CheckedRoute {
            CheckedRoute(verb: verb, path: path, segments: [], pathParameters: params, queryParameters: query,
                         pipelines: ["browser"], target: target, span: span(of: needle, in: app), file: FileID(0))
        }
        let id = ServerField(name: "id", type: .scalar(.int))
        let routes = [
            route(.get, "/", "get \"/\" =>", .page(template: "templates/index.html", bindings: [
                binding("posts", "Post", .list(postWithAuthor), includes: ["author"]),
                binding("users", "User", .scalar(.int)),
            ])),
            route(.get, "/users", "get \"/users\" =>", .page(template: "templates/users/index.html", bindings: [
                binding("users", "User", .list(user)),
            ])),
            route(.get, "/users/search", "get \"/users/search\"",
                  query: [CheckedQueryParameter(name: "q", type: .scalar(.string), defaultValue: .string(""), span: noSpan)],
                  .page(template: "templates/users/_results.html", bindings: [binding("users", "User", .list(user))])),
            route(.get, "/users/:id", "get \"/users/:id\"", params: [id], .page(template: "templates/users/show.html", bindings: [
                binding("user", "User", user), binding("posts", "Post", .list(post)),
            ])),
            route(.get, "/posts/:id", "get \"/posts/:id\"", params: [id], .page(template: "templates/posts/show.html", bindings: [
                binding("post", "Post", postWithAuthor, includes: ["author"]),
            ])),
            route(.get, "/about", "get \"/about\"", .redirect(to: "/", isURL: false)),
        ]
        let pipelines = [
            CheckedPipeline(name: "browser", plugs: [.logger, .session, .csrf, .htmx, .gzip], span: noSpan),
        ]
        let templates: [Source] = [
            Source("templates/index.html", read("templates/index.html"),
                   context: [ServerField(name: "posts", type: .list(postWithAuthor)), ServerField(name: "users", type: .scalar(.int))]),
            Source("templates/layouts/_nav.html", read("templates/layouts/_nav.html"),
                   context: [ServerField(name: "path", type: .scalar(.string))]),
            Source("templates/layouts/app.html", read("templates/layouts/app.html")),
            Source("templates/posts/_card.html", read("templates/posts/_card.html"),
                   context: [ServerField(name: "post", type: postWithAuthor)]),
            Source("templates/posts/show.html", read("templates/posts/show.html"),
                   context: [ServerField(name: "post", type: postWithAuthor), id]),
            Source("templates/users/_results.html", read("templates/users/_results.html"),
                   context: [ServerField(name: "users", type: .list(user)), ServerField(name: "q", type: .scalar(.string))]),
            Source("templates/users/_row.html", read("templates/users/_row.html"),
                   context: [ServerField(name: "user", type: user)]),
            Source("templates/users/index.html", read("templates/users/index.html"),
                   context: [ServerField(name: "users", type: .list(user))]),
            Source("templates/users/show.html", read("templates/users/show.html"),
                   context: [ServerField(name: "user", type: user), ServerField(name: "posts", type: .list(post)), id]),
        ]
        let (program, sources) = Self.program(templates, appSource: app, routes: routes, pipelines: pipelines)
        return (program, sources, components(["Counter", "TodoList"]))
    }

    /// The blog's components, checked by the front end.
    static func components(_ names: [String]) -> [TypedComponent] {
        let files = names.map { (path: "components/\($0).omni", bytes: Array(read("components/\($0).omni").utf8)) }
        return Checker.check(files: files).frontend?.program.components ?? []
    }
}
