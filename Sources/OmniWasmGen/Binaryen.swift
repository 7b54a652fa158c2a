import CBinaryen

/// A Binaryen expression (owned by its module's arena).
typealias Ref = BinaryenExpressionRef

/// The WebAssembly value type a script value is represented by.
enum WType: Equatable {
    case none, i32, f64

    var binaryen: BinaryenType {
        switch self {
        case .none: BinaryenTypeNone()
        case .i32: BinaryenTypeInt32()
        case .f64: BinaryenTypeFloat64()
        }
    }
}

/// A thin wrapper over a `BinaryenModuleRef`: keeps the C strings it hands to Binaryen
/// alive for the module's lifetime and spells the expression builders the code generator uses.
final class BModule {
    let ref: BinaryenModuleRef
    private var strings: [UnsafeMutablePointer<CChar>] = []

    init(parsing text: String) {
        ref = text.withCString { BinaryenModuleParse($0) }
    }

    deinit {
        BinaryenModuleDispose(ref)
        for s in strings { s.deallocate() }
    }

    /// A NUL-terminated copy of `s` that lives as long as the module.
    func c(_ s: String) -> UnsafePointer<CChar> {
        let utf8 = Array(s.utf8)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count + 1)
        for (i, b) in utf8.enumerated() { p[i] = CChar(bitPattern: b) }
        p[utf8.count] = 0
        strings.append(p)
        return UnsafePointer(p)
    }

    /// An internal name: the text parser drops the `$` of `$alloc`, so the builder does too.
    func n(_ s: String) -> UnsafePointer<CChar> { c(s.hasPrefix("$") ? String(s.dropFirst()) : s) }

    func tuple(_ types: [WType]) -> BinaryenType {
        let ts = types.filter { $0 != .none }.map { $0.binaryen }
        if ts.isEmpty { return BinaryenTypeNone() }
        if ts.count == 1 { return ts[0] }
        var copy = ts
        return BinaryenTypeCreate(&copy, BinaryenIndex(copy.count))
    }

    // MARK: Expressions

    func i32(_ v: Int32) -> Ref { BinaryenConst(ref, BinaryenLiteralInt32(v)) }
    func i32(_ v: Int) -> Ref { i32(Int32(truncatingIfNeeded: v)) }
    func f64(_ v: Double) -> Ref { BinaryenConst(ref, BinaryenLiteralFloat64(v)) }
    func nop() -> Ref { BinaryenNop(ref) }
    func unreachable() -> Ref { BinaryenUnreachable(ref) }
    func drop(_ x: Ref) -> Ref { BinaryenDrop(ref, x) }
    func ret(_ x: Ref?) -> Ref { BinaryenReturn(ref, x) }

    func call(_ name: String, _ args: [Ref], _ result: WType) -> Ref {
        var a: [Ref?] = args
        return BinaryenCall(ref, n(name), &a, BinaryenIndex(a.count), result.binaryen)
    }

    func callIndirect(_ target: Ref, _ args: [Ref], params: [WType], result: WType) -> Ref {
        var a: [Ref?] = args
        return BinaryenCallIndirect(ref, c("0"), target, &a, BinaryenIndex(a.count), tuple(params), result.binaryen)
    }

    func block(_ xs: [Ref], name: String? = nil, type: WType? = nil) -> Ref {
        var a: [Ref?] = xs
        let t = type.map { $0.binaryen } ?? BinaryenTypeAuto()
        return BinaryenBlock(ref, name.map { c($0) }, &a, BinaryenIndex(a.count), t)
    }

    func iff(_ cond: Ref, _ then: Ref, _ els: Ref? = nil) -> Ref { BinaryenIf(ref, cond, then, els) }
    func loop(_ name: String, _ body: Ref) -> Ref { BinaryenLoop(ref, c(name), body) }
    func br(_ name: String, if cond: Ref? = nil) -> Ref { BinaryenBreak(ref, c(name), cond, nil) }
    func select(_ cond: Ref, _ a: Ref, _ b: Ref, _ t: WType) -> Ref { BinaryenSelect(ref, cond, a, b, t.binaryen) }

    func get(_ i: Int, _ t: WType) -> Ref { BinaryenLocalGet(ref, BinaryenIndex(i), t.binaryen) }
    func set(_ i: Int, _ v: Ref) -> Ref { BinaryenLocalSet(ref, BinaryenIndex(i), v) }
    func tee(_ i: Int, _ v: Ref, _ t: WType) -> Ref { BinaryenLocalTee(ref, BinaryenIndex(i), v, t.binaryen) }
    func gget(_ name: String, _ t: WType) -> Ref { BinaryenGlobalGet(ref, n(name), t.binaryen) }
    func gset(_ name: String, _ v: Ref) -> Ref { BinaryenGlobalSet(ref, n(name), v) }

    func load(_ t: WType, _ ptr: Ref, offset: Int = 0, bytes: Int? = nil) -> Ref {
        let b = bytes ?? (t == .f64 ? 8 : 4)
        return BinaryenLoad(ref, UInt32(b), false, UInt32(offset), 0, t.binaryen, ptr)
    }

    func store(_ t: WType, _ ptr: Ref, _ v: Ref, offset: Int = 0, bytes: Int? = nil) -> Ref {
        let b = bytes ?? (t == .f64 ? 8 : 4)
        return BinaryenStore(ref, UInt32(b), UInt32(offset), 0, ptr, v, t.binaryen)
    }

    func un(_ op: BinaryenOp, _ x: Ref) -> Ref { BinaryenUnary(ref, op, x) }
    func bin(_ op: BinaryenOp, _ a: Ref, _ b: Ref) -> Ref { BinaryenBinary(ref, op, a, b) }

    // Frequently used operators.
    func add(_ a: Ref, _ b: Ref) -> Ref { bin(BinaryenAddInt32(), a, b) }
    func eqz(_ a: Ref) -> Ref { un(BinaryenEqZInt32(), a) }
    func ne0(_ a: Ref) -> Ref { bin(BinaryenNeInt32(), a, i32(0)) }
}
