/// Renders diagnostics for people at a terminal, in the style of rustc:
///
/// ```
/// error[E0301]: cannot add `number` and `string`
///   --> components/Counter.omni:5:20
///    |
///  4 |     const name = signal("Alice")
///    |           ---- `name` is declared here
///  5 |     const result = count() + name()
///    |                    -------^^^------
///    |                    |         |
///    |                    |         this is a `string`
///    |                    this is a `number`
///    |
///    = note: `+` adds two numbers or joins two strings, never a mix
///    = help: use a template literal: `${count()}${name()}`
/// help: use a template literal
///    |
///  5 |     const result = `${count()}${name()}`
///    |                    ~~~~~~~~~~~~~~~~~~~~~
/// ```
///
/// Layout rules:
/// - The header's `line:column` is the primary span's start (1-based, columns in Unicode
///   scalars, as in JSON output). Labels in other files get a `::: path:line:column` header.
/// - The primary span is underlined with `^`, labels with `-`. Where underlines overlap, the
///   shorter one is drawn on top (ties: the primary), so nested spans stay visible.
/// - On a line with several labels, the one that ends furthest right (strictly) keeps its
///   text on the underline row; the others hang below on `|` connectors, rightmost first.
/// - A span over several lines is drawn in a lane left of the source: `/` when it starts at
///   the line's indentation, else a ` ___^` row pointing at its first column; `|` down the
///   lane; `|___^ label` under its last character. Lines inside a long span are elided.
/// - Between two shown lines a one-line gap is shown, a larger gap becomes `...`.
/// - An empty span gets one caret at its position (after the last character at a line end);
///   spans past the end of the file are clamped; a span in an unknown file has no snippet.
/// - Tabs expand to tab stops every `tabWidth` columns; wide and zero-width characters,
///   control characters and invalid UTF-8 are displayed as `DisplayWidth` describes, so
///   carets always sit under the characters they mean.
/// - Fix-its follow as `help: message` blocks showing the changed line with `~` under
///   replaced and `+` under inserted text; deletions and multi-line edits are shown as
///   `-`/`+` lines instead.
/// - With `color` false the output contains no escape bytes at all, whatever the input.
///
/// `render(_:summary:)` sorts (`sortedDiagnostics`), separates diagnostics by a blank line
/// and ends with a summary line: `error: found 2 errors and 1 warning in 12 files`, or
/// `warning: found 1 warning in 3 files` when there are only warnings. When there are no
/// errors and no warnings, no summary line is printed (a clean check prints nothing).
public struct HumanRenderer: DiagnosticRenderer {
    public let sources: SourceMap
    public let color: Bool
    /// Distance between tab stops, clamped to `1...16`.
    public let tabWidth: Int

    /// - Parameters:
    ///   - color: emit ANSI colours (decide with `TerminalColor.shouldColor`).
    ///   - tabWidth: distance between tab stops when expanding tabs in source lines.
    public init(sources: SourceMap, color: Bool, tabWidth: Int = 4) {
        self.sources = sources
        self.color = color
        self.tabWidth = min(max(tabWidth, 1), 16)
    }

    /// One diagnostic, every line terminated by `\n`.
    public func render(_ diagnostic: Diagnostic) -> String {
        lines(for: diagnostic).rendered(color: color)
    }

    /// A batch: sorted, separated by blank lines, then the summary line (if any).
    public func render(_ diagnostics: [Diagnostic], summary: RenderSummary) -> String {
        var parts = sortedDiagnostics(diagnostics, sources: sources).map(render)
        if let line = summaryLine(summary) { parts.append(line) }
        return parts.joined(separator: "\n")
    }

    /// `error: found 2 errors and 1 warning in 12 files\n`, `warning: found 1 warning in
    /// 1 file\n`, or nil when there is neither an error nor a warning.
    public func summaryLine(_ summary: RenderSummary) -> String? {
        let files = pluralized(summary.files, "file")
        var line = StyledLine()
        if summary.errors > 0 {
            line.append("error", .error)
            var counts = pluralized(summary.errors, "error")
            if summary.warnings > 0 { counts += " and " + pluralized(summary.warnings, "warning") }
            line.append(": found \(counts) in \(files)", .bold)
        } else if summary.warnings > 0 {
            line.append("warning", .warning)
            line.append(": found \(pluralized(summary.warnings, "warning")) in \(files)", .bold)
        } else {
            return nil
        }
        return [line].rendered(color: color)
    }

    /// All lines of one diagnostic.
    func lines(for d: Diagnostic) -> [StyledLine] {
        let snippets = fileSnippets(for: d)
        let suggestions = d.fixes.map { suggestion(for: $0, primaryFile: d.span.file) }
        var maxLine = 1
        for s in snippets { maxLine = max(maxLine, s.shownLines.last ?? 1) }
        for s in suggestions { maxLine = max(maxLine, s.maxLineNumber) }
        let gutter = Gutter(width: String(maxLine).count)

        var out = header(for: d)
        for (i, snippet) in snippets.enumerated() {
            if i > 0 { out.append(gutter.empty) }
            out += lines(for: snippet, gutter: gutter)
        }
        let footer = d.notes.map { ("note", $0) } + d.help.map { ("help", $0) }
        if !footer.isEmpty {
            if !snippets.isEmpty { out.append(gutter.empty) }
            for (kind, text) in footer {
                let body = terminalSafe(text).split(separator: "\n", omittingEmptySubsequences: false)
                var first = gutter.blank
                first.append("= ", .accent)
                first.append(kind, .bold)
                first.append(": " + (body.first.map(String.init) ?? ""))
                out.append(first)
                let indent = String(repeating: " ", count: gutter.width + 2 + 2 + kind.count + 2)
                for continuation in body.dropFirst() { out.append(StyledLine(indent + continuation)) }
            }
        }
        for s in suggestions { out += lines(for: s, gutter: gutter) }
        return out
    }

    /// `error[E0301]: message`, continuation lines of a multi-line message below it.
    private func header(for d: Diagnostic) -> [StyledLine] {
        let code = d.code.rawValue.isEmpty ? "" : "[\(terminalSafe(d.code.rawValue))]"
        let message = terminalSafe(d.message).split(separator: "\n", omittingEmptySubsequences: false)
        var first = StyledLine(d.severity.rawValue + code, .severity(d.severity))
        first.append(": " + (message.first.map(String.init) ?? ""), .bold)
        return [first] + message.dropFirst().map { StyledLine(String($0), .bold) }
    }
}

/// The left margin: line numbers right-aligned in `width` columns, then ` | `.
struct Gutter: Sendable {
    var width: Int

    /// `"   "` — the margin without a bar.
    var blank: StyledLine { StyledLine(String(repeating: " ", count: width + 2)) }
    /// `"   |"`
    var empty: StyledLine {
        var line = blank
        line.append("|", .accent)
        return line
    }
    /// `"   | "` followed by an annotation row.
    func annotation(_ row: CellRow) -> StyledLine {
        var line = empty
        if !row.isEmpty {
            line.append(" ")
            line.append(row.styled)
        }
        return line
    }
    /// `" 5 | "` (or `" 5 - "` / `" 5 + "` in a diff) followed by source text.
    func source(_ number: Int, _ text: StyledLine, bar: String = "|", barStyle: Style = .accent) -> StyledLine {
        let digits = String(number)
        var line = StyledLine(" " + String(repeating: " ", count: max(0, width - digits.count)))
        line.append(digits, .accent)
        line.append(" ")
        line.append(bar, barStyle)
        if !text.runs.isEmpty {
            line.append(" ")
            line.append(text)
        }
        return line
    }
    /// `"  --> path:5:20"` or `"  ::: path:5:20"`.
    func location(_ arrow: String, _ text: String) -> StyledLine {
        var line = StyledLine(String(repeating: " ", count: width + 1))
        line.append(arrow, .accent)
        line.append(" " + terminalSafe(text))
        return line
    }
    /// `"...  "` standing for elided lines, followed by the lanes still open.
    func ellipsis(_ lanes: CellRow) -> StyledLine {
        var line = StyledLine("...", .accent)
        if !lanes.isEmpty {
            line.append(String(repeating: " ", count: max(1, width + 4 - 3)))
            line.append(lanes.styled)
        }
        return line
    }
}
