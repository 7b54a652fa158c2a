import OmniBase

/// A byte cursor over one source file, shared by the markup parsers.
/// All reads are bounds-checked; past the end, `peek` returns 0.
struct MarkupCursor {
    let file: SourceFile
    let bytes: [UInt8]
    var pos: Int
    let end: Int

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
        self.pos = 0
        self.end = file.bytes.count
    }

    var atEnd: Bool { pos >= end }

    func peek(_ ahead: Int = 0) -> UInt8 {
        let i = pos + ahead
        return i >= 0 && i < end ? bytes[i] : 0
    }

    func byte(at i: Int) -> UInt8 { i >= 0 && i < end ? bytes[i] : 0 }

    /// True when the bytes at the cursor spell `s` (ASCII).
    func starts(with s: StaticString) -> Bool { starts(with: s, at: pos) }

    func starts(with s: StaticString, at i: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= end else { return false }
        return s.withUTF8Buffer { buf in
            for k in 0..<n where bytes[i + k] != buf[k] { return false }
            return true
        }
    }

    /// Like `starts(with:)`, ignoring ASCII case.
    func startsCaseInsensitive(with s: String, at i: Int) -> Bool {
        let u = Array(s.utf8)
        guard i + u.count <= end else { return false }
        for k in 0..<u.count where Self.lower(bytes[i + k]) != Self.lower(u[k]) { return false }
        return true
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 }
    static func isNameStart(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 || b >= 0x80 }
    static func isNameChar(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 48 && b <= 57) || b == 45 || b == 58 || b == 46
    }
    /// Characters allowed in attribute names (HTML is liberal; we stop at the usual delimiters).
    static func isAttributeNameChar(_ b: UInt8) -> Bool {
        !(isSpace(b) || b == 0x22 || b == 0x27 || b == 0x3E || b == 0x2F || b == 0x3D || b == 0x3C || b == 0x7B || b == 0x7D || b == 0)
    }

    mutating func skipSpaces() {
        while pos < end, Self.isSpace(bytes[pos]) { pos += 1 }
    }

    /// Reads a tag name (`div`, `svg:rect`, `my-el`, `Counter`) at the cursor; empty when none.
    mutating func readName() -> (String, Span) {
        let start = pos
        if pos < end, Self.isNameStart(bytes[pos]) {
            pos += 1
            while pos < end, Self.isNameChar(bytes[pos]) { pos += 1 }
        }
        return (file.text(start..<pos), Span(file: file.id, start..<pos))
    }

    /// Offset of the next occurrence of `s` at or after `from`, or nil.
    func find(_ s: StaticString, from: Int) -> Int? {
        let n = s.utf8CodeUnitCount
        guard n > 0 else { return from }
        let first = s.utf8Start.pointee
        var i = from
        while i + n <= end {
            if bytes[i] == first, starts(with: s, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Offset of the next `</name` (ASCII case-insensitive) followed by space or `>`, or nil.
    func findClosingTag(_ name: String, from: Int) -> Int? {
        var i = from
        while i + 2 < end {
            if bytes[i] == 0x3C, bytes[i + 1] == 0x2F, startsCaseInsensitive(with: name, at: i + 2) {
                let after = byte(at: i + 2 + name.utf8.count)
                if after == 0x3E || Self.isSpace(after) || after == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    func span(_ from: Int, _ to: Int) -> Span { Span(file: file.id, start: UInt32(clamping: from), end: UInt32(clamping: to)) }
    func point(_ at: Int) -> Span { span(at, at) }

    /// A short, quoted description of what is at `i`, for messages: "`}`", "end of file".
    func describe(at i: Int) -> String {
        guard i < end else { return "end of file" }
        let b = bytes[i]
        if Self.isSpace(b) { return b == 10 || b == 13 ? "end of line" : "whitespace" }
        var j = i
        if Self.isNameStart(b) {
            while j < end, Self.isNameChar(bytes[j]), j - i < 24 { j += 1 }
        } else {
            j = i + 1
            while j < end, bytes[j] & 0xC0 == 0x80 { j += 1 }
        }
        return "`\(file.text(i..<j))`"
    }
}
