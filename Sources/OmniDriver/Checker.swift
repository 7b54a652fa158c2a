import Foundation
import OmniBase
import OmniSyntax

/// What `omni check` found: the files read, every diagnostic in deterministic order, and counts.
public struct CheckReport: Sendable {
    public var sources: SourceMap
    public var diagnostics: [Diagnostic]
    public var filesChecked: Int

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
        let perFile = ParallelMap.map(sources.files) { file in Frontend.check(file) }
        let diagnostics = sortedDiagnostics(policy.apply(perFile.flatMap { $0 }), sources: sources)
        return CheckReport(sources: sources, diagnostics: diagnostics, filesChecked: files.count)
    }
}

/// The stages run on one file, in order. Each returns its diagnostics; none does IO.
public enum Frontend {
    /// Every diagnostic of one file.
    public static func check(_ file: SourceFile) -> [Diagnostic] {
        if file.path.hasSuffix(".omni") {
            return ComponentParser.parse(file).1
        }
        return []
    }
}
