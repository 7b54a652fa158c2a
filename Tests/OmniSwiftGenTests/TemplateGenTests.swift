import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import OmniTestSupport
import Testing
@testable import OmniSwiftGen

/// The generated Swift of templates: goldens under `Fixtures/swiftgen/templates/`
/// (re-record with `OMNI_RECORD=1`), plus the properties each golden must show.
@Suite struct TemplateGenTests {
    static let goldens = fixturesDirectory() + "/swiftgen/templates"

    /// Every generated file of `program`, rendered, by path.
    static func rendered(_ program: ServerProgram, _ sources: SourceMap, components: [TypedComponent] = []) -> [String: String] {
        var out: [String: String] = [:]
        for f in HTMLGen.files(program, sources: sources, components: components) {
            out[f.path] = SwiftRenderer.file(SwiftFile(path: f.path, header: "", declarations: f.decls))
        }
        return out
    }

    static func render(_ templates: [TemplateFixtures.Source], components: [TypedComponent] = []) -> [String: String] {
        let (program, sources) = TemplateFixtures.program(templates)
        return rendered(program, sources, components: components)
    }

    // MARK: - The blog

    @Test func blogTemplatesAndPages() {
        let (program, sources, components) = TemplateFixtures.blog()
        let files = Self.rendered(program, sources, components: components)
        #expect(files.keys.sorted() == [
            "Sources/App/Pages.swift",
            "Sources/App/Templates/index.swift",
            "Sources/App/Templates/layouts__nav.swift",
            "Sources/App/Templates/posts__card.swift",
            "Sources/App/Templates/posts_show.swift",
            "Sources/App/Templates/users__results.swift",
            "Sources/App/Templates/users__row.swift",
            "Sources/App/Templates/users_index.swift",
            "Sources/App/Templates/users_show.swift",
        ])
        for (path, text) in files {
            let name = "blog/" + (path as NSString).lastPathComponent
            assertSnapshot(text, named: name, in: Self.goldens)
        }
        let index = files["Sources/App/Templates/index.swift"] ?? ""
        // The layout is inlined around the page, under `if layout`.
        #expect(index.contains("if layout {\n        // templates/layouts/app.html:1\n        out.raw(\"<!DOCTYPE html>"))
        #expect(index.contains("omni_render_layouts__nav(&out, Omni_Context_layouts__nav(path: env.requestPath), env, layout: false)"))
        #expect(index.contains("TemplateSupport.eq(ctx.users, 1)"))
        #expect(index.contains("omni_ssr_Counter(&out, label: \"Likes\", start: 3.0)"))
        #expect(index.contains("omni_ssr_TodoList(&out, title: \"Reading list\")"))
        let card = files["Sources/App/Templates/posts__card.swift"] ?? ""
        // A relation is optional in Swift: read through `map`, printed when present.
        #expect(card.contains("if let omni_v1 = ctx.post.author.map({ $0.id }) {\n        out.int(omni_v1)"))
        #expect(card.contains("out.text(TemplateSupport.formatDate(ctx.post.createdAt, \"yyyy-MM-dd\"))"))
        let usersIndex = files["Sources/App/Templates/users_index.swift"] ?? ""
        #expect(usersIndex.contains("out.attributeValue(env.csrfToken)"))
        let show = files["Sources/App/Templates/users_show.swift"] ?? ""
        #expect(show.contains("out.attributeValue(ctx.user.email)"), "mailto: fixes the scheme")
        #expect(show.contains("out.text(ctx.user.role.rawValue)"))
        let pages = files["Sources/App/Pages.swift"] ?? ""
        #expect(pages.contains("func omni_route_0(_ request: inout Request, _ db: any SQLExecutor) async -> Response {"))
        #expect(pages.contains("let env = RenderEnvironment.page(&request, csrf: true)"), "users/index reads csrf_token")
        #expect(pages.contains("omni_render_users_show(&out, ctx, env, layout: !request.isHTMX)"))
        #expect(!pages.contains("omni_route_5"), "a redirect has no page handler")
    }

    // MARK: - Focused cases

    @Test func escapingFollowsTheHTMLContext() {
        let text = """
        <p title="{{s}}" class={{s}}>{{s}}</p>
        <a href="{{s}}">a</a><a href=/x/{{s}}>b</a><a href="/x/{{s}}?q={{s}}&r={{n}}">c</a><a href="ja{{s}}">d</a>
        <button onclick="go('{{s}}')" style="color: {{s}}">x</button>
        <input {{s}}><iframe srcdoc="{{s}}"></iframe>
        <!-- {{s}} -->
        <script>var s = {{s}}, n = {{n}};</script><style>p { color: {{s}} }</style>
        {{{s}}} <span data-n="{{n}}" data-f="{{f}}" data-b="{{b}}">{{d}} {{u}} {{o}}</span>
        """
        let files = Self.render([.init("templates/escaping.html", text, context: [
            ServerField(name: "s", type: .scalar(.string)), ServerField(name: "n", type: .scalar(.int)),
            ServerField(name: "f", type: .scalar(.float)), ServerField(name: "b", type: .scalar(.bool)),
            ServerField(name: "d", type: .scalar(.datetime)), ServerField(name: "u", type: .scalar(.uuid)),
            ServerField(name: "o", type: .optional(.scalar(.string))),
        ])])
        let out = files["Sources/App/Templates/escaping.swift"] ?? ""
        assertSnapshot(out, named: "escaping.swift", in: Self.goldens)
        let calls = out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("out.") && !$0.hasPrefix("out.raw(") }
        #expect(calls == [
            "out.attributeValue(ctx.s)", "out.unquotedAttributeValue(ctx.s)", "out.text(ctx.s)",
            "out.urlValue(ctx.s)", "out.unquotedAttributeValue(ctx.s)", "out.attributeValue(ctx.s)", "out.urlComponent(ctx.s)",
            "out.int(ctx.n)", "out.urlValue(ctx.s)",
            "out.jsString(ctx.s)", "out.cssValue(ctx.s)",
            "out.attributeName(ctx.s)", "out.htmlInAttribute(ctx.s)",
            "out.text(ctx.s)",
            "out.jsString(ctx.s)", "out.int(ctx.n)", "out.cssValue(ctx.s)",
            "out.rawTrusted(ctx.s)", "out.int(ctx.n)", "out.number(ctx.f)", "out.bool(ctx.b)",
            "out.text(TemplateSupport.iso8601(ctx.d))", "out.text(ctx.u.uuidString)", "out.text(omni_v1)",
        ])
    }

    @Test func eachWithElseAndLoopVariables() {
        let text = """
        <ul>{{#each users as |user i|}}<li class="{{#if @first}}first{{/if}}{{#if @last}} last{{/if}}">{{i}}. {{@index}} {{user.name}}{{#each user.posts as |p|}}{{p.title}}{{/each}}</li>{{else}}<li>none</li>{{/each}}</ul>
        {{#each users as |user|}}{{this.email}}{{/each}}
        """
        let files = Self.render([.init("templates/list.html", text, context: [
            ServerField(name: "users", type: .list(.entity("User", loaded: ["posts"]))),
        ])])
        let out = files["Sources/App/Templates/list.swift"] ?? ""
        assertSnapshot(out, named: "each.swift", in: Self.goldens)
        #expect(out.contains("let omni_list1 = ctx.users"))
        #expect(out.contains("if omni_list1.isEmpty {"))
        #expect(out.contains("for (omni_n2, user) in omni_list1.enumerated() {"))
        #expect(out.contains("let i = Int64(omni_n2)"))
        #expect(out.contains("if omni_n2 == omni_list1.count - 1 {"))
        #expect(out.contains("for p in user.posts ?? [] {"), "a to-many relation is optional in Swift")
        #expect(out.contains("for user in ctx.users {"), "no position, no list binding when unused")
    }

    @Test func nestedConditionsAndTruthiness() {
        let text = """
        {{#if a}}A{{else if (and b (not c))}}B{{else if (eq role "admin")}}R{{else}}{{#unless (gt n 2.5)}}N{{/unless}}{{/if}}
        {{#if u}}{{u.name}}{{/if}}{{#if o}}{{o}}{{/if}}{{#if list}}L{{/if}}{{#if (eq o null)}}nil{{/if}}
        {{upper (default o "x")}} {{truncate a 10}} {{length list}} {{format_number n 2}} {{format_number f}} {{lower role}}
        """
        let files = Self.render([.init("templates/cond.html", text, context: [
            ServerField(name: "a", type: .scalar(.string)), ServerField(name: "b", type: .scalar(.bool)),
            ServerField(name: "c", type: .scalar(.int)), ServerField(name: "role", type: .enumeration("Role")),
            ServerField(name: "n", type: .scalar(.int)), ServerField(name: "f", type: .scalar(.float)),
            ServerField(name: "u", type: .optional(.entity("User", loaded: []))),
            ServerField(name: "o", type: .optional(.scalar(.string))),
            ServerField(name: "list", type: .list(.scalar(.string))),
        ])])
        let out = files["Sources/App/Templates/cond.swift"] ?? ""
        assertSnapshot(out, named: "conditions.swift", in: Self.goldens)
        #expect(out.contains("if TemplateSupport.truthy(ctx.a) {"))
        #expect(out.contains("} else if (ctx.b && !TemplateSupport.truthy(ctx.c)) {"))
        #expect(out.contains("} else if TemplateSupport.eq(ctx.role, Omni_Role.admin) {"))
        #expect(out.contains("if !TemplateSupport.gt(Double(ctx.n), 2.5) {"))
        #expect(out.contains("if ctx.u != nil {"))
        #expect(out.contains("ctx.u.map({ $0.name })"))
        #expect(out.contains("TemplateSupport.eq(ctx.o, nil)"))
        #expect(out.contains("TemplateSupport.upper(TemplateSupport.withDefault(ctx.o, \"x\"))"))
        #expect(out.contains("TemplateSupport.formatNumber(ctx.n, decimals: 2)"))
        #expect(out.contains("TemplateSupport.lower(ctx.role.rawValue)"))
    }

    @Test func partialsAndComponents() {
        let page = """
        {{#each posts as |post|}}{{> posts/_byline author=post.author n=1 when=post.createdAt}}{{/each}}
        {{#component "Counter" start=n label=title}}{{/component}}{{#component "Unknown" x=1 y="s"}}{{/component}}
        """
        let partial = "<span>{{author.name}} {{n}}</span>{{#if note}}{{note}}{{/if}}"
        let files = Self.render([
            .init("templates/feed.html", page, context: [
                ServerField(name: "posts", type: .list(TemplateFixtures.postWithAuthor)),
                ServerField(name: "n", type: .scalar(.int)), ServerField(name: "title", type: .scalar(.string)),
            ]),
            .init("templates/posts/_byline.html", partial, context: [
                ServerField(name: "author", type: TemplateFixtures.user), ServerField(name: "n", type: .scalar(.float)),
                ServerField(name: "note", type: .optional(.scalar(.string))), ServerField(name: "when", type: .scalar(.datetime)),
            ]),
        ], components: TemplateFixtures.components(["Counter"]))
        let feed = files["Sources/App/Templates/feed.swift"] ?? ""
        assertSnapshot(feed, named: "partials.swift", in: Self.goldens)
        #expect(feed.contains("if let omni_a1 = post.author {\n"))
        #expect(feed.contains("omni_render_posts__byline(&out, Omni_Context_posts__byline(author: omni_a1, n: 1.0, note: nil, when: post.createdAt), env, layout: false)"))
        #expect(feed.contains("omni_ssr_Counter(&out, label: ctx.title, start: Double(ctx.n))"), "prop order, ints as Double")
        #expect(feed.contains("omni_ssr_Unknown(&out, x: 1.0, y: \"s\")"), "a component without props: arguments as written")
        let byline = files["Sources/App/Templates/posts__byline.swift"] ?? ""
        #expect(byline.contains("struct Omni_Context_posts__byline: Sendable {"))
        #expect(byline.contains("let note: String?"))
    }

    @Test func layoutsAreInlinedAroundThePage() {
        let layout = "<html><body>{{#if (eq request_path \"/\")}}<b>home</b>{{/if}}{{yield}}<footer>{{title}}</footer></body></html>"
        let nested = "<html>{{#if title}}<h1>{{title}}</h1>{{yield}}{{else}}{{yield}}{{/if}}</html>"
        let files = Self.render([
            .init("templates/layouts/app.html", layout),
            .init("templates/layouts/nested.html", nested),
            .init("templates/home.html", "{{! layout: app }}\n<p>{{title}}</p>", context: [ServerField(name: "title", type: .scalar(.string))]),
            .init("templates/other.html", "{{! layout: nested }}\n<p>{{title}}</p>", context: [ServerField(name: "title", type: .scalar(.string))]),
        ])
        #expect(files["Sources/App/Templates/layouts_app.swift"] == nil, "a layout has no function of its own")
        let home = files["Sources/App/Templates/home.swift"] ?? ""
        let other = files["Sources/App/Templates/other.swift"] ?? ""
        assertSnapshot(home, named: "layout.swift", in: Self.goldens)
        assertSnapshot(other, named: "layout-nested.swift", in: Self.goldens)
        #expect(home.contains("if TemplateSupport.eq(env.requestPath, \"/\") {"))
        #expect(home.contains("out.raw(\"</p>\")\n    if layout {\n        // templates/layouts/app.html:1\n        out.raw(\"<footer>\")"))
        #expect(other.contains("    if layout {\n"))
        #expect(other.contains("    } else {\n        // templates/other.html:2\n        out.raw(\"\\n<p>\")"))
    }

    @Test func blockParametersNeverClashWithGeneratedNames() {
        #expect(TemplateGen.localName("user") == "user")
        #expect(TemplateGen.localName("out") == "omni_out")
        #expect(TemplateGen.localName("ctx") == "omni_ctx")
        #expect(TemplateGen.localName("Int64") == "omni_Int64")
        #expect(TemplateGen.localName("omni_x") == "omni_omni_x")
        #expect(TemplateGen.localName("default") == "default", "keywords are backticked by the renderer")
    }

    @Test func aComponentInsideSVGGetsAnSVGRoot() {
        let page = """
        <svg viewBox="0 0 10 10"><g>{{#component "Counter" label=title}}{{/component}}</g></svg>
        {{#component "Counter" label=title}}{{/component}}
        <svg><foreignObject>{{#component "Counter" label=title}}{{/component}}</foreignObject><svg/>{{#component "Counter" label=title}}{{/component}}</svg>
        """
        let files = Self.render([.init("templates/chart.html", page, context: [ServerField(name: "title", type: .scalar(.string))])],
                                components: TemplateFixtures.components(["Counter"]))
        let chart = files["Sources/App/Templates/chart.swift"] ?? ""
        let calls = chart.components(separatedBy: "\n").filter { $0.contains("omni_ssr_Counter(") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(calls == [
            "omni_ssr_Counter(&out, label: ctx.title, omni_svg: true)",
            "omni_ssr_Counter(&out, label: ctx.title)",
            "omni_ssr_Counter(&out, label: ctx.title)",
            "omni_ssr_Counter(&out, label: ctx.title, omni_svg: true)",
        ], "\(chart)")
    }

    @Test func theTrackerFollowsQuotesAndURLParts() {
        var t = AttributeTracker()
        t.feed("<a href=\"/x?")
        #expect(t.position(for: .attribute("href")) == .attribute(.url(.query), quoted: true))
        t = AttributeTracker()
        t.feed("<script>if (a < b) { x = '<a href=\"' }</script><a href=")
        #expect(t.position(for: .attribute("href")) == .attribute(.url(.start), quoted: false))
        t = AttributeTracker()
        t.feed("<!-- <a title=\" --><a title=")
        #expect(t.position(for: .attribute("title")) == .attribute(.plain, quoted: false))
        let a = { var x = AttributeTracker(); x.feed("<a href=\"/p"); return x }()
        let b = { var x = AttributeTracker(); x.feed("<a href=\""); return x }()
        #expect(AttributeTracker.merge([a, b]).position(for: .attribute("href")) == .attribute(.url(.start), quoted: true))
        t = AttributeTracker()
        t.feed("<SVG width=\"4\"><foreignObject><div>")
        #expect(!t.inSVG)
        t.feed("</div></foreignObject >")
        #expect(t.inSVG)
        t.feed("</svg><svg/>")
        #expect(!t.inSVG)
    }
}
