import OmniSema

/// Escapes `& < > "` for HTML text and attribute values.
public func irEscapeHTML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}

extension Interpreter {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]

    /// Renders the component's template; collects its event handlers in template order.
    func render(_ instance: Instance, handlers: inout [(String, IRValue)]) throws -> String {
        var out = ""
        try render(instance.component.template, instance.env, instance, &out, &handlers)
        return out
    }

    func render(_ nodes: [IRNode], _ env: Env, _ instance: Instance, _ out: inout String, _ handlers: inout [(String, IRValue)]) throws {
        for n in nodes { try render(n, env, instance, &out, &handlers) }
    }

    func render(_ n: IRNode, _ env: Env, _ instance: Instance, _ out: inout String, _ handlers: inout [(String, IRValue)]) throws {
        try tick()
        switch n.kind {
        case .element(let tag, let attributes, let children):
            out += "<" + tag
            for a in attributes {
                if case .event(let e) = a.value {
                    handlers.append((a.name, try eval(e, env, instance)))
                    continue
                }
                out += try renderAttribute(a, env, instance)
            }
            out += ">"
            if Interpreter.voidElements.contains(tag) && children.isEmpty { return }
            try render(children, env, instance, &out, &handlers)
            out += "</\(tag)>"
        case .text(let t):
            out += t
        case .dynamicText(let e, _):
            out += irEscapeHTML(try eval(e, env, instance).jsString)
        case .if(let branches, let els):
            for b in branches where try eval(b.condition, env, instance).truthy {
                try render(b.children, env, instance, &out, &handlers)
                return
            }
            if let els { try render(els, env, instance, &out, &handlers) }
        case .each(let each):
            let items = try iterate(try eval(each.list, env, instance))
            if items.isEmpty, let empty = each.empty {
                try render(empty, env, instance, &out, &handlers)
                return
            }
            for (i, item) in items.enumerated() {
                let scope = Env(parent: env)
                scope.slots[each.item] = item
                if let index = each.index { scope.slots[index] = .number(Double(i)) }
                if let key = each.key { _ = try eval(key, scope, instance) }
                try render(each.children, scope, instance, &out, &handlers)
            }
        case .component(let name, let props):
            var values: [String: IRValue] = [:]
            var placeholder = "<" + name
            for p in props {
                let v: IRValue
                switch p.value {
                case .none: v = .bool(true)
                case .static(let s): v = .string(s)
                case .dynamic(let e, _), .event(let e): v = try eval(e, env, instance)
                case .interpolated(let parts, _): v = .string(try interpolate(parts, env, instance, escape: false))
                }
                values[p.name] = v
                if case .event = p.value { continue }
                placeholder += " \(p.name)=\"\(irEscapeHTML(v.jsString))\""
            }
            guard let child = resolver(name) else {
                out += placeholder + "></\(name)>"
                return
            }
            renderDepth += 1
            defer { renderDepth -= 1 }
            if renderDepth > Interpreter.maxRenderDepth { throw EvalError("components nest too deeply at <\(name)>") }
            let instance = Instance(component: child)
            let savedWritten = written
            try setUp(instance, props: values)
            written = savedWritten
            var ignored: [(String, IRValue)] = []
            out += try render(instance, handlers: &ignored)
        }
    }

    func renderAttribute(_ a: IRAttribute, _ env: Env, _ instance: Instance) throws -> String {
        switch a.value {
        case .none: return " " + a.name
        case .static(let s): return " \(a.name)=\"\(s)\""
        case .dynamic(let e, _):
            let v = try eval(e, env, instance)
            switch v {
            case .null, .bool(false): return ""
            case .bool(true): return " " + a.name
            default: return " \(a.name)=\"\(irEscapeHTML(v.jsString))\""
            }
        case .interpolated(let parts, _):
            return " \(a.name)=\"\(try interpolate(parts, env, instance, escape: true))\""
        case .event: return ""
        }
    }

    func interpolate(_ parts: [IRAttributePart], _ env: Env, _ instance: Instance, escape: Bool) throws -> String {
        var s = ""
        for p in parts {
            switch p {
            case .text(let t): s += t
            case .expr(let e):
                let v = try eval(e, env, instance).jsString
                s += escape ? irEscapeHTML(v) : v
            }
        }
        return s
    }
}
