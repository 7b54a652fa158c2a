import OmniBase
import OmniSyntax

/// Checks every `<routes>` block against the checked schema and flattens it into the routes
/// the back ends compile (docs/LANGUAGE.md, "Schemas and routes"). The parser already reported
/// syntax errors, repeated parameters within one path or parameter list (E0774, E0784) and
/// query parameters that are neither scalars nor names (E0785). This pass:
///
/// - collects pipelines (E0436 duplicate names) and checks their plugs (E0437, E0438;
///   `RoutesChecker+Plugs.swift`);
/// - flattens scopes, joining paths and pipelines (E0435 unknown pipeline, E0454 a parameter
///   name used twice across a scope and its route);
/// - expands `resources` (E0439 unknown entity, E0440 a path parameter that is not a to-one
///   relation of the entity);
/// - checks page, JSON and redirect targets (E0442 missing template, E0450 unknown redirect
///   parameter, E0451 query parameter defaults, E0452 bindings named like parameters, E0455
///   and E0456 query parameters of an entity or unknown type) and
///   their queries (`RoutesChecker+Queries.swift`, `RoutesChecker+Conditions.swift`);
/// - finds duplicate routes (E0441), routes the runtime can never reach (W0520;
///   `RoutesChecker+Table.swift`) and path parameters no query uses (W0521).
struct RoutesChecker {
    let entities: [CheckedEntity]
    let enums: [CheckedEnum]
    /// Template ASTs by project-relative path (`templates/users/show.html`).
    let templates: [String: TemplateFile]
    var pipelines: [CheckedPipeline] = []
    var routes: [CheckedRoute] = []
    var diagnostics: [Diagnostic] = []

    /// Pipelines by name: the first declaration's plugs (nil for plugs with errors) and name span.
    var pipelineTable: [String: (span: Span, plugs: [(plug: Plug, checked: CheckedPlug?)])] = [:]
    /// Where each route of `routes` comes from, index for index.
    var sites: [RouteSite] = []
    /// Path parameters by the span of their name, with whether any route used them (W0521).
    var parameterUse: [Span: (name: String, used: Bool, route: String)] = [:]

    init(entities: [CheckedEntity], enums: [CheckedEnum], templates: [(path: String, file: FileID, ast: TemplateFile)]) {
        self.entities = entities
        self.enums = enums
        var table: [String: TemplateFile] = [:]
        for t in templates where table[t.path] == nil { table[t.path] = t.ast }
        self.templates = table
    }

    func entity(_ name: String) -> CheckedEntity? { entities.first { $0.name == name } }

    mutating func run(_ blocks: [(file: FileID, block: RoutesBlock)]) {
        for (_, block) in blocks {
            for item in block.items { if case .pipeline(let p) = item.kind { collectPipeline(p) } }
        }
        for (file, block) in blocks {
            walk(block.items, in: Scope(segments: [], pipelines: [], file: file))
        }
        checkRouteTable()
        reportUnusedParameters()
    }

    // MARK: Scopes

    /// What the enclosing scopes contribute to a route.
    struct Scope {
        /// The joined prefix, segment by segment.
        var segments: [PathSegment]
        /// Pipeline names, outermost first.
        var pipelines: [String]
        var file: FileID
    }

    private mutating func walk(_ items: [RouteItem], in scope: Scope) {
        for item in items {
            switch item.kind {
            case .pipeline, .error:
                continue
            case .scope(let s):
                var inner = scope
                inner.segments += s.path.segments
                for name in s.pipelines where !name.name.isEmpty {
                    if resolvePipeline(name) { inner.pipelines.append(name.name) }
                }
                walk(s.items, in: inner)
            case .route(let r):
                checkRoute(r, item: item, in: scope)
            case .resources(let r):
                expandResources(r, item: item, in: scope)
            }
        }
    }

    /// True when the pipeline exists (E0435 otherwise).
    private mutating func resolvePipeline(_ name: Identifier) -> Bool {
        if pipelineTable[name.name] != nil { return true }
        var d = Diagnostic(.error, "E0435", "unknown pipeline `\(name.name)`", at: name.span, label: "no pipeline has this name")
        if let match = EditDistance.bestMatch(for: name.name, in: pipelineTable.keys) {
            d = d.suggesting(match, at: name.span)
        } else if pipelineTable.isEmpty {
            d = d.helping("declare it at the top of `<routes>`: `pipeline \(name.name) { logger }`")
        } else {
            d = d.helping("the pipelines are \(pipelineTable.keys.sorted().map { "`\($0)`" }.joined(separator: ", "))")
        }
        diagnostics.append(d)
        return false
    }

    /// The full path of a route: the scope prefix joined with its own segments.
    static func render(_ segments: [PathSegment]) -> String {
        "/" + segments.map { segment in
            switch segment.kind {
            case .literal(let s): s
            case .parameter(let n): ":" + n.name
            case .splat(let n): "*" + n.name
            }
        }.joined(separator: "/")
    }

    /// The parameters of a joined path; E0454 for a name used again (only across the scope
    /// boundary: the parser reported repeats within one path).
    private mutating func pathParameters(_ scope: Scope, _ own: [PathSegment]) -> [Identifier] {
        var seen: [String: Identifier] = [:]
        var out: [Identifier] = []
        let all = scope.segments + own
        for (i, segment) in all.enumerated() {
            guard case .parameter(let n) = segment.kind else {
                if case .splat(let n) = segment.kind { out.append(n) }
                continue
            }
            if let first = seen[n.name] {
                if i >= scope.segments.count, own.contains(where: { $0.span == first.span }) { continue } // E0774
                diagnostics.append(Diagnostic(
                    .error, "E0454", "the parameter `\(n.name)` is used twice in `\(Self.render(all))`", at: n.span,
                    label: "used again here", labels: [Label(first.span, "the enclosing scope's prefix already binds `\(n.name)`")],
                    help: ["rename one of them, e.g. `:\(n.name)2`"], fixes: [.replace(n.span, with: n.name + "2", "rename it `\(n.name)2`")]))
                continue
            }
            seen[n.name] = n
            out.append(n)
        }
        return out
    }

    // MARK: Routes

    private mutating func checkRoute(_ r: RouteDecl, item: RouteItem, in scope: Scope) {
        let all = scope.segments + r.path.segments
        let path = Self.render(all)
        let described = "\(r.verb.method) \(path)"
        let names = pathParameters(scope, r.path.segments)
        var queryParameters: [CheckedQueryParameter] = []
        for q in r.queryParameters where !q.name.name.isEmpty {
            if let clash = names.first(where: { $0.name == q.name.name }), !r.path.segments.contains(where: { $0.span.contains(clash.span) }) {
                diagnostics.append(Diagnostic(
                    .error, "E0454", "the query parameter `\(q.name.name)` has the name of a path parameter", at: q.name.span,
                    label: "declared here", labels: [Label(clash.span, "the enclosing scope's prefix binds `\(clash.name)`")],
                    help: ["rename the query parameter"]))
            }
            queryParameters.append(checkQueryParameter(q))
        }
        var parameters = ParameterScope(path: names.map { ($0.name, $0.span, false) }, query: queryParameters)
        for (i, n) in names.enumerated() {
            if case .splat = all.first(where: { $0.span.contains(n.span) })?.kind { parameters.path[i].isSplat = true }
        }
        let target: CheckedTarget
        switch r.target.kind {
        case .error:
            return
        case .page(let template, let bindings):
            checkTemplate(template)
            let checked = checkBindings(bindings, parameters: &parameters)
            for b in bindings {
                let clash = names.first { $0.name == b.name.name }.map(\.span) ?? r.queryParameters.first { $0.name.name == b.name.name }.map(\.name.span)
                if let clash {
                    diagnostics.append(Diagnostic(
                        .error, "E0452", "the binding `\(b.name.name)` has the name of a parameter of its route", at: b.name.span,
                        label: "bound here", labels: [Label(clash, "the parameter `\(b.name.name)`")],
                        notes: ["a page's template sees its bindings and its route's parameters under their names"],
                        help: ["rename the binding"]))
                }
            }
            if let ast = templates["templates/\(template.value).html"] {
                for name in TemplateRoots.names(in: ast) { parameters.markUsed(name) }
            }
            target = .page(template: "templates/\(template.value).html", bindings: checked)
        case .json(let bindings):
            target = .json(bindings: checkBindings(bindings, parameters: &parameters))
        case .redirect(.url(let url)):
            target = .redirect(to: url.value, isURL: true)
        case .redirect(.path(let destination)):
            checkRedirect(destination, parameters: &parameters)
            target = .redirect(to: destination.text, isURL: false)
        }
        for p in parameters.path where !p.isSplat {
            let old = parameterUse[p.span]
            parameterUse[p.span] = (p.name, (old?.used ?? false) || parameters.used.contains(p.name), old?.route ?? described)
        }
        let fields = parameters.path.map { ServerField(name: $0.name, type: .scalar(parameters.types[$0.name]?.type ?? .string)) }
        routes.append(CheckedRoute(verb: r.verb, path: path, segments: all.map(\.kind), pathParameters: fields,
                                   queryParameters: queryParameters, pipelines: scope.pipelines, target: target,
                                   span: item.span, file: scope.file))
        sites.append(RouteSite(span: item.span, verbSpan: r.verbSpan, action: nil))
    }

    private mutating func checkQueryParameter(_ q: QueryParameter) -> CheckedQueryParameter {
        let type = queryParameterType(q.type, of: q.name.name)
        var value: DefaultValue?
        if let literal = q.defaultValue, type != .error {
            switch SchemaChecker.literalValue(literal, for: type, enums: enums) {
            case .value(let v): value = v
            case .invalid: break
            case .mismatch(let message, let help, let fix):
                var d = Diagnostic(.error, "E0451", message, at: literal.span, label: "does not fit `\(type)`",
                                   labels: [Label(q.type.span, "`\(q.name.name)` is declared `\(type)` here")], help: [help])
                if let fix { d = d.fixing(fix) } else if literal.kind == .null {
                    d = d.fixing(.insert("?", at: q.type.span.endPoint, "make the parameter optional"))
                }
                diagnostics.append(d)
            }
        }
        return CheckedQueryParameter(name: q.name.name, type: type, defaultValue: value, span: q.span)
    }

    /// A query parameter's type: a scalar or an enum, optionally `?` (the parser reported
    /// the other shapes, E0785). A name that is an entity is E0455; an unknown one E0456.
    private mutating func queryParameterType(_ type: FieldType, of parameter: String) -> ServerType {
        switch type.kind {
        case .scalar(let s):
            return .scalar(s)
        case .optional(let inner):
            let t = queryParameterType(inner, of: parameter)
            return t == .error ? .error : .optional(t)
        case .named(let name):
            if enums.contains(where: { $0.name == name.name }) { return .enumeration(name.name) }
            if entities.contains(where: { $0.name == name.name }) {
                diagnostics.append(Diagnostic(
                    .error, "E0455", "the query parameter `\(parameter)` holds a `\(name.name)`, an entity", at: name.span,
                    label: "a query string carries text, not a row",
                    help: ["take the row's id and look it up: `(\(parameter): int)` and `\(name.name).find(\(parameter))`"],
                    fixes: [.replace(name.span, with: "int", "take its `id`")]))
                return .error
            }
            var d = Diagnostic(.error, "E0456", "unknown enum `\(name.name)`", at: name.span, label: "no enum has this name")
            if let match = EditDistance.bestMatch(for: name.name, in: enums.map(\.name)) {
                d = d.suggesting(match, at: name.span)
            } else {
                d = d.helping("declare `enum \(name.name) { … }` in a `<schema>` block, or use a scalar type")
            }
            diagnostics.append(d)
            return .error
        case .list, .error:
            return .error
        }
    }

    /// E0442 unless `templates/<name>.html` exists.
    private mutating func checkTemplate(_ name: StringLiteral) {
        let path = "templates/\(name.value).html"
        guard templates[path] == nil else { return }
        let names = templates.keys.filter { $0.hasPrefix("templates/") && $0.hasSuffix(".html") }
            .map { String($0.dropFirst("templates/".count).dropLast(".html".count)) }
        var d = Diagnostic(.error, "E0442", "the template `\(path)` does not exist", at: name.span, label: "no such template")
        if let match = EditDistance.bestMatch(for: name.value, in: names) {
            d = d.helping("did you mean `\(match)` (`templates/\(match).html`)?")
                .fixing(.replace(name.span, with: "\"\(match)\"", "replace with `\"\(match)\"`"))
        } else {
            d = d.helping("create `\(path)`")
        }
        diagnostics.append(d)
    }

    /// E0450 for a `:param` of the destination that the route does not have.
    private mutating func checkRedirect(_ destination: RoutePath, parameters: inout ParameterScope) {
        let known = parameters.path.map(\.name) + parameters.query.map(\.name)
        for name in destination.parameterNames {
            if known.contains(name.name) { parameters.markUsed(name.name); continue }
            var d = Diagnostic(.error, "E0450", "the redirect uses `\(name.name)`, which is not a parameter of its route", at: name.span,
                               label: "not a parameter of this route",
                               notes: ["a redirect's `:name` segments are replaced by the route's path and query parameters"])
            if let match = EditDistance.bestMatch(for: name.name, in: known) {
                d = d.suggesting(match, at: name.span)
            } else {
                d = d.helping(known.isEmpty ? "this route has no parameters: redirect to a fixed path" :
                                "the route's parameters are \(known.map { "`\($0)`" }.joined(separator: ", "))")
            }
            diagnostics.append(d)
        }
    }

    // MARK: Resources

    private mutating func expandResources(_ r: ResourcesDecl, item: RouteItem, in scope: Scope) {
        guard !r.entity.name.isEmpty else { return }
        guard let entity = entity(r.entity.name) else {
            reportUnknownEntity(r.entity)
            return
        }
        let base = scope.segments + r.path.segments
        var prefix: [ServerField] = []
        for name in pathParameters(scope, r.path.segments) {
            if Self.relationNamed(by: name.name, in: entity) != nil {
                prefix.append(ServerField(name: name.name, type: .scalar(.int)))
            } else {
                reportResourceParameter(name, entity: entity, splat: base.contains { if case .splat(let n) = $0.kind { n.span == name.span } else { false } })
            }
        }
        let id = PathSegment(kind: .parameter(Identifier("id", span: r.path.span)), span: r.path.span)
        let withID = prefix + [ServerField(name: "id", type: .scalar(.int))]
        var verbs: [(HTTPVerb, ResourceAction, Bool)] = []
        for action in r.actions {
            switch action {
            case .list: verbs.append((.get, .list, false))
            case .show: verbs.append((.get, .show, true))
            case .create: verbs.append((.post, .create, false))
            case .update: verbs += [(.patch, .update, true), (.put, .update, true)]
            case .delete: verbs.append((.delete, .delete, true))
            }
        }
        for (verb, action, hasID) in verbs {
            let segments = hasID ? base + [id] : base
            routes.append(CheckedRoute(verb: verb, path: Self.render(segments), segments: segments.map(\.kind),
                                       pathParameters: hasID ? withID : prefix, queryParameters: [], pipelines: scope.pipelines,
                                       target: .resource(entity: entity.name, action: action), span: item.span, file: scope.file))
            sites.append(RouteSite(span: item.span, verbSpan: r.path.span, action: action))
        }
    }

    /// The to-one relation a resources path parameter names: `user_id`, `userId` or `user` for `user`.
    static func relationNamed(by parameter: String, in entity: CheckedEntity) -> CheckedField? {
        entity.fields.first { f in
            guard case .toOne = f.relation else { return false }
            return parameter == f.name || parameter == f.name + "Id" || parameter == (f.column ?? "")
                || parameter == f.name + "_id"
        }
    }

    private mutating func reportResourceParameter(_ name: Identifier, entity: CheckedEntity, splat: Bool) {
        let relations = entity.fields.filter { if case .toOne = $0.relation { true } else { false } }
        var d = Diagnostic(.error, "E0440", "`\(splat ? "*" : ":")\(name.name)` does not name a to-one relation of `\(entity.name)`",
                           at: name.span, label: "not a relation of `\(entity.name)`",
                           notes: ["a parameter in a `resources` path selects the parent row: `/users/:author_id/posts` lists the posts whose `author` is that user"])
        // `user_id` → a relation to `User`, when there is exactly one.
        var stem = name.name
        for suffix in ["_id", "Id"] where stem.hasSuffix(suffix) { stem = String(stem.dropLast(suffix.count)) }
        let toStem = relations.filter { f in
            if case .toOne(let e) = f.relation { e.lowercased() == String(stem.lowercased().filter { $0 != "_" }) } else { false }
        }
        let byName = EditDistance.bestMatch(for: stem, in: relations.map(\.name))
        if !splat, let target = toStem.count == 1 ? toStem[0].name : byName {
            let fixed = name.name.hasSuffix("Id") ? target + "Id" : name.name == stem ? target : target + "_id"
            d = d.helping("did you mean `:\(fixed)` (the relation `\(target)`)?").fixing(.replace(name.span, with: fixed, "rename it `:\(fixed)`"))
        } else if relations.isEmpty {
            d = d.helping("`\(entity.name)` has no to-one relation; declare one (`user: User`) or remove the parameter")
        } else {
            d = d.helping("the to-one relations of `\(entity.name)` are \(relations.map { "`\($0.name)`" }.joined(separator: ", ")); name the parameter after one, e.g. `:\(relations[0].name)_id`")
        }
        diagnostics.append(d)
    }

    mutating func reportUnknownEntity(_ name: Identifier) {
        var d = Diagnostic(.error, "E0439", "unknown entity `\(name.name)`", at: name.span, label: "no entity has this name")
        if let match = EditDistance.bestMatch(for: name.name, in: entities.map(\.name)) {
            d = d.suggesting(match, at: name.span)
        } else if enums.contains(where: { $0.name == name.name }) {
            d = d.helping("`\(name.name)` is an enum; only entities have rows")
        } else {
            d = d.helping("declare `entity \(name.name) { … }` in a `<schema>` block")
        }
        diagnostics.append(d)
    }

    // MARK: Unused parameters

    private mutating func reportUnusedParameters() {
        for (span, use) in parameterUse.sorted(by: { ($0.key.file, $0.key.start) < ($1.key.file, $1.key.start) }) where !use.used {
            diagnostics.append(Diagnostic(
                .warning, "W0521", "the path parameter `\(use.name)` is never used", at: span,
                label: "matched but not used by `\(use.route)`",
                notes: ["no query, redirect or template of the route reads it"],
                help: ["use it (`User.find(\(use.name))`), or replace the segment with fixed text"]))
        }
    }
}

/// Where a route of `RoutesChecker.routes` was declared.
struct RouteSite {
    /// The route or `resources` item.
    var span: Span
    /// The verb keyword of a route; the path of a `resources` item.
    var verbSpan: Span
    /// The action, for a route expanded from `resources`.
    var action: ResourceAction?
}

/// The parameters a route's queries can use, and what they learn about them.
struct ParameterScope {
    var path: [(name: String, span: Span, isSplat: Bool)]
    var query: [CheckedQueryParameter]
    /// A path parameter's type, fixed by its first typed use (and where that was).
    var types: [String: (type: ScalarType, span: Span)] = [:]
    var used: Set<String> = []

    init(path: [(name: String, span: Span, isSplat: Bool)], query: [CheckedQueryParameter]) {
        self.path = path; self.query = query
    }

    var names: [String] { path.map(\.name) + query.map(\.name) }
    mutating func markUsed(_ name: String) { used.insert(name) }
}

/// The first names of the paths a template reads (`user` of `{{user.name}}`).
enum TemplateRoots {
    static func names(in file: TemplateFile) -> Set<String> {
        var out: Set<String> = []
        TemplateWalk.items(file.items, item: { _ in }) { expr in
            if case .path(let p) = expr.kind, !p.isThis, let first = p.segments.first { out.insert(first.name) }
        }
        return out
    }
}
