import OmniBase

extension TreePrinter {
    /// Prints a whole template: `omni dump --stage ast` of a `templates/**/*.html` file.
    public mutating func print(_ t: TemplateFile) {
        var label = "Template \(TreePrinter.quote(file.path)) \(t.kind.rawValue)"
        if let layout = t.layout { label += " layout=\(layout.name.name)" }
        node(label, t.span) { p in
            for item in t.items { p.print(item) }
        }
    }

    public mutating func print(_ item: TemplateItem) {
        switch item.kind {
        case .text(let s):
            line("Text \(TreePrinter.quote(s))", item.span)
        case .output(let o):
            node("Output (\(o.context))", item.span) { p in p.print(o.expression) }
        case .rawOutput(let o):
            node("RawOutput (\(o.context))", item.span) { p in p.print(o.expression) }
        case .comment(let s):
            line("Comment \(TreePrinter.quote(s))", item.span)
        case .layout(let l):
            line("Layout \(l.name.name)", item.span)
        case .ifBlock(let b):
            printConditional("If", b, item.span)
        case .unlessBlock(let b):
            printConditional("Unless", b, item.span)
        case .eachBlock(let e):
            var label = "Each |\(e.item.name)"
            if let index = e.index { label += " \(index.name)" }
            node(label + "|", item.span) { p in
                p.node("Iterable", nil) { p in p.print(e.iterable) }
                for child in e.items { p.print(child) }
                if let items = e.elseItems {
                    p.node("Else", e.elseTag) { p in
                        for child in items { p.print(child) }
                    }
                }
            }
        case .partial(let partial):
            node("Partial \(partial.name.name) (\(partial.context))", item.span) { p in
                for a in partial.arguments { p.print(a) }
            }
        case .component(let c):
            node("Component \(c.name.name)", item.span) { p in
                for a in c.arguments { p.print(a) }
            }
        case .yield:
            line("Yield", item.span)
        }
    }

    mutating func printConditional(_ name: String, _ b: TemplateIf, _ span: Span) {
        node(name, span) { p in
            for branch in b.branches {
                p.node("Branch", branch.tag) { p in
                    p.node("Condition", nil) { p in p.print(branch.condition) }
                    for child in branch.items { p.print(child) }
                }
            }
            if let items = b.elseItems {
                p.node("Else", b.elseTag) { p in
                    for child in items { p.print(child) }
                }
            }
        }
    }

    public mutating func print(_ a: TemplateHashArgument) {
        node("Argument \(a.key.name)", a.span) { p in p.print(a.value) }
    }

    public mutating func print(_ e: TemplateExpr) {
        switch e.kind {
        case .path(let path): line("Path \(path)", e.span)
        case .data(let v): line("Data @\(v.rawValue)", e.span)
        case .string(let s): line("String \(TreePrinter.quote(s))", e.span)
        case .number(let n): line("Number \(TreePrinter.number(n))", e.span)
        case .bool(let b): line("Bool \(b)", e.span)
        case .null: line("Null", e.span)
        case .error: line("Error", e.span)
        case .helper(_, let name, let args):
            node("Helper \(name.name)", e.span) { p in
                for a in args { p.print(a) }
            }
        }
    }

    /// `3` for whole numbers, `1.5` otherwise.
    static func number(_ n: Double) -> String {
        if abs(n) < 1e15, let whole = Int64(exactly: n) { return String(whole) }
        return "\(n)"
    }
}
