import CBinaryen
import OmniBase
import OmniIR
import OmniSema

extension CodeGen {
    func builtin(_ b: IRBuiltin, _ args: [IRArg], _ e: IRExpr) -> (Ref, WType) {
        let xs = spreadFree(args, at: e.span)
        func arg(_ i: Int) -> IRExpr { i < xs.count ? xs[i] : IRExpr(.null, type: .null, span: e.span) }
        func unaryF(_ op: BinaryenOp) -> (Ref, WType) { (m.un(op, number(arg(0))), .f64) }
        switch b {
        case .mathFloor: return unaryF(BinaryenFloorFloat64())
        case .mathCeil: return unaryF(BinaryenCeilFloat64())
        case .mathTrunc: return unaryF(BinaryenTruncFloat64())
        case .mathAbs: return unaryF(BinaryenAbsFloat64())
        case .mathSqrt: return unaryF(BinaryenSqrtFloat64())
        case .mathRound: return (m.call("$round", [number(arg(0))], .f64), .f64)
        case .mathSign: return (m.call("$sign", [number(arg(0))], .f64), .f64)
        case .mathPow: return (m.call("$h_pow", [number(arg(0)), number(arg(1))], .f64), .f64)
        case .mathMin, .mathMax:
            guard let first = xs.first else { return (m.f64(b == .mathMin ? .infinity : -.infinity), .f64) }
            var acc = number(first)
            for x in xs.dropFirst() { acc = m.bin(b == .mathMin ? BinaryenMinFloat64() : BinaryenMaxFloat64(), acc, number(x)) }
            return (acc, .f64)
        case .mathRandom: return (m.call("$h_random", [], .f64), .f64)
        case .mathPI: return (m.f64(Double.pi), .f64)
        case .string: return (toStr(arg(0)), .i32)
        case .number: return (number(arg(0)), .f64)
        case .boolean: return (truthy(arg(0)), .i32)
        case .parseFloat, .parseInt:
            return (m.call("$h_num", [m.i32(b == .parseFloat ? 1 : 2), toStr(arg(0))], .f64), .f64)
        case .isNaN:
            let n = number(arg(0))
            let tmp = fn.newLocal(.f64)
            return (m.bin(BinaryenNeFloat64(), m.tee(tmp, n, .f64), m.get(tmp, .f64)), .i32)
        case .isInteger:
            if arg(0).type != .number { return (m.block([effect(arg(0)), m.i32(0)], type: .i32), .i32) }
            return (m.call("$isint", [value(arg(0))], .i32), .i32)
        case .isArray:
            let isArray: Bool = if case .array = arg(0).type.unwrapped { true } else { false }
            return (m.block([effect(arg(0)), m.i32(isArray ? 1 : 0)], type: .i32), .i32)
        case .consoleLog:
            var line: Ref = m.i32(data.string(""))
            for (i, x) in xs.enumerated() {
                if i > 0 { line = m.call("$cat", [line, m.i32(data.string(" "))], .i32) }
                line = m.call("$cat", [line, toStr(x)], .i32)
            }
            return (m.call("$h_log", [line], .none), .none)
        case .batch, .untrack:
            guard let f = xs.first, let ft = f.type.functionType else { return (m.nop(), .none) }
            let t = ft.returns == .void ? WType.none : (wtype(ft.returns) ?? .i32)
            return (callCallable(f, [], argTypes: [], result: ft.returns, at: e.span), t)
        case .jsonStringify, .signal, .computed, .effect:
            unsupported("`\(b.rawValue)(…)` here", at: e.span)
            let t = wtype(e.type) ?? .i32
            return (zero(t), t)
        }
    }

    func method(_ method: IRMethod, _ receiver: IRExpr, _ args: [IRArg], _ e: IRExpr) -> (Ref, WType) {
        let xs = spreadFree(args, at: e.span)
        let t = wtype(e.type) ?? .i32
        func arg(_ i: Int) -> IRExpr? { i < xs.count ? xs[i] : nil }
        func op(_ name: String) -> Ref { m.i32(WasmRuntime.stringMethods.firstIndex(of: name) ?? 0) }
        func num(_ i: Int) -> Ref { arg(i).map(number) ?? m.f64(.nan) }
        let name = method.name
        switch method {
        case .stringLength, .arrayLength:
            return (m.un(BinaryenConvertUInt32ToFloat64(), m.load(.i32, value(receiver))), .f64)
        case .stringToUpperCase, .stringToLowerCase, .stringTrim, .stringTrimStart, .stringTrimEnd:
            return (m.call("$h_s1", [op(name), value(receiver)], .i32), .i32)
        case .stringIncludes, .stringStartsWith, .stringEndsWith, .stringIndexOf, .stringLastIndexOf:
            let r = m.call("$h_s2", [op(name), value(receiver), arg(0).map(toStr) ?? m.i32(data.string("undefined"))], .f64)
            if t == .i32 { return (m.bin(BinaryenNeFloat64(), r, m.f64(0)), .i32) }
            return (r, .f64)
        case .stringSlice, .stringSubstring, .stringCharAt, .stringRepeat:
            return (m.call("$h_s3", [op(name), value(receiver), num(0), num(1)], .i32), .i32)
        case .stringReplace, .stringReplaceAll:
            return (m.call("$h_s4", [op(name), value(receiver), arg(0).map(toStr) ?? m.i32(0), arg(1).map(toStr) ?? m.i32(0)], .i32), .i32)
        case .numberToFixed:
            return (m.call("$h_fixed", [number(receiver), num(0)], .i32), .i32)
        case .toString:
            return (toStr(receiver), .i32)
        case .arrayPush:
            let el = receiver.type.elementType
            let et = wtype(el, at: e.span)
            let arr = fn.newLocal(.i32)
            var code = [m.set(arr, value(receiver))]
            for x in xs { code.append(m.store(et, m.call("$apush", [m.get(arr, .i32)], .i32), value(x, as: el))) }
            code.append(m.un(BinaryenConvertUInt32ToFloat64(), m.load(.i32, m.get(arr, .i32))))
            return (m.block(code, type: .f64), .f64)
        case .arrayPop:
            let el = receiver.type.elementType
            let et = wtype(el, at: e.span)
            let arr = fn.newLocal(.i32), n = fn.newLocal(.i32)
            let slot = m.add(m.load(.i32, m.get(arr, .i32), offset: 8), m.bin(BinaryenShlInt32(), m.get(n, .i32), m.i32(3)))
            return (adapt(m.iff(m.tee(n, m.load(.i32, m.tee(arr, value(receiver), .i32)), .i32),
                                m.block([m.store(.i32, m.get(arr, .i32), m.tee(n, m.bin(BinaryenSubInt32(), m.get(n, .i32), m.i32(1)), .i32)),
                                         m.load(et, slot)], type: et),
                                zero(et)), et, t, at: e.span), t)
        case .arrayMap, .arrayFilter, .arrayForEach, .arraySome, .arrayEvery, .arrayFind, .arrayFindIndex:
            return arrayCallback(method, receiver, arg(0), e)
        case .arrayIncludes, .arrayIndexOf:
            return arraySearch(method, receiver, arg(0), e)
        case .arrayJoin:
            let sep = arg(0).map(toStr) ?? m.i32(data.string(","))
            return (join(value(receiver), receiver.type.elementType, separator: sep, at: e.span), .i32)
        case .arrayConcat:
            let result = fn.newLocal(.i32)
            var code = [m.set(result, m.call("$anew", [m.i32(0)], .i32)), m.call("$aappend", [m.get(result, .i32), value(receiver)], .none)]
            for x in xs {
                if case .array = x.type.unwrapped {
                    code.append(m.call("$aappend", [m.get(result, .i32), value(x)], .none))
                } else {
                    code.append(m.store(wtype(x.type) ?? .i32, m.call("$apush", [m.get(result, .i32)], .i32), value(x)))
                }
            }
            code.append(m.get(result, .i32))
            return (m.block(code, type: .i32), .i32)
        default:
            unsupported("`.\(name)` on `\(receiver.type)`", at: e.span)
            return (zero(t), t)
        }
    }

    /// `xs.join(sep)` (also ToString of an array): elements converted with ToString, `null` as empty.
    func join(_ array: Ref, _ el: SemaType, separator: Ref, at span: Span) -> Ref {
        let acc = fn.newLocal(.i32), sep = fn.newLocal(.i32)
        let et = wtype(el) ?? .i32
        let loop = forEachElement(array, el) { slot, i in
            [m.iff(m.get(i, .i32), m.set(acc, m.call("$cat", [m.get(acc, .i32), m.get(sep, .i32)], .i32))),
             m.set(acc, m.call("$cat", [m.get(acc, .i32), el == .null ? m.i32(data.string("")) : stringOf(m.load(et, slot), el, at: span)], .i32))]
        }
        return m.block([m.set(sep, separator), m.set(acc, m.i32(data.string(""))), loop, m.get(acc, .i32)], type: .i32)
    }

    func arrayCallback(_ method: IRMethod, _ receiver: IRExpr, _ f: IRExpr?, _ e: IRExpr) -> (Ref, WType) {
        let el = receiver.type.elementType
        let et = wtype(el, at: e.span)
        guard let f, let ft = f.type.functionType else {
            unsupported("`.\(method.name)` without a callback", at: e.span)
            return (m.i32(0), .i32)
        }
        let result = fn.newLocal(.i32)
        let resultType = method == .arrayMap ? SemaType.error : (method == .arrayForEach ? SemaType.void : ft.returns)
        func call(_ slot: Ref, _ i: Int) -> Ref {
            let args = [m.load(et, slot), m.un(BinaryenConvertUInt32ToFloat64(), m.get(i, .i32))]
            if method == .arrayMap { return callCallable(f, args, argTypes: [el, .number], result: e.type.elementType, at: e.span) }
            let r = callCallable(f, args, argTypes: [el, .number], result: ft.returns, at: e.span)
            return resultType == .void ? r : truthyOf(r, ft.returns)
        }
        let done = fn.label("d")
        var setup: [Ref] = []
        let body: (Ref, Int) -> [Ref]
        var final: Ref
        var type = WType.i32
        switch method {
        case .arrayMap:
            let mt = wtype(e.type.elementType, at: e.span)
            // The source array is read again by the loop: evaluate the receiver once.
            let src = fn.newLocal(.i32)
            setup = [m.set(src, value(receiver)), m.set(result, m.call("$anew", [m.load(.i32, m.get(src, .i32))], .i32))]
            let loop = forEachElement(m.get(src, .i32), el) { slot, i in
                [m.store(mt, m.add(m.load(.i32, m.get(result, .i32), offset: 8), m.bin(BinaryenShlInt32(), m.get(i, .i32), m.i32(3))), call(slot, i))]
            }
            return (m.block(setup + [loop, m.get(result, .i32)], type: .i32), .i32)
        case .arrayFilter:
            setup = [m.set(result, m.call("$anew", [m.i32(0)], .i32))]
            body = { [self] slot, i in [m.iff(call(slot, i), m.store(et, m.call("$apush", [m.get(result, .i32)], .i32), m.load(et, slot)))] }
            final = m.get(result, .i32)
        case .arrayForEach:
            body = { slot, i in [call(slot, i)] }
            final = m.nop()
            type = .none
        case .arraySome, .arrayEvery:
            let some = method == .arraySome
            setup = [m.set(result, m.i32(some ? 0 : 1))]
            body = { [self] slot, i in
                let hit = call(slot, i)
                return [m.iff(some ? hit : m.eqz(hit), m.block([m.set(result, m.i32(some ? 1 : 0)), m.br(done)]))]
            }
            final = m.get(result, .i32)
        case .arrayFind:
            type = wtype(e.type) ?? et
            let found = fn.newLocal(type)
            setup = [m.set(found, zero(type))]
            body = { [self] slot, i in [m.iff(call(slot, i), m.block([m.set(found, self.adapt(self.m.load(et, slot), et, type, at: e.span)), self.m.br(done)]))] }
            final = m.get(found, type)
        default:
            type = .f64
            let found = fn.newLocal(.f64)
            setup = [m.set(found, m.f64(-1))]
            body = { [self] slot, i in [m.iff(call(slot, i), m.block([m.set(found, self.m.un(BinaryenConvertUInt32ToFloat64(), self.m.get(i, .i32))), self.m.br(done)]))] }
            final = m.get(found, .f64)
        }
        let loop = forEachElement(value(receiver), el, body)
        return (m.block(setup + [m.block([loop], name: done), final], type: type), type)
    }

    func arraySearch(_ method: IRMethod, _ receiver: IRExpr, _ x: IRExpr?, _ e: IRExpr) -> (Ref, WType) {
        let el = receiver.type.elementType
        let et = wtype(el, at: e.span)
        let needle = fn.newLocal(et), found = fn.newLocal(.f64)
        let done = fn.label("d")
        let loop = forEachElement(value(receiver), el) { slot, i in
            let item = m.load(et, slot)
            let same: Ref
            switch el {
            case .number: same = method == .arrayIncludes
                ? m.bin(BinaryenOrInt32(), m.bin(BinaryenEqFloat64(), item, m.get(needle, .f64)),
                        m.bin(BinaryenAndInt32(), m.bin(BinaryenNeFloat64(), m.get(needle, .f64), m.get(needle, .f64)),
                              m.bin(BinaryenNeFloat64(), m.load(.f64, slot), m.load(.f64, slot))))
                : m.bin(BinaryenEqFloat64(), item, m.get(needle, .f64))
            case .string: same = m.call("$seq", [item, m.get(needle, .i32)], .i32)
            default: same = m.bin(BinaryenEqInt32(), item, m.get(needle, .i32))
            }
            return [m.iff(same, m.block([m.set(found, m.un(BinaryenConvertUInt32ToFloat64(), m.get(i, .i32))), m.br(done)]))]
        }
        let setup = [m.set(needle, x.map { value($0, as: el) } ?? zero(et)), m.set(found, m.f64(-1))]
        let body = m.block(setup + [m.block([loop], name: done)])
        if method == .arrayIncludes {
            return (m.block([body, m.bin(BinaryenGeFloat64(), m.get(found, .f64), m.f64(0))], type: .i32), .i32)
        }
        return (m.block([body, m.get(found, .f64)], type: .f64), .f64)
    }

    /// An array literal: `[a, ...xs, b]`.
    func arrayLiteral(_ items: [IRArg], elementType: SemaType, at span: Span) -> Ref {
        let et = wtype(elementType) ?? .i32
        let arr = fn.newLocal(.i32)
        if !items.contains(where: \.spread) {
            var code = [m.set(arr, m.call("$anew", [m.i32(items.count)], .i32))]
            for (i, item) in items.enumerated() {
                code.append(m.store(et, m.load(.i32, m.get(arr, .i32), offset: 8), value(item.value, as: elementType), offset: 8 * i))
            }
            code.append(m.get(arr, .i32))
            return m.block(code, type: .i32)
        }
        var code = [m.set(arr, m.call("$anew", [m.i32(0)], .i32))]
        for item in items {
            if item.spread {
                code.append(m.call("$aappend", [m.get(arr, .i32), value(item.value)], .none))
            } else {
                code.append(m.store(et, m.call("$apush", [m.get(arr, .i32)], .i32), value(item.value, as: elementType)))
            }
        }
        code.append(m.get(arr, .i32))
        return m.block(code, type: .i32)
    }
}
