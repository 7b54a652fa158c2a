// swift-tools-version:6.2
// The HTTP benchmark: three servers answering GET /plaintext and GET /json identically —
// OmniHTTP (composed as generated code composes it), a bare SwiftNIO HTTP/1.1 server, and a
// minimal Hummingbird 2 app — measured by run.sh with wrk. Not part of the test suite.
import PackageDescription

let package = Package(
    name: "omni-http-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../../../Runtime"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        .executableTarget(
            name: "omni-bench-server",
            dependencies: [.product(name: "OmniHTTP", package: "Runtime")]
        ),
        .executableTarget(
            name: "nio-bench-server",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "hummingbird-bench-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
