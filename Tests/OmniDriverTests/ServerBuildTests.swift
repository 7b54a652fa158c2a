import Foundation
import OmniBase
import Testing
@testable import OmniDriver

@Suite struct GeneratedPackageWriterTests {
    func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "omni-writer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesOnlyChangedFilesAndRemovesStaleOnes() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try GeneratedPackageWriter.sync([("Package.swift", "// p\n"), ("Sources/App/A.swift", "let a = 1\n"),
                                                     ("Sources/App/B.swift", "let b = 2\n")], into: root)
        #expect(first.written == ["Package.swift", "Sources/App/A.swift", "Sources/App/B.swift"])
        let before = try FileManager.default.attributesOfItem(atPath: root + "/Sources/App/A.swift")[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.02)
        // A user's own file in the package folder is never touched.
        #expect(FileManager.default.createFile(atPath: root + "/Sources/App/Mine.swift", contents: Data("// mine\n".utf8)))
        let second = try GeneratedPackageWriter.sync([("Package.swift", "// p\n"), ("Sources/App/A.swift", "let a = 1\n"),
                                                      ("Sources/App/C.swift", "let c = 3\n")], into: root)
        #expect(second.written == ["Sources/App/C.swift"])
        #expect(second.unchanged == 2)
        #expect(second.removed == ["Sources/App/B.swift"])
        let after = try FileManager.default.attributesOfItem(atPath: root + "/Sources/App/A.swift")[.modificationDate] as? Date
        #expect(before == after, "an unchanged file keeps its modification time, so swiftc does not rebuild it")
        #expect(!FileManager.default.fileExists(atPath: root + "/Sources/App/B.swift"))
        #expect(FileManager.default.fileExists(atPath: root + "/Sources/App/Mine.swift"))
    }

    @Test func refusesToDeleteOutsideThePackage() {
        #expect(!GeneratedPackageWriter.isSafeRelative("../escape.swift"))
        #expect(!GeneratedPackageWriter.isSafeRelative("/etc/passwd"))
        #expect(GeneratedPackageWriter.isSafeRelative("Sources/App/A.swift"))
    }
}

@Suite struct SwiftcDiagnosticMapperTests {
    @Test func parsesErrorLinesOnly() {
        let output = """
        [3/9] Compiling App Models.swift
        /tmp/p/Sources/App/Models.swift:12:5: error: cannot find 'x' in scope
        /tmp/p/Sources/App/Models.swift:14:1: warning: unused
        /tmp/p/Sources/App/Models.swift:12:5: error: cannot find 'x' in scope
        error: fatalError
        """
        #expect(SwiftcDiagnosticMapper.errors(in: output) == [.init(path: "/tmp/p/Sources/App/Models.swift", line: 12, column: 5, message: "cannot find 'x' in scope")])
    }

    @Test func mapsAGeneratedLineToTheUsersSource() throws {
        let root = NSTemporaryDirectory() + "omni-map-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/Sources/App", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let generated = """
        import OmniApp

        // app.omni:3
        struct Omni_User {
            var name: Strin
        }
        """
        try generated.write(toFile: root + "/Sources/App/Models.swift", atomically: true, encoding: .utf8)
        var sources = SourceMap()
        sources.add(path: "app.omni", text: "<schema>\n  # users\n  entity User { name: string }\n</schema>\n")
        let output = "\(root)/Sources/App/Models.swift:5:15: error: cannot find type 'Strin' in scope\n"
        let diagnostics = SwiftcDiagnosticMapper.diagnostics(forFailedBuild: output, packageRoot: root, sources: sources)
        #expect(diagnostics.count == 1)
        let d = try #require(diagnostics.first)
        #expect(d.code == "E0003")
        let file = try #require(sources.files.first)
        #expect(file.location(of: Int(d.span.start)).line == 3)
        #expect(d.notes.contains { $0.contains("cannot find type 'Strin'") })
        #expect(d.notes.contains { $0.contains("Sources/App/Models.swift:5:15") })
    }

    @Test func aFailureOutsideGeneratedCodeIsE0004() {
        var sources = SourceMap()
        sources.add(path: "app.omni", text: "x")
        let diagnostics = SwiftcDiagnosticMapper.diagnostics(forFailedBuild: "error: could not find Package.swift\n", packageRoot: "/tmp/none", sources: sources)
        #expect(diagnostics.map(\.code) == ["E0004"])
    }
}
