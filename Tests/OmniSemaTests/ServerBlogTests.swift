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
        return checkServer(files: [("app.omni", app)], templateFiles: templates.sorted { $0.0 < $1.0 })
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
