import OmniBase
import OmniSyntax

// Helpers shared by the schema and routes tests.

/// A parsed `<schema>` or `<routes>` body (the whole text is the body).
struct ParsedBlock<Block> {
    let file: SourceFile
    let block: Block
    let diagnostics: [Diagnostic]
    let dump: String

    var codes: [String] { diagnostics.map(\.code.rawValue) }
    /// The AST dump without spans.
    var shape: String { stripSpans(dump) }
    /// One line per diagnostic: `E0761 2:8 message`.
    var report: String {
        diagnostics.map { d in
            let l = file.location(of: Int(d.span.start))
            return "\(d.code) \(l.line):\(l.column) \(d.message)"
        }.joined(separator: "\n")
    }
    /// The text under a diagnostic's primary span.
    func text(_ d: Diagnostic) -> String { file.text(d.span) }
}

func parseSchemaBody(_ text: String) -> ParsedBlock<SchemaBlock> {
    let file = SourceFile(id: FileID(0), path: "app.omni", text: text)
    var ids = NodeIDGenerator()
    let (block, diagnostics) = SchemaParser.parse(file, range: 0..<file.bytes.count, ids: &ids)
    var p = TreePrinter(file: file)
    p.print(block)
    return ParsedBlock(file: file, block: block, diagnostics: diagnostics, dump: p.output)
}

func parseRoutesBody(_ text: String) -> ParsedBlock<RoutesBlock> {
    let file = SourceFile(id: FileID(0), path: "app.omni", text: text)
    var ids = NodeIDGenerator()
    let (block, diagnostics) = RoutesParser.parse(file, range: 0..<file.bytes.count, ids: &ids)
    var p = TreePrinter(file: file)
    p.print(block)
    return ParsedBlock(file: file, block: block, diagnostics: diagnostics, dump: p.output)
}

/// A whole `.omni` file read as the driver will: `ComponentParser` finds the `<schema>` and
/// `<routes>` blocks, the schema and routes parsers read their bodies with one ID generator.
struct ParsedApp {
    let sources: SourceMap
    let file: SourceFile
    let schemas: [SchemaBlock]
    let routes: [RoutesBlock]
    /// The markup diagnostics, then those of each block in source order.
    let diagnostics: [Diagnostic]
    let dump: String

    var codes: [String] { diagnostics.map(\.code.rawValue) }

    /// The diagnostics as `omni check` prints them, without colour.
    var rendered: String {
        HumanRenderer(sources: sources, color: false)
            .render(diagnostics, summary: RenderSummary(counting: diagnostics, files: 1))
    }
}

func parseApp(_ text: String, path: String = "app.omni") -> ParsedApp {
    parseApp(bytes: Array(text.utf8), path: path)
}

func parseApp(bytes: [UInt8], path: String = "app.omni") -> ParsedApp {
    var sources = SourceMap()
    let file = sources.add(path: path, bytes: bytes)
    let (tree, markup) = ComponentParser.parse(file)
    var diagnostics = markup
    var ids = NodeIDGenerator()
    var schemas: [SchemaBlock] = []
    var routes: [RoutesBlock] = []
    var p = TreePrinter(file: file)
    for item in tree.items {
        switch item {
        case .schema(let raw):
            let (block, ds) = SchemaParser.parse(file, range: raw.body.range, ids: &ids)
            schemas.append(block)
            diagnostics += ds
            p.print(block)
        case .routes(let raw):
            let (block, ds) = RoutesParser.parse(file, range: raw.body.range, ids: &ids)
            routes.append(block)
            diagnostics += ds
            p.print(block)
        case .component, .comment:
            break
        }
    }
    return ParsedApp(sources: sources, file: file, schemas: schemas, routes: routes, diagnostics: diagnostics, dump: p.output)
}
