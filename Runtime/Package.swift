// swift-tools-version:6.0
// The omni runtime: the small library every generated server links (docs/ARCHITECTURE.md,
// "Runtime API"). Reactive and ECS import no NIO; PostgreSQL lives in its own target so
// that an app on SQLite never builds postgres-nio.
import PackageDescription

let package = Package(
    name: "OmniRuntime",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "OmniRuntime", targets: ["OmniRuntime"]),
        .library(name: "OmniReactive", targets: ["OmniReactive"]),
        .library(name: "OmniECS", targets: ["OmniECS"]),
        .library(name: "OmniHTML", targets: ["OmniHTML"]),
        .library(name: "OmniStorage", targets: ["OmniStorage"]),
        .library(name: "OmniPostgres", targets: ["OmniPostgres"]),
        .library(name: "OmniHTTP", targets: ["OmniHTTP"]),
        .library(name: "OmniApp", targets: ["OmniApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.35.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.25.0"),
        // zlib (gzip/deflate) for OmniHTTP's compression middleware.
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // Signals, computeds, effects. No NIO. The graph is confined to one isolation
        // domain, so release builds skip the dynamic exclusivity checks that otherwise
        // dominate its hot loops (debug builds, and so the tests, keep them).
        .target(name: "OmniReactive", swiftSettings: [
            .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
        ]),
        // Entity-component-system. No NIO. Confined to one isolation domain like the
        // reactive graph, so release builds skip dynamic exclusivity checks too.
        .target(name: "OmniECS", swiftSettings: [
            .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
        ]),
        // The HTML writer with context-correct escaping.
        .target(name: "OmniHTML"),
        // SQLite through GRDB, migrations, the storage protocol generated code targets.
        .target(name: "OmniStorage", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Test helper for OmniStorageTests' crash-safety test: commits a burst of
        // transactions, printing each committed id, until the test SIGKILLs it.
        .executableTarget(name: "OmniStorageCrashHelper", dependencies: ["OmniStorage"]),
        // PostgreSQL behind the same protocol; only apps that choose it build it.
        .target(name: "OmniPostgres", dependencies: [
            "OmniStorage",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // HTTP/1.1 (+ HTTP/2, TLS) on SwiftNIO, dispatch, middleware, test client.
        .target(name: "OmniHTTP", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTP2", package: "swift-nio-http2"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ], exclude: ["README.md"]),
        // The umbrella generated servers import.
        .target(name: "OmniRuntime", dependencies: ["OmniHTTP", "OmniReactive", "OmniECS", "OmniHTML", "OmniStorage"]),

        // What generated servers call beyond HTTP, HTML and storage: the uniform error body,
        // field validation, REST list parameters (filters, sort, offset and cursor pages),
        // template helpers and the start-up of a generated app.
        .target(name: "OmniApp", dependencies: ["OmniHTTP", "OmniHTML", "OmniStorage"]),

        .testTarget(name: "OmniAppTests", dependencies: ["OmniApp"]),
        .testTarget(name: "OmniReactiveTests", dependencies: ["OmniReactive"]),
        .testTarget(name: "OmniECSTests", dependencies: ["OmniECS"]),
        .testTarget(name: "OmniHTMLTests", dependencies: ["OmniHTML"]),
        .testTarget(name: "OmniStorageTests", dependencies: ["OmniStorage", "OmniStorageCrashHelper"]),
        .testTarget(name: "OmniPostgresTests", dependencies: ["OmniPostgres"]),
        .testTarget(name: "OmniHTTPTests", dependencies: ["OmniHTTP"]),
    ],
    swiftLanguageModes: [.v6]
)
