import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniDriver

/// A seeded generator so fuzz runs are reproducible (SplitMix64).
struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates every fixture in many ways and runs the whole front end on each mutant: it
/// must terminate, never trap, and keep every diagnostic span inside the file.
@Suite struct FrontendFuzzTests {
    static func corpus() -> [[UInt8]] {
        let root = fixturesDirectory()
        var files: [[UInt8]] = []
        for rel in fixtureFiles(under: root, endingIn: ".omni") {
            if let data = FileManager.default.contents(atPath: root + "/" + rel) {
                files.append([UInt8](data))
            }
        }
        return files
    }

    /// Splits bytes into rough tokens: runs of letters/digits, runs of spaces, single others.
    static func tokens(_ bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var i = 0
        func isWord(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b == 95 || b >= 0x80 }
        while i < bytes.count {
            var j = i + 1
            if isWord(bytes[i]) { while j < bytes.count, isWord(bytes[j]) { j += 1 } }
            else if bytes[i] == 32 { while j < bytes.count, bytes[j] == 32 { j += 1 } }
            out.append(Array(bytes[i..<j]))
            i = j
        }
        return out
    }

    static func mutate(_ input: [UInt8], _ rng: inout SeededRNG) -> [UInt8] {
        var toks = tokens(input)
        guard !toks.isEmpty else { return input }
        let rounds = Int.random(in: 1...4, using: &rng)
        for _ in 0..<rounds {
            let i = Int.random(in: 0..<toks.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: toks.remove(at: i)
            case 1: toks.insert(toks[i], at: i)
            case 2: toks.swapAt(i, Int.random(in: 0..<toks.count, using: &rng))
            case 3: toks = Array(toks[..<i])
            case 4: toks.insert([UInt8.random(in: 0...255, using: &rng)], at: i)
            case 5: toks[i] = Array("{}<>()[]\"'`/@#:".utf8).shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)).map { $0 }
            case 6:
                var flat = toks.flatMap { $0 }
                if !flat.isEmpty { flat.remove(at: Int.random(in: 0..<flat.count, using: &rng)) }
                toks = tokens(flat)
            default:
                var flat = toks.flatMap { $0 }
                flat = Array(flat.prefix(Int.random(in: 0...flat.count, using: &rng)))
                toks = tokens(flat)
            }
            if toks.isEmpty { break }
        }
        return toks.flatMap { $0 }
    }

    static func checkTerminatesCleanly(_ bytes: [UInt8]) {
        let report = Checker.check(files: [(path: "Fuzz.omni", bytes: bytes)])
        for d in report.diagnostics {
            #expect(Int(d.span.end) <= bytes.count && d.span.start <= d.span.end, "span out of range: \(d.code) \(d.message)")
            for l in d.labels { #expect(Int(l.span.end) <= bytes.count) }
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func mutatedFixturesNeverTrap() {
        var rng = SeededRNG(state: 0x0DDB_A11)
        let corpus = Self.corpus()
        #expect(corpus.count >= 8)
        var mutants = 0
        for source in corpus {
            for _ in 0..<150 {
                Self.checkTerminatesCleanly(Self.mutate(source, &rng))
                mutants += 1
            }
        }
        #expect(mutants >= 1000)
    }

    @Test(.timeLimit(.minutes(5)))
    func randomBytesAndEdgeCases() {
        var rng = SeededRNG(state: 42)
        Self.checkTerminatesCleanly([])
        Self.checkTerminatesCleanly(Array("<".utf8))
        Self.checkTerminatesCleanly(Array("<component".utf8))
        Self.checkTerminatesCleanly(Array("<component name=\"A\"><script>".utf8))
        Self.checkTerminatesCleanly(Array("<component name=\"A\"><template>{".utf8))
        for _ in 0..<300 {
            let n = Int.random(in: 0..<400, using: &rng)
            Self.checkTerminatesCleanly((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let alphabet = Array("<>{}/#:@=\"' \nabc()`$".utf8)
            Self.checkTerminatesCleanly((0..<n).map { _ in alphabet.randomElement(using: &rng)! })
        }
    }

    static func wrap(_ script: String) -> [UInt8] { Array("<component name=\"A\"><script>\n\(script)\n</script></component>".utf8) }

    /// 20,000-deep nesting of every kind. The time limit catches a hang, not slowness.
    static let deepInputs: [String: [UInt8]] = [
        "parentheses": wrap("const x = " + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)),
        "brackets": wrap("const x = " + String(repeating: "[", count: 20_000)),
        "braces": wrap(String(repeating: "{", count: 20_000)),
        "bangs": wrap("const x = " + String(repeating: "!", count: 20_000) + "y"),
        "arrows": wrap("const f = " + String(repeating: "x => ", count: 20_000) + "x"),
        "ifs": wrap(String(repeating: "if (a) ", count: 20_000) + "b()"),
        "elements": Array(("<component name=\"A\"><template>" + String(repeating: "<div>", count: 20_000)).utf8),
        "eaches": Array(("<component name=\"A\"><template>" + String(repeating: "{#each xs as x}", count: 20_000)).utf8),
        "interpolations": Array(("<component name=\"A\"><template>" + String(repeating: "{(", count: 20_000)).utf8),
    ]

    @Test(.timeLimit(.minutes(5)), arguments: deepInputs.keys.sorted())
    func deepNestingStaysBounded(_ name: String) throws {
        let input = try #require(Self.deepInputs[name])
        Self.checkTerminatesCleanly(input)
    }

    @Test(.timeLimit(.minutes(5)))
    func fiftyThousandLineScript() {
        let longScript = "function f(x: number): number { return x }\n"
            + (0..<50_000).map { "const v\($0) = \($0) * 2 + f(\($0 == 0 ? "1" : "v\($0 - 1)"))" }.joined(separator: "\n")
        let report = Checker.check(files: [(path: "Long.omni", bytes: Self.wrap(longScript))])
        #expect(report.errorCount == 0, "\(report.diagnostics.prefix(3).map(\.message))")
    }
}
