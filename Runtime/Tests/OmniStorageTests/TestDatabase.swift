import Foundation
import OmniStorage

/// A fresh SQLite database in its own temporary directory, removed by `cleanUp()`.
struct TestDatabase {
    let directory: URL
    let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("omni-storage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("test.sqlite").path
    }

    func open() throws -> SQLiteStorage {
        try SQLiteStorage(path: path)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Strings that would break naive string-built SQL.
let hostileStrings = [
    "'; DROP TABLE people; --",
    "Robert'); DROP TABLE people;--",
    "\" OR \"1\"=\"1",
    "' OR '1'='1",
    "?",
    "$1",
    "back\\slash",
    "new\nline\ttab",
    "ünïcødé 日本語 🎉",
    "",
    String(repeating: "'", count: 1000),
]
