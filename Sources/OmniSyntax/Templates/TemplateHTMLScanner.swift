import OmniBase

/// Follows the HTML of a template's text runs, just enough to tell where each mustache sits
/// (`TemplateHTMLContext`) and to report badly nested elements (E0720–E0725) and stray `}}`
/// (E0701). Resumable: text runs arrive one by one, separated by mustache tags.
///
/// Elements nest within block branches: each branch of `{{#if}}`, `{{#unless}}` and
/// `{{#each}}` is a scope whose elements must close inside it, and a branch must end in the
/// same HTML position (text, tag, attribute value, comment) it began in.
struct TemplateHTMLScanner {
    /// Where in the HTML the scanner is.
    enum Mode: Equatable {
        case data
        /// Inside an opening tag `<name …`, before its `>`.
        case tag(Tag)
        /// Inside `</name …`, before its `>`.
        case closingTag(name: String, start: Int)
        /// Inside `<!-- … -->`.
        case comment(start: Int)
        /// Inside `<!DOCTYPE …>` or `<? … >`.
        case declaration(start: Int)
        /// Inside `<script>` or `<style>`, whose text is not markup.
        case rawText(name: String, start: Int)
    }

    struct Tag: Equatable {
        var name: String
        var nameSpan: Span
        var start: Int
        var phase: Phase
        /// A `/` was the last thing before `>`.
        var selfClosing = false
    }

    enum Phase: Equatable {
        case betweenAttributes
        case attributeName(String)
        case afterAttributeName(String)
        case beforeValue(String)
        case quoted(String, quote: UInt8)
        case unquoted(String)
    }

    struct OpenElement {
        var name: String
        var tag: Span
        /// A closing tag inside a block already tried to close it (E0723): not reported again.
        var reported = false
    }

    /// A block branch: its elements sit above `floor` on the stack.
    struct Scope {
        var floor: Int
        var mode: Mode
        var tag: Span
        var block: String
    }

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    static let rawTextElements: Set<String> = ["script", "style"]

    let file: SourceFile
    let bytes: [UInt8]
    var mode: Mode = .data
    var stack: [OpenElement] = []
    var scopes: [Scope] = []
    var diagnostics = Diagnostics()
    /// `}}` that are literal text (the end of an escaped `\{{…}}`).
    var literalBraces: Set<Int> = []

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }
    func span(_ a: Int, _ b: Int) -> Span { Span(file: file.id, start: UInt32(clamping: a), end: UInt32(clamping: b)) }
    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
    static func isSpace(_ b: UInt8) -> Bool { TemplateLexer.isSpace(b) }
    static func isLetter(_ b: UInt8) -> Bool { b | 0x20 >= 97 && b | 0x20 <= 122 }
    static func isNameChar(_ b: UInt8) -> Bool { isLetter(b) || (b >= 48 && b <= 57) || b == 45 || b == 58 || b == 95 || b == 46 || b >= 0x80 }
    static func isAttributeNameChar(_ b: UInt8) -> Bool {
        !(isSpace(b) || b == 0x22 || b == 0x27 || b == 0x3E || b == 0x2F || b == 0x3D || b == 0x3C || b == 0)
    }

    // MARK: - context

    /// The context of a mustache at the current position.
    var context: TemplateHTMLContext {
        switch mode {
        case .data: .text
        case .tag(let tag):
            switch tag.phase {
            case .beforeValue(let n), .quoted(let n, _), .unquoted(let n): .attribute(n)
            default: .tag
            }
        case .closingTag, .declaration: .tag
        case .comment: .comment
        case .rawText(let name, _): .rawText(name)
        }
    }

    /// A mustache was output here: `href={{url}}` makes the rest of the value unquoted.
    mutating func noteOutput() {
        if case .tag(var tag) = mode, case .beforeValue(let n) = tag.phase {
            tag.phase = .unquoted(n)
            mode = .tag(tag)
        }
    }

    // MARK: - text

    /// Scans one text run.
    mutating func scan(_ range: Range<Int>) {
        var i = range.lowerBound
        let end = min(range.upperBound, bytes.count)
        while i < end {
            let b = bytes[i]
            switch mode {
            case .data:
                if b == 0x3C {
                    i = openMarkup(at: i, end: end)
                    continue
                }
                if b == 0x7D, byte(i + 1) == 0x7D, i + 1 < end, !literalBraces.contains(i) {
                    var j = i + 2
                    while j < end, bytes[j] == 0x7D { j += 1 }
                    diagnostics.add(Diagnostic(.error, "E0701", "unexpected `\(file.text(i..<j))` in text", at: span(i, j),
                                               label: "no `{{` is open here")
                        .helping("remove it, or write `&#125;&#125;` to show braces")
                        .fixing(.replace(span(i, j), with: "", "remove it")))
                    i = j
                    continue
                }
            case .tag(var tag):
                i = scanTag(&tag, at: i, end: end)
                continue
            case .closingTag(let name, let start):
                if b == 0x3E {
                    mode = .data
                    close(name: name, span: span(start, i + 1))
                }
            case .comment:
                if b == 0x2D, byte(i + 1) == 0x2D, byte(i + 2) == 0x3E {
                    mode = .data
                    i += 3
                    continue
                }
            case .declaration:
                if b == 0x3E { mode = .data }
            case .rawText(let name, _):
                if b == 0x3C, byte(i + 1) == 0x2F, matchesName(name, at: i + 2) {
                    let after = byte(i + 2 + name.utf8.count)
                    if Self.isSpace(after) || after == 0x3E || after == 0x2F || i + 2 + name.utf8.count >= bytes.count {
                        mode = .closingTag(name: name, start: i)
                        i += 2 + name.utf8.count
                        continue
                    }
                }
            }
            i += 1
        }
    }

    func matchesName(_ name: String, at i: Int) -> Bool {
        var k = i
        for u in name.utf8 {
            if Self.lower(byte(k)) != u { return false }
            k += 1
        }
        return true
    }

    /// At `<` in text: starts a tag, closing tag, comment or declaration; returns where to go on.
    mutating func openMarkup(at i: Int, end: Int) -> Int {
        let n = byte(i + 1)
        if n == 0x21, byte(i + 2) == 0x2D, byte(i + 3) == 0x2D {
            mode = .comment(start: i)
            return i + 4
        }
        if n == 0x21 || n == 0x3F {
            mode = .declaration(start: i)
            return i + 2
        }
        if n == 0x2F, Self.isLetter(byte(i + 2)) {
            var j = i + 2
            while j < end, Self.isNameChar(bytes[j]) { j += 1 }
            mode = .closingTag(name: file.text(i + 2..<j).lowercased(), start: i)
            return j
        }
        if Self.isLetter(n) {
            var j = i + 1
            while j < end, Self.isNameChar(bytes[j]) { j += 1 }
            mode = .tag(Tag(name: file.text(i + 1..<j).lowercased(), nameSpan: span(i + 1, j), start: i, phase: .betweenAttributes))
            return j
        }
        return i + 1  // a lone `<` is text
    }

    /// Scans inside an opening tag; returns where to go on.
    mutating func scanTag(_ tag: inout Tag, at start: Int, end: Int) -> Int {
        var i = start
        defer { if case .tag = mode { mode = .tag(tag) } }
        while i < end {
            let b = bytes[i]
            switch tag.phase {
            case .quoted(let n, let q):
                if b == q { tag.phase = .betweenAttributes }
                i += 1
                _ = n
                continue
            case .unquoted:
                if Self.isSpace(b) { tag.phase = .betweenAttributes; i += 1; continue }
                if b == 0x3E { finishTag(tag, at: i); return i + 1 }
                i += 1
                continue
            case .beforeValue(let n):
                if Self.isSpace(b) { i += 1; continue }
                if b == 0x22 || b == 0x27 { tag.phase = .quoted(n, quote: b); i += 1; continue }
                if b == 0x3E { finishTag(tag, at: i); return i + 1 }
                tag.phase = .unquoted(n)
                i += 1
                continue
            case .attributeName(let n):
                if Self.isAttributeNameChar(b) { tag.phase = .attributeName(n + String(UnicodeScalar(b))); i += 1; continue }
                tag.phase = .afterAttributeName(n.lowercased())
                continue
            case .afterAttributeName(let n):
                if Self.isSpace(b) { i += 1; continue }
                if b == 0x3D { tag.phase = .beforeValue(n); i += 1; continue }
                tag.phase = .betweenAttributes
                continue
            case .betweenAttributes:
                if Self.isSpace(b) { i += 1; continue }
                if b == 0x3E { finishTag(tag, at: i); return i + 1 }
                if b == 0x2F { tag.selfClosing = byte(i + 1) == 0x3E; i += 1; continue }
                tag.selfClosing = false
                if b == 0x3D || b == 0x22 || b == 0x27 || b == 0x3C {
                    i += 1  // stray characters: browsers skip them too
                    continue
                }
                var j = i
                while j < end, Self.isAttributeNameChar(bytes[j]) { j += 1 }
                tag.phase = .attributeName(file.text(i..<j))
                i = j
                continue
            }
        }
        return i
    }

    /// At the `>` of an opening tag: pushes the element unless it is void or self-closing.
    mutating func finishTag(_ tag: Tag, at i: Int) {
        mode = .data
        if tag.selfClosing || Self.voidElements.contains(tag.name) { return }
        stack.append(OpenElement(name: tag.name, tag: span(tag.start, i + 1)))
        if Self.rawTextElements.contains(tag.name) { mode = .rawText(name: tag.name, start: tag.start) }
    }

    // MARK: - closing tags

    var floor: Int { scopes.last?.floor ?? 0 }

    mutating func close(name: String, span closing: Span) {
        if Self.voidElements.contains(name) {
            diagnostics.add(Diagnostic(.error, "E0721", "`<\(name)>` is a void element and has no closing tag", at: closing,
                                       label: "remove this `</\(name)>`")
                .fixing(.replace(closing, with: "", "remove `</\(name)>`")))
            return
        }
        if let idx = stack.indices.last(where: { $0 >= floor && stack[$0].name == name }) {
            if idx < stack.count - 1 {
                let inner = stack[stack.count - 1]
                var d = Diagnostic(.error, "E0720", "mismatched closing tag: expected `</\(inner.name)>`, found `</\(name)>`", at: closing,
                                   label: "this closes `<\(name)>`, but `<\(inner.name)>` is still open")
                    .labeled(inner.tag, "`<\(inner.name)>` opened here")
                for other in stack[(idx + 1)..<(stack.count - 1)].reversed().prefix(2) {
                    d = d.labeled(other.tag, "`<\(other.name)>` is still open too")
                }
                let closers = stack[(idx + 1)...].reversed().map { "</\($0.name)>" }.joined()
                diagnostics.add(d.helping("close `<\(inner.name)>` first with `</\(inner.name)>`")
                    .fixing(.insert(closers, at: closing.startPoint, "insert `\(closers)`")))
            }
            stack.removeSubrange(idx...)
            return
        }
        if let outerIndex = stack[..<min(floor, stack.count)].lastIndex(where: { $0.name == name }), let scope = scopes.last {
            let outer = stack[outerIndex]
            stack[outerIndex].reported = true
            diagnostics.add(Diagnostic(.error, "E0723", "`</\(name)>` closes a `<\(name)>` opened outside this `{{#\(scope.block)}}` block",
                                       at: closing, label: "closed inside the block")
                .labeled(outer.tag, "`<\(name)>` opened outside the block")
                .labeled(scope.tag, "the block starts here")
                .note("an element opened outside a block closes outside it, so that every branch produces well-formed HTML")
                .helping("move `</\(name)>` after the block's closing tag, or open and close the element in each branch"))
            return
        }
        var d = Diagnostic(.error, "E0721", "unexpected closing tag `</\(name)>`", at: closing, label: "no `<\(name)>` is open here")
        if stack.count > floor, let innermost = stack.last {
            d = d.labeled(innermost.tag, "the innermost open element is `<\(innermost.name)>`")
        }
        diagnostics.add(d.helping("remove it, or add the matching `<\(name)>` before it"))
    }

    // MARK: - block scopes

    /// A block branch begins (`{{#if …}}`, `{{else}}`): its elements must close inside it.
    mutating func enterScope(tag: Span, block: String) {
        scopes.append(Scope(floor: stack.count, mode: mode, tag: tag, block: block))
    }

    /// The branch that began at the innermost scope ends at `tag` (`{{else}}`, `{{/if}}`).
    mutating func leaveScope(at tag: Span, written: String) {
        guard let scope = scopes.popLast() else { return }
        if stack.count > scope.floor, !isRawTextMode {
            let open = stack[scope.floor...]
            let inner = open.last!
            var d = Diagnostic(.error, "E0723", "`<\(inner.name)>` is not closed before `\(written)`", at: tag,
                               label: "the block branch ends here")
                .labeled(inner.tag, "`<\(inner.name)>` opened inside the branch")
            for other in open.dropLast().reversed().prefix(2) { d = d.labeled(other.tag, "`<\(other.name)>` is still open too") }
            let closers = open.reversed().map { "</\($0.name)>" }.joined()
            diagnostics.add(d.note("an element opened in a block branch closes in that branch, so that every branch produces well-formed HTML")
                .fixing(.insert(closers, at: tag.startPoint, "insert `\(closers)`")))
        }
        if Self.coarse(mode) != Self.coarse(scope.mode) {
            diagnostics.add(Diagnostic(.error, "E0724", "the HTML around `\(written)` does not match where the block began",
                                       at: tag, label: "this is \(describe(mode))")
                .labeled(scope.tag, "the block begins \(describe(scope.mode))")
                .helping("finish the tag, attribute value or comment inside the block branch, or move the block"))
        }
        stack.removeSubrange(min(scope.floor, stack.count)...)
        mode = scope.mode
    }

    /// Leaves the innermost scope without checks (its block was reported as unclosed).
    mutating func dropScope() {
        guard let scope = scopes.popLast() else { return }
        stack.removeSubrange(min(scope.floor, stack.count)...)
        mode = scope.mode
    }

    var isRawTextMode: Bool { if case .rawText = mode { true } else { false } }

    /// The HTML position a block must end in to match where it began.
    enum Position: Equatable {
        case data
        case tag(start: Int, attribute: String?, quote: UInt8)
        case other(start: Int)
    }

    static func coarse(_ mode: Mode) -> Position {
        switch mode {
        case .data: .data
        case .tag(let t):
            switch t.phase {
            case .betweenAttributes, .attributeName, .afterAttributeName: .tag(start: t.start, attribute: nil, quote: 0)
            case .beforeValue(let n), .unquoted(let n): .tag(start: t.start, attribute: n, quote: 0)
            case .quoted(let n, let q): .tag(start: t.start, attribute: n, quote: q)
            }
        case .closingTag(_, let s), .comment(let s), .declaration(let s), .rawText(_, let s): .other(start: s)
        }
    }

    func describe(_ mode: Mode) -> String {
        switch mode {
        case .data: "in text, between elements"
        case .tag(let t):
            switch t.phase {
            case .quoted(let n, _), .beforeValue(let n), .unquoted(let n): "inside the value of `\(n)` in `<\(t.name)`"
            default: "inside the tag `<\(t.name)`"
            }
        case .closingTag(let n, _): "inside the closing tag `</\(n)`"
        case .comment: "inside an HTML comment"
        case .declaration: "inside a `<!…>` declaration"
        case .rawText(let n, _): "inside `<\(n)>`"
        }
    }

    // MARK: - end of file

    /// Reports what is still open at the end of the file.
    mutating func finish(at end: Int) {
        switch mode {
        case .data: break
        case .tag(let t):
            diagnostics.add(Diagnostic(.error, "E0722", "the tag `<\(t.name)` is never finished", at: span(t.start, Int(t.nameSpan.end)),
                                       label: "expected `>` to end this tag")
                .fixing(.insert(">", at: span(end, end), "insert `>`")))
        case .closingTag(let n, let s):
            diagnostics.add(Diagnostic(.error, "E0722", "the closing tag `</\(n)` is never finished", at: span(s, s + 2 + n.utf8.count),
                                       label: "expected `>` to end this tag")
                .fixing(.insert(">", at: span(end, end), "insert `>`")))
        case .comment(let s):
            diagnostics.add(Diagnostic(.error, "E0725", "this HTML comment is never closed", at: span(s, s + 4), label: "comment starts here")
                .helping("end the comment with `-->`").fixing(.insert(" -->", at: span(end, end), "insert `-->`")))
        case .declaration(let s):
            diagnostics.add(Diagnostic(.error, "E0722", "this `<!…>` declaration is never finished", at: span(s, s + 2),
                                       label: "expected `>` to end it").fixing(.insert(">", at: span(end, end), "insert `>`")))
        case .rawText(let n, _):
            if let el = stack.last {
                diagnostics.add(Diagnostic(.error, "E0725", "`<\(n)>` is never closed", at: el.tag, label: "its content runs to the end of the file")
                    .fixing(.insert("</\(n)>", at: span(end, end), "insert `</\(n)>`")))
                stack.removeLast()
            }
        }
        mode = .data
        stack.removeAll { $0.reported }
        guard let inner = stack.last else { return }
        var d = Diagnostic(.error, "E0722", "`<\(inner.name)>` is never closed", at: inner.tag, label: "`<\(inner.name)>` opened here")
        for other in stack.dropLast().reversed().prefix(3) { d = d.labeled(other.tag, "`<\(other.name)>` is still open too") }
        let closers = stack.reversed().map { "</\($0.name)>" }.joined()
        diagnostics.add(d.helping("close every element with its closing tag; only void elements such as `<br>` and `<img>` have none")
            .fixing(.insert(closers, at: span(end, end), "insert `\(closers)`")))
        stack.removeAll()
    }
}
