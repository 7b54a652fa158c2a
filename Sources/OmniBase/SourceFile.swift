/// One source file: its display path (relative to the project when possible), its bytes,
/// and a line index. Immutable and shareable across threads.
public final class SourceFile: Sendable {
    public let id: FileID
    /// The path shown to users, e.g. `components/Counter.omni`.
    public let path: String
    /// The file's bytes as UTF-8. Invalid UTF-8 is kept byte for byte; lexers report it.
    public let bytes: [UInt8]
    public let lines: LineIndex

    public init(id: FileID, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
        self.lines = LineIndex(bytes)
    }

    public convenience init(id: FileID, path: String, text: String) {
        self.init(id: id, path: path, bytes: Array(text.utf8))
    }

    /// The text of a byte range, decoded leniently (invalid UTF-8 becomes U+FFFD).
    public func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    public func text(_ span: Span) -> String { text(span.range) }

    /// The whole file as a String (lenient decoding).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    public func location(of offset: Int) -> SourceLocation { lines.location(of: offset, in: bytes) }

    /// The text of a 1-based line, without its line terminator.
    public func lineText(_ line: Int) -> String { text(lines.byteRange(ofLine: line, in: bytes)) }
}

/// A rendered position: 1-based line, 1-based column counted in Unicode scalars.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// The set of files of one compilation, addressed by `FileID`.
public struct SourceMap: Sendable {
    public private(set) var files: [SourceFile] = []
    public init() {}

    /// Adds a file and returns it with its new ID.
    @discardableResult
    public mutating func add(path: String, bytes: [UInt8]) -> SourceFile {
        let file = SourceFile(id: FileID(UInt32(files.count)), path: path, bytes: bytes)
        files.append(file)
        return file
    }

    @discardableResult
    public mutating func add(path: String, text: String) -> SourceFile {
        add(path: path, bytes: Array(text.utf8))
    }

    public subscript(id: FileID) -> SourceFile? {
        let i = Int(id.raw)
        return i < files.count ? files[i] : nil
    }
}
