import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import OmniTestSupport
import Testing

/// Every `omni explain` entry of the template checker: its example (a small project) raises
/// its code, its fixed version is clean. The routes of an example are taken from
/// Fixtures/server-templates/app.omni, whose checked model the tests build by hand.
@Suite struct ServerTemplateExplanationTests {
    static let fixtureApp = (try? String(contentsOfFile: fixturesDirectory() + "/server-templates/app.omni", encoding: .utf8)) ?? ""

    /// Checks an example: its templates and components, with the fixture routes its app.omni writes.
    static func check(_ text: String) -> (result: TemplateCheckResult, app: String) {
        var p = ServerTemplateCheckerTests.project(nil)
        let files = SemaExplanations.exampleFiles(text)
        let app = files.first { $0.path == "app.omni" }?.text ?? ""
        p.routes = p.routes.filter { route in app.contains("\(route.verb.rawValue) \"\(route.path)\"") }
        let components = files.filter { $0.path.hasPrefix("components/") }
        if !components.isEmpty {
            var parsed: [(file: SourceFile, ast: OmniFile)] = []
            for c in components {
                let file = p.sources.add(path: c.path, text: c.text)
                parsed.append((file, ComponentParser.parse(file).0))
            }
            p.components = Sema.check(parsed)
        } else {
            p.components = TypedProgram(components: [], diagnostics: [])
        }
        for f in files where f.path.hasPrefix("templates/") { p.addTemplate(f.path, f.text) }
        return (p.check(), app)
    }

    @Test(arguments: SemaExplanations.serverTemplates.map(\.code.rawValue))
    func exampleRaisesItsCode(_ code: String) throws {
        let entry = try #require(SemaExplanations.serverTemplates.first { $0.code.rawValue == code })
        #expect(entry.exampleFile == "app.omni")
        let (result, app) = Self.check(entry.example)
        // The example's app.omni is written exactly as the fixture the model is built from.
        let fixtureLines = Set(Self.fixtureApp.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for line in app.split(separator: "\n") {
            #expect(fixtureLines.contains(line.trimmingCharacters(in: .whitespaces)), "\(code): `\(line)` is not in app.omni")
        }
        #expect(result.parseDiagnostics.isEmpty, "\(code): \(result.parseDiagnostics.map(\.message))")
        #expect(result.codes.contains(code), "the example of \(code) raised:\n\(result.rendered)")
        let fixed = try #require(entry.fixed)
        let clean = Self.check(fixed).result
        #expect(clean.parseDiagnostics.isEmpty && clean.diagnostics.isEmpty, "the fixed example of \(code) is not clean:\n\(clean.rendered)")
    }

    @Test func codesAreInTheTemplateRangeAndUnique() {
        let codes = SemaExplanations.serverTemplates.map(\.code.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for code in codes {
            let n = Int(code.dropFirst()) ?? -1
            #expect(code.hasPrefix("E") ? (460...489).contains(n) : (530...539).contains(n), "\(code)")
        }
        #expect(Set(SemaExplanations.all.map(\.code)).isDisjoint(with: Set(SemaExplanations.serverTemplates.map(\.code))))
    }

    /// Every code the checker raises in the fixtures has an entry.
    @Test func everyRaisedCodeIsExplained() {
        let known = Set(SemaExplanations.serverTemplates.map(\.code.rawValue))
        for name in ServerTemplateCheckerTests.fixtures() {
            for code in ServerTemplateCheckerTests.project(name).check().codes {
                #expect(known.contains(code), "\(code) (raised by \(name)) has no explanation")
            }
        }
    }

    @Test func exampleFilesSplitOnMarkers() {
        let files = SemaExplanations.exampleFiles("<!-- file: a.omni -->\nx\n<!-- file: templates/b.html -->\ny\n\n")
        #expect(files.map(\.path) == ["a.omni", "templates/b.html"])
        #expect(files.map(\.text) == ["x\n", "y\n"])
        #expect(SemaExplanations.exampleFiles("plain").map(\.path) == ["app.omni"])
    }
}
