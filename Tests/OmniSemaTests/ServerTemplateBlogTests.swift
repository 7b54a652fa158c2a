import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import OmniTestSupport
import Testing

/// The real templates of Fixtures/projects/blog, checked against the contexts its app.omni
/// gives them (built by hand): no diagnostics, and the recorded contexts, types and roots.
@Suite struct ServerTemplateBlogTests {
    static func blog() -> TemplateCheckResult {
        let dir = fixturesDirectory() + "/projects/blog"
        var p = TemplateProject()
        p.setApp(path: "app.omni", text: (try? String(contentsOfFile: dir + "/app.omni", encoding: .utf8)) ?? "")
        p.addTemplates(from: dir)
        p.addComponents(["Button", "Counter", "TodoList"].map { dir + "/components/\($0).omni" })
        p.entities = BlogModel.entities()
        p.enums = BlogModel.enums
        let id = [ServerField(name: "id", type: .scalar(.int))]
        p.route("/", page: "index", [("posts", .list(BlogModel.post(["author"]))), ("users", .scalar(.int))])
        p.route("/users", page: "users/index", [("users", .list(BlogModel.user()))])
        p.route("/users/search", page: "users/_results", [("users", .list(BlogModel.user()))], query: [("q", .scalar(.string))])
        p.route("/users/:id", page: "users/show", [("user", BlogModel.user()), ("posts", .list(BlogModel.post()))], params: id)
        p.route("/posts/:id", page: "posts/show", [("post", BlogModel.post(["author"]))], params: id)
        return p.check()
    }

    @Test func blogTemplatesCheckCleanly() {
        let r = Self.blog()
        #expect(r.parseDiagnostics.isEmpty, "\(r.parseDiagnostics.map(\.message))")
        #expect(r.diagnostics.isEmpty, "\(r.rendered)")
        #expect(r.templates.map(\.path) == [
            "templates/index.html", "templates/layouts/_nav.html", "templates/layouts/app.html", "templates/posts/_card.html",
            "templates/posts/show.html", "templates/users/_results.html", "templates/users/_row.html",
            "templates/users/index.html", "templates/users/show.html",
        ])
    }

    @Test func contextsComeFromRoutesAndCallSites() throws {
        let r = Self.blog()
        let index = try #require(r.template("templates/index.html"))
        #expect(index.context == [ServerField(name: "posts", type: .list(BlogModel.post(["author"]))),
                                  ServerField(name: "users", type: .scalar(.int))])
        #expect(index.layout == "templates/layouts/app.html")
        // users/show: bindings, then the path parameter.
        #expect(r.template("templates/users/show.html")?.context.map(\.name) == ["user", "posts", "id"])
        // A partial rendered by a route: bindings then the query parameter, agreeing with no call site.
        #expect(r.template("templates/users/_results.html")?.context.map(\.name) == ["users", "q"])
        // Partials: the arguments their callers pass.
        #expect(r.template("templates/posts/_card.html")?.context == [ServerField(name: "post", type: BlogModel.post(["author"]))])
        #expect(r.template("templates/users/_row.html")?.context == [ServerField(name: "user", type: BlogModel.user())])
        #expect(r.template("templates/layouts/_nav.html")?.context == [ServerField(name: "path", type: .scalar(.string))])
        // Layouts have no context of their own.
        #expect(r.template("templates/layouts/app.html")?.context == [])
        #expect(r.template("templates/layouts/app.html")?.layout == nil)
    }

    @Test func typesAndRootsAreRecorded() throws {
        let r = Self.blog()
        #expect(r.type("templates/index.html", "users") == .scalar(.int))
        #expect(r.root("templates/index.html", "users") == .context("users"))
        #expect(r.type("templates/index.html", "(eq users 1)") == .scalar(.bool))
        let index = try #require(r.template("templates/index.html"))
        // The each item is a Post with its author loaded; `post=post` passes it.
        let each = try #require(index.ast.items.compactMap { item -> TemplateEach? in
            if case .eachBlock(let e) = item.kind { return e } else { return nil }
        }.first)
        #expect(index.types[each.itemID] == BlogModel.post(["author"]))
        #expect(index.types[each.iterable.id] == .list(BlogModel.post(["author"])))
        #expect(r.root("templates/index.html", "post") == .eachItem(each.itemID))

        #expect(r.type("templates/posts/_card.html", "post.author.name") == .scalar(.string))
        #expect(r.type("templates/posts/_card.html", "post.author") == nil) // only whole paths are expressions
        #expect(r.type("templates/posts/_card.html", "post.createdAt") == .scalar(.datetime))
        #expect(r.type("templates/posts/_card.html", "format_date post.createdAt \"yyyy-MM-dd\"") == .scalar(.string))
        #expect(r.root("templates/posts/_card.html", "post.title") == .context("post"))
        #expect(r.type("templates/users/show.html", "user.role") == .enumeration("Role"))
        #expect(r.type("templates/users/show.html", "length posts") == .scalar(.int))
        // `{{#if user.age}}` narrows `int?` to `int` inside the branch.
        #expect(r.types("templates/users/_row.html", "user.age") == [.optional(.scalar(.int)), .scalar(.int)])
        #expect(r.root("templates/layouts/app.html", "request_path") == .global(.requestPath))
        #expect(r.root("templates/users/index.html", "csrf_token") == .global(.csrfToken))
        #expect(r.type("templates/layouts/_nav.html", "(eq path \"/\")") == .scalar(.bool))
    }
}
