import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import OmniTestSupport
import Testing

/// The example project and the routes fixtures check into the expected model.
@Suite struct ServerBlogTests {
    static func blog() throws -> ServerChecked {
        let root = fixturesDirectory() + "/projects/blog"
        let app = try String(contentsOfFile: root + "/app.omni", encoding: .utf8)
        var templates: [(String, String)] = []
        let fm = FileManager.default
        let enumerator = fm.enumerator(atPath: root + "/templates")
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".html") else { continue }
            templates.append(("templates/" + relative, try String(contentsOfFile: root + "/templates/" + relative, encoding: .utf8)))
        }
        var files = [("app.omni", app)]
        for name in try fm.contentsOfDirectory(atPath: root + "/components").sorted() where name.hasSuffix(".omni") {
            files.append(("components/" + name, try String(contentsOfFile: root + "/components/" + name, encoding: .utf8)))
        }
        return checkServer(files: files, templateFiles: templates.sorted { $0.0 < $1.0 }, checkTemplates: true)
    }

    @Test func blogHasNoDiagnostics() throws {
        let result = try Self.blog()
        #expect(result.all.isEmpty, "\(result.rendered)")
    }
}

extension ServerBlogTests {
    @Test func blogModelSnapshot() throws {
        let result = try Self.blog()
        assertSnapshot(dump(result.program), named: "blog-project.model.txt", in: fixturesDirectory() + "/server-sema")
    }
}

extension ServerBlogTests {
    static func routesFixture(_ name: String, templates: [String]) throws -> ServerChecked {
        let text = try String(contentsOfFile: fixturesDirectory() + "/routes/\(name).omni", encoding: .utf8)
        return checkServer(files: [("\(name).omni", text)], templates: templates.map { "templates/\($0).html" })
    }

    static let designTemplates = ["index", "users/index", "users/show"]
    static let blogTemplates = ["index", "users/_results", "users/show", "admin/index"]

    @Test func designExampleModel() throws {
        let result = try Self.routesFixture("design-example", templates: Self.designTemplates)
        #expect(result.all.isEmpty, "\(result.rendered)")
        assertSnapshot(dump(result.program), named: "design-example.model.txt", in: fixturesDirectory() + "/server-sema")
    }

    @Test func routesBlogFixtureModel() throws {
        let result = try Self.routesFixture("blog", templates: Self.blogTemplates)
        assertSnapshot(result.rendered, named: "routes-blog.human.txt", in: fixturesDirectory() + "/server-sema")
        assertSnapshot(dump(result.program), named: "routes-blog.model.txt", in: fixturesDirectory() + "/server-sema")
    }
}

extension ServerBlogTests {
    @Test func blogEntities() throws {
        let p = try Self.blog().program
        #expect(p.enums == [CheckedEnum(name: "Role", cases: ["admin", "author", "reader"], file: p.enums[0].file, span: p.enums[0].span)])
        let user = try #require(p.entity(named: "User"))
        #expect(user.table == "users")
        #expect(user.fields.map(\.name) == ["id", "createdAt", "updatedAt", "name", "email", "role", "age", "posts"])
        #expect(user.fields.map(\.column) == ["id", "created_at", "updated_at", "name", "email", "role", "age", nil])
        #expect(user.field(named: "name")?.validations == [.minLength(2), .maxLength(100)])
        #expect(user.field(named: "name")?.isIndexed == true)
        #expect(user.field(named: "email")?.validations == [.email])
        #expect(user.field(named: "email")?.isUnique == true)
        #expect(user.field(named: "role")?.type == .enumeration("Role"))
        #expect(user.field(named: "role")?.defaultValue == .enumCase("reader"))
        #expect(user.field(named: "age")?.type == .optional(.scalar(.int)))
        #expect(user.field(named: "age")?.validations == [.minimum(0), .maximum(150)])
        #expect(user.field(named: "posts")?.type == .list(.entity("Post", loaded: [])))
        #expect(user.field(named: "posts")?.relation == .toMany(entity: "Post", inverse: "author"))
        #expect(user.writableFields.map(\.name) == ["name", "email", "role", "age"])
        let post = try #require(p.entity(named: "Post"))
        #expect(post.table == "posts")
        #expect(post.field(named: "author")?.column == "author_id")
        #expect(post.field(named: "author")?.relation == .toOne(entity: "User"))
        #expect(post.field(named: "published")?.defaultValue == .bool(false))
        #expect(post.field(named: "views")?.defaultValue == .integer(0))
        #expect(post.field(named: "body")?.type == .scalar(.text))
    }

    @Test func blogRoutes() throws {
        let result = try Self.blog()
        let p = result.program
        #expect(p.pipelines.map(\.name) == ["browser", "api"])
        #expect(p.pipeline(named: "api")?.plugs == [.logger, .json, .cors(origins: []), .gzip, .rateLimit(limit: 600, seconds: 60)])
        #expect(p.routes.count == 22)
        let index = try #require(result.route(.get, "/"))
        #expect(index.pipelines == ["browser"])
        guard case .page(let template, let bindings) = index.target else { Issue.record("not a page"); return }
        #expect(template == "templates/index.html")
        #expect(bindings.map(\.type) == [.list(.entity("Post", loaded: ["author"])), .scalar(.int)])
        #expect(bindings[0].query.order == [SortKey(field: "createdAt", descending: true), SortKey(field: "title", descending: false)])
        #expect(bindings[0].query.limit == .literal(.integer(10)))
        let feed = try #require(result.route(.get, "/api/v1/feed"))
        guard case .json(let feedBindings) = feed.target else { Issue.record("not json"); return }
        #expect(feedBindings.first?.query.order == [SortKey(through: ["author"], field: "name", descending: false),
                                                     SortKey(field: "createdAt", descending: true)])
        let team = try #require(result.route(.get, "/api/v1/team"))
        guard case .json(let teamBindings) = team.target else { Issue.record("not json"); return }
        #expect(teamBindings.first?.query.order == [SortKey(field: "age", descending: true, nullable: true),
                                                     SortKey(field: "name", descending: false)])
        #expect(bindings[0].query.condition == .compare(field: ["published"], op: .equal, operand: .literal(.bool(true))))
        let show = try #require(result.route(.get, "/users/:id"))
        #expect(show.pathParameters == [ServerField(name: "id", type: .scalar(.int))])
        if case .page(_, let b) = show.target {
            #expect(b.map(\.type) == [.entity("User", loaded: []), .list(.entity("Post", loaded: []))])
            #expect(b[0].query.shape == .find(.parameter("id", .scalar(.int))))
            #expect(b[1].query.condition == .compare(field: ["author", "id"], op: .equal, operand: .parameter("id", .scalar(.int))))
        } else { Issue.record("not a page") }
        let search = try #require(result.route(.get, "/users/search"))
        #expect(search.queryParameters.map(\.name) == ["q"])
        #expect(search.queryParameters.first?.defaultValue == .string(""))
        let postShow = try #require(result.route(.get, "/posts/:id"))
        if case .page(_, let b) = postShow.target { #expect(b.first?.type == .entity("Post", loaded: ["author"])) }
        #expect(result.route(.get, "/about")?.target == .redirect(to: "/", isURL: false))
        #expect(result.route(.post, "/users")?.target == .resource(entity: "User", action: .create))
        #expect(result.route(.put, "/api/v1/posts/:id")?.target == .resource(entity: "Post", action: .update))
        #expect(result.route(.delete, "/api/v1/users/:id")?.pathParameters == [ServerField(name: "id", type: .scalar(.int))])
        #expect(result.route(.get, "/api/v1/stats")?.pipelines == ["api"])
    }

    @Test func nestedResourcesRecordTheirParent() {
        let result = checkServer("""
        <schema>
          entity User { name: string, posts: [Post] }
          entity Post { title: string, author: User }
        </schema>
        <routes>
          scope "/users/:author_id" { resources "/posts" => Post only: [list, show] }
          resources "/writers/:authorId/posts" => Post only: [list]
        </routes>
        """)
        #expect(result.all.isEmpty, "\(result.rendered)")
        #expect(result.route(.get, "/users/:author_id/posts/:id")?.pathParameters.map(\.name) == ["author_id", "id"])
        #expect(result.route(.get, "/writers/:authorId/posts")?.pathParameters == [ServerField(name: "authorId", type: .scalar(.int))])
    }

    @Test func declarationOrderDoesNotShadow() {
        // The runtime router prefers literal segments whatever the order: no warning.
        let result = checkServer("""
        <schema>
          entity User { name: string }
        </schema>
        <routes>
          get "/users/:id" => json { user: User.find(id) }
          get "/users/search" (q: string) => json { users: User.where(name contains q) }
          get "/files/*path" => json { n: User.where(name == path).count() }
          get "/files/:name" => json { n: User.where(name == name).count() }
        </routes>
        """)
        #expect(result.all.isEmpty, "\(result.rendered)")
        #expect(result.route(.get, "/files/*path")?.pathParameters == [ServerField(name: "path", type: .scalar(.string))])
    }

    @Test func tableNames() {
        let result = checkServer("""
        <schema>
          entity BlogPost { title: string }
          entity Category { name: string }
          entity Address { street: string }
          entity Key { value: string }
        </schema>
        """)
        #expect(result.program.entities.map(\.table) == ["blog_posts", "categories", "addresses", "keys"])
    }

    @Test func pathParametersUsedByTheTemplateAreUsed() {
        let app = """
        <schema>
          entity User { name: string }
        </schema>
        <routes>
          get "/tags/:tag" => page "tags" { users: User.all() }
        </routes>
        """
        let used = checkServer(files: [("app.omni", app)], templateFiles: [("templates/tags.html", "<h1>{{tag}}</h1>")])
        #expect(used.all.isEmpty, "\(used.rendered)")
        let unused = checkServer(files: [("app.omni", app)], templateFiles: [("templates/tags.html", "<h1>Tags</h1>")])
        #expect(unused.codes == ["W0521"])
    }
}
