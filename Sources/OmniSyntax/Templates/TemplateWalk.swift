/// Visits every item and expression of a template, in document order: items before their
/// children, a helper call before its arguments. The one walk the checkers and generators share.
public enum TemplateWalk {
    public static func items(_ list: [TemplateItem], item visitItem: (TemplateItem) -> Void,
                             expression visit: (TemplateExpr) -> Void) {
        func expr(_ e: TemplateExpr) {
            visit(e)
            if case .helper(_, _, let args) = e.kind { args.forEach(expr) }
        }
        func walk(_ list: [TemplateItem]) {
            for i in list {
                visitItem(i)
                switch i.kind {
                case .output(let o), .rawOutput(let o): expr(o.expression)
                case .ifBlock(let b), .unlessBlock(let b):
                    for br in b.branches { expr(br.condition); walk(br.items) }
                    walk(b.elseItems ?? [])
                case .eachBlock(let e): expr(e.iterable); walk(e.items); walk(e.elseItems ?? [])
                case .partial(let p): p.arguments.forEach { expr($0.value) }
                case .component(let c): c.arguments.forEach { expr($0.value) }
                case .text, .comment, .layout, .yield: break
                }
            }
        }
        walk(list)
    }
}
