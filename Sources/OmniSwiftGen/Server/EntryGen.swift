/// The start-up of the generated app (`Sources/App/Entry.swift`): the defaults baked from
/// `omni.toml` (`omni_defaults`) and `omni_main()`, which hands them, the migrations
/// (`omni_migrations`, generated from the schema) and the route table (`omni_router`,
/// DispatchGen) to the runtime's `AppMain.run` (Runtime/Sources/OmniApp/AppMain+Run.swift).
/// `AppMain` parses `--host`, `--port`, `--database`, `--root` and the environment, opens
/// SQLite or PostgreSQL, migrates, listens and drains on SIGTERM/SIGINT.
enum EntryGen {
    static func file(manifest: ServerManifest) -> SwiftFile {
        var decls: [SwiftDecl] = [.import("OmniApp")]
        if manifest.usesPostgres { decls.append(.import("OmniPostgres")) }
        decls += [
            .blank,
            .property(SwiftProperty(
                name: "omni_defaults", access: nil, type: .named("AppDefaults"),
                value: .call(.identifier("AppDefaults"), [
                    SwiftArgument("name", .string(manifest.name)),
                    SwiftArgument("projectDirectory", .string(manifest.projectDirectory)),
                    SwiftArgument("host", .string(manifest.host)),
                    SwiftArgument("port", .integer(manifest.port)),
                    SwiftArgument("databaseURL", .string(manifest.databaseURL)),
                    SwiftArgument("publicDirectory", .string(manifest.publicDirectory)),
                    SwiftArgument("webDirectory", .string(manifest.webDirectory)),
                ]),
                doc: "The defaults baked from omni.toml; relative paths are relative to the project directory\n(or to --root / OMNI_ROOT).")),
            .blank,
            .function(SwiftFunction(
                name: "omni_main", access: nil, returns: .named("Never"), isAsync: true,
                body: [.expr(.await(.call(.member(.identifier("AppMain"), "run"), [
                    SwiftArgument("defaults", .identifier("omni_defaults")),
                    SwiftArgument("migrations", .identifier("omni_migrations")),
                    SwiftArgument("postgres", manifest.usesPostgres ? postgresOpener : .nil),
                    SwiftArgument("routes", .identifier("omni_router")),
                ])))],
                doc: "Parses --host, --port, --database and --root (and PORT, HOST, OMNI_DATABASE_URL, OMNI_ROOT),\n"
                    + "opens and migrates the database, prints `listening on http://HOST:PORT`, serves until\n"
                    + "SIGTERM or SIGINT, then drains and exits.")),
        ]
        return SwiftFile(path: "Sources/App/Entry.swift", header: "The start-up of \(manifest.name), from omni.toml.", declarations: decls)
    }

    /// `{ url in try PostgresStorage(url: url) }`.
    static let postgresOpener = SwiftExpr.closure(SwiftClosure(params: ["url"], body: [
        .expr(.try(.call(.identifier("PostgresStorage"), [SwiftArgument("url", .identifier("url"))]))),
    ]))
}
