import OmniBase
import Testing
@testable import OmniSyntax

/// `{{! layout: app }}`, `{{yield}}` and the kinds of template files.
@Suite struct TemplateLayoutTests {
    @Test func kindsComeFromThePath() {
        #expect(TemplateKind.of(path: "templates/users/index.html") == .page)
        #expect(TemplateKind.of(path: "templates/users/_row.html") == .partial)
        #expect(TemplateKind.of(path: "templates/layouts/app.html") == .layout)
        #expect(TemplateKind.of(path: "templates/layouts/_nav.html") == .partial)
    }

    @Test func layoutDirective() throws {
        let p = parseTemplate("{{! layout: app }}\n<h1>Users</h1>")
        #expect(p.diagnostics.isEmpty)
        #expect(p.tree.layout?.name.name == "app")
        #expect(p.tree.layout?.path == "templates/layouts/app.html")
        #expect(p.tree.layout.map { p.text($0.name.span) } == "app")
        #expect(p.shape.hasPrefix("Layout app"))
        #expect(parseTemplate("{{!-- layout: admin/base --}}").tree.layout?.name.name == "admin/base")
        // Other comments are just comments.
        #expect(parseTemplate("{{! the layout is chosen by the route }}").tree.layout == nil)
    }

    @Test func layoutDirectiveErrors() throws {
        let twice = parseTemplate("{{! layout: app }}{{! layout: admin }}")
        #expect(twice.codes == ["E0727"])
        #expect(twice.tree.layout?.name.name == "app")
        #expect(parseTemplate("{{#if a}}{{! layout: app }}{{/if}}").codes == ["E0727"])
        #expect(parseTemplate("{{! layout: app }}", path: "templates/users/_row.html").codes == ["E0727"])
        #expect(parseTemplate("{{! layout: layouts/app.html }}").first("E0727")?.fixes.first?.edits.first?.replacement == "app")
        #expect(parseTemplate("{{! layout: }}").codes == ["E0727"])
        #expect(parseTemplate("{{! layout: a b }}").codes == ["E0727"])
    }

    @Test func yieldInLayouts() throws {
        let layout = "<html><body>{{yield}}</body></html>"
        let p = parseTemplate(layout, path: "templates/layouts/app.html")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        #expect(p.tree.kind == .layout)
        #expect(p.shape.contains("Yield"))
        #expect(parseTemplate(layout).codes == ["E0728"])
        let raw = parseTemplate("{{{yield}}}", path: "templates/layouts/app.html")
        #expect(raw.codes == ["E0728"])
        #expect(raw.first("E0728")?.fixes.first?.edits.first?.replacement == "{{yield}}")
        #expect(parseTemplate("<title>{{yield}}</title><p title=\"{{yield}}\"></p>", path: "templates/layouts/a.html").codes == ["E0732"])
    }
}
