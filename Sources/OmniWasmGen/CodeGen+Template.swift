import CBinaryen
import OmniBase
import OmniIR
import OmniSema

/// Appends HTML to the module's string builder, merging adjacent static text.
struct HTMLEmitter {
    var code: [Ref] = []
    var pending = ""
}

extension CodeGen {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]

    func flush(_ out: inout HTMLEmitter) {
        guard !out.pending.isEmpty else { return }
        out.code.append(m.call("$sbadd", [m.i32(data.string(out.pending))], .none))
        out.pending = ""
    }

    func emit(_ out: inout HTMLEmitter, _ code: Ref) {
        flush(&out)
        out.code.append(code)
    }

    /// Renders `nodes` to the builder (HTML with hydration markers outside `{#each}` bodies).
    func render(_ nodes: [IRNode], inEach: Bool, _ out: inout HTMLEmitter) {
        for n in nodes { render(n, inEach: inEach, &out) }
    }

    func render(_ n: IRNode, inEach: Bool, _ out: inout HTMLEmitter) {
        switch n.kind {
        case .element(let tag, let attributes, let children):
            out.pending += "<" + tag
            var events: [IRAttribute] = []
            for a in attributes {
                switch a.value {
                case .none: out.pending += " " + a.name
                case .static(let s): out.pending += " \(a.name)=\"\(s)\""
                case .dynamic(let e, _): renderDynamicAttribute(a.name, e, &out)
                case .interpolated(let parts, _):
                    out.pending += " \(a.name)=\""
                    for p in parts {
                        switch p {
                        case .text(let t): out.pending += t
                        case .expr(let e): emit(&out, m.call("$sbesc", [toStr(e)], .none))
                        }
                    }
                    out.pending += "\""
                case .event: events.append(a)
                }
            }
            if !inEach, let site = plan.sites[n.span], TemplatePlan.hasSite(attributes) { out.pending += " data-ob=\"\(site)\"" }
            if !events.isEmpty { renderEvents(events, &out) }
            out.pending += ">"
            if CodeGen.voidElements.contains(tag) && children.isEmpty { return }
            render(children, inEach: inEach, &out)
            out.pending += "</\(tag)>"
        case .text(let t):
            out.pending += t
        case .dynamicText(let e, _):
            let site = plan.sites[n.span] ?? 0
            if !inEach { out.pending += "<!--ob:\(site)-->" }
            emit(&out, m.call("$sbesc", [toStr(e)], .none))
            if !inEach { out.pending += "<!--/ob-->" }
        case .if(let branches, let els):
            let site = plan.sites[n.span] ?? 0
            if !inEach {
                out.pending += "<!--oif:\(site)-->"
                emit(&out, m.call("$rn\(site)", [m.call("$br\(site)", [], .i32)], .none))
                out.pending += "<!--/oif-->"
                return
            }
            var chain: Ref? = nil
            var elseOut = HTMLEmitter()
            if let els { render(els, inEach: true, &elseOut); flush(&elseOut) }
            chain = elseOut.code.isEmpty ? nil : m.block(elseOut.code)
            for b in branches.reversed() {
                var bo = HTMLEmitter()
                render(b.children, inEach: true, &bo)
                flush(&bo)
                chain = m.iff(truthy(b.condition), bo.code.isEmpty ? m.nop() : m.block(bo.code), chain)
            }
            if let chain { emit(&out, chain) }
        case .each(let each):
            let site = plan.sites[n.span] ?? 0
            if !inEach {
                out.pending += "<!--oif:\(site)-->"
                emit(&out, m.call("$rn\(site)", [], .none))
                out.pending += "<!--/oif-->"
                return
            }
            emit(&out, eachLoop(each, at: n.span))
        case .component:
            unsupported("child components", at: n.span)
        }
    }

    /// The items of an `{#each}` (or its `{:else}` when empty), rendered inline.
    func eachLoop(_ each: IREach, at span: Span) -> Ref {
        guard case .array(let el) = each.list.type.unwrapped else {
            unsupported("`{#each}` over `\(each.list.type)`", at: span)
            return m.nop()
        }
        let et = wtype(el, at: span)
        let list = fn.newLocal(.i32)
        var symbols = [each.item]
        if let i = each.index { symbols.append(i) }
        let loop = forEachElement(m.get(list, .i32), el) { slot, i in
            let (frame, setup) = openFrame(for: symbols)
            for s in symbols where frame?.slots[s] == nil { fn.locals[s] = fn.locals[s] ?? fn.newLocal(s == each.item ? et : .f64) }
            var body = setup
            body.append(write(each.item, et, m.load(et, slot)))
            if let idx = each.index { body.append(write(idx, .f64, m.un(BinaryenConvertUInt32ToFloat64(), m.get(i, .i32)))) }
            var out = HTMLEmitter()
            render(each.children, inEach: true, &out)
            flush(&out)
            closeFrame(frame)
            return body + out.code
        }
        var code = [m.set(list, value(each.list)), loop]
        if let empty = each.empty {
            var out = HTMLEmitter()
            render(empty, inEach: true, &out)
            flush(&out)
            code.append(m.iff(m.eqz(m.load(.i32, m.get(list, .i32))), m.block(out.code.isEmpty ? [m.nop()] : out.code)))
        }
        return m.block(code)
    }

    func renderDynamicAttribute(_ name: String, _ e: IRExpr, _ out: inout HTMLEmitter) {
        switch e.type {
        case .bool:
            emit(&out, m.iff(value(e), m.call("$sbadd", [m.i32(data.string(" " + name))], .none)))
        case .null, .void:
            emit(&out, effect(e))
        case .optional(let inner) where wtype(inner) == .i32:
            let tmp = fn.newLocal(.i32)
            emit(&out, m.iff(m.tee(tmp, value(e), .i32), m.block([
                m.call("$sbadd", [m.i32(data.string(" \(name)=\""))], .none),
                m.call("$sbesc", [stringOf(m.get(tmp, .i32), inner, at: e.span)], .none),
                m.call("$sbadd", [m.i32(data.string("\""))], .none),
            ])))
        default:
            out.pending += " \(name)=\""
            emit(&out, m.call("$sbesc", [toStr(e)], .none))
            out.pending += "\""
        }
    }

    /// ` data-oe="click:65536 input:65537"`: registers each handler in the current list.
    func renderEvents(_ events: [IRAttribute], _ out: inout HTMLEmitter) {
        var code: [Ref] = []
        var first = true
        code.append(m.call("$sbadd", [m.i32(data.string(" data-oe=\""))], .none))
        for a in events {
            guard case .event(let e) = a.value else { continue }
            code.append(m.call("$sbadd", [m.i32(data.string((first ? "" : " ") + a.name + ":"))], .none))
            code.append(m.call("$sbint", [register(e, at: a.span)], .none))
            first = false
        }
        code.append(m.call("$sbadd", [m.i32(data.string("\""))], .none))
        emit(&out, m.iff(m.eqz(m.gget("$ssr", .i32)), m.block(code)))
    }

    // MARK: Handlers

    /// Adds a handler for the event expression `e` to the current handler list; returns its id.
    func register(_ e: IRExpr, at span: Span) -> Ref {
        let thunk = freshName("$ev")
        let ctx = FunctionContext(params: [.i32, .i32], result: .none, envParam: nil, outer: [])
        let closureValue: Ref
        let body: Ref
        let ft = e.type.functionType ?? FunctionType(params: [], returns: .void)
        let evArgs: (Int) -> [Ref] = { n in n > 0 ? [self.m.get(1, .i32)] + (1..<max(1, n)).map { self.zero(self.wtype(ft.params[$0]) ?? .i32) } : [] }
        switch e.kind {
        case .functionRef(let f) where c.function(f) != nil:
            let fdecl = c.function(f)!
            closureValue = m.i32(0)
            let r = resultType(fdecl.returnType, at: span)
            let call = m.call(functionName(f), evArgs(fdecl.params.count), r)
            body = r == .none ? call : m.drop(call)
        case .lambda(let l):
            let name = compileLambda(l, at: span)
            closureValue = fn.currentEnv(m)
            let r = resultType(l.returnType, at: span)
            let call = m.call(name, [m.get(0, .i32)] + evArgs(l.params.count), r)
            body = r == .none ? call : m.drop(call)
        default:
            closureValue = value(e)
            let r = ft.returns == .void ? WType.none : (wtype(ft.returns) ?? .i32)
            let call = within(ctx) { callClosure(m.get(0, .i32), ft, evArgs(ft.params.count)) }
            body = r == .none ? call : m.drop(call)
        }
        addFunction(thunk, ctx, body: body)
        return m.call("$reg", [m.i32(tableIndex(thunk)), closureValue], .i32)
    }
}
