import OmniBase
import OmniSyntax
import Testing

/// Every TOML code has an `omni explain` entry whose example raises it and whose fixed
/// version is clean.
@Suite("TOML: explanations")
struct TOMLExplanationTests {
    /// The diagnostics of a file as omni reads `omni.toml`: the parser's, then (when the file
    /// parses) the typed accessors' for `[server] port` and the known sections.
    static func check(_ bytes: [UInt8]) -> TOMLTestSupport.Result {
        var r = TOMLTestSupport.parse(bytes: bytes, path: "omni.toml")
        guard r.diagnostics.isEmpty else { return r }
        if let d = r.document.int("server", "port").1 { r.diagnostics.append(d) }
        r.diagnostics += r.document.unknownKeys(allowed: ["project", "server", "database", "build"])
        return r
    }

    @Test(arguments: TOMLExplanations.all.map(\.code.rawValue))
    func exampleRaisesItsCode(_ code: String) throws {
        let entry = try #require(TOMLExplanations.all.first { $0.code.rawValue == code })
        #expect(entry.exampleFile == "omni.toml")
        #expect(entry.checkable)
        let r = Self.check(entry.exampleBytes)
        #expect(r.codes.contains(code), "the example of \(code) raised:\n\(r.report)")
        let fixed = try #require(entry.fixed)
        let clean = Self.check(Array(fixed.utf8))
        #expect(clean.diagnostics.isEmpty, "the fixed example of \(code) is not clean:\n\(clean.report)")
    }

    @Test func everyCodeFromE0600ToE0629HasOneEntry() {
        let codes = TOMLExplanations.all.map(\.code.rawValue)
        #expect(codes == (600...629).map { "E0\($0)" })
    }
}
