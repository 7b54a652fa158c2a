import OmniBase
import OmniSyntax

/// The stages `omni dump` can print.
public enum DumpStage: String, CaseIterable, Sendable {
    case tokens, ast
}

/// Renders what crosses a stage boundary, for `omni dump` and snapshot tests.
public enum Dumper {
    /// The dump of one file at `stage`, plus the diagnostics raised on the way.
    public static func dump(_ file: SourceFile, stage: DumpStage) -> (String, [Diagnostic]) {
        switch stage {
        case .tokens:
            let (tokens, diagnostics) = ComponentParser.tokens(file)
            var out = ""
            for t in tokens {
                let a = file.location(of: Int(t.span.start)), b = file.location(of: Int(t.span.end))
                out += "\(a.line):\(a.column)-\(b.line):\(b.column) \(t.kind) \(TreePrinter.quote(file.text(t.span)))\n"
            }
            return (out, diagnostics)
        case .ast:
            let (tree, diagnostics) = ComponentParser.parse(file)
            var printer = TreePrinter(file: file)
            printer.print(tree)
            return (printer.output, diagnostics)
        }
    }
}
