// The start-up of a generated app, part 1: what it is configured with and how the command
// line and the environment override the defaults baked from omni.toml. Pure: no IO here
// (AppMain+Run.swift opens storage and starts the server).

/// The values a generated app was built with (from the project's `omni.toml`). Relative
/// paths in it (`sqlite:` files, `public/`, `.omni/web/`) are relative to the project
/// directory, or to `--root DIR` / `OMNI_ROOT` when the binary runs elsewhere.
public struct AppDefaults: Sendable, Equatable {
    /// The project's name (`[project] name`), shown in `--help`.
    public var name: String
    /// The absolute project directory at build time.
    public var projectDirectory: String
    /// `[server] host`.
    public var host: String
    /// `[server] port`.
    public var port: Int
    /// `[database] url`: `sqlite:PATH` or `postgres://…`.
    public var databaseURL: String
    /// The static files folder, `public`.
    public var publicDirectory: String
    /// The web assets folder (WASM modules, `omni.js`), `.omni/web`, served under `/_omni/`.
    public var webDirectory: String

    public init(name: String, projectDirectory: String, host: String, port: Int, databaseURL: String,
                publicDirectory: String = "public", webDirectory: String = ".omni/web") {
        self.name = name; self.projectDirectory = projectDirectory; self.host = host; self.port = port
        self.databaseURL = databaseURL; self.publicDirectory = publicDirectory; self.webDirectory = webDirectory
    }
}

/// Where the app's data lives.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file (created with its folder when missing).
    case sqlite(path: String)
    /// A PostgreSQL server, by URL (`postgres://user:pass@host:5432/db`).
    case postgres(url: String)

    /// Reads `sqlite:PATH`, `sqlite://PATH` or `postgres://…` / `postgresql://…`; relative
    /// SQLite paths are resolved against `base` (nil: left relative to the working directory).
    public static func parse(_ url: String, relativeTo base: String? = nil) throws(AppStartError) -> DatabaseLocation {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") { return .postgres(url: url) }
        let path: Substring
        if url.hasPrefix("sqlite://") {
            path = url.dropFirst("sqlite://".count)
        } else if url.hasPrefix("sqlite:") {
            path = url.dropFirst("sqlite:".count)
        } else {
            throw AppStartError("unsupported database URL \"\(url)\": use sqlite:PATH or postgres://USER@HOST/DB")
        }
        if path.isEmpty { throw AppStartError("the database URL \"\(url)\" names no file: use sqlite:PATH") }
        return .sqlite(path: AppMain.resolve(String(path), against: base))
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): AppMain.redactingPassword(url)
        }
    }
}

/// The configuration a generated app runs with.
public struct AppConfiguration: Sendable, Equatable {
    public var name: String
    public var host: String
    /// The port to listen on; 0 asks the system for a free one.
    public var port: Int
    public var database: DatabaseLocation
    /// The static files folder served at `/` (the router's fallback).
    public var publicDirectory: String
    /// The web assets folder served under `/_omni/`.
    public var webDirectory: String

    public init(name: String, host: String, port: Int, database: DatabaseLocation, publicDirectory: String, webDirectory: String) {
        self.name = name; self.host = host; self.port = port; self.database = database
        self.publicDirectory = publicDirectory; self.webDirectory = webDirectory
    }
}

/// A bad command line, environment or database: printed to standard error, exit status 2.
public struct AppStartError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The start-up of a generated app (its `main.swift` calls ``run(defaults:migrations:postgres:routes:)``).
public enum AppMain {
    /// What the command line asks for.
    public enum Command: Sendable, Equatable {
        case run(AppConfiguration)
        /// `-h` / `--help`: print ``usage(_:)`` and exit 0.
        case help
    }

    /// Builds the configuration from `defaults`, then the environment (`PORT`, `HOST`,
    /// `OMNI_DATABASE_URL`, `OMNI_ROOT`), then the command line (`--port N`, `--host H`,
    /// `--database URL`, `--root DIR`, each also as `--flag=value`). Later sources win.
    /// Values given on the command line or in the environment are used as given (relative
    /// paths are relative to the working directory); baked defaults are relative to the root.
    public static func parse(arguments: [String], environment: [String: String], defaults: AppDefaults) throws(AppStartError) -> Command {
        var host: String? = environment["HOST"].flatMap { $0.isEmpty ? nil : $0 }
        var portText: (String, String)? = environment["PORT"].flatMap { $0.isEmpty ? nil : ($0, "PORT") }
        var databaseURL: String? = environment["OMNI_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        var root: String? = environment["OMNI_ROOT"].flatMap { $0.isEmpty ? nil : $0 }

        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if argument == "-h" || argument == "--help" { return .help }
            guard argument.hasPrefix("--") else {
                throw AppStartError("unexpected argument \"\(argument)\" (see --help)")
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard ["port", "host", "database", "root"].contains(name) else {
                throw AppStartError("unknown option --\(name) (the options are --host, --port, --database, --root, --help)")
            }
            if value == nil {
                guard i < arguments.count, !arguments[i].hasPrefix("--") else {
                    throw AppStartError("--\(name) needs a value")
                }
                value = arguments[i]
                i += 1
            }
            let given = value ?? ""
            guard !given.isEmpty else { throw AppStartError("--\(name) needs a value") }
            switch name {
            case "port": portText = (given, "--port")
            case "host": host = given
            case "database": databaseURL = given
            default: root = given
            }
        }

        var port = defaults.port
        if let (text, source) = portText {
            guard let n = Int(text), (0...65535).contains(n) else {
                throw AppStartError("\(source) must be a port number from 0 to 65535, not \"\(text)\"")
            }
            port = n
        }
        let base = root ?? defaults.projectDirectory
        let database: DatabaseLocation
        if let databaseURL {
            database = try DatabaseLocation.parse(databaseURL)
        } else {
            database = try DatabaseLocation.parse(defaults.databaseURL, relativeTo: base)
        }
        return .run(AppConfiguration(
            name: defaults.name, host: host ?? defaults.host, port: port, database: database,
            publicDirectory: resolve(defaults.publicDirectory, against: base),
            webDirectory: resolve(defaults.webDirectory, against: base)))
    }

    /// The `--help` text.
    public static func usage(_ defaults: AppDefaults) -> String {
        """
        \(defaults.name): a server generated by omni

        usage: \(defaults.name) [--host HOST] [--port PORT] [--database URL] [--root DIR]

          --host HOST      the address to listen on (default \(defaults.host); env HOST)
          --port PORT      the port, 0 for any free one (default \(defaults.port); env PORT)
          --database URL   sqlite:PATH or postgres://USER:PASS@HOST/DB
                           (default \(defaults.databaseURL); env OMNI_DATABASE_URL)
          --root DIR       the project directory the defaults are relative to
                           (default \(defaults.projectDirectory); env OMNI_ROOT)

        environment: OMNI_SESSION_SECRET (32+ bytes; signs session cookies),
        OMNI_API_TOKENS (comma-separated bearer tokens for auth(bearer)),
        OMNI_BASIC_AUTH (comma-separated user:password pairs for auth(basic))
        """
    }

    /// `path` made absolute against `base` unless it already is (or `base` is nil).
    static func resolve(_ path: String, against base: String?) -> String {
        guard let base, !path.hasPrefix("/") else { return path }
        if path == "." { return base }
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        return base.hasSuffix("/") ? base + trimmed : base + "/" + trimmed
    }

    /// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs.
    static func redactingPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
