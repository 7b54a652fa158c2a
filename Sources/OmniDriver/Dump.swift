import OmniBase
import OmniIR
import OmniSema
import OmniSyntax

/// The stages `omni dump` can print.
public enum DumpStage: String, CaseIterable, Sendable {
    /// Markup and script tokens.
    case tokens
    /// The syntax tree with spans.
    case ast
    /// Every declaration and expression with its inferred type.
    case types
    /// The lowered IR, before optimization.
    case ir
    /// The IR after the optimizer at the chosen level.
    case opt
}

/// Renders what crosses a stage boundary, for `omni dump` and snapshot tests.
public enum Dumper {
    /// The dump of one file at `stage`, plus the diagnostics raised on the way.
    public static func dump(_ file: SourceFile, stage: DumpStage, optLevel: Int = 2) -> (String, [Diagnostic]) {
        switch stage {
        case .tokens:
            let (tokens, diagnostics) = Frontend.isTemplate(file.path) ? TemplateParser.tokens(file) : ComponentParser.tokens(file)
            var out = ""
            for t in tokens {
                let a = file.location(of: Int(t.span.start)), b = file.location(of: Int(t.span.end))
                out += "\(a.line):\(a.column)-\(b.line):\(b.column) \(t.kind) \(TreePrinter.quote(file.text(t.span)))\n"
            }
            return (out, diagnostics)
        case .ast where Frontend.isTemplate(file.path):
            let (tree, diagnostics) = TemplateParser.parse(file)
            var printer = TreePrinter(file: file)
            printer.print(tree)
            return (printer.output, diagnostics)
        case .ast:
            let (tree, diagnostics, ids) = ComponentParser.parseKeepingIDs(file)
            let (blocks, blockDiagnostics) = Frontend.parseBlocks(of: tree, in: file, ids: ids)
            var printer = TreePrinter(file: file)
            printer.print(tree)
            for block in blocks {
                switch block {
                case .schema(let s): printer.print(s)
                case .routes(let r): printer.print(r)
                }
            }
            return (printer.output, diagnostics + blockDiagnostics)
        case .types, .ir, .opt:
            let result = Frontend.check([file])
            var out = ""
            for component in result.program.components where component.file == file.id {
                switch stage {
                case .types: out += component.dumpTypes(file)
                case .ir: out += IRDump.ir(component, file: file)
                default: out += IRDump.opt(component, file: file, level: optLevel)
                }
            }
            return (out, result.diagnostics)
        }
    }
}
