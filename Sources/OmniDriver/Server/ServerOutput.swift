import Foundation
import OmniBase
import OmniSema
import OmniSwiftGen
import OmniTemplates
import OmniWebGen

/// The server target end to end: the checked project → the generated package (every
/// generator's files, assembled by `ServerGenerator`) → `swift build` → `.omni/bin/<name>`,
/// plus `openapi.json`, `api.d.ts` and `api.js` in the web directory.
public enum ServerOutput {
    /// What `omni build --target server` did.
    public struct Report: Sendable {
        public var outcome: ServerBuild.Outcome
        /// What writing the generated package did (files written, unchanged, removed).
        public var writeStats: GeneratedPackageWriter.Stats
        /// Time spent in omni itself: generating, rendering and writing files (not `swift build`).
        public var omniSeconds: Double
        /// The web files written (changed ones only), by name.
        public var webFiles: [String]
    }

    /// The manifest the generated entry point bakes in, from `omni.toml`.
    public static func manifest(_ frontend: Frontend.Result, name: String, projectDirectory: String) -> ServerManifest {
        let toml = frontend.manifest ?? ProjectManifest()
        return ServerManifest(name: name, projectDirectory: projectDirectory, host: toml.host,
                              port: toml.port, databaseURL: toml.databaseURL)
    }

    /// Every file of the generated package and the back ends' diagnostics (E0810 for a
    /// component the server renderer cannot compile). Pure apart from reading omni's own skeletons.
    public static func generate(_ frontend: Frontend.Result, sources: SourceMap, manifest: ServerManifest,
                                runtimeDirectory: String) throws -> (files: [GeneratedFile], diagnostics: [Diagnostic]) {
        let program = frontend.server
        // Only components a template embeds are rendered on the server: a component used
        // only in the browser may use what the server renderer does not support (E0810).
        let used = program.componentsUsedByTemplates
        let embedded = TypedProgram(components: frontend.program.components.filter { used.contains($0.name) }, diagnostics: [])
        let ssr = SSRGen.generate(embedded, sources: sources)
        let parts = DataGen.files(program, sources: sources)
            + HTMLGen.files(program, sources: sources, components: frontend.program.components)
            + ssr.files
        let files = try ServerGenerator.generate(program: program, sources: sources, manifest: manifest,
                                                 skeletons: OmniTemplates.server(), runtimePath: runtimeDirectory, parts: parts)
        return (files, ssr.diagnostics)
    }

    /// `openapi.json`, `api.d.ts` and `api.js` for the REST and JSON routes.
    public static func webFiles(_ program: ServerProgram, name: String) -> [(path: String, contents: String)] {
        [("openapi.json", OpenAPIGen.document(program, title: name, version: "1.0.0")),
         ("api.d.ts", TypeScriptAPIGen.declarations(program)),
         ("api.js", TypeScriptAPIGen.implementation(program))]
    }

    /// Generates, writes and builds the server; see `omni build --help`.
    public static func build(_ frontend: Frontend.Result, sources: SourceMap, name: String, projectDirectory: String,
                             webDirectory: String, runtimeDirectory: String, options: ServerBuild.Options,
                             progress: @escaping @Sendable (String) -> Void) throws -> Report {
        let start = Date()
        let manifest = manifest(frontend, name: name, projectDirectory: projectDirectory)
        let (files, diagnostics) = try generate(frontend, sources: sources, manifest: manifest, runtimeDirectory: runtimeDirectory)
        var webWritten: [String] = []
        try FileManager.default.createDirectory(atPath: webDirectory, withIntermediateDirectories: true)
        for file in webFiles(frontend.server, name: name) {
            if try GeneratedPackageWriter.writeIfChanged(Data(file.contents.utf8), to: webDirectory + "/" + file.path) {
                webWritten.append(file.path)
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            return Report(outcome: .init(binaryPath: nil, binaryBytes: nil, swiftSeconds: 0, diagnostics: diagnostics),
                          writeStats: .init(), omniSeconds: Date().timeIntervalSince(start), webFiles: webWritten)
        }
        let stats = try GeneratedPackageWriter.sync(files.map { ($0.path, $0.contents) }, into: projectDirectory + "/" + ServerBuild.packageDirectory)
        let omniSeconds = Date().timeIntervalSince(start)
        var outcome = try ServerBuild.compile(product: manifest.executableName, projectDirectory: projectDirectory,
                                              sources: sources, options: options, progress: progress)
        outcome.diagnostics = diagnostics + outcome.diagnostics
        return Report(outcome: outcome, writeStats: stats, omniSeconds: omniSeconds, webFiles: webWritten)
    }
}
