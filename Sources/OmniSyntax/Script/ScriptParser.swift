import OmniBase

/// The recovering parser of the script language: `<script>` bodies, `{expr}` interpolations and
/// `type="…"` annotations of `.omni` components.
///
/// The parser is syntax only. It never stops at the first error: it reports what it expected and
/// what it found (codes `E0110`–`E0129`, see `ScriptExplanations`), puts an `.error` node where
/// it could not read something, and resynchronises at list separators, closing delimiters and
/// statement boundaries. Nesting deeper than `maxNestingDepth` is reported once and skipped, so
/// hostile input can neither overflow the stack nor take quadratic time.
///
/// Node IDs are taken from the caller's generator as nodes are completed (children before their
/// parent), so they follow source order within each construct and are deterministic.
public enum ScriptParser {
    /// How deeply constructs may nest (parentheses, brackets, blocks, unary chains, types, …).
    public static let maxNestingDepth = 256

    /// Parses the statements of a `<script>` body: the bytes `range` of `file`.
    public static func parseProgram(_ file: SourceFile, range: Range<Int>, ids: inout NodeIDGenerator,
                                    diagnostics: inout Diagnostics) -> [Stmt] {
        let p = Engine(file: file, range: range, mode: .program, ids: ids)
        let statements = p.parseProgramBody()
        ids = p.ids
        p.finish(into: &diagnostics, upTo: nil)
        return statements
    }

    /// Parses one expression beginning at `start` (leading whitespace/comments allowed), never reading at or past `limit`.
    /// Stops before the first token that cannot continue the expression at nesting depth 0 — in particular an
    /// unmatched `}`, `)` or `]`, or the end — and returns the byte offset where it stopped (after the expression's
    /// last token, before any trailing whitespace; the start of the first token when nothing could be read).
    /// With `stopAtAs`, the `as` keyword ends the expression instead of being a type assertion (used by
    /// `{#each xs as x}`). With `stopAtComma`, a depth-0 `,` ends it; otherwise `a, b` is read as a sequence and
    /// reported, since comma sequences need parentheses.
    public static func parseExpression(_ file: SourceFile, from start: Int, limit: Int, stopAtAs: Bool = false, stopAtComma: Bool = false,
                                       ids: inout NodeIDGenerator, diagnostics: inout Diagnostics) -> (expr: Expr, end: Int) {
        let p = Engine(file: file, range: start..<max(start, limit), mode: .expression(stopAtAs: stopAtAs, stopAtComma: stopAtComma), ids: ids)
        let expr = p.parseTopLevelExpression()
        let end = p.consumedAny ? p.prevEnd : Int(p.current.span.start)
        ids = p.ids
        p.finish(into: &diagnostics, upTo: end)
        return (expr, end)
    }

    /// Parses a type annotation written in an attribute, e.g. the `number[]` of `type="number[]"` (range = inside the quotes).
    public static func parseType(_ file: SourceFile, range: Range<Int>, ids: inout NodeIDGenerator,
                                 diagnostics: inout Diagnostics) -> TypeExpr {
        let p = Engine(file: file, range: range, mode: .type, ids: ids)
        let type = p.parseTopLevelType()
        ids = p.ids
        p.finish(into: &diagnostics, upTo: nil)
        return type
    }
}

extension ScriptParser {
    /// The diagnostics of one parse, with the follow-on filter.
    final class DiagnosticSink {
        var diagnostics: [Diagnostic] = []
        var lastErrorStart: UInt32 = .max

        func add(_ d: Diagnostic) {
            if d.span.start == lastErrorStart { return }
            lastErrorStart = d.span.start
            diagnostics.append(d)
        }
    }

    /// The parser's state. One engine parses one region; the public entry points wrap it.
    /// A class, not a struct: debug builds copy a struct `self` for every non-mutating call.
    final class Engine {
        enum Mode: Equatable {
            case program
            case expression(stopAtAs: Bool, stopAtComma: Bool)
            case type
        }

        let file: SourceFile
        let mode: Mode
        var lexer: ScriptLexer

        // Token buffer, filled lazily so a `{expr}` never lexes the markup after it.
        var tokens: [ScriptToken] = []
        /// Per token: the index of the closer matching this opener; -1 not yet known; -2 never closed.
        var match: [Int32] = []
        /// Indices of the brackets still open at the end of the buffer.
        var openers: [Int] = []
        /// How many of `openers` are `{` or `${`.
        var openBraces = 0
        var lexedAll = false
        var eofToken: ScriptToken

        // Cursor.
        var pos = 0
        /// What is left of a `>>`-like token after the type parser took one `>` from it.
        var split: ScriptToken?
        /// End offset of the last consumed token.
        var prevEnd: Int
        var consumedAny = false

        var ids: NodeIDGenerator
        /// Collected diagnostics. A reference, so `report` is non-mutating and can take an autoclosure.
        let sink = DiagnosticSink()
        var depth = 0
        /// Set once a too-deep error was reported, until the outermost construct ends.
        var tooDeepReported = false
        /// Below this stack address the parse moves to a fresh thread (`ScriptStackGuard`).
        var stackLimit: UInt
        /// How many brackets (of any kind, and template substitutions) enclose the cursor.
        var brackets = 0
        var functionDepth = 0
        var loopDepth = 0

        init(file: SourceFile, range: Range<Int>, mode: Mode, ids: NodeIDGenerator) {
            self.file = file
            self.mode = mode
            self.lexer = ScriptLexer(file: file, range: range)
            self.ids = ids
            let end = max(0, min(range.upperBound, file.bytes.count))
            self.prevEnd = max(0, min(range.lowerBound, end))
            self.eofToken = ScriptToken(kind: .eof, span: .point(file.id, end))
            self.current = eofToken
            self.stackLimit = ScriptStackGuard.limitForCurrentThread()
            fill(0)
            syncCurrent()
        }

        var stopAtAs: Bool { if case .expression(let s, _) = mode { s } else { false } }
        var stopAtComma: Bool { if case .expression(_, let s) = mode { s } else { false } }

        /// Appends the diagnostics (lexer's and parser's, in source order) to `out`. With `upTo`, lexer
        /// diagnostics at or after that offset are dropped: they belong to text after the expression.
        func finish(into out: inout Diagnostics, upTo end: Int?) {
            var all = sink.diagnostics
            for d in lexer.diagnostics.all where end.map({ Int(d.span.start) < $0 }) ?? true { all.append(d) }
            all = all.enumerated().sorted { a, b in
                a.element.span.start != b.element.span.start ? a.element.span.start < b.element.span.start : a.offset < b.offset
            }.map(\.element)
            out.append(contentsOf: all)
        }

        // MARK: - Token buffer

        /// Lexes one more token into the buffer and keeps bracket matching up to date.
        func lexOne() {
            guard !lexedAll else { return }
            let t = lexer.next()
            let index = tokens.count
            tokens.append(t)
            match.append(-1)
            switch t.kind {
            case .eof:
                lexedAll = true
                eofToken = t
            case .punct(.lParen), .punct(.lBracket):
                openers.append(index)
            case .punct(.lBrace), .templateHead:
                openers.append(index)
                openBraces += 1
            case .punct(.rParen), .punct(.rBracket):
                // A mismatched `)` or `]` is ignored here; the parser reports it where it stands.
                if let top = openers.last, tokens[top].kind.punct?.closer == t.kind.punct {
                    openers.removeLast()
                    match[top] = Int32(index)
                }
            case .punct(.rBrace), .templateMiddle, .templateTail:
                if openBraces > 0 {
                    closeBrace(at: index)
                } else if t.kind == .punct(.rBrace), case .expression = mode {
                    // The `}` that ends the `{expr}`: nothing after it is script.
                    lexedAll = true
                    eofToken = ScriptToken(kind: .eof, span: .point(file.id, Int(t.span.start)))
                }
                if case .templateMiddle = t.kind {
                    openers.append(index)
                    openBraces += 1
                }
            default:
                break
            }
        }

        /// A `}` closes the nearest open `{`; the brackets left open inside it are never closed.
        func closeBrace(at index: Int) {
            while let top = openers.popLast() {
                switch tokens[top].kind {
                case .punct(.lBrace), .templateHead, .templateMiddle:
                    openBraces -= 1
                    match[top] = Int32(index)
                    return
                default:
                    match[top] = -2
                }
            }
        }

        /// Lexes until buffer index `i` exists (or the input ends).
        func fill(_ i: Int) {
            while i >= tokens.count, !lexedAll { lexOne() }
        }

        /// The token at buffer index `i`, lexing as needed; the end token past the end.
        func token(at i: Int) -> ScriptToken {
            fill(i)
            return i < tokens.count ? tokens[i] : eofToken
        }

        /// The index of the closer matching the opener at index `i`, or nil when it is never closed.
        func closerIndex(of i: Int) -> Int? {
            guard i < match.count else { return nil }
            while true {
                let m = match[i]
                if m >= 0 { return Int(m) }
                if m == -2 || lexedAll { return nil }
                lexOne()
            }
        }

        // MARK: - Cursor

        /// The token at the cursor (a split remainder, or `tokens[pos]`, or the end token). Stored,
        /// not computed: it is read several times per token.
        var current: ScriptToken

        /// The punctuator or keyword of `current`, cached: `at` is asked many times per token, and
        /// comparing these needs no copy of a token (whose payload may be a string).
        var currentPunct: ScriptPunctuator?
        var currentKeyword: ScriptKeyword?

        /// Recomputes `current` after the cursor moved.
        func syncCurrent() {
            if let split {
                current = split
            } else {
                current = pos < tokens.count ? tokens[pos] : eofToken
            }
            switch current.kind {
            case .punct(let p):
                currentPunct = p
                currentKeyword = nil
            case .keyword(let k):
                currentPunct = nil
                currentKeyword = k
            default:
                currentPunct = nil
                currentKeyword = nil
            }
        }

        func peek(_ n: Int = 1) -> ScriptToken { token(at: pos + n) }

        /// A number that grows whenever the cursor moves, for progress checks.
        var progressKey: Int { pos &* 2 &+ (split == nil ? 0 : 1) }

        var atEOF: Bool { current.kind == .eof }

        func at(_ p: ScriptPunctuator) -> Bool { currentPunct == p }

        func at(_ k: ScriptKeyword) -> Bool { currentKeyword == k }

        /// Moves the cursor to buffer index `i` (lexing up to it).
        func move(to i: Int) {
            split = nil
            pos = i
            fill(i)
            syncCurrent()
        }

        /// Consumes the current token (never the end token) and returns it.
        @discardableResult
        func advance() -> ScriptToken {
            let t = current
            guard t.kind != .eof else { return t }
            prevEnd = Int(t.span.end)
            consumedAny = true
            split = nil
            pos += 1
            fill(pos)
            syncCurrent()
            return t
        }

        func eat(_ p: ScriptPunctuator) -> Bool {
            guard at(p) else { return false }
            advance()
            return true
        }

        func eat(_ k: ScriptKeyword) -> Bool {
            guard at(k) else { return false }
            advance()
            return true
        }

        /// Every parser loop ends its iteration here: if the iteration consumed nothing, the current
        /// token (which nothing could use, and which was reported) is skipped so the loop cannot spin.
        /// Returns false at the end of input.
        func ensureProgress(since key: Int) -> Bool {
            if progressKey != key { return true }
            if atEOF { return false }
            advance()
            return true
        }

        // MARK: - Speculation

        struct Snapshot {
            var pos: Int
            var split: ScriptToken?
            var prevEnd: Int
            var consumedAny: Bool
            var ids: NodeIDGenerator
            var diagnosticCount: Int
            var lastErrorStart: UInt32
            var depth: Int
            var tooDeepReported: Bool
        }

        func snapshot() -> Snapshot {
            Snapshot(pos: pos, split: split, prevEnd: prevEnd, consumedAny: consumedAny, ids: ids,
                     diagnosticCount: sink.diagnostics.count, lastErrorStart: sink.lastErrorStart, depth: depth,
                     tooDeepReported: tooDeepReported)
        }

        func restore(_ s: Snapshot) {
            pos = s.pos
            split = s.split
            syncCurrent()
            prevEnd = s.prevEnd
            consumedAny = s.consumedAny
            ids = s.ids
            sink.diagnostics.removeSubrange(min(s.diagnosticCount, sink.diagnostics.count)...)
            sink.lastErrorStart = s.lastErrorStart
            depth = s.depth
            tooDeepReported = s.tooDeepReported
        }

        // MARK: - Spans and nodes

        func span(_ a: Int, _ b: Int) -> Span {
            Span(file: file.id, start: UInt32(truncatingIfNeeded: a), end: UInt32(truncatingIfNeeded: max(a, b)))
        }
        func point(_ a: Int) -> Span { span(a, a) }
        /// From `start` to the end of the last consumed token.
        func span(from start: Int) -> Span { span(start, prevEnd) }

        func expr(_ kind: ExprKind, _ span: Span) -> Expr { Expr(id: ids.next(), kind: kind, span: span) }
        func stmt(_ kind: StmtKind, _ span: Span) -> Stmt { Stmt(id: ids.next(), kind: kind, span: span) }
        func type(_ kind: TypeExprKind, _ span: Span) -> TypeExpr { TypeExpr(id: ids.next(), kind: kind, span: span) }

        // MARK: - Diagnostics

        /// Records an error unless one was already reported at the same place (a follow-on error).
        /// The diagnostic is an autoclosure so that building it takes no room in the caller's stack
        /// frame: the parsing functions recurse, and debug builds give every temporary its own slot.
        func report(_ d: @autoclosure () -> Diagnostic) {
            sink.add(d())
        }

        /// How a token reads in a message: `` `)` ``, `` `count` ``, `end of script`.
        func describe(_ t: ScriptToken) -> String {
            switch t.kind {
            case .eof:
                switch mode {
                case .program: return "end of script"
                case .expression: return Int(t.span.start) < lexer.end ? "`}`" : "end of input"
                case .type: return "end of type"
                }
            case .invalid: return "an invalid character"
            case .keyword(let k): return "keyword `\(k.rawValue)`"
            case .string, .template, .templateHead, .templateMiddle, .templateTail, .number:
                let text = file.text(t.span)
                let short = text.unicodeScalars.count > 24 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(21))) + "..." : text
                return "`\(short)`"
            default:
                return "`\(file.text(t.span))`"
            }
        }

        /// The span an error about token `t` points at (an empty span at the end for the end token).
        func errorSpan(_ t: ScriptToken) -> Span { t.kind == .eof ? point(Int(t.span.start)) : t.span }

        // MARK: - Nesting

        /// Enters one level of nesting. Past `maxNestingDepth` reports (once), skips the construct and returns false.
        func enter(_ what: String) -> Bool {
            guard depth < ScriptParser.maxNestingDepth, !stackIsLow else {
                tooDeep(what)
                return false
            }
            depth += 1
            return true
        }

        func leave() {
            depth -= 1
            if depth == 0 { tooDeepReported = false }
        }

        /// Reports nesting past the limit (once per outermost construct) and skips the construct.
        func tooDeep(_ what: String) {
            if !tooDeepReported {
                tooDeepReported = true
                report(Diagnostic(.error, "E0120", "\(what) nested too deeply (more than \(ScriptParser.maxNestingDepth) levels)",
                                  at: errorSpan(current), label: "the parser skips this part",
                                  notes: ["brackets, blocks, prefix operators and each link of an operator, call or member chain count as levels"],
                                  help: ["split it into smaller pieces, for example with intermediate `const` declarations"]))
            }
            if what == "type" { skipTypeConstruct() } else { skipConstruct() }
        }
    }
}
