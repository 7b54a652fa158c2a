import Foundation

/// Writes a generated package to disk so that swiftc's incremental build keeps working:
/// a file is written only when its content changed (its modification time is left alone
/// otherwise), and generated files that are no longer produced are removed. Writes go
/// through a temporary file and a rename, so an interrupted build never leaves half a file.
public enum GeneratedPackageWriter {
    /// What one sync did, for the build report and the tests.
    public struct Stats: Sendable, Equatable {
        public var written: [String] = []
        public var unchanged: Int = 0
        public var removed: [String] = []
    }

    /// The manifest of generated files, kept in the package root so a later sync knows
    /// which files it owns (and never deletes anything it did not write).
    static let manifestName = ".omni-generated"

    /// Syncs `files` (paths relative to `root`) into `root`.
    public static func sync(_ files: [(path: String, contents: String)], into root: String) throws -> Stats {
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        var stats = Stats()
        var current: Set<String> = []
        for file in files {
            current.insert(file.path)
            let target = root + "/" + file.path
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if try writeIfChanged(Data(file.contents.utf8), to: target) {
                stats.written.append(file.path)
            } else {
                stats.unchanged += 1
            }
        }
        let manifestPath = root + "/" + manifestName
        let previous = (try? String(contentsOfFile: manifestPath, encoding: .utf8))?
            .split(separator: "\n").map(String.init) ?? []
        for old in previous.sorted() where !current.contains(old) && isSafeRelative(old) {
            if fm.fileExists(atPath: root + "/" + old) {
                try fm.removeItem(atPath: root + "/" + old)
                stats.removed.append(old)
            }
        }
        let manifest = current.sorted().joined(separator: "\n") + "\n"
        _ = try writeIfChanged(Data(manifest.utf8), to: manifestPath)
        return stats
    }

    /// Writes `data` to `path` (atomically) unless the file already holds exactly it; says
    /// whether it wrote.
    static func writeIfChanged(_ data: Data, to path: String) throws -> Bool {
        if FileManager.default.contents(atPath: path) == data { return false }
        try atomicWrite(data, to: path)
        return true
    }

    /// Writes `data` to a sibling temporary file, then renames it over `path`.
    static func atomicWrite(_ data: Data, to path: String) throws {
        let tmp = path + ".omni-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: tmp, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        try replace(path, with: tmp)
    }

    /// Renames `tmp` over `path`, removing `tmp` when that fails.
    static func replace(_ path: String, with tmp: String) throws {
        if rename(tmp, path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(atPath: tmp)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    /// A manifest entry must stay inside the package: no absolute paths, no `..`.
    static func isSafeRelative(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
    }
}
