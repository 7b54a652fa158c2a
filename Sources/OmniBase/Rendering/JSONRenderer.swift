/// Renders diagnostics as JSON for editors and CI, following the contract of DESIGN.md §6
/// (fields may be added, never removed or renamed):
///
/// ```
/// {"diagnostics":[{"file":"components/Counter.omni","line":5,"column":20,"endLine":5,"endColumn":36,
///   "severity":"error","code":"E0301","message":"…","label":"…",
///   "labels":[{"line":4,"column":11,"endLine":4,"endColumn":15,"message":"…"}],
///   "notes":["…"],"help":["…"],
///   "fixes":[{"message":"…","edits":[{"line":5,"column":30,"endLine":5,"endColumn":36,"text":"name"}]}]}],
///  "summary":{"errors":1,"warnings":0,"files":12}}
/// ```
///
/// - Lines and columns are 1-based; columns count Unicode scalars. `endLine`/`endColumn` is
///   the position just past the span's last character (exclusive, as in LSP): an empty span
///   has `endColumn == column`, and a span ending with a line break ends at column 1 of the
///   next line.
/// - `severity` is `error`, `warning` or `note`; `code` may be empty.
/// - `label` (the text under the primary span) is present only when there is one.
/// - A label or edit in a different file than the diagnostic carries its own `"file"`.
/// - A diagnostic (or label, or edit) whose file is unknown has `"file": null` and all
///   positions 0. Spans past the end of a file are clamped to it.
/// - Keys appear in the order above; diagnostics in `sortedDiagnostics` order; strings are
///   escaped as `JSONValue.writeString` describes. The output has no trailing newline
///   (compact output is exactly one line).
public struct JSONRenderer: DiagnosticRenderer {
    public let sources: SourceMap
    /// Two-space indented output instead of one line.
    public let pretty: Bool

    public init(sources: SourceMap, pretty: Bool = false) {
        self.sources = sources
        self.pretty = pretty
    }

    /// The whole document: `{"diagnostics":[…],"summary":{…}}`, without a trailing newline.
    public func render(_ diagnostics: [Diagnostic], summary: RenderSummary) -> String {
        let document = JSONValue.object([
            ("diagnostics", .array(sortedDiagnostics(diagnostics, sources: sources).map(value(of:)))),
            ("summary", .object([
                ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)),
                ("files", .int(summary.files)),
            ])),
        ])
        return document.serialized(pretty: pretty)
    }

    /// One diagnostic as a JSON object (no trailing newline), e.g. for a language server.
    public func render(_ diagnostic: Diagnostic) -> String {
        value(of: diagnostic).serialized(pretty: pretty)
    }

    func value(of d: Diagnostic) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if let (file, _) = sources.position(of: d.span) {
            fields.append(("file", .string(file.path)))
        } else {
            fields.append(("file", .null))
        }
        fields += positionFields(d.span)
        fields += [
            ("severity", .string(d.severity.rawValue)),
            ("code", .string(d.code.rawValue)),
            ("message", .string(d.message)),
        ]
        if let label = d.primaryLabel { fields.append(("label", .string(label))) }
        fields.append(("labels", .array(d.labels.map { label in
            .object(fileField(label.span, primary: d.span.file) + positionFields(label.span) + [("message", .string(label.message))])
        })))
        fields.append(("notes", .array(d.notes.map(JSONValue.string))))
        fields.append(("help", .array(d.help.map(JSONValue.string))))
        fields.append(("fixes", .array(d.fixes.map { fix in
            .object([
                ("message", .string(fix.message)),
                ("edits", .array(fix.edits.map { edit in
                    .object(fileField(edit.span, primary: d.span.file) + positionFields(edit.span) + [("text", .string(edit.replacement))])
                })),
            ])
        })))
        return .object(fields)
    }

    /// `"file"` for a span outside the diagnostic's file (null when that file is unknown).
    private func fileField(_ span: Span, primary: FileID) -> [(String, JSONValue)] {
        guard span.file != primary else { return [] }
        return [("file", sources[span.file].map { .string($0.path) } ?? .null)]
    }

    /// `line`, `column`, `endLine`, `endColumn` of a span (all 0 when its file is unknown).
    private func positionFields(_ span: Span) -> [(String, JSONValue)] {
        let p = sources.position(of: span)?.position
            ?? SpanPosition(start: SourceLocation(line: 0, column: 0), end: SourceLocation(line: 0, column: 0))
        return [
            ("line", .int(p.start.line)),
            ("column", .int(p.start.column)),
            ("endLine", .int(p.end.line)),
            ("endColumn", .int(p.end.column)),
        ]
    }
}
