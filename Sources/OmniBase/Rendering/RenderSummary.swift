/// The totals printed after a batch of diagnostics.
public struct RenderSummary: Hashable, Sendable {
    public var errors: Int
    public var warnings: Int
    /// How many source files were checked (not only those with diagnostics).
    public var files: Int

    public init(errors: Int, warnings: Int, files: Int) {
        self.errors = errors
        self.warnings = warnings
        self.files = files
    }

    /// Counts the errors and warnings of `diagnostics` (notes count as neither).
    public init(counting diagnostics: [Diagnostic], files: Int) {
        self.init(
            errors: diagnostics.count(where: { $0.severity == .error }),
            warnings: diagnostics.count(where: { $0.severity == .warning }),
            files: files)
    }
}

/// Something that turns a batch of diagnostics into text for one audience
/// (`HumanRenderer`, `JSONRenderer`, `GitHubRenderer`). The driver picks one from `--format`.
public protocol DiagnosticRenderer: Sendable {
    /// The whole output for a batch: deterministic for the same input, in any order.
    func render(_ diagnostics: [Diagnostic], summary: RenderSummary) -> String
}

/// The diagnostics in output order: by file path, then start and end offset, severity,
/// code and message (`Diagnostic.ordered`); remaining ties keep their input order, so the
/// result is fully deterministic. Diagnostics whose file is not in `sources` come first.
public func sortedDiagnostics(_ diagnostics: [Diagnostic], sources: SourceMap) -> [Diagnostic] {
    let paths: (FileID) -> String = { sources[$0]?.path ?? "" }
    return diagnostics.enumerated().sorted { a, b in
        if Diagnostic.ordered(a.element, b.element, paths: paths) { return true }
        if Diagnostic.ordered(b.element, a.element, paths: paths) { return false }
        return a.offset < b.offset
    }.map(\.element)
}

/// A resolved position range of a span, 1-based, columns in Unicode scalars, end exclusive.
struct SpanPosition: Sendable, Equatable {
    var start: SourceLocation
    var end: SourceLocation
}

extension Span {
    /// `[start, end)` as byte offsets clamped to `0...byteCount`; never traps, even when the
    /// span's fields were set out of order or past the end of the file.
    func clamped(to byteCount: Int) -> Range<Int> {
        let s = min(Int(start), byteCount)
        let e = min(max(Int(end), s), byteCount)
        return s..<e
    }
}

extension SourceMap {
    /// The file and clamped byte range of a span, or nil when the file is unknown.
    func resolve(_ span: Span) -> (file: SourceFile, range: Range<Int>)? {
        guard let file = self[span.file] else { return nil }
        return (file, span.clamped(to: file.bytes.count))
    }

    /// Line and column of both ends of a span (see `SpanPosition`), or nil for an unknown file.
    func position(of span: Span) -> (file: SourceFile, position: SpanPosition)? {
        guard let (file, range) = resolve(span) else { return nil }
        return (file, SpanPosition(start: file.location(of: range.lowerBound), end: file.location(of: range.upperBound)))
    }
}

/// "1 error", "2 warnings".
func pluralized(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
