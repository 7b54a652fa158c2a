import OmniBase
import OmniSyntax
import Testing

/// Valid scripts the mutations start from.
private let corpus: [String] = [
    """
    const count = signal(props.start)
    const doubled = computed(() => count() * 2)
    function increment() { count.set(count() + 1) }
    """,
    """
    let items: { id: number; name: string?; tags: string[] }[] = []
    for (const item of items) {
      if (item.name?.length > 3 && !item.tags.includes("x")) {
        total += item.id ** 2
      } else if (item.id === 0) {
        continue
      } else break
    }
    """,
    """
    const label = `Count: ${count()} (${doubled() > 10 ? "big" : `small ${'x'}`})`
    const style = { color: "#66bb6a", size: 12, ...base, [key]: value, render(x: number): string { return `${x}` } }
    const f = (a: number, b = 1, ...rest: number[]): Signal<Array<number>> => signal([a, b, ...rest])
    """,
    """
    let i = 0
    while (i < 10) { i++; if (i % 2 == 0) continue }
    do { i-- } while (i > 0)
    for (let j = 0; j < n; j += 1) { sum = sum + (j >>> 1) | mask & ~0xff }
    const v = a ?? (b || c)
    const t = typeof x === "string" ? (x as string).trim() : String(x!)
    """,
    """
    effect(() => {
      const el = document.getElementById("root")
      el?.classList.toggle("active", isHovered())
    })
    batch(function () { a.set(1); b.update((v: number) => v + 1) })
    """,
    """
    const n = [0x1F, 0o17, 0b101, 1_000, .5, 1e-3, 2.5E+2]
    const s = ["\\n\\t\\u{1F600}\\x41", 'it\\'s', `multi
    line`]
    /* block
       comment */ // line comment
    const fn: (a: number, b?: string) => bool = (a, b) => a > 0 && b !== undefined
    """,
]

/// Snippets inserted by the fuzzer: the delimiters and operators most likely to confuse recovery.
private let snippets: [String] = [
    "(", ")", "[", "]", "{", "}", "${", "`", "\"", "'", "/*", "*/", "//", "=>", "...", "?.", "??", ">>", ">>>=",
    "<", ">", ",", ";", ":", "?", "!", "=", "\n", "const", "let", "function", "return", "if", "else", "for", "of", "in",
    "while", "do", "break", "as", "new", "class", "typeof", "\\", "@", "#", "\u{00A0}", "é", "😀", "0x", "1_", ".5e",
]

/// Applies one random mutation to `bytes`, using the token boundaries of the original text.
private func mutate(_ bytes: inout [UInt8], tokens: [Range<Int>], rng: inout SplitMix64) {
    let n = bytes.count
    func randomOffset() -> Int { n == 0 ? 0 : Int.random(in: 0...n, using: &rng) }
    let liveTokens = tokens.filter { $0.upperBound <= n }
    switch Int.random(in: 0..<8, using: &rng) {
    case 0 where !liveTokens.isEmpty:  // delete a token
        let t = liveTokens.randomElement(using: &rng)!
        bytes.removeSubrange(t)
    case 1 where !liveTokens.isEmpty:  // duplicate a token
        let t = liveTokens.randomElement(using: &rng)!
        bytes.insert(contentsOf: Array(bytes[t]), at: t.upperBound)
    case 2 where liveTokens.count >= 2:  // swap two tokens
        var a = liveTokens.randomElement(using: &rng)!, b = liveTokens.randomElement(using: &rng)!
        if a.lowerBound > b.lowerBound { swap(&a, &b) }
        guard a.upperBound <= b.lowerBound else { return }
        let ta = Array(bytes[a]), tb = Array(bytes[b])
        bytes.replaceSubrange(b, with: ta)
        bytes.replaceSubrange(a, with: tb)
    case 3:  // truncate
        bytes.removeSubrange(randomOffset()..<n)
    case 4 where n > 0:  // delete a byte range
        let start = Int.random(in: 0..<n, using: &rng)
        bytes.removeSubrange(start..<min(n, start + Int.random(in: 1...8, using: &rng)))
    case 5:  // insert random bytes
        let count = Int.random(in: 1...6, using: &rng)
        bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: randomOffset())
    default:  // insert a snippet
        bytes.insert(contentsOf: Array(snippets.randomElement(using: &rng)!.utf8), at: randomOffset())
    }
}

/// Checks the invariants every parse must keep, whatever the input: spans inside the range,
/// a printable tree, and determinism.
private func checkInvariants(_ body: [UInt8], seenCodes: inout Set<String>) {
    let prefix = Array("<script>".utf8), suffix = Array("</script>".utf8)
    let file = SourceFile(id: FileID(7), path: "Fuzz.omni", bytes: prefix + body + suffix)
    let range = prefix.count..<(prefix.count + body.count)
    var ids = NodeIDGenerator()
    var diagnostics = Diagnostics()
    let statements = ScriptParser.parseProgram(file, range: range, ids: &ids, diagnostics: &diagnostics)
    for d in diagnostics.all {
        seenCodes.insert(d.code.rawValue)
        for span in allSpans(d) {
            #expect(span.file == FileID(7))
            #expect(Int(span.start) >= range.lowerBound && Int(span.end) <= range.upperBound,
                    "\(d.code) \(d.message) at \(span.range) outside \(range)")
        }
    }
    for s in statements {
        #expect(Int(s.span.start) >= range.lowerBound && Int(s.span.end) <= range.upperBound)
    }
    var printer = TreePrinter(file: file)
    for s in statements { printer.print(s) }
    // Determinism: the same input gives the same diagnostics.
    var again = Diagnostics()
    var ids2 = NodeIDGenerator()
    _ = ScriptParser.parseProgram(file, range: range, ids: &ids2, diagnostics: &again)
    #expect(again.all == diagnostics.all)
    #expect(ids2.last == ids.last)
}

@Suite("Script parser: fuzzing and limits")
struct ScriptFuzzTests {
    @Test func corpusParsesCleanly() {
        for source in corpus {
            let r = parseScript(source)
            #expect(r.diagnostics.isEmpty, "\(r.report)\n\(source)")
        }
    }

    @Test func mutatedScriptsNeverTrapAndKeepSpansInside() {
        var rng = SplitMix64(seed: 0x0_5C21_F7)
        var seenCodes: Set<String> = []
        for round in 0..<2_500 {
            let source = corpus[round % corpus.count]
            var bytes = Array(source.utf8)
            let file = SourceFile(id: FileID(0), path: "t", text: source)
            var scratch = Diagnostics()
            let tokens = ScriptLexer.tokenize(file, range: 0..<file.bytes.count, diagnostics: &scratch).map(\.span.range)
            for _ in 0..<Int.random(in: 1...4, using: &rng) { mutate(&bytes, tokens: tokens, rng: &rng) }
            checkInvariants(bytes, seenCodes: &seenCodes)

            // The expression and type entry points on a random window of the same bytes.
            let mutated = SourceFile(id: FileID(0), path: "t", bytes: bytes)
            let start = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            let limit = Int.random(in: start...bytes.count, using: &rng)
            var ids = NodeIDGenerator()
            var d = Diagnostics()
            let (e, end) = ScriptParser.parseExpression(mutated, from: start, limit: limit, stopAtAs: round % 2 == 0,
                                                        stopAtComma: round % 3 == 0, ids: &ids, diagnostics: &d)
            #expect(end >= start && end <= limit)
            #expect(Int(e.span.start) >= start && Int(e.span.end) <= limit)
            for diag in d.all { seenCodes.insert(diag.code.rawValue); for s in allSpans(diag) { #expect(Int(s.start) >= start && Int(s.end) <= limit) } }
            var td = Diagnostics()
            let t = ScriptParser.parseType(mutated, range: start..<limit, ids: &ids, diagnostics: &td)
            #expect(Int(t.span.start) >= start && Int(t.span.end) <= limit)
            for diag in td.all { seenCodes.insert(diag.code.rawValue); for s in allSpans(diag) { #expect(Int(s.start) >= start && Int(s.end) <= limit) } }
        }
        // Every code the fuzzer provoked has an `omni explain` entry.
        let explained = Set(ScriptExplanations.all.map(\.code.rawValue))
        #expect(seenCodes.subtracting(explained).isEmpty, "unexplained: \(seenCodes.subtracting(explained))")
        #expect(seenCodes.count >= 12, "the fuzzer should reach many codes, got \(seenCodes.sorted())")
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 42)
        var seen: Set<String> = []
        for _ in 0..<200 {
            let count = Int.random(in: 0...600, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            checkInvariants(bytes, seenCodes: &seen)
            // Random printable ASCII reaches far more of the parser than random bytes.
            let ascii = (0..<count).map { _ in UInt8.random(in: 9...126, using: &rng) }
            checkInvariants(ascii, seenCodes: &seen)
        }
    }

    @Test func emptyAndTriviaOnlyInput() {
        for source in ["", "   \n\t", "// only a comment", "/* block */", ";;;"] {
            let r = parseScript(source)
            #expect(r.diagnostics.isEmpty)
            #expect(r.statements.allSatisfy { if case .empty = $0.kind { true } else { false } })
        }
        let (shape, end, codes) = parseExpr("")
        #expect(shape == "Error\n")
        #expect(end == 0)
        #expect(codes == ["E0110"])
        #expect(parseTypeText("").codes == ["E0125"])
    }

    /// Deeply nested inputs by name (the names, not the 20,000-level texts, are the test arguments).
    static let nested: [String: String] = [
        "parens": "const x = " + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000),
        "brackets": "const x = " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000),
        "blocks": String(repeating: "{", count: 20_000) + String(repeating: "}", count: 20_000),
        "objects": "const x = " + String(repeating: "{a:", count: 20_000) + "1" + String(repeating: "}", count: 20_000),
        "bangs": "const x = " + String(repeating: "!", count: 20_000) + "a",
        "unary mix": "const x = " + String(repeating: "- typeof ~", count: 7_000) + "a",
        "arrows": "const f = " + String(repeating: "x => ", count: 20_000) + "x",
        "paren arrows": "const f = " + String(repeating: "(x) => ", count: 20_000) + "x",
        "conditionals": "const x = " + String(repeating: "a ? ", count: 20_000) + "b" + String(repeating: " : c", count: 20_000),
        "assignments": String(repeating: "a = ", count: 20_000) + "1",
        "templates": "const t = " + String(repeating: "`${", count: 20_000) + "1" + String(repeating: "}`", count: 20_000),
        "ifs": String(repeating: "if (x) ", count: 20_000) + "y()",
        "functions": String(repeating: "function f() {", count: 20_000) + String(repeating: "}", count: 20_000),
        "types": "let x: " + String(repeating: "Array<", count: 20_000) + "number" + String(repeating: ">", count: 20_000),
        "paren types": "let x: " + String(repeating: "(", count: 20_000) + "number" + String(repeating: ")", count: 20_000),
        "array types": "let x: number" + String(repeating: "[]", count: 20_000),
        "sum chain": "const x = " + Array(repeating: "a", count: 50_000).joined(separator: " + "),
        "member chain": "const x = a" + String(repeating: ".b", count: 50_000),
        "call chain": "const x = f" + String(repeating: "()", count: 50_000),
        // Never closed.
        "open parens": "const x = " + String(repeating: "(", count: 20_000),
        "open brackets": "const x = " + String(repeating: "[", count: 20_000),
        "open blocks": String(repeating: "{", count: 20_000),
        "open templates": "const t = " + String(repeating: "`${", count: 20_000),
        "open type arguments": "let x: " + String(repeating: "Array<", count: 20_000),
    ]

    /// Deeply nested inputs, parsed (and printed) on a 512 KB thread: one E0120, no stack overflow.
    @Test(arguments: nested.keys.sorted())
    func deepNestingIsBounded(_ name: String) throws {
        let source = try #require(Self.nested[name])
        let codes = onThread(stackSize: 512 * 1024) { () -> [String] in
            let r = parseScript(source)
            _ = r.dump  // printing must not overflow either
            return r.codes
        }
        if name.hasPrefix("open") {
            // The missing closers may add an error at the end.
            #expect(codes.contains("E0120") && codes.count <= 2, "\(name): \(codes)")
        } else {
            #expect(codes == ["E0120"], "\(name): \(codes)")
        }
    }

    /// 254 levels fit on any thread: on a small stack the parser continues on a fresh one, and the
    /// result is the same as on a large stack.
    @Test func nestingJustBelowTheLimitIsAcceptedOnASmallStack() {
        let depth = ScriptParser.maxNestingDepth - 2
        let source = "const x = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
            + "\nconst y = " + String(repeating: "{a: [", count: depth / 2) + "1" + String(repeating: "]}", count: depth / 2)
        let small = onThread(stackSize: 512 * 1024) { () -> (String, [String]) in
            let r = parseScript(source)
            return (r.dump, r.codes)
        }
        let large = parseScript(source)
        #expect(small.1.isEmpty)
        #expect(small.0 == large.dump)
    }

    @Test func aFiftyThousandLineScript() {
        let block = """
            const count = signal(props.start)
            const doubled = computed(() => count() * 2)
            function increment() {
              count.set(count() + 1)
            }
            let label: string = `Count: ${count()}`
            if (count() > 10) {
              warn = true
            } else {
              warn = false
            }
            for (const item of items) {
              total += item.price
            }
            const style = { color: "red", size: 12 }
            effect(() => console.log(count()))
            """
        let source = Array(repeating: block, count: 50_000 / 16).joined(separator: "\n")
        let r = parseScript(source)
        #expect(r.diagnostics.isEmpty)
        #expect(r.statements.count == 3_125 * 8)
    }
}
