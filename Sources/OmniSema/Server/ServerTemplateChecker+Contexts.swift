import OmniBase
import OmniSyntax

// Checks each template once its context is known: pages with their routes' context,
// partials with the unified arguments of their call sites, layouts once per distinct
// context of the pages using them. Assembles the `CheckedTemplate`s.

extension TemplateCheckRun {
    mutating func process(_ path: String) {
        guard let ast = byPath[path] else { return }
        switch env.kinds[path] ?? ast.kind {
        case .page: processPage(path, ast)
        case .partial: processPartial(path, ast)
        case .layout: processLayout(path, ast)
        }
    }

    private mutating func processPage(_ path: String, _ ast: TemplateFile) {
        var out = Output()
        if let rc = routeContexts[path] {
            out.context = rc.fields
            absorb(check(ast, path: path, context: rc.fields, origin: .routes(template: path, routes: rc.routes), provenance: rc.provenance),
                   into: &out)
        } else {
            diagnostics.append(Diagnostic(.warning, "W0531", "no route renders the page `\(ServerTemplateChecker.partialName(of: path))`",
                                       at: .point(ast.file, 0), label: "never rendered")
                .note("its names cannot be checked without the context a route gives it")
                .helping("render it from a route: `get \"/…\" => page \"\(ServerTemplateChecker.partialName(of: path))\" { … }`, or delete it"))
            absorb(check(ast, path: path, context: [], origin: .unknown, provenance: [:]), into: &out)
        }
        if let layout = ast.layout {
            if env.kinds[layout.path] == .layout {
                out.layout = layout.path
                let rc = routeContexts[path]
                layoutUses[layout.path, default: []].append((path, rc?.fields ?? [], rc?.provenance ?? [:]))
            } else {
                reportUnknownLayout(layout)
            }
        }
        outputs[path] = out
    }

    private mutating func reportUnknownLayout(_ layout: TemplateLayout) {
        let names = env.layoutNames
        var d = Diagnostic(.error, "E0475", "no layout `\(layout.name.name)`", at: layout.name.span,
                           label: env.kinds[layout.path] == nil ? "no file `\(layout.path)`" : "`\(layout.path)` is not a layout")
        if let guess = EditDistance.bestMatch(for: layout.name.name, in: names) {
            d = d.helping("did you mean `\(guess)`?").fixing(.replace(layout.name.span, with: guess, "use `\(guess)`"))
        } else if names.isEmpty {
            d = d.helping("create `\(layout.path)` with a `{{yield}}` where the page goes")
        } else {
            d = d.helping("the layouts are " + ServerTemplateChecker.list(names))
        }
        diagnostics.append(d)
    }

    private mutating func processPartial(_ path: String, _ ast: TemplateFile) {
        let name = ServerTemplateChecker.partialName(of: path)
        var context: [ServerField]?
        var base: (span: Span, description: String)?
        var origin = TemplateContextOrigin.callers(partial: path)
        var provenance: [String: String] = [:]
        if let rc = routeContexts[path] {
            context = rc.fields
            base = (rc.firstSpan, "\(rc.routes[0]) renders it with \(ServerTemplateChecker.describe(rc.fields))")
            origin = .routes(template: path, routes: rc.routes)
            provenance = rc.provenance
        }
        var seen = Set<TemplatePartialCall>()
        for call in calls[path] ?? [] where seen.insert(call).inserted {
            var arguments: [ServerField] = []
            for a in call.arguments where !arguments.contains(where: { $0.name == a.name }) { arguments.append(a) }
            guard let current = context, let (baseSpan, baseDescription) = base else {
                context = arguments
                base = (call.tag, "`\(ServerTemplateChecker.partialName(of: call.caller))` passes \(ServerTemplateChecker.describe(arguments))")
                continue
            }
            let missing = current.filter { f in !arguments.contains { $0.name == f.name } }.map(\.name)
            let extra = arguments.filter { f in !current.contains { $0.name == f.name } }.map(\.name)
            if !missing.isEmpty || !extra.isEmpty {
                var d = Diagnostic(.error, "E0472", "this call of `\(name)` passes different arguments than the others", at: call.tag,
                                   label: "passes \(ServerTemplateChecker.describe(arguments))")
                d = TemplateCheckRun.refer(d, to: baseSpan, baseDescription)
                if !missing.isEmpty { d = d.helping("pass " + ServerTemplateChecker.list(missing)) }
                if !extra.isEmpty { d = d.helping("or stop passing " + ServerTemplateChecker.list(extra) + ", which the others do not pass") }
                diagnostics.append(d.note("a partial is checked once, so every call gives it the same names with the same types"))
                continue
            }
            var merged: [ServerField] = []
            for f in current {
                guard let i = arguments.firstIndex(where: { $0.name == f.name }) else { continue }
                if let t = ServerTemplateChecker.join(f.type, arguments[i].type) {
                    merged.append(ServerField(name: f.name, type: t))
                } else {
                    let index = call.arguments.firstIndex { $0.name == f.name } ?? 0
                    let span = index < call.argumentSpans.count ? call.argumentSpans[index] : call.tag
                    var d = Diagnostic(.error, "E0472", "`\(f.name)` is passed to `\(name)` as `\(arguments[i].type)` here, but as `\(f.type)` elsewhere",
                                       at: span, label: "`\(arguments[i].type)`")
                    d = TemplateCheckRun.refer(d, to: baseSpan, baseDescription)
                    diagnostics.append(d.note("a partial is checked once, so every call gives it the same names with the same types"))
                    merged.append(f)
                }
            }
            context = merged
        }
        var out = Output()
        if let context {
            out.context = context
            absorb(check(ast, path: path, context: context, origin: origin, provenance: provenance), into: &out)
        } else if isIncludedAnywhere(path) {
            // Only included from inside an include cycle (reported as E0474): its context is unknown.
            absorb(check(ast, path: path, context: [], origin: .unknown, provenance: [:]), into: &out)
        } else {
            diagnostics.append(Diagnostic(.warning, "W0531", "the partial `\(name)` is never included", at: .point(ast.file, 0),
                                       label: "never rendered")
                .note("its names cannot be checked without the arguments its callers pass")
                .helping("include it with `{{> \(name) …}}`, or delete it"))
            absorb(check(ast, path: path, context: [], origin: .unknown, provenance: [:]), into: &out)
        }
        outputs[path] = out
    }

    private mutating func processLayout(_ path: String, _ ast: TemplateFile) {
        var out = Output()
        var yields: [Span] = []
        var checked: [[ServerField]] = []
        for use in layoutUses[path] ?? [] where !checked.contains(use.context) {
            checked.append(use.context)
            let origin: TemplateContextOrigin = routeContexts[use.page] == nil ? .unknown : .layout(page: use.page)
            let body = check(ast, path: path, context: use.context, origin: origin, provenance: use.provenance)
            yields = body.yields
            absorb(body, into: &out)
        }
        if checked.isEmpty {
            diagnostics.append(Diagnostic(.warning, "W0531", "no page uses the layout `\(ServerTemplateChecker.layoutName(of: path) ?? path)`",
                                       at: .point(ast.file, 0), label: "never rendered")
                .helping("choose it in a page with `{{! layout: \(ServerTemplateChecker.layoutName(of: path) ?? "…") }}`, or delete it"))
            let body = check(ast, path: path, context: [], origin: .unknown, provenance: [:])
            yields = body.yields
            absorb(body, into: &out)
        }
        if let layout = ast.layout {
            diagnostics.append(Diagnostic(.error, "E0475", "a layout cannot use another layout", at: layout.span, label: "in a layout")
                .helping("move the shared parts into a partial and include it in both layouts")
                .fixing(.replace(layout.span, with: "", "remove the directive")))
        }
        if yields.isEmpty {
            diagnostics.append(Diagnostic(.error, "E0476", "the layout `\(ServerTemplateChecker.layoutName(of: path) ?? path)` has no `{{yield}}`",
                                       at: .point(ast.file, 0), label: "the page has nowhere to go")
                .helping("write `{{yield}}` where the page's content goes, e.g. inside `<main>`"))
        } else if yields.count > 1 {
            var d = Diagnostic(.error, "E0476", "a layout shows the page once, with one `{{yield}}`", at: yields[1], label: "second `{{yield}}`")
                .labeled(yields[0], "the page is shown here")
            for extra in yields.dropFirst(2) { d = d.labeled(extra, "another `{{yield}}`") }
            diagnostics.append(d.helping("keep one `{{yield}}`"))
        }
        out.context = []
        outputs[path] = out
    }

    private func isIncludedAnywhere(_ partial: String) -> Bool {
        inputs.contains { input in includes(of: input.path).contains { $0.0 == partial } }
    }

    // MARK: - Bodies

    private mutating func check(_ ast: TemplateFile, path: String, context: [ServerField], origin: TemplateContextOrigin,
                                provenance: [String: String]) -> TemplateBodyChecker {
        var body = TemplateBodyChecker(env: env, path: path, context: context, origin: origin, provenance: provenance)
        body.check(ast.items)
        diagnostics.append(contentsOf: body.diagnostics)
        for call in body.calls where !cyclicTags.contains(call.tag) { calls[call.partial, default: []].append(call) }
        return body
    }

    /// Merges a body's side tables into `out`: the first type of a node wins unless a later
    /// check joins with it (a layout checked for several pages).
    private func absorb(_ body: TemplateBodyChecker, into out: inout Output) {
        for (id, t) in body.types {
            if let old = out.types[id] {
                out.types[id] = ServerTemplateChecker.join(old, t) ?? old
            } else {
                out.types[id] = t
            }
        }
        for (id, root) in body.roots where out.roots[id] == nil { out.roots[id] = root }
    }

    // MARK: - Results

    func results() -> [CheckedTemplate] {
        inputs.map { input in
            let out = outputs[input.path] ?? Output()
            return CheckedTemplate(path: input.path, file: input.file, ast: input.ast, context: out.context, layout: out.layout,
                                   types: out.types, roots: out.roots)
        }
    }

    /// Diagnostics without repeats (a layout checked for several pages reports a problem once).
    func uniqueDiagnostics() -> [Diagnostic] {
        struct Key: Hashable { var code: DiagnosticCode; var span: Span; var message: String }
        var seen = Set<Key>()
        return diagnostics.filter { seen.insert(Key(code: $0.code, span: $0.span, message: $0.message)).inserted }
    }
}
