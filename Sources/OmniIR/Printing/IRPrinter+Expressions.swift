import OmniSema

extension IRPrinter {
    /// One expression on one line. `top` drops the parentheses of an outermost operator.
    func expr(_ e: IRExpr, top: Bool = false) -> String {
        func wrap(_ s: String) -> String { top ? s : "(" + s + ")" }
        switch e.kind {
        case .number(let n):
            if n == 0 && n.sign == .minus { return wrap("-0") }
            return n < 0 ? wrap("-" + JSNumber.format(-n)) : JSNumber.format(n)
        case .string(let s): return JSConstant.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .local(let s), .functionRef(let s): return name(s)
        case .props: return "props"
        case .propGet(let p): return "props.\(p)"
        case .signalGet(let s), .computedGet(let s): return "\(name(s)).get()"
        case .signalSet(let s, let v): return "\(name(s)).set(\(expr(v, top: true)))"
        case .signalUpdate(let s, let f): return "\(name(s)).update(\(expr(f, top: true)))"
        case .unary(let op, let x): return wrap(op.rawValue + expr(x))
        case .binary(let op, let a, let b): return wrap("\(expr(a)) \(op.rawValue) \(expr(b))")
        case .logical(let op, let a, let b): return wrap("\(expr(a)) \(op.rawValue) \(expr(b))")
        case .conditional(let c, let a, let b): return wrap("\(expr(c)) ? \(expr(a)) : \(expr(b))")
        case .assign(let op, let t, let v): return wrap("\(target(t)) \(op.text) \(expr(v))")
        case .update(let t, let inc, let pre):
            let o = inc ? "++" : "--"
            return pre ? o + target(t) : target(t) + o
        case .call(let f, let args): return "\(name(f))(\(arguments(args)))"
        case .callValue(let f, let args): return "(\(expr(f, top: true)))(\(arguments(args)))"
        case .builtin(let b, let args): return b == .mathPI ? b.rawValue : "\(b.rawValue)(\(arguments(args)))"
        case .method(let m, let r, let args):
            return m.isProperty ? "\(expr(r)).\(m.name)" : "\(expr(r)).\(m.name)(\(arguments(args)))"
        case .member(let o, let n, let opt): return expr(o) + (opt ? "?." : ".") + n
        case .index(let o, let i, let opt): return expr(o) + (opt ? "?.[" : "[") + expr(i, top: true) + "]"
        case .array(let xs): return "[" + arguments(xs) + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{ " + fields.map { f -> String in
                switch f.key {
                case .named(let k): "\(k): \(expr(f.value, top: true))"
                case .computed(let k): "[\(expr(k, top: true))]: \(expr(f.value, top: true))"
                case .spread: "..." + expr(f.value)
                }
            }.joined(separator: ", ") + " }"
        case .template(let q, let parts):
            var out = "`"
            for (i, s) in q.enumerated() {
                out += s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`")
                    .replacingOccurrences(of: "${", with: "\\${")
                if i < parts.count { out += "${" + expr(parts[i], top: true) + "}" }
            }
            return out + "`"
        case .lambda(let l):
            let params = "(" + l.params.map(param).joined(separator: ", ") + ")"
            if l.body.count == 1, case .return(let r?) = l.body[0].kind {
                return wrap(params + " => " + expr(r))
            }
            let body = l.body.flatMap { stmtLines($0, indent: 0) }.map { $0.trimmingLeadingSpaces }.joined(separator: " ")
            return wrap(params + " => {" + (body.isEmpty ? "" : " " + body + " ") + "}")
        case .unreachable(let m): return "unreachable(\(JSConstant.quote(m)))"
        }
    }

    func arguments(_ args: [IRArg]) -> String {
        args.map { ($0.spread ? "..." : "") + expr($0.value, top: true) }.joined(separator: ", ")
    }

    func target(_ t: IRTarget) -> String {
        switch t {
        case .local(let s): name(s)
        case .member(let o, let n): expr(o) + "." + n
        case .index(let o, let i): expr(o) + "[" + expr(i, top: true) + "]"
        }
    }
}

extension String {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
