import OmniBase

/// Builds the indented text of `omni dump --stage ast` and of AST snapshot tests.
///
/// Each node is one line: `Label detail @line:col-line:col`, children indented two spaces.
/// Spans print as 1-based line:column pairs so snapshots read like the source.
public struct TreePrinter {
    public let file: SourceFile
    public private(set) var output = ""
    private var depth = 0

    public init(file: SourceFile) { self.file = file }

    /// `@3:5-3:17`: the span's start and end as line:column.
    public func location(_ span: Span) -> String {
        let a = file.location(of: Int(span.start)), b = file.location(of: Int(span.end))
        return "@\(a.line):\(a.column)-\(b.line):\(b.column)"
    }

    /// Prints one line for a node.
    public mutating func line(_ label: String, _ span: Span?) {
        output += String(repeating: "  ", count: depth)
        output += label
        if let span { output += " " + location(span) }
        output += "\n"
    }

    /// Prints a node's line, then its children one level deeper.
    public mutating func node(_ label: String, _ span: Span?, _ children: (inout TreePrinter) -> Void) {
        line(label, span)
        depth += 1
        children(&self)
        depth -= 1
    }

    /// Prints children one level deeper under no line of their own (for grouping labels).
    public mutating func indented(_ children: (inout TreePrinter) -> Void) {
        depth += 1
        children(&self)
        depth -= 1
    }

    /// A string literal as it appears in dumps: quoted, with `\n`, `\t`, `"` and `\` escaped.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
