import Foundation
import OmniBase

/// `omni build --target server`: writes the generated package into
/// `<project>/.omni/build/server/`, runs `swift build` on it with visible progress, and
/// copies the binary to `<project>/.omni/bin/<name>`. Only changed files are rewritten
/// (GeneratedPackageWriter), so swiftc rebuilds only what an edit touched.
public enum ServerBuild {
    /// Where things go, relative to the project directory (docs/ARCHITECTURE.md, "The server target").
    public static let packageDirectory = ".omni/build/server"
    public static let binaryDirectory = ".omni/bin"

    public struct Options: Sendable {
        /// `swift build -c release` instead of debug.
        public var release: Bool
        /// Where swift build keeps its products; nil for the package's own `.build`.
        public var scratchPath: String?
        public init(release: Bool = false, scratchPath: String? = nil) { self.release = release; self.scratchPath = scratchPath }
    }

    /// What a build did: the timings (omni's own work and swiftc's separately), the binary.
    public struct Outcome: Sendable {
        public var binaryPath: String?
        public var binaryBytes: Int?
        /// Time spent running `swift build`.
        public var swiftSeconds: Double
        public var diagnostics: [Diagnostic]
    }

    /// Builds the package already written to the project's package directory. `product` is
    /// the executable product's name in the generated Package.swift, and the binary's name under `.omni/bin`.
    public static func compile(product: String, projectDirectory: String, sources: SourceMap,
                               options: Options, progress: @escaping @Sendable (String) -> Void) throws -> Outcome {
        let root = projectDirectory + "/" + packageDirectory
        guard let swift = ProcessRunner.which("swift") else {
            let d = Diagnostic(.error, "E0004", "cannot build the generated server: `swift` is not on PATH",
                               at: sources.files.first.map { .point($0.id, 0) } ?? .point(FileID(0), 0))
                .helping("install the Swift toolchain, or run `omni build` from a shell where `swift --version` works")
            return Outcome(binaryPath: nil, binaryBytes: nil, swiftSeconds: 0, diagnostics: [d])
        }
        let configuration = options.release ? "release" : "debug"
        var arguments = ["build", "--package-path", root, "-c", configuration, "--product", product]
        if let scratch = options.scratchPath { arguments += ["--scratch-path", scratch] }
        let outcome = try ProcessRunner.run(swift, arguments, onLine: { line in
            if isProgressLine(line) { progress(line) }
        })
        guard outcome.status == 0 else {
            return Outcome(binaryPath: nil, binaryBytes: nil, swiftSeconds: outcome.seconds,
                           diagnostics: SwiftcDiagnosticMapper.diagnostics(forFailedBuild: outcome.output, packageRoot: root, sources: sources))
        }
        let buildRoot = options.scratchPath ?? (root + "/.build")
        let built = buildRoot + "/" + configuration + "/" + product
        let binDirectory = projectDirectory + "/" + binaryDirectory
        try FileManager.default.createDirectory(atPath: binDirectory, withIntermediateDirectories: true)
        let destination = binDirectory + "/" + product
        try install(built, at: destination)
        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? nil
        return Outcome(binaryPath: destination, binaryBytes: size, swiftSeconds: outcome.seconds, diagnostics: [])
    }

    /// `swift build`'s progress lines worth showing: `[12/80] Compiling App Models.swift`, `Build complete!`, fetching.
    static func isProgressLine(_ line: String) -> Bool {
        line.hasPrefix("[") || line.hasPrefix("Build complete") || line.hasPrefix("Building for")
            || line.hasPrefix("Fetching") || line.hasPrefix("Computing") || line.hasPrefix("Compiling")
    }

    /// Copies the built binary next to a temporary name, then renames it into place, so a
    /// running server keeps its (old) file and a half-copied binary is never visible.
    static func install(_ source: String, at destination: String) throws {
        let tmp = destination + ".omni-tmp"
        try? FileManager.default.removeItem(atPath: tmp)
        try FileManager.default.copyItem(atPath: source, toPath: tmp)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tmp)
        try GeneratedPackageWriter.replace(destination, with: tmp)
    }

    /// The runtime package generated servers depend on: `$OMNI_RUNTIME_PATH`, else the
    /// nearest `Runtime/` (with a Package.swift) above `start`.
    public static func runtimeDirectory(searchingFrom start: String,
                                        environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["OMNI_RUNTIME_PATH"], FileManager.default.fileExists(atPath: explicit + "/Package.swift") {
            return URL(fileURLWithPath: explicit).standardizedFileURL.path
        }
        return WasmOutput.findUpward("Runtime", containing: "Package.swift", from: start)
    }
}
