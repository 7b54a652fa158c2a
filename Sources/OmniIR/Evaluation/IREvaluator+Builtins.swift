import Foundation

extension Interpreter {
    func number(_ args: [IRValue], _ i: Int) -> Double { i < args.count ? args[i].primitive.toNumber : .nan }
    func string(_ args: [IRValue], _ i: Int) -> String { i < args.count ? args[i].jsString : "null" }

    func builtin(_ b: IRBuiltin, _ args: [IRValue], _ instance: Instance) throws -> IRValue {
        switch b {
        case .mathFloor: return .number(number(args, 0).rounded(.down))
        case .mathCeil: return .number(number(args, 0).rounded(.up))
        case .mathRound: return .number(JSNumber.round(number(args, 0)))
        case .mathTrunc: return .number(number(args, 0).rounded(.towardZero))
        case .mathAbs: return .number(abs(number(args, 0)))
        case .mathSign:
            let x = number(args, 0)
            return .number(x.isNaN || x == 0 ? x : (x > 0 ? 1 : -1))
        case .mathSqrt: return .number(number(args, 0).squareRoot())
        case .mathPow: return .number(JSNumber.power(number(args, 0), number(args, 1)))
        case .mathMin, .mathMax:
            var r: Double = b == .mathMin ? .infinity : -.infinity
            for i in args.indices {
                let x = number(args, i)
                if x.isNaN { return .number(.nan) }
                if b == .mathMin ? (x < r || (x == 0 && r == 0 && x.sign == .minus)) : (x > r || (x == 0 && r == 0 && r.sign == .minus)) { r = x }
            }
            return .number(r)
        case .mathRandom:
            randomState = randomState &* 6364136223846793005 &+ 1442695040888963407
            return .number(Double(randomState >> 11) / Double(UInt64(1) << 53))
        case .mathPI: return .number(Double.pi)
        case .string: return .string(args.first?.jsString ?? "")
        case .number: return .number(args.first?.primitive.toNumber ?? 0)
        case .boolean: return .bool(args.first?.truthy ?? false)
        case .parseInt: return .number(JSNumber.parseIntPrefix(string(args, 0)))
        case .parseFloat: return .number(JSNumber.parseFloatPrefix(string(args, 0)))
        case .isNaN: return .bool(number(args, 0).isNaN)
        case .isInteger:
            guard case .number(let n)? = args.first else { return .bool(false) }
            return .bool(n.isFinite && n == n.rounded(.towardZero))
        case .isArray:
            if case .array? = args.first { return .bool(true) }
            return .bool(false)
        case .jsonStringify: return .string(args.first?.json ?? "null")
        case .consoleLog:
            log.append(args.map(\.jsString).joined(separator: " "))
            return .null
        case .signal: return .signal(SignalCell(args.first ?? .null))
        case .computed: return .computed(ComputedCell(args.first ?? .null))
        case .effect:
            guard let f = args.first else { return .null }
            instance.effects.append((f, []))
            try runEffect(instance, instance.effects.count - 1)
            return .null
        case .batch:
            guard let f = args.first else { return .null }
            return try call(f, [], in: instance)
        case .untrack:
            guard let f = args.first else { return .null }
            let saved = reads
            reads = nil
            defer { reads = saved }
            return try call(f, [], in: instance)
        }
    }

    func method(_ m: IRMethod, _ r: IRValue, _ args: [IRValue], _ instance: Instance) throws -> IRValue {
        if r.isNull { throw EvalError("cannot read properties of null (reading '\(m.name)')") }
        switch m {
        case .toString: return .string(r.jsString)
        case .numberToFixed:
            return .string(JSNumber.toFixed(r.primitive.toNumber, digits: args.isEmpty ? 0 : Int(clamping: Int64(max(-1, min(101, number(args, 0).isNaN ? 0 : number(args, 0)))))))
        case .signalSet:
            guard case .signal(let cell) = r else { throw EvalError("set is not a function") }
            cell.value = args.first ?? .null
            noteWrite(cell)
            return .null
        case .signalUpdate:
            guard case .signal(let cell) = r else { throw EvalError("update is not a function") }
            cell.value = try call(args.first ?? .null, [cell.value], in: instance)
            noteWrite(cell)
            return .null
        default: break
        }
        if case .array(let a) = r { return try arrayMethod(m, a, args, instance) }
        guard case .string(let s) = r else { throw EvalError("\(m.name) is not a function on \(r.typeName)") }
        return try stringMethod(m, s, args)
    }

    /// Resolves a relative index of `slice` / `substring`-like methods into `0...count`.
    func relative(_ x: Double, _ count: Int) -> Int {
        if x.isNaN { return 0 }
        let v = x < 0 ? max(0, Double(count) + x.rounded(.towardZero)) : min(Double(count), x.rounded(.towardZero))
        return Int(v)
    }

    func stringMethod(_ m: IRMethod, _ s: String, _ args: [IRValue]) throws -> IRValue {
        let units = Array(s.utf16)
        func text(_ u: ArraySlice<UInt16>) -> IRValue { .string(String(decoding: u, as: UTF16.self)) }
        switch m {
        case .stringLength: return .number(Double(units.count))
        case .stringToUpperCase: return .string(s.uppercased())
        case .stringToLowerCase: return .string(s.lowercased())
        case .stringTrim: return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
        case .stringTrimStart: return .string(String(s.drop { $0.isWhitespace }))
        case .stringTrimEnd: return .string(String(s.reversed().drop { $0.isWhitespace }.reversed()))
        case .stringLastIndexOf:
            let needle = Array(string(args, 0).utf16)
            if needle.count > units.count { return .number(-1) }
            for i in stride(from: units.count - needle.count, through: 0, by: -1) where Array(units[i..<(i + needle.count)]) == needle {
                return .number(Double(i))
            }
            return .number(-1)
        case .stringIncludes: return .bool(string(args, 0).isEmpty || s.contains(string(args, 0)))
        case .stringStartsWith: return .bool(s.hasPrefix(string(args, 0)))
        case .stringEndsWith: return .bool(s.hasSuffix(string(args, 0)))
        case .stringIndexOf: return .number(Double(utf16Index(of: Array(string(args, 0).utf16), in: units) ?? -1))
        case .stringSlice:
            let a = relative(args.count > 0 ? number(args, 0) : 0, units.count)
            let b = args.count > 1 && !args[1].isNull ? relative(number(args, 1), units.count) : units.count
            return a < b ? text(units[a..<b]) : .string("")
        case .stringSubstring:
            func clamp(_ x: Double) -> Int { x.isNaN ? 0 : Int(min(Double(units.count), max(0, x.rounded(.towardZero)))) }
            let a = clamp(args.count > 0 ? number(args, 0) : 0)
            let b = args.count > 1 && !args[1].isNull ? clamp(number(args, 1)) : units.count
            return text(units[min(a, b)..<max(a, b)])
        case .stringSplit:
            guard let first = args.first, !first.isNull else { return .array(JSArray([.string(s)])) }
            let sep = first.jsString
            if sep.isEmpty { return .array(JSArray(units.map { .string(String(decoding: [$0], as: UTF16.self)) })) }
            return .array(JSArray(s.components(separatedBy: sep).map { .string($0) }))
        case .stringRepeat:
            let n = number(args, 0)
            guard n >= 0, n.isFinite, Double(units.count) * n <= 1_000_000 else { throw EvalError("invalid count value: \(JSNumber.format(n))") }
            return .string(String(repeating: s, count: Int(n)))
        case .stringPadStart, .stringPadEnd:
            let target = Int(max(0, min(1_000_000, number(args, 0).isNaN ? 0 : number(args, 0))))
            let fill = Array((args.count > 1 ? args[1].jsString : " ").utf16)
            guard target > units.count, !fill.isEmpty else { return .string(s) }
            var pad: [UInt16] = []
            while pad.count < target - units.count { pad += fill }
            pad = Array(pad.prefix(target - units.count))
            return text(ArraySlice(m == .stringPadStart ? pad + units : units + pad))
        case .stringCharAt:
            let i = number(args, 0).isNaN ? 0 : number(args, 0).rounded(.towardZero)
            return i >= 0 && i < Double(units.count) ? text(units[Int(i)...Int(i)]) : .string("")
        case .stringReplace:
            let from = Array(string(args, 0).utf16), to = Array(string(args, 1).utf16)
            guard let i = utf16Index(of: from, in: units) else { return .string(s) }
            return text(ArraySlice(units[..<i] + to + units[(i + from.count)...]))
        case .stringReplaceAll:
            let from = string(args, 0), to = string(args, 1)
            return .string(from.isEmpty ? s : s.replacingOccurrences(of: from, with: to))
        default:
            throw EvalError("\(m.name) is not a function on a string")
        }
    }

    func utf16Index(of needle: [UInt16], in hay: [UInt16]) -> Int? {
        if needle.isEmpty { return 0 }
        guard needle.count <= hay.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    func arrayMethod(_ m: IRMethod, _ a: JSArray, _ args: [IRValue], _ instance: Instance) throws -> IRValue {
        let f = args.first ?? .null
        func each(_ body: (Int, IRValue, IRValue) throws -> Bool) throws {
            for (i, x) in a.items.enumerated() {
                let r = try call(f, [x, .number(Double(i)), .array(a)], in: instance)
                if try !body(i, x, r) { return }
            }
        }
        switch m {
        case .arrayLength: return .number(Double(a.items.count))
        case .arrayMap:
            var out: [IRValue] = []
            try each { _, _, r in out.append(r); return true }
            return .array(JSArray(out))
        case .arrayFilter:
            var out: [IRValue] = []
            try each { _, x, r in if r.truthy { out.append(x) }; return true }
            return .array(JSArray(out))
        case .arrayFind:
            var found: IRValue = .null
            try each { _, x, r in if r.truthy { found = x; return false }; return true }
            return found
        case .arrayFindIndex:
            var found = -1
            try each { i, _, r in if r.truthy { found = i; return false }; return true }
            return .number(Double(found))
        case .arraySome:
            var any = false
            try each { _, _, r in if r.truthy { any = true; return false }; return true }
            return .bool(any)
        case .arrayEvery:
            var all = true
            try each { _, _, r in if !r.truthy { all = false; return false }; return true }
            return .bool(all)
        case .arrayForEach:
            try each { _, _, _ in true }
            return .null
        case .arrayReduce:
            var items = a.items[...]
            var acc: IRValue
            if args.count > 1 { acc = args[1] } else {
                guard let first = items.popFirst() else { throw EvalError("reduce of empty array with no initial value") }
                acc = first
            }
            var i = a.items.count - items.count
            for x in items {
                acc = try call(f, [acc, x, .number(Double(i)), .array(a)], in: instance)
                i += 1
            }
            return acc
        case .arrayIncludes:
            let x = args.first ?? .null
            return .bool(a.items.contains { y in
                if case .number(let p) = x, case .number(let q) = y, p.isNaN, q.isNaN { return true }
                return IRValue.strictEquals(x, y)
            })
        case .arrayIndexOf:
            let x = args.first ?? .null
            return .number(Double(a.items.firstIndex { IRValue.strictEquals(x, $0) } ?? -1))
        case .arrayJoin:
            let sep = args.first.map { $0.isNull ? "," : $0.jsString } ?? ","
            return .string(a.items.map { $0.isNull ? "" : $0.jsString }.joined(separator: sep))
        case .arraySlice:
            let lo = relative(args.count > 0 ? number(args, 0) : 0, a.items.count)
            let hi = args.count > 1 && !args[1].isNull ? relative(number(args, 1), a.items.count) : a.items.count
            return .array(JSArray(lo < hi ? Array(a.items[lo..<hi]) : []))
        case .arrayConcat:
            var out = a.items
            for x in args { if case .array(let b) = x { out += b.items } else { out.append(x) } }
            return .array(JSArray(out))
        case .arrayAt:
            let n = number(args, 0).isNaN ? 0 : number(args, 0).rounded(.towardZero)
            let i = n < 0 ? Double(a.items.count) + n : n
            return i >= 0 && i < Double(a.items.count) ? a.items[Int(i)] : .null
        case .arrayPush:
            a.items += args
            return .number(Double(a.items.count))
        case .arrayPop:
            return a.items.popLast() ?? .null
        case .arrayReverse:
            a.items.reverse()
            return .array(a)
        default:
            throw EvalError("\(m.name) is not a function on an array")
        }
    }
}
