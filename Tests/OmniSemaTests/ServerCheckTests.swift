import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import Testing

/// The result of parsing in-memory `.omni` files and templates and checking their server side.
struct ServerChecked {
    var sources: SourceMap
    var program: ServerProgram
    var parseDiagnostics: [Diagnostic]

    var all: [Diagnostic] { sortedDiagnostics(parseDiagnostics + program.diagnostics, sources: sources) }
    var codes: [String] { all.map(\.code.rawValue) }
    var rendered: String {
        HumanRenderer(sources: sources, color: false).render(all, summary: RenderSummary(counting: all, files: sources.files.count))
    }
    func text(_ span: Span) -> String { sources[span.file]?.text(span) ?? "" }
    func route(_ verb: HTTPVerb, _ path: String) -> CheckedRoute? { program.routes.first { $0.verb == verb && $0.path == path } }
}

/// Parses `.omni` files (path, text) and templates, then runs `Sema.checkServer`. `templates`
/// are project-relative paths of empty templates; `templateFiles` are (path, text) pairs.
func checkServer(files: [(String, String)], templates: [String] = [], templateFiles: [(String, String)] = [],
                 checkTemplates: Bool = false) -> ServerChecked {
    var sources = SourceMap()
    var parseDiagnostics: [Diagnostic] = []
    var schemas: [(file: FileID, block: SchemaBlock)] = []
    var routes: [(file: FileID, block: RoutesBlock)] = []
    var parsedTemplates: [(path: String, file: FileID, ast: TemplateFile)] = []
    var omniFiles: [(file: SourceFile, ast: OmniFile)] = []
    for (path, text) in files {
        let file = sources.add(path: path, text: text)
        let (tree, markup, generator) = ComponentParser.parseKeepingIDs(file)
        omniFiles.append((file, tree))
        parseDiagnostics += markup
        var ids = generator
        for item in tree.items {
            switch item {
            case .schema(let raw):
                let (block, ds) = SchemaParser.parse(file, range: raw.body.range, ids: &ids)
                schemas.append((file.id, block)); parseDiagnostics += ds
            case .routes(let raw):
                let (block, ds) = RoutesParser.parse(file, range: raw.body.range, ids: &ids)
                routes.append((file.id, block)); parseDiagnostics += ds
            case .component, .comment:
                break
            }
        }
    }
    for (path, text) in templateFiles + templates.map({ ($0, "") }) {
        let file = sources.add(path: path, text: text)
        let (ast, ds) = TemplateParser.parse(file)
        parsedTemplates.append((path, file.id, ast))
        parseDiagnostics += ds
    }
    let components = Sema.check(omniFiles)
    var program = Sema.checkServer(schemas: schemas, routes: routes, templates: parsedTemplates, components: components)
    if !checkTemplates {
        // These goldens are about schemas and routes: the templates given are stand-ins
        // (often empty files), so the template checker's own findings are left out.
        program.diagnostics.removeAll { d in
            let code = d.code.rawValue
            return (code >= "E0460" && code <= "E0489") || (code >= "W0530" && code <= "W0539")
        }
    }
    return ServerChecked(sources: sources, program: program, parseDiagnostics: parseDiagnostics)
}

/// Checks one `app.omni`.
func checkServer(_ text: String, templates: [String] = []) -> ServerChecked {
    checkServer(files: [("app.omni", text)], templates: templates)
}

/// A readable dump of the checked model, for golden files.
func dump(_ p: ServerProgram) -> String {
    var out: [String] = []
    for e in p.enums { out.append("enum \(e.name) { \(e.cases.joined(separator: ", ")) }") }
    for e in p.entities {
        out.append("entity \(e.name) -> \(e.table)")
        for f in e.fields {
            var line = "  \(f.name): \(f.type) column=\(f.column ?? "-")"
            if let r = f.relation { line += " relation=\(r)" }
            if !f.validations.isEmpty { line += " validations=\(f.validations)" }
            if let d = f.defaultValue { line += " default=\(d)" }
            if f.isUnique { line += " unique" }
            if f.isIndexed { line += " indexed" }
            if f.isImplicit { line += " implicit" }
            out.append(line)
        }
    }
    for pl in p.pipelines { out.append("pipeline \(pl.name): \(pl.plugs)") }
    for (i, r) in p.routes.enumerated() {
        out.append("route \(i): \(r.verb.method) \(r.path) through [\(r.pipelines.joined(separator: ", "))]")
        if !r.pathParameters.isEmpty { out.append("  path: " + r.pathParameters.map { "\($0.name): \($0.type)" }.joined(separator: ", ")) }
        if !r.queryParameters.isEmpty {
            out.append("  query: " + r.queryParameters.map { "\($0.name): \($0.type)\($0.defaultValue.map { " = \($0)" } ?? "")" }.joined(separator: ", "))
        }
        switch r.target {
        case .page(let template, let bindings):
            out.append("  page \(template)")
            for b in bindings { out.append("    \(b.name): \(b.type) = \(show(b.query))") }
        case .json(let bindings):
            out.append("  json")
            for b in bindings { out.append("    \(b.name): \(b.type) = \(show(b.query))") }
        case .redirect(let to, let isURL):
            out.append("  redirect \(to)\(isURL ? " (url)" : "")")
        case .resource(let entity, let action):
            out.append("  resource \(entity).\(action)")
        }
    }
    return out.joined(separator: "\n")
        .replacingOccurrences(of: "OmniSema.", with: "").replacingOccurrences(of: "CheckedValidation.", with: "")
        .replacingOccurrences(of: "CheckedPlug.", with: "").replacingOccurrences(of: "AuthScheme.", with: "")
        .replacingOccurrences(of: "Relation.", with: "").replacingOccurrences(of: "DefaultValue.", with: "") + "\n"
}

func show(_ q: CheckedQuery) -> String {
    var parts: [String] = []
    switch q.shape {
    case .find(let id): parts.append("find(\(show(id)))")
    case .all: parts.append("all")
    case .first: parts.append("first")
    case .count: parts.append("count")
    }
    if let c = q.condition { parts.append("where(\(show(c)))") }
    if !q.order.isEmpty { parts.append("order(" + q.order.map { ($0.descending ? "-" : "") + $0.path }.joined(separator: ", ") + ")") }
    if let l = q.limit { parts.append("limit(\(show(l)))") }
    if let o = q.offset { parts.append("offset(\(show(o)))") }
    if !q.includes.isEmpty { parts.append("include(\(q.includes.joined(separator: ", ")))") }
    return q.entity + "." + parts.joined(separator: ".")
}

func show(_ c: QueryCondition) -> String {
    switch c {
    case .and(let a, let b): "(\(show(a)) && \(show(b)))"
    case .or(let a, let b): "(\(show(a)) || \(show(b)))"
    case .not(let a): "!\(show(a))"
    case .compare(let field, let op, let operand): "\(field.joined(separator: ".")) \(op.rawValue) \(show(operand))"
    case .isTrue(let field): field.joined(separator: ".")
    }
}

func show(_ o: QueryOperand) -> String {
    switch o {
    case .literal(let v): "\(v)".replacingOccurrences(of: "OmniSema.DefaultValue.", with: "")
    case .parameter(let name, let type): ":\(name) (\(type))"
    case .list(let xs): "[" + xs.map(show).joined(separator: ", ") + "]"
    }
}
