/// How bad a diagnostic is. Errors fail `omni check`; warnings fail it under `--deny-warnings`.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A stable diagnostic code such as `E0101`. Codes are never reused for another meaning.
public struct DiagnosticCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }
}

/// A secondary span that helps explain a diagnostic ("the opening tag is here").
public struct Label: Hashable, Sendable {
    public var span: Span
    public var message: String
    public init(_ span: Span, _ message: String) { self.span = span; self.message = message }
}

/// Replace the bytes of `span` with `replacement` (an insertion when the span is empty).
public struct TextEdit: Hashable, Sendable {
    public var span: Span
    public var replacement: String
    public init(span: Span, replacement: String) { self.span = span; self.replacement = replacement }
}

/// A concrete fix a tool can apply: a message and the edits that make it.
public struct FixIt: Hashable, Sendable {
    public var message: String
    public var edits: [TextEdit]
    public init(_ message: String, edits: [TextEdit]) { self.message = message; self.edits = edits }

    /// A fix that replaces one span.
    public static func replace(_ span: Span, with text: String, _ message: String) -> FixIt {
        FixIt(message, edits: [TextEdit(span: span, replacement: text)])
    }
    /// A fix that inserts text at a point.
    public static func insert(_ text: String, at span: Span, _ message: String) -> FixIt {
        FixIt(message, edits: [TextEdit(span: span.startPoint, replacement: text)])
    }
}

/// One problem found in the user's sources. Plain data: rendering lives in `Rendering/`.
public struct Diagnostic: Hashable, Sendable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    /// Where the problem is. Never a span in generated code.
    public var span: Span
    /// Optional text under the primary carets.
    public var primaryLabel: String?
    public var labels: [Label]
    public var notes: [String]
    public var help: [String]
    public var fixes: [FixIt]

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, at span: Span,
        label: String? = nil, labels: [Label] = [], notes: [String] = [], help: [String] = [], fixes: [FixIt] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
        self.primaryLabel = label
        self.labels = labels
        self.notes = notes
        self.help = help
        self.fixes = fixes
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: span, label: label)
    }
    public static func warning(_ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: span, label: label)
    }

    // Builder-style helpers keep construction sites short.
    public func labeled(_ span: Span, _ message: String) -> Diagnostic { var d = self; d.labels.append(Label(span, message)); return d }
    public func note(_ text: String) -> Diagnostic { var d = self; d.notes.append(text); return d }
    public func helping(_ text: String) -> Diagnostic { var d = self; d.help.append(text); return d }
    public func fixing(_ fix: FixIt) -> Diagnostic { var d = self; d.fixes.append(fix); return d }
    /// "did you mean `match`?" with a fix-it replacing `span` by it.
    public func suggesting(_ match: String, at span: Span) -> Diagnostic {
        helping("did you mean `\(match)`?").fixing(.replace(span, with: match, "replace with `\(match)`"))
    }
}

extension Diagnostic {
    /// The deterministic order of output: file, position, severity, code, message.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic, paths: (FileID) -> String) -> Bool {
        let pa = paths(a.span.file), pb = paths(b.span.file)
        if pa != pb { return pa < pb }
        if a.span.start != b.span.start { return a.span.start < b.span.start }
        if a.span.end != b.span.end { return a.span.end < b.span.end }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}

/// Collects diagnostics during a pass. Value type: each pass owns its own.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    public init() {}

    public mutating func add(_ d: Diagnostic) { all.append(d) }
    public mutating func append(contentsOf ds: [Diagnostic]) { all.append(contentsOf: ds) }
    public mutating func error(_ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil) {
        add(.error(code, message, at: span, label: label))
    }
    public mutating func warning(_ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil) {
        add(.warning(code, message, at: span, label: label))
    }

    public var errorCount: Int { all.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { all.lazy.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var isEmpty: Bool { all.isEmpty }
}
