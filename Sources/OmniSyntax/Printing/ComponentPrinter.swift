import OmniBase

extension TreePrinter {
    /// Prints a whole `.omni` file: `omni dump --stage ast`.
    public mutating func print(_ omni: OmniFile) {
        node("File \(TreePrinter.quote(file.path))", omni.span) { p in
            for item in omni.items {
                switch item {
                case .component(let c): p.print(c)
                case .schema(let raw): p.line("Schema (raw, \(raw.body.length) bytes)", raw.span)
                case .routes(let raw): p.line("Routes (raw, \(raw.body.length) bytes)", raw.span)
                case .comment(let text, let span): p.line("Comment \(TreePrinter.quote(text))", span)
                }
            }
        }
    }

    public mutating func print(_ c: ComponentDecl) {
        node("Component \(c.name.name)", c.span) { p in
            if let props = c.props {
                p.node("Props", props.span) { p in
                    for prop in props.props { p.print(prop) }
                }
            }
            if let script = c.script {
                p.node("Script", script.span) { p in
                    for s in script.statements { p.print(s) }
                }
            }
            if let template = c.template {
                p.node("Template", template.span) { p in
                    for n in template.children { p.print(n) }
                }
            }
            if let style = c.style {
                p.line("Style (\(style.body.length) bytes)", style.span)
            }
        }
    }

    public mutating func print(_ prop: PropDecl) {
        node("Prop \(prop.name.name)\(prop.required ? " required" : "")", prop.span) { p in
            if let type = prop.type {
                p.node("Type", nil) { p in p.print(type) }
            }
            if let d = prop.defaultValue {
                p.node("Default", nil) { p in p.print(d) }
            }
        }
    }

    public mutating func print(_ n: TemplateNode) {
        switch n.kind {
        case .text(let text):
            line("Text \(TreePrinter.quote(text))", n.span)
        case .comment(let text):
            line("Comment \(TreePrinter.quote(text))", n.span)
        case .interpolation(let e):
            node("Interpolation", n.span) { p in p.print(e) }
        case .element(let el):
            let kind = el.isComponent ? "ComponentUse" : "Element"
            node("\(kind) \(el.name.name)\(el.selfClosing ? " self-closing" : "")", n.span) { p in
                for a in el.attributes { p.print(a) }
                for child in el.children { p.print(child) }
            }
        case .ifBlock(let block):
            node("If", n.span) { p in
                for branch in block.branches {
                    p.node("Branch", branch.tag) { p in
                        p.node("Condition", nil) { p in p.print(branch.condition) }
                        for child in branch.children { p.print(child) }
                    }
                }
                if let children = block.elseChildren {
                    p.node("Else", block.elseTag) { p in
                        for child in children { p.print(child) }
                    }
                }
            }
        case .eachBlock(let block):
            var label = "Each \(block.item.name)"
            if let index = block.index { label += ", \(index.name)" }
            node(label, n.span) { p in
                p.node("Iterable", nil) { p in p.print(block.iterable) }
                if let key = block.key { p.node("Key", nil) { p in p.print(key) } }
                for child in block.children { p.print(child) }
                if let children = block.elseChildren {
                    p.node("Else", nil) { p in
                        for child in children { p.print(child) }
                    }
                }
            }
        }
    }

    public mutating func print(_ a: Attribute) {
        let name = (a.isEvent ? "@" : "") + a.name.name
        switch a.value {
        case .none:
            line("Attribute \(name)", a.span)
        case .literal(let text, _):
            line("Attribute \(name)=\(TreePrinter.quote(text))", a.span)
        case .expression(let e):
            node("Attribute \(name)", a.span) { p in p.print(e) }
        case .interpolated(let parts, _):
            node("Attribute \(name) (interpolated)", a.span) { p in
                for part in parts {
                    switch part {
                    case .text(let t, let span): p.line("Text \(TreePrinter.quote(t))", span)
                    case .expression(let e): p.print(e)
                    }
                }
            }
        }
    }
}
