import OmniBase
import OmniSema

/// Constant folding: computes operators, pure built-ins and string methods whose operands
/// are literals, with the language's (JavaScript's) semantics — the same functions the
/// evaluator uses, so folding can never change a result.
///
/// - `60 * 60 * 24` → `86400`, `1 / 0` → `Infinity`, `"a" + 1` → `"a1"`, `7 >>> 1` → `3`
/// - `true && x` → `x`, `null ?? d` → `d`, `false ? a : b` → `b`
/// - `` `n = ${2}` `` → `"n = 2"`, `Math.floor(2.5)` → `2`, `"ab".toUpperCase()` → `"AB"`
/// - template: `{"a<b"}` → static text `a&lt;b` (merged with the static text around it); an element attribute `width={10 * 4}` →
///   `width="40"`, `={null}`/`={false}` drop it, `={true}` makes it bare.
enum ConstantFolding {
    static func run(_ c: IRComponent) -> IRComponent {
        let oracle = Interpreter(component: emptyComponent, fuel: 10_000, resolver: { _ in nil })
        let rewriter = IRRewriter(
            expr: { fold($0, oracle) },
            nodes: { mergeTexts($0.map(foldNode)) })
        return rewriter.rewrite(c)
    }

    static let emptyComponent = IRComponent(
        name: "", path: "", symbols: [], props: [], state: [], functions: [], effects: [], template: [],
        dependencies: IRDependencies(), span: Span(file: FileID(0), start: 0, end: 0))

    /// Folds one expression whose children are already folded.
    static func fold(_ e: IRExpr, _ oracle: Interpreter) -> IRExpr {
        switch e.kind {
        case .unary(let op, let x):
            guard let v = x.constant else { return e }
            return .literal(JSOperators.unary(op, v), span: e.span)
        case .binary(let op, let a, let b):
            guard let x = a.constant, let y = b.constant else { return e }
            return .literal(JSOperators.binary(op, x, y), span: e.span)
        case .logical(let op, let a, let b):
            guard let x = a.constant else { return e }
            switch op {
            case .and: return x.truthy ? b : a
            case .or: return x.truthy ? a : b
            case .nullish: return x == .null ? b : a
            }
        case .conditional(let c, let a, let b):
            guard let x = c.constant else { return e }
            return x.truthy ? a : b
        case .template(let quasis, let parts):
            return foldTemplate(quasis, parts, e)
        case .builtin(let b, let args):
            guard b.isPure, b != .mathRandom, let values = literalValues(args) else { return e }
            guard let r = try? oracle.builtin(b, values, oracle.root), r.isPrimitive else { return e }
            return .literal(r.primitive, span: e.span)
        case .method(let m, let receiver, let args):
            guard m.isPure, case .string(let s) = receiver.kind, let values = literalValues(args) else { return e }
            guard let r = try? oracle.method(m, .string(s), values, oracle.root), r.isPrimitive else { return e }
            return .literal(r.primitive, span: e.span)
        default:
            return e
        }
    }

    static func literalValues(_ args: [IRArg]) -> [IRValue]? {
        var out: [IRValue] = []
        for a in args {
            guard !a.spread, let c = a.value.constant else { return nil }
            out.append(IRValue(c))
        }
        return out
    }

    /// Joins literal parts into the surrounding text; a template of literals only becomes a string.
    static func foldTemplate(_ quasis: [String], _ parts: [IRExpr], _ e: IRExpr) -> IRExpr {
        guard parts.contains(where: \.isLiteral) else { return e }
        var newQuasis = [quasis.first ?? ""]
        var newParts: [IRExpr] = []
        for (i, p) in parts.enumerated() {
            let after = i + 1 < quasis.count ? quasis[i + 1] : ""
            if let c = p.constant {
                newQuasis[newQuasis.count - 1] += c.toJSString + after
            } else {
                newParts.append(p)
                newQuasis.append(after)
            }
        }
        if newParts.isEmpty { return IRExpr(.string(newQuasis[0]), type: .string, span: e.span) }
        return IRExpr(.template(quasis: newQuasis, parts: newParts), type: e.type, span: e.span)
    }

    /// Adjacent static texts become one: `text "1" text " " text "2"` → `text "1 2"`.
    static func mergeTexts(_ nodes: [IRNode]) -> [IRNode] {
        var out: [IRNode] = []
        for n in nodes {
            if case .text(let t) = n.kind, let last = out.last, case .text(let prev) = last.kind {
                out[out.count - 1] = IRNode(.text(prev + t), span: last.span.merged(with: n.span))
            } else {
                out.append(n)
            }
        }
        return out
    }

    /// `{"x"}` → static text; literal attribute values of elements → static attributes.
    static func foldNode(_ n: IRNode) -> IRNode {
        var n = n
        switch n.kind {
        case .dynamicText(let e, _):
            if let c = e.constant { n.kind = .text(irEscapeHTML(c.toJSString)) }
        case .element(let tag, let attributes, let children):
            n.kind = .element(tag: tag, attributes: attributes.compactMap(foldAttribute), children: children)
        default:
            break
        }
        return n
    }

    static func foldAttribute(_ a: IRAttribute) -> IRAttribute? {
        var a = a
        switch a.value {
        case .dynamic(let e, _):
            guard let c = e.constant else { return a }
            switch c {
            case .null, .bool(false): return nil
            case .bool(true): a.value = .none
            default: a.value = .static(irEscapeHTML(c.toJSString))
            }
        case .interpolated(let parts, let binding):
            let folded = parts.map { p -> IRAttributePart in
                if case .expr(let e) = p, let c = e.constant { return .text(irEscapeHTML(c.toJSString)) }
                return p
            }
            var merged: [IRAttributePart] = []
            for p in folded {
                if case .text(let t) = p, case .text(let prev)? = merged.last {
                    merged[merged.count - 1] = .text(prev + t)
                } else {
                    merged.append(p)
                }
            }
            if merged.isEmpty { a.value = .static("") }
            else if merged.count == 1, case .text(let t) = merged[0] { a.value = .static(t) }
            else { a.value = .interpolated(merged, binding: binding) }
        default:
            break
        }
        return a
    }
}
