import Foundation
import Testing
import OmniStorage

/// A child process commits transactions and reports each committed id; the test SIGKILLs
/// it mid-burst, reopens the database and checks that it is intact and that every
/// reported id is there.
@Suite struct CrashSafetyTests {
    /// The helper executable, built next to the test binary.
    static var helperPath: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("OmniStorageCrashHelper").path
    }

    @Test(arguments: [25, 60, 140])
    func killedWriterLosesNoCommittedTransaction(killAfter: Int) async throws {
        let fixture = try TestDatabase()
        defer { fixture.cleanUp() }
        let setup = try fixture.open()
        try await setup.execute("CREATE TABLE crash_items (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        try await setup.execute("CREATE TABLE crash_counter (total INTEGER NOT NULL)")
        try await setup.execute("INSERT INTO crash_counter VALUES (0)")
        try await setup.close()

        #expect(FileManager.default.isExecutableFile(atPath: Self.helperPath), "missing \(Self.helperPath)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.helperPath)
        process.arguments = [fixture.path, "100000"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()

        // Read committed ids until `killAfter` arrived, then kill the child mid-burst.
        let reader = pipe.fileHandleForReading
        var buffer = Data()
        var reported: [Int] = []
        var killed = false
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }  // EOF: the child is gone
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                if let id = Int(line) { reported.append(id) }
            }
            if !killed && reported.count >= killAfter {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)
        #expect(reported.count >= killAfter)

        let db = try fixture.open()
        #expect(try await db.integrityCheck() == ["ok"])
        let stored = Set(try await db.query("SELECT id FROM crash_items").map { try $0.decode(Int.self, "id") })
        let missing = reported.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "committed ids missing after the crash: \(missing)")
        // Both writes of each transaction landed together (at most one unreported commit).
        let total = try await db.query("SELECT total FROM crash_counter")[0].decode(Int.self, "total")
        #expect(total == stored.count)
        #expect(stored.count - reported.count <= 1)
        print("crash test: child killed after \(reported.count) reported commits; \(stored.count) rows found, integrity ok")
        try await db.close()
    }
}
