import Foundation
import OmniBase
import OmniSema
import OmniTestSupport
import Testing

/// One fixture per code under `Fixtures/sema/`: `<CODE>-<slug>.omni` (or a folder of `.omni`
/// files), checked and rendered; the rendering is compared with `<CODE>-<slug>.txt`.
@Suite struct SemaGoldenTests {
    static var directory: String { fixturesDirectory() + "/sema" }

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasSuffix(".txt") && !$0.hasPrefix(".") }.sorted()
    }

    static func files(of name: String) throws -> [(String, String)] {
        let path = directory + "/" + name
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if !isDirectory.boolValue { return [(name, try String(contentsOfFile: path, encoding: .utf8))] }
        let inner = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".omni") }.sorted()
        return try inner.map { ("\(name)/\($0)", try String(contentsOfFile: path + "/" + $0, encoding: .utf8)) }
    }

    @Test(arguments: cases)
    func golden(_ name: String) throws {
        let result = check(files: try Self.files(of: name))
        let code = String(name.prefix(5))
        #expect(result.codes.contains(code), "\(name) does not raise \(code):\n\(result.rendered)")
        let base = name.hasSuffix(".omni") ? String(name.dropLast(5)) : name
        assertSnapshot(result.rendered, named: base + ".txt", in: Self.directory)
    }

    @Test func everyCodeHasAFixture() {
        let covered = Set(Self.cases.map { String($0.prefix(5)) })
        for e in SemaExplanations.all {
            #expect(covered.contains(e.code.rawValue), "no fixture for \(e.code)")
        }
    }
}
