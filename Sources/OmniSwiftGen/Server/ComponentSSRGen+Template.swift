import OmniBase
import OmniIR
import OmniSema

/// The statements that write a template, merging adjacent static markup into one `raw`.
struct HTMLOut {
    var code: [SwiftStmt] = []
    var pending = ""
}

// The template as writer calls: static markup verbatim (`raw`), values escaped by
// HTMLWriter, numbers formatted as JavaScript prints them, and the markers of HYDRATION.md
// §3 outside `{#each}` bodies, numbered by `HydrationPlan`.
extension ComponentSSRGen {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]

    func writer(_ method: String, _ args: [SwiftExpr]) -> SwiftStmt {
        .expr(.call(.member(.identifier(ComponentSSRGen.out), method), args.map { SwiftArgument(nil, $0) }))
    }

    func flush(_ out: inout HTMLOut) {
        guard !out.pending.isEmpty else { return }
        out.code.append(writer("raw", [.string(out.pending)]))
        out.pending = ""
    }

    func emit(_ out: inout HTMLOut, _ stmts: [SwiftStmt]) {
        flush(&out)
        out.code += stmts
    }

    /// Writes the text of `e`, escaped for text (`inAttribute: false`) or for a quoted
    /// attribute value.
    func writeValue(_ e: IRExpr, inAttribute: Bool, _ out: inout HTMLOut) {
        if e.type == .number {
            emit(&out, [writer("number", [expr(e)])])
        } else if e.type == .void || e.type == .null {
            emit(&out, effectStatement(e))
            out.pending += e.type == .null ? "null" : "undefined"
        } else {
            guard swiftType(e.type, at: e.span) != nil else { return }
            emit(&out, [writer(inAttribute ? "attributeValue" : "text", [jsString(e)])])
        }
    }

    func render(_ nodes: [IRNode], inEach: Bool, _ out: inout HTMLOut) {
        for n in nodes { render(n, inEach: inEach, &out) }
    }

    func render(_ n: IRNode, inEach: Bool, _ out: inout HTMLOut) {
        switch n.kind {
        case .element(let tag, let attributes, let children):
            out.pending += "<" + tag
            for a in attributes { attribute(a, &out) }
            if !inEach, let site = plan.number(of: n) { out.pending += " data-ob=\"\(site)\"" }
            out.pending += ">"
            if ComponentSSRGen.voidElements.contains(tag) && children.isEmpty { return }
            render(children, inEach: inEach, &out)
            out.pending += "</\(tag)>"
        case .text(let t):
            out.pending += t
        case .dynamicText(let e, _):
            let site = plan.number(of: n) ?? 0
            if !inEach { out.pending += "<!--ob:\(site)-->" }
            writeValue(e, inAttribute: false, &out)
            if !inEach { out.pending += "<!--/ob-->" }
        case .if(let branches, let els):
            let site = plan.number(of: n) ?? 0
            if !inEach { out.pending += "<!--oif:\(site)-->" }
            flush(&out)
            var arms: [(SwiftCondition, [SwiftStmt])] = []
            for b in branches {
                var inner = HTMLOut()
                render(b.children, inEach: inEach, &inner)
                flush(&inner)
                arms.append((.expr(truthy(b.condition)), inner.code))
            }
            var elseCode: [SwiftStmt]? = nil
            if let els {
                var inner = HTMLOut()
                render(els, inEach: inEach, &inner)
                flush(&inner)
                elseCode = inner.code
            }
            if !arms.isEmpty { out.code.append(.if(arms, else: elseCode)) } else if let elseCode { out.code += elseCode }
            if !inEach { out.pending += "<!--/oif-->" }
        case .each(let each):
            let site = plan.number(of: n) ?? 0
            if !inEach { out.pending += "<!--oif:\(site)-->" }
            eachLoop(each, site: site, at: n.span, &out)
            if !inEach { out.pending += "<!--/oif-->" }
        case .component(let name, _):
            unsupported("a child component (`<\(name)>`)", at: n.span)
        }
    }

    /// `for (i, item) in list.enumerated()`, or `{:else}` when the list is empty.
    func eachLoop(_ each: IREach, site: Int, at span: Span, _ out: inout HTMLOut) {
        guard case .array = each.list.type else {
            unsupported("`{#each}` over a \(each.list.type)", at: span)
            return
        }
        flush(&out)
        let list = "omni_list\(site)"
        out.code.append(.binding(isVar: false, name: list, type: nil, value: expr(each.list)))
        var body = HTMLOut()
        if let index = each.index {
            body.code.append(.binding(isVar: false, name: name(index), type: nil, value: number(.identifier("omni_offset"))))
        }
        render(each.children, inEach: true, &body)
        flush(&body)
        let loop: SwiftStmt = each.index == nil
            ? .forIn(pattern: SwiftRenderer.name(name(each.item)), .identifier(list), body.code)
            : .forIn(pattern: "(omni_offset, \(SwiftRenderer.name(name(each.item))))", .call(.member(.identifier(list), "enumerated"), []), body.code)
        if let empty = each.empty {
            var inner = HTMLOut()
            render(empty, inEach: true, &inner)
            flush(&inner)
            out.code.append(.if([(.expr(.member(.identifier(list), "isEmpty")), inner.code)], else: [loop]))
        } else {
            out.code.append(loop)
        }
    }

    /// One attribute, by the reference renderer's rules: `null`/`false` omit a bound
    /// attribute, `true` renders it bare; events are never rendered.
    func attribute(_ a: IRAttribute, _ out: inout HTMLOut) {
        switch a.value {
        case .none: out.pending += " " + a.name
        case .static(let s): out.pending += " \(a.name)=\"\(s)\""
        case .event: break
        case .interpolated(let parts, _):
            out.pending += " \(a.name)=\""
            for part in parts {
                switch part {
                case .text(let t): out.pending += t
                case .expr(let e): writeValue(e, inAttribute: true, &out)
                }
            }
            out.pending += "\""
        case .dynamic(let e, _):
            switch e.type {
            case .bool:
                flush(&out)
                out.code.append(.if([(.expr(expr(e)), [writer("raw", [.string(" " + a.name)])])], else: nil))
            case .null, .void:
                emit(&out, effectStatement(e))
            case .optional(let inner):
                flush(&out)
                let v = "omni_value"
                var body: [SwiftStmt] = []
                if inner == .bool {
                    body = [.if([(.expr(.identifier(v)), [writer("raw", [.string(" " + a.name)])])], else: nil)]
                } else {
                    let value: SwiftStmt
                    switch inner {
                    case .number: value = writer("number", [.identifier(v)])
                    case .string: value = writer("attributeValue", [.identifier(v)])
                    default: value = writer("attributeValue", [.member(.identifier(v), "jsString")])
                    }
                    body = [writer("raw", [.string(" \(a.name)=\"")]), value, writer("raw", [.string("\"")])]
                }
                out.code.append(.if([(.letBinding(v, expr(e)), body)], else: nil))
            default:
                out.pending += " \(a.name)=\""
                writeValue(e, inAttribute: true, &out)
                out.pending += "\""
            }
        }
    }
}
