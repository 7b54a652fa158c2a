/// How wide text is on a terminal, and the layout of one source line as terminal cells.
///
/// The human renderer draws carets under source text, so it has to know how many terminal
/// columns every character takes. The rules, applied per grapheme cluster:
///
/// - a tab advances to the next tab stop (`tabWidth` columns apart);
/// - East Asian Wide and Fullwidth characters (CJK, kana, Hangul, fullwidth forms) and emoji
///   with emoji presentation take 2 columns; an emoji-capable character followed by U+FE0F
///   takes 2, one followed by U+FE0E takes 1;
/// - combining marks and other characters inside a cluster add nothing; a combining mark
///   with no base is shown on a dotted circle (U+25CC) and takes 1;
/// - default-ignorable characters (zero-width space, joiners, BOM, variation selectors) take 0
///   and are not printed;
/// - control characters are shown as their Unicode control pictures (`␀`, `␛`, `␡`), C1
///   controls and invalid UTF-8 as U+FFFD, bidirectional overrides and U+2028/U+2029 as
///   `\u{202E}`, so a
///   source line can never emit a terminal escape sequence or reorder the output;
/// - everything else takes 1 (East Asian Ambiguous characters are treated as narrow).
///
/// The East Asian Width table approximates UAX #11 (W and F ranges of Unicode 15.1); emoji
/// come from the standard library's `isEmojiPresentation`.
enum DisplayWidth {
    /// What to print for one grapheme cluster that starts at display column `column`, and
    /// how many columns it takes.
    static func display(_ cluster: ArraySlice<Unicode.Scalar>, column: Int, tabWidth: Int) -> (text: String, width: Int) {
        guard let first = cluster.first else { return ("", 0) }
        let v = first.value
        if v == 0x09 {
            let width = tabWidth - column % tabWidth
            return (String(repeating: " ", count: width), width)
        }
        if let visible = visibleControl(first) { return (visible, visible.unicodeScalars.count) }
        if isMark(first) {
            return ("\u{25CC}" + String(String.UnicodeScalarView(cluster)), 1)
        }
        if first.properties.isDefaultIgnorableCodePoint { return ("", 0) }
        let text = String(String.UnicodeScalarView(cluster))
        if cluster.contains("\u{FE0E}") { return (text, 1) }
        if isWide(first) || (first.properties.isEmoji && cluster.contains("\u{FE0F}")) { return (text, 2) }
        return (text, 1)
    }

    /// A printable stand-in for a scalar that must not reach a terminal as is, or nil.
    /// C0 controls and DEL become control pictures, C1 controls U+FFFD, bidi controls and
    /// the Unicode line and paragraph separators `\u{…}`.
    static func visibleControl(_ s: Unicode.Scalar) -> String? {
        let v = s.value
        if v < 0x20 { return String(Character(Unicode.Scalar(0x2400 + v) ?? "\u{FFFD}")) }
        if v == 0x7F { return "\u{2421}" }
        if v >= 0x80 && v < 0xA0 { return "\u{FFFD}" }
        if isBidiControl(v) || v == 0x2028 || v == 0x2029 { return "\\u{" + String(v, radix: 16, uppercase: true) + "}" }
        return nil
    }

    /// Bidirectional embedding, override and isolate controls (the "Trojan Source" set).
    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x061C
            || v == 0x200E || v == 0x200F
    }

    /// A nonspacing or enclosing mark: draws on top of the previous character.
    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: true
        default: false
        }
    }

    /// East Asian Wide or Fullwidth, or an emoji presented as an emoji by default.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x1100 { return false }
        if s.properties.isEmojiPresentation { return true }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// East Asian Width W and F ranges (sorted, disjoint) not already covered by emoji presentation.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5,
        0x2FF0...0x2FFF, 0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F,
        0x3131...0x318E, 0x3190...0x31E3, 0x31EF...0x321E, 0x3220...0x3247, 0x3250...0x4DBF,
        0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60,
        0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7,
        0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1AFFE, 0x1B000...0x1B122,
        0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155, 0x1B164...0x1B167,
        0x1B170...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

/// One scalar decoded leniently from UTF-8, with the bytes it came from.
struct DecodedScalar: Sendable {
    var scalar: Unicode.Scalar
    var bytes: Range<Int>

    /// Decodes `bytes[range]`: a lead byte and the continuation bytes after it form one
    /// scalar, an invalid segment becomes one U+FFFD. This matches `LineIndex`'s column count
    /// (one column per non-continuation byte), except for a run of continuation bytes with no
    /// lead byte: LineIndex counts it as nothing, here it is shown as one U+FFFD.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>) -> [DecodedScalar] {
        var out: [DecodedScalar] = []
        out.reserveCapacity(range.count)
        var i = max(0, range.lowerBound)
        let end = min(bytes.count, range.upperBound)
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                out.append(DecodedScalar(scalar: Unicode.Scalar(b), bytes: i..<(i + 1)))
                i += 1
                continue
            }
            var j = i + 1
            while j < end, bytes[j] & 0xC0 == 0x80 { j += 1 }
            out.append(DecodedScalar(scalar: scalar(bytes, i..<j) ?? "\u{FFFD}", bytes: i..<j))
            i = j
        }
        return out
    }

    /// The scalar a lead byte plus its continuation bytes encode, if they are valid UTF-8.
    private static func scalar(_ bytes: [UInt8], _ r: Range<Int>) -> Unicode.Scalar? {
        let b = bytes[r.lowerBound]
        let need: Int, minimum: UInt32
        switch b {
        case 0xC2...0xDF: (need, minimum) = (2, 0x80)
        case 0xE0...0xEF: (need, minimum) = (3, 0x800)
        case 0xF0...0xF4: (need, minimum) = (4, 0x10000)
        default: return nil
        }
        guard r.count == need else { return nil }
        var value = UInt32(b) & (need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07)
        for k in (r.lowerBound + 1)..<r.upperBound { value = value << 6 | UInt32(bytes[k] & 0x3F) }
        guard value >= minimum else { return nil }
        return Unicode.Scalar(value)  // nil for surrogates and values past U+10FFFF
    }
}

/// One line of source (without its terminator) laid out as terminal cells: one cell per
/// grapheme cluster, with the bytes it covers, what is printed and its display columns.
struct LineLayout: Sendable {
    struct Cell: Sendable {
        var bytes: Range<Int>
        var text: String
        var column: Int
        var width: Int
        var endColumn: Int { column + width }
    }

    var cells: [Cell] = []
    /// Total display width of the line.
    var width = 0
    var bytes: Range<Int>

    init(bytes: [UInt8], range: Range<Int>, tabWidth: Int) {
        self.bytes = range
        let decoded = DecodedScalar.decode(bytes, range)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: decoded.map(\.scalar))
        var index = 0
        for character in String(view) {
            let n = character.unicodeScalars.count
            let upper = min(decoded.count, index + n)
            guard index < upper else { break }
            let slice = decoded[index..<upper]
            let shown = DisplayWidth.display(slice.map(\.scalar)[...], column: width, tabWidth: tabWidth)
            let lo = slice.first?.bytes.lowerBound ?? range.lowerBound
            let hi = slice.last?.bytes.upperBound ?? lo
            cells.append(Cell(bytes: lo..<hi, text: shown.text, column: width, width: shown.width))
            width += shown.width
            index = upper
        }
    }

    /// The printable text of the line.
    var text: String { cells.map(\.text).joined() }

    /// The display column where the cluster holding byte `offset` starts; the line's width
    /// for offsets at or past its end.
    func column(at offset: Int) -> Int {
        for cell in cells where cell.bytes.upperBound > offset { return cell.column }
        return width
    }

    /// The display columns of the clusters that intersect the byte range `[start, end)`,
    /// or nil when none does (the range is empty or lies in the line terminator).
    func columns(covering start: Int, _ end: Int) -> Range<Int>? {
        var lo: Int?
        var hi = 0
        for cell in cells where cell.bytes.upperBound > start && cell.bytes.lowerBound < end {
            if lo == nil { lo = cell.column }
            hi = cell.endColumn
        }
        guard let lo else { return nil }
        return lo..<max(hi, lo + 1)
    }

    /// Display column of the first character that is not blank (the width if there is none).
    var indentation: Int {
        for cell in cells where !cell.text.allSatisfy({ $0 == " " }) { return cell.column }
        return width
    }
}
