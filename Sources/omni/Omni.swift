import ArgumentParser
import Foundation
import OmniBase
import OmniDriver

/// The `omni` command line. Thin: parses arguments, calls the driver, prints, exits.
struct Omni: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "omni",
        abstract: "An ahead-of-time compiler for web projects: components, templates, routes and schemas.",
        version: OmniVersion.current,
        subcommands: [Check.self, Build.self, Run.self, Routes.self, Explain.self, Dump.self]
    )
}

/// Output formats of `omni check`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json, github
}

/// When to colour human output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse and check a project without generating code.",
        discussion: """
        Each PATH is a project directory (walked for .omni files) or a file; the default is the current directory.
        Exit status: 0 no errors, 1 the sources have errors (or warnings with --deny-warnings), 2 bad usage or an internal failure.
        """
    )

    @Argument(help: "Project directories or files to check.")
    var paths: [String] = []

    @Option(help: "Output format: human, json or github (workflow annotations).")
    var format: OutputFormat = .human

    @Flag(help: "Treat warnings as errors for the exit status.")
    var denyWarnings = false

    @Option(name: .customLong("allow"), help: ArgumentHelp("Silence a warning by code (repeatable).", valueName: "CODE"))
    var allowed: [String] = []

    @Option(name: .customLong("deny"), help: ArgumentHelp("Make a warning an error, by code (repeatable).", valueName: "CODE"))
    var denied: [String] = []

    @Option(help: "Colour human output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let policy = WarningPolicy(allowed: Set(allowed.map { DiagnosticCode($0.uppercased()) }),
                                   denied: Set(denied.map { DiagnosticCode($0.uppercased()) }), denyAll: denyWarnings)
        for code in policy.allowed.union(policy.denied) where !code.rawValue.hasPrefix("W") {
            printError("error: `\(code)` is not a warning code; only warnings (W…) can be allowed or denied")
            throw ExitCode(2)
        }
        let report: CheckReport
        do {
            report = try Checker.check(paths: paths.isEmpty ? ["."] : paths, policy: policy)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .human:
            let useColor: Bool
            switch color {
            case .always: useColor = true
            case .never: useColor = false
            case .auto: useColor = TerminalColor.shouldColor(isTTY: isatty(2) != 0, environment: ProcessInfo.processInfo.environment)
            }
            let text = HumanRenderer(sources: report.sources, color: useColor).render(report.diagnostics, summary: report.summary)
            printError(text, terminator: "")
            if report.diagnostics.isEmpty {
                printError("checked \(report.filesChecked) file\(report.filesChecked == 1 ? "" : "s"): no errors, no warnings")
            }
        case .json:
            print(JSONRenderer(sources: report.sources).render(report.diagnostics, summary: report.summary))
        case .github:
            let text = GitHubRenderer(sources: report.sources).render(report.diagnostics)
            print(text, terminator: "")
        }
        let status = report.exitStatus(denyWarnings: denyWarnings)
        if status != 0 { throw ExitCode(status) }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain a diagnostic code, with an example.")

    @Argument(help: "A diagnostic code such as E0201.")
    var code: String

    func run() throws {
        let wanted = code.uppercased()
        guard let entry = ExplanationCatalog.entry(for: wanted) else {
            var message = "error: no diagnostic code `\(code)`"
            if let guess = EditDistance.bestMatch(for: wanted, in: ExplanationCatalog.all.map(\.code.rawValue)) {
                message += "; did you mean `\(guess)`?"
            }
            printError(message)
            throw ExitCode(2)
        }
        print(ExplanationCatalog.render(entry), terminator: "")
    }
}

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print what crosses a compiler stage boundary for one file.")

    @Option(help: "The stage to print: \(DumpStage.allCases.map(\.rawValue).joined(separator: ", ")).")
    var stage: DumpStage

    @Argument(help: "The file to dump.")
    var file: String

    @Option(name: .customLong("opt-level"), help: "Optimization level for `--stage opt`: 0 (none) to 3.")
    var optLevel: Int = 2

    func validate() throws {
        guard (0...3).contains(optLevel) else { throw ValidationError("--opt-level must be 0, 1, 2 or 3") }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("error: cannot read \(file)")
            throw ExitCode(2)
        }
        var sources = SourceMap()
        let source = sources.add(path: file, bytes: [UInt8](data))
        let (text, diagnostics) = Dumper.dump(source, stage: stage, optLevel: optLevel)
        print(text, terminator: "")
        if !diagnostics.isEmpty {
            let useColor = TerminalColor.shouldColor(isTTY: isatty(2) != 0, environment: ProcessInfo.processInfo.environment)
            let summary = RenderSummary(errors: diagnostics.filter { $0.severity == .error }.count,
                                        warnings: diagnostics.filter { $0.severity == .warning }.count, files: 1)
            printError(HumanRenderer(sources: sources, color: useColor).render(sortedDiagnostics(diagnostics, sources: sources), summary: summary),
                       terminator: "")
        }
    }
}

extension DumpStage: ExpressibleByArgument {}

func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}
