import OmniBase
import OmniSyntax

// Checks one template body against one context: walks the items, opens `{{#each}}` scopes,
// narrows optionals inside `{{#if}}`, checks outputs and collects the partial call sites
// (docs/LANGUAGE.md, "Template checking"). Expressions: ServerTemplateChecker+Expressions.swift.

/// Where the context a body is checked against comes from; decides how a missing name is reported.
enum TemplateContextOrigin: Hashable {
    /// A page (or partial) rendered by routes, described as `GET /users/:id`.
    case routes(template: String, routes: [String])
    /// A partial, from the arguments of its call sites.
    case callers(partial: String)
    /// A layout, checked with the context of `page`.
    case layout(page: String)
    /// A template nothing renders: names are not checked.
    case unknown
}

/// One `{{> partial k=v}}` as seen while checking its caller.
struct TemplatePartialCall: Hashable {
    /// `templates/users/_row.html`.
    var partial: String
    var arguments: [ServerField]
    var argumentSpans: [Span]
    /// The whole `{{> …}}` tag.
    var tag: Span
    /// The path of the template holding the tag.
    var caller: String
}

struct TemplateBodyChecker {
    struct EachScope {
        var item: String
        var itemID: NodeID
        var itemType: ServerType
        var index: String?
        var indexID: NodeID?
        var provenance: String?
    }

    let env: TemplateEnvironment
    let path: String
    let context: [ServerField]
    let origin: TemplateContextOrigin
    /// Context field → where its value is queried (`the query of `posts` in `GET /``).
    let provenance: [String: String]
    var scopes: [EachScope] = []
    /// Paths known not to be null here (`c:post.editor`, `e:12.author`).
    var narrowed: Set<String> = []
    var types: [NodeID: ServerType] = [:]
    var roots: [NodeID: TemplateRoot] = [:]
    var diagnostics: [Diagnostic] = []
    var calls: [TemplatePartialCall] = []
    var yields: [Span] = []

    init(env: TemplateEnvironment, path: String, context: [ServerField], origin: TemplateContextOrigin, provenance: [String: String]) {
        self.env = env; self.path = path; self.context = context; self.origin = origin; self.provenance = provenance
    }

    var checksNames: Bool { origin != .unknown }

    mutating func check(_ items: [TemplateItem]) {
        for item in items { check(item) }
    }

    mutating func check(_ item: TemplateItem) {
        switch item.kind {
        case .text, .comment, .layout:
            break
        case .output(let o):
            let t = type(o.expression)
            checkPrintable(t, o.expression)
            checkPlacement(o, raw: false)
        case .rawOutput(let o):
            let t = type(o.expression)
            if !t.isText {
                diagnostics.append(Diagnostic(.error, "E0467", "`{{{…}}}` prints trusted HTML, which must be a string, not `\(t)`",
                                           at: o.expression.span, label: "this is `\(t)`")
                    .helping("print it escaped with `{{…}}`"))
            }
            checkPlacement(o, raw: true)
        case .ifBlock(let block):
            checkIf(block, negated: false)
        case .unlessBlock(let block):
            checkIf(block, negated: true)
        case .eachBlock(let each):
            checkEach(each)
        case .partial(let partial):
            checkPartial(partial, tag: item.span)
        case .component(let component):
            checkComponent(component)
        case .yield:
            yields.append(item.span)
        }
    }

    // MARK: - Outputs

    mutating func checkPrintable(_ t: ServerType, _ e: TemplateExpr) {
        guard !t.isPrintable else { return }
        let written = Self.written(e)
        var d: Diagnostic
        switch t.unwrapped {
        case .entity(let name, _):
            let field = env.entities[name].flatMap { entity in
                entity.fields.first { !$0.isImplicit && $0.relation == nil && ($0.type.unwrapped == .scalar(.string)) }
                    ?? entity.fields.first { $0.relation == nil }
            }?.name ?? "id"
            d = Diagnostic(.error, "E0466", "cannot print a `\(name)`; print one of its fields such as `\(written ?? "it").\(field)`",
                           at: e.span, label: "this is a `\(t)`")
            if let written { d = d.fixing(.replace(e.span, with: "\(written).\(field)", "print `\(written).\(field)`")) }
        case .list:
            d = Diagnostic(.error, "E0466", "cannot print a list `\(t)`", at: e.span, label: "this is a list")
                .helping("loop over it with `{{#each \(written ?? "…") as |item|}}`, or print its size with `{{length \(written ?? "…")}}`")
        default:
            d = Diagnostic(.error, "E0466", "cannot print `\(t)`", at: e.span, label: "not a single value")
                .helping("print one of its fields")
        }
        diagnostics.append(d)
    }

    /// Outputs inside `<script>`, `<style>` or a tag are not escaped safely by HTML escaping.
    mutating func checkPlacement(_ o: TemplateOutput, raw: Bool) {
        let tag = raw ? "{{{…}}}" : "{{…}}"
        switch o.context {
        case .text, .attribute, .comment:
            return
        case .rawText(let element):
            diagnostics.append(Diagnostic(.error, "E0468", "`\(tag)` inside `<\(element)>` is not escaped safely", at: o.expression.span,
                                       label: "inside `<\(element)>`")
                .note("HTML escaping does not protect \(element == "script" ? "JavaScript" : "CSS"): a value could end the element or run code")
                .helping("put the value in an attribute, e.g. `<\(element == "script" ? "script" : "div") data-value=\"{{…}}\">`, and read it from there"))
        case .tag:
            diagnostics.append(Diagnostic(.error, "E0468", "`\(tag)` inside a tag, outside any attribute value, can inject attributes",
                                       at: o.expression.span, label: "inside a tag")
                .helping("print into an attribute value instead: `name=\"{{…}}\"`, or choose the attribute with `{{#if}}`"))
        }
    }

    // MARK: - Blocks

    mutating func checkIf(_ block: TemplateIf, negated: Bool) {
        let saved = narrowed
        var elseNarrowing: Set<String> = []
        for branch in block.branches {
            let t = type(branch.condition)
            if case .entity(let name, _) = t {
                diagnostics.append(Diagnostic(.warning, "W0530", "this condition is always true", at: branch.condition.span,
                                           label: "a `\(name)` is never null")
                    .helping("remove the `{{#if}}`, or test one of its fields"))
            }
            let keys = narrowingKeys(branch.condition)
            if negated {
                narrowed = saved
                check(branch.items)
                elseNarrowing = keys
            } else {
                narrowed = saved.union(keys)
                check(branch.items)
            }
        }
        narrowed = saved.union(elseNarrowing)
        if let elseItems = block.elseItems { check(elseItems) }
        narrowed = saved
    }

    /// The paths a truthy condition proves non-null: a path itself, or every argument of `and`.
    func narrowingKeys(_ e: TemplateExpr) -> Set<String> {
        switch e.kind {
        case .path(let p):
            return key(of: p).map { [$0] } ?? []
        case .helper(.and, _, let args):
            return args.reduce(into: Set<String>()) { $0.formUnion(narrowingKeys($1)) }
        default:
            return []
        }
    }

    mutating func checkEach(_ each: TemplateEach) {
        let t = type(each.iterable)
        var element: ServerType = .error
        switch t {
        case .list(let e): element = e
        case .error: break
        case .optional(.list):
            diagnostics.append(Diagnostic(.error, "E0465", "`{{#each}}` over `\(t)`, which may be null", at: each.iterable.span,
                                       label: "may be null")
                .helping("loop inside `{{#if \(Self.written(each.iterable) ?? "…")}}`, where it is known to be present"))
        default:
            diagnostics.append(Diagnostic(.error, "E0465", "`{{#each}}` loops over a list, not `\(t)`", at: each.iterable.span,
                                       label: "this is `\(t)`"))
        }
        types[each.itemID] = element
        if let indexID = each.indexID { types[indexID] = .scalar(.int) }
        var prov: String?
        if case .path(let p) = each.iterable.kind, !p.isThis, p.segments.count == 1 {
            prov = provenance(ofRoot: p.segments[0].name)
        }
        scopes.append(EachScope(item: each.item.name, itemID: each.itemID, itemType: element, index: each.index?.name,
                                indexID: each.indexID, provenance: prov))
        check(each.items)
        scopes.removeLast()
        if let elseItems = each.elseItems { check(elseItems) }
    }

    mutating func checkPartial(_ partial: TemplatePartial, tag: Span) {
        var arguments: [ServerField] = []
        var spans: [Span] = []
        for arg in partial.arguments {
            let t = type(arg.value)
            types[arg.id] = t
            arguments.append(ServerField(name: arg.key.name, type: t))
            spans.append(arg.span)
        }
        let target = partial.path
        guard env.kinds[target] == .partial else {
            var d: Diagnostic
            if env.kinds[target] != nil {
                d = Diagnostic(.error, "E0473", "`\(partial.name.name)` is a \(env.kinds[target]?.rawValue ?? "page"), not a partial",
                               at: partial.name.span, label: "not a partial")
                    .note("partials are the templates whose file name starts with `_`, such as `templates/users/_row.html`")
            } else {
                d = Diagnostic(.error, "E0473", "no partial `\(partial.name.name)`", at: partial.name.span,
                               label: "no file `\(target)`")
            }
            if let guess = EditDistance.bestMatch(for: partial.name.name, in: env.partialNames) {
                d = d.helping("did you mean `\(guess)`?").fixing(.replace(partial.name.span, with: guess, "include `\(guess)`"))
            } else if !env.partialNames.isEmpty {
                d = d.helping("the partials are " + ServerTemplateChecker.list(env.partialNames))
            }
            diagnostics.append(d)
            return
        }
        calls.append(TemplatePartialCall(partial: target, arguments: arguments, argumentSpans: spans, tag: tag, caller: path))
    }

    // MARK: - Helpers

    /// Where the value of the context field `name` comes from, for help messages.
    func provenance(ofRoot name: String) -> String? {
        for scope in scopes.reversed() where scope.item == name || scope.index == name { return scope.provenance }
        return provenance[name]
    }

    /// The path as written, or nil when the expression is not a path.
    static func written(_ e: TemplateExpr) -> String? {
        if case .path(let p) = e.kind { return p.description }
        return nil
    }
}
