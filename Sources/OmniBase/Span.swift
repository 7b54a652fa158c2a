/// Identifies one source file inside a `SourceMap`. Stable for the life of a compilation.
public struct FileID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let raw: UInt32
    public init(_ raw: UInt32) { self.raw = raw }
    public static func < (a: FileID, b: FileID) -> Bool { a.raw < b.raw }
    public var description: String { "#\(raw)" }
}

/// A half-open byte range `[start, end)` in one source file.
///
/// Spans are the only location type stored in trees; lines and columns are computed from a
/// `LineIndex` when a diagnostic is rendered (esbuild's "locations as one integer offset").
public struct Span: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: FileID
    public var start: UInt32
    public var end: UInt32

    public init(file: FileID, start: UInt32, end: UInt32) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    public init(file: FileID, _ range: Range<Int>) {
        self.init(file: file, start: UInt32(clamping: range.lowerBound), end: UInt32(clamping: range.upperBound))
    }

    /// An empty span at `offset`.
    public static func point(_ file: FileID, _ offset: Int) -> Span {
        Span(file: file, start: UInt32(clamping: offset), end: UInt32(clamping: offset))
    }

    public var length: Int { Int(end - start) }
    public var isEmpty: Bool { start == end }
    public var range: Range<Int> { Int(start)..<Int(end) }

    /// The smallest span covering both. Both must be in the same file.
    public func merged(with other: Span) -> Span {
        Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// An empty span at this span's end.
    public var endPoint: Span { Span(file: file, start: end, end: end) }
    /// An empty span at this span's start.
    public var startPoint: Span { Span(file: file, start: start, end: start) }

    public func contains(_ other: Span) -> Bool {
        other.file == file && other.start >= start && other.end <= end
    }

    public var description: String { "\(file)[\(start)..<\(end)]" }
}
