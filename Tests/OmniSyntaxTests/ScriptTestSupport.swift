import Foundation
import OmniBase
import OmniSyntax

// Helpers shared by the script lexer and parser tests.

/// The result of parsing a script source text as a whole `<script>` body.
struct ParsedScript {
    let file: SourceFile
    let statements: [Stmt]
    let diagnostics: [Diagnostic]

    /// The AST dump with spans.
    var dump: String {
        var p = TreePrinter(file: file)
        for s in statements { p.print(s) }
        return p.output
    }

    /// The AST dump without spans: the shape of the tree.
    var shape: String { stripSpans(dump) }

    var codes: [String] { diagnostics.map(\.code.rawValue) }

    /// The 1-based lines the diagnostics start on.
    var errorLines: [Int] { diagnostics.map { file.location(of: Int($0.span.start)).line } }

    /// One line per diagnostic: `E0111 2:1 message`.
    var report: String {
        diagnostics.map { d in
            let l = file.location(of: Int(d.span.start))
            return "\(d.code) \(l.line):\(l.column) \(d.message)"
        }.joined(separator: "\n")
    }
}

func parseScript(_ text: String) -> ParsedScript {
    let file = SourceFile(id: FileID(0), path: "Test.omni", text: text)
    var ids = NodeIDGenerator()
    var diagnostics = Diagnostics()
    let statements = ScriptParser.parseProgram(file, range: 0..<file.bytes.count, ids: &ids, diagnostics: &diagnostics)
    return ParsedScript(file: file, statements: statements, diagnostics: diagnostics.all)
}

/// Parses `text` with `parseExpression` and returns the dump (without spans) and the diagnostics.
func parseExpr(_ text: String, stopAtAs: Bool = false, stopAtComma: Bool = false) -> (shape: String, end: Int, codes: [String]) {
    let file = SourceFile(id: FileID(0), path: "Test.omni", text: text)
    var ids = NodeIDGenerator()
    var diagnostics = Diagnostics()
    let (expr, end) = ScriptParser.parseExpression(file, from: 0, limit: file.bytes.count, stopAtAs: stopAtAs,
                                                   stopAtComma: stopAtComma, ids: &ids, diagnostics: &diagnostics)
    var p = TreePrinter(file: file)
    p.print(expr)
    return (stripSpans(p.output), end, diagnostics.all.map(\.code.rawValue))
}

/// The shape of one expression written as a statement: `shapeOf("a + b")`.
func shapeOf(_ expression: String) -> String {
    let r = parseExpr(expression)
    return r.codes.isEmpty ? r.shape : "errors \(r.codes):\n" + r.shape
}

/// Parses a type annotation and returns its dump without spans, and the diagnostics.
func parseTypeText(_ text: String) -> (shape: String, codes: [String]) {
    let file = SourceFile(id: FileID(0), path: "Test.omni", text: text)
    var ids = NodeIDGenerator()
    var diagnostics = Diagnostics()
    let type = ScriptParser.parseType(file, range: 0..<file.bytes.count, ids: &ids, diagnostics: &diagnostics)
    var p = TreePrinter(file: file)
    p.print(type)
    return (stripSpans(p.output), diagnostics.all.map(\.code.rawValue))
}

/// Removes ` @line:col-line:col` from every line of a dump.
func stripSpans(_ dump: String) -> String {
    dump.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        guard let at = line.range(of: " @", options: .backwards) else { return String(line) }
        let tail = line[at.upperBound...]
        let isSpan = !tail.isEmpty && tail.allSatisfy { $0.isNumber || $0 == ":" || $0 == "-" }
        return isSpan ? String(line[..<at.lowerBound]) : String(line)
    }.joined(separator: "\n")
}

/// Joins lines with newlines and a trailing newline, for expected dumps.
func lines(_ l: String...) -> String { l.joined(separator: "\n") + "\n" }

/// Every span a diagnostic mentions: primary, labels, fix-it edits.
func allSpans(_ d: Diagnostic) -> [Span] {
    [d.span] + d.labels.map(\.span) + d.fixes.flatMap { $0.edits.map(\.span) }
}

/// Runs `body` on a thread with a `stackSize`-byte stack and waits for it.
func onThread<T: Sendable>(stackSize: Int, _ body: @escaping @Sendable () -> T) -> T {
    let box = ThreadResult<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
    return box.value!
}

/// Carries a result out of a thread (written before the semaphore is signalled).
final class ThreadResult<T>: @unchecked Sendable { var value: T? }

/// A small deterministic random number generator (SplitMix64) for the fuzz tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
