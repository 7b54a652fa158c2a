import OmniBase

/// Parses a Handlebars-style template (`templates/**/*.html`). Recovers at every tag and
/// reports every independent error; never traps and never recurses on the nesting of blocks
/// (an explicit stack of open blocks, bounded at `maxNestingDepth`).
///
/// Stages: `TemplateLexer` cuts the file into text runs and tags; `~` strips whitespace;
/// this loop builds the tree while `TemplateHTMLScanner` follows the HTML of the text runs.
/// One file per construct: `+Expressions`, `+Conditionals`, `+Each`, `+Partials`,
/// `+Component`, `+Layout`. Grammar: `Grammar/templates.ebnf`.
public struct TemplateParser {
    let file: SourceFile
    var ids = NodeIDGenerator()
    var diagnostics = Diagnostics()
    var html: TemplateHTMLScanner
    /// The open blocks, innermost last; `frames[0]` is the file.
    var frames: [TemplateFrame]
    let kind: TemplateKind
    var layout: TemplateLayout?
    var nestingReported = false
    /// The tokens of the tag being parsed and the index of the next one.
    var toks: [TemplateToken] = []
    var ti = 0
    /// The tag being parsed.
    var tag = TemplateTag(kind: .mustache, span: Span.point(FileID(0), 0), stripBefore: false, stripAfter: false,
                          tokens: [], contentEnd: 0, closed: true)

    /// The deepest nesting of blocks accepted.
    public static let maxNestingDepth = 200
    /// The deepest nesting of subexpressions accepted.
    public static let maxExpressionDepth = 64

    init(file: SourceFile) {
        self.file = file
        self.html = TemplateHTMLScanner(file: file)
        self.kind = TemplateKind.of(path: file.path)
        self.frames = [TemplateFrame(payload: .root, name: "", openTag: Span.point(file.id, 0), id: .none, condition: nil)]
    }

    /// Parses a whole template. Diagnostics come in source order.
    public static func parse(_ file: SourceFile) -> (TemplateFile, [Diagnostic]) {
        var parser = TemplateParser(file: file)
        var lexer = TemplateLexer(file: file)
        let pieces = Self.stripWhitespace(lexer.lex(), file: file)
        parser.html.literalBraces = lexer.literalBraces
        parser.validateUTF8()
        let items = parser.build(pieces)
        let all = lexer.diagnostics.all + parser.diagnostics.all + parser.html.diagnostics.all
        let ordered = all.enumerated().sorted {
            ($0.element.span.start, $0.element.span.end, $0.offset) < ($1.element.span.start, $1.element.span.end, $1.offset)
        }.map(\.element)
        let tree = TemplateFile(file: file.id, kind: parser.kind, layout: parser.layout, items: items,
                                span: Span(file: file.id, 0..<file.bytes.count))
        return (tree, ordered)
    }

    /// The token stream of a template for `omni dump --stage tokens`: text runs, comments,
    /// tag delimiters and the tokens inside tags (as `Script.<kind>`).
    public static func tokens(_ file: SourceFile) -> ([SyntaxToken], [Diagnostic]) {
        var lexer = TemplateLexer(file: file)
        lexer.recordTokens = true
        _ = lexer.lex()
        return (lexer.tokens, lexer.diagnostics.all)
    }

    // MARK: - whitespace control: "{{~" strips before a tag, "~}}" after it

    static func stripWhitespace(_ pieces: [TemplatePiece], file: SourceFile) -> [TemplatePiece] {
        var out = pieces
        func isSpace(_ i: Int) -> Bool { TemplateLexer.isSpace(file.bytes[i]) }
        for i in out.indices {
            guard case .tag(let t) = out[i] else { continue }
            if t.stripBefore, i > 0, case .text(let r) = out[i - 1] {
                var hi = r.upperBound
                while hi > r.lowerBound, isSpace(hi - 1) { hi -= 1 }
                out[i - 1] = .text(r.lowerBound..<hi)
            }
            if t.stripAfter, i + 1 < out.count, case .text(let r) = out[i + 1] {
                var lo = r.lowerBound
                while lo < r.upperBound, isSpace(lo) { lo += 1 }
                out[i + 1] = .text(lo..<r.upperBound)
            }
        }
        return out
    }

    /// Reports one error at the first invalid UTF-8 sequence, if any.
    mutating func validateUTF8() {
        var iterator = file.bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return
            case .error:
                diagnostics.add(Diagnostic(.error, "E0731", "this file is not valid UTF-8", at: span(offset, offset + 1),
                                           label: "invalid byte here")
                    .note("omni reads every source file as UTF-8; the invalid bytes are shown as `\u{FFFD}`")
                    .helping("re-save the file with UTF-8 encoding"))
                return
            }
        }
    }

    /// `s` without leading and trailing whitespace.
    static func trimmed(_ s: String) -> String {
        String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    func span(_ a: Int, _ b: Int) -> Span { Span(file: file.id, start: UInt32(clamping: a), end: UInt32(clamping: b)) }

    // MARK: - template := { text | tag }

    mutating func build(_ pieces: [TemplatePiece]) -> [TemplateItem] {
        var lastTextEnd = -1
        for piece in pieces {
            switch piece {
            case .text(let range):
                html.scan(range)
                if !range.isEmpty { appendText(range, joining: lastTextEnd >= 0 && range.lowerBound - lastTextEnd <= 1) }
                lastTextEnd = range.upperBound
            case .tag(let t):
                lastTextEnd = -1
                tag = t
                toks = t.tokens
                ti = 0
                parseTag()
            }
        }
        closeAllAtEnd()
        html.finish(at: file.bytes.count)
        return frames[0].items
    }

    /// Appends a text item; text split by `\{{` joins the text before it.
    mutating func appendText(_ range: Range<Int>, joining: Bool) {
        let text = file.text(range)
        if joining, let last = frames[frames.count - 1].items.last, case .text(let before) = last.kind {
            frames[frames.count - 1].items[frames[frames.count - 1].items.count - 1] =
                TemplateItem(id: last.id, kind: .text(before + text), span: last.span.merged(with: span(range.lowerBound, range.upperBound)))
            return
        }
        append(TemplateItem(id: ids.next(), kind: .text(text), span: span(range.lowerBound, range.upperBound)))
    }

    mutating func append(_ item: TemplateItem) {
        frames[frames.count - 1].items.append(item)
    }

    // MARK: - tag := comment | raw-output | block-open | else | block-close | partial | yield | output

    mutating func parseTag() {
        switch tag.kind {
        case .comment(let range):
            parseComment(range)
        case .raw:
            parseOutput(raw: true)
        case .mustache:
            guard let first = toks.first else {
                if tag.closed {
                    diagnostics.add(Diagnostic(.error, "E0704", "empty tag `\(file.text(tag.span))`", at: tag.span,
                                               label: "nothing between the braces")
                        .helping("put an expression between the braces, or remove them"))
                }
                return
            }
            switch first.kind {
            case .hash: parseBlockOpen()
            case .slash: parseBlockClose()
            case .greater: parsePartial()
            case .caret:
                diagnostics.add(Diagnostic(.error, "E0730", "inverted sections `{{^…}}` are not supported", at: tag.span,
                                           label: "Mustache syntax")
                    .helping("write `{{#unless cond}} … {{/unless}}`, or `{{else}}` inside a block"))
            case .ampersand:
                let inner = Self.trimmed(file.text(Int(first.span.end)..<tag.contentEnd))
                diagnostics.add(Diagnostic(.error, "E0730", "`{{& …}}` is not supported", at: tag.span, label: "Mustache syntax")
                    .helping("write a raw output with three braces: `{{{\(inner)}}}`")
                    .fixing(.replace(tag.span, with: "{{{\(inner)}}}", "use `{{{\(inner)}}}`")))
            case .identifier where first.text == "else":
                parseElse()
            case .identifier where first.text == "yield" && toks.count == 1:
                parseYield(raw: false)
            default:
                parseOutput(raw: false)
            }
        }
    }

    /// output := "{{" output-expression "}}" ; raw-output := "{{{" output-expression "}}}"
    mutating func parseOutput(raw: Bool) {
        if raw, toks.count == 1, toks[0].kind == .identifier, toks[0].text == "yield" {
            parseYield(raw: true)
            return
        }
        if raw, let first = toks.first, [.hash, .slash, .greater].contains(first.kind) || (first.kind == .identifier && first.text == "else") {
            diagnostics.add(Diagnostic(.error, "E0704", "`\(first.text)` cannot start a raw output `{{{…}}}`", at: first.span,
                                       label: "blocks, partials and `else` use two braces")
                .helping("write `{{\(file.text(Int(first.span.start)..<tag.contentEnd))}}`"))
            return
        }
        if raw, toks.isEmpty {
            if tag.closed {
                diagnostics.add(Diagnostic(.error, "E0704", "empty tag `\(file.text(tag.span))`", at: tag.span, label: "nothing between the braces"))
            }
            return
        }
        let context = html.context
        let expr = parseOutputExpression()
        expectEnd(what: raw ? "`}}}`" : "`}}`")
        let output = TemplateOutput(expression: expr, context: context)
        append(TemplateItem(id: ids.next(), kind: raw ? .rawOutput(output) : .output(output), span: tag.span))
        html.noteOutput()
    }

    /// Reports the tokens left in a tag after what it should hold.
    mutating func expectEnd(what: String) {
        guard ti < toks.count else { return }
        let extra = toks[ti]
        let rest = span(Int(extra.span.start), Int(toks[toks.count - 1].span.end))
        diagnostics.add(Diagnostic(.error, "E0704", "unexpected \(describe(extra)) in this tag", at: rest,
                                   label: "expected \(what) here")
            .labeled(span(Int(tag.span.start), Int(tag.span.start) + 2), "the tag opens here"))
        ti = toks.count
    }

    func describe(_ t: TemplateToken) -> String {
        switch t.kind {
        case .string: "string \(TreePrinter.quote(t.text))"
        case .number: "number `\(t.text)`"
        default: "`\(t.text)`"
        }
    }

    /// The block that the innermost frame stands for, as written: `{{#if}}`.
    func written(_ frame: TemplateFrame) -> String { "{{#\(frame.name)}}" }

    /// True when some open block is an `{{#each}}` (for `@index` and friends).
    var insideEach: Bool {
        frames.contains { if case .each = $0.payload { true } else { false } }
    }

    /// Reports a construct that must stand where an element can (`{{> …}}`, `{{#component}}`, `{{yield}}`).
    mutating func requireTextContext(_ what: String) {
        let context = html.context
        guard context != .text else { return }
        let place = switch context {
        case .attribute(let n): "inside the value of the attribute `\(n)`"
        case .tag: "inside an HTML tag"
        case .rawText(let n): "inside `<\(n)>`"
        case .comment: "inside an HTML comment"
        case .text: ""
        }
        diagnostics.add(Diagnostic(.error, "E0732", "\(what) cannot appear \(place)", at: tag.span, label: "this renders HTML elements")
            .helping("move it between elements, where an element could stand"))
    }
}

/// One open block while the tree is built.
struct TemplateFrame {
    enum Payload {
        case root
        case conditional(unless: Bool)
        case each(TemplateEachHeader)
        case component(name: Identifier, arguments: [TemplateHashArgument])
        /// An unknown block (reported): its children are kept in place.
        case unknown
        /// A block past the nesting limit (reported once): its children are dropped.
        case tooDeep
    }
    var payload: Payload
    /// The block name as written: `if`, `each`, `fro`.
    var name: String
    var openTag: Span
    var id: NodeID
    /// The items of the branch being parsed.
    var items: [TemplateItem] = []
    /// The condition and tag of the `{{#if}}`/`{{else if}}` branch being parsed.
    var condition: TemplateExpr?
    var branchTag: Span
    var branches: [TemplateBranch] = []
    /// The items before `{{else}}` in an `{{#each}}`.
    var mainItems: [TemplateItem] = []
    var elseTag: Span?
    /// Whether the block opened an HTML scope (`TemplateHTMLScanner.enterScope`).
    var hasScope = false

    init(payload: Payload, name: String, openTag: Span, id: NodeID, condition: TemplateExpr?) {
        self.payload = payload; self.name = name; self.openTag = openTag; self.id = id
        self.condition = condition; self.branchTag = openTag
    }
}

/// The parsed header of `{{#each iterable as |item index|}}`.
struct TemplateEachHeader {
    var iterable: TemplateExpr
    var item: Identifier
    var itemID: NodeID
    var index: Identifier?
    var indexID: NodeID?
}
