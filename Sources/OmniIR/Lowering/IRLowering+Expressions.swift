import OmniBase
import OmniSema
import OmniSyntax

extension Lowerer {
    func unreachable(_ message: String, _ e: Expr) -> IRExpr { IRExpr(.unreachable(message), type: .error, span: e.span) }

    func lower(_ e: Expr) -> IRExpr {
        let t = type(e)
        func make(_ k: IRExprKind) -> IRExpr { IRExpr(k, type: t, span: e.span) }
        switch e.kind {
        case .number(let n): return IRExpr(.number(n), type: .number, span: e.span)
        case .string(let s): return IRExpr(.string(s), type: .string, span: e.span)
        case .bool(let b): return IRExpr(.bool(b), type: .bool, span: e.span)
        case .null: return IRExpr(.null, type: t == .error ? .null : t, span: e.span)
        case .template(let quasis, let exprs): return make(.template(quasis: quasis, parts: exprs.map { lower($0) }))
        case .identifier(let name):
            guard let s = tc.references[e.id], symbolOK(s) else { return unreachable("cannot find `\(name)`", e) }
            let sym = tc.symbol(s)
            switch sym.kind {
            case .propsObject: return make(.props)
            case .prop: return make(.propGet(sym.name))
            case .function where topLevelFunctions.contains(s): return make(.functionRef(s))
            case .builtin: return unreachable("the built-in `\(name)` is not a value", e)
            default: return make(.local(s))
            }
        case .array(let elements): return make(.array(elements.map { IRArg(lower($0.value), spread: $0.spread) }))
        case .object(let properties):
            return make(.object(properties.map { p -> IRField in
                switch p.kind {
                case .keyValue(let key, let value, _): return IRField(key: .named(key.name), value: lower(value))
                case .computed(let key, let value): return IRField(key: .computed(lower(key)), value: lower(value))
                case .spread(let x): return IRField(key: .spread, value: lower(x))
                case .method(let key, let sig, let body):
                    let ft = fieldType(t, key.name)
                    let lambda = lowerFunction(sig, .block(body, span: p.span), type: ft)
                    return IRField(key: .named(key.name), value: IRExpr(.lambda(lambda), type: ft, span: p.span))
                }
            }))
        case .unary(let op, let x, _):
            switch op {
            case .negate: return make(.unary(.negate, lower(x)))
            case .plus: return make(.unary(.plus, lower(x)))
            case .not: return make(.unary(.not, lower(x)))
            case .bitNot: return make(.unary(.bitNot, lower(x)))
            case .typeof: return make(.unary(.typeof, lower(x)))
            case .void: return make(.unary(.void, lower(x)))
            case .preIncrement, .preDecrement:
                guard let target = lowerTarget(x) else { return unreachable("cannot assign to this expression", e) }
                return make(.update(target, increment: op == .preIncrement, prefix: true))
            case .delete, .await: return unreachable("`\(op.rawValue)` is not supported", e)
            }
        case .postfix(let op, let x, _):
            guard let target = lowerTarget(x) else { return unreachable("cannot assign to this expression", e) }
            return make(.update(target, increment: op == .increment, prefix: false))
        case .binary(let op, let a, let b, _):
            switch op {
            case .and: return make(.logical(.and, lower(a), lower(b)))
            case .or: return make(.logical(.or, lower(a), lower(b)))
            case .nullish: return make(.logical(.nullish, lower(a), lower(b)))
            case .instanceof, .in: return unreachable("`\(op.rawValue)` is not supported", e)
            default:
                guard let irOp = IRBinaryOp(rawValue: op.rawValue) else { return unreachable("unsupported operator", e) }
                return make(.binary(irOp, lower(a), lower(b)))
            }
        case .assign(let op, let target, let value, _):
            guard let tgt = lowerTarget(target) else { return unreachable("cannot assign to this expression", e) }
            let irOp: IRAssignOp
            switch op {
            case .assign: irOp = .assign
            case .and: irOp = .logical(.and)
            case .or: irOp = .logical(.or)
            case .nullish: irOp = .logical(.nullish)
            default:
                guard let b = IRBinaryOp(rawValue: String(op.rawValue.dropLast())) else { return unreachable("unsupported assignment", e) }
                irOp = .binary(b)
            }
            return make(.assign(irOp, tgt, lower(value)))
        case .conditional(let c, let a, let b):
            return make(.conditional(lower(c), lower(a), lower(b)))
        case .call(let callee, let args, let optional):
            return lowerCall(e, callee, args, optional: optional)
        case .member(let base, let name, let optional):
            return lowerMember(e, base, name.name, optional: optional)
        case .index(let base, let i, let optional):
            return make(.index(lower(base), lower(i), optional: optional))
        case .arrow(let sig, let body):
            return make(.lambda(lowerFunction(sig, body, type: t)))
        case .function(_, let sig, let body):
            return make(.lambda(lowerFunction(sig, .block(body, span: e.span), type: t)))
        case .paren(let x), .nonNull(let x):
            return lower(x)
        case .asType(let x, _):
            var inner = lower(x)
            if t != .error { inner.type = t }
            return inner
        case .sequence:
            return unreachable("comma sequences are not supported", e)
        case .error:
            return unreachable("an expression with a syntax error", e)
        }
    }

    func fieldType(_ t: SemaType, _ name: String) -> SemaType {
        if case .object(let fields) = t.unwrappedForIR { return fields.first { $0.name == name }?.type ?? .error }
        return .error
    }

    func lowerTarget(_ e: Expr) -> IRTarget? {
        let x = unparen(e)
        switch x.kind {
        case .identifier:
            guard let s = tc.references[x.id], symbolOK(s) else { return nil }
            return .local(s)
        case .member(let base, let name, _): return .member(lower(base), name.name)
        case .index(let base, let i, _): return .index(lower(base), lower(i))
        default: return nil
        }
    }

    /// The built-in symbol `e` names, if it names one.
    func builtinName(_ e: Expr) -> String? {
        let x = unparen(e)
        guard case .identifier = x.kind, let s = tc.references[x.id], symbolOK(s), tc.symbol(s).kind == .builtin else { return nil }
        return tc.symbol(s).name
    }

    func isPropsObject(_ e: Expr) -> Bool {
        let x = unparen(e)
        guard case .identifier = x.kind, let s = tc.references[x.id], symbolOK(s) else { return false }
        return tc.symbol(s).kind == .propsObject
    }

    func lowerArgs(_ args: [ArrayElement]) -> [IRArg] { args.map { IRArg(lower($0.value), spread: $0.spread) } }

    func lowerCall(_ e: Expr, _ callee: Expr, _ args: [ArrayElement], optional: Bool) -> IRExpr {
        let t = type(e)
        func make(_ k: IRExprKind) -> IRExpr { IRExpr(k, type: t, span: e.span) }
        let c = unparen(callee)
        if case .identifier(let name) = c.kind {
            guard let s = tc.references[c.id], symbolOK(s) else { return unreachable("cannot find `\(name)`", e) }
            let sym = tc.symbol(s)
            if sym.kind == .builtin {
                switch name {
                case "untrack", "batch": return make(.builtin(name == "batch" ? .batch : .untrack, lowerArgs(args)))
                default:
                    guard let b = IRBuiltin(rawValue: name) else { return unreachable("the built-in `\(name)` cannot be called", e) }
                    return make(.builtin(b, lowerArgs(args)))
                }
            }
            if topLevelFunctions.contains(s) { return make(.call(s, lowerArgs(args))) }
            switch sym.type {
            case .signal where args.isEmpty && topLevelState.contains(s): return make(.signalGet(s))
            case .computed where args.isEmpty && topLevelState.contains(s): return make(.computedGet(s))
            default: break
            }
            if sym.kind == .propsObject { return unreachable("`props` is not a function", e) }
        }
        if case .member(let base, let name, let optChain) = c.kind {
            if let b = builtinName(base) {
                if let builtin = IRBuiltin(rawValue: "\(b).\(name.name)"), builtin != .mathPI { return make(.builtin(builtin, lowerArgs(args))) }
                return unreachable("`\(b).\(name.name)` is not a function", e)
            }
            if isPropsObject(base) {
                return make(.callValue(IRExpr(.propGet(name.name), type: type(c), span: c.span), lowerArgs(args)))
            }
            let bt = type(base).unwrappedForIR
            switch bt {
            case .signal:
                let arg = args.first.map { lower($0.value) } ?? IRExpr(.null, type: .null, span: e.span)
                let ub = unparen(base)
                if case .identifier = ub.kind, let s = tc.references[ub.id], symbolOK(s), topLevelState.contains(s) {
                    if name.name == "set" { return make(.signalSet(s, arg)) }
                    if name.name == "update" { return make(.signalUpdate(s, arg)) }
                }
                if name.name == "set" { return make(.method(.signalSet, receiver: lower(base), lowerArgs(args))) }
                if name.name == "update" { return make(.method(.signalUpdate, receiver: lower(base), lowerArgs(args))) }
                return unreachable("signals have no method `\(name.name)`", e)
            case .string, .array, .number:
                let kind = bt == .string ? "string" : bt == .number ? "number" : "array"
                guard let m = IRMethod.lookup(name.name, on: kind) else { return unreachable("\(kind)s have no method `\(name.name)`", e) }
                return guardOptional(optChain, base, e) { receiver in make(.method(m, receiver: receiver, lowerArgs(args))) }
            default:
                break
            }
        }
        return make(.callValue(lower(callee), lowerArgs(args)))
    }

    /// `base?.m(…)`: when `base` is `null` the result is `null`. A pure receiver is tested
    /// in place; otherwise the method is applied directly.
    func guardOptional(_ optional: Bool, _ base: Expr, _ e: Expr, _ build: (IRExpr) -> IRExpr) -> IRExpr {
        let receiver = lower(base)
        guard optional, !IRAnalysis.isDefinitelyPresent(receiver.type), IRAnalysis.isPure(receiver) else { return build(receiver) }
        var present = receiver
        present.type = receiver.type.unwrappedForIR
        let test = IRExpr(.binary(.equal, receiver, IRExpr(.null, type: .null, span: base.span)), type: .bool, span: e.span)
        let value = build(present)
        return IRExpr(.conditional(test, IRExpr(.null, type: .null, span: e.span), value), type: type(e), span: e.span)
    }

    func lowerMember(_ e: Expr, _ base: Expr, _ name: String, optional: Bool) -> IRExpr {
        let t = type(e)
        func make(_ k: IRExprKind) -> IRExpr { IRExpr(k, type: t, span: e.span) }
        if isPropsObject(base) { return make(.propGet(name)) }
        if let b = builtinName(base) {
            if b == "Math", name == "PI" { return make(.builtin(.mathPI, [])) }
            return unreachable("`\(b).\(name)` is not a value", e)
        }
        let bt = type(base).unwrappedForIR
        if name == "length", bt == .string || { if case .array = bt { true } else { false } }() {
            let m: IRMethod = bt == .string ? .stringLength : .arrayLength
            return guardOptional(optional, base, e) { receiver in make(.method(m, receiver: receiver, [])) }
        }
        return make(.member(lower(base), name, optional: optional))
    }
}

extension SemaType {
    /// `T` for `T?`, else the type itself.
    var unwrappedForIR: SemaType {
        if case .optional(let t) = self { return t }
        return self
    }
}
