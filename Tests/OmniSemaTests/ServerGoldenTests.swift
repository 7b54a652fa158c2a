import Foundation
import OmniBase
import OmniSema
import OmniTestSupport
import Testing

/// Each `Fixtures/server-sema/*.omni` is one family of schema or routes errors, checked with
/// the templates below and rendered; the rendering is compared with `<name>.human.txt`.
@Suite struct ServerGoldenTests {
    static var directory: String { fixturesDirectory() + "/server-sema" }
    static let templates = ["templates/index.html", "templates/users/index.html", "templates/users/show.html"]

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".omni") }.sorted()
    }

    @Test(arguments: cases)
    func golden(_ name: String) throws {
        let text = try String(contentsOfFile: Self.directory + "/" + name, encoding: .utf8)
        let result = checkServer(files: [(name, text)], templates: Self.templates)
        #expect(result.parseDiagnostics.isEmpty, "\(name) does not parse cleanly:\n\(result.rendered)")
        // The fixture's first line lists the codes it raises.
        let header = text.prefix { $0 != "\n" }
        for code in header.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) where code.count == 5 && code.first?.isUppercase == true && Int(code.dropFirst()) != nil {
            #expect(result.codes.contains(code), "\(name) does not raise \(code)")
        }
        assertSnapshot(result.rendered, named: String(name.dropLast(5)) + ".human.txt", in: Self.directory)
    }

    @Test func everyServerCodeHasAFixture() throws {
        var raised: Set<String> = []
        for name in Self.cases {
            let text = try String(contentsOfFile: Self.directory + "/" + name, encoding: .utf8)
            raised.formUnion(checkServer(files: [(name, text)], templates: Self.templates).codes)
        }
        for e in SemaExplanations.server {
            #expect(raised.contains(e.code.rawValue), "no fixture raises \(e.code)")
        }
    }
}
