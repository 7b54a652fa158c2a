import Foundation
import OmniBase
import OmniDriver

/// A project checked for a command that goes on to use it (`build`, `run`, `routes`):
/// diagnostics are printed to stderr; errors end the command with exit status 1.
struct LoadedProject {
    var report: CheckReport
    var frontend: Frontend.Result
    var renderer: HumanRenderer
    /// The project directory, absolute.
    var directory: String
    /// `[project] name` from omni.toml, else the directory's name.
    var name: String

    static func load(_ directory: String) throws -> LoadedProject {
        let report: CheckReport
        do {
            report = try Checker.check(paths: [directory])
        } catch {
            printError("error: \(error)")
            throw ExitCodeError.usage
        }
        let useColor = TerminalColor.shouldColor(isTTY: isatty(2) != 0, environment: ProcessInfo.processInfo.environment)
        let renderer = HumanRenderer(sources: report.sources, color: useColor)
        if !report.diagnostics.isEmpty { printError(renderer.render(report.diagnostics, summary: report.summary), terminator: "") }
        guard report.errorCount == 0, let frontend = report.frontend else { throw ExitCodeError.failure }
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        let name = frontend.manifest?.name ?? URL(fileURLWithPath: absolute).lastPathComponent
        return LoadedProject(report: report, frontend: frontend, renderer: renderer, directory: absolute, name: name)
    }

    /// Prints diagnostics raised after the check (by a back end) and says whether any is an error.
    func printLate(_ diagnostics: [Diagnostic]) -> Bool {
        guard !diagnostics.isEmpty else { return false }
        let sorted = sortedDiagnostics(diagnostics, sources: report.sources)
        printError(renderer.render(sorted, summary: RenderSummary(counting: sorted, files: report.filesChecked)), terminator: "")
        return sorted.contains { $0.severity == .error }
    }
}

/// Exit statuses of DESIGN.md §6 as errors a command can throw.
enum ExitCodeError: Error {
    /// Status 1: the sources have errors.
    case failure
    /// Status 2: bad usage or an internal failure.
    case usage
}
