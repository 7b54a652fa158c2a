import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import Testing

/// Sema never traps: parse errors, deep trees, odd inputs; and it is fast.
@Suite struct RobustnessTests {
    @Test func errorNodesAreSilent() {
        let r = check(component(script: """
            const a = 1 +
            const b = (
            function f( { return }
            const c = a.b.c
        """, template: "<p>{a +}</p>{#if}{/if}{#each as x}{/each}<Foo bar={} />"))
        #expect(!r.parseDiagnostics.isEmpty)
        // Whatever sema says, it does not trap and does not report on the `.error` nodes themselves.
        _ = r.rendered
    }

    @Test func deepExpressionsAndTemplates() {
        let depth = 240
        let expr = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        let sum = (0..<200).map { _ in "1" }.joined(separator: " + ")
        let tags = String(repeating: "<div>", count: 190) + "{x}" + String(repeating: "</div>", count: 190)
        let ifs = String(repeating: "{#if true}", count: 90) + "<p>y</p>" + String(repeating: "{/if}", count: 90)
        let source = component(script: "const x = \(expr) + \(sum)\nconst y = [[[[[[[[[[1]]]]]]]]]]", template: tags + ifs)
        let r = onBigStack { check(source) }
        #expect(!r.codes.contains { $0.hasPrefix("E03") || $0.hasPrefix("E04") }, "\(r.rendered)")
    }

    @Test func selfReferencesDoNotLoop() {
        let r = check(component(script: """
            const a = computed(() => b())
            const b = computed(() => a())
            function f() { return f() }
            const g = () => g()
        """, template: "<p>{a()}</p>"))
        #expect(r.codes.contains("E0328"), "\(r.rendered)")
    }

    @Test func mutatedFixturesNeverTrap() throws {
        let files = try BlogFixtureTests.blogFiles()
        var seed: UInt64 = 0x5EED
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        for (path, text) in files {
            let bytes = Array(text.utf8)
            for _ in 0..<150 {
                var b = bytes
                let i = next() % b.count, j = min(b.count, i + next() % 12)
                switch next() % 3 {
                case 0: b.removeSubrange(i..<j)
                case 1: b.insert(contentsOf: b[i..<j], at: next() % b.count)
                default: if j > i { b.swapAt(i, j - 1) }
                }
                _ = check(String(decoding: b, as: UTF8.self), path: path).rendered
            }
        }
    }

    @Test func aThousandComponentsCheckQuickly() throws {
        let files = try BlogFixtureTests.blogFiles()
        var many: [(String, String)] = []
        for i in 0..<334 {
            for (path, text) in files {
                let name = path.split(separator: "/").last!.dropLast(5)
                many.append(("c\(i)/\(path)", text.replacingOccurrences(of: "name=\"\(name)\"", with: "name=\"\(name)\(i)\"")))
            }
        }
        let start = ContinuousClock.now
        let r = check(files: many)
        let elapsed = ContinuousClock.now - start
        #expect(r.program.components.count == 1002)
        #expect(r.all.isEmpty)
        // Not a timed assertion (machines are noisy): printed for the record.
        print("checked 1002 components (parse + sema) in \(elapsed)")
    }
}
