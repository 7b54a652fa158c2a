import OmniBase
import Testing
@testable import OmniSyntax

/// Errors of `<routes>` blocks, recovery, and robustness against hostile input.
@Suite struct RoutesRecoveryTests {
    @Test func misspeltKeywordsAndVerbsAreSuggestedAndStillParsed() {
        let r = parseRoutesBody("scpoe \"/\" through browser {\n  gte \"/a\" => page \"a\"\n  GET \"/b\" => page \"b\"\n}\npipline api { logger }")
        #expect(r.codes == ["E0756", "E0756", "E0756", "E0756"], "\(r.report)")
        #expect(r.diagnostics.map { $0.fixes.first?.edits.first?.replacement } == ["scope", "get", "get", "pipeline"])
        guard case .scope(let s) = r.block.items.first?.kind else { Issue.record("no scope"); return }
        #expect(s.items.count == 2)
        #expect(r.block.items.count == 2)
    }

    @Test func pathWithoutVerbAndUnknownItems() {
        let r = parseRoutesBody("\"/users\" => page \"users/index\"\nhead \"/x\" => page \"x\"\nfoo bar\nentity User { name: string }")
        #expect(r.codes == ["E0756", "E0756", "E0756", "E0757"], "\(r.report)")
        #expect(r.diagnostics[0].fixes.first?.edits.first?.replacement == "get ")
        #expect(r.diagnostics[1].notes.first?.contains("HEAD") == true)
    }

    @Test func arrowMistakes() {
        let r = parseRoutesBody("get \"/a\" -> page \"a\"\nget \"/b\" = page \"b\"\nget \"/c\" page \"c\"\nget \"/d\"\nresources \"/e\" Post")
        #expect(r.codes == ["E0771", "E0771", "E0771", "E0771", "E0771"], "\(r.report)")
        #expect(r.diagnostics.prefix(3).map { $0.fixes.first?.edits.first?.replacement } == ["=>", "=>", " =>"])
        #expect(r.block.items.count == 5)
    }

    @Test func badPaths() {
        let r = parseRoutesBody("""
        get "" => page "a"
        get "a" => page "a"
        get "/a//b" => page "a"
        get "/a/" => page "a"
        get "/:id/:id" => page "a"
        get "/:" => page "a"
        get "/:1x" => page "a"
        get "/*rest/x" => page "a"
        get "/a b" => page "a"
        get "/{id}" => page "a"
        get "/a%zz" => page "a"
        get "/a\\tb" => page "a"
        get "/s?q&page" => page "a"
        get "/s#top" => page "a"
        scope /api {
        }
        scope "/x/*rest" { }
        """)
        #expect(r.codes == ["E0772", "E0772", "E0773", "E0773", "E0774", "E0775", "E0775", "E0775", "E0775", "E0775",
                            "E0775", "E0775", "E0776", "E0776", "E0754", "E0775"], "\(r.report)")
        let query = r.diagnostics[12]
        #expect(query.fixes.first?.edits.map(\.replacement) == ["", " (q: string, page: string)"])
        #expect(r.block.items.count == 16)
    }

    @Test func redirectsAndTemplateNames() {
        let r = parseRoutesBody("""
        get "/a" => redirect "b"
        get "/a" => redirect "https://example.com"
        get "/a" => page ""
        get "/a" => page "/x"
        get "/a" => page "x.html"
        get "/a" => page "a/../b"
        get "/a" => page
        get "/a" => "index"
        get "/a" => Post
        get "/a" => jsn { x: A.all() }
        get "/a" => json
        """)
        #expect(r.codes == ["E0772", "E0786", "E0786", "E0786", "E0786", "E0754", "E0777", "E0777", "E0777", "E0754"], "\(r.report)")
    }

    @Test func pipelineAndPlugErrors() {
        let r = parseRoutesBody("""
        pipeline api { logger, rateLimit(10, per: minute), auth(bearer, }
        pipeline { logger }
        pipeline web logger
        scope "/" {
          pipeline inner { logger }
        }
        """)
        #expect(r.codes == ["E0778", "E0754", "E0754", "E0754", "E0779"], "\(r.report)")
        #expect(r.diagnostics[0].fixes.first?.edits.first?.replacement == "rate_limit")
    }

    @Test func scopeHeaderErrors() {
        let r = parseRoutesBody("scope \"/\" browser { }\nscope \"/a\" thorugh api { }\nscope \"/b\" through { }\nscope \"/c\" through a")
        #expect(r.codes == ["E0754", "E0756", "E0754", "E0754"], "\(r.report)")
        guard case .scope(let s) = r.block.items.first?.kind else { Issue.record("no scope"); return }
        #expect(s.pipelines.map(\.name) == ["browser"])
    }

    /// A name (`u: User`) passes the parser: whether it is an enum (allowed) or an entity
    /// (E0455) is the routes checker's question.
    @Test func queryParameterErrors() {
        let r = parseRoutesBody("get \"/s/:q\" (q: string, n: int, n: int, u: User, l: [Post], j: json, x, y: strng) => page \"s\"")
        #expect(r.codes == ["E0784", "E0784", "E0785", "E0785", "E0754", "E0762"], "\(r.report)")
        #expect(r.diagnostics[0].labels.first?.message == "a path parameter of the same name")
    }

    @Test func queryErrors() {
        let r = parseRoutesBody("""
        get "/" => page "a" {
          a: User
          b: user.all()
          c: User.wher(x == 1)
          d: User.find()
          e: User.all(1)
          f: User.where(a == 1, b == 2)
          g: User.order()
          h: User.all
          i: User.where(0 < x <= 5)
          j: User.where(x == )
          k: User.filter(x == 1)
          l: User(1)
          m: User.where(not x or y)
          a: User.first()
        }
        """)
        #expect(r.codes == ["E0782", "E0782", "E0781", "E0782", "E0782", "E0782", "E0782", "E0754", "E0783", "E0754",
                            "E0781", "E0782", "E0754", "E0754", "E0784"], "\(r.report)")
        #expect(r.diagnostics[10].fixes.first?.edits.first?.replacement == "where")
    }

    @Test func resourcesErrors() {
        let r = parseRoutesBody("""
        resources "/a" => post
        resources "/b" => B only: [index, destroy, shw]
        resources "/c" => C only: [list] except: [show]
        resources "/d" => D only: []
        resources "/e" => E onyl: [list]
        resources "/f" => F only [list]
        """)
        #expect(r.codes == ["E0754", "E0780", "E0780", "E0780", "E0780", "E0780", "E0780", "E0754"], "\(r.report)")
    }

    @Test func strayTokensAndBraces() {
        let r = parseRoutesBody("get \"/a\" => page \"a\" extra words\n}\nget \"/b\" => json { x: A.all() y: B.all() }")
        #expect(r.codes == ["E0759", "E0754", "E0759"], "\(r.report)")
    }

    @Test func unclosedBindingsStopAtTheNextRoute() throws {
        let r = parseRoutesBody("get \"/a\" => page \"a\" { x: A.all()\nget \"/b\" => page \"b\"")
        #expect(r.codes == ["E0755"], "\(r.report)")
        let d = try #require(r.diagnostics.first)
        #expect(d.labels.map { r.file.text($0.span) } == ["{"])
        #expect(r.block.items.count == 2)
    }

    @Test func unclosedScopeAtTheEndOfTheBlock() throws {
        let r = parseRoutesBody("scope \"/\" through web {\n  get \"/\" => page \"index\"\n")
        #expect(r.codes == ["E0755"], "\(r.report)")
        #expect(r.diagnostics.first?.fixes.first?.edits.first?.replacement == "\n}")
    }

    @Test func aUnterminatedStringIsOneError() {
        let r = parseRoutesBody("get \"/a\" => page \"a\"\nget \"/b\" => page \"b { x: A.all() }\nget \"/c\" => page \"c\"")
        #expect(r.codes == ["E0751"], "\(r.report)")
        #expect(r.block.items.count == 3)
    }

    // MARK: - robustness

    @Test(arguments: ["(", "[", "!", "-"])
    func twentyThousandNestedOperatorsGiveOneError(_ opener: String) {
        let closer = opener == "(" ? ")" : opener == "[" ? "]" : ""
        let n = 20_000
        let text = "get \"/\" => json { x: A.where(" + String(repeating: opener, count: n) + "a"
            + String(repeating: closer, count: n) + ") }"
        let r = parseRoutesBody(text)
        #expect(r.codes == ["E0758"], "\(r.report)")
    }

    @Test func twentyThousandNestedScopesGiveOneError() {
        let n = 20_000
        let text = String(repeating: "scope \"/a\" {\n", count: n) + "get \"/\" => page \"x\"\n" + String(repeating: "}\n", count: n)
        let r = parseRoutesBody(text)
        #expect(r.codes == ["E0758"], "\(r.report)")
    }

    @Test func unbalancedDeepNestingTerminates() {
        let r = parseRoutesBody(String(repeating: "scope \"/a\" {", count: 5_000) + String(repeating: "(", count: 5_000))
        #expect(r.codes.contains("E0758"))
        #expect(r.diagnostics.count <= 3, "\(r.report)")
        let s = parseSchemaBody("entity A { a: " + String(repeating: "[", count: 20_000))
        #expect(!s.diagnostics.isEmpty)
    }

    @Test func deepNestingOnASmallStack() {
        let codes = onThread(stackSize: 512 * 1024) {
            let text = String(repeating: "scope \"/a\" {\n", count: 127) + "get \"/\" => json { x: A.where("
                + String(repeating: "(", count: 127) + "!a" + String(repeating: ")", count: 127) + ") }\n" + String(repeating: "}\n", count: 127)
            // The parser alone: the tree printer is not meant for small stacks.
            let file = SourceFile(id: FileID(0), path: "app.omni", text: text)
            var ids = NodeIDGenerator()
            return RoutesParser.parse(file, range: 0..<file.bytes.count, ids: &ids).1.map(\.code.rawValue)
        }
        #expect(codes == ["E0758"])
    }

    @Test func seededMutationsNeverTrapAndKeepSpansInRange() throws {
        let corpus = [
            try #require(RoutesExplanations.all.first?.fixed),
            "<schema>\n" + RoutesFuzzCorpus.schema + "\n</schema>\n<routes>\n" + RoutesFuzzCorpus.routes + "\n</routes>\n",
        ]
        let fragments = ["{", "}", "(", ")", "[", "]", "\"", "=>", ":", ",", "@", "?", "!", "&&", "||", "==", "-", ".", "#",
                         "\n", " ", "entity", "scope", "get", "page", "/", ":id", "*", "é", "\u{0}", "99999999999999999999", "\\"]
        var rng = SplitMix64(seed: 0x0E7A_0750)
        for round in 0..<400 {
            var bytes = Array(corpus[round % corpus.count].utf8)
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let at = Int.random(in: 0...bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)!.utf8), at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
                }
            }
            let app = parseApp(bytes: bytes)
            for d in app.diagnostics {
                for span in [d.span] + d.labels.map(\.span) + d.fixes.flatMap({ $0.edits.map(\.span) }) {
                    #expect(Int(span.end) <= bytes.count && span.start <= span.end, "round \(round): \(d.code) \(span)")
                }
            }
            _ = app.rendered
        }
    }

    @Test func everyBlockRangeIsRespected() {
        // Parsing a sub-range never reads outside it.
        let text = "xx entity A { a: int } yy"
        let file = SourceFile(id: FileID(0), path: "app.omni", text: text)
        var ids = NodeIDGenerator()
        let (block, ds) = SchemaParser.parse(file, range: 3..<22, ids: &ids)
        #expect(ds.isEmpty)
        #expect(block.entities.count == 1)
        let (_, outside) = SchemaParser.parse(file, range: 100..<200, ids: &ids)
        #expect(outside.isEmpty)
    }
}

/// Sources the mutation test starts from.
enum RoutesFuzzCorpus {
    static let schema = """
      enum Role { admin, member }
      entity User {
        name:  string @min(2) @max(100)
        email: string @email @unique
        role:  Role = member
        posts: [Post]
      }
      entity Post { title: string @pattern("^[a-z]+$"), author: User?, at: datetime = now }
    """
    static let routes = """
      pipeline api { logger, json, auth(bearer), rate_limit(100, per: minute) }
      scope "/api" through api {
        get "/users/search" (q: string, n: int = 1) => page "users/_results" { users: User.where(name contains q && !(role in ["admin"])).order(-createdAt).limit(10) }
        get "/users/:id/*rest" => json { user: User.find(:id) }
        resources "/posts" => Post only: [list, show]
        post "/x" => redirect "/users/:id"
      }
    """
}
