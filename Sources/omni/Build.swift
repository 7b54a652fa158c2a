import ArgumentParser
import Foundation
import OmniBase
import OmniDriver
import OmniWasmGen

/// What `omni build` produces. Only the WebAssembly target exists today; the server target
/// (the generated Swift server binary) is being built and will join this list.
enum BuildTarget: String, ExpressibleByArgument, CaseIterable {
    case wasm
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a project: today, its components to WebAssembly modules with `.d.ts` files.",
        discussion: """
        Writes <Component>.wasm, <Component>.d.ts, omni.js and omni.d.ts into DIR/.omni/web and prints a size report \
        (raw and gzipped). Exit status: 0 success, 1 the sources have errors (or a module is over --max-wasm-kb), \
        2 bad usage or an internal failure.
        """
    )

    @Argument(help: "The project directory.")
    var directory: String = "."

    @Option(help: "What to build: \(BuildTarget.allCases.map(\.rawValue).joined(separator: ", ")).")
    var target: BuildTarget = .wasm

    @Option(name: .customShort("O"), help: ArgumentHelp("WebAssembly optimization: 0, 1, 2, 3, s or z (Binaryen's levels).", valueName: "level"))
    var optimization: String = "z"

    @Option(name: .customLong("max-wasm-kb"), help: "Fail when a module is larger than this many KB gzipped.")
    var maxWasmKB: Int?

    @Option(help: "Where to write the web outputs (default: DIR/.omni/web).")
    var output: String?

    func validate() throws {
        guard WasmOptimization(flag: optimization) != nil else { throw ValidationError("-O takes 0, 1, 2, 3, s or z") }
        if let maxWasmKB, maxWasmKB < 0 { throw ValidationError("--max-wasm-kb must not be negative") }
    }

    func run() throws {
        let report: CheckReport
        do {
            report = try Checker.check(paths: [directory])
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let useColor = TerminalColor.shouldColor(isTTY: isatty(2) != 0, environment: ProcessInfo.processInfo.environment)
        let renderer = HumanRenderer(sources: report.sources, color: useColor)
        if !report.diagnostics.isEmpty { printError(renderer.render(report.diagnostics, summary: report.summary), terminator: "") }
        guard report.errorCount == 0, let frontend = report.frontend, let level = WasmOptimization(flag: optimization) else {
            throw ExitCode(1)
        }
        let executableDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        guard let glue = WasmOutput.glueDirectory(searchingFrom: executableDirectory)
            ?? WasmOutput.glueDirectory(searchingFrom: FileManager.default.currentDirectoryPath) else {
            printError("error[E0002]: internal error: cannot find the browser glue (Runtime/Browser/omni.js) next to the omni executable")
            throw ExitCode(2)
        }
        let outputDirectory = output ?? (URL(fileURLWithPath: directory).standardizedFileURL.path + "/" + WasmOutput.defaultDirectory)
        let (sizes, diagnostics): (WasmSizeReport?, [Diagnostic])
        do {
            (sizes, diagnostics) = try WasmOutput.build(frontend, optimization: level, glueDirectory: glue, to: outputDirectory, maxWasmKB: maxWasmKB)
        } catch {
            printError("error: cannot write \(outputDirectory): \(error)")
            throw ExitCode(2)
        }
        if !diagnostics.isEmpty {
            let sorted = sortedDiagnostics(diagnostics, sources: report.sources)
            printError(renderer.render(sorted, summary: RenderSummary(counting: sorted, files: report.filesChecked)), terminator: "")
        }
        if let sizes { print(sizes.description, terminator: sizes.description.hasSuffix("\n") ? "" : "\n") }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
