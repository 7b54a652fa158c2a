// The start-up of a generated app, part 2: open the storage, migrate it, build the routes,
// start the server, print `listening on http://HOST:PORT`, serve until SIGTERM/SIGINT,
// drain, close the storage.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// Opens a PostgreSQL backend from a URL. OmniApp does not link PostgreSQL: an app whose
/// `omni.toml` names a `postgres://` database passes `{ try PostgresStorage(url: $0) }`.
public typealias PostgresOpener = @Sendable (String) async throws -> any StorageBackend

/// What a generated app's routes are built from: the configuration, the opened storage and
/// the start-up's secrets. The generated `omni_router(_:)` reads it.
public struct AppContext: Sendable {
    public var configuration: AppConfiguration
    /// The database every handler runs against.
    public var storage: any StorageBackend
    /// The logger of `logger` plugs (access lines) and start-up messages.
    public var logger: Logger
    /// The signed-cookie settings of `session` plugs.
    public var sessions: SessionConfiguration
    /// Who `auth(bearer)` and `auth(basic)` accept.
    public var credentials: AppCredentials

    public init(configuration: AppConfiguration, storage: any StorageBackend, logger: Logger,
                sessions: SessionConfiguration, credentials: AppCredentials) {
        self.configuration = configuration; self.storage = storage; self.logger = logger
        self.sessions = sessions; self.credentials = credentials
    }
}

/// A started app: the server is listening on ``port``.
public struct RunningApp: Sendable {
    public let server: Server
    public let context: AppContext
    /// The bound port (the real one when the configuration asked for 0).
    public let port: Int

    /// Stops accepting, drains, and closes the storage.
    public func stop() async {
        await server.shutdown()
        try? await context.storage.close()
    }
}

extension AppMain {
    /// The entry point of a generated app: parses the command line and environment, starts,
    /// serves until SIGTERM or SIGINT, drains and exits (status 0; 2 for a bad command line
    /// or a database that cannot be opened or migrated).
    /// `migrations` gives the migrations in the dialect of the database the command line chose.
    public static func run(
        defaults: AppDefaults, migrations: @escaping @Sendable (SQLDialect) -> [Migration], postgres: PostgresOpener? = nil,
        routes: @escaping @Sendable (AppContext) -> Router
    ) async -> Never {
        let environment = ProcessInfo.processInfo.environment
        let configuration: AppConfiguration
        do throws(AppStartError) {
            switch try parse(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment, defaults: defaults) {
            case .help:
                print(usage(defaults))
                exit(0)
            case .run(let c):
                configuration = c
            }
        } catch {
            fail(error.message)
        }
        var logger = Logger(label: configuration.name)
        logger.logLevel = .info
        let app: RunningApp
        do {
            app = try await start(configuration, environment: environment, migrations: migrations, postgres: postgres,
                                  logger: logger, routes: routes)
        } catch let error as AppStartError {
            fail(error.message)
        } catch {
            fail("could not start: \(error)")
        }
        do {
            // The server is already listening, so `run()` inside the service group only waits.
            try await app.server.runUntilSignal()
        } catch {
            logger.error("server stopped with an error", metadata: ["error": .string("\(error)")])
        }
        try? await app.context.storage.close()
        exit(0)
    }

    /// Opens and migrates the storage, builds the routes and starts listening. Prints
    /// `listening on http://HOST:PORT` (the bound port) to standard output and flushes it.
    public static func start(
        _ configuration: AppConfiguration, environment: [String: String], migrations: [Migration],
        postgres: PostgresOpener?, logger: Logger, routes: @Sendable (AppContext) -> Router
    ) async throws -> RunningApp {
        try await start(configuration, environment: environment, migrations: { _ in migrations }, postgres: postgres,
                        logger: logger, routes: routes)
    }

    /// `start` with the migrations chosen by the opened database's dialect.
    public static func start(
        _ configuration: AppConfiguration, environment: [String: String], migrations: @Sendable (SQLDialect) -> [Migration],
        postgres: PostgresOpener?, logger: Logger, routes: @Sendable (AppContext) -> Router
    ) async throws -> RunningApp {
        let storage = try await openStorage(configuration.database, postgres: postgres)
        do {
            let applied = try await storage.migrate(migrations(storage.dialect))
            if !applied.isEmpty {
                logger.info("migrated", metadata: ["versions": .string(applied.map(String.init).joined(separator: ","))])
            }
        } catch {
            try? await storage.close()
            throw AppStartError("could not migrate \(configuration.database): \(error)")
        }
        let (sessions, generated) = try sessionConfiguration(environment)
        if generated {
            logger.warning("OMNI_SESSION_SECRET is not set: sessions are signed with a random key and end when the server restarts")
        }
        let context = AppContext(configuration: configuration, storage: storage, logger: logger, sessions: sessions,
                                 credentials: try AppCredentials(environment: environment))
        var serverConfiguration = ServerConfiguration(host: configuration.host, port: configuration.port)
        serverConfiguration.logger = logger
        let server: Server
        do {
            server = try Server(configuration: serverConfiguration, dispatcher: routes(context).compile())
        } catch {
            try? await storage.close()
            throw AppStartError("the route table does not compile: \(error)")
        }
        do {
            try await server.start()
        } catch {
            try? await storage.close()
            throw AppStartError("could not listen on \(configuration.host):\(configuration.port): \(error)")
        }
        let port = server.localAddress?.port ?? configuration.port
        print("listening on http://\(displayHost(configuration.host)):\(port)")
        fflush(nil)  // every C stream, stdout included (naming `stdout` is not concurrency-safe)
        return RunningApp(server: server, context: context, port: port)
    }

    /// Opens the database: SQLite (creating the file's folder) or PostgreSQL through `postgres`.
    public static func openStorage(_ location: DatabaseLocation, postgres: PostgresOpener?) async throws -> any StorageBackend {
        switch location {
        case .sqlite(let path):
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw AppStartError("could not create the database folder \(folder): \(error.localizedDescription)")
                }
            }
            do {
                return try SQLiteStorage(path: path)
            } catch {
                throw AppStartError("could not open the SQLite database \(path): \(error)")
            }
        case .postgres(let url):
            guard let postgres else {
                throw AppStartError(
                    "this server was built without PostgreSQL support: set [database] url in omni.toml to the postgres:// URL and rebuild")
            }
            do {
                return try await postgres(url)
            } catch {
                throw AppStartError("could not open \(location): \(error)")
            }
        }
    }

    /// The session settings: the secret from `OMNI_SESSION_SECRET` (at least 32 bytes), or
    /// a random one (then `generated` is true).
    static func sessionConfiguration(_ environment: [String: String]) throws(AppStartError) -> (SessionConfiguration, generated: Bool) {
        if let secret = environment["OMNI_SESSION_SECRET"], !secret.isEmpty {
            guard secret.utf8.count >= 32 else {
                throw AppStartError("OMNI_SESSION_SECRET must be at least 32 bytes long (it has \(secret.utf8.count))")
            }
            return (SessionConfiguration(secret: Array(secret.utf8)), false)
        }
        var rng = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return (SessionConfiguration(secret: secret), true)
    }

    /// IPv6 literals in URLs need brackets.
    static func displayHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(2)
    }
}
