/// Byte offsets of line starts, for turning offsets into lines and columns.
/// A line ends at `\n`, `\r\n` or a lone `\r`.
public struct LineIndex: Sendable {
    /// `starts[i]` is the byte offset where line `i + 1` begins.
    public let starts: [Int]
    public let byteCount: Int

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                starts.append(i + 1)
            } else if b == UInt8(ascii: "\r") {
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.starts = starts
        self.byteCount = n
    }

    public var lineCount: Int { starts.count }

    /// The 1-based line containing `offset` (offsets past the end map to the last line).
    public func line(of offset: Int) -> Int {
        let o = max(0, min(offset, byteCount))
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// Byte range of a 1-based line, without its terminator.
    public func byteRange(ofLine line: Int, in bytes: [UInt8]) -> Range<Int> {
        guard line >= 1, line <= starts.count else { return byteCount..<byteCount }
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] : byteCount
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// 1-based line and column; the column counts Unicode scalars (UTF-8 lead bytes).
    public func location(of offset: Int, in bytes: [UInt8]) -> SourceLocation {
        let o = max(0, min(offset, byteCount))
        let line = self.line(of: o)
        var column = 1
        var i = starts[line - 1]
        while i < o {
            // Continuation bytes (10xxxxxx) do not start a scalar.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: line, column: column)
    }
}
