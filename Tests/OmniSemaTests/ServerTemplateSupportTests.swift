import Foundation
import OmniBase
import OmniSema
import OmniSyntax
import OmniTestSupport
import Testing

// Builds the checked schema and routes of a project by hand (the schema/routes checker is a
// separate pass), parses real template files, and runs `ServerTemplateChecker` on them.

/// A project as `ServerTemplateChecker` sees it.
struct TemplateProject {
    var sources = SourceMap()
    var templates: [(path: String, file: FileID, ast: TemplateFile)] = []
    var parseDiagnostics: [Diagnostic] = []
    var routes: [CheckedRoute] = []
    var entities: [CheckedEntity] = []
    var enums: [CheckedEnum] = []
    var components = TypedProgram(components: [], diagnostics: [])
    /// The file route spans point into.
    var app: SourceFile?

    mutating func addTemplate(_ path: String, _ text: String) {
        let file = sources.add(path: path, text: text)
        let (ast, ds) = TemplateParser.parse(file)
        templates.append((path, file.id, ast))
        parseDiagnostics += ds
    }

    /// Adds every `.html` file under `directory/templates` as `templates/…`.
    mutating func addTemplates(from directory: String) {
        let root = directory + "/templates"
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }.sorted()
        for relative in files {
            let text = (try? String(contentsOfFile: root + "/" + relative, encoding: .utf8)) ?? ""
            addTemplate("templates/" + relative, text)
        }
    }

    mutating func setApp(path: String, text: String) { app = sources.add(path: path, text: text) }

    /// The span of the line of the app file that contains `needle` (from `needle` to the end of the line).
    func span(of needle: String) -> Span {
        guard let app, let r = app.text.range(of: needle) else { return .point(FileID(0), 0) }
        let start = app.text.utf8.distance(from: app.text.startIndex, to: r.lowerBound)
        let end = app.text[r.lowerBound...].firstIndex(of: "\n").map { app.text.utf8.distance(from: app.text.startIndex, to: $0) } ?? start
        return Span(file: app.id, start: UInt32(start), end: UInt32(end))
    }

    mutating func route(_ path: String, verb: HTTPVerb = .get, page template: String, _ bindings: [(String, ServerType)],
                        params: [ServerField] = [], query: [(String, ServerType)] = [], at needle: String? = nil) {
        let span = self.span(of: needle ?? "\(verb.rawValue) \"\(path)\"")
        let checked = bindings.map { name, type in
            CheckedBinding(name: name, query: CheckedQuery(entity: type.entityName ?? "", shape: .all, condition: nil, order: [],
                                                           limit: nil, offset: nil, includes: type.loaded),
                           type: type, span: span)
        }
        routes.append(CheckedRoute(verb: verb, path: path, segments: [], pathParameters: params,
                                   queryParameters: query.map { CheckedQueryParameter(name: $0.0, type: $0.1, defaultValue: nil, span: span) },
                                   pipelines: [], target: .page(template: "templates/\(template).html", bindings: checked),
                                   span: span, file: span.file))
    }

    /// Adds the `.omni` components at `paths` (checked by `Sema.check`).
    mutating func addComponents(_ paths: [String]) {
        var parsed: [(file: SourceFile, ast: OmniFile)] = []
        for path in paths {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let file = sources.add(path: "components/" + (path as NSString).lastPathComponent, text: text)
            parsed.append((file, ComponentParser.parse(file).0))
        }
        components = Sema.check(parsed)
    }

    func check() -> TemplateCheckResult {
        let (checked, diagnostics) = ServerTemplateChecker.check(templates: templates, routes: routes, entities: entities,
                                                                 enums: enums, components: components)
        return TemplateCheckResult(sources: sources, templates: checked, diagnostics: diagnostics,
                                   parseDiagnostics: parseDiagnostics + components.diagnostics)
    }
}

struct TemplateCheckResult {
    var sources: SourceMap
    var templates: [CheckedTemplate]
    var diagnostics: [Diagnostic]
    var parseDiagnostics: [Diagnostic]

    var sorted: [Diagnostic] { sortedDiagnostics(diagnostics, sources: sources) }
    var codes: [String] { sorted.map(\.code.rawValue) }
    var rendered: String {
        HumanRenderer(sources: sources, color: false).render(sorted, summary: RenderSummary(counting: sorted, files: sources.files.count))
    }

    func template(_ path: String) -> CheckedTemplate? { templates.first { $0.path == path } }

    /// The first expression of the template at `path` whose source text is `text`.
    func expr(_ path: String, _ text: String) -> TemplateExpr? {
        guard let t = template(path), let file = sources[t.file] else { return nil }
        return allExpressions(t.ast.items).first { file.text($0.span) == text }
    }

    func type(_ path: String, _ text: String) -> ServerType? {
        guard let e = expr(path, text) else { return nil }
        return template(path)?.types[e.id]
    }

    /// The types of every expression of the template at `path` whose source text is `text`.
    func types(_ path: String, _ text: String) -> [ServerType?] {
        guard let t = template(path), let file = sources[t.file] else { return [] }
        return allExpressions(t.ast.items).filter { file.text($0.span) == text }.map { t.types[$0.id] }
    }

    func root(_ path: String, _ text: String) -> TemplateRoot? {
        guard let e = expr(path, text) else { return nil }
        return template(path)?.roots[e.id]
    }
}

/// Every expression of a template, in order, helpers before their arguments.
func allExpressions(_ items: [TemplateItem]) -> [TemplateExpr] {
    func exprs(_ e: TemplateExpr) -> [TemplateExpr] {
        if case .helper(_, _, let args) = e.kind { return [e] + args.flatMap(exprs) }
        return [e]
    }
    var out: [TemplateExpr] = []
    for item in items {
        switch item.kind {
        case .output(let o), .rawOutput(let o): out += exprs(o.expression)
        case .ifBlock(let b), .unlessBlock(let b):
            for branch in b.branches { out += exprs(branch.condition) + allExpressions(branch.items) }
            out += allExpressions(b.elseItems ?? [])
        case .eachBlock(let e): out += exprs(e.iterable) + allExpressions(e.items) + allExpressions(e.elseItems ?? [])
        case .partial(let p): out += p.arguments.flatMap { exprs($0.value) }
        case .component(let c): out += c.arguments.flatMap { exprs($0.value) }
        default: break
        }
    }
    return out
}

extension ServerType {
    var entityName: String? {
        switch self {
        case .entity(let n, _): n
        case .list(let t), .optional(let t): t.entityName
        default: nil
        }
    }

    var loaded: [String] {
        switch self {
        case .entity(_, let l): l
        case .list(let t), .optional(let t): t.loaded
        default: []
        }
    }
}

// MARK: - The blog's schema

enum BlogModel {
    static func field(_ name: String, _ type: ServerType, relation: Relation? = nil, implicit: Bool = false) -> CheckedField {
        let column: String? = switch relation {
        case .toMany: nil
        case .toOne: name + "_id"
        case nil: name
        }
        return CheckedField(name: name, type: type, column: column, relation: relation, isImplicit: implicit, span: .point(FileID(0), 0))
    }

    static let implicit = [field("id", .scalar(.int), implicit: true), field("createdAt", .scalar(.datetime), implicit: true),
                           field("updatedAt", .scalar(.datetime), implicit: true)]

    /// `User` and `Post` of Fixtures/projects/blog/app.omni; `withEditor` adds `editor: User?` to `Post`.
    static func entities(withEditor: Bool = false) -> [CheckedEntity] {
        let user = CheckedEntity(name: "User", table: "users", fields: implicit + [
            field("name", .scalar(.string)), field("email", .scalar(.string)), field("role", .enumeration("Role")),
            field("age", .optional(.scalar(.int))),
            field("posts", .list(.entity("Post", loaded: [])), relation: .toMany(entity: "Post", inverse: "author")),
        ], file: FileID(0), span: .point(FileID(0), 0))
        var postFields = implicit + [
            field("title", .scalar(.string)), field("body", .scalar(.text)), field("published", .scalar(.bool)),
            field("views", .scalar(.int)), field("author", .entity("User", loaded: []), relation: .toOne(entity: "User")),
        ]
        if withEditor { postFields.append(field("editor", .optional(.entity("User", loaded: [])), relation: .toOne(entity: "User"))) }
        let post = CheckedEntity(name: "Post", table: "posts", fields: postFields, file: FileID(0), span: .point(FileID(0), 0))
        return [user, post]
    }

    static let enums = [CheckedEnum(name: "Role", cases: ["admin", "author", "reader"], file: FileID(0), span: .point(FileID(0), 0))]

    static func user(_ loaded: [String] = []) -> ServerType { .entity("User", loaded: loaded) }
    static func post(_ loaded: [String] = []) -> ServerType { .entity("Post", loaded: loaded) }
}

@Suite struct ServerTemplateSupportTests {
    @Test func expressionsAreFoundBySourceText() {
        var p = TemplateProject()
        p.addTemplate("templates/a.html", "{{#if (eq a 1)}}{{b.c}}{{/if}}")
        let r = p.check()
        #expect(r.expr("templates/a.html", "b.c") != nil)
        #expect(r.expr("templates/a.html", "(eq a 1)") != nil)
        #expect(r.expr("templates/a.html", "zzz") == nil)
    }
}
