import Foundation
import OmniTestSupport
import Testing

/// Builds the bundled example (`Fixtures/projects/blog`) into a server binary with the real
/// `omni build`, starts it on an ephemeral loopback port and speaks HTTP to it (issue #5,
/// point 7). Each variant builds in its own folder under `.build-e2e/` at the
/// repository root (git-ignored), so a second run rebuilds only what changed.
@Suite(.serialized, .timeLimit(.minutes(30)))
struct ServerEndToEndTests {
    /// A copy of the example in `.build-e2e/<variant>/blog`, built and running.
    final class RunningServer: @unchecked Sendable {
        let directory: String
        let process: Process
        let client: HTTPTestClient
        let buildOutput: String

        /// Copies the example, builds it and starts it. `postgres`: a PostgreSQL URL to put in
        /// the copy's omni.toml (the binary then links OmniPostgres and migrates that
        /// database); nil for SQLite in the copy's folder. The build runs for minutes when
        /// cold, so it is awaited without holding a thread of the test pool (see `Tool`).
        static func start(postgres: String? = nil) async throws -> RunningServer {
            let fm = FileManager.default
            // One fixed workspace per variant, its project refreshed from the fixture but its
            // `.omni/` and scratch path kept, so a second run rebuilds only what changed.
            // (Each root package has a scratch path of its own: SwiftPM's build description
            // is per scratch path.)
            let workspace = URL(fileURLWithPath: repoFixtures()).deletingLastPathComponent().path
                + "/.build-e2e/" + (postgres == nil ? "sqlite" : "postgres")
            let directory = workspace + "/blog"
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for entry in try fm.contentsOfDirectory(atPath: directory) where entry != ".omni" {
                try fm.removeItem(atPath: directory + "/" + entry)
            }
            let fixture = repoFixtures() + "/projects/blog"
            for entry in try fm.contentsOfDirectory(atPath: fixture) where entry != ".omni" {
                try fm.copyItem(atPath: fixture + "/" + entry, toPath: directory + "/" + entry)
            }
            try? fm.removeItem(atPath: directory + "/.omni/data")
            try fm.copyItem(atPath: repoFixtures() + "/e2e/browser-test.html", toPath: directory + "/public/browser-test.html")
            if let postgres {
                let manifest = try String(contentsOfFile: directory + "/omni.toml", encoding: .utf8)
                    .replacingOccurrences(of: "url = \"sqlite:.omni/data/blog.sqlite\"", with: "url = \"\(postgres)\"")
                try manifest.write(toFile: directory + "/omni.toml", atomically: true, encoding: .utf8)
            }
            let build = try await OmniProcess.run(["build", directory, "--target", postgres == nil ? "all" : "server",
                                                   "--scratch-path", workspace + "/scratch"], timeout: 3600)
            let buildOutput = build.stdout + build.stderr
            guard build.status == 0 else { throw Failure.build(buildOutput) }
            return try RunningServer(directory: directory, buildOutput: buildOutput,
                                     database: postgres == nil ? "sqlite:\(directory)/e2e.sqlite" : nil)
        }

        /// Starts the built binary on an ephemeral port and waits until it listens.
        private init(directory: String, buildOutput: String, database: String?) throws {
            self.directory = directory
            self.buildOutput = buildOutput
            process = Process()
            process.executableURL = URL(fileURLWithPath: directory + "/.omni/bin/blog")
            process.arguments = ["--port", "0"] + (database.map { ["--database", $0] } ?? [])
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            client = HTTPTestClient(port: try Self.waitForPort(out.fileHandleForReading))
        }

        /// Reads the server's stdout until `listening on http://HOST:PORT`.
        static func waitForPort(_ handle: FileHandle) throws -> Int {
            var text = ""
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
                if let range = text.range(of: "listening on http://"),
                   let line = text[range.upperBound...].split(separator: "\n").first,
                   let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                    return port
                }
            }
            throw Failure.start(text)
        }

        deinit {
            if process.isRunning { process.terminate(); process.waitUntilExit() }
        }
    }

    enum Failure: Error { case build(String), start(String) }

    let server: RunningServer
    var client: HTTPTestClient { server.client }

    init() async throws { server = try await RunningServer.start() }
    init(server: RunningServer) { self.server = server }

    // One test drives the whole scenario on one server: building the example is the
    // expensive part, and each step below depends on the data the earlier ones created.
    @Test func theExampleServesPagesAPIAndAssets() async throws {
        try checkCRUD()
        try checkValidation()
        try checkListing()
        try checkPages()
        try checkCSRF()
        try checkHTMXAndCompression()
        try checkStaticFiles()
        try await checkInABrowser()
    }

    func checkCRUD() throws {
        let created = try client.json("POST", "/api/v1/users", ["name": "Ada Lovelace", "email": "ada@example.com", "age": 36])
        #expect(created.status == 201, "create: \(created.text)")
        let user = try #require(created.json as? [String: Any])
        let id = try #require(user["id"] as? Int)
        #expect(created.header("Location") == "/api/v1/users/\(id)")
        #expect(user["role"] as? String == "reader")

        let shown = try client.get("/api/v1/users/\(id)")
        #expect(shown.status == 200)
        #expect((shown.json as? [String: Any])?["email"] as? String == "ada@example.com")

        let patched = try client.json("PATCH", "/api/v1/users/\(id)", ["age": 37])
        #expect(patched.status == 200, "patch: \(patched.text)")
        #expect((patched.json as? [String: Any])?["age"] as? Int == 37)
        #expect((patched.json as? [String: Any])?["name"] as? String == "Ada Lovelace")

        let post = try client.json("POST", "/api/v1/posts", ["title": "Notes on the Engine", "body": "<b>bold</b> & more", "published": true, "authorId": id])
        #expect(post.status == 201, "create post: \(post.text)")

        let temporary = try client.json("POST", "/api/v1/users", ["name": "Temp", "email": "temp@example.com"])
        let tempID = try #require((temporary.json as? [String: Any])?["id"] as? Int)
        #expect(try client.request("DELETE", "/api/v1/users/\(tempID)").status == 204)
        let gone = try client.get("/api/v1/users/\(tempID)")
        #expect(gone.status == 404)
        let error = try #require((gone.json as? [String: Any])?["error"] as? [String: Any])
        #expect(error["code"] as? String != nil && error["message"] as? String != nil)

        let duplicate = try client.json("POST", "/api/v1/users", ["name": "Ada Again", "email": "ada@example.com"])
        #expect(duplicate.status == 409, "unique email: \(duplicate.text)")
    }

    func checkValidation() throws {
        let bad = try client.json("POST", "/api/v1/users", ["name": "A", "email": "not-an-email", "age": 200])
        #expect(bad.status == 422)
        let error = try #require((bad.json as? [String: Any])?["error"] as? [String: Any])
        let details = try #require(error["details"] as? [[String: Any]])
        let fields = Set(details.compactMap { $0["field"] as? String })
        #expect(fields == ["name", "email", "age"], "every field error at once: \(bad.text)")
    }

    func checkListing() throws {
        let people: [(String, Int?, String?)] = [("Grace Hopper", 85, "admin"), ("Alan Turing", 41, "author"), ("Barbara Liskov", nil, "author"),
                                                 ("Edsger Dijkstra", 72, "author"), ("Alice Example", 30, nil)]
        var ids: [String: Int] = [:]
        for (i, (name, age, role)) in people.enumerated() {
            var body: [String: Any] = ["name": name, "email": "p\(i)@example.org"]
            if let age { body["age"] = age }
            if let role { body["role"] = role }
            let created = try client.json("POST", "/api/v1/users", body)
            #expect(created.status == 201)
            ids[name] = (created.json as? [String: Any])?["id"] as? Int
        }
        // Offset pagination with a total.
        let page = try client.get("/api/v1/users?limit=2&offset=2&sort=name")
        #expect(page.status == 200)
        let object = try #require(page.json as? [String: Any])
        let data = try #require(object["data"] as? [[String: Any]])
        #expect(data.count == 2)
        #expect((object["page"] as? [String: Any])?["total"] as? Int == 6)
        let all = try #require((try client.get("/api/v1/users?sort=name&limit=100").json as? [String: Any])?["data"] as? [[String: Any]])
        let sortedNames = all.compactMap { $0["name"] as? String }
        #expect(sortedNames == sortedNames.sorted())
        #expect(data.compactMap { $0["name"] as? String } == Array(sortedNames[2..<4]))

        // Cursor pagination visits every row once, in order.
        var cursorNames: [String] = []
        var path = "/api/v1/users?sort=-age,name&limit=2"
        for _ in 0..<10 {
            let response = try #require(client.get(path).json as? [String: Any])
            cursorNames += (response["data"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            guard let next = (response["page"] as? [String: Any])?["nextCursor"] as? String else { break }
            path = "/api/v1/users?sort=-age,name&limit=2&cursor=\(next)"
        }
        let full = try #require((try client.get("/api/v1/users?sort=-age,name&limit=100").json as? [String: Any])?["data"] as? [[String: Any]])
        #expect(cursorNames == full.compactMap { $0["name"] as? String })
        #expect(cursorNames.count == 6)

        // Filters.
        func names(_ query: String) throws -> Set<String> {
            let response = try client.get("/api/v1/users?\(query)&limit=100")
            #expect(response.status == 200, "\(query): \(response.text)")
            return Set(((response.json as? [String: Any])?["data"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        }
        #expect(try names("name[contains]=al") == ["Alan Turing", "Alice Example"])
        #expect(try names("name[startsWith]=A") == ["Ada Lovelace", "Alan Turing", "Alice Example"])
        #expect(try names("email[endsWith]=example.com") == ["Ada Lovelace"])
        #expect(try names("age[gte]=72") == ["Grace Hopper", "Edsger Dijkstra"])
        #expect(try names("age[lt]=37") == ["Alice Example"])
        #expect(try names("age[isNull]=true") == ["Barbara Liskov"])
        #expect(try names("age[in]=30,41") == ["Alice Example", "Alan Turing"])
        // `ne` and `notIn` keep rows whose field is null: null is not one of the values.
        #expect(try names("age[notIn]=30,41,85,72") == ["Ada Lovelace", "Barbara Liskov"])
        #expect(try names("name[eq]=Alan%20Turing") == ["Alan Turing"])
        #expect(try names("name[ne]=Alan%20Turing&age[gt]=40") == ["Grace Hopper", "Edsger Dijkstra"])
        let badFilter = try client.get("/api/v1/users?nmae[eq]=x")
        #expect(badFilter.status == 400)

        // An enum query parameter: `get "/team" (role: Role = author)`, members by `-age, name`:
        // a null age first when descending, on SQLite as on PostgreSQL.
        func team(_ query: String) throws -> (names: [String], total: Int?) {
            let response = try client.get("/api/v1/team\(query)")
            #expect(response.status == 200, "team\(query): \(response.text)")
            let object = response.json as? [String: Any]
            return ((object?["members"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }, object?["total"] as? Int)
        }
        let authors = try team("")
        #expect(authors.names == ["Barbara Liskov", "Edsger Dijkstra", "Alan Turing"] && authors.total == 3, "\(authors)")
        let admins = try team("?role=admin")
        #expect(admins.names == ["Grace Hopper"] && admins.total == 1, "\(admins)")
        let badRole = try client.get("/api/v1/team?role=boss")
        #expect(badRole.status == 400, "\(badRole.text)")
        let detail = ((badRole.json as? [String: Any])?["error"] as? [String: Any])?["details"] as? [[String: Any]]
        #expect(detail?.first?["field"] as? String == "role" && detail?.first?["code"] as? String == "enum", "\(badRole.text)")

        // Sorting by a related row's field: `order(author.name, -createdAt)`, published only.
        for (title, author, published) in [("Compilers", "Grace Hopper", true), ("Computable Numbers", "Alan Turing", true),
                                           ("Go To Considered Harmful", "Edsger Dijkstra", false)] {
            let body: [String: Any] = ["title": title, "body": "…", "published": published, "authorId": try #require(ids[author])]
            #expect(try client.json("POST", "/api/v1/posts", body).status == 201)
        }
        let feed = try client.get("/api/v1/feed")
        #expect(feed.status == 200, "\(feed.text)")
        let posts = (feed.json as? [String: Any])?["posts"] as? [[String: Any]] ?? []
        #expect(posts.compactMap { $0["title"] as? String } == ["Notes on the Engine", "Computable Numbers", "Compilers"], "\(feed.text)")
        #expect(posts.compactMap { ($0["author"] as? [String: Any])?["name"] as? String } == ["Ada Lovelace", "Alan Turing", "Grace Hopper"])

        // `include=` on the REST list and show actions.
        let listed = try client.get("/api/v1/posts?include=author&sort=title&published=true")
        #expect(listed.status == 200, "\(listed.text)")
        let rows = (listed.json as? [String: Any])?["data"] as? [[String: Any]] ?? []
        #expect(rows.compactMap { ($0["author"] as? [String: Any])?["name"] as? String } == ["Grace Hopper", "Alan Turing", "Ada Lovelace"],
                "\(listed.text)")
        let plain = (try client.get("/api/v1/posts?limit=1").json as? [String: Any])?["data"] as? [[String: Any]]
        #expect(plain?.first?["author"] == nil && plain?.first?["authorId"] != nil)
        let alan = try client.get("/api/v1/users/\(try #require(ids["Alan Turing"]))?include=posts")
        #expect(((alan.json as? [String: Any])?["posts"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Computable Numbers"],
                "\(alan.text)")
        let badInclude = try client.get("/api/v1/posts?include=author,comments")
        #expect(badInclude.status == 400, "\(badInclude.text)")
        #expect(badInclude.text.contains("'comments' is not a relation; relations: author"), "\(badInclude.text)")
        #expect(try client.get("/api/v1/users/1?include=nope").status == 400)
    }

    func checkPages() throws {
        try #require(client.json("POST", "/api/v1/users", ["name": "<script>alert(1)</script>", "email": "x@example.net"]).status == 201)
        let users = try client.get("/users")
        #expect(users.status == 200)
        #expect(users.text.contains("<!DOCTYPE html>"))
        #expect(users.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!users.text.contains("<script>alert(1)</script>"))
        let home = try client.get("/")
        #expect(home.status == 200)
        #expect(home.text.contains("Notes on the Engine"))
        #expect(home.text.contains("&lt;b&gt;bold&lt;/b&gt; &amp; more"))
        #expect(home.text.contains("data-omni=\"Counter\""), "the Counter is server-rendered with its hydration root")
        #expect(try client.get("/users/999999").status == 404)
        #expect(try client.get("/no/such/page").status == 404)
        let redirect = try client.get("/about")
        #expect(redirect.status == 303 && redirect.header("Location") == "/")
    }

    func checkCSRF() throws {
        // What a browser sends with a form post: its origin and the fetch metadata.
        let browser = [("Origin", "http://127.0.0.1:\(client.port)"), ("Sec-Fetch-Site", "same-origin"),
                       ("Content-Type", "application/x-www-form-urlencoded")]
        let form = Array("name=Form+User&email=form%40example.com".utf8)
        let refused = try client.request("POST", "/users", headers: browser, body: form)
        #expect(refused.status == 403, "a form POST without the CSRF token is refused: \(refused.status)")
        let page = try client.get("/users")
        let cookie = try #require(page.allHeaders("Set-Cookie").first?.split(separator: ";").first.map(String.init))
        let token = try #require(page.text.range(of: "name=\"_csrf\" value=\"").map { r in
            String(page.text[r.upperBound...].prefix { $0 != "\"" })
        })
        #expect(!token.isEmpty)
        let accepted = try client.request("POST", "/users", headers: browser + [("Cookie", cookie)],
                                          body: form + Array("&_csrf=\(token)".utf8))
        // A browser form post that succeeds is answered with a redirect to the new row (JSON clients get 201).
        #expect([201, 303].contains(accepted.status), "with the token: \(accepted.status) \(accepted.text)")
    }

    func checkHTMXAndCompression() throws {
        let fragment = try client.get("/users/search?q=Ada", headers: [("HX-Request", "true")])
        #expect(fragment.status == 200)
        #expect(!fragment.text.contains("<!DOCTYPE html>"))
        #expect(fragment.text.contains("Ada Lovelace"))
        #expect(fragment.allHeaders("Vary").joined(separator: ",").contains("HX-Request"))
        let full = try client.get("/users")
        #expect(full.allHeaders("Vary").joined(separator: ",").contains("HX-Request"))
        let gzipped = try client.get("/users", headers: [("Accept-Encoding", "gzip")])
        #expect(gzipped.header("Content-Encoding") == "gzip")
        #expect(gzipped.body.starts(with: [0x1f, 0x8b]))
    }

    func checkStaticFiles() throws {
        let css = try client.get("/style.css")
        #expect(css.status == 200)
        #expect(css.text.contains("font:"))
        let etag = try #require(css.header("ETag"))
        let again = try client.get("/style.css", headers: [("If-None-Match", etag)])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        let glue = try client.get("/_omni/omni.js")
        #expect(glue.status == 200)
    }

    /// Issue #6: in headless Chromium, the example's home page hydrates; clicking the Counter
    /// updates its text and its SVG rect's width; the TodoList adds and clears items.
    func checkInABrowser() async throws {
        guard Chromium.executable != nil else {
            Issue.record("chromium is not installed: run scripts/bootstrap.sh")
            return
        }
        let (result, browser) = try await Chromium.result(of: "http://127.0.0.1:\(client.port)/browser-test.html")
        let expected = [
            "counter=Likes: 3|30",
            "clicked=Likes: 4|40",
            "more=Doubled: 24|120",
            "todo=Nothing yet|Reading list (0)",
            "added=tea,toast|Reading list (2)",
            "cleared=Nothing yet|Reading list (0)",
        ].joined(separator: "\n")
        #expect(result == expected, "chromium saw:\n\(result)\n(stderr: \(browser.err.suffix(400)))")
    }
}

/// The same API scenario with the example's database on PostgreSQL: the PostgreSQL
/// migrations and queries run for real. Needs `OMNI_PG_URL` (scripts/test.sh starts a
/// throwaway server); each run migrates a fresh database of its own.
@Suite(.serialized, .timeLimit(.minutes(30)))
struct PostgresEndToEndTests {
    @Test func theExampleAPIOnPostgreSQL() async throws {
        guard let base = ProcessInfo.processInfo.environment["OMNI_PG_URL"] else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("OMNI_PG_URL is not set in CI") }
            print("skipped: set OMNI_PG_URL (scripts/pg-test-server.sh starts a server) to run the PostgreSQL end-to-end test")
            return
        }
        let database = "omni_e2e_" + UUID().uuidString.prefix(8).lowercased()
        let psql = Tool.which("psql")
        let created = try await Tool.run(try #require(psql, "psql is needed"), [base, "-q", "-c", "CREATE DATABASE \(database)"])
        try #require(created.status == 0, "CREATE DATABASE failed: \(created.err)")
        guard let slash = base.lastIndex(of: "/") else { Issue.record("cannot read the database name of \(base)"); return }
        let url = String(base[..<slash]) + "/" + database
        let e2e = ServerEndToEndTests(server: try await ServerEndToEndTests.RunningServer.start(postgres: url))
        try e2e.checkCRUD()
        try e2e.checkValidation()
        try e2e.checkListing()
        try e2e.checkPages()
        try e2e.checkHTMXAndCompression()
    }
}
