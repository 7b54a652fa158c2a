import OmniBase
import OmniSyntax

/// Type-checks every template against the contexts its routes and callers give it
/// (docs/LANGUAGE.md, "Template checking"):
///
/// - a page's context is its routes' bindings, path parameters and query parameters (all
///   routes rendering one page must agree);
/// - a partial's context is the `key=value` arguments of its call sites (and the context of
///   a route that renders it as a page), which must agree;
/// - a layout is checked once per distinct context of the pages that use it.
///
/// Templates are checked callers first (pages, then their layouts, then partials in include
/// order), so a partial's context is known when it is checked. Recursive partials are
/// reported and their back edges ignored. Pure and deterministic; never traps.
public enum ServerTemplateChecker {
    public static func check(templates: [(path: String, file: FileID, ast: TemplateFile)],
                             routes: [CheckedRoute], entities: [CheckedEntity], enums: [CheckedEnum],
                             components: TypedProgram) -> (templates: [CheckedTemplate], diagnostics: [Diagnostic]) {
        var run = TemplateCheckRun(templates: templates, entities: entities, enums: enums, components: components)
        run.collectRouteContexts(routes)
        run.findIncludeCycles()
        for path in run.checkingOrder() { run.process(path) }
        return (run.results(), run.uniqueDiagnostics())
    }
}

/// The context a route gives the template it renders.
struct TemplateRouteContext {
    var fields: [ServerField]
    /// `` `GET /users/:id` `` for every route rendering it.
    var routes: [String]
    var provenance: [String: String]
    var firstSpan: Span
}

/// The state of one `ServerTemplateChecker.check`.
struct TemplateCheckRun {
    struct Output {
        var context: [ServerField] = []
        var layout: String?
        var types: [NodeID: ServerType] = [:]
        var roots: [NodeID: TemplateRoot] = [:]
    }

    /// The templates by path (the first of a duplicated path wins), sorted by path.
    let inputs: [(path: String, file: FileID, ast: TemplateFile)]
    let byPath: [String: TemplateFile]
    let env: TemplateEnvironment
    var diagnostics: [Diagnostic] = []
    var routeContexts: [String: TemplateRouteContext] = [:]
    /// `{{> …}}` tags that close an include cycle (their spans); ignored for ordering.
    var cyclicTags: Set<Span> = []
    var calls: [String: [TemplatePartialCall]] = [:]
    /// Layout path → the pages using it, with their contexts.
    var layoutUses: [String: [(page: String, context: [ServerField], provenance: [String: String])]] = [:]
    var outputs: [String: Output] = [:]

    init(templates: [(path: String, file: FileID, ast: TemplateFile)], entities: [CheckedEntity], enums: [CheckedEnum],
         components: TypedProgram) {
        var seen: [String: TemplateFile] = [:]
        var inputs: [(path: String, file: FileID, ast: TemplateFile)] = []
        for t in templates where seen[t.path] == nil {
            seen[t.path] = t.ast
            inputs.append(t)
        }
        self.inputs = inputs.sorted { $0.path < $1.path }
        self.byPath = seen
        self.env = TemplateEnvironment(entities: entities, enums: enums, kinds: Dictionary(uniqueKeysWithValues: seen.keys.map { ($0, TemplateKind.of(path: $0)) }),
                                       components: components)
    }

    // MARK: - Route contexts

    mutating func collectRouteContexts(_ routes: [CheckedRoute]) {
        for route in routes {
            // A route rendering a missing template is the routes checker's to report.
            guard case .page(let template, let bindings) = route.target, byPath[template] != nil else { continue }
            let described = "`\(route.verb.method) \(route.path)`"
            var fields: [ServerField] = []
            var provenance: [String: String] = [:]
            func add(_ name: String, _ type: ServerType) {
                if !fields.contains(where: { $0.name == name }) { fields.append(ServerField(name: name, type: type)) }
            }
            for b in bindings {
                add(b.name, b.type)
                provenance[b.name] = provenance[b.name] ?? "the query of `\(b.name)` in \(described)"
            }
            for p in route.pathParameters { add(p.name, p.type) }
            for q in route.queryParameters { add(q.name, q.type) }
            guard var existing = routeContexts[template] else {
                routeContexts[template] = TemplateRouteContext(fields: fields, routes: [described], provenance: provenance, firstSpan: route.span)
                continue
            }
            if let joined = ServerTemplateChecker.join(existing.fields, fields) {
                existing.fields = joined
                existing.routes.append(described)
                for (k, v) in provenance where existing.provenance[k] == nil { existing.provenance[k] = v }
                routeContexts[template] = existing
            } else {
                let name = ServerTemplateChecker.partialName(of: template)
                var d = Diagnostic(.error, "E0471", "\(described) renders `\(name)` with a different context than \(existing.routes[0])",
                                   at: route.span, label: "renders it with \(ServerTemplateChecker.describe(fields))")
                d = TemplateCheckRun.refer(d, to: existing.firstSpan, "\(existing.routes[0]) renders it with \(ServerTemplateChecker.describe(existing.fields))")
                for line in Self.differences(existing.fields, fields) { d = d.note(line) }
                diagnostics.append(d.helping("give every route that renders `\(name)` the same names with the same types, or render another template"))
            }
        }
    }

    /// What differs between two contexts, one line per difference.
    static func differences(_ a: [ServerField], _ b: [ServerField]) -> [String] {
        var lines: [String] = []
        let missing = a.filter { f in !b.contains { $0.name == f.name } }.map(\.name)
        let extra = b.filter { f in !a.contains { $0.name == f.name } }.map(\.name)
        if !missing.isEmpty { lines.append("missing here: " + ServerTemplateChecker.list(missing)) }
        if !extra.isEmpty { lines.append("only here: " + ServerTemplateChecker.list(extra)) }
        for f in a {
            if let g = b.first(where: { $0.name == f.name }), ServerTemplateChecker.join(f.type, g.type) == nil {
                lines.append("`\(f.name)` is `\(f.type)` there but `\(g.type)` here")
            }
        }
        return lines
    }

    /// Points at `span` with a label when it is in the same file as the diagnostic, else a note.
    static func refer(_ d: Diagnostic, to span: Span, _ message: String) -> Diagnostic {
        span.file == d.span.file ? d.labeled(span, message) : d.note(message)
    }

    // MARK: - Order

    /// Every `{{> …}}` tag in `items` whose target is a partial: (target, tag span).
    static func partialTags(in items: [TemplateItem]) -> [(String, Span)] {
        var out: [(String, Span)] = []
        TemplateWalk.items(items, item: { item in
            if case .partial(let p) = item.kind { out.append((p.path, item.span)) }
        }, expression: { _ in })
        return out
    }

    func includes(of path: String) -> [(String, Span)] {
        guard let ast = byPath[path] else { return [] }
        return Self.partialTags(in: ast.items).filter { env.kinds[$0.0] == .partial }
    }

    /// Reports every include cycle once, at the tag that closes it.
    mutating func findIncludeCycles() {
        var state: [String: Int] = [:] // 1: on the stack, 2: done
        var stack: [String] = []
        func visit(_ path: String, _ run: inout TemplateCheckRun) {
            state[path] = 1
            stack.append(path)
            for (target, tag) in run.includes(of: path) {
                if state[target] == 1 {
                    run.cyclicTags.insert(tag)
                    let cycle = (stack.drop { $0 != target } + [target]).map(ServerTemplateChecker.partialName(of:))
                    let message = cycle.count == 2 ? "the partial `\(cycle[0])` includes itself"
                        : "partials include each other: " + cycle.map { "`\($0)`" }.joined(separator: " → ")
                    run.diagnostics.append(Diagnostic(.error, "E0474", message, at: tag, label: "includes `\(ServerTemplateChecker.partialName(of: target))` again")
                        .note("rendering it would never end")
                        .helping("render the repeated part with `{{#each}}` inside one partial instead"))
                } else if state[target] == nil {
                    visit(target, &run)
                }
            }
            stack.removeLast()
            state[path] = 2
        }
        for input in inputs where state[input.path] == nil { visit(input.path, &self) }
    }

    /// Callers before callees: pages before their layouts, includers before partials.
    func checkingOrder() -> [String] {
        var edges: [String: [String]] = [:]
        var indegree: [String: Int] = Dictionary(uniqueKeysWithValues: inputs.map { ($0.path, 0) })
        for input in inputs {
            var targets = includes(of: input.path).filter { !cyclicTags.contains($0.1) }.map(\.0)
            if input.ast.kind == .page, let layout = input.ast.layout, env.kinds[layout.path] == .layout { targets.append(layout.path) }
            for t in targets {
                edges[input.path, default: []].append(t)
                indegree[t, default: 0] += 1
            }
        }
        var ready = inputs.map(\.path).filter { indegree[$0] == 0 }
        var order: [String] = []
        while !ready.isEmpty {
            ready.sort(by: >)
            let next = ready.removeLast()
            order.append(next)
            for t in edges[next] ?? [] {
                indegree[t, default: 0] -= 1
                if indegree[t] == 0 { ready.append(t) }
            }
        }
        let done = Set(order)
        return order + inputs.map(\.path).filter { !done.contains($0) }
    }
}
