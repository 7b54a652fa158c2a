import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import OmniTestSupport
import Testing

/// Golden diagnostics of the fixtures in Fixtures/server-templates: each directory holds
/// templates checked against the schema and routes of Fixtures/server-templates/app.omni
/// (built by hand here). Re-record with `OMNI_RECORD=1 swift test --filter ServerTemplateChecker`.
@Suite struct ServerTemplateCheckerTests {
    static let directory = fixturesDirectory() + "/server-templates"

    static func fixtures() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.contains(".") }.sorted()
    }

    /// The fixture project: app.omni's model plus the templates of `name`.
    static func project(_ name: String?) -> TemplateProject {
        var p = TemplateProject()
        p.setApp(path: "app.omni", text: (try? String(contentsOfFile: directory + "/app.omni", encoding: .utf8)) ?? "")
        if let name { p.addTemplates(from: directory + "/" + name) }
        let blog = fixturesDirectory() + "/projects/blog/components"
        p.addComponents(["Counter", "TodoList"].map { blog + "/\($0).omni" })
        p.entities = BlogModel.entities(withEditor: true)
        p.enums = BlogModel.enums
        let id = [ServerField(name: "id", type: .scalar(.int))]
        let q: [(String, ServerType)] = [("q", .scalar(.string))]
        p.route("/users/:id", page: "users/show", [("user", BlogModel.user()), ("posts", .list(BlogModel.post()))], params: id)
        p.route("/posts/:id", page: "posts/show", [("post", BlogModel.post(["author", "editor"]))], params: id)
        p.route("/posts", page: "posts/index", [("posts", .list(BlogModel.post(["author"])))], query: q)
        p.route("/posts/search", page: "posts/_list", [("posts", .list(BlogModel.post()))], query: q)
        p.route("/latest", page: "latest", [("post", .optional(BlogModel.post()))])
        p.route("/conflict/a", page: "conflict", [("user", .optional(BlogModel.user()))])
        p.route("/conflict/b/:id", page: "conflict", [("user", BlogModel.user())], params: id)
        return p
    }

    @Test func thereAreFixtures() {
        #expect(Self.fixtures().count >= 6)
    }

    @Test(arguments: fixtures())
    func goldens(_ name: String) {
        let r = Self.project(name).check()
        #expect(r.parseDiagnostics.isEmpty, "\(name): \(r.parseDiagnostics.map { "\($0.code) \($0.message)" })")
        assertSnapshot(r.rendered, named: name + ".human.txt", in: Self.directory)
        #expect(!r.diagnostics.isEmpty)
    }

    @Test func eachFixtureRaisesItsCodes() {
        func codes(_ name: String) -> Set<String> { Set(Self.project(name).check().codes) }
        #expect(codes("errors-names") == ["E0460", "E0461", "E0462", "E0463", "E0464", "E0465", "E0466", "E0467", "E0468", "W0530"])
        #expect(codes("errors-helpers") == ["E0469", "E0470"])
        #expect(codes("errors-partials") == ["E0460", "E0462", "E0472", "E0473", "E0474"])
        #expect(codes("errors-layouts") == ["E0460", "E0475", "E0476", "W0531"])
        #expect(codes("errors-components") == ["E0477", "E0478", "E0479", "E0480"])
        #expect(codes("errors-routes") == ["E0463", "E0471", "W0531"])
    }

    /// DESIGN.md §3.2: `{{user.nmae}}` is "User has no field `nmae`; did you mean `name`?".
    @Test func misspelledFieldSuggestsTheField() throws {
        var p = Self.project(nil)
        p.addTemplate("templates/users/show.html", "<h1>{{user.nmae}}</h1>\n")
        let r = p.check()
        let d = try #require(r.diagnostics.first)
        #expect(r.diagnostics.count == 1)
        #expect(d.code == "E0461")
        #expect(d.message == "`User` has no field `nmae`; did you mean `name`?")
        #expect(d.fixes.first?.edits.first?.replacement == "name")
        #expect(r.sources[d.span.file]?.text(d.span) == "nmae")
    }

    @Test func relationHelpNamesTheQueryAndRoute() throws {
        var p = Self.project(nil)
        p.addTemplate("templates/users/show.html", "{{#each posts as |post|}}{{post.author.name}}{{/each}}\n")
        let d = try #require(p.check().diagnostics.first)
        #expect(d.code == "E0462")
        #expect(d.help == ["add `.include(author)` to the query of `posts` in `GET /users/:id`"])
    }

    @Test func narrowingAppliesInsideTheIfOnly() {
        var p = Self.project(nil)
        p.addTemplate("templates/posts/show.html", """
            {{#if post.editor}}{{post.editor.name}}{{else}}{{post.editor.name}}{{/if}}
            {{#if (and post.editor post.title)}}{{post.editor.email}}{{/if}}
            {{#each post.editor.posts as |p|}}{{/each}}
            """)
        let r = p.check()
        #expect(r.codes == ["E0463", "E0463"], "\(r.rendered)")
        #expect(r.types("templates/posts/show.html", "post.editor.name") == [.scalar(.string), .error])
    }

    @Test func contextFieldsShadowGlobalsAndEachShadowsContext() {
        var p = Self.project(nil)
        p.route("/g", page: "g", [("request_path", .scalar(.int)), ("posts", .list(BlogModel.post()))])
        p.addTemplate("templates/g.html", "{{request_path}}{{csrf_token}}{{#each posts as |request_path i|}}{{request_path.title}}{{i}}{{this.views}}{{@index}}{{/each}}")
        let r = p.check()
        #expect(r.diagnostics.isEmpty, "\(r.rendered)")
        #expect(r.type("templates/g.html", "request_path") == .scalar(.int))
        #expect(r.root("templates/g.html", "request_path") == .context("request_path"))
        #expect(r.root("templates/g.html", "csrf_token") == .global(.csrfToken))
        #expect(r.type("templates/g.html", "request_path.title") == .scalar(.string))
        #expect(r.type("templates/g.html", "i") == .scalar(.int))
        #expect(r.type("templates/g.html", "this.views") == .scalar(.int))
        #expect(r.type("templates/g.html", "@index") == .scalar(.int))
        if case .eachIndex = r.root("templates/g.html", "i") {} else { Issue.record("`i` is not the each index") }
        if case .this(let id) = r.root("templates/g.html", "this.views") { #expect(id != nil) } else { Issue.record("no `this` root") }
    }

    @Test func layoutsAreCheckedPerPageContext() throws {
        let r = Self.project("errors-layouts").check()
        let missing = r.diagnostics.filter { $0.code == "E0460" }
        // `user.name` is read by the layout; posts/show's context has no `user`: one error, naming that page.
        #expect(missing.count == 1)
        #expect(missing.first?.notes.first?.contains("templates/posts/show.html") == true)
        #expect(r.template("templates/users/show.html")?.layout == "templates/layouts/app.html")
        #expect(r.template("templates/posts/index.html")?.layout == nil)
    }

    @Test func partialContextsJoinTheLoadedRelations() {
        let r = Self.project("errors-partials").check()
        // posts/_list: the route gives posts without `author`, the call site with it: author is not loaded.
        #expect(r.template("templates/posts/_list.html")?.context.first?.type == .list(BlogModel.post()))
        #expect(r.template("templates/posts/_card.html")?.context == [ServerField(name: "post", type: BlogModel.post(["author"]))])
        #expect(r.diagnostics.filter { $0.code == "E0474" }.count == 1)
    }

    @Test func aPartialRenderedByARouteMustAgreeWithItsCallers() throws {
        var p = Self.project(nil)
        p.addTemplate("templates/posts/index.html", "{{> posts/_list posts=posts}}\n")
        p.addTemplate("templates/posts/_list.html", "{{#each posts as |post|}}{{post.title}}{{/each}}{{q}}\n")
        let r = p.check()
        #expect(r.codes == ["E0472"], "\(r.rendered)")
        let d = try #require(r.diagnostics.first)
        #expect(d.notes.contains("`GET /posts/search` renders it with `posts: [Post]`, `q: string`"))
        #expect(d.help.first == "pass `q`")
        // The route's context stands; the partial is checked with it.
        #expect(r.template("templates/posts/_list.html")?.context.map(\.name) == ["posts", "q"])
    }

    @Test func neverTrapsOnBrokenTemplates() {
        var p = Self.project(nil)
        for (i, text) in ["{{", "{{#each}}", "{{> }}", "{{#if (eq)}}{{/if}}", "{{#component}}", "{{this.}}", "{{{}}}",
                          "{{#each posts as |p|}}{{> users/_x a=p.b.c}}{{/each}}", "{{yield}}{{yield}}", "{{@index.x}}"].enumerated() {
            p.addTemplate("templates/broken\(i).html", text)
            p.addTemplate("templates/layouts/broken\(i).html", text)
            p.addTemplate("templates/_broken\(i).html", text)
        }
        let r = p.check()
        #expect(r.templates.count == 30)
    }

    @Test func checkingIsDeterministic() {
        let a = Self.project("errors-partials").check()
        let b = Self.project("errors-partials").check()
        #expect(a.rendered == b.rendered)
        #expect(a.templates.map(\.types) == b.templates.map(\.types))
    }
}
