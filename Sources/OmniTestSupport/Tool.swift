import Foundation

/// External programs for tests (node, wasm-validate, tsc, swift, chromium, psql, omni):
/// finding them on PATH and running them with a timeout.
///
/// `run` comes in two forms. The `async` one waits for the program without holding a
/// thread of Swift's cooperative pool; a test that runs something slow (a `swift build`, a
/// browser, `tsc`) must use it. Swift Testing runs tests on that pool, which has one thread
/// per core: a test that blocks its thread for minutes starves every other test, and their
/// time limits expire while they wait for a thread.
public enum Tool {
    /// A finished program: its exit status and what it wrote.
    public struct Output: Sendable {
        public let status: Int32
        public let out: String
        public let err: String
    }

    /// The absolute path of `name` on PATH, or nil.
    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program and blocks the calling thread until it ends; it is terminated after
    /// `timeout` seconds. For quick programs only (see the type's comment).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           in directory: String? = nil, timeout: TimeInterval = 60) throws -> Output {
        let job = try Job(executable, arguments, environment: environment, directory: directory)
        defer { job.removeFiles() }
        try job.process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while job.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if job.process.isRunning { job.process.terminate() }
        job.process.waitUntilExit()
        return job.output(status: job.process.terminationStatus)
    }

    /// Runs a program and suspends until it ends, leaving the thread to other tests; it is
    /// terminated after `timeout` seconds.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           in directory: String? = nil, timeout: TimeInterval = 60) async throws -> Output {
        let job = try Job(executable, arguments, environment: environment, directory: directory)
        defer { job.removeFiles() }
        let watchdog = Task.detached {
            try await Task.sleep(for: .seconds(timeout))
            job.terminate()
        }
        defer { watchdog.cancel() }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            job.process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try job.process.run()
            } catch {
                job.process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return job.output(status: status)
    }

    /// One run's process and the files its output goes to (files, so neither pipe can fill
    /// up and stall the child). Shared with the watchdog task, which may only terminate it.
    private final class Job: @unchecked Sendable {
        let process = Process()
        let directory: String

        init(_ executable: String, _ arguments: [String], environment: [String: String], directory workingDirectory: String?) throws {
            directory = NSTemporaryDirectory() + "omni-tool-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: directory + "/out", contents: nil)
            _ = FileManager.default.createFile(atPath: directory + "/err", contents: nil)
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if !environment.isEmpty {
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            }
            if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/out"))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/err"))
        }

        func terminate() {
            if process.isRunning { process.terminate() }
        }

        func output(status: Int32) -> Output {
            func text(_ name: String) -> String {
                String(decoding: FileManager.default.contents(atPath: directory + "/" + name) ?? Data(), as: UTF8.self)
            }
            return Output(status: status, out: text("out"), err: text("err"))
        }

        func removeFiles() { try? FileManager.default.removeItem(atPath: directory) }
    }
}
