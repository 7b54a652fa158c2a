import Foundation
@testable import OmniTestSupport
import Testing

@Suite struct SnapshotTests {
    /// A fresh temporary directory, removed when `body` returns.
    func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("omni-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir.path)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func missingFileIsRecordedAndFails() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/nested/new.txt"
            #expect(checkSnapshot("hello\n", path: path, record: false) == .recordedMissing)
            #expect(read(path) == "hello\n")
            #expect(checkSnapshot("hello\n", path: path, record: false) == .matched)
        }
    }

    @Test func mismatchReportsADiffAndKeepsTheFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/a.txt"
            try Data("one\ntwo\nthree\n".utf8).write(to: URL(fileURLWithPath: path))
            guard case .mismatch(let diff) = checkSnapshot("one\nTWO\nthree\n", path: path, record: false) else {
                Issue.record("expected a mismatch")
                return
            }
            #expect(diff == "--- expected\n+++ actual\n@@ line 2 @@\n  one\n- two\n+ TWO\n  three\n  ")
            #expect(read(path) == "one\ntwo\nthree\n")
        }
    }

    @Test func recordModeRewritesOnlyWhenChanged() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/b.txt"
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(checkSnapshot("new\n", path: path, record: true) == .rerecorded(changed: true))
            #expect(read(path) == "new\n")
            #expect(checkSnapshot("new\n", path: path, record: true) == .rerecorded(changed: false))
            #expect(checkSnapshot("fresh\n", path: dir + "/c.txt", record: true) == .rerecorded(changed: true))
        }
    }

    @Test func diffMentionsWhitespaceOnlyDifferences() {
        let diff = snapshotDiff(expected: "a\nb\n", actual: "a \nb\n")
        #expect(diff.contains("- a\n+ a "))
        #expect(diff.hasSuffix("(the lines differ only in trailing whitespace)"))
    }

    @Test func diffIsBoundedForLongOutputs() {
        let expected = (1...200).map(String.init).joined(separator: "\n")
        let actual = (1...200).map { "x\($0)" }.joined(separator: "\n")
        let diff = snapshotDiff(expected: expected, actual: actual, maxLines: 5)
        #expect(diff.contains("- … 195 more lines"))
        #expect(diff.split(separator: "\n").count == 3 + 5 + 1 + 5 + 1)
    }

    @Test func recordingSwitch() {
        #expect(snapshotRecordingRequested(["OMNI_RECORD": "1"]))
        #expect(!snapshotRecordingRequested([:]))
        #expect(!snapshotRecordingRequested(["OMNI_RECORD": "0"]))
        #expect(!snapshotRecordingRequested(["OMNI_RECORD": ""]))
    }

    @Test func assertSnapshotRecordsAnIssueForAMissingFile() throws {
        // Under OMNI_RECORD=1 a missing snapshot is simply recorded, without an issue.
        try #require(!snapshotRecordingRequested())
        try withTemporaryDirectory { dir in
            withKnownIssue {
                assertSnapshot("x\n", named: "missing.txt", in: dir)
            } matching: { issue in
                issue.comments.contains { $0.rawValue.contains("did not exist; recorded it") }
            }
            assertSnapshot("x\n", named: "missing.txt", in: dir)
            withKnownIssue {
                assertSnapshot("y\n", named: "missing.txt", in: dir)
            } matching: { issue in
                issue.comments.contains { $0.rawValue.contains("OMNI_RECORD=1") && $0.rawValue.contains("+ y") }
            }
        }
    }

    @Test func fixturesDirectoryIsTheRepositoryFolder() {
        let dir = fixturesDirectory()
        #expect(dir.hasSuffix("/Fixtures"))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) && isDirectory.boolValue)
        let root = (dir as NSString).deletingLastPathComponent
        #expect(FileManager.default.fileExists(atPath: root + "/Package.swift"))
        #expect(fixturesDirectory(filePath: "/nonexistent/place/Test.swift") == "/nonexistent/place/Fixtures")
    }
}
