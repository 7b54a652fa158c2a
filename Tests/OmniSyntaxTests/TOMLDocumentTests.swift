import OmniBase
import OmniSyntax
import Testing

/// Lookups and typed accessors, as the driver reads `omni.toml` and `blueprint.toml`.
@Suite("TOML: document accessors")
struct TOMLDocumentTests {
    static let manifest = """
        [project]
        name = "blog"

        [server]
        host = "127.0.0.1"
        port = "8080"

        [database]
        url = "sqlite://blog.db"

        [build]
        opt_level = 2
        """

    @Test func lookupsFindValuesWithTheirSpans() throws {
        let r = TOMLTestSupport.parse(Self.manifest)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        let name = try #require(r.document["project"]?["name"])
        #expect(name.string == "blog")
        #expect(r.file.text(name.span) == "\"blog\"")
        #expect(r.document.value(at: ["build", "opt_level"])?.integer == 2)
        #expect(r.document.int("build", "opt_level").0 == 2)
        #expect(r.document.string("database", "url").0 == "sqlite://blog.db")
        let entry = try #require(r.document["server"]?.table?.entry("host"))
        #expect(r.file.text(entry.key.span) == "host")
        #expect(r.document.root.keys == ["project", "server", "database", "build"])
        let serverTable = try #require(r.document["server"])
        #expect(r.file.text(serverTable.span) == "[server]")
    }

    @Test func wrongTypeIsReportedAtTheValue() throws {
        let r = TOMLTestSupport.parse(Self.manifest)
        let (port, problem) = r.document.int("server", "port")
        #expect(port == nil)
        let d = try #require(problem)
        #expect(d.code == "E0628")
        #expect(d.message == "expected an integer for `server.port`, found a string")
        #expect(r.file.text(d.span) == "\"8080\"")
        #expect(d.fixes.first?.edits.first?.replacement == "8080")
    }

    @Test func missingKeysAreNilWithoutDiagnostics() {
        let r = TOMLTestSupport.parse(Self.manifest)
        let (v, d) = r.document.int("server", "workers")
        #expect(v == nil && d == nil)
        let (w, e) = r.document.string("nope", "x")
        #expect(w == nil && e == nil)
    }

    @Test func aPathThroughAValueIsReported() throws {
        let r = TOMLTestSupport.parse(Self.manifest)
        let d = try #require(r.document.int("project", "name", "length").1)
        #expect(d.code == "E0628")
        #expect(d.message.contains("expected a table for `project.name`"))
    }

    @Test func floatsAcceptIntegersAndStringsGetAQuoteFix() throws {
        let r = TOMLTestSupport.parse("ratio = 2\nlabel = 42\n")
        #expect(r.document.float("ratio").0 == 2.0)
        let d = try #require(r.document.string("label").1)
        #expect(d.fixes.first?.edits.first?.replacement == "\"42\"")
    }

    @Test func unknownKeysSuggestTheClosest() throws {
        let r = TOMLTestSupport.parse("[sever]\nport = 1\n[build]\nopt_levle = 2\n")
        let top = r.document.unknownKeys(allowed: ["project", "server", "database", "build"])
        #expect(top.count == 1)
        #expect(top.first?.help == ["did you mean `server`?"])
        #expect(top.first.map { r.file.text($0.span) } == "sever")
        let inBuild = r.document.unknownKeys(in: ["build"], allowed: ["opt_level"])
        #expect(inBuild.first?.fixes.first?.edits.first?.replacement == "opt_level")
    }

    @Test func arraysOfTablesReadAsArraysOfTables() throws {
        let r = TOMLTestSupport.parse("""
            [[entity]]
            name = "Post"
            [[entity]]
            name = "User"
            [entity.fields]
            email = "string"
            """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        let entities = try #require(r.document.array("entity").0)
        #expect(entities.map { $0["name"]?.string } == ["Post", "User"])
        #expect(entities[1]["fields"]?["email"]?.string == "string")
        #expect(r.file.text(entities[0].span) == "[[entity]]")
    }
}
