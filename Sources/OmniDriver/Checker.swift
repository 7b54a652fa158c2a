import Foundation
import OmniBase
import OmniSema
import OmniSyntax

/// What `omni check` found: the files read, every diagnostic in deterministic order, and counts.
public struct CheckReport: Sendable {
    public var sources: SourceMap
    public var diagnostics: [Diagnostic]
    public var filesChecked: Int
    /// The parsed files and the checked program, for the back ends.
    public var frontend: Frontend.Result?

    public var errorCount: Int { diagnostics.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.lazy.filter { $0.severity == .warning }.count }
    public var summary: RenderSummary { RenderSummary(errors: errorCount, warnings: warningCount, files: filesChecked) }

    /// The exit status of DESIGN.md §6: 0 clean, 1 errors (or warnings when denied).
    public func exitStatus(denyWarnings: Bool) -> Int32 {
        if errorCount > 0 || (denyWarnings && warningCount > 0) { return 1 }
        return 0
    }
}

/// Runs the front end over a set of files. Reading files is the only IO here.
public enum Checker {
    /// Checks the `.omni` files found under `paths` (directories are walked).
    public static func check(paths: [String], policy: WarningPolicy = .init()) throws -> CheckReport {
        let inputs = try SourceDiscovery.inputs(for: paths)
        var loaded: [(String, [UInt8])] = []
        var readFailures: [(Int, String)] = []
        for (i, input) in inputs.enumerated() {
            if let data = FileManager.default.contents(atPath: input.absolutePath) {
                loaded.append((input.displayPath, [UInt8](data)))
            } else {
                loaded.append((input.displayPath, []))
                readFailures.append((i, input.absolutePath))
            }
        }
        var report = check(files: loaded, policy: policy)
        for (i, path) in readFailures {
            report.diagnostics.append(Diagnostic(.error, "E0001", "cannot read `\(path)`", at: .point(FileID(UInt32(i)), 0))
                .note("check that the file exists and is readable"))
        }
        report.diagnostics = sortedDiagnostics(report.diagnostics, sources: report.sources)
        return report
    }

    /// Checks in-memory files (display path, bytes), in parallel, reporting in a stable order.
    public static func check(files: [(path: String, bytes: [UInt8])], policy: WarningPolicy = .init()) -> CheckReport {
        var sources = SourceMap()
        for f in files { sources.add(path: f.path, bytes: f.bytes) }
        let result = Frontend.check(sources.files)
        let diagnostics = sortedDiagnostics(policy.apply(result.diagnostics), sources: sources)
        return CheckReport(sources: sources, diagnostics: diagnostics, filesChecked: files.count, frontend: result)
    }
}

/// The front end of a whole project: each file is parsed in parallel, then the semantic
/// core checks all components together. No IO.
public enum Frontend {
    public struct Result: Sendable {
        /// The `.omni` files and their component ASTs.
        public var parsed: [(file: SourceFile, ast: OmniFile)]
        /// The checked components.
        public var program: TypedProgram
        /// The checked schemas, routes and templates (empty for a project without them).
        public var server: ServerProgram
        /// The project's `omni.toml`, when there is one.
        public var manifest: ProjectManifest?
        public var diagnostics: [Diagnostic]
    }

    /// One parsed input file.
    public struct ParsedFile: Sendable {
        /// A `.omni` file's AST.
        public var omni: OmniFile?
        /// Its `<schema>` and `<routes>` blocks.
        public var blocks: [SchemaOrRoutes] = []
        /// A template's AST.
        public var template: TemplateFile?
        /// The manifest read from `omni.toml`.
        public var manifest: ProjectManifest?
        public var diagnostics: [Diagnostic]
    }

    /// Parses one file with the front end its name selects: `.omni` components (and their
    /// schema and routes blocks), templates, `omni.toml`. Other files are read by later stages.
    public static func parseFile(_ file: SourceFile) -> ParsedFile {
        if file.path.hasSuffix(".omni") {
            let (ast, diagnostics, ids) = ComponentParser.parseKeepingIDs(file)
            let (blocks, blockDiagnostics) = parseBlocks(of: ast, in: file, ids: ids)
            return ParsedFile(omni: ast, blocks: blocks, diagnostics: diagnostics + blockDiagnostics)
        }
        if isTemplate(file.path) {
            let (template, diagnostics) = TemplateParser.parse(file)
            return ParsedFile(template: template, diagnostics: diagnostics)
        }
        if file.path == "omni.toml" || file.path.hasSuffix("/omni.toml") {
            let (document, diagnostics) = TOMLParser.parse(file)
            let (manifest, manifestDiagnostics) = ProjectManifest.read(document)
            return ParsedFile(manifest: manifest, diagnostics: diagnostics + manifestDiagnostics)
        }
        return ParsedFile(diagnostics: [])
    }

    /// True for Handlebars-style templates: `.html` files under a `templates/` folder.
    public static func isTemplate(_ path: String) -> Bool {
        path.hasSuffix(".html") && (path.hasPrefix("templates/") || path.contains("/templates/"))
    }

    /// The `<schema>` and `<routes>` blocks of a parsed `.omni` file, read by their own parsers.
    public static func parseBlocks(of ast: OmniFile, in file: SourceFile, ids: NodeIDGenerator) -> ([SchemaOrRoutes], [Diagnostic]) {
        var ids = ids
        var blocks: [SchemaOrRoutes] = []
        var diagnostics: [Diagnostic] = []
        for item in ast.items {
            switch item {
            case .schema(let raw):
                let (block, ds) = SchemaParser.parse(file, range: raw.body.range, ids: &ids)
                blocks.append(.schema(block)); diagnostics += ds
            case .routes(let raw):
                let (block, ds) = RoutesParser.parse(file, range: raw.body.range, ids: &ids)
                blocks.append(.routes(block)); diagnostics += ds
            case .component, .comment:
                break
            }
        }
        return (blocks, diagnostics)
    }

    /// A template's path from its `templates/` folder on: `web/templates/users/show.html` → `templates/users/show.html`.
    public static func templatePath(_ displayPath: String) -> String {
        if displayPath.hasPrefix("templates/") { return displayPath }
        if let r = displayPath.range(of: "/templates/", options: .backwards) { return String(displayPath[displayPath.index(after: r.lowerBound)...]) }
        return displayPath
    }

    /// A parsed `<schema>` or `<routes>` block.
    public enum SchemaOrRoutes: Sendable {
        case schema(SchemaBlock)
        case routes(RoutesBlock)
    }

    /// Parses every file (in parallel, results in input order) and checks the project.
    public static func check(_ files: [SourceFile], options: SemaOptions = .init()) -> Result {
        let parsedFiles = ParallelMap.map(files) { file in parseFile(file) }
        var parsed: [(file: SourceFile, ast: OmniFile)] = []
        var schemas: [(file: FileID, block: SchemaBlock)] = []
        var routes: [(file: FileID, block: RoutesBlock)] = []
        var templates: [(path: String, file: FileID, ast: TemplateFile)] = []
        var diagnostics: [Diagnostic] = []
        var manifest: ProjectManifest?
        for (file, result) in zip(files, parsedFiles) {
            diagnostics += result.diagnostics
            if file.path == "omni.toml", let m = result.manifest { manifest = m }
            if let ast = result.omni { parsed.append((file, ast)) }
            for block in result.blocks {
                switch block {
                case .schema(let b): schemas.append((file.id, b))
                case .routes(let b): routes.append((file.id, b))
                }
            }
            if let t = result.template { templates.append((templatePath(file.path), file.id, t)) }
        }
        let program = Sema.check(parsed, options: options)
        diagnostics += program.diagnostics
        let server = Sema.checkServer(schemas: schemas, routes: routes, templates: templates, components: program)
        diagnostics += server.diagnostics
        return Result(parsed: parsed, program: program, server: server, manifest: manifest, diagnostics: diagnostics)
    }
}
