// OmniStorageCrashHelper: the child process of OmniStorageTests' crash-safety test.
//
// Usage: OmniStorageCrashHelper DATABASE_PATH COUNT
// Commits COUNT write transactions into the `crash_items` table (created by the test),
// printing each transaction's id on its own line right after the commit returns, until
// the parent kills it. Every printed id is therefore durable.

import Foundation
import OmniStorage

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: OmniStorageCrashHelper DATABASE_PATH COUNT\n".utf8))
    exit(2)
}
let storage = try SQLiteStorage(path: arguments[1])
let payload = String(repeating: "x", count: 2000)
for id in 1...count {
    try await storage.transaction { tx in
        try await tx.execute("INSERT INTO crash_items (id, payload) VALUES (\(id), \(payload))")
        try await tx.execute("UPDATE crash_counter SET total = total + 1")
    }
    FileHandle.standardOutput.write(Data("\(id)\n".utf8))
}
try await storage.close()
