/// The source snippet of a diagnostic: file headers, source lines, underlines, labels and
/// the lanes of multi-line spans (see `HumanRenderer` for the rules).
extension HumanRenderer {
    /// A span to draw, resolved against its file.
    struct Annotation: Sendable {
        /// Clamped byte range.
        var range: Range<Int>
        var startLine: Int
        /// The line of the last byte (the start line for an empty span).
        var endLine: Int
        var isPrimary: Bool
        /// One line of terminal-safe text; empty when the span has no label.
        var label: String
        /// 0 for the primary span, `i + 1` for `labels[i]`: the tie-breaker everywhere.
        var order: Int

        var isMultiline: Bool { endLine > startLine }
        var style: Style { isPrimary ? .severity(severity) : .accent }
        var marker: Character { isPrimary ? "^" : "-" }
        var severity: Severity
    }

    /// The annotations of one file and the lines to show.
    struct FileSnippet: Sendable {
        var file: SourceFile
        var annotations: [Annotation]
        var isPrimaryFile: Bool

        /// Sorted, unique: every annotated line, plus the second and second-to-last line of
        /// multi-line spans (one-line gaps are filled and larger ones elided when drawing).
        var shownLines: [Int] {
            var lines = Set<Int>()
            for a in annotations {
                lines.insert(a.startLine)
                if a.isMultiline {
                    lines.insert(a.startLine + 1)
                    lines.insert(a.endLine - 1)
                    lines.insert(a.endLine)
                }
            }
            return lines.sorted()
        }

        /// Where the header points: the primary span's start, else the first label's.
        var headerOffset: Int {
            if let primary = annotations.first(where: \.isPrimary) { return primary.range.lowerBound }
            return annotations.map(\.range.lowerBound).min() ?? 0
        }
    }

    /// The primary span's file first, then other files in the order their labels appear.
    /// Spans in files the source map does not know are left out.
    func fileSnippets(for d: Diagnostic) -> [FileSnippet] {
        var snippets: [FileSnippet] = []
        let spans = [(d.span, true, d.primaryLabel ?? "")] + d.labels.map { ($0.span, false, $0.message) }
        for (order, (span, isPrimary, label)) in spans.enumerated() {
            guard let (file, range) = sources.resolve(span) else { continue }
            let lines = file.lines
            let startLine = lines.line(of: range.lowerBound)
            let endLine = range.isEmpty ? startLine : lines.line(of: range.upperBound - 1)
            let oneLine = String(String.UnicodeScalarView(terminalSafe(label).unicodeScalars.map {
                $0 == "\n" || $0 == "\t" ? " " : $0
            }))
            let annotation = Annotation(
                range: range, startLine: startLine, endLine: endLine, isPrimary: isPrimary,
                label: oneLine, order: order, severity: d.severity)
            if let i = snippets.firstIndex(where: { $0.file.id == file.id }) {
                snippets[i].annotations.append(annotation)
            } else {
                snippets.append(FileSnippet(file: file, annotations: [annotation], isPrimaryFile: isPrimary))
            }
        }
        return snippets
    }

    /// A single-line underline in display columns.
    private struct Underline {
        var columns: Range<Int>
        var annotation: Annotation
        /// Where its connector hangs (set when laying out labels).
        var anchor = 0
    }

    /// A multi-line span in display columns, with its lane.
    private struct Bracket {
        var annotation: Annotation
        var lane: Int
        var startColumn: Int
        /// Starts at the indentation of its first line: drawn with `/`, no start row.
        var slash: Bool
        /// Column of its last character (or just past the line when it ends in the terminator).
        var endColumn: Int
    }

    /// Header, source lines and annotation rows of one file.
    func lines(for snippet: FileSnippet, gutter: Gutter) -> [StyledLine] {
        let file = snippet.file
        var layouts: [Int: LineLayout] = [:]
        func layout(_ n: Int) -> LineLayout {
            if let cached = layouts[n] { return cached }
            let made = LineLayout(bytes: file.bytes, range: file.lines.byteRange(ofLine: n, in: file.bytes), tabWidth: tabWidth)
            layouts[n] = made
            return made
        }

        var underlines: [Int: [Underline]] = [:]
        var brackets: [Bracket] = []
        for a in snippet.annotations {
            let start = layout(a.startLine)
            if !a.isMultiline {
                let columns: Range<Int>
                if a.range.isEmpty {
                    let c = start.column(at: a.range.lowerBound)
                    columns = c..<(c + 1)
                } else {
                    columns = start.columns(covering: a.range.lowerBound, a.range.upperBound) ?? start.width..<(start.width + 1)
                }
                underlines[a.startLine, default: []].append(Underline(columns: columns, annotation: a))
                continue
            }
            let startColumn = start.column(at: a.range.lowerBound)
            let end = layout(a.endLine)
            let endColumn = end.columns(covering: end.bytes.lowerBound, a.range.upperBound).map { $0.upperBound - 1 } ?? end.width
            brackets.append(Bracket(
                annotation: a, lane: 0, startColumn: startColumn,
                slash: startColumn <= start.indentation, endColumn: endColumn))
        }

        // Lanes: outermost (earliest start, then longest) leftmost; lanes of spans that share
        // a line differ.
        brackets.sort {
            ($0.annotation.range.lowerBound, -$0.annotation.range.upperBound, $0.annotation.order)
                < ($1.annotation.range.lowerBound, -$1.annotation.range.upperBound, $1.annotation.order)
        }
        var laneEnds: [Int] = []
        for i in brackets.indices {
            let a = brackets[i].annotation
            if let free = laneEnds.firstIndex(where: { $0 < a.startLine }) {
                brackets[i].lane = free
                laneEnds[free] = a.endLine
            } else {
                brackets[i].lane = laneEnds.count
                laneEnds.append(a.endLine)
            }
        }
        let laneWidth = laneEnds.count * 2

        /// The lane cells of a source line: `/` where a span starts at the indentation, `|`
        /// where one continues.
        func sourceLanes(_ n: Int) -> CellRow {
            var row = CellRow()
            for b in brackets where b.annotation.startLine <= n && n <= b.annotation.endLine {
                let a = b.annotation
                if n > a.startLine {
                    row.put("|", at: 2 * b.lane, a.style)
                } else if b.slash {
                    row.put("/", at: 2 * b.lane, a.style)
                }
            }
            return row
        }

        var out: [StyledLine] = []
        let location = file.location(of: snippet.headerOffset)
        out.append(gutter.location(snippet.isPrimaryFile ? "-->" : ":::", "\(file.path):\(location.line):\(location.column)"))
        out.append(gutter.empty)

        func emitSource(_ n: Int) {
            let text = layout(n).text
            let lanes = sourceLanes(n)
            var line = StyledLine()
            if text.isEmpty {
                line = lanes.styled
            } else {
                line = lanes.styled(paddedTo: laneWidth)
                line.append(text)
            }
            out.append(gutter.source(n, line))
        }

        func emitAnnotations(_ n: Int) {
            // The lanes as seen by rows below line `n`.
            var lanes = CellRow()
            for b in brackets where b.annotation.startLine <= n && n <= b.annotation.endLine {
                if b.annotation.startLine < n || b.slash { lanes.put("|", at: 2 * b.lane, b.annotation.style) }
            }
            for row in underlineRows(underlines[n] ?? [], lanes: lanes, laneWidth: laneWidth) {
                out.append(gutter.annotation(row))
            }
            for b in brackets.filter({ $0.annotation.endLine == n }).sorted(by: { $0.lane > $1.lane }) {
                let a = b.annotation
                var row = lanes
                row.put("|", at: 2 * b.lane, a.style)
                let marker = laneWidth + b.endColumn
                for c in (2 * b.lane + 1)..<max(2 * b.lane + 1, marker) where row.isBlank(at: c) { row.put("_", at: c, a.style) }
                row.put(a.marker, at: marker, a.style)
                if !a.label.isEmpty { row.put(a.label, at: marker + 2, a.style) }
                out.append(gutter.annotation(row))
                lanes.put(" ", at: 2 * b.lane, .plain)
            }
            for b in brackets.filter({ $0.annotation.startLine == n && !$0.slash }).sorted(by: { $0.lane < $1.lane }) {
                let a = b.annotation
                var row = lanes
                let marker = laneWidth + b.startColumn
                for c in (2 * b.lane + 1)..<max(2 * b.lane + 1, marker) where row.isBlank(at: c) { row.put("_", at: c, a.style) }
                row.put(a.marker, at: marker, a.style)
                out.append(gutter.annotation(row))
                lanes.put("|", at: 2 * b.lane, a.style)
            }
        }

        var previous: Int?
        for n in snippet.shownLines {
            if let p = previous, n > p + 1 {
                if n == p + 2 { emitSource(p + 1) } else { out.append(gutter.ellipsis(sourceLanes(p + 1))) }
            }
            emitSource(n)
            emitAnnotations(n)
            previous = n
        }
        return out
    }

    /// The underline row of one line and the connector and label rows below it.
    private func underlineRows(_ underlines: [Underline], lanes: CellRow, laneWidth: Int) -> [CellRow] {
        guard !underlines.isEmpty else { return [] }
        var underlineRow = lanes
        // Longest first, so shorter (nested) underlines stay visible; the primary wins ties.
        let drawOrder = underlines.sorted {
            ($0.columns.count, $0.annotation.isPrimary ? 0 : 1, -$0.annotation.order)
                > ($1.columns.count, $1.annotation.isPrimary ? 0 : 1, -$1.annotation.order)
        }
        for u in drawOrder {
            for c in u.columns { underlineRow.put(u.annotation.marker, at: laneWidth + c, u.annotation.style) }
        }

        var labeled = underlines.filter { !$0.annotation.label.isEmpty }
        let maxEnd = underlines.map(\.columns.upperBound).max() ?? 0
        if underlines.filter({ $0.columns.upperBound == maxEnd }).count == 1,
            let i = labeled.firstIndex(where: { $0.columns.upperBound == maxEnd }) {
            let inline = labeled.remove(at: i)
            underlineRow.put(inline.annotation.label, at: laneWidth + maxEnd + 1, inline.annotation.style)
        }
        var rows = [underlineRow]
        guard !labeled.isEmpty else { return rows }

        // Each hanging label gets its own connector column inside its underline when it can.
        labeled.sort { ($0.columns.lowerBound, $0.columns.upperBound, $0.annotation.order) < ($1.columns.lowerBound, $1.columns.upperBound, $1.annotation.order) }
        var used = Set<Int>()
        for i in labeled.indices {
            let columns = labeled[i].columns
            labeled[i].anchor = columns.first(where: { !used.contains($0) }) ?? columns.lowerBound
            used.insert(labeled[i].anchor)
        }
        labeled.sort { ($0.anchor, -$0.annotation.order) > ($1.anchor, -$1.annotation.order) }

        var connectors = lanes
        for u in labeled { connectors.put("|", at: laneWidth + u.anchor, u.annotation.style) }
        rows.append(connectors)
        for (i, u) in labeled.enumerated() {
            var row = lanes
            for later in labeled[(i + 1)...] { row.put("|", at: laneWidth + later.anchor, later.annotation.style) }
            row.put(u.annotation.label, at: laneWidth + u.anchor, u.annotation.style)
            rows.append(row)
        }
        return rows
    }
}
