// swift-tools-version:6.0
// omni — an ahead-of-time compiler toolchain for web projects.
// One target per compiler stage (docs/ARCHITECTURE.md); a target imports only earlier stages.
import PackageDescription

let package = Package(
    name: "omni",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "omni", targets: ["omni"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Stage 0: files, spans, diagnostics and their renderers. No dependencies.
        .target(name: "OmniBase"),
        // Stage 1: lexers, parsers and the AST of every input language.
        .target(name: "OmniSyntax", dependencies: ["OmniBase"]),
        // Stage 2: name resolution, type checking, template checks, the dependency analyzer.
        .target(name: "OmniSema", dependencies: ["OmniBase", "OmniSyntax"]),
        // Stage 3: the lowered IR, its optimizer (one pass per file) and an evaluator.
        .target(name: "OmniIR", dependencies: ["OmniBase", "OmniSyntax", "OmniSema"]),
        // Stage 4a: IR, schemas, routes and templates -> a structured Swift model -> one renderer.
        .target(name: "OmniSwiftGen", dependencies: ["OmniBase", "OmniSyntax", "OmniSema", "OmniIR"]),
        // Stage 4c: the checked server program -> openapi.json and api.d.ts.
        .target(name: "OmniWebGen", dependencies: ["OmniBase", "OmniSyntax", "OmniSema"]),
        // System library over Debian's binaryen (no pkg-config file): only OmniWasmGen imports it.
        .systemLibrary(name: "CBinaryen", path: "Sources/CBinaryen"),
        // Stage 4b: IR -> WebAssembly through Binaryen's C API, plus `.d.ts` per module.
        .target(name: "OmniWasmGen", dependencies: ["OmniBase", "OmniSyntax", "OmniSema", "OmniIR", "CBinaryen"],
                exclude: ["HYDRATION.md"]),
        // The fixed skeletons of generated packages (Templates/server/*.tmpl) as resources;
        // only the driver loads them and hands their text to OmniSwiftGen.
        .target(name: "OmniTemplates", path: "Templates", exclude: ["README.md"], resources: [.copy("server")]),
        // The only code that touches disk or runs processes.
        .target(name: "OmniDriver", dependencies: ["OmniBase", "OmniSyntax", "OmniSema", "OmniIR", "OmniSwiftGen", "OmniWebGen", "OmniWasmGen", "OmniTemplates"]),
        // The CLI: thin, calls the driver.
        .executableTarget(name: "omni", dependencies: [
            "OmniDriver",
            "OmniWasmGen",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Snapshot helper, fixture loader, inline-annotation parser for tests.
        .target(name: "OmniTestSupport", dependencies: ["OmniBase"]),

        .testTarget(name: "OmniBaseTests", dependencies: ["OmniBase", "OmniTestSupport"]),
        .testTarget(name: "OmniSyntaxTests", dependencies: ["OmniSyntax", "OmniTestSupport"]),
        .testTarget(name: "OmniSemaTests", dependencies: ["OmniSema", "OmniTestSupport"]),
        .testTarget(name: "OmniIRTests", dependencies: ["OmniIR", "OmniSema", "OmniSyntax", "OmniTestSupport"]),
        .testTarget(name: "OmniSwiftGenTests", dependencies: ["OmniSwiftGen", "OmniSema", "OmniSyntax", "OmniDriver", "OmniTemplates", "OmniTestSupport"]),
        .testTarget(name: "OmniWebGenTests", dependencies: ["OmniWebGen", "OmniSema", "OmniSyntax", "OmniDriver", "OmniTestSupport"]),
        .testTarget(name: "OmniWasmGenTests", dependencies: ["OmniWasmGen", "OmniTestSupport"]),
        .testTarget(name: "OmniDriverTests", dependencies: ["OmniDriver", "OmniWasmGen", "OmniTestSupport"]),
        .testTarget(name: "omniTests", dependencies: ["omni", "OmniTestSupport"]),
        .testTarget(name: "OmniTestSupportTests", dependencies: ["OmniTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
