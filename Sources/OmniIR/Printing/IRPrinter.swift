import OmniBase
import OmniSema

/// Prints an `IRComponent` as deterministic text: what `omni dump --stage ir|opt` shows and
/// what the golden files record. Reads like the source with every lowering made explicit:
/// signal reads are `count.get()`, direct calls `f(x)`, calls of values `(f)(x)`, built-ins
/// `Math.floor(x)`, methods `s.toUpperCase()`, binary operators fully parenthesised.
/// Names that occur more than once in the symbol table print as `name#id`. With a
/// `SourceFile`, declarations and template nodes end with `// line:column`.
public struct IRPrinter {
    let component: IRComponent
    let file: SourceFile?
    private var ambiguous: Set<String> = []
    private(set) var output = ""

    public static func print(_ c: IRComponent, file: SourceFile? = nil) -> String {
        var p = IRPrinter(component: c, file: file)
        p.printComponent()
        return p.output
    }

    init(component: IRComponent, file: SourceFile?) {
        self.component = component
        self.file = file
        var seen: [String: Int] = [:]
        for s in component.symbols where s.kind != .builtin && s.kind != .propsObject { seen[s.name, default: 0] += 1 }
        ambiguous = Set(seen.filter { $0.value > 1 }.map(\.key))
    }

    // MARK: Layout

    private mutating func line(_ indent: Int, _ text: String, _ span: Span? = nil) {
        var l = String(repeating: "  ", count: indent) + text
        if let span, let file, span.file == file.id {
            let loc = file.location(of: Int(span.start))
            l += "  // \(loc.line):\(loc.column)"
        }
        output += l + "\n"
    }

    mutating func printComponent() {
        let c = component
        line(0, "component \(c.name)" + (c.path.isEmpty ? "" : " (\(c.path))"), c.span)
        if !c.props.isEmpty {
            line(0, "props")
            for p in c.props {
                var text = "\(p.name): \(p.type)"
                if p.required { text += " required" }
                if let d = p.defaultValue { text += " = " + expr(d, top: true) }
                line(1, text, p.span)
            }
        }
        if !c.state.isEmpty {
            line(0, "state")
            for d in c.state { printDecl(d) }
        }
        if !c.functions.isEmpty {
            line(0, "functions")
            for f in c.functions {
                let params = f.params.map(param).joined(separator: ", ")
                line(1, "function \(name(f.symbol))(\(params)): \(f.returnType) {", f.span)
                printStmts(f.body, indent: 2)
                line(1, "}")
            }
        }
        if !c.effects.isEmpty {
            line(0, "effects")
            for e in c.effects {
                line(1, "effect " + expr(e.function, top: true) + reads(e.reads), e.span)
            }
        }
        if !c.template.isEmpty {
            line(0, "template")
            printNodes(c.template, indent: 1)
        }
        let computed = c.dependencies.computedReads.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        let bindings = c.dependencies.bindings.filter { !$0.reads.isEmpty }
        if !computed.isEmpty || !bindings.isEmpty {
            line(0, "dependencies")
            for (sym, r) in computed { line(1, "\(name(sym))" + reads(r)) }
            for b in bindings { line(1, "\(b.id)" + reads(b.reads)) }
        }
    }

    private func reads(_ syms: [SymbolID]) -> String {
        syms.isEmpty ? "" : " reads " + syms.map(name).joined(separator: ", ")
    }

    private mutating func printDecl(_ d: IRDecl) {
        switch d.kind {
        case .signal(let s, let e):
            line(1, "signal \(name(s)): \(component.symbol(s).type) = " + expr(e, top: true), d.span)
        case .computed(let s, let e):
            line(1, "computed \(name(s)): \(component.symbol(s).type) = " + expr(e, top: true), d.span)
        case .constant(let s, let e):
            line(1, "const \(name(s)): \(component.symbol(s).type) = " + expr(e, top: true), d.span)
        case .variable(let s, let e):
            line(1, "let \(name(s)): \(component.symbol(s).type)" + (e.map { " = " + expr($0, top: true) } ?? ""), d.span)
        case .statement(let s):
            for l in stmtLines(s, indent: 1) { line(0, l) }
        }
    }

    // MARK: Names

    func name(_ s: SymbolID) -> String {
        let sym = component.symbol(s)
        return ambiguous.contains(sym.name) ? "\(sym.name)#\(s.raw)" : sym.name
    }

    func param(_ p: IRParam) -> String {
        var t = (p.rest ? "..." : "") + name(p.symbol) + ": \(p.type)"
        if let d = p.defaultValue { t += " = " + expr(d, top: true) }
        return t
    }

    // MARK: Statements

    private mutating func printStmts(_ list: [IRStmt], indent: Int) {
        for s in list { for l in stmtLines(s, indent: indent) { line(0, l) } }
    }

    func stmtLines(_ s: IRStmt, indent: Int) -> [String] {
        let pad = String(repeating: "  ", count: indent)
        func body(_ list: [IRStmt]) -> [String] { list.flatMap { stmtLines($0, indent: indent + 1) } }
        switch s.kind {
        case .expr(let e): return [pad + expr(e, top: true) + ";"]
        case .let(let sym, let e):
            return [pad + "let \(name(sym)): \(component.symbol(sym).type)" + (e.map { " = " + expr($0, top: true) } ?? "") + ";"]
        case .if(let c, let t, let e):
            var out = [pad + "if (\(expr(c, top: true))) {"] + body(t)
            if !e.isEmpty { out += [pad + "} else {"] + body(e) }
            return out + [pad + "}"]
        case .while(let c, let b): return [pad + "while (\(expr(c, top: true))) {"] + body(b) + [pad + "}"]
        case .doWhile(let b, let c): return [pad + "do {"] + body(b) + [pad + "} while (\(expr(c, top: true)));"]
        case .for(let i, let c, let u, let b):
            let inits = i.flatMap { stmtLines($0, indent: 0) }.joined(separator: " ")
            let head = "for (\(inits.isEmpty ? ";" : inits) \(c.map { expr($0, top: true) } ?? ""); \(u.map { expr($0, top: true) } ?? ""))"
            return [pad + head + " {"] + body(b) + [pad + "}"]
        case .forOf(let sym, let l, let b):
            return [pad + "for (\(name(sym)) of \(expr(l, top: true))) {"] + body(b) + [pad + "}"]
        case .return(let e): return [pad + "return" + (e.map { " " + expr($0, top: true) } ?? "") + ";"]
        case .break: return [pad + "break;"]
        case .continue: return [pad + "continue;"]
        case .block(let b): return [pad + "{"] + body(b) + [pad + "}"]
        case .unreachable(let m): return [pad + "unreachable(\(JSConstant.quote(m)));"]
        }
    }

    // MARK: Template

    private mutating func printNodes(_ list: [IRNode], indent: Int) {
        for n in list { printNode(n, indent: indent) }
    }

    private func bindingSuffix(_ b: BindingID?) -> String { b.map { " [\($0)]" } ?? "" }

    private mutating func printNode(_ n: IRNode, indent: Int) {
        switch n.kind {
        case .element(let tag, let attrs, let children):
            let open = "<" + ([tag] + attrs.map(attribute)).joined(separator: " ")
            if children.isEmpty {
                line(indent, open + " />", n.span)
            } else {
                line(indent, open + ">", n.span)
                printNodes(children, indent: indent + 1)
                line(indent, "</\(tag)>")
            }
        case .text(let t): line(indent, "text " + JSConstant.quote(t), n.span)
        case .dynamicText(let e, let b): line(indent, "{\(expr(e, top: true))}" + bindingSuffix(b), n.span)
        case .if(let branches, let els):
            for (i, b) in branches.enumerated() {
                line(indent, (i == 0 ? "{#if " : "{:else if ") + expr(b.condition, top: true) + "}" + bindingSuffix(b.binding),
                     i == 0 ? n.span : nil)
                printNodes(b.children, indent: indent + 1)
            }
            if let els {
                line(indent, "{:else}")
                printNodes(els, indent: indent + 1)
            }
            line(indent, "{/if}")
        case .each(let e):
            var head = "{#each \(expr(e.list, top: true)) as \(name(e.item))"
            if let i = e.index { head += ", \(name(i))" }
            if let k = e.key { head += " (\(expr(k, top: true)))" }
            line(indent, head + "}" + bindingSuffix(e.binding), n.span)
            printNodes(e.children, indent: indent + 1)
            if let empty = e.empty {
                line(indent, "{:else}")
                printNodes(empty, indent: indent + 1)
            }
            line(indent, "{/each}")
        case .component(let name, let props):
            line(indent, "<" + ([name] + props.map(attribute)).joined(separator: " ") + " />", n.span)
        }
    }

    func attribute(_ a: IRAttribute) -> String {
        switch a.value {
        case .none: a.name
        case .static(let s): a.name + "=" + JSConstant.quote(s)
        case .dynamic(let e, let b): a.name + "={" + expr(e, top: true) + "}" + bindingSuffix(b)
        case .event(let e): "@" + a.name + "={" + expr(e, top: true) + "}"
        case .interpolated(let parts, let b):
            a.name + "=\"" + parts.map { part -> String in
                switch part {
                case .text(let t): String(JSConstant.quote(t).dropFirst().dropLast())
                case .expr(let e): "{" + expr(e, top: true) + "}"
                }
            }.joined() + "\"" + bindingSuffix(b)
        }
    }
}
