/// Renders diagnostics as GitHub Actions workflow commands, which GitHub shows as
/// annotations on the changed files of a pull request:
///
/// ```
/// ::error file=components/Counter.omni,line=5,col=20,endLine=5,endColumn=35,title=E0301::cannot add `number` and `string`%0Ahelp: use a template literal
/// ```
///
/// - `::error`, `::warning` or `::notice` (for notes), one line per diagnostic, sorted.
/// - `line`/`col` are the span's start (1-based, columns in Unicode scalars). GitHub's
///   `endColumn` is inclusive, so it is the column of the span's last character (`col` for an
///   empty span). GitHub rejects columns on annotations over several lines, so `col` and
///   `endColumn` are only written when the span starts and ends on the same line.
/// - `title` is the code (left out when empty); without a known file, only `title` is given.
/// - The message is followed, each on its own line, by the primary label (`label: …`),
///   the notes (`note: …`), help (`help: …`) and fix-it messages (`help: …`).
/// - Escaping follows GitHub's rules: in the message `%`, `\r`, `\n` become `%25`, `%0D`,
///   `%0A`; in property values `:` and `,` also become `%3A` and `%2C`. Other control
///   characters (which would reach the log as is) are replaced like in terminal output:
///   control pictures (`␛`), U+FFFD for C1 controls, `\u{202E}` for bidi controls.
/// - The summary is not printed: GitHub counts annotations itself.
public struct GitHubRenderer: DiagnosticRenderer {
    public let sources: SourceMap

    public init(sources: SourceMap) {
        self.sources = sources
    }

    /// One workflow command, without a trailing newline.
    public func render(_ d: Diagnostic) -> String {
        let command: String
        switch d.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var properties: [(String, String)] = []
        if let (file, range) = sources.resolve(d.span) {
            let start = file.location(of: range.lowerBound)
            let last = file.location(of: lastScalar(range, file.bytes))
            properties.append(("file", file.path))
            properties.append(("line", String(start.line)))
            if last.line == start.line {
                properties.append(("col", String(start.column)))
                properties.append(("endLine", String(last.line)))
                properties.append(("endColumn", String(last.column)))
            } else {
                properties.append(("endLine", String(last.line)))
            }
        }
        if !d.code.rawValue.isEmpty { properties.append(("title", d.code.rawValue)) }

        var message = d.message
        if let label = d.primaryLabel, !label.isEmpty { message += "\nlabel: " + label }
        for note in d.notes { message += "\nnote: " + note }
        for help in d.help { message += "\nhelp: " + help }
        for fix in d.fixes { message += "\nhelp: " + fix.message }

        var line = "::" + command
        if !properties.isEmpty {
            line += " " + properties.map { $0.0 + "=" + terminalSafe(GitHubRenderer.escapeProperty($0.1)) }.joined(separator: ",")
        }
        return line + "::" + terminalSafe(GitHubRenderer.escapeData(message))
    }

    /// One command per diagnostic, sorted, each ending with a newline.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        sortedDiagnostics(diagnostics, sources: sources).map { render($0) + "\n" }.joined()
    }

    /// The same as `render(_:)`: the summary is not printed.
    public func render(_ diagnostics: [Diagnostic], summary: RenderSummary) -> String {
        render(diagnostics)
    }

    /// The offset where the span's last scalar starts (its start when empty).
    private func lastScalar(_ range: Range<Int>, _ bytes: [UInt8]) -> Int {
        guard !range.isEmpty else { return range.lowerBound }
        var i = range.upperBound - 1
        while i > range.lowerBound, bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// Escapes a command's message: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escapes a property value: as `escapeData`, plus `:` → `%3A` and `,` → `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
