import OmniBase
import OmniSyntax
import Testing

/// The byte range between `<script>` and `</script>` of a component source.
private func scriptBody(_ text: String) -> Range<Int>? {
    let bytes = Array(text.utf8)
    func find(_ needle: String, from: Int) -> Int? {
        let n = Array(needle.utf8)
        guard bytes.count >= n.count else { return nil }
        for i in from...(bytes.count - n.count) where Array(bytes[i..<(i + n.count)]) == n { return i }
        return nil
    }
    guard let open = find("<script>", from: 0), let close = find("</script>", from: open) else { return nil }
    return (open + "<script>".utf8.count)..<close
}

@Suite("Script explanations")
struct ScriptExplanationTests {
    @Test func codesAreUniqueAndInTheScriptRange() {
        let codes = ScriptExplanations.all.map(\.code.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for code in codes {
            let number = Int(code.dropFirst()) ?? -1
            #expect(code.hasPrefix("E") && (100...149).contains(number), "\(code)")
        }
    }

    @Test(arguments: ScriptExplanations.all.map(\.code.rawValue))
    func exampleRaisesExactlyItsCode(_ code: String) throws {
        let entry = try #require(ScriptExplanations.all.first { $0.code.rawValue == code })
        #expect(entry.exampleFile == "Example.omni")
        #expect(!entry.title.isEmpty && entry.body.count > 80)
        #expect(entry.example.hasPrefix("<component name=\"Example\">"))
        let file = SourceFile(id: FileID(0), path: entry.exampleFile, text: entry.example)
        let body = try #require(scriptBody(entry.example))
        var ids = NodeIDGenerator()
        var diagnostics = Diagnostics()
        _ = ScriptParser.parseProgram(file, range: body, ids: &ids, diagnostics: &diagnostics)
        #expect(diagnostics.all.map(\.code.rawValue) == [code], "\(diagnostics.all.map(\.message))")

        let fixed = try #require(entry.fixed)
        let fixedFile = SourceFile(id: FileID(0), path: entry.exampleFile, text: fixed)
        var fixedDiagnostics = Diagnostics()
        _ = ScriptParser.parseProgram(fixedFile, range: try #require(scriptBody(fixed)), ids: &ids, diagnostics: &fixedDiagnostics)
        #expect(fixedDiagnostics.all.isEmpty, "\(fixedDiagnostics.all.map(\.message))")
    }
}
