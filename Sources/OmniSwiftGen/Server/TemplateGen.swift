import OmniBase
import OmniSema
import OmniSyntax

/// The HTML half of the Swift back end: compiled templates and page handlers.
///
/// Per page or partial template `templates/users/show.html`, the file
/// `Sources/App/Templates/users_show.swift` holds its context struct
/// (`Omni_Context_users_show`) and its render function
/// (`omni_render_users_show(_:_:_:layout:)`, writing into OmniHTML's `HTMLWriter`); a page's
/// layout is compiled into the page's own function. `Sources/App/Pages.swift` holds the
/// handler of every route that renders a page (`omni_route_<i>`).
public enum HTMLGen {
    /// The generated files, deterministic, in template path order then `Pages.swift`.
    /// `components` gives the prop order and types of `{{#component}}` calls; a component
    /// missing from it is called with its arguments in the order written.
    public static func files(_ program: ServerProgram, sources: SourceMap,
                             components: [TypedComponent] = []) -> [(path: String, decls: [SwiftDecl])] {
        let byName = Dictionary(components.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var files: [(path: String, decls: [SwiftDecl])] = []
        for template in program.templates.sorted(by: { $0.path < $1.path }) where template.ast.kind != .layout {
            var gen = TemplateGen(program: program, sources: sources, components: byName, template: template)
            files.append((path: "Sources/App/Templates/\(ServerNames.templateStem(template.path)).swift", decls: gen.file()))
        }
        let pages = PageGen(program: program, sources: sources).declarations()
        if !pages.isEmpty { files.append((path: "Sources/App/Pages.swift", decls: pages)) }
        return files
    }
}

/// Compiles one page or partial template (with its layout, for a page) to Swift.
struct TemplateGen {
    let program: ServerProgram
    let sources: SourceMap
    let components: [String: TypedComponent]
    /// The template being compiled: its context fields are what `ctx` holds.
    let page: CheckedTemplate
    /// The template whose items are being compiled (the page, or its layout): its side
    /// tables type the expressions.
    var current: CheckedTemplate
    /// The enclosing `{{#each}}` blocks, innermost last.
    var scopes: [EachScope] = []
    /// Which `{{#each}}` blocks need their position or count (see `TemplateGen+Each.swift`).
    var usage = EachUsage()
    /// Where in the HTML the next output lands (see `TemplateGen+Attributes.swift`).
    var html = AttributeTracker()
    /// Numbers the generated locals (`omni_v1`, `omni_list2`, …).
    var counter = 0
    /// The last source line noted, so consecutive pieces of one line share a note.
    var lastNote: SourceNote?

    init(program: ServerProgram, sources: SourceMap, components: [String: TypedComponent], template: CheckedTemplate) {
        self.program = program; self.sources = sources; self.components = components
        self.page = template; self.current = template
        self.usage = EachUsage(scanning: template)
    }

    /// The layout the page renders in, when it has one that exists.
    var layoutTemplate: CheckedTemplate? {
        guard page.ast.kind == .page, let path = page.layout else { return nil }
        return program.template(at: path)
    }

    mutating func file() -> [SwiftDecl] {
        var decls: [SwiftDecl] = [.import("Foundation"), .import("OmniApp"), .blank]
        decls.append(.struct(contextStruct()))
        decls.append(.blank)
        decls.append(.function(renderFunction()))
        return decls
    }

    // MARK: - The context struct

    func contextStruct() -> SwiftTypeDecl {
        let members = page.context.map { field in
            SwiftDecl.property(SwiftProperty(name: field.name, access: nil, type: Self.swiftType(field.type)))
        }
        let role = page.ast.kind == .partial ? "partial" : "page"
        return SwiftTypeDecl(name: ServerNames.templateContextType(page.path), access: nil, conformances: ["Sendable"],
                             members: members, doc: "The context of the \(role) `\(page.path)`.",
                             note: note(page.ast.span, in: page))
    }

    /// The Swift type of a server value, as gen-data declares it (`Omni_User`, `Int64`, `Date`, …).
    static func swiftType(_ type: ServerType) -> SwiftType {
        switch type {
        case .scalar(let s):
            switch s {
            case .string, .text, .json: .string
            case .int: .int64
            case .float: .double
            case .bool: .bool
            case .date, .datetime: .named("Date")
            case .uuid: .named("UUID")
            }
        case .enumeration(let name): .named(ServerNames.enumType(name))
        case .entity(let name, _): .named(ServerNames.entityType(name))
        case .list(let element): .array(swiftType(element))
        case .optional(let wrapped): .optional(swiftType(wrapped.unwrapped))
        case .record, .error: .named("Never")
        }
    }

    // MARK: - The render function

    mutating func renderFunction() -> SwiftFunction {
        var body: [SwiftStmt] = []
        if let layout = layoutTemplate {
            body = layoutBody(layout)
        } else {
            body = items(page.ast.items)
        }
        return SwiftFunction(
            name: ServerNames.templateRenderFunction(page.path), access: nil,
            params: [
                SwiftParam(nil, "out", .inout(.named("HTMLWriter"))),
                SwiftParam(nil, "ctx", .named(ServerNames.templateContextType(page.path))),
                SwiftParam(nil, "env", .named("RenderEnvironment")),
                SwiftParam("layout", "layout", .bool),
            ],
            body: body,
            doc: layoutTemplate.map { "Renders `\(page.path)`, inside `\($0.path)` when `layout` is true." }
                ?? "Renders `\(page.path)`.",
            note: note(page.ast.span, in: page))
    }

    /// The page inside its layout. When `{{yield}}` stands at the top level of the layout,
    /// the layout's parts before and after it are written under `if layout`; when it sits
    /// inside a block, the whole layout is written under `if layout` with the page inside,
    /// and the page alone in the `else` branch.
    mutating func layoutBody(_ layout: CheckedTemplate) -> [SwiftStmt] {
        let top = layout.ast.items
        if let y = top.firstIndex(where: { if case .yield = $0.kind { true } else { false } }),
           !top[(y + 1)...].contains(where: Self.containsYield) {
            let before = inTemplate(layout) { $0.items(Array(top[..<y])) }
            let pageItems = items(page.ast.items)
            let after = inTemplate(layout) { $0.items(Array(top[(y + 1)...])) }
            var body: [SwiftStmt] = []
            if !before.isEmpty { body.append(.if([(.expr(.identifier("layout")), before)], else: nil)) }
            body += pageItems
            if !after.isEmpty { body.append(.if([(.expr(.identifier("layout")), after)], else: nil)) }
            return body
        }
        let framed = inTemplate(layout) { $0.items(top) }
        lastNote = nil
        let bare = items(page.ast.items)
        return [.if([(.expr(.identifier("layout")), framed)], else: bare)]
    }

    static func containsYield(_ item: TemplateItem) -> Bool {
        switch item.kind {
        case .yield: true
        case .ifBlock(let b), .unlessBlock(let b):
            b.branches.contains { $0.items.contains(where: containsYield) } || (b.elseItems ?? []).contains(where: containsYield)
        case .eachBlock(let e): e.items.contains(where: containsYield) || (e.elseItems ?? []).contains(where: containsYield)
        default: false
        }
    }

    /// Runs `body` with `template`'s items and side tables current (for a layout's parts).
    mutating func inTemplate(_ template: CheckedTemplate, _ body: (inout TemplateGen) -> [SwiftStmt]) -> [SwiftStmt] {
        let saved = (current, usage, scopes, lastNote)
        current = template
        usage = EachUsage(scanning: template)
        scopes = []
        lastNote = nil
        let out = body(&self)
        (current, usage, scopes, lastNote) = saved
        lastNote = nil
        return out
    }

    // MARK: - Source notes and names

    func note(_ span: Span, in template: CheckedTemplate) -> SourceNote {
        let line = sources[template.file]?.location(of: Int(span.start)).line ?? 1
        return SourceNote(path: template.path, line: line)
    }

    /// A `// templates/x.html:N` statement, unless the previous piece had the same note.
    mutating func noteStatement(_ span: Span) -> [SwiftStmt] {
        let n = note(span, in: current)
        if n == lastNote { return [] }
        lastNote = n
        return [.note(n)]
    }

    /// A fresh local name: `omni_v3`.
    mutating func fresh(_ base: String) -> String {
        counter += 1
        return "omni_\(base)\(counter)"
    }

    static let outVar = SwiftExpr.identifier("out")

    /// `out.method(args…)`.
    static func write(_ method: String, _ args: [SwiftArgument]) -> SwiftStmt {
        .expr(.call(.member(outVar, method), args))
    }
}
