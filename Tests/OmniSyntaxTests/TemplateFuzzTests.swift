import Foundation
import OmniBase
import OmniTestSupport
import Testing
@testable import OmniSyntax

/// A seeded mutation fuzz over the template fixtures and the corpus in
/// Fixtures/templates/fuzz: every mutant must parse without trapping, terminate, and keep
/// every span (AST and diagnostics, labels and fix-its) inside the file.
@Suite struct TemplateFuzzTests {
    /// SplitMix64, so runs are reproducible.
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

    static func corpus() -> [[UInt8]] {
        let root = fixturesDirectory() + "/templates"
        var files: [[UInt8]] = []
        if let walker = FileManager.default.enumerator(atPath: root) {
            while let rel = walker.nextObject() as? String {
                if rel.hasSuffix(".html"), let data = FileManager.default.contents(atPath: root + "/" + rel) { files.append([UInt8](data)) }
            }
        }
        return files
    }

    /// Pieces a mutation may insert: the template language's delimiters and keywords.
    static let fragments: [String] = [
        "{{", "}}", "{{{", "}}}", "{{#if x}}", "{{/if}}", "{{else}}", "{{#each xs as |x|}}", "{{/each}}", "{{>", "~",
        "{{!--", "--}}", "\"", "'", "(", ")", "=", "|", "<div>", "</div>", "<", ">", "</", "<script>", "<!--", "@index",
        "../", "\\{{", "\n", " ", "\u{FF}", "{{#component \"A\"}}", "{{/component}}", "{{yield}}", "(eq a", "as |",
    ]

    static func mutate(_ input: [UInt8], _ rng: inout RNG) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let i = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty:
                let n = min(bytes.count - min(i, bytes.count), Int.random(in: 1...8, using: &rng))
                bytes.removeSubrange(min(i, bytes.count)..<(min(i, bytes.count) + n))
            case 1:
                bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)!.utf8), at: i)
            case 2 where !bytes.isEmpty:
                bytes = Array(bytes[..<min(i, bytes.count)])
            case 3 where i < bytes.count:
                bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 4 where !bytes.isEmpty:
                let a = Int.random(in: 0..<bytes.count, using: &rng), b = Int.random(in: a...min(bytes.count, a + 40), using: &rng)
                bytes.insert(contentsOf: bytes[a..<b], at: i)
            default:
                bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)!.utf8), at: 0)
            }
        }
        return bytes
    }

    static func check(_ bytes: [UInt8], path: String = "templates/fuzz.html", render: Bool = true) -> [String] {
        let parsed = parseTemplate(bytes: bytes, path: path)
        var problems: [String] = []
        let size = UInt32(bytes.count)
        func ok(_ s: Span, _ what: String) {
            if s.end > size || s.start > s.end { problems.append("\(what) span \(s) outside 0..<\(size)") }
        }
        for d in parsed.diagnostics {
            ok(d.span, d.code.rawValue)
            for l in d.labels { ok(l.span, "\(d.code) label") }
            for f in d.fixes { for e in f.edits { ok(e.span, "\(d.code) fix") } }
            if d.message.isEmpty { problems.append("\(d.code) has no message") }
        }
        var stack = parsed.items
        while let item = stack.popLast() {
            ok(item.span, "item")
            switch item.kind {
            case .ifBlock(let b), .unlessBlock(let b):
                for br in b.branches { ok(br.condition.span, "condition"); stack += br.items }
                stack += b.elseItems ?? []
            case .eachBlock(let e): ok(e.iterable.span, "iterable"); stack += e.items + (e.elseItems ?? [])
            case .output(let o), .rawOutput(let o): ok(o.expression.span, "expression")
            case .partial(let p): for a in p.arguments { ok(a.span, "argument") }
            case .component(let c): for a in c.arguments { ok(a.span, "argument") }
            default: break
            }
        }
        _ = parsed.dump
        if render { _ = parsed.rendered }
        return problems
    }

    @Test func corpusIsNotEmpty() {
        #expect(Self.corpus().count >= 8)
    }

    @Test func mutantsNeverTrapAndKeepSpansInRange() {
        var rng = RNG(state: 0x7E3A_11CE)
        var failures: [String] = []
        for seed in Self.corpus() {
            for _ in 0..<60 {
                let mutant = Self.mutate(seed, &rng)
                for p in Self.check(mutant) where failures.count < 10 {
                    failures.append("\(p) in: \(String(decoding: mutant.prefix(200), as: UTF8.self))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func pathologicalInputs() {
        let inputs: [String] = [
            "", "{{", "}}", "{{{", "{{!", "{{!--", "\\{{", "{{~", "~}}", "{{#", "{{/", "{{>", "{{else", "<", "</", "<!--",
            String(repeating: "{{", count: 5_000), String(repeating: "}}", count: 5_000), String(repeating: "<div>", count: 20_000),
            String(repeating: "{{#each x as |y|}}<p>", count: 2_000), String(repeating: "(", count: 10_000),
            "{{#if " + String(repeating: "(", count: 10_000) + "}}", String(repeating: "{{else}}", count: 1_000),
            String(repeating: "{{/if}}", count: 1_000), String(repeating: "\"", count: 1_000),
        ]
        for input in inputs {
            // Not rendered: thousands of diagnostics on one long line only measure the renderer.
            #expect(Self.check(Array(input.utf8), render: false).isEmpty)
            #expect(Self.check(Array(input.utf8), path: "templates/layouts/a.html", render: false).isEmpty)
        }
    }
}
