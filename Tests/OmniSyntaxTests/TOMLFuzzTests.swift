import Foundation
import OmniBase
import OmniSyntax
import Testing

/// Property tests: mutated TOML never traps, always terminates, and every diagnostic (its
/// labels and fix-its too) points inside the input; pathological nesting gets one clear error.
@Suite("TOML: fuzzing and limits")
struct TOMLFuzzTests {
    /// SplitMix64: small, seedable, the same sequence on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    static let tokens: [String] = ["[", "]", "[[", "]]", "{", "}", "\"", "'", "\"\"\"", "'''", "=", ",", ".", "\n", "\r",
                                   "#", "\\", "\\u", "0x", "e", "_", "-", "+", ":", "T", " ", "true", "inf", "1979-05-27",
                                   "07:32:00", "a.b", "\u{FEFF}", "é", "\t"]

    static let seeds = [
        "[project]\nname = \"blog\"\n[server]\nhost = \"127.0.0.1\"\nport = 8080\n",
        "a = [1, [2, {x = 3}], \"\"\"\nmulti\\\n  line\"\"\"]\nb = { c.d = 1979-05-27T07:32:00Z }\n[[e]]\nf = 0xff\n[e.g]\nh = -inf\n",
        "s = 'lit'\nt = '''\nraw'''\nu = 1_000.5e-3\nv = 07:32:00.5\nw = 1979-05-27 00:32:00.999999-07:00\n",
    ]

    /// The valid corpus of the suite when it is available, and the seeds.
    static func corpus() -> [[UInt8]] {
        var out = seeds.map { Array($0.utf8) }
        if let dir = TOMLTestSupport.suiteDirectory() {
            for path in TOMLTestSupport.suiteCases(dir).valid {
                if let data = try? Data(contentsOf: dir.appendingPathComponent(path)) { out.append([UInt8](data)) }
            }
        }
        return out
    }

    static func mutate(_ input: [UInt8], _ rng: inout Random) -> [UInt8] {
        var b = input
        for _ in 0...rng.below(3) {
            let n = b.count
            switch rng.below(7) {
            case 0 where n > 0:   // delete a range
                let at = rng.below(n)
                b.removeSubrange(at..<min(n, at + 1 + rng.below(8)))
            case 1 where n > 0:   // duplicate a range
                let at = rng.below(n)
                let piece = b[at..<min(n, at + 1 + rng.below(16))]
                b.insert(contentsOf: piece, at: rng.below(n + 1))
            case 2 where n > 1:   // swap two bytes
                b.swapAt(rng.below(n), rng.below(n))
            case 3 where n > 0:   // truncate
                b.removeSubrange(rng.below(n)...)
            case 4:               // a random byte
                b.insert(UInt8(truncatingIfNeeded: rng.next()), at: rng.below(n + 1))
            default:              // a TOML token
                b.insert(contentsOf: Array(tokens[rng.below(tokens.count)].utf8), at: rng.below(n + 1))
            }
        }
        return b
    }

    static func checkSpans(_ bytes: [UInt8], _ diagnostics: [Diagnostic]) -> String? {
        let whole = Span(file: FileID(0), 0..<bytes.count)
        for d in diagnostics {
            let spans = [d.span] + d.labels.map(\.span) + d.fixes.flatMap { $0.edits.map(\.span) }
            if let bad = spans.first(where: { !whole.contains($0) }) {
                return "\(d.code) \(d.message): span \(bad) outside 0..<\(bytes.count)"
            }
            if d.message.isEmpty { return "\(d.code): empty message" }
        }
        return nil
    }

    @Test(arguments: [1, 2, 3, 4])
    func mutatedCorpusNeverTrapsAndSpansStayInside(seed: UInt64) {
        var rng = Random(state: seed &* 0x1234_5678_9ABC_DEF1)
        let corpus = Self.corpus()
        var failures: [String] = []
        for round in 0..<1500 {
            let input = Self.mutate(corpus[rng.below(corpus.count)], &rng)
            let r = TOMLTestSupport.parse(bytes: input)
            if let problem = Self.checkSpans(input, r.diagnostics) {
                failures.append("seed \(seed) round \(round): \(problem)\n\(String(decoding: input, as: UTF8.self).debugDescription)")
            }
            if failures.count > 5 { break }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }

    @Test func randomBytesNeverTrap() {
        var rng = Random(state: 42)
        for _ in 0..<500 {
            let input = (0..<rng.below(200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let r = TOMLTestSupport.parse(bytes: input)
            #expect(Self.checkSpans(input, r.diagnostics) == nil)
        }
    }

    static let deepInputs: [String: String] = [
        "unclosed arrays": "a = " + String(repeating: "[", count: 20_000),
        "closed arrays": "a = " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000),
        "inline tables": "a = " + String(repeating: "{ b = ", count: 20_000),
        "arrays of inline tables": "a = " + String(repeating: "[{ b = ", count: 10_000),
        "dotted key in an inline table": "a = { " + Array(repeating: "b", count: 20_000).joined(separator: ".") + " = 1 }",
        "dotted key": Array(repeating: "b", count: 20_000).joined(separator: ".") + " = 1",
        "multi-line arrays": "a = " + String(repeating: "[\n", count: 20_000),
    ]

    @Test(arguments: deepInputs.keys.sorted())
    func deepNestingGivesOneClearError(_ name: String) throws {
        let source = try #require(Self.deepInputs[name])
        let r = TOMLTestSupport.parse(source + "\nafter = 1\n")
        #expect(r.codes == ["E0626"], "\(r.report.prefix(500))")
        #expect(r.document["after"]?.integer == 1)
    }

    @Test func aDeepHeaderIsOneError() {
        let r = TOMLTestSupport.parse("[" + Array(repeating: "b", count: 20_000).joined(separator: ".") + "]\nx = 1\n[ok]\ny = 2\n")
        #expect(r.codes == ["E0626"], "\(r.report.prefix(500))")
        #expect(r.document["ok"]?["y"]?.integer == 2)
    }

    @Test func nestingUpToTheLimitIsFine() {
        let depth = TOMLParser.maxNestingDepth
        let r = TOMLTestSupport.parse("a = " + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth))
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        var v = r.document["a"]
        var levels = 0
        while let inner = v?[0] { v = inner; levels += 1 }
        #expect(levels == depth)
        #expect(v?.integer == 1)
    }
}
