/// Fix-its shown as rustc-style suggestion blocks: the source with the edits applied.
extension HumanRenderer {
    /// One fix-it, laid out per file it edits.
    struct Suggestion: Sendable {
        var message: String
        var blocks: [SuggestionBlock]

        var maxLineNumber: Int { blocks.map(\.maxLineNumber).max() ?? 1 }
    }

    /// The edits of one fix-it in one file.
    struct SuggestionBlock: Sendable {
        enum Kind: Sendable {
            /// One line before and after: the new line, `~` under replaced text and `+` under
            /// inserted text (display columns).
            case inline(LineLayout, markers: [(columns: Range<Int>, marker: Character)])
            /// Deletions or edits over several lines: old lines with `-`, new lines with `+`.
            case diff(removed: [LineLayout], added: [LineLayout])
        }

        var file: SourceFile
        /// The first edit, for the `:::` header of a block in another file.
        var offset: Int
        var isOtherFile: Bool
        var firstLine: Int
        var kind: Kind

        var maxLineNumber: Int {
            switch kind {
            case .inline: firstLine
            case .diff(let removed, let added): firstLine + max(removed.count, added.count, 1) - 1
            }
        }
    }

    /// Resolves and applies the edits of `fix`. Edits in unknown files are ignored, edits that
    /// overlap an earlier one are dropped, spans are clamped.
    func suggestion(for fix: FixIt, primaryFile: FileID) -> Suggestion {
        var groups: [(file: SourceFile, edits: [(range: Range<Int>, text: String)])] = []
        for edit in fix.edits {
            guard let (file, range) = sources.resolve(edit.span) else { continue }
            if let i = groups.firstIndex(where: { $0.file.id == file.id }) {
                groups[i].edits.append((range, edit.replacement))
            } else {
                groups.append((file, [(range, edit.replacement)]))
            }
        }
        let blocks = groups.map { block(file: $0.file, edits: $0.edits, isOtherFile: $0.file.id != primaryFile) }
        return Suggestion(message: terminalSafe(fix.message), blocks: blocks)
    }

    private func block(file: SourceFile, edits unsorted: [(range: Range<Int>, text: String)], isOtherFile: Bool) -> SuggestionBlock {
        let sorted = unsorted.enumerated().sorted {
            ($0.element.range.lowerBound, $0.element.range.upperBound, $0.offset)
                < ($1.element.range.lowerBound, $1.element.range.upperBound, $1.offset)
        }.map(\.element)
        var edits: [(range: Range<Int>, text: String)] = []
        for edit in sorted where edit.range.lowerBound >= (edits.last?.range.upperBound ?? 0) { edits.append(edit) }

        let bytes = file.bytes, lines = file.lines
        let first = edits.first?.range.lowerBound ?? 0
        let last = edits.map(\.range.upperBound).max() ?? first
        let firstLine = lines.line(of: first)
        var lastLine = lines.line(of: last)
        let regionStart = lines.byteRange(ofLine: firstLine, in: bytes).lowerBound
        var regionEnd = max(lines.byteRange(ofLine: lastLine, in: bytes).upperBound, last)
        // Edits that end just after a line break (e.g. deleting whole lines) do not touch
        // the next line: the region ends with that line break instead.
        let endsWithBreak = lastLine > firstLine && last == lines.starts[lastLine - 1]
        if endsWithBreak {
            lastLine -= 1
            regionEnd = last
        }

        var new: [UInt8] = []
        var inserted: [(bytes: Range<Int>, marker: Character)] = []
        var cursor = regionStart
        for edit in edits {
            new += bytes[cursor..<edit.range.lowerBound]
            let start = new.count
            new += Array(edit.text.utf8)
            if new.count > start { inserted.append((start..<new.count, edit.range.isEmpty ? "+" : "~")) }
            cursor = edit.range.upperBound
        }
        new += bytes[min(cursor, regionEnd)..<regionEnd]
        if endsWithBreak, let end = new.last, end == UInt8(ascii: "\n") || end == UInt8(ascii: "\r") {
            new.removeLast()
            if new.last == UInt8(ascii: "\r"), end == UInt8(ascii: "\n") { new.removeLast() }
        }
        let newLines = LineIndex(new)
        let added = endsWithBreak && new.isEmpty ? [] : (1...newLines.lineCount).map {
            LineLayout(bytes: new, range: newLines.byteRange(ofLine: $0, in: new), tabWidth: tabWidth)
        }

        let deletes = edits.contains { !$0.range.isEmpty && $0.text.isEmpty }
        let kind: SuggestionBlock.Kind
        if firstLine == lastLine, added.count == 1, !deletes, let line = added.first {
            let markers = inserted.compactMap { m in
                line.columns(covering: m.bytes.lowerBound, m.bytes.upperBound).map { (columns: $0, marker: m.marker) }
            }
            kind = .inline(line, markers: markers)
        } else {
            let removed = (firstLine...lastLine).map {
                LineLayout(bytes: bytes, range: lines.byteRange(ofLine: $0, in: bytes), tabWidth: tabWidth)
            }
            kind = .diff(removed: removed, added: added)
        }
        return SuggestionBlock(file: file, offset: first, isOtherFile: isOtherFile, firstLine: firstLine, kind: kind)
    }

    /// `help: message`, then each block.
    func lines(for suggestion: Suggestion, gutter: Gutter) -> [StyledLine] {
        let message = suggestion.message.split(separator: "\n", omittingEmptySubsequences: false)
        var head = StyledLine("help", .help)
        head.append(": " + (message.first.map(String.init) ?? ""))
        var out = [head] + message.dropFirst().map { StyledLine("      " + $0) }
        for block in suggestion.blocks {
            if block.isOtherFile {
                let location = block.file.location(of: block.offset)
                out.append(gutter.location(":::", "\(block.file.path):\(location.line):\(location.column)"))
            }
            out.append(gutter.empty)
            switch block.kind {
            case .inline(let line, let markers):
                var text = StyledLine()
                for cell in line.cells {
                    let isNew = markers.contains { $0.columns.contains(cell.column) }
                    text.append(cell.text, isNew ? .added : .plain)
                }
                out.append(gutter.source(block.firstLine, text))
                var row = CellRow()
                for m in markers {
                    for c in m.columns { row.put(m.marker, at: c, .added) }
                }
                out.append(gutter.annotation(row))
            case .diff(let removed, let added):
                for (i, line) in removed.enumerated() {
                    out.append(gutter.source(block.firstLine + i, StyledLine(line.text, .removed), bar: "-", barStyle: .removed))
                }
                for (i, line) in added.enumerated() {
                    out.append(gutter.source(block.firstLine + i, StyledLine(line.text, .added), bar: "+", barStyle: .added))
                }
            }
        }
        return out
    }
}
