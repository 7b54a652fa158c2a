/// The one renderer of generated Swift. Deterministic: the same model always prints the
/// same text. Indentation is four spaces.
public enum SwiftRenderer {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "Any", "catch", "false", "is",
        "nil", "super", "self", "Self", "throw", "throws", "true", "try", "await", "async",
    ]

    /// A name as Swift source: keywords are backticked (`self` and `Self` are kept as written).
    public static func name(_ raw: String) -> String {
        if raw == "self" || raw == "Self" || raw == "super" { return raw }
        return keywords.contains(raw) ? "`\(raw)`" : raw
    }

    /// A member name after a dot: like `name`, except that the contextual keyword `async`
    /// needs no backticks there (`Handler.async { … }`).
    static func memberName(_ raw: String) -> String { raw == "async" ? raw : name(raw) }

    /// True when `s` is a plain Swift identifier (letters, digits, `_`; not starting with a digit).
    public static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// A string literal with every character that needs it escaped.
    public static func stringLiteral(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public static func type(_ t: SwiftType) -> String {
        switch t {
        case .named(let n, let args): args.isEmpty ? n : "\(n)<\(args.map(type).joined(separator: ", "))>"
        case .array(let e): "[\(type(e))]"
        case .dictionary(let k, let v): "[\(type(k)): \(type(v))]"
        case .optional(let w):
            if case .function = w { "(\(type(w)))?" } else { "\(type(w))?" }
        case .function(let params, let r, let isAsync, let throwing, let sendable):
            (sendable ? "@Sendable " : "") + "(\(params.map(type).joined(separator: ", ")))"
                + (isAsync ? " async" : "") + (throwing ? " throws" : "") + " -> \(type(r))"
        case .inout(let w): "inout \(type(w))"
        case .some(let p): "some \(p)"
        }
    }

    public static func expression(_ e: SwiftExpr) -> String {
        switch e {
        case .identifier(let n): return name(n)
        case .member(let base, let m): return "\(expression(base)).\(memberName(m))"
        case .implicitMember(let m): return ".\(memberName(m))"
        case .call(let callee, let args, let trailing):
            var s = expression(callee)
            if !args.isEmpty || trailing == nil { s += "(\(arguments(args)))" }
            if let trailing { s += " " + closure(trailing, indent: 0) }
            return s
        case .subscript(let base, let args): return "\(expression(base))[\(arguments(args))]"
        case .string(let s): return stringLiteral(s)
        case .integer(let i): return String(i)
        case .double(let d):
            if d.isNaN { return "Double.nan" }
            if d.isInfinite { return d > 0 ? "Double.infinity" : "-Double.infinity" }
            return d == d.rounded() && abs(d) < 1e15 ? "\(Int(d)).0" : "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .nil: return "nil"
        case .array(let xs): return "[\(xs.map(expression).joined(separator: ", "))]"
        case .dictionary(let pairs):
            return pairs.isEmpty ? "[:]" : "[\(pairs.map { "\(expression($0.0)): \(expression($0.1))" }.joined(separator: ", "))]"
        case .binary(let l, let op, let r): return "\(expression(l)) \(op) \(expression(r))"
        case .prefix(let op, let x): return "\(op)\(expression(x))"
        case .ternary(let c, let a, let b): return "\(expression(c)) ? \(expression(a)) : \(expression(b))"
        case .try(let x, let optional): return (optional ? "try? " : "try ") + expression(x)
        case .await(let x): return "await " + expression(x)
        case .closure(let c): return closure(c, indent: 0)
        case .tuple(let xs): return "(\(xs.map(expression).joined(separator: ", ")))"
        case .cast(let x, let t, let conditional): return "\(expression(x)) as\(conditional ? "?" : "") \(type(t))"
        case .paren(let x): return "(\(expression(x)))"
        case .typeReference(let t): return "\(type(t)).self"
        case .interpolated(let parts):
            var out = "\""
            for part in parts {
                switch part {
                case .text(let t): out += String(stringLiteral(t).dropFirst().dropLast())
                case .expr(let x): out += "\\(\(expression(x)))"
                }
            }
            return out + "\""
        }
    }

    static func arguments(_ args: [SwiftArgument]) -> String {
        args.map { ($0.label.map { "\(label($0)): " } ?? "") + expression($0.value) }.joined(separator: ", ")
    }

    /// An argument label: any keyword but `inout`, `var` and `let` is a valid label as is
    /// (Swift warns when it is escaped).
    public static func label(_ raw: String) -> String {
        raw == "inout" || raw == "var" || raw == "let" ? "`\(raw)`" : raw
    }

    static func closure(_ c: SwiftClosure, indent: Int) -> String {
        let head = c.params.isEmpty ? (c.isAsync ? " () async in" : "") : " \(c.params.map(name).joined(separator: ", "))\(c.isAsync ? " async" : "") in"
        if c.body.count == 1, case .expr(let x) = c.body[0], c.params.count <= 2 {
            return "{\(head) \(expression(x)) }"
        }
        if c.body.count == 1, case .return(let x?) = c.body[0] {
            return "{\(head) \(expression(x)) }"
        }
        let pad = String(repeating: "    ", count: indent)
        return "{\(head)\n" + statements(c.body, indent: indent + 1) + pad + "}"
    }

    /// Statements, each line indented `indent` levels and ending with a newline.
    public static func statements(_ stmts: [SwiftStmt], indent: Int = 0) -> String {
        var out = ""
        let pad = String(repeating: "    ", count: indent)
        func block(_ body: [SwiftStmt]) -> String { statements(body, indent: indent + 1) }
        for s in stmts {
            switch s {
            case .binding(let isVar, let n, let t, let v):
                out += pad + (isVar ? "var " : "let ") + name(n) + (t.map { ": " + type($0) } ?? "")
                    + (v.map { " = " + expressionIndented($0, indent) } ?? "") + "\n"
            case .assign(let target, let op, let value):
                out += pad + "\(expression(target)) \(op) \(expressionIndented(value, indent))\n"
            case .expr(let x): out += pad + expressionIndented(x, indent) + "\n"
            case .return(let x): out += pad + "return" + (x.map { " " + expressionIndented($0, indent) } ?? "") + "\n"
            case .if(let branches, let elseBody):
                for (i, (cond, body)) in branches.enumerated() {
                    out += (i == 0 ? pad + "if " : " else if ") + condition(cond) + " {\n" + block(body) + pad + "}"
                }
                if let elseBody { out += " else {\n" + block(elseBody) + pad + "}" }
                out += "\n"
            case .guard(let cond, let elseBody):
                out += pad + "guard \(condition(cond)) else {\n" + block(elseBody) + pad + "}\n"
            case .forIn(let pattern, let seq, let body):
                out += pad + "for \(pattern) in \(expression(seq)) {\n" + block(body) + pad + "}\n"
            case .while(let cond, let body):
                out += pad + "while \(expression(cond)) {\n" + block(body) + pad + "}\n"
            case .switch(let subject, let cases, let def):
                out += pad + "switch \(expression(subject)) {\n"
                for c in cases {
                    out += pad + "case \(c.patterns.map(expression).joined(separator: ", ")):\n" + block(c.body.isEmpty ? [.break] : c.body)
                }
                if let def { out += pad + "default:\n" + block(def.isEmpty ? [.break] : def) }
                out += pad + "}\n"
            case .throw(let x): out += pad + "throw \(expression(x))\n"
            case .doCatch(let body, let n, let handler):
                out += pad + "do {\n" + block(body) + pad + "} catch let \(name(n)) {\n" + block(handler) + pad + "}\n"
            case .break: out += pad + "break\n"
            case .continue: out += pad + "continue\n"
            case .comment(let text): out += commentLines(text, pad: pad)
            case .note(let note): out += pad + "// \(note.path):\(note.line)\n"
            case .blank: out += "\n"
            }
        }
        return out
    }

    static func expressionIndented(_ e: SwiftExpr, _ indent: Int) -> String {
        if case .closure(let c) = e { return closure(c, indent: indent) }
        if case .call(let callee, let args, let trailing?) = e {
            var s = expression(callee)
            if !args.isEmpty { s += "(\(arguments(args)))" }
            return s + " " + closure(trailing, indent: indent)
        }
        return expression(e)
    }

    static func condition(_ c: SwiftCondition) -> String {
        switch c {
        case .expr(let x): expression(x)
        case .letBinding(let n, let x): "let \(name(n)) = \(expression(x))"
        }
    }

    /// `// text` lines; a newline in `text` starts a new comment line, so user text can
    /// never end a comment early.
    static func commentLines(_ text: String, pad: String, marker: String = "//") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { pad + marker + ($0.isEmpty ? "" : " " + $0) + "\n" }.joined()
    }

    public static func declarations(_ decls: [SwiftDecl], indent: Int = 0) -> String {
        var out = ""
        let pad = String(repeating: "    ", count: indent)
        for d in decls {
            switch d {
            case .import(let m): out += pad + "import \(m)\n"
            case .struct(let t): out += typeDecl("struct", t, extra: "", indent: indent)
            case .extension(let t): out += typeDecl("extension", t, extra: "", indent: indent)
            case .enum(let t, let cases):
                var body = ""
                for c in cases {
                    body += pad + "    case \(name(c.name))"
                    if !c.associated.isEmpty { body += "(\(c.associated.map(type).joined(separator: ", ")))" }
                    if let raw = c.rawValue { body += " = \(expression(raw))" }
                    body += "\n"
                }
                out += typeDecl("enum", t, extra: body, indent: indent)
            case .function(let f): out += function(f, keyword: "func \(name(f.name))", indent: indent)
            case .initializer(let f): out += function(f, keyword: "init", indent: indent)
            case .property(let p):
                out += docAndNote(p.doc, p.note, pad: pad)
                for a in p.attributes { out += pad + a + "\n" }
                let head = pad + access(p.access) + (p.isStatic ? "static " : "") + (p.isVar ? "var " : "let ") + name(p.name)
                    + (p.type.map { ": " + type($0) } ?? "")
                out += head + (p.value.map { " = " + wrapped($0, indent: indent, column: head.count + 3) } ?? "") + "\n"
            case .typeAlias(let n, let t, let acc): out += pad + access(acc) + "typealias \(name(n)) = \(type(t))\n"
            case .statements(let stmts): out += statements(stmts, indent: indent)
            case .comment(let text): out += commentLines(text, pad: pad)
            case .blank: out += "\n"
            }
        }
        return out
    }

    static func access(_ a: String?) -> String { a.map { $0 + " " } ?? "" }

    static func docAndNote(_ doc: String?, _ note: SourceNote?, pad: String) -> String {
        var out = ""
        if let doc { out += commentLines(doc, pad: pad, marker: "///") }
        if let note { out += pad + "// \(note.path):\(note.line)\n" }
        return out
    }

    static func typeDecl(_ keyword: String, _ t: SwiftTypeDecl, extra: String, indent: Int) -> String {
        let pad = String(repeating: "    ", count: indent)
        var out = docAndNote(t.doc, t.note, pad: pad)
        for a in t.attributes { out += pad + a + "\n" }
        out += pad + access(t.access) + "\(keyword) \(t.name)"
        if !t.conformances.isEmpty { out += ": " + t.conformances.joined(separator: ", ") }
        out += " {\n" + extra
        if !extra.isEmpty, !t.members.isEmpty { out += "\n" }
        out += declarations(t.members, indent: indent + 1) + pad + "}\n"
        return out
    }

    static func function(_ f: SwiftFunction, keyword: String, indent: Int) -> String {
        let pad = String(repeating: "    ", count: indent)
        var out = docAndNote(f.doc, f.note, pad: pad)
        for a in f.attributes { out += pad + a + "\n" }
        let params = f.params.map { p in
            let label: String
            if let l = p.label { label = l == p.name ? name(p.name) : "\(l == "_" ? "_" : self.label(l)) \(name(p.name))" } else { label = "_ \(name(p.name))" }
            return "\(label): \(type(p.type))" + (p.defaultValue.map { " = " + expression($0) } ?? "")
        }.joined(separator: ", ")
        out += pad + access(f.access) + (f.isStatic ? "static " : "") + (f.isMutating ? "mutating " : "") + keyword + "(\(params))"
        if f.isAsync { out += " async" }
        if f.throws { out += f.thrownType.map { " throws(\(type($0)))" } ?? " throws" }
        if let r = f.returns { out += " -> \(type(r))" }
        out += " {\n" + statements(f.body, indent: indent + 1) + pad + "}\n"
        return out
    }

    /// A whole file: the generated-code banner, the header, then the declarations.
    public static func file(_ f: SwiftFile) -> String {
        var out = "// Generated by omni. Do not edit: changes are overwritten on the next build.\n"
        if !f.header.isEmpty { out += commentLines(f.header, pad: "") }
        out += "\n" + declarations(f.declarations)
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }
}
