import OmniBase
import OmniSema
import OmniSyntax

// Template items → statements appending to `out`: static text verbatim, outputs through the
// escaping of their HTML context, blocks as `if`/`for`, partials and components as calls.

extension TemplateGen {
    mutating func items(_ list: [TemplateItem]) -> [SwiftStmt] {
        var out: [SwiftStmt] = []
        var pendingText = ""
        var pendingSpan: Span?
        func flush(_ gen: inout TemplateGen, _ out: inout [SwiftStmt]) {
            guard let span = pendingSpan else { return }
            if !pendingText.isEmpty {
                // Whitespace between tags needs no note; other text is noted at its first
                // visible character.
                if pendingText.contains(where: { !$0.isWhitespace }) { out += gen.noteStatement(gen.visibleStart(span)) }
                out.append(Self.write("raw", [SwiftArgument(nil, .string(pendingText))]))
            }
            pendingText = ""
            pendingSpan = nil
        }
        for item in list {
            switch item.kind {
            case .text(let text):
                html.feed(text)
                pendingText += text
                if pendingSpan == nil { pendingSpan = item.span }
                continue
            case .comment, .layout:
                continue
            default:
                break
            }
            flush(&self, &out)
            out += statements(for: item)
        }
        flush(&self, &out)
        return out
    }

    mutating func statements(for item: TemplateItem) -> [SwiftStmt] {
        switch item.kind {
        case .text, .comment, .layout:
            return []
        case .output(let o):
            return noteStatement(item.span) + output(o, raw: false)
        case .rawOutput(let o):
            return noteStatement(item.span) + output(o, raw: true)
        case .ifBlock(let b):
            return noteStatement(item.span) + ifBlock(b, negated: false)
        case .unlessBlock(let b):
            return noteStatement(item.span) + ifBlock(b, negated: true)
        case .eachBlock(let e):
            return noteStatement(item.span) + eachBlock(e)
        case .partial(let p):
            return noteStatement(item.span) + partialCall(p)
        case .component(let c):
            return noteStatement(item.span) + componentCall(c)
        case .yield:
            // A `{{yield}}` nested in a layout's block: the page goes here.
            return inPage { $0.items($0.page.ast.items) }
        }
    }

    /// Runs `body` with the page's items and side tables current (a `{{yield}}` in a block).
    mutating func inPage(_ body: (inout TemplateGen) -> [SwiftStmt]) -> [SwiftStmt] {
        inTemplate(page, body)
    }

    // MARK: - Outputs

    mutating func output(_ o: TemplateOutput, raw: Bool) -> [SwiftStmt] {
        let v = value(o.expression)
        let position = html.position(for: o.context)
        let stmts = print(v, position: position, raw: raw)
        html.noteOutput()
        return stmts
    }

    /// Statements writing `v` at `position`; an absent optional writes nothing.
    mutating func print(_ v: GenValue, position: OutputPosition, raw: Bool) -> [SwiftStmt] {
        if case .optional(let wrapped) = v.type {
            let name = fresh("v")
            let inner = print(GenValue(.identifier(name), wrapped), position: position, raw: raw)
            return [.if([(.letBinding(name, v.expr), inner)], else: nil)]
        }
        switch v.type {
        case .scalar(.int), .scalar(.float), .scalar(.bool):
            if case .tag = position {
                return [Self.write("attributeName", [SwiftArgument(nil, .call(.identifier("String"), [SwiftArgument(nil, v.expr)]))])]
            }
            let method = v.type == .scalar(.int) ? "int" : v.type == .scalar(.float) ? "number" : "bool"
            return [Self.write(method, [SwiftArgument(nil, v.expr)])]
        case .scalar(.string), .scalar(.text), .scalar(.json):
            return [writeString(v.expr, position: position, raw: raw)]
        case .scalar(.date), .scalar(.datetime):
            return [writeString(.call(.member(.identifier("TemplateSupport"), "iso8601"), [SwiftArgument(nil, v.expr)]),
                                position: position, raw: raw)]
        case .scalar(.uuid):
            return [writeString(.member(v.expr, "uuidString"), position: position, raw: raw)]
        case .enumeration:
            return [writeString(.member(v.expr, "rawValue"), position: position, raw: raw)]
        case .entity, .list, .record, .optional, .error:
            // The template checker rejects printing these (E046x); nothing to write.
            return [.comment("not printable: \(v.type)")]
        }
    }

    /// The escaping call for a string at `position` (docs/LANGUAGE.md, "Templates", escaping).
    func writeString(_ s: SwiftExpr, position: OutputPosition, raw: Bool) -> SwiftStmt {
        if raw { return Self.write("rawTrusted", [SwiftArgument(nil, s)]) }
        let arg = [SwiftArgument(nil, s)]
        let unquotedFlag = [SwiftArgument(nil, s), SwiftArgument("unquoted", .bool(true))]
        switch position {
        case .text: return Self.write("text", arg)
        case .tag: return Self.write("attributeName", arg)
        case .script: return Self.write("jsString", arg)
        case .style: return Self.write("cssValue", arg)
        case .attribute(let kind, let quoted):
            switch kind {
            case .plain: return Self.write(quoted ? "attributeValue" : "unquotedAttributeValue", arg)
            case .script: return Self.write("jsString", quoted ? arg : unquotedFlag)
            case .style: return Self.write("cssValue", quoted ? arg : unquotedFlag)
            case .html: return Self.write("htmlInAttribute", arg)
            case .url(let part):
                switch part {
                case .start, .scheme: return Self.write(quoted ? "urlValue" : "unquotedURLValue", arg)
                case .path: return Self.write(quoted ? "attributeValue" : "unquotedAttributeValue", arg)
                case .query: return Self.write("urlComponent", arg)
                }
            }
        }
    }

    // MARK: - Blocks

    mutating func ifBlock(_ b: TemplateIf, negated: Bool) -> [SwiftStmt] {
        let before = html
        var ends: [AttributeTracker] = []
        var branches: [(SwiftCondition, [SwiftStmt])] = []
        for (i, branch) in b.branches.enumerated() {
            html = before
            var condition = truthiness(value(branch.condition))
            if negated && i == 0 { condition = Self.negate(condition) }
            let body = items(branch.items)
            ends.append(html)
            branches.append((.expr(condition), body.isEmpty ? [] : body))
        }
        var elseBody: [SwiftStmt]?
        if let elseItems = b.elseItems {
            html = before
            let body = items(elseItems)
            ends.append(html)
            if !body.isEmpty { elseBody = body }
        } else {
            ends.append(before)
        }
        html = AttributeTracker.merge(ends)
        lastNote = nil
        // An empty first branch with an `else`: `if c {} else {…}` reads worse than `if !c {…}`.
        if branches.count == 1, branches[0].1.isEmpty, let elseBody, case .expr(let c) = branches[0].0 {
            return [.if([(.expr(Self.negate(c)), elseBody)], else: nil)]
        }
        if branches.allSatisfy({ $0.1.isEmpty }) && elseBody == nil { return [] }
        return [.if(branches, else: elseBody)]
    }

    static func negate(_ e: SwiftExpr) -> SwiftExpr {
        switch e {
        case .prefix("!", let inner): inner
        case .bool(let b): .bool(!b)
        case .binary(let l, "!=", let r): .binary(l, "==", r)
        case .binary, .ternary: .prefix("!", .paren(e))
        default: .prefix("!", e)
        }
    }

    // MARK: - Partials and components

    mutating func partialCall(_ p: TemplatePartial) -> [SwiftStmt] {
        let target = program.template(at: p.path)
        let fields = target?.context ?? p.arguments.map { ServerField(name: $0.key.name, type: value($0.value).type) }
        var bindings: [(String, SwiftExpr)] = []
        var args: [SwiftArgument] = []
        for field in fields {
            guard let arg = p.arguments.first(where: { $0.key.name == field.name }) else {
                if field.type.isOptional { args.append(SwiftArgument(field.name, .nil)) }
                continue
            }
            let v = coerce(value(arg.value, expected: field.type), to: field.type)
            args.append(SwiftArgument(field.name, hoist(v, into: field.type, &bindings)))
        }
        let context = SwiftExpr.call(.identifier(ServerNames.templateContextType(p.path)), args)
        let call = SwiftStmt.expr(.call(.identifier(ServerNames.templateRenderFunction(p.path)), [
            SwiftArgument(nil, .prefix("&", Self.outVar)), SwiftArgument(nil, context),
            SwiftArgument(nil, .identifier("env")), SwiftArgument("layout", .bool(false)),
        ]))
        return Self.wrap(call, in: bindings)
    }

    mutating func componentCall(_ c: TemplateComponent) -> [SwiftStmt] {
        var bindings: [(String, SwiftExpr)] = []
        var args: [SwiftArgument] = [SwiftArgument(nil, .prefix("&", Self.outVar))]
        if let component = components[c.name.name] {
            for prop in component.props {
                guard let arg = c.arguments.first(where: { $0.key.name == prop.name }) else { continue }
                let expected = Self.serverType(prop.type)
                var v = value(arg.value, expected: expected)
                if let expected { v = coerce(v, to: expected) }
                args.append(SwiftArgument(prop.name, hoist(v, into: expected ?? v.type, &bindings)))
            }
        } else {
            for arg in c.arguments {
                var isNumber = false
                if case .number = arg.value.kind { isNumber = true }
                let v = coerce(value(arg.value, expected: isNumber ? .scalar(.float) : nil), to: .scalar(.float))
                args.append(SwiftArgument(arg.key.name, hoist(v, into: v.type.unwrapped, &bindings)))
            }
        }
        // Inside `<svg>`, the component's root is a `<g>` (a `<div>` would end the SVG).
        if html.inSVG { args.append(SwiftArgument(SSRGen.svgRoot, .bool(true))) }
        let call = SwiftStmt.expr(.call(.identifier(ServerNames.componentSSRFunction(c.name.name)), args))
        return Self.wrap(call, in: bindings)
    }

    /// A prop's type as a server type, for typing literals and converting numbers.
    static func serverType(_ t: SemaType) -> ServerType? {
        switch t {
        case .number: .scalar(.float)
        case .string: .scalar(.string)
        case .bool: .scalar(.bool)
        case .optional(let w): serverType(w).map { .optional($0) }
        default: nil
        }
    }

    /// An argument that is optional in Swift (a relation read through a row) where the
    /// callee wants a value: bound with `if let` around the call, so an absent value skips
    /// the call (the checker only lets loaded relations through, so it is present).
    mutating func hoist(_ v: GenValue, into target: ServerType, _ bindings: inout [(String, SwiftExpr)]) -> SwiftExpr {
        guard v.type.isOptional, !target.isOptional else { return v.expr }
        let name = fresh("a")
        bindings.append((name, v.expr))
        return .identifier(name)
    }

    /// `span` without its leading whitespace, for the source note of a text run.
    func visibleStart(_ span: Span) -> Span {
        guard let file = sources[current.file] else { return span }
        var start = Int(span.start)
        while start < Int(span.end), start < file.bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(file.bytes[start]) { start += 1 }
        return Span(file: span.file, start: UInt32(start), end: span.end)
    }

    static func wrap(_ call: SwiftStmt, in bindings: [(String, SwiftExpr)]) -> [SwiftStmt] {
        var body = [call]
        for (name, expr) in bindings.reversed() { body = [.if([(.letBinding(name, expr), body)], else: nil)] }
        return body
    }
}
