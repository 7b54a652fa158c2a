import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import OmniTemplates
import OmniTestSupport
import Testing
@testable import OmniSwiftGen

/// The assembly of the generated server package: Package.swift and main.swift from the
/// skeletons, Entry.swift and Dispatch.swift from the model, for a hand-built ServerProgram.
/// Goldens under Fixtures/swiftgen/assembly (re-record with `OMNI_RECORD=1`).
@Suite struct AssemblyTests {
    static let directory = fixturesDirectory() + "/swiftgen/assembly"

    /// The source the hand-built program points into (its spans give the `// app.omni:N` notes).
    static let appSource = """
        <routes>
          pipeline browser { logger, session, csrf, htmx, gzip, secure_headers }
          pipeline api     { logger, json, cors, auth(bearer), rate_limit(100, per: minute) }
          pipeline admin   { auth(basic), cors("https://admin.example") }

          scope "/" through browser {
            get "/" => page "index" { posts: Post.all() }
            get "/users/:id" => page "users/show" { user: User.find(id) }
            get "/about" => redirect "/"
            get "/u/:id/*rest" => redirect "/users/:id/*rest"
            get "/docs" => redirect "https://example.com/docs"
          }
          scope "/api/v1" through api {
            resources "/posts" => Post only: [list, create]
            scope "/admin" through admin {
              get "/stats" => json { posts: Post.count() }
            }
          }
        </routes>
        """

    static func program() -> (ServerProgram, SourceMap) {
        var sources = SourceMap()
        let file = sources.add(path: "app.omni", text: appSource).id
        func span(_ needle: String) -> Span {
            let text = appSource
            guard let r = text.range(of: needle) else { return Span.point(file, 0) }
            let start = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
            return Span(file: file, start..<(start + needle.utf8.count))
        }
        func segments(_ path: String) -> [PathSegmentKind] {
            path.split(separator: "/").map { s in
                if s.hasPrefix(":") { return .parameter(Identifier(String(s.dropFirst()), span: span(String(s)))) }
                if s.hasPrefix("*") { return .splat(Identifier(String(s.dropFirst()), span: span(String(s)))) }
                return .literal(String(s))
            }
        }
        func route(_ verb: HTTPVerb, _ path: String, _ pipelines: [String], _ target: CheckedTarget, at needle: String) -> CheckedRoute {
            let params = segments(path).compactMap { s -> ServerField? in
                switch s {
                case .parameter(let id): ServerField(name: id.name, type: .scalar(.int))
                case .splat(let id): ServerField(name: id.name, type: .scalar(.string))
                case .literal: nil
                }
            }
            return CheckedRoute(verb: verb, path: path, segments: segments(path), pathParameters: params, queryParameters: [],
                                pipelines: pipelines, target: target, span: span(needle), file: file)
        }
        let program = ServerProgram(
            pipelines: [
                CheckedPipeline(name: "browser", plugs: [.logger, .session, .csrf, .htmx, .gzip, .secureHeaders], span: span("pipeline browser")),
                CheckedPipeline(name: "api", plugs: [.logger, .json, .cors(origins: []), .auth(.bearer), .rateLimit(limit: 100, seconds: 60)],
                                span: span("pipeline api")),
                CheckedPipeline(name: "admin", plugs: [.auth(.basic), .cors(origins: ["https://admin.example"])], span: span("pipeline admin")),
            ],
            routes: [
                route(.get, "/", ["browser"], .page(template: "templates/index.html", bindings: []), at: "get \"/\""),
                route(.get, "/users/:id", ["browser"], .page(template: "templates/users/show.html", bindings: []), at: "get \"/users/:id\""),
                route(.get, "/about", ["browser"], .redirect(to: "/", isURL: false), at: "get \"/about\""),
                route(.get, "/u/:id/*rest", ["browser"], .redirect(to: "/users/:id/*rest", isURL: false), at: "get \"/u/"),
                route(.get, "/docs", ["browser"], .redirect(to: "https://example.com/docs", isURL: true), at: "get \"/docs\""),
                route(.get, "/api/v1/posts", ["api"], .resource(entity: "Post", action: .list), at: "resources"),
                route(.post, "/api/v1/posts", ["api"], .resource(entity: "Post", action: .create), at: "resources"),
                route(.get, "/api/v1/admin/stats", ["api", "admin"], .json(bindings: []), at: "get \"/stats\""),
            ])
        return (program, sources)
    }

    static let manifest = ServerManifest(name: "blog", projectDirectory: "/home/me/blog", databaseURL: "sqlite:.omni/data/blog.sqlite")

    static func generate(_ manifest: ServerManifest = manifest, parts: [(path: String, decls: [SwiftDecl])] = []) throws -> [String: String] {
        let (program, sources) = program()
        let files = try ServerGenerator.generate(
            program: program, sources: sources, manifest: manifest, skeletons: OmniTemplates.server(),
            runtimePath: "/opt/omni/Runtime", parts: parts)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    }

    @Test func goldenPackage() throws {
        let files = try Self.generate()
        #expect(files.keys.sorted() == ["Package.swift", "Sources/App/Dispatch.swift", "Sources/App/Entry.swift", "Sources/App/main.swift"])
        assertSnapshot(files["Package.swift"] ?? "", named: "Package.swift.txt", in: Self.directory)
        assertSnapshot(files["Sources/App/main.swift"] ?? "", named: "main.swift.txt", in: Self.directory)
        assertSnapshot(files["Sources/App/Entry.swift"] ?? "", named: "Entry.swift.txt", in: Self.directory)
        assertSnapshot(files["Sources/App/Dispatch.swift"] ?? "", named: "Dispatch.swift.txt", in: Self.directory)
    }

    @Test func postgresLinksOmniPostgresAndPassesTheOpener() throws {
        let manifest = ServerManifest(name: "blog", projectDirectory: "/srv/blog", databaseURL: "postgres://blog@db.internal/blog")
        let files = try Self.generate(manifest)
        let package = files["Package.swift"] ?? ""
        #expect(package.contains("""
                            .product(name: "OmniApp", package: "Runtime"),
                            .product(name: "OmniPostgres", package: "Runtime"),
            """))
        let entry = files["Sources/App/Entry.swift"] ?? ""
        #expect(entry.contains("import OmniPostgres\n"))
        #expect(entry.contains("postgres: { url in try PostgresStorage(url: url) }"))
        // SQLite apps never build postgres-nio.
        let sqlite = try Self.generate()
        #expect(!(sqlite["Package.swift"] ?? "").contains("OmniPostgres"))
        #expect((sqlite["Sources/App/Entry.swift"] ?? "").contains("postgres: nil"))
    }

    @Test func routesUseTheirPipelinesAndHandlers() throws {
        let dispatch = try Self.generate()["Sources/App/Dispatch.swift"] ?? ""
        // Two pipelines, outermost first; resource handlers by entity and action.
        #expect(dispatch.contains(#"router.get("/api/v1/admin/stats", middleware: omni_stack_api + omni_stack_admin, .async { request in try await omni_route_7(request, db) })"#))
        #expect(dispatch.contains(#"router.post("/api/v1/posts", middleware: omni_stack_api, .async { request in try await omni_resource_Post_create(request, db) })"#))
        // Redirects are answered in the dispatch, parameters percent-encoded.
        #expect(dispatch.contains(#".constant(.redirect(to: "/"))"#))
        #expect(dispatch.contains(#"Response.redirect(to: "/users/\(AppPath.segment(request.params["id"]))/\(AppPath.rest(request.params["rest"]))")"#))
        #expect(dispatch.contains(#".constant(.redirect(to: "https://example.com/docs"))"#))
        // Only the json pipeline's paths get JSON errors for every client.
        #expect(DispatchGen.jsonPrefixes(Self.program().0) == ["/api"])
        // One rate limiter per pipeline: the stack is built once and shared by its routes.
        #expect(dispatch.components(separatedBy: "RateLimiter(").count == 2)
        #expect(dispatch.components(separatedBy: "= omni_pipeline_api(app)").count == 2)
    }

    @Test func aProgramOfRedirectsOnlyDoesNotBindTheStorage() throws {
        var (program, sources) = Self.program()
        program.routes = program.routes.filter { if case .redirect = $0.target { true } else { false } }
        let file = SwiftRenderer.file(DispatchGen.file(program: program, sources: sources))
        #expect(!file.contains("let db"))
        #expect(file.contains("router.fallback = app.publicFiles"))
    }

    @Test func partsGetTheStandardImportsOnce() throws {
        let files = try Self.generate(parts: [
            (path: "Sources/App/Models.swift", decls: [.struct(SwiftTypeDecl(name: "Omni_User", members: []))]),
            (path: "Sources/App/Other.swift", decls: [.import("Foundation"), .import("OmniApp"), .blank, .comment("nothing")]),
        ])
        #expect(files["Sources/App/Models.swift"]?.contains("import Foundation\nimport OmniApp\n\npublic struct Omni_User {") == true)
        let other = files["Sources/App/Other.swift"] ?? ""
        #expect(other.components(separatedBy: "import OmniApp").count == 2)
    }

    @Test func asyncNeedsNoBackticksAfterADot() {
        #expect(SwiftRenderer.expression(.member(.identifier("Handler"), "async")) == "Handler.async")
        #expect(SwiftRenderer.expression(.implicitMember("async")) == ".async")
        #expect(SwiftRenderer.expression(.identifier("async")) == "`async`")
        #expect(SwiftRenderer.expression(.implicitMember("default")) == ".`default`")
    }

    @Test func theRuntimeIsNamedByItsFolder() {
        #expect(PackageGen.runtimePackageIdentity("/opt/omni/Runtime/") == "Runtime")
        #expect(PackageGen.runtimePackageIdentity("../runtime") == "runtime")
        #expect(PackageGen.runtimePackageIdentity("Runtime") == "Runtime")
    }

    @Test func executableNamesAreFileSafe() {
        #expect(ServerManifest(name: "my blog!", projectDirectory: "/").executableName == "my-blog-")
        #expect(ServerManifest(name: "blog", projectDirectory: "/").databaseURL == "sqlite:.omni/data/blog.sqlite")
        #expect(ServerManifest(name: "///", projectDirectory: "/").executableName == "app")
    }

    @Test func theBundledSkeletonsAreThereAndFill() throws {
        let skeletons = try OmniTemplates.server()
        #expect(skeletons.keys.sorted() == ServerGenerator.skeletonNames.sorted())
        #expect(throws: Skeleton.Failure.missing("server/main.swift.tmpl")) {
            try ServerGenerator.generate(program: ServerProgram(), sources: SourceMap(), manifest: Self.manifest,
                                         skeletons: ["server/Package.swift.tmpl": skeletons["server/Package.swift.tmpl"] ?? ""], runtimePath: "/r")
        }
    }

    @Test func runtimePathsAreEscapedForTheStringLiteral() throws {
        let (program, sources) = Self.program()
        let files = try ServerGenerator.generate(program: program, sources: sources, manifest: Self.manifest,
                                                 skeletons: OmniTemplates.server(), runtimePath: #"/odd "dir"\Runtime"#)
        let package = files.first { $0.path == "Package.swift" }?.contents ?? ""
        #expect(package.contains(#".package(path: "/odd \"dir\"\\Runtime"),"#))
    }
}

@Suite struct SkeletonTests {
    @Test func valuesAndListLines() throws {
        let text = "name: \"{{package_name}}\"\n  \"{{items[]}}\",\nend {{package_name}}"
        let out = try Skeleton.fill(text, named: "t", values: ["package_name": "a\"b"], lists: ["items": ["x", "y"]])
        #expect(out == "name: \"a\\\"b\"\n  \"x\",\n  \"y\",\nend a\\\"b")
        let none = try Skeleton.fill(text, named: "t", values: ["package_name": "p"], lists: ["items": []])
        #expect(none == "name: \"p\"\nend p")
    }

    @Test func malformedPlaceholdersAndValuesAreErrors() {
        #expect(throws: Skeleton.Failure.unknownPlaceholder(skeleton: "t", line: 2, text: "nope")) {
            try Skeleton.fill("ok\n{{nope}}", named: "t", values: [:])
        }
        #expect(throws: Skeleton.Failure.unknownPlaceholder(skeleton: "t", line: 1, text: "a + b")) {
            try Skeleton.fill("{{a + b}}", named: "t", values: ["a": "1"])
        }
        #expect(throws: Skeleton.Failure.unknownPlaceholder(skeleton: "t", line: 1, text: "open")) {
            try Skeleton.fill("{{open", named: "t", values: [:])
        }
        #expect(throws: Skeleton.Failure.unknownPlaceholder(skeleton: "t", line: 1, text: "b[]")) {
            try Skeleton.fill("{{a[]}} {{b[]}}", named: "t", values: [:], lists: ["a": ["1"], "b": ["2"]])
        }
        #expect(throws: Skeleton.Failure.invalidValue(name: "x", value: "a\nb")) {
            try Skeleton.fill("// {{x}}", named: "t", values: ["x": "a\nb"])
        }
    }
}

/// A small runnable package: the assembly plus stand-ins for the other generators' parts
/// (handlers answering from the database, no migrations), written to a folder. Every plug
/// and every kind of target appears once, so building it checks that the generated calls
/// match the runtime. Set `OMNI_ASSEMBLY_OUT=DIR` (and `OMNI_RUNTIME_PATH`) to keep it and
/// `swift build` it by hand against `Runtime/`.
@Suite struct AssemblyPackageTests {
    static let appSource = """
        <routes>
          pipeline browser { logger, session, csrf, htmx, gzip, secure_headers }
          pipeline api { logger, json, cors, rate_limit(100, per: minute) }
          pipeline tokens { auth(bearer), cors("https://a.example") }
          pipeline members { session, auth(session) }
          pipeline staff { auth(basic) }
          get "/hello/:name" => page "hello" {}
          get "/" => redirect "/hello/world"
          get "/go/:name/*rest" => redirect "/hello/:name/*rest"
          get "/docs" => redirect "https://example.com/docs"
          scope "/api" through api {
            get "/hello/:name" through tokens => json {}
            resources "/notes" => Note only: [list]
          }
          get "/me" through members => page "me" {}
          get "/staff" through staff => page "staff" {}
        </routes>
        """

    static func minimalProgram() -> (ServerProgram, SourceMap) {
        var sources = SourceMap()
        let text = appSource
        let file = sources.add(path: "app.omni", text: text).id
        func span(_ needle: String) -> Span {
            guard let r = text.range(of: needle) else { return Span.point(file, 0) }
            let start = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
            return Span(file: file, start..<(start + needle.utf8.count))
        }
        func route(_ path: String, _ pipelines: [String], _ target: CheckedTarget, at needle: String) -> CheckedRoute {
            let segments: [PathSegmentKind] = path.split(separator: "/").map { s in
                if s.hasPrefix(":") { return .parameter(Identifier(String(s.dropFirst()), span: span(needle))) }
                if s.hasPrefix("*") { return .splat(Identifier(String(s.dropFirst()), span: span(needle))) }
                return .literal(String(s))
            }
            let params = segments.compactMap { s -> ServerField? in
                switch s {
                case .parameter(let id), .splat(let id): ServerField(name: id.name, type: .scalar(.string))
                case .literal: nil
                }
            }
            return CheckedRoute(verb: .get, path: path, segments: segments, pathParameters: params, queryParameters: [],
                                pipelines: pipelines, target: target, span: span(needle), file: file)
        }
        let program = ServerProgram(
            pipelines: [
                CheckedPipeline(name: "browser", plugs: [.logger, .session, .csrf, .htmx, .gzip, .secureHeaders], span: span("pipeline browser")),
                CheckedPipeline(name: "api", plugs: [.logger, .json, .cors(origins: []), .rateLimit(limit: 100, seconds: 60)], span: span("pipeline api")),
                CheckedPipeline(name: "tokens", plugs: [.auth(.bearer), .cors(origins: ["https://a.example"])], span: span("pipeline tokens")),
                CheckedPipeline(name: "members", plugs: [.session, .auth(.session)], span: span("pipeline members")),
                CheckedPipeline(name: "staff", plugs: [.auth(.basic)], span: span("pipeline staff")),
            ],
            routes: [
                route("/hello/:name", ["browser"], .page(template: "templates/hello.html", bindings: []), at: "get \"/hello"),
                route("/", ["browser"], .redirect(to: "/hello/world", isURL: false), at: "get \"/\""),
                route("/go/:name/*rest", ["browser"], .redirect(to: "/hello/:name/*rest", isURL: false), at: "get \"/go"),
                route("/docs", [], .redirect(to: "https://example.com/docs", isURL: true), at: "get \"/docs"),
                route("/api/hello/:name", ["api", "tokens"], .json(bindings: []), at: "get \"/hello/:name\" through"),
                route("/api/notes", ["api"], .resource(entity: "Note", action: .list), at: "resources"),
                route("/me", ["members"], .page(template: "templates/me.html", bindings: []), at: "get \"/me"),
                route("/staff", ["staff"], .page(template: "templates/staff.html", bindings: []), at: "get \"/staff"),
            ])
        return (program, sources)
    }

    /// A stand-in handler: `NAME: hello, PARAM (n=42)`, the number read from the database.
    static func standInHandler(_ name: String) -> SwiftDecl {
        .function(SwiftFunction(
            name: name, access: nil,
            params: [SwiftParam("_", "request", .named("Request")), SwiftParam("_", "db", .named("any SQLExecutor"))],
            returns: .named("Response"), isAsync: true,
            body: [.doCatch([
                .binding(isVar: false, name: "rows", type: nil,
                         value: .try(.await(.call(.member(.identifier("db"), "query"), [SwiftArgument(nil, .string("SELECT 41 + 1 AS n"))])))),
                .binding(isVar: false, name: "n", type: nil,
                         value: .try(.call(.member(.subscript(.identifier("rows"), [SwiftArgument(nil, .integer(0))]), "decode"),
                                           [SwiftArgument(nil, .typeReference(.int64)), SwiftArgument(nil, .string("n"))]))),
                .return(.call(.member(.identifier("Response"), "text"), [SwiftArgument(nil, .interpolated([
                    .text(name + ": hello, "),
                    .expr(.binary(.subscript(.member(.identifier("request"), "params"), [SwiftArgument(nil, .string("name"))]), "??", .string(""))),
                    .text(" (n="), .expr(.identifier("n")), .text(")\n"),
                ]))])),
            ], catchName: "error", [
                .return(.call(.member(.identifier("Response"), "error"), [
                    SwiftArgument(nil, .implicitMember("internalServerError")),
                    SwiftArgument("message", .interpolated([.text("database error: "), .expr(.identifier("error"))])),
                ])),
            ])]))
    }

    /// Stand-ins for gen-data's migrations and the handlers of the other generators.
    static let standIns: [(path: String, decls: [SwiftDecl])] = [
        (path: "Sources/App/Migrations.swift", decls: [
            .property(SwiftProperty(name: "omni_migrations", access: nil, type: .array(.named("Migration")), value: .array([]))),
        ]),
        (path: "Sources/App/Handlers.swift", decls: ["omni_route_0", "omni_route_4", "omni_resource_Note_list", "omni_route_6", "omni_route_7"]
            .flatMap { [standInHandler($0), .blank] }),
    ]

    @Test func writesARunnablePackage() throws {
        let environment = ProcessInfo.processInfo.environment
        let out = environment["OMNI_ASSEMBLY_OUT"] ?? NSTemporaryDirectory() + "omni-assembly-\(UUID().uuidString)"
        let (program, sources) = Self.minimalProgram()
        let manifest = ServerManifest(name: "hello", projectDirectory: out + "/project", port: 8080)
        let files = try ServerGenerator.generate(
            program: program, sources: sources, manifest: manifest, skeletons: OmniTemplates.server(),
            runtimePath: environment["OMNI_RUNTIME_PATH"] ?? "../Runtime", parts: Self.standIns)
        for file in files {
            let path = out + "/server/" + file.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try file.contents.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: out + "/project/public", withIntermediateDirectories: true)
        try "body { margin: 0 }\n".write(toFile: out + "/project/public/style.css", atomically: true, encoding: .utf8)
        #expect(files.map(\.path) == ["Package.swift", "Sources/App/Dispatch.swift", "Sources/App/Entry.swift",
                                      "Sources/App/Handlers.swift", "Sources/App/Migrations.swift", "Sources/App/main.swift"])
        if environment["OMNI_ASSEMBLY_OUT"] == nil { try? FileManager.default.removeItem(atPath: out) }
    }
}
