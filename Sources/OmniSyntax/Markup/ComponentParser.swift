import OmniBase

/// Parses a `.omni` file: top-level blocks, components and their props, script, template
/// and style blocks. Recovers at tag and block boundaries and reports every independent
/// error. Script regions are handed to `ScriptParser`.
///
/// Grammar: `Grammar/omni.ebnf` (production names appear in comments below).
public struct ComponentParser {
    var cursor: MarkupCursor
    var ids: NodeIDGenerator
    var diagnostics = Diagnostics()
    /// Open elements and blocks of the template being parsed, innermost last.
    var openStack: [OpenItem] = []
    /// Markup tokens, recorded only for `omni dump --stage tokens`.
    var recordTokens = false
    var tokens: [SyntaxToken] = []
    /// The offset of the last closing point reported as unclosed/mismatched (see `reportOnce`).
    var lastReportedStop: Int?

    /// The deepest nesting of template elements and blocks accepted.
    public static let maxNestingDepth = 200

    init(file: SourceFile) {
        self.cursor = MarkupCursor(file: file)
        self.ids = NodeIDGenerator()
    }

    var file: SourceFile { cursor.file }

    /// Parses a whole `.omni` file. Never traps, whatever the bytes.
    public static func parse(_ file: SourceFile) -> (OmniFile, [Diagnostic]) {
        let (tree, diagnostics, _) = parseKeepingIDs(file)
        return (tree, diagnostics)
    }

    /// Like `parse`, and also returns the file's NodeID generator, so that the parsers of its
    /// `<schema>` and `<routes>` blocks continue the same ID sequence.
    public static func parseKeepingIDs(_ file: SourceFile) -> (OmniFile, [Diagnostic], NodeIDGenerator) {
        var parser = ComponentParser(file: file)
        let result = parser.parseFile()
        var all = parser.diagnostics.all
        // The file-wide E0228 already names the first invalid byte; a script region's own
        // report of that same byte (E0100) would say it twice.
        if let bad = all.first(where: { $0.code == "E0228" })?.span.start {
            all.removeAll { $0.code == "E0100" && $0.span.start == bad }
        }
        return (result, all, parser.ids)
    }

    /// The token stream of a `.omni` file: markup tokens with the script tokens of every
    /// script region spliced in, in source order.
    public static func tokens(_ file: SourceFile) -> ([SyntaxToken], [Diagnostic]) {
        var parser = ComponentParser(file: file)
        parser.recordTokens = true
        _ = parser.parseFile()
        return (parser.tokens.sorted { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }, parser.diagnostics.all)
    }

    mutating func record(_ kind: SyntaxToken.Kind, _ from: Int, _ to: Int) {
        if recordTokens { tokens.append(SyntaxToken(kind: kind, span: cursor.span(from, to))) }
    }

    /// Records the script tokens of a region (dump only).
    mutating func recordScript(_ range: Range<Int>) {
        guard recordTokens else { return }
        var scratch = Diagnostics()
        for t in ScriptLexer.tokenize(file, range: range, diagnostics: &scratch) where t.span.start < t.span.end {
            tokens.append(SyntaxToken(kind: .script("\(t.kind)"), span: t.span))
        }
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: span, label: label)
    }

    // MARK: - file := item*

    mutating func parseFile() -> OmniFile {
        validateUTF8()
        var items: [TopLevelItem] = []
        while true {
            cursor.skipSpaces()
            if cursor.atEnd { break }
            let start = cursor.pos
            if cursor.starts(with: "<!--") {
                let (text, span) = parseComment()
                items.append(.comment(text, span: span))
            } else if cursor.starts(with: "</") {
                let tag = parseClosingTag()
                diagnostics.add(error("E0212", "unexpected closing tag `</\(tag.name)>` at the top level", at: tag.span,
                                      label: "nothing is open here").helping("remove this closing tag"))
            } else if cursor.peek() == 0x3C, MarkupCursor.isNameStart(cursor.peek(1)) {
                if let item = parseTopLevelBlock() { items.append(item) }
            } else {
                skipStrayText(context: "outside of a block", help: "top-level content must be a `<component>`, `<schema>` or `<routes>` block")
            }
            if cursor.pos == start { cursor.pos += 1 }  // progress guard
        }
        return OmniFile(file: file.id, items: items, span: cursor.span(0, cursor.end))
    }

    /// Reports one error at the first invalid UTF-8 sequence, if any.
    mutating func validateUTF8() {
        var iterator = cursor.bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                offset += UTF8.width(s)
            case .emptyInput:
                return
            case .error:
                diagnostics.add(error("E0228", "this file is not valid UTF-8", at: cursor.span(offset, offset + 1),
                                      label: "invalid byte here")
                    .note("omni reads every source file as UTF-8; the invalid bytes are shown as `\u{FFFD}`")
                    .helping("re-save the file with UTF-8 encoding"))
                return
            }
        }
    }

    /// Skips text up to the next `<`, reporting it once.
    mutating func skipStrayText(context: String, help: String) {
        let start = cursor.pos
        while !cursor.atEnd, cursor.peek() != 0x3C { cursor.pos += 1 }
        var end = cursor.pos
        while end > start, MarkupCursor.isSpace(cursor.byte(at: end - 1)) { end -= 1 }
        let shown = min(end, start + 40)
        diagnostics.add(error("E0226", "unexpected text \(context)", at: cursor.span(start, end),
                              label: "this text is not inside any block")
            .helping(help)
            .note("the text starts with `\(file.text(start..<shown).split(separator: "\n").first ?? "")`"))
    }

    // MARK: - item := component | schema | routes | comment

    mutating func parseTopLevelBlock() -> TopLevelItem? {
        let tag = parseOpenTag(expressions: false)
        switch tag.name {
        case "component":
            return .component(parseComponent(tag))
        case "schema", "routes":
            let block = parseRawBlock(tag)
            return tag.name == "schema" ? .schema(block) : .routes(block)
        case "props", "script", "template", "style":
            diagnostics.add(error("E0203", "`<\(tag.name)>` must be inside a `<component>`", at: tag.span,
                                  label: "this block is at the top level")
                .helping("wrap the blocks of a component in `<component name=\"MyComponent\"> … </component>`"))
            _ = parseRawBlock(tag)
            return nil
        default:
            var d = error("E0202", "unknown top-level block `<\(tag.name)>`", at: tag.nameSpan,
                          label: "not a block omni knows")
                .note("a `.omni` file holds `<component>`, `<schema>` and `<routes>` blocks")
            if let guess = EditDistance.bestMatch(for: tag.name, in: ["component", "schema", "routes"]) {
                d = d.helping("did you mean `<\(guess)>`?").fixing(.replace(tag.nameSpan, with: guess, "use `<\(guess)>`"))
            }
            diagnostics.add(d)
            if !tag.selfClosing, let close = cursor.findClosingTag(tag.name, from: cursor.pos) {
                cursor.pos = close
                _ = parseClosingTag()
            }
            return nil
        }
    }

    /// A block whose body another front end reads: everything up to `</name>`.
    mutating func parseRawBlock(_ tag: OpenTag) -> RawBlock {
        let bodyStart = cursor.pos
        if tag.selfClosing {
            return RawBlock(openTag: tag.span, body: cursor.point(bodyStart), span: tag.span)
        }
        if let close = cursor.findClosingTag(tag.name, from: bodyStart) {
            cursor.pos = close
            let closing = parseClosingTag()
            return RawBlock(openTag: tag.span, body: cursor.span(bodyStart, close), span: tag.span.merged(with: closing.span))
        }
        diagnostics.add(unclosed(tag, before: cursor.end))
        cursor.pos = cursor.end
        return RawBlock(openTag: tag.span, body: cursor.span(bodyStart, cursor.end), span: cursor.span(Int(tag.span.start), cursor.end))
    }

    /// "`<x>` is never closed": primary at the opening tag, with a fix-it inserting the closing tag.
    func unclosed(_ tag: OpenTag, before offset: Int, label: String? = nil) -> Diagnostic {
        let insertion = "</\(tag.name)>\n"
        var d = Diagnostic(.error, tag.name == "component" ? "E0201" : "E0227",
                           "missing `</\(tag.name)>`: this `<\(tag.name)>` is never closed", at: tag.span,
                           label: label ?? "`<\(tag.name)>` opened here")
        d = d.helping("add `</\(tag.name)>` where the \(tag.name == "component" ? "component" : "block") ends")
            .fixing(.insert(insertion, at: cursor.point(offset), "insert `</\(tag.name)>`"))
        return d
    }

    // MARK: - component := "<component" attrs ">" block* "</component>"

    mutating func parseComponent(_ tag: OpenTag) -> ComponentDecl {
        let id = ids.next()
        let name = componentName(tag)
        var decl = ComponentDecl(id: id, name: name, openTag: tag.span, closeTag: nil, attributes: tag.attributes,
                                 props: nil, script: nil, template: nil, style: nil, span: tag.span)
        if tag.selfClosing { return decl }
        var firstSeen: [String: Span] = [:]
        while true {
            cursor.skipSpaces()
            let start = cursor.pos
            if cursor.atEnd {
                diagnostics.add(unclosed(tag, before: cursor.end))
                decl.span = cursor.span(Int(tag.span.start), cursor.end)
                return decl
            }
            if cursor.starts(with: "<!--") {
                _ = parseComment()
            } else if cursor.starts(with: "</") {
                let closing = parseClosingTag()
                if closing.name == "component" {
                    decl.closeTag = closing.span
                    decl.span = tag.span.merged(with: closing.span)
                    return decl
                }
                diagnostics.add(error("E0212", "unexpected closing tag `</\(closing.name)>` in component `\(name.name)`",
                                      at: closing.span, label: "no `<\(closing.name)>` is open here")
                    .labeled(tag.span, "the component opens here"))
            } else if cursor.peek() == 0x3C, MarkupCursor.isNameStart(cursor.peek(1)) {
                let saved = cursor.pos
                let block = parseOpenTag(expressions: false)
                if block.name == "component" {
                    // A new component begins: the current one was never closed.
                    diagnostics.add(unclosed(tag, before: saved, label: "`<component>` opened here")
                        .labeled(block.span, "another component begins here"))
                    cursor.pos = saved
                    decl.span = cursor.span(Int(tag.span.start), saved)
                    return decl
                }
                if let first = firstSeen[block.name], ["props", "script", "template", "style"].contains(block.name) {
                    diagnostics.add(error("E0207", "component `\(name.name)` has more than one `<\(block.name)>` block",
                                          at: block.span, label: "second `<\(block.name)>`")
                        .labeled(first, "first `<\(block.name)>` here")
                        .helping("merge the two blocks into one"))
                }
                firstSeen[block.name] = firstSeen[block.name] ?? block.span
                switch block.name {
                case "props": decl.props = parseProps(block)
                case "script": decl.script = parseScript(block)
                case "template": decl.template = parseTemplate(block)
                case "style":
                    let raw = parseRawBlock(block)
                    decl.style = StyleBlock(text: file.text(raw.body), body: raw.body, span: raw.span)
                default:
                    var d = error("E0206", "unknown block `<\(block.name)>` in component `\(name.name)`", at: block.nameSpan,
                                  label: "not a component block")
                        .note("a component holds `<props>`, `<script>`, `<template>` and `<style>` blocks")
                    if let guess = EditDistance.bestMatch(for: block.name, in: ["props", "script", "template", "style"]) {
                        d = d.helping("did you mean `<\(guess)>`?").fixing(.replace(block.nameSpan, with: guess, "use `<\(guess)>`"))
                    } else if ["schema", "routes"].contains(block.name) {
                        d = d.helping("move `<\(block.name)>` out of the component, to the top level of the file")
                    } else {
                        d = d.helping("put markup inside the component's `<template>` block")
                    }
                    diagnostics.add(d)
                    _ = parseRawBlock(block)
                }
            } else {
                skipStrayText(context: "in component `\(name.name)`", help: "put markup and text inside the component's `<template>` block")
            }
            if cursor.pos == start { cursor.pos += 1 }
        }
    }

    /// The `name` attribute of `<component>`: required, an upper-case identifier.
    mutating func componentName(_ tag: OpenTag) -> Identifier {
        guard let attr = tag.attributes.first(where: { $0.name.name == "name" }) else {
            diagnostics.add(error("E0204", "`<component>` needs a `name` attribute", at: tag.span, label: "no name given")
                .helping("name it, e.g. `<component name=\"Counter\">`")
                .fixing(.insert(" name=\"Component\"", at: tag.nameSpan.endPoint, "add a name")))
            return Identifier("", span: tag.nameSpan)
        }
        guard case .literal(let text, let span) = attr.value else {
            diagnostics.add(error("E0205", "the component name must be a quoted name", at: attr.span,
                                  label: "expected `name=\"…\"`").helping("write the name in quotes, e.g. `name=\"Counter\"`"))
            return Identifier("", span: attr.span)
        }
        let scalars = Array(text.unicodeScalars)
        let valid = !scalars.isEmpty && scalars[0].properties.isUppercase
            && scalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
        if !valid {
            var d = error("E0205", "`\(text)` is not a valid component name", at: span,
                          label: "component names start with an upper-case letter and contain only letters, digits and `_`")
            let fixed = Self.pascalCase(text)
            if !fixed.isEmpty, fixed != text {
                d = d.helping("rename it `\(fixed)`").fixing(.replace(span, with: fixed, "rename to `\(fixed)`"))
            }
            diagnostics.add(d.note("templates tell child components from HTML elements by the upper-case first letter"))
        }
        return Identifier(text, span: span)
    }

    static func pascalCase(_ s: String) -> String {
        s.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
            .drop(while: { $0.isNumber })
            .description
    }

    // MARK: - script := "<script>" program "</script>"

    mutating func parseScript(_ tag: OpenTag) -> ScriptBlock {
        let raw = parseRawBlock(tag)
        let range = raw.body.range
        recordScript(range)
        let statements = ScriptParser.parseProgram(file, range: range, ids: &ids, diagnostics: &diagnostics)
        return ScriptBlock(statements: statements, body: raw.body, span: raw.span)
    }
}

/// A token of `omni dump --stage tokens`: markup tokens and script tokens of one file.
public struct SyntaxToken: Hashable, Sendable {
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        case tagOpen, tagEnd, tagSelfClose, closingTag, attributeName, equals, attributeValue
        case text, comment, interpolationOpen, interpolationClose, blockOpen, blockBranch, blockClose
        case rawText
        case script(String)

        public var description: String {
            switch self {
            case .tagOpen: "TagOpen"
            case .tagEnd: "TagEnd"
            case .tagSelfClose: "TagSelfClose"
            case .closingTag: "ClosingTag"
            case .attributeName: "AttributeName"
            case .equals: "Equals"
            case .attributeValue: "AttributeValue"
            case .text: "Text"
            case .comment: "Comment"
            case .interpolationOpen: "InterpolationOpen"
            case .interpolationClose: "InterpolationClose"
            case .blockOpen: "BlockOpen"
            case .blockBranch: "BlockBranch"
            case .blockClose: "BlockClose"
            case .rawText: "RawText"
            case .script(let k): "Script.\(k)"
            }
        }
    }
    public var kind: Kind
    public var span: Span
}
