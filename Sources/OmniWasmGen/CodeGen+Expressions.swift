import CBinaryen
import OmniBase
import OmniIR
import OmniSema

extension CodeGen {
    /// `e` as a value of its type's representation (a placeholder when unsupported).
    func value(_ e: IRExpr) -> Ref {
        let want = wtype(e.type, at: e.span)
        let (code, have) = raw(e)
        return adapt(code, have, want, at: e.span)
    }

    /// `e` converted to the representation of `type` (the parameter or variable it flows into).
    func value(_ e: IRExpr, as type: SemaType) -> Ref {
        let want = wtype(type, at: e.span)
        let (code, have) = raw(e)
        return adapt(code, have, want, at: e.span)
    }

    /// `e` evaluated for its effects only.
    func effect(_ e: IRExpr) -> Ref {
        let (code, have) = raw(e)
        return have == .none ? code : m.drop(code)
    }

    func adapt(_ code: Ref, _ have: WType, _ want: WType, at span: Span) -> Ref {
        if have == want { return code }
        if have == .none { return m.block([code, zero(want)], type: want) }
        if want == .none { return m.drop(code) }
        unsupported("mixing numbers and other values here", at: span)
        return m.block([m.drop(code), zero(want)], type: want)
    }

    /// Compiles `e`; returns the code and the representation it produces.
    func raw(_ e: IRExpr) -> (Ref, WType) {
        let t = wtype(e.type) ?? .i32
        switch e.kind {
        case .number(let n): return (m.f64(n), .f64)
        case .string(let s): return (m.i32(data.string(s)), .i32)
        case .bool(let b): return (m.i32(b ? 1 : 0), .i32)
        case .null: return (zero(t), t)
        case .local(let s):
            if c.symbol(s).type.isReactive {
                unsupported("using a signal or computed as a value", at: e.span)
                return (zero(t), t)
            }
            return (read(s, t), t)
        case .functionRef(let s):
            return (m.i32(staticClosure(for: s)), .i32)
        case .props:
            unsupported("the `props` object as a value", at: e.span)
            return (zero(t), t)
        case .propGet(let name):
            guard let p = c.props.first(where: { $0.name == name }) else { return (zero(t), t) }
            return (m.gget(global(p.symbol), t), t)
        case .signalGet(let s):
            return (m.gget(global(s), t), t)
        case .signalSet(let s, let v):
            let vt = wtype(c.symbol(s).type.valueType, at: e.span)
            _ = vt
            return (m.block([m.gset(global(s), value(v, as: c.symbol(s).type.valueType)), mark(s)]), .none)
        case .signalUpdate(let s, let f):
            let valueType = c.symbol(s).type.valueType
            let vt = wtype(valueType, at: e.span)
            let newValue = callCallable(f, [m.gget(global(s), vt)], argTypes: [valueType], result: valueType, at: e.span)
            return (m.block([m.gset(global(s), newValue), mark(s)]), .none)
        case .computedGet(let s):
            return (computedValue(s, t, at: e.span), t)
        case .unary(let op, let x):
            return unary(op, x, e)
        case .binary(let op, let a, let b):
            return binary(op, a, b, e)
        case .logical(let op, let a, let b):
            return logical(op, a, b, e)
        case .conditional(let cond, let a, let b):
            return (m.iff(truthy(cond), value(a, as: e.type), value(b, as: e.type)), t)
        case .assign(let op, let target, let v):
            return assign(op, target, v, e)
        case .update(let target, let increment, let prefix):
            return update(target, increment: increment, prefix: prefix, e)
        case .call(let f, let args):
            return (directCall(f, args, at: e.span), wtype(c.function(f)?.returnType ?? e.type) ?? t)
        case .callValue(let f, let args):
            guard let ft = f.type.functionType else {
                unsupported("calling a value of type `\(f.type)`", at: e.span)
                return (zero(t), t)
            }
            let argValues = spreadFree(args, at: e.span).enumerated().compactMap { i, a in
                i < ft.params.count ? value(a, as: ft.params[i]) : nil
            }
            let padded = argValues + (argValues.count..<ft.params.count).map { zero(wtype(ft.params[$0]) ?? .i32) }
            return (callClosure(value(f), ft, padded), wtype(ft.returns) ?? t)
        case .builtin(let b, let args):
            return builtin(b, args, e)
        case .method(let method, let receiver, let args):
            return self.method(method, receiver, args, e)
        case .member(let o, let name, _):
            return member(o, name, e)
        case .index(let o, let i, _):
            return index(o, i, e)
        case .array(let items):
            return (arrayLiteral(items, elementType: e.type.elementType, at: e.span), .i32)
        case .object:
            unsupported("object literals", at: e.span)
            return (zero(t), t)
        case .template(let quasis, let parts):
            var acc: Ref = m.i32(data.string(quasis.first ?? ""))
            for (i, p) in parts.enumerated() {
                acc = m.call("$cat", [acc, toStr(p)], .i32)
                if i + 1 < quasis.count, !quasis[i + 1].isEmpty {
                    acc = m.call("$cat", [acc, m.i32(data.string(quasis[i + 1]))], .i32)
                }
            }
            return (acc, .i32)
        case .lambda(let l):
            return (closure(l, type: e.type, at: e.span), .i32)
        case .unreachable(let message):
            unsupported("code with errors (\(message))", at: e.span)
            return (zero(t), t)
        }
    }

    // MARK: Truthiness and strings

    /// ToBoolean of `e`, as an i32.
    func truthy(_ e: IRExpr) -> Ref {
        switch e.type {
        case .bool: return value(e)
        case .number: return m.call("$tnum", [value(e)], .i32)
        case .string: return m.call("$tstr", [value(e)], .i32)
        case .null, .void: return m.block([effect(e), m.i32(0)], type: .i32)
        case .optional(.string): return m.call("$tstr", [value(e)], .i32)
        default: return m.ne0(value(e))
        }
    }

    /// ToString of `e` (a string pointer).
    func toStr(_ e: IRExpr) -> Ref {
        switch e.type {
        case .string: return value(e)
        case .number: return m.call("$numstr", [value(e)], .i32)
        case .bool: return m.select(value(e), m.i32(data.string("true")), m.i32(data.string("false")), .i32)
        case .null, .void: return m.block([effect(e), m.i32(data.string("null"))], type: .i32)
        case .optional(let inner) where wtype(inner) == .i32:
            let tmp = fn.newLocal(.i32)
            return m.iff(m.tee(tmp, value(e), .i32), stringOf(m.get(tmp, .i32), e.type.unwrapped, at: e.span), m.i32(data.string("null")))
        case .array(let el):
            return join(value(e), el, separator: m.i32(data.string(",")), at: e.span)
        default:
            unsupported("converting a value of type `\(e.type)` to a string", at: e.span)
            return m.block([effect(e), m.i32(data.string(""))], type: .i32)
        }
    }

    /// ToString of an already computed value of type `t`.
    func stringOf(_ v: Ref, _ t: SemaType, at span: Span) -> Ref {
        switch t {
        case .string: return v
        case .number: return m.call("$numstr", [v], .i32)
        case .bool: return m.select(v, m.i32(data.string("true")), m.i32(data.string("false")), .i32)
        case .array(let el): return join(v, el, separator: m.i32(data.string(",")), at: span)
        case .optional(let inner):
            let tmp = fn.newLocal(.i32)
            return m.iff(m.tee(tmp, v, .i32), stringOf(m.get(tmp, .i32), inner, at: span), m.i32(data.string("null")))
        case .null: return m.block([m.drop(v), m.i32(data.string("null"))], type: .i32)
        default:
            unsupported("converting a value of type `\(t)` to a string", at: span)
            return m.i32(data.string(""))
        }
    }

    // MARK: Operators

    func unary(_ op: IRUnaryOp, _ x: IRExpr, _ e: IRExpr) -> (Ref, WType) {
        switch op {
        case .not: return (m.eqz(truthy(x)), .i32)
        case .negate: return (m.un(BinaryenNegFloat64(), number(x)), .f64)
        case .plus: return (number(x), .f64)
        case .bitNot:
            return (m.un(BinaryenConvertSInt32ToFloat64(), m.bin(BinaryenXorInt32(), m.call("$toi32", [number(x)], .i32), m.i32(-1))), .f64)
        case .typeof:
            let name: String
            switch x.type {
            case .number: name = "number"
            case .string: name = "string"
            case .bool: name = "boolean"
            case .function: name = "function"
            default: name = "object"
            }
            return (m.block([effect(x), m.i32(data.string(name))], type: .i32), .i32)
        case .void: return (m.block([effect(x), m.i32(0)], type: .i32), .i32)
        }
    }

    /// ToNumber of `e`, as an f64.
    func number(_ e: IRExpr) -> Ref {
        switch e.type {
        case .number: return value(e)
        case .bool: return m.un(BinaryenConvertUInt32ToFloat64(), value(e))
        case .string: return m.call("$h_num", [m.i32(0), value(e)], .f64)
        case .null: return m.block([effect(e), m.f64(0)], type: .f64)
        default:
            unsupported("converting a value of type `\(e.type)` to a number", at: e.span)
            return m.block([effect(e), m.f64(.nan)], type: .f64)
        }
    }

    func binary(_ op: IRBinaryOp, _ a: IRExpr, _ b: IRExpr, _ e: IRExpr) -> (Ref, WType) {
        func f(_ o: BinaryenOp) -> (Ref, WType) { (m.bin(o, number(a), number(b)), .f64) }
        func cmp(_ o: BinaryenOp, _ s: BinaryenOp) -> (Ref, WType) {
            if a.type == .string && b.type == .string {
                return (m.bin(s, m.call("$scmp", [value(a), value(b)], .i32), m.i32(0)), .i32)
            }
            return (m.bin(o, number(a), number(b)), .i32)
        }
        func int(_ o: BinaryenOp, unsigned: Bool = false) -> (Ref, WType) {
            let r = m.bin(o, m.call("$toi32", [number(a)], .i32), m.call("$toi32", [number(b)], .i32))
            return (m.un(unsigned ? BinaryenConvertUInt32ToFloat64() : BinaryenConvertSInt32ToFloat64(), r), .f64)
        }
        switch op {
        case .add:
            if e.type == .string || a.type == .string || b.type == .string {
                return (m.call("$cat", [toStr(a), toStr(b)], .i32), .i32)
            }
            return f(BinaryenAddFloat64())
        case .subtract: return f(BinaryenSubFloat64())
        case .multiply: return f(BinaryenMulFloat64())
        case .divide: return f(BinaryenDivFloat64())
        case .remainder: return (m.call("$h_rem", [number(a), number(b)], .f64), .f64)
        case .power: return (m.call("$h_pow", [number(a), number(b)], .f64), .f64)
        case .less: return cmp(BinaryenLtFloat64(), BinaryenLtSInt32())
        case .greater: return cmp(BinaryenGtFloat64(), BinaryenGtSInt32())
        case .lessEqual: return cmp(BinaryenLeFloat64(), BinaryenLeSInt32())
        case .greaterEqual: return cmp(BinaryenGeFloat64(), BinaryenGeSInt32())
        case .equal, .strictEqual: return (equals(a, b), .i32)
        case .notEqual, .strictNotEqual: return (m.eqz(equals(a, b)), .i32)
        case .bitAnd: return int(BinaryenAndInt32())
        case .bitOr: return int(BinaryenOrInt32())
        case .bitXor: return int(BinaryenXorInt32())
        case .shiftLeft: return int(BinaryenShlInt32())
        case .shiftRight: return int(BinaryenShrSInt32())
        case .unsignedShiftRight: return int(BinaryenShrUInt32(), unsigned: true)
        }
    }

    /// `a === b` for operands of compatible types.
    func equals(_ a: IRExpr, _ b: IRExpr) -> Ref {
        let ta = a.type.unwrapped, tb = b.type.unwrapped
        if a.type == .null || b.type == .null {
            let other = a.type == .null ? b : a
            if wtype(other.type) == .f64 { return m.block([effect(other), m.i32(0)], type: .i32) }
            return m.block([effect(a.type == .null ? a : b), m.eqz(value(other))], type: .i32)
        }
        if ta == .number && tb == .number { return m.bin(BinaryenEqFloat64(), number(a), number(b)) }
        if ta == .string && tb == .string { return m.call("$seq", [value(a), value(b)], .i32) }
        if wtype(a.type) == wtype(b.type), wtype(a.type) == .i32 { return m.bin(BinaryenEqInt32(), value(a), value(b)) }
        unsupported("comparing `\(a.type)` with `\(b.type)`", at: a.span)
        return m.i32(0)
    }

    func logical(_ op: IRLogicalOp, _ a: IRExpr, _ b: IRExpr, _ e: IRExpr) -> (Ref, WType) {
        let t = wtype(e.type, at: e.span)
        if t == .none { return (m.block([effect(a), effect(b)]), .none) }
        let tmp = fn.newLocal(t)
        let first = m.tee(tmp, value(a, as: e.type), t)
        let test: Ref
        switch op {
        case .and, .or:
            test = truthyOf(first, e.type)
        case .nullish:
            test = t == .f64 ? m.bin(BinaryenEqFloat64(), first, first) : m.ne0(first)
        }
        let keep = m.get(tmp, t)
        switch op {
        case .and: return (m.iff(test, value(b, as: e.type), keep), t)
        case .or, .nullish: return (m.iff(test, keep, value(b, as: e.type)), t)
        }
    }

    /// ToBoolean of an already computed value of type `t`.
    func truthyOf(_ v: Ref, _ t: SemaType) -> Ref {
        switch t {
        case .bool: v
        case .number: m.call("$tnum", [v], .i32)
        case .string, .optional(.string): m.call("$tstr", [v], .i32)
        default: m.ne0(v)
        }
    }

    // MARK: Assignment

    func assign(_ op: IRAssignOp, _ target: IRTarget, _ v: IRExpr, _ e: IRExpr) -> (Ref, WType) {
        switch target {
        case .local(let s):
            let st = c.symbol(s).type
            let t = wtype(st, at: e.span)
            let newValue: Ref
            switch op {
            case .assign: newValue = value(v, as: st)
            case .binary(let b):
                let cur = IRExpr(.local(s), type: st, span: e.span)
                newValue = adapt(binary(b, cur, v, IRExpr(.null, type: st, span: e.span)).0, b == .add && st == .string ? .i32 : (st == .number ? .f64 : .i32), t, at: e.span)
            case .logical(let l):
                let cur = IRExpr(.local(s), type: st, span: e.span)
                newValue = logical(l, cur, v, IRExpr(.null, type: st, span: e.span)).0
            }
            let tmp = fn.newLocal(t)
            return (m.block([write(s, t, m.tee(tmp, newValue, t)), m.get(tmp, t)], type: t), t)
        case .index(let arr, let i):
            guard case .array(let el) = arr.type.unwrapped, op == .assign else {
                unsupported("this assignment", at: e.span)
                return (zero(.i32), .i32)
            }
            let t = wtype(el, at: e.span)
            let tmp = fn.newLocal(t)
            let slot = m.call("$aslot", [value(arr), m.call("$toi32", [number(i)], .i32)], .i32)
            return (m.block([m.store(t, slot, m.tee(tmp, value(v, as: el), t)), m.get(tmp, t)], type: t), t)
        case .member:
            unsupported("assigning to a field", at: e.span)
            return (zero(.i32), .i32)
        }
    }

    func update(_ target: IRTarget, increment: Bool, prefix: Bool, _ e: IRExpr) -> (Ref, WType) {
        guard case .local(let s) = target, wtype(c.symbol(s).type) == .f64 else {
            unsupported("`++`/`--` on this target", at: e.span)
            return (m.f64(.nan), .f64)
        }
        let old = fn.newLocal(.f64)
        let new = m.bin(increment ? BinaryenAddFloat64() : BinaryenSubFloat64(), m.get(old, .f64), m.f64(1))
        let tmp = fn.newLocal(.f64)
        return (m.block([
            m.set(old, read(s, .f64)),
            write(s, .f64, m.tee(tmp, new, .f64)),
            prefix ? m.get(tmp, .f64) : m.get(old, .f64),
        ], type: .f64), .f64)
    }

    // MARK: Members

    func member(_ o: IRExpr, _ name: String, _ e: IRExpr) -> (Ref, WType) {
        if o.type == .event {
            let offsets = ["type": 0, "value": 4, "checked": 8, "key": 12]
            if let off = offsets[name] { return (m.load(.i32, value(o), offset: off), .i32) }
        }
        if name == "length" {
            switch o.type.unwrapped {
            case .string, .array: return (m.un(BinaryenConvertUInt32ToFloat64(), m.load(.i32, value(o))), .f64)
            default: break
            }
        }
        unsupported("the field `\(name)` of `\(o.type)`", at: e.span)
        return (zero(wtype(e.type) ?? .i32), wtype(e.type) ?? .i32)
    }

    func index(_ o: IRExpr, _ i: IRExpr, _ e: IRExpr) -> (Ref, WType) {
        guard case .array(let el) = o.type.unwrapped, let t = wtype(el) else {
            unsupported("indexing a value of type `\(o.type)`", at: e.span)
            return (zero(wtype(e.type) ?? .i32), wtype(e.type) ?? .i32)
        }
        let arr = fn.newLocal(.i32), idx = fn.newLocal(.i32)
        let inRange = m.bin(BinaryenLtUInt32(), m.tee(idx, m.call("$toi32", [number(i)], .i32), .i32), m.load(.i32, m.tee(arr, value(o), .i32)))
        let slot = m.add(m.load(.i32, m.get(arr, .i32), offset: 8), m.bin(BinaryenShlInt32(), m.get(idx, .i32), m.i32(3)))
        return (m.iff(inRange, m.load(t, slot), zero(t)), t)
    }
}

extension SemaType {
    /// `T` for `T?`, the type itself otherwise.
    var unwrapped: SemaType {
        if case .optional(let t) = self { return t }
        return self
    }

    var elementType: SemaType {
        if case .array(let t) = unwrapped { return t }
        return .error
    }

    var isReactive: Bool {
        switch self {
        case .signal, .computed: true
        default: false
        }
    }
}
