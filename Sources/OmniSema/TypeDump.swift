import OmniBase
import OmniSyntax

extension TypedComponent {
    /// The text of `omni dump --stage types`: the component's declarations with their types,
    /// then every expression with its type, one per line, ordered by position:
    ///
    /// ```
    /// component Counter
    ///   3:17-3:22 prop label: string
    ///   8:11-8:16 constant count: Signal<number>
    ///   8:19-8:37 expr `signal(props.start)`: Signal<number>
    /// ```
    public func dumpTypes(_ file: SourceFile) -> String {
        func position(_ span: Span) -> String {
            let a = file.location(of: Int(span.start)), b = file.location(of: Int(span.end))
            return "\(a.line):\(a.column)-\(b.line):\(b.column)"
        }
        var rows: [(start: UInt32, end: UInt32, rank: Int, text: String)] = []
        for sym in symbols where sym.kind != .builtin && sym.kind != .propsObject {
            rows.append((sym.span.start, sym.span.end, 0, "\(position(sym.span)) \(sym.kind.rawValue) \(sym.name): \(sym.type)"))
        }
        var spans: [NodeID: Span] = [:]
        collectSpans(&spans)
        for (id, t) in types {
            guard let span = spans[id] else { continue }
            rows.append((span.start, span.end, 1, "\(position(span)) expr `\(Self.excerpt(file.text(span)))`: \(t)"))
        }
        rows.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end > b.end }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.text < b.text
        }
        return "component \(name)\n" + rows.map { "  \($0.text)\n" }.joined()
    }

    /// Source text on one line, shortened to 40 characters.
    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return flat.count > 40 ? String(flat.prefix(39)) + "…" : flat
    }

    /// The span of every expression node of the component.
    private func collectSpans(_ spans: inout [NodeID: Span]) {
        var out: [NodeID: Span] = [:]
        let visit: (Expr) -> Void = { out[$0.id] = $0.span }
        for p in decl.props?.props ?? [] { if let d = p.defaultValue { ASTWalker.walk(d, visit) } }
        for st in decl.script?.statements ?? [] { ASTWalker.walk(st, visit) }
        func node(_ n: TemplateNode) {
            switch n.kind {
            case .text, .comment: break
            case .interpolation(let e): ASTWalker.walk(e, visit)
            case .element(let el):
                for a in el.attributes {
                    switch a.value {
                    case .expression(let e): ASTWalker.walk(e, visit)
                    case .interpolated(let parts, _): for p in parts { if case .expression(let e) = p { ASTWalker.walk(e, visit) } }
                    default: break
                    }
                }
                el.children.forEach(node)
            case .ifBlock(let b):
                for br in b.branches { ASTWalker.walk(br.condition, visit); br.children.forEach(node) }
                b.elseChildren?.forEach(node)
            case .eachBlock(let b):
                ASTWalker.walk(b.iterable, visit)
                if let k = b.key { ASTWalker.walk(k, visit) }
                b.children.forEach(node)
                b.elseChildren?.forEach(node)
            }
        }
        decl.template?.children.forEach(node)
        spans = out
    }
}
