import ArgumentParser
import Foundation
import OmniBase
import OmniDriver
import OmniWasmGen

/// What `omni build` produces.
enum BuildTarget: String, ExpressibleByArgument, CaseIterable {
    /// The generated Swift server package and its binary at `.omni/bin/<name>`, plus `openapi.json` and `api.d.ts`.
    case server
    /// The components' WebAssembly modules, their `.d.ts` files and the glue.
    case wasm
    /// Both.
    case all
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a project into a server binary and WebAssembly modules.",
        discussion: """
        --target server writes the generated Swift package to DIR/.omni/build/server, builds it with `swift build` \
        (progress on stderr) and puts the binary at DIR/.omni/bin/<name>; it also writes openapi.json and api.d.ts \
        into DIR/.omni/web. --target wasm writes <Component>.wasm, <Component>.d.ts, omni.js and omni.d.ts into \
        DIR/.omni/web with a size report. --target all (the default) does both. Exit status: 0 success, 1 the sources \
        have errors (or a module is over --max-wasm-kb), 2 bad usage or an internal failure.
        """
    )

    @Argument(help: "The project directory.")
    var directory: String = "."

    @Option(help: "What to build: \(BuildTarget.allCases.map(\.rawValue).joined(separator: ", ")).")
    var target: BuildTarget = .all

    @Flag(help: "Build the server with optimizations (`swift build -c release`).")
    var release = false

    @Option(name: .customShort("O"), help: ArgumentHelp("WebAssembly optimization: 0, 1, 2, 3, s or z (Binaryen's levels).", valueName: "level"))
    var optimization: String = "z"

    @Option(name: .customLong("max-wasm-kb"), help: "Fail when a module is larger than this many KB gzipped.")
    var maxWasmKB: Int?

    @Option(help: "Where to write the web outputs (default: DIR/.omni/web).")
    var output: String?

    @Option(name: .customLong("scratch-path"), help: "Where `swift build` keeps the server's build products (default: DIR/.omni/build/server/.build); share one across projects or CI runs to build faster.")
    var scratchPath: String?

    func validate() throws {
        guard WasmOptimization(flag: optimization) != nil else { throw ValidationError("-O takes 0, 1, 2, 3, s or z") }
        if let maxWasmKB, maxWasmKB < 0 { throw ValidationError("--max-wasm-kb must not be negative") }
    }

    func run() throws {
        try withExitCodes {
            let project = try LoadedProject.load(directory)
            try build(project, target: target, release: release, optimization: optimization, maxWasmKB: maxWasmKB, output: output,
                      scratchPath: scratchPath)
        }
    }
}

/// The body of `omni build`, shared with `omni run`. Returns the server binary's path when one was built.
@discardableResult
func build(_ project: LoadedProject, target: BuildTarget, release: Bool, optimization: String = "z",
           maxWasmKB: Int? = nil, output: String? = nil, scratchPath: String? = nil) throws -> String? {
    let web = output ?? (project.directory + "/" + WasmOutput.defaultDirectory)
    if target == .wasm || target == .all {
        try buildWasm(project, optimization: optimization, maxWasmKB: maxWasmKB, to: web)
    }
    guard target == .server || target == .all else { return nil }
    if target == .all && project.frontend.server.isEmpty {
        printError("note: no <schema>, <routes> or templates in \(project.directory): no server to build")
        return nil
    }
    return try buildServer(project, release: release, web: web, scratchPath: scratchPath)
}

func buildWasm(_ project: LoadedProject, optimization: String, maxWasmKB: Int?, to outputDirectory: String) throws {
    guard let level = WasmOptimization(flag: optimization) else { throw ExitCodeError.usage }
    let executableDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    guard let glue = WasmOutput.glueDirectory(searchingFrom: executableDirectory)
        ?? WasmOutput.glueDirectory(searchingFrom: FileManager.default.currentDirectoryPath) else {
        printError("error[E0002]: internal error: cannot find the browser glue (Runtime/Browser/omni.js) next to the omni executable")
        throw ExitCodeError.usage
    }
    let (sizes, diagnostics): (WasmSizeReport?, [Diagnostic])
    do {
        (sizes, diagnostics) = try WasmOutput.build(project.frontend, optimization: level, glueDirectory: glue, to: outputDirectory, maxWasmKB: maxWasmKB)
    } catch {
        printError("error: cannot write \(outputDirectory): \(error)")
        throw ExitCodeError.usage
    }
    let failed = project.printLate(diagnostics)
    if let sizes { print(sizes.description, terminator: sizes.description.hasSuffix("\n") ? "" : "\n") }
    if failed { throw ExitCodeError.failure }
}

func buildServer(_ project: LoadedProject, release: Bool, web: String, scratchPath: String?) throws -> String? {
    let executableDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    guard let runtime = ServerBuild.runtimeDirectory(searchingFrom: executableDirectory)
        ?? ServerBuild.runtimeDirectory(searchingFrom: FileManager.default.currentDirectoryPath) else {
        printError("error[E0002]: internal error: cannot find the runtime package (Runtime/Package.swift) next to the omni executable; set OMNI_RUNTIME_PATH")
        throw ExitCodeError.usage
    }
    let isTTY = isatty(2) != 0
    let report: ServerOutput.Report
    do {
        report = try ServerOutput.build(project.frontend, sources: project.report.sources, name: project.name,
                                        projectDirectory: project.directory, webDirectory: web, runtimeDirectory: runtime,
                                        options: ServerBuild.Options(release: release, scratchPath: scratchPath.map(absolute))) { line in
            if isTTY { printError("\r\u{1B}[K" + String(line.prefix(100)), terminator: "") } else { printError(line) }
        }
    } catch {
        if isTTY { printError("") }
        printError("error[E0002]: internal error: cannot write the generated server: \(error)")
        throw ExitCodeError.usage
    }
    if isTTY { printError("\r\u{1B}[K", terminator: "") }
    if project.printLate(report.outcome.diagnostics) { throw ExitCodeError.failure }
    guard let binary = report.outcome.binaryPath else { throw ExitCodeError.failure }
    let written = report.writeStats.written.count
    let size = report.outcome.binaryBytes.map { String(format: " (%.1f MB)", Double($0) / 1_048_576) } ?? ""
    print(String(format: "built %@ in %.2f s (omni %.2f s, swift build %.2f s; %d generated files written, %d unchanged): %@%@",
                 project.name, report.omniSeconds + report.outcome.swiftSeconds, report.omniSeconds, report.outcome.swiftSeconds,
                 written, report.writeStats.unchanged, relative(binary, to: project.directory), size))
    return binary
}

/// `path` made absolute against the current directory.
func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
}

/// `path` relative to `base` when it is inside it.
func relative(_ path: String, to base: String) -> String {
    path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
}
