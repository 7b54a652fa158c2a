import OmniBase
import OmniSema
import OmniSyntax

extension Lowerer {
    func lowerNodes(_ nodes: [TemplateNode]) -> [IRNode] { nodes.compactMap(lowerNode) }

    func lowerNode(_ n: TemplateNode) -> IRNode? {
        switch n.kind {
        case .element(let el):
            if tc.children[n.id] != nil || el.isComponent {
                let name = tc.children[n.id] ?? el.name.name
                return IRNode(.component(name: name, props: el.attributes.map { lowerAttribute($0, childProp: true) }), span: n.span)
            }
            return IRNode(.element(tag: el.name.name, attributes: el.attributes.map { lowerAttribute($0, childProp: false) },
                                   children: lowerNodes(el.children)), span: n.span)
        case .text(let t):
            return IRNode(.text(t), span: n.span)
        case .interpolation(let e):
            return IRNode(.dynamicText(lower(e), binding: bindings[.text(n.id)]), span: n.span)
        case .ifBlock(let b):
            let branches = b.branches.enumerated().map { i, br in
                IRBranch(condition: lower(br.condition), binding: bindings[.ifCondition(n.id, branch: i)], children: lowerNodes(br.children))
            }
            return IRNode(.if(branches, else: b.elseChildren.map(lowerNodes)), span: n.span)
        case .eachBlock(let b):
            guard let item = tc.declarations[b.itemID] else {
                return IRNode(.dynamicText(IRExpr(.unreachable("unresolved {#each} item"), type: .error, span: b.openTag), binding: nil), span: n.span)
            }
            let each = IREach(list: lower(b.iterable), binding: bindings[.eachList(n.id)], item: item,
                              index: b.indexID.flatMap { tc.declarations[$0] }, key: b.key.map { lower($0) },
                              children: lowerNodes(b.children), empty: b.elseChildren.map(lowerNodes))
            return IRNode(.each(each), span: n.span)
        case .comment:
            return nil
        }
    }

    func lowerAttribute(_ a: Attribute, childProp: Bool) -> IRAttribute {
        let site: TemplateBinding.Site = childProp ? .childProp(a.id) : .attribute(a.id)
        let binding = bindings[site]
        let value: IRAttributeValue
        switch a.value {
        case .none: value = .none
        case .literal(let s, _): value = .static(s)
        case .expression(let e): value = a.isEvent ? .event(lower(e)) : .dynamic(lower(e), binding: binding)
        case .interpolated(let parts, _):
            value = .interpolated(parts.map { p in
                switch p {
                case .text(let t, _): .text(t)
                case .expression(let e): .expr(lower(e))
                }
            }, binding: binding)
        }
        return IRAttribute(name: a.name.name, value: value, span: a.span)
    }
}
