// swift-tools-version:6.0
// Benchmarks of the runtime's ECS, reactive graph and HTML writer, each measured side by
// side with a hand-written baseline in the same process. Built in release by ../run.sh.
// (It sits one folder down because a package in a folder named `runtime` would have the
// same identity as the `Runtime` package it depends on.)
import PackageDescription

let package = Package(
    name: "RuntimeBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../../../../Runtime"),
    ],
    targets: [
        .executableTarget(name: "runtime-bench", dependencies: [
            .product(name: "OmniECS", package: "Runtime"),
            .product(name: "OmniReactive", package: "Runtime"),
            .product(name: "OmniHTML", package: "Runtime"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
