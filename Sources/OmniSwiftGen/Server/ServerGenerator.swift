import OmniBase
import OmniSema

/// What the server package is built with, from the project's `omni.toml` (read by the
/// driver): baked into the generated `Entry.swift` as the app's defaults.
public struct ServerManifest: Hashable, Sendable {
    /// `[project] name`: the package and the executable are named after it.
    public var name: String
    /// The absolute project directory; relative paths below are relative to it.
    public var projectDirectory: String
    /// `[server] host` (default `127.0.0.1`).
    public var host: String
    /// `[server] port` (default 8080).
    public var port: Int
    /// `[database] url`: `sqlite:PATH` (default `sqlite:.omni/data/<name>.sqlite`) or `postgres://…`.
    public var databaseURL: String
    /// The static files folder (`public`).
    public var publicDirectory: String
    /// The web assets folder served under `/_omni/` (`.omni/web`).
    public var webDirectory: String

    public init(name: String, projectDirectory: String, host: String = "127.0.0.1", port: Int = 8080, databaseURL: String? = nil,
                publicDirectory: String = "public", webDirectory: String = ".omni/web") {
        self.name = name; self.projectDirectory = projectDirectory; self.host = host; self.port = port
        self.databaseURL = databaseURL ?? "sqlite:.omni/data/\(ServerManifest.fileSafe(name)).sqlite"
        self.publicDirectory = publicDirectory; self.webDirectory = webDirectory
    }

    /// True when the database is PostgreSQL: the package then links OmniPostgres.
    public var usesPostgres: Bool { databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") }

    /// The executable's name: the project name with anything but letters, digits, `-`, `_`
    /// and `.` replaced by `-` (`app` when nothing is left).
    public var executableName: String { ServerManifest.fileSafe(name) }

    static func fileSafe(_ name: String) -> String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "-" })
        return safe.allSatisfy({ $0 == "-" || $0 == "." }) ? "app" : safe
    }
}

/// One file of the generated package, its path relative to the package root.
public struct GeneratedFile: Hashable, Sendable {
    public var path: String
    public var contents: String
    public init(path: String, contents: String) { self.path = path; self.contents = contents }
}

/// The assembly of the generated server package (`.omni/build/server/`):
///
/// ```
/// Package.swift              from Templates/server/Package.swift.tmpl (PackageGen)
/// Sources/App/main.swift     from Templates/server/main.swift.tmpl: `await omni_main()`
/// Sources/App/Entry.swift    omni_defaults + omni_main() (EntryGen)
/// Sources/App/Dispatch.swift omni_router(_:) and one omni_pipeline_<name>(_:) per pipeline (DispatchGen)
/// Sources/App/…              the parts of the other generators (models, migrations, queries,
///                            handlers, templates, components), as they name them
/// ```
public enum ServerGenerator {
    /// The skeleton names `generate` needs in `skeletons`.
    public static let skeletonNames = ["server/Package.swift.tmpl", "server/main.swift.tmpl"]

    /// Renders every file of the package. `parts` are the files of the other generators
    /// (paths relative to the package root, e.g. `Sources/App/Models.swift`); each is
    /// rendered with an `import OmniApp` and `import Foundation` unless it declares them.
    /// `runtimePath` is the path of omni's `Runtime/` package as the generated Package.swift
    /// should name it. Throws only when a skeleton is missing or malformed (an installation
    /// problem, not a problem of the project).
    public static func generate(
        program: ServerProgram, sources: SourceMap, manifest: ServerManifest, skeletons: [String: String],
        runtimePath: String, parts: [(path: String, decls: [SwiftDecl])] = []
    ) throws(Skeleton.Failure) -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        files.append(GeneratedFile(path: "Package.swift", contents: try PackageGen.packageManifest(
            manifest: manifest, runtimePath: runtimePath, skeletons: skeletons)))
        files.append(GeneratedFile(path: "Sources/App/main.swift", contents: try PackageGen.main(manifest: manifest, skeletons: skeletons)))
        files.append(GeneratedFile(path: "Sources/App/Entry.swift", contents: SwiftRenderer.file(EntryGen.file(manifest: manifest))))
        files.append(GeneratedFile(path: "Sources/App/Dispatch.swift", contents: SwiftRenderer.file(DispatchGen.file(program: program, sources: sources))))
        for part in parts {
            files.append(GeneratedFile(path: part.path, contents: SwiftRenderer.file(partFile(part))))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// A part of another generator as a file: the standard imports first, unless present.
    static func partFile(_ part: (path: String, decls: [SwiftDecl])) -> SwiftFile {
        var imports: [SwiftDecl] = []
        for module in ["Foundation", "OmniApp"] where !part.decls.contains(.import(module)) {
            imports.append(.import(module))
        }
        let body = imports.isEmpty ? part.decls : imports + [.blank] + part.decls
        return SwiftFile(path: part.path, header: "", declarations: body)
    }

    /// `path:line` of a span, for `SourceNote`s (line 1 when the file is unknown).
    static func note(_ span: Span, _ sources: SourceMap) -> SourceNote {
        guard let file = sources[span.file] else { return SourceNote(path: "\(span.file)", line: 1) }
        return SourceNote(path: file.path, line: file.location(of: Int(span.start)).line)
    }
}
