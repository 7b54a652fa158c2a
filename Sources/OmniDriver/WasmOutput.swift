import Foundation
import OmniBase

/// One compiled component to write: `<name>.wasm` and `<name>.d.ts`.
public struct WasmArtifact: Sendable {
    public var name: String
    public var wasm: [UInt8]
    public var declarations: String
    /// The component's span (the size-limit diagnostic points at it).
    public var span: Span

    public init(name: String, wasm: [UInt8], declarations: String, span: Span) {
        self.name = name; self.wasm = wasm; self.declarations = declarations; self.span = span
    }
}

/// Sizes of what `WasmOutput.write` wrote: raw and gzipped (`gzip -9`) bytes per file.
public struct WasmSizeReport: Sendable, CustomStringConvertible {
    public struct Entry: Sendable {
        public var file: String
        public var rawBytes: Int
        /// nil when `gzip` is not available.
        public var gzippedBytes: Int?
    }

    public var modules: [Entry] = []
    public var glue: Entry?

    public init() {}

    /// The gzipped size of every module and the glue together (nil without `gzip`).
    public var totalGzippedBytes: Int? {
        let all = modules + (glue.map { [$0] } ?? [])
        return all.reduce(Optional(0)) { acc, e in acc.flatMap { a in e.gzippedBytes.map { a + $0 } } }
    }

    /// One line per file, then the total: `Counter.wasm  1729 B  1021 B gzipped`.
    public var description: String {
        let all = modules + (glue.map { [$0] } ?? [])
        let width = all.map(\.file.count).max() ?? 0
        var out = ""
        for e in all {
            out += e.file.padding(toLength: width, withPad: " ", startingAt: 0)
            out += "  \(e.rawBytes) B  " + (e.gzippedBytes.map { "\($0) B gzipped" } ?? "(gzip not found)") + "\n"
        }
        if let total = totalGzippedBytes { out += "total: \(total) B gzipped\n" }
        return out
    }
}

/// Writes the web outputs of `omni build --target wasm`: `<Component>.wasm`,
/// `<Component>.d.ts`, `omni.js` and `omni.d.ts` into one directory (default `.omni/web`).
public enum WasmOutput {
    public static let defaultDirectory = ".omni/web"

    /// Writes `artifacts` and the glue (`Runtime/Browser/omni.js` and `omni.d.ts`, from
    /// `glueDirectory`) into `directory`; returns the size report and an error (E0802) for
    /// each module whose gzipped size exceeds `maxWasmKB` kilobytes (1 KB = 1024 B).
    public static func write(_ artifacts: [WasmArtifact], glueDirectory: String, to directory: String,
                             maxWasmKB: Int? = nil) throws -> (WasmSizeReport, [Diagnostic]) {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var report = WasmSizeReport()
        var diagnostics: [Diagnostic] = []
        for a in artifacts {
            let file = "\(a.name).wasm"
            try Data(a.wasm).write(to: URL(fileURLWithPath: "\(directory)/\(file)"))
            try a.declarations.write(toFile: "\(directory)/\(a.name).d.ts", atomically: true, encoding: .utf8)
            let gz = gzipSize(a.wasm)
            report.modules.append(.init(file: file, rawBytes: a.wasm.count, gzippedBytes: gz))
            if let limit = maxWasmKB, let size = gz ?? Optional(a.wasm.count), size > limit * 1024 {
                diagnostics.append(Diagnostic.error("E0802", "`\(file)` is \(kilobytes(size)) gzipped, over the limit of \(limit) KB", at: a.span)
                    .note("the limit comes from `--max-wasm-kb \(limit)`")
                    .helping("move work to the server, split the component, or build with `-Oz`"))
            }
        }
        for name in ["omni.js", "omni.d.ts"] {
            let source = "\(glueDirectory)/\(name)"
            guard let bytes = fm.contents(atPath: source) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: source])
            }
            try bytes.write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
            if name == "omni.js" { report.glue = .init(file: name, rawBytes: bytes.count, gzippedBytes: gzipSize([UInt8](bytes))) }
        }
        return (report, diagnostics)
    }

    /// Finds `Runtime/Browser` by walking up from `start` (the project or the executable).
    public static func glueDirectory(searchingFrom start: String) -> String? {
        findUpward("Runtime/Browser", containing: "omni.js", from: start)
    }

    /// The nearest `<dir>/<relative>` holding `marker`, for `dir` = `start` and up to 7 of
    /// its ancestors: how omni finds the parts of its toolchain (the runtime, the glue) next
    /// to its executable or a checkout.
    static func findUpward(_ relative: String, containing marker: String, from start: String) -> String? {
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate + "/" + marker) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// The size of `bytes` after `gzip -9` (nil when gzip cannot be run).
    public static func gzipSize(_ bytes: [UInt8]) -> Int? {
        let paths = ["/usr/bin/gzip", "/bin/gzip", "/usr/local/bin/gzip", "/opt/homebrew/bin/gzip"]
        guard let gzip = paths.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let tmp = NSTemporaryDirectory() + "omni-gz-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp); try? FileManager.default.removeItem(atPath: tmp + ".out") }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: tmp))
            _ = FileManager.default.createFile(atPath: tmp + ".out", contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: gzip)
            p.arguments = ["-9", "-c", "-n", tmp]
            p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: tmp + ".out"))
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { return nil }
            return (try FileManager.default.attributesOfItem(atPath: tmp + ".out")[.size] as? NSNumber)?.intValue
        } catch {
            return nil
        }
    }

    static func kilobytes(_ n: Int) -> String {
        String(format: "%.1f KB", Double(n) / 1024)
    }
}
