import Foundation
import Logging
import NIOHTTP1
import Testing
@testable import OmniApp

/// The start-up of generated apps: configuration from defaults, environment and flags; the
/// plugs that depend on it; a real start on an ephemeral port.
@Suite struct AppMainTests {
    static let defaults = AppDefaults(name: "blog", projectDirectory: "/srv/blog", host: "127.0.0.1", port: 8080,
                                      databaseURL: "sqlite:.omni/data/blog.sqlite")

    static func configuration(_ arguments: [String], _ environment: [String: String] = [:]) throws -> AppConfiguration {
        guard case .run(let c) = try AppMain.parse(arguments: arguments, environment: environment, defaults: defaults) else {
            throw AppStartError("expected a configuration")
        }
        return c
    }

    static func error(_ arguments: [String], _ environment: [String: String] = [:]) -> String? {
        do {
            _ = try AppMain.parse(arguments: arguments, environment: environment, defaults: defaults)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func defaultsAreRelativeToTheProjectDirectory() throws {
        let c = try Self.configuration([])
        #expect(c == AppConfiguration(name: "blog", host: "127.0.0.1", port: 8080, database: .sqlite(path: "/srv/blog/.omni/data/blog.sqlite"),
                                      publicDirectory: "/srv/blog/public", webDirectory: "/srv/blog/.omni/web"))
    }

    @Test func environmentOverridesDefaultsAndFlagsOverrideBoth() throws {
        let env = ["PORT": "9000", "HOST": "0.0.0.0", "OMNI_DATABASE_URL": "sqlite:/tmp/env.sqlite"]
        let fromEnv = try Self.configuration([], env)
        #expect(fromEnv.port == 9000 && fromEnv.host == "0.0.0.0" && fromEnv.database == .sqlite(path: "/tmp/env.sqlite"))
        let fromFlags = try Self.configuration(["--port", "0", "--host=::1", "--database", "sqlite:data/x.sqlite"], env)
        #expect(fromFlags.port == 0 && fromFlags.host == "::1")
        // Given paths are used as given: relative to the working directory.
        #expect(fromFlags.database == .sqlite(path: "data/x.sqlite"))
        #expect(try Self.configuration(["--port=1234"]).port == 1234)
    }

    @Test func rootRebasesTheBakedPaths() throws {
        let c = try Self.configuration(["--root", "/opt/app/"])
        #expect(c.database == .sqlite(path: "/opt/app/.omni/data/blog.sqlite"))
        #expect(c.publicDirectory == "/opt/app/public")
        #expect(try Self.configuration([], ["OMNI_ROOT": "/x"]).webDirectory == "/x/.omni/web")
    }

    @Test func postgresURLs() throws {
        let c = try Self.configuration(["--database", "postgres://blog:s3cret@db:5432/blog"])
        #expect(c.database == .postgres(url: "postgres://blog:s3cret@db:5432/blog"))
        #expect(c.database.description == "postgres://blog:***@db:5432/blog")
        #expect(try DatabaseLocation.parse("postgresql://h/db") == .postgres(url: "postgresql://h/db"))
        #expect(try DatabaseLocation.parse("sqlite://rel.db", relativeTo: "/p") == .sqlite(path: "/p/rel.db"))
        #expect(try DatabaseLocation.parse("sqlite:./rel.db", relativeTo: "/p") == .sqlite(path: "/p/rel.db"))
    }

    @Test func badCommandLinesSayWhatIsWrong() {
        #expect(Self.error(["--port", "http"]) == "--port must be a port number from 0 to 65535, not \"http\"")
        #expect(Self.error(["--port", "70000"]) == "--port must be a port number from 0 to 65535, not \"70000\"")
        #expect(Self.error([], ["PORT": "-1"]) == "PORT must be a port number from 0 to 65535, not \"-1\"")
        #expect(Self.error(["--verbose"]) == "unknown option --verbose (the options are --host, --port, --database, --root, --help)")
        #expect(Self.error(["--port"]) == "--port needs a value")
        #expect(Self.error(["--host", "--port", "1"]) == "--host needs a value")
        #expect(Self.error(["--database="]) == "--database needs a value")
        #expect(Self.error(["serve"]) == "unexpected argument \"serve\" (see --help)")
        #expect(Self.error(["--database", "mysql://x"]) == "unsupported database URL \"mysql://x\": use sqlite:PATH or postgres://USER@HOST/DB")
        #expect(Self.error(["--database", "sqlite:"]) == "the database URL \"sqlite:\" names no file: use sqlite:PATH")
    }

    @Test func helpWinsAndNamesEveryOption() throws {
        #expect(try AppMain.parse(arguments: ["--port", "1", "-h"], environment: [:], defaults: Self.defaults) == .help)
        let usage = AppMain.usage(Self.defaults)
        for option in ["--host", "--port", "--database", "--root", "OMNI_DATABASE_URL", "OMNI_SESSION_SECRET", "OMNI_API_TOKENS"] {
            #expect(usage.contains(option), "\(option)")
        }
    }

    @Test func credentialsFromTheEnvironment() throws {
        let c = try AppCredentials(environment: ["OMNI_API_TOKENS": "alpha, beta,,", "OMNI_BASIC_AUTH": "ann:pw:with:colons, bob:x"])
        #expect(c.bearerTokens == ["alpha", "beta"])
        #expect(c.identify(token: "beta") == "token:1")
        #expect(c.identify(token: "bet") == nil)
        #expect(c.identify(user: "ann", password: "pw:with:colons") == "ann")
        #expect(c.identify(user: "bob", password: "y") == nil)
        #expect(throws: AppStartError("OMNI_BASIC_AUTH must list user:password pairs separated by commas")) {
            try AppCredentials(environment: ["OMNI_BASIC_AUTH": "nopassword"])
        }
        #expect(AppCredentials().identify(token: "") == nil)
    }

    @Test func sessionSecrets() throws {
        #expect(throws: AppStartError("OMNI_SESSION_SECRET must be at least 32 bytes long (it has 5)")) {
            try AppMain.sessionConfiguration(["OMNI_SESSION_SECRET": "short"])
        }
        #expect(try AppMain.sessionConfiguration(["OMNI_SESSION_SECRET": String(repeating: "k", count: 32)]).generated == false)
        let (a, generated) = try AppMain.sessionConfiguration([:])
        let (b, _) = try AppMain.sessionConfiguration([:])
        #expect(generated && a.secrets != b.secrets)
    }

    @Test func redirectPathsAreEncoded() {
        #expect(AppPath.segment("a b/ç?") == "a%20b%2F%C3%A7%3F")
        #expect(AppPath.rest("docs/a b") == "docs/a%20b")
        #expect(AppPath.segment(nil) == "")
        #expect(AppPath.decode("/a%20b") == "/a b")
        #expect(AppPath.decode("/a%2") == nil)
    }

    @Test func postgresNeedsTheOpener() async {
        await #expect(throws: AppStartError(
            "this server was built without PostgreSQL support: set [database] url in omni.toml to the postgres:// URL and rebuild")) {
            _ = try await AppMain.openStorage(.postgres(url: "postgres://h/db"), postgres: nil)
        }
    }
}

/// The app's plugs and files through the in-process client, and one real start.
@Suite struct AppContextTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "omni-app-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/public", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/web", withIntermediateDirectories: true)
        try "body { color: red }\n".write(toFile: path + "/public/style.css", atomically: true, encoding: .utf8)
        try "(module)".write(toFile: path + "/web/Counter.wasm", atomically: true, encoding: .utf8)
        return path
    }

    static func configuration(_ root: String, port: Int = 0) -> AppConfiguration {
        AppConfiguration(name: "t", host: "127.0.0.1", port: port, database: .sqlite(path: root + "/data/app.sqlite"),
                         publicDirectory: root + "/public", webDirectory: root + "/web")
    }

    /// A route table shaped like a generated one.
    static func routes(_ app: AppContext) -> Router {
        var router = Router(middleware: [.requestID()], errorRenderer: .app(jsonPrefixes: ["/api"]))
        let api: [Middleware] = [.jsonAPI, app.bearerAuth()]
        let db = app.storage
        router.get("/api/count", middleware: api, .async { _ in
            let rows = try await db.query("SELECT count(*) AS n FROM notes")
            return .text(String(try rows[0].decode(Int64.self, "n")))
        })
        router.get("/basic", middleware: [app.basicAuth()], .sync { request in .text(request.storage[AppIdentity.self] ?? "?") })
        router.get("/me", middleware: [.sessions(app.sessions), app.sessionAuth()], .sync { _ in .text("me") })
        router.get("/_omni/*path", app.webFiles)
        router.fallback = app.publicFiles
        return router
    }

    static let migrations = [Migration(version: 1, name: "notes", statements: [
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)", "INSERT INTO notes (body) VALUES ('a'), ('b')",
    ])]

    @Test func startsMigratesServesAndStops() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let app = try await AppMain.start(Self.configuration(root), environment: ["OMNI_API_TOKENS": "t0k"], migrations: Self.migrations,
                                          postgres: nil, logger: Logger(label: "test"), routes: Self.routes)
        #expect(app.port > 0)
        let exchange = try await LoopbackClient.exchange(port: app.port, send: [
            "GET /api/count HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0k\r\n\r\n",
            "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n",
        ], responses: 2)
        await app.stop()
        #expect(exchange.responses.count == 2)
        #expect(exchange.responses.first?.status == 200)
        #expect(exchange.responses.first?.body == "2")
        #expect(exchange.responses.last?.status == 200)
        #expect(exchange.responses.last?.header("ETag") != nil)
        // The database file was created with its folder; a second start does not migrate again.
        #expect(FileManager.default.fileExists(atPath: root + "/data/app.sqlite"))
        let again = try await AppMain.start(Self.configuration(root), environment: [:], migrations: Self.migrations,
                                            postgres: nil, logger: Logger(label: "test"), routes: Self.routes)
        let rows = try await again.context.storage.query("SELECT count(*) AS n FROM notes")
        await again.stop()
        #expect(try rows[0].decode(Int64.self, "n") == 2)
    }

    @Test func aBadDatabaseIsAStartError() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "not a folder".write(toFile: root + "/data", atomically: true, encoding: .utf8)
        await #expect(throws: AppStartError.self) {
            _ = try await AppMain.start(Self.configuration(root), environment: [:], migrations: [], postgres: nil,
                                        logger: Logger(label: "test"), routes: Self.routes)
        }
    }

    @Test func aBrokenRouteTableOrABusyPortIsAStartError() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        await #expect(throws: AppStartError("the route table does not compile: duplicate route GET /a")) {
            _ = try await AppMain.start(Self.configuration(root), environment: [:], migrations: [], postgres: nil,
                                        logger: Logger(label: "test")) { _ in
                var router = Router()
                router.get("/a", .constant(.text("1")))
                router.get("/a", .constant(.text("2")))
                return router
            }
        }
        let first = try await AppMain.start(Self.configuration(root), environment: [:], migrations: [], postgres: nil,
                                            logger: Logger(label: "test"), routes: Self.routes)
        let busy = AppConfiguration(name: "t", host: "127.0.0.1", port: first.port, database: .sqlite(path: root + "/data/b.sqlite"),
                                    publicDirectory: root, webDirectory: root)
        let message: String?
        do {
            _ = try await AppMain.start(busy, environment: [:], migrations: [], postgres: nil, logger: Logger(label: "test"), routes: Self.routes)
            message = nil
        } catch let error as AppStartError {
            message = error.message
        }
        await first.stop()
        #expect(message?.hasPrefix("could not listen on 127.0.0.1:\(first.port): ") == true, "\(message ?? "started twice")")
    }

    @Test func pluggedRoutesAndFiles() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = try await AppMain.openStorage(.sqlite(path: root + "/data/app.sqlite"), postgres: nil)
        try await storage.migrate(Self.migrations)
        let context = AppContext(
            configuration: Self.configuration(root), storage: storage, logger: Logger(label: "test"),
            sessions: try AppMain.sessionConfiguration([:]).0,
            credentials: AppCredentials(bearerTokens: ["t0k"], basicUsers: [.init(name: "ann", password: "pw")]))
        var client = try TestClient(router: Self.routes(context))
        let html = HTTPHeaders([("Accept", "text/html")])

        // json plug: 401 as the uniform JSON body even for a browser.
        let unauthorized = await client.get("/api/count", headers: html)
        #expect(unauthorized.status == .unauthorized)
        #expect(unauthorized.errorCode == "unauthorized")
        #expect(await client.get("/api/count", headers: HTTPHeaders([("Authorization", "Bearer t0k")])).text == "2")
        // An unknown path under a JSON prefix is a JSON 404; elsewhere browsers get HTML.
        #expect(await client.get("/api/nothing", headers: html).errorCode == "not_found")
        #expect(await client.get("/nothing", headers: html).header("Content-Type")?.hasPrefix("text/html") == true)

        // auth(basic) and auth(session).
        let basic = HTTPHeaders([("Authorization", "Basic " + Data("ann:pw".utf8).base64EncodedString())])
        #expect(await client.get("/basic", headers: basic).text == "ann")
        #expect(await client.get("/basic").status == .unauthorized)
        #expect(await client.get("/me").status == .unauthorized)

        // public/ with ETag and 304; other methods on unknown paths are 404, not 405.
        let css = await client.get("/style.css")
        #expect(css.status == .ok && css.text == "body { color: red }\n")
        let etag = try #require(css.header("ETag"))
        #expect(await client.get("/style.css", headers: HTTPHeaders([("If-None-Match", etag)])).status == .notModified)
        #expect(await client.post("/style.css", body: "", contentType: "text/plain").status == .notFound)
        #expect(await client.get("/%2e%2e/secret").status == .notFound)

        // .omni/web under /_omni/ with the WASM content type.
        let wasm = await client.get("/_omni/Counter.wasm")
        #expect(wasm.status == .ok && wasm.header("Content-Type") == "application/wasm")
        try await storage.close()
    }
}
