import Foundation

/// Runs a child process, streaming its combined output line by line to a callback while
/// also collecting it. Used for `swift build` (visible progress).
public enum ProcessRunner {
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
        public var seconds: Double
    }

    /// Runs `executable` with `arguments`; `onLine` sees every output line as it comes.
    public static func run(_ executable: String, _ arguments: [String],
                           onLine: @escaping @Sendable (String) -> Void = { _ in }) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let collector = LineCollector(onLine: onLine)
        let start = Date()
        try process.run()
        let handle = pipe.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            collector.append(chunk)
        }
        process.waitUntilExit()
        collector.finish()
        return Outcome(status: process.terminationStatus, output: collector.text, seconds: Date().timeIntervalSince(start))
    }

    /// The absolute path of a program on `PATH`, or nil.
    public static func which(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Splits a byte stream into lines; confined to the reading thread of `ProcessRunner.run`.
private final class LineCollector {
    private var pending = Data()
    private var all = Data()
    private let onLine: (String) -> Void
    init(onLine: @escaping (String) -> Void) { self.onLine = onLine }

    func append(_ data: Data) {
        all.append(data)
        pending.append(data)
        while let newline = pending.firstIndex(of: 0x0A) {
            let line = pending[pending.startIndex..<newline]
            onLine(String(decoding: line, as: UTF8.self))
            pending.removeSubrange(pending.startIndex...newline)
        }
    }

    func finish() {
        if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)); pending.removeAll() }
    }

    var text: String { String(decoding: all, as: UTF8.self) }
}
