import Foundation
import Testing

/// Compares `actual` with the checked-in snapshot file `directory/name` and records a test
/// issue with a diff when they differ.
///
/// - `name` is the file name including its extension (`"single-line.txt"`); it may contain
///   subfolders. `directory` is an absolute path, usually under `fixturesDirectory()`.
/// - With the environment variable `OMNI_RECORD=1`, the file is (re)written instead and the
///   assertion passes; the file is only touched when its content changes.
/// - When the file does not exist it is recorded and the assertion fails with a message
///   saying so, so a forgotten snapshot never passes silently.
/// - The comparison is exact (byte for byte, trailing newline included).
public func assertSnapshot(
    _ actual: String,
    named name: String,
    in directory: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let path = (directory as NSString).appendingPathComponent(name)
    let outcome = checkSnapshot(actual, path: path, record: snapshotRecordingRequested())
    if let message = outcome.failureMessage(name: name, path: path) {
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

/// The absolute path of the repository's `Fixtures/` folder, found by walking up from the
/// directory of `filePath` (the calling test file): the first ancestor holding both
/// `Fixtures/` and `Package.swift`, else the first holding `Fixtures/`, else
/// `<directory of filePath>/Fixtures`.
public func fixturesDirectory(filePath: StaticString = #filePath) -> String {
    let start = URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent().standardizedFileURL
    let fm = FileManager.default
    func hasFixtures(_ dir: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return fm.fileExists(atPath: dir.appendingPathComponent("Fixtures").path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
    var firstWithFixtures: URL?
    var dir = start
    while true {
        if hasFixtures(dir) {
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return dir.appendingPathComponent("Fixtures").path
            }
            if firstWithFixtures == nil { firstWithFixtures = dir }
        }
        let parent = dir.deletingLastPathComponent()
        if parent.path == dir.path { break }
        dir = parent
    }
    return (firstWithFixtures ?? start).appendingPathComponent("Fixtures").path
}

/// Whether `OMNI_RECORD` asks to (re)write snapshots: any value but empty, `0` or `false`.
func snapshotRecordingRequested(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
    guard let value = environment["OMNI_RECORD"] else { return false }
    return !value.isEmpty && value != "0" && value.lowercased() != "false"
}

/// What comparing with a snapshot file did.
enum SnapshotOutcome: Equatable {
    case matched
    /// `OMNI_RECORD` was set; `changed` tells whether the file was written.
    case rerecorded(changed: Bool)
    /// The file did not exist and has been written.
    case recordedMissing
    case mismatch(diff: String)
    /// The file could not be read or written.
    case ioFailure(String)

    func failureMessage(name: String, path: String) -> String? {
        switch self {
        case .matched, .rerecorded: nil
        case .recordedMissing:
            "Snapshot \"\(name)\" did not exist; recorded it at \(path). Check it and run the test again."
        case .mismatch(let diff):
            "Snapshot \"\(name)\" does not match \(path) (run with OMNI_RECORD=1 to re-record):\n\(diff)"
        case .ioFailure(let reason):
            "Snapshot \"\(name)\" at \(path): \(reason)"
        }
    }
}

/// Compares with, or records, the snapshot at `path`. Directories are created as needed.
func checkSnapshot(_ actual: String, path: String, record: Bool) -> SnapshotOutcome {
    let url = URL(fileURLWithPath: path)
    let existing: String?
    if FileManager.default.fileExists(atPath: path) {
        guard let data = FileManager.default.contents(atPath: path) else { return .ioFailure("cannot read the file") }
        existing = String(decoding: data, as: UTF8.self)
    } else {
        existing = nil
    }
    if let existing, !record {
        return existing == actual ? .matched : .mismatch(diff: snapshotDiff(expected: existing, actual: actual))
    }
    if existing == actual { return .rerecorded(changed: false) }
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url, options: .atomic)
    } catch {
        return .ioFailure("cannot write the file: \(error)")
    }
    return existing == nil && !record ? .recordedMissing : .rerecorded(changed: true)
}

/// A unified-style diff of the region where `expected` and `actual` differ: the lines
/// between their common prefix and common suffix, with `context` lines around them and at
/// most `maxLines` lines of each side.
func snapshotDiff(expected: String, actual: String, context: Int = 3, maxLines: Int = 40) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var prefix = 0
    while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < old.count - prefix, suffix < new.count - prefix,
        old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }

    let removed = old[prefix..<(old.count - suffix)]
    let added = new[prefix..<(new.count - suffix)]
    var out = ["--- expected", "+++ actual", "@@ line \(prefix + 1) @@"]
    for line in old[max(0, prefix - context)..<prefix] { out.append("  " + line) }
    for line in removed.prefix(maxLines) { out.append("- " + line) }
    if removed.count > maxLines { out.append("- … \(removed.count - maxLines) more lines") }
    for line in added.prefix(maxLines) { out.append("+ " + line) }
    if added.count > maxLines { out.append("+ … \(added.count - maxLines) more lines") }
    for line in old[(old.count - suffix)..<min(old.count, old.count - suffix + context)] { out.append("  " + line) }
    if removed.isEmpty && added.isEmpty {
        out.append("(the texts differ only in their line endings)")
    } else if removed.map({ $0.trimmingTrailingWhitespace }) == added.map({ $0.trimmingTrailingWhitespace }) {
        out.append("(the lines differ only in trailing whitespace)")
    }
    return out.joined(separator: "\n")
}

extension Substring {
    fileprivate var trimmingTrailingWhitespace: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return s
    }
}

/// The files under `root` whose names end in `suffix`, as paths relative to `root`, sorted.
/// Hidden folders and files (`.omni/` build output of an example project, `.build/`) are
/// skipped, so building a fixture project never adds inputs to the tests.
public func fixtureFiles(under root: String, endingIn suffix: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
        if (relative as NSString).lastPathComponent.hasPrefix(".") {
            walker.skipDescendants()
            continue
        }
        if relative.hasSuffix(suffix) { found.append(relative) }
    }
    return found.sorted()
}
