// swift-tools-version:6.0
// The package scripts/check-swiftgen-data.sh builds: the generated data files of the test
// fixture plus main.swift, against the runtime by path.
import PackageDescription

let package = Package(
    name: "DataCheck",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "OmniRuntime", path: "RUNTIME_PATH")],
    targets: [
        .executableTarget(name: "App", dependencies: [.product(name: "OmniApp", package: "OmniRuntime")]),
    ],
    swiftLanguageModes: [.v6]
)
