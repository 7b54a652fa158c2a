import OmniBase

/// The token cursor, diagnostics and recovery shared by `SchemaParser` and `RoutesParser`.
///
/// A class, not a struct: debug builds copy a struct `self` for every non-mutating call, and the
/// parse functions recurse. The lexer runs first over the whole block; a parser error starting at
/// the same offset as a lexer error or as the previous parser error is dropped (a follow-on).
/// Node IDs are taken as nodes are completed (children before parents), so they are deterministic.
final class RoutesParserCore {
    /// How deeply scopes, parentheses, brackets and unary operators may nest.
    static let maxNestingDepth = 128

    let file: SourceFile
    let range: Range<Int>
    var tokens: [RoutesToken]
    var pos = 0
    var ids: NodeIDGenerator
    /// The parser's diagnostics, in order of discovery.
    var diagnostics: [Diagnostic] = []
    var lastErrorStart: UInt32 = .max
    /// The lexer's diagnostics; a parser error at the same offset as one of them is a follow-on.
    let lexDiagnostics: [Diagnostic]
    let lexErrorStarts: Set<UInt32>
    var depth = 0
    var tooDeepReported = false
    /// Below this stack address the parse continues on a fresh thread (`ScriptStackGuard`).
    var stackLimit: UInt

    init(file: SourceFile, range: Range<Int>, ids: NodeIDGenerator) {
        self.file = file
        let end = max(0, min(range.upperBound, file.bytes.count))
        self.range = max(0, min(range.lowerBound, end))..<end
        let (tokens, lexed) = RoutesLexer.tokenize(file, range: self.range)
        self.tokens = tokens
        self.ids = ids
        self.stackLimit = ScriptStackGuard.limitForCurrentThread()
        self.lexDiagnostics = lexed
        self.lexErrorStarts = Set(lexed.map(\.span.start))
    }

    /// All diagnostics of the parse, lexer's and parser's, in source order.
    var finishedDiagnostics: [Diagnostic] {
        (lexDiagnostics.map { ($0, 0) } + diagnostics.map { ($0, 1) }).enumerated().sorted { a, b in
            let (da, ka) = a.element, (db, kb) = b.element
            if da.span.start != db.span.start { return da.span.start < db.span.start }
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element.0)
    }

    // MARK: - Cursor

    var current: RoutesToken { tokens[pos] }
    func peek(_ n: Int = 1) -> RoutesToken { tokens[min(pos + n, tokens.count - 1)] }
    var atEnd: Bool { current.kind == .eof }
    /// The end offset of the last consumed token (the block start before any).
    var prevEnd: Int { pos == 0 ? range.lowerBound : Int(tokens[pos - 1].span.end) }
    var prevEndPoint: Span { .point(file.id, prevEnd) }

    func text(_ t: RoutesToken) -> String { file.text(t.span) }
    func at(_ kind: RoutesToken.Kind) -> Bool { current.kind == kind }
    /// Whether the current token is the identifier `word`.
    func atWord(_ word: String) -> Bool { current.kind == .identifier && text(current) == word }

    @discardableResult
    func advance() -> RoutesToken {
        let t = tokens[pos]
        if t.kind != .eof { pos += 1 }
        return t
    }

    /// Consumes the current token if it has `kind`.
    func eat(_ kind: RoutesToken.Kind) -> RoutesToken? {
        at(kind) ? advance() : nil
    }

    func identifier(_ t: RoutesToken) -> Identifier { Identifier(text(t), span: t.span) }
    func span(_ start: Int) -> Span { Span(file: file.id, start..<max(start, prevEnd)) }
    func nextID() -> NodeID { ids.next() }

    // MARK: - Diagnostics

    func report(_ d: Diagnostic) {
        if d.span.start == lastErrorStart || lexErrorStarts.contains(d.span.start) { return }
        lastErrorStart = d.span.start
        diagnostics.append(d)
    }

    /// `expected X, found Y` at the current token.
    func expected(_ what: String, code: DiagnosticCode = "E0754", label: String? = nil) -> Diagnostic {
        let t = current
        let spanFound = t.kind == .eof ? prevEndPoint : t.span
        return .error(code, "expected \(what), found \(t.describe(in: file))", at: spanFound, label: label ?? "expected \(what)")
    }

    // MARK: - Nesting

    /// Enters one nesting level; false (reported once per parse) when it would exceed the limit.
    func enter(_ at: Span) -> Bool {
        if depth >= Self.maxNestingDepth {
            if !tooDeepReported {
                tooDeepReported = true
                report(Diagnostic.error("E0758", "nesting too deep", at: at,
                                        label: "more than \(Self.maxNestingDepth) levels deep here")
                    .note("scopes, parentheses, brackets and `!` may nest at most \(Self.maxNestingDepth) levels")
                    .helping("flatten the structure; the nested part is skipped"))
            }
            return false
        }
        depth += 1
        return true
    }

    func leave() { depth -= 1 }

    /// Runs `body` on a fresh, large stack when this thread's stack is nearly used up.
    func guarded<R>(_ body: () -> R) -> R {
        guard ScriptStackGuard.stackPointer() < stackLimit else { return body() }
        let saved = stackLimit
        defer { stackLimit = saved }
        return ScriptStackGuard.onFreshStack {
            self.stackLimit = ScriptStackGuard.limitForCurrentThread()
            return body()
        }
    }

    // MARK: - Recovery

    static func closer(of kind: RoutesToken.Kind) -> RoutesToken.Kind? {
        switch kind {
        case .lBrace: .rBrace
        case .lParen: .rParen
        case .lBracket: .rBracket
        default: nil
        }
    }

    static func isCloser(_ kind: RoutesToken.Kind) -> Bool { kind == .rBrace || kind == .rParen || kind == .rBracket }

    /// Skips one token, or a whole bracketed group when the token opens one (without recursion).
    func skipOne() {
        guard Self.closer(of: current.kind) != nil else { advance(); return }
        var stack: [RoutesToken.Kind] = []
        repeat {
            let t = advance()
            if let c = Self.closer(of: t.kind) {
                stack.append(c)
            } else if Self.isCloser(t.kind) {
                // Pop to the matching opener; an unmatched closer is skipped.
                if let i = stack.lastIndex(of: t.kind) { stack.removeSubrange(i...) }
            }
        } while !stack.isEmpty && !atEnd
    }

    /// Skips what is left of the current line (nothing when the current token starts a line).
    func skipRestOfLine(stopAt stops: Set<RoutesToken.Kind> = []) {
        if !current.newlineBefore { skipToLineEnd(stopAt: stops) }
    }

    /// Skips to the start of the next line, or to a closer of the enclosing construct, or a
    /// separator in `stops`, skipping bracketed groups whole.
    func skipToLineEnd(stopAt stops: Set<RoutesToken.Kind> = []) {
        let start = pos
        while !atEnd {
            if pos > start && current.newlineBefore { return }
            if Self.isCloser(current.kind) || stops.contains(current.kind) { return }
            skipOne()
        }
    }

    // MARK: - Suggestions

    /// The closest candidate (`EditDistance.bestMatch`: a swap of two neighbours counts once,
    /// so `gte` suggests `get`); nil when none is close.
    static func suggestion(for name: String, in candidates: some Sequence<String>) -> String? {
        EditDistance.bestMatch(for: name, in: candidates)
    }

    /// Adds `did you mean` help and a fix-it replacing `span` when a candidate is close.
    func withSuggestion(_ d: Diagnostic, for name: String, at span: Span, in candidates: some Sequence<String>,
                        quoted: (String) -> String = { "`\($0)`" }) -> Diagnostic {
        guard let s = Self.suggestion(for: name, in: candidates) else { return d }
        return d.helping("did you mean \(quoted(s))?").fixing(.replace(span, with: s, "replace with `\(s)`"))
    }

    // MARK: - Brace bodies

    /// Parses `{ member (sep member)* }` after the `{` was consumed: members are separated by
    /// line breaks, `,` or `;`. Stops without a `}` (reported with a label at `open`) at the end
    /// of the block or when `isOuterStart` says a line starts the next outer item.
    /// Returns the `}` span, nil when it is missing.
    func parseBody(open: Span, owner: String, memberName: String,
                   isOuterStart: (RoutesParserCore) -> Bool, member: (RoutesParserCore) -> Void) -> Span? {
        while true {
            while eat(.comma) != nil || eat(.semicolon) != nil {}
            if let close = eat(.rBrace) { return close.span }
            if atEnd || (current.newlineBefore && isOuterStart(self)) {
                reportUnclosed(open: open, owner: owner)
                return nil
            }
            if at(.rParen) || at(.rBracket) {
                report(Diagnostic.error("E0754", "unexpected `\(text(current))` in \(owner)", at: current.span,
                                        label: "this does not close anything").labeled(open, "\(owner) starts here"))
                advance()
                continue
            }
            let start = pos
            member(self)
            if pos == start { skipOne() }  // progress guard
            if at(.comma) || at(.semicolon) || at(.rBrace) || atEnd { continue }
            if current.newlineBefore { continue }
            reportStray(after: "this \(memberName)", separator: "`,` or a line break",
                        fix: .insert(",", at: prevEndPoint, "separate them with `,`"))
            skipToLineEnd(stopAt: [.comma, .semicolon])
        }
    }

    /// `expected } to close …` at the end of what was read, labelled at the opening brace. The
    /// fix-it puts the `}` on its own line, indented like the line of the `{`.
    func reportUnclosed(open: Span, owner: String) {
        let indent = indentation(ofLineAt: Int(open.start))
        let fix: FixIt = atEnd
            ? .insert("\n\(indent)}", at: prevEndPoint, "close \(owner)")
            : .insert("\(indent)}\n", at: .point(file.id, lineStart(Int(current.span.start))), "close \(owner)")
        report(Diagnostic.error("E0755", "expected `}` to close \(owner)", at: atEnd ? prevEndPoint : current.span.startPoint,
                                label: "expected `}` \(atEnd ? "before the end of the block" : "before this line")")
            .labeled(open, "this `{` is never closed")
            .fixing(fix))
    }

    /// The offset of the start of the line holding `offset`.
    func lineStart(_ offset: Int) -> Int {
        var i = min(offset, file.bytes.count)
        while i > 0, file.bytes[i - 1] != 0x0A { i -= 1 }
        return i
    }

    /// The spaces and tabs that start the line holding `offset`.
    func indentation(ofLineAt offset: Int) -> String {
        var i = lineStart(offset)
        var out = ""
        while i < file.bytes.count, file.bytes[i] == 0x20 || file.bytes[i] == 0x09 { out.unicodeScalars.append(Unicode.Scalar(file.bytes[i])); i += 1 }
        return out
    }

    /// A span to delete so that `span` disappears cleanly: its whole line when nothing else is
    /// on it, else the span with the spaces before it.
    func deletionSpan(_ span: Span) -> Span {
        let bytes = file.bytes
        var a = Int(span.start), b = Int(span.end)
        while a > 0, bytes[a - 1] == 0x20 || bytes[a - 1] == 0x09 { a -= 1 }
        var e = b
        while e < bytes.count, bytes[e] == 0x20 || bytes[e] == 0x09 || bytes[e] == 0x0D { e += 1 }
        if (a == 0 || bytes[a - 1] == 0x0A) && e < bytes.count && bytes[e] == 0x0A { b = e + 1 }
        return Span(file: file.id, a..<b)
    }

    /// Reports tokens left on the line after a complete item (E0759) and what separates items.
    func reportStray(after what: String, separator: String, fix: FixIt? = nil) {
        let start = Int(current.span.start)
        var end = Int(current.span.end)
        var i = pos
        while i < tokens.count, tokens[i].kind != .eof, i == pos || !tokens[i].newlineBefore,
              !Self.isCloser(tokens[i].kind), tokens[i].kind != .comma {
            end = Int(tokens[i].span.end)
            i += 1
        }
        var d = Diagnostic.error("E0759", "unexpected \(current.describe(in: file)) after \(what)", at: Span(file: file.id, start..<end),
                                 label: "expected \(separator) before this")
            .note("items are separated by \(separator)")
        if let fix { d = d.fixing(fix) }
        report(d)
    }

    /// Reports an unclosed `(` or `[` at the current token, labelled at the opener.
    func reportUnclosedDelimiter(open: Span, close: String, what: String) {
        // After an unterminated string the closer is inside the string: not a new error.
        if pos > 0, tokens[pos - 1].kind == .string, !tokens[pos - 1].terminated { return }
        let d = expected("`\(close)` to close \(what)", code: "E0755")
            .labeled(open, "this `\(file.text(open))` is never closed")
            .fixing(.insert(close, at: prevEndPoint, "insert `\(close)`"))
        report(d)
    }

    // MARK: - Literals

    /// A literal: number (optionally negative), string, `true`, `false`, `null` or a bare word.
    /// Returns nil (nothing consumed) when the current token cannot start one.
    func parseLiteral() -> Literal? {
        let start = Int(current.span.start)
        switch current.kind {
        case .minus where peek().kind == .integer || peek().kind == .float:
            advance()
            let n = advance()
            return Literal(id: nextID(), kind: number(n, negative: true), span: span(start))
        case .integer, .float:
            let n = advance()
            return Literal(id: nextID(), kind: number(n, negative: false), span: n.span)
        case .string:
            let s = advance()
            return Literal(id: nextID(), kind: .string(s.value ?? ""), span: s.span)
        case .identifier:
            let t = advance()
            let kind: LiteralKind = switch text(t) {
            case "true": .bool(true)
            case "false": .bool(false)
            case "null": .null
            case let word: .word(word)
            }
            return Literal(id: nextID(), kind: kind, span: t.span)
        default:
            return nil
        }
    }

    /// The value of a number token; an out-of-range integer is reported (E0753).
    func number(_ t: RoutesToken, negative: Bool) -> LiteralKind {
        let digits = text(t).filter { $0 != "_" }
        if t.kind == .float {
            return .float((Double(digits) ?? 0) * (negative ? -1 : 1))
        }
        if let v = Int64(negative ? "-" + digits : digits) { return .integer(v) }
        if digits.allSatisfy(\.isNumber) {
            report(Diagnostic.error("E0753", "integer `\(negative ? "-" : "")\(digits)` is too large", at: t.span,
                                    label: "does not fit in a 64-bit integer")
                .note("integers range from \(Int64.min) to \(Int64.max)"))
        }
        return .error
    }

    /// Whether the name is a valid type name for a declaration (starts upper-case).
    static func isTypeName(_ name: String) -> Bool { name.first.map { $0.isUppercase } ?? false }
}
