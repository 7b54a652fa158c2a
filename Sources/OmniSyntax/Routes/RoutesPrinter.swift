import OmniBase

// `omni dump --stage ast` and the snapshot tests of `<schema>` and `<routes>` blocks.

extension TreePrinter {
    /// Prints a `<schema>` block.
    public mutating func print(_ schema: SchemaBlock) {
        node("Schema", schema.span) { p in
            for item in schema.items { p.print(item) }
        }
    }

    public mutating func print(_ item: SchemaItem) {
        switch item.kind {
        case .entity(let e):
            node("Entity \(e.name.name)\(e.closeBrace == nil ? " (unclosed)" : "")", item.span) { p in
                for f in e.fields { p.print(f) }
            }
        case .enumeration(let e):
            node("Enum \(e.name.name)\(e.closeBrace == nil ? " (unclosed)" : "")", item.span) { p in
                for c in e.cases { p.line("Case \(c.name.name)", c.name.span) }
            }
        case .error:
            line("Error", item.span)
        }
    }

    public mutating func print(_ f: FieldDecl) {
        node("Field \(f.name.name): \(TreePrinter.describe(f.type))", f.span) { p in
            for v in f.validations { p.print(v) }
            if let via = f.via { p.line("Via \(via.name)", via.span) }
            if let d = f.defaultValue { p.line("Default \(TreePrinter.describe(d.kind))", d.span) }
        }
    }

    public mutating func print(_ v: Validation) {
        let args = v.arguments.map { TreePrinter.describe($0.kind) }.joined(separator: ", ")
        line("Validation @\(v.name.name)\(v.arguments.isEmpty ? "" : "(\(args))")\(v.kind == nil ? " (unknown)" : "")", v.span)
    }

    /// A field type as written: `[Post]`, `int?`, `<error>`.
    public static func describe(_ t: FieldType) -> String {
        switch t.kind {
        case .scalar(let s): s.rawValue
        case .named(let n): n.name
        case .list(let inner): "[\(describe(inner))]"
        case .optional(let inner): describe(inner) + "?"
        case .error: "<error>"
        }
    }

    /// A literal as written: `42`, `"x"`, `true`, `null`, `now`, `<error>`.
    public static func describe(_ l: LiteralKind) -> String {
        switch l {
        case .integer(let i): "\(i)"
        case .float(let d): "\(d)"
        case .string(let s): quote(s)
        case .bool(let b): "\(b)"
        case .null: "null"
        case .word(let w): w
        case .error: "<error>"
        }
    }

    /// Prints a `<routes>` block.
    public mutating func print(_ routes: RoutesBlock) {
        node("Routes", routes.span) { p in
            for item in routes.items { p.print(item) }
        }
    }

    public mutating func print(_ item: RouteItem) {
        switch item.kind {
        case .pipeline(let pipe):
            node("Pipeline \(pipe.name.name)\(pipe.closeBrace == nil ? " (unclosed)" : "")", item.span) { p in
                for plug in pipe.plugs {
                    var label = "Plug \(plug.name.name)"
                    if let args = plug.arguments {
                        label += "(" + args.map { ($0.label.map { "\($0.name): " } ?? "") + TreePrinter.describe($0.value.kind) }
                            .joined(separator: ", ") + ")"
                    }
                    p.line(label + (plug.kind == nil ? " (unknown)" : ""), plug.span)
                }
            }
        case .scope(let scope):
            var label = "Scope \(TreePrinter.quote(scope.path.text))"
            if !scope.pipelines.isEmpty { label += " through " + scope.pipelines.map(\.name).joined(separator: ", ") }
            node(label + (scope.closeBrace == nil ? " (unclosed)" : ""), item.span) { p in
                p.print(scope.path)
                for child in scope.items { p.print(child) }
            }
        case .route(let route):
            node("Route \(route.verb.method) \(TreePrinter.quote(route.path.text))", item.span) { p in
                p.print(route.path)
                for q in route.queryParameters {
                    var label = "QueryParameter \(q.name.name): \(TreePrinter.describe(q.type))"
                    if let d = q.defaultValue { label += " = \(TreePrinter.describe(d.kind))" }
                    p.line(label, q.span)
                }
                p.print(route.target)
            }
        case .resources(let r):
            var label = "Resources \(TreePrinter.quote(r.path.text)) => \(r.entity.name)"
            if let f = r.filter { label += " \(f.mode.rawValue): [\(f.actions.map(\.name.name).joined(separator: ", "))]" }
            node(label, item.span) { p in
                p.print(r.path)
                p.line("Actions " + r.actions.map(\.rawValue).joined(separator: ", "), nil)
            }
        case .error:
            line("Error", item.span)
        }
    }

    public mutating func print(_ path: RoutePath) {
        guard !path.segments.isEmpty else { return }
        node("Path", path.span) { p in
            for s in path.segments {
                switch s.kind {
                case .literal(let text): p.line("Literal \(text)", s.span)
                case .parameter(let name): p.line("Parameter \(name.name)", s.span)
                case .splat(let name): p.line("Splat \(name.name)", s.span)
                }
            }
        }
    }

    public mutating func print(_ target: RouteTarget) {
        switch target.kind {
        case .page(let template, let bindings):
            node("Page \(TreePrinter.quote(template.value))", target.span) { p in
                for b in bindings { p.print(b) }
            }
        case .json(let bindings):
            node("JSON", target.span) { p in
                for b in bindings { p.print(b) }
            }
        case .redirect(.path(let path)):
            node("Redirect \(TreePrinter.quote(path.text))", target.span) { p in p.print(path) }
        case .redirect(.url(let url)):
            line("Redirect \(TreePrinter.quote(url.value))", target.span)
        case .error:
            line("Error", target.span)
        }
    }

    public mutating func print(_ b: Binding) {
        node("Binding \(b.name.name)", b.span) { p in p.print(b.query) }
    }

    public mutating func print(_ q: Query) {
        node("Query \(q.entity.name)", q.span) { p in
            for call in q.calls {
                p.node("Call \(call.name.name)\(call.method == nil ? " (unknown)" : "")", call.span) { p in
                    for a in call.arguments { p.print(a) }
                }
            }
        }
    }

    public mutating func print(_ e: QueryExpr) {
        switch e.kind {
        case .literal(let l): line("Literal \(TreePrinter.describe(l))", e.span)
        case .name(let n): line("Name \(n.name)", e.span)
        case .parameter(let n): line("Parameter \(n.name)", e.span)
        case .member(let base, let n):
            node("Member \(n.name)", e.span) { p in p.print(base) }
        case .list(let elements):
            node("List", e.span) { p in for x in elements { p.print(x) } }
        case .unary(let op, let operand):
            node("Unary \(op.rawValue)", e.span) { p in p.print(operand) }
        case .binary(let op, let l, let r):
            node("Binary \(op.rawValue)", e.span) { p in p.print(l); p.print(r) }
        case .error:
            line("Error", e.span)
        }
    }
}
