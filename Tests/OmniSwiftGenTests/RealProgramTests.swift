import Foundation
import OmniBase
import OmniDriver
import OmniSwiftGen
import OmniTestSupport
import Testing

/// The example project through the real front end and checkers: its generated template and
/// page code equals the goldens pinned from hand-built models.
@Suite struct RealProgramGenTests {
    @Test func exampleTemplatesMatchTheGoldens() throws {
        let report = try Checker.check(paths: [fixturesDirectory() + "/projects/blog"])
        #expect(report.errorCount == 0)
        let frontend = try #require(report.frontend)
        let files = TemplateGenTests.rendered(frontend.server, report.sources, components: frontend.program.components)
        for (path, text) in files {
            assertSnapshot(text, named: "blog/" + (path as NSString).lastPathComponent, in: TemplateGenTests.goldens)
        }
    }
}

/// `via` through the real front end: two to-many relations onto the same entity, each
/// loaded through the to-one field it names.
@Suite struct ViaRelationGenTests {
    static let app = """
        <schema>
          entity User {
            name:  string
            posts: [Post] via author
            edits: [Post] via editor
          }
          entity Post { title: string, author: User, editor: User? }
        </schema>

        <routes>
          get "/u/:id" => json { user: User.find(id).include(posts, edits) }
        </routes>
        """

    @Test func eachRelationIsLoadedThroughItsOwnField() throws {
        let report = Checker.check(files: [(path: "app.omni", bytes: Array(Self.app.utf8))])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let frontend = try #require(report.frontend)
        let user = try #require(frontend.server.entity(named: "User"))
        #expect(user.field(named: "posts")?.relation == .toMany(entity: "Post", inverse: "author"))
        #expect(user.field(named: "edits")?.relation == .toMany(entity: "Post", inverse: "editor"))
        let files = Dictionary(uniqueKeysWithValues: DataGen.swiftFiles(frontend.server, sources: report.sources).map { ($0.path, SwiftRenderer.file($0)) })
        let queries = try #require(files["Sources/App/Queries.swift"])
        func loader(_ relation: String) -> Substring {
            let name = QueryGen.includeLoaderName(entity: "User", relation: relation)
            guard let start = queries.range(of: "func \(name)(") else { return "" }
            let rest = queries[start.upperBound...]
            return rest[..<(rest.range(of: "\n}\n")?.lowerBound ?? rest.endIndex)]
        }
        #expect(loader("posts").contains("\\\"author_id\\\" IN"), "\(loader("posts"))")
        #expect(loader("edits").contains("\\\"editor_id\\\" IN"), "\(loader("edits"))")
        #expect(!loader("edits").contains("author_id"), "\(loader("edits"))")
    }
}

/// `order(…)` through relations: one aliased, correlated subquery per relation followed.
@Suite struct RelatedSortGenTests {
    @Test func aRelationOntoTheSameTableReadsTheRelatedRow() throws {
        let app = """
            <schema>
              entity Team { name: string }
              entity User { name: string, manager: User?, team: Team }
            </schema>
            <routes>
              get "/u" => json { users: User.all().order(manager.name, -manager.team.name, name) }
            </routes>
            """
        let report = Checker.check(files: [(path: "app.omni", bytes: Array(app.utf8))])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let frontend = try #require(report.frontend)
        let queries = try #require(DataGen.swiftFiles(frontend.server, sources: report.sources)
            .first { $0.path == "Sources/App/Queries.swift" }.map(SwiftRenderer.file))
        let manager = #"(SELECT o1.\"name\" FROM \"users\" AS o1 WHERE o1.\"id\" = \"users\".\"manager_id\") ASC NULLS LAST"#
        let team = #"(SELECT (SELECT o2.\"name\" FROM \"teams\" AS o2 WHERE o2.\"id\" = o1.\"team_id\") FROM \"users\" AS o1 WHERE o1.\"id\" = \"users\".\"manager_id\") DESC NULLS FIRST"#
        #expect(queries.contains(" ORDER BY \(manager), \(team), \\\"name\\\" ASC"), "\(queries)")
    }
}
