import Foundation
import OmniBase
import Testing

/// Renderers never trap, whatever the diagnostic: random sources (invalid UTF-8, every line
/// ending, tabs, wide and control characters) and random, often nonsensical spans.
@Suite struct RenderRobustnessTests {
    /// SplitMix64: deterministic, so a failure reproduces.
    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [[UInt8]] = [
        "a", "bc", "let x = 1", " ", "\t", "\n", "\r\n", "\r", "名前", "👍🏽", "e\u{301}", "\u{1B}[31m", "\u{202E}", "\u{200B}",
    ].map { Array($0.utf8) } + [[0xFF], [0x80], [0xE4, 0xB8], [0xC0, 0xAF], [0xF0, 0x9F]]

    func randomSpan(_ rng: inout RNG, files: [SourceFile]) -> Span {
        let fileIndex = Int.random(in: 0...files.count, using: &rng)  // == count: unknown file
        let size = fileIndex < files.count ? files[fileIndex].bytes.count : 10
        let a = UInt32.random(in: 0...UInt32(size + 5), using: &rng)
        let b = UInt32.random(in: 0...UInt32(size + 5), using: &rng)
        var span = Span(file: FileID(UInt32(fileIndex)), start: min(a, b), end: max(a, b))
        if Int.random(in: 0..<8, using: &rng) == 0 { span.end = min(a, b); span.start = max(a, b) }  // end before start
        if Int.random(in: 0..<10, using: &rng) == 0 { span.start = .max; span.end = .max }
        return span
    }

    @Test func randomDiagnosticsNeverTrap() throws {
        var rng = RNG(state: 0x0DDB_A11)
        for _ in 0..<300 {
            var map = SourceMap()
            for f in 0..<3 {
                var bytes: [UInt8] = []
                for _ in 0..<Int.random(in: 0...40, using: &rng) { bytes += Self.pieces.randomElement(using: &rng) ?? [] }
                map.add(path: "f\(f).omni", bytes: bytes)
            }
            let files = map.files
            var ds: [Diagnostic] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let severity = Severity.allCases.randomElement(using: &rng) ?? .error
                var d = Diagnostic(severity, "E0001", "message \u{1B}[2J\n second line", at: randomSpan(&rng, files: files),
                                   label: Bool.random(using: &rng) ? "primary\tlabel\n" : nil)
                for _ in 0..<Int.random(in: 0...5, using: &rng) {
                    d.labels.append(Label(randomSpan(&rng, files: files), Bool.random(using: &rng) ? "" : "label 名 \u{7}"))
                }
                if Bool.random(using: &rng) { d.notes.append("note\nmore") }
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    let edits = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                        TextEdit(span: randomSpan(&rng, files: files), replacement: ["", "x", "\n", "a\r\nb", "名\t"].randomElement(using: &rng) ?? "")
                    }
                    d.fixes.append(FixIt("fix", edits: edits))
                }
                ds.append(d)
            }
            let summary = RenderSummary(counting: ds, files: 3)
            let plain = HumanRenderer(sources: map, color: false, tabWidth: Int.random(in: -1...9, using: &rng)).render(ds, summary: summary)
            #expect(!plain.contains("\u{1B}"))
            #expect(!plain.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            _ = HumanRenderer(sources: map, color: true).render(ds, summary: summary)
            let json = JSONRenderer(sources: map).render(ds, summary: summary)
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect((parsed?["diagnostics"] as? [Any])?.count == ds.count)
            let github = GitHubRenderer(sources: map).render(ds, summary: summary)
            #expect(github.split(separator: "\n", omittingEmptySubsequences: false).count == ds.count + 1)
        }
    }

    @Test func hugeSpansAndManyLabelsStayBounded() {
        var map = SourceMap()
        let f = map.add(path: "big.omni", text: (1...5000).map { "line \($0)" }.joined(separator: "\n"))
        var d = Diagnostic.error("E1", "everything", at: Span(file: f.id, start: 0, end: UInt32(f.bytes.count)), label: "all of it")
        for i in stride(from: 0, to: f.bytes.count, by: 997) {
            d.labels.append(Label(Span(file: f.id, start: UInt32(i), end: UInt32(i + 2000)), "label \(i)"))
        }
        let out = HumanRenderer(sources: map, color: false).render(d)
        // Elided: far fewer lines than the file has.
        #expect(out.split(separator: "\n").count < 400)
    }
}
