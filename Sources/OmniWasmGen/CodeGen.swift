import CBinaryen
import OmniBase
import OmniIR
import OmniSema

/// Static data of a module: null at address 0, the escapes `$sbesc` writes, interned
/// string literals and the fixed areas the generated code addresses directly.
struct DataLayout {
    private(set) var bytes = [UInt8](repeating: 0, count: 8)
    private var strings: [String: Int] = [:]

    init() {
        for e in WasmRuntime.escapes { _ = string(e) }
    }

    /// The address of the literal `s` ([length: i32][UTF-16 units]).
    mutating func string(_ s: String) -> Int {
        if let a = strings[s] { return a }
        align()
        let a = bytes.count
        let units = Array(s.utf16)
        append32(UInt32(units.count))
        for u in units { bytes.append(UInt8(u & 0xff)); bytes.append(UInt8(u >> 8)) }
        strings[s] = a
        return a
    }

    /// Reserves `n` zeroed bytes, 8-aligned.
    mutating func reserve(_ n: Int) -> Int {
        align()
        let a = bytes.count
        bytes += [UInt8](repeating: 0, count: n)
        return a
    }

    /// Two i32 words (a static closure: table index, environment 0).
    mutating func words(_ ws: [Int]) -> Int {
        align()
        let a = bytes.count
        for w in ws { append32(UInt32(truncatingIfNeeded: w)) }
        return a
    }

    mutating func align() { while bytes.count % 8 != 0 { bytes.append(0) } }
    private mutating func append32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8((v >> (8 * UInt32(i))) & 0xff)) } }
}

/// One scope's heap frame: captured variables live here so closures can share them.
/// Layout: [enclosing environment: i32][pad][slot 0: 8 bytes][slot 1] …
final class Frame {
    var slots: [SymbolID: Int] = [:]
    /// The wasm local holding the frame pointer (in the function that allocates it).
    var local: Int
    init(local: Int) { self.local = local }
    var size: Int { 8 + 8 * slots.count }
}

/// The function being generated: its locals, its frames and what encloses it.
final class FunctionContext {
    var params: [WType]
    var vars: [WType] = []
    var locals: [SymbolID: Int] = [:]
    /// Frames allocated by this function, innermost last.
    var frames: [Frame] = []
    /// Frames of enclosing functions reachable through the environment parameter, innermost first.
    let outer: [Frame]
    /// The environment parameter (index 0) of closures; nil for functions without one.
    let envParam: Int?
    var loops: [(brk: String, cont: String)] = []
    let result: WType
    var labelCounter = 0

    init(params: [WType], result: WType, envParam: Int?, outer: [Frame]) {
        self.params = params; self.result = result; self.envParam = envParam; self.outer = outer
    }

    func newLocal(_ t: WType) -> Int {
        vars.append(t)
        return params.count + vars.count - 1
    }

    func label(_ base: String) -> String {
        labelCounter += 1
        return "\(base)\(labelCounter)"
    }

    /// The environment a closure created here captures: the innermost frame, else ours.
    func currentEnv(_ m: BModule) -> Ref {
        if let f = frames.last { return m.get(f.local, .i32) }
        if let e = envParam { return m.get(e, .i32) }
        return m.i32(0)
    }

    /// The frames a closure created here sees, innermost first.
    var visibleFrames: [Frame] { frames.reversed() + outer }
}

/// Generates one component's module. Diagnostics collect what the WASM back end does not
/// support (E0800); code generation carries on with placeholders so that every problem is reported.
final class CodeGen {
    let c: IRComponent
    let m: BModule
    var data = DataLayout()
    var diagnostics: [Diagnostic] = []
    var table: [String] = []
    var fn: FunctionContext
    var functionCount = 0
    /// Symbols declared at the component level (props, state): stored in globals.
    var componentSymbols: Set<SymbolID> = []
    /// Locals captured by some closure: stored in frames.
    var captured: Set<SymbolID> = []
    /// Computeds whose function is a lambda: compiled to a direct function.
    var computedFunctions: [SymbolID: String] = [:]
    var plan = TemplatePlan()
    /// Signal → the dirty flags (units, then effects) its writes set.
    var markFunctions: [SymbolID: String] = [:]
    var dirtyBase = 0
    var listTable = 0
    /// Adds the `$html` export (WasmCompiler.compile's `serverMarkup`).
    var serverMarkup = false

    init(component: IRComponent, module: BModule) {
        c = component
        m = module
        fn = FunctionContext(params: [], result: .none, envParam: nil, outer: [])
        for p in c.props { componentSymbols.insert(p.symbol) }
        for d in c.state { if let s = d.symbol { componentSymbols.insert(s) } }
        for f in c.functions { componentSymbols.insert(f.symbol) }
        captured = CaptureAnalysis.captured(in: c, componentSymbols: componentSymbols)
    }

    // MARK: Diagnostics

    /// Reports a construct the WASM back end cannot compile yet.
    func unsupported(_ what: String, at span: Span) {
        if diagnostics.contains(where: { $0.span == span && $0.message.contains(what) }) { return }
        diagnostics.append(Diagnostic.error("E0800", "\(what) is not supported by the WASM back end yet", at: span)
            .note("component `\(c.name)` cannot be compiled to WebAssembly")
            .helping("build with `--target server` for now, or rewrite the construct"))
    }

    // MARK: Types

    /// The representation of a value of type `t`; nil when the back end has none yet.
    func wtype(_ t: SemaType) -> WType? {
        switch t {
        case .number: .f64
        case .bool: .i32
        case .string, .array, .function, .event, .null: .i32
        case .optional(let inner):
            switch inner {
            case .number, .bool, .object, .signal, .computed, .error: nil
            default: wtype(inner)
            }
        case .void: WType.none
        case .object, .signal, .computed, .error: nil
        }
    }

    func wtype(_ t: SemaType, at span: Span) -> WType {
        if let w = wtype(t) { return w }
        unsupported("a value of type `\(t)`", at: span)
        return .i32
    }

    /// A value of representation `t` standing for `null` / nothing.
    func zero(_ t: WType) -> Ref {
        switch t {
        case .none: m.nop()
        case .i32: m.i32(0)
        case .f64: m.f64(.nan)
        }
    }

    // MARK: Functions

    /// Adds a function with the current context's locals; returns its name.
    @discardableResult
    func addFunction(_ name: String, _ ctx: FunctionContext, body: Ref) -> String {
        var vars = ctx.vars.map { $0.binaryen }
        BinaryenAddFunction(m.ref, m.n(name), m.tuple(ctx.params), ctx.result.binaryen, &vars, BinaryenIndex(vars.count), body)
        return name
    }

    /// The function-table index of `name` (added once).
    func tableIndex(_ name: String) -> Int {
        if let i = table.firstIndex(of: name) { return i }
        table.append(name)
        return table.count - 1
    }

    func freshName(_ base: String) -> String {
        functionCount += 1
        return "\(base)\(functionCount)"
    }

    /// Runs `body` with `ctx` as the current function.
    func within<T>(_ ctx: FunctionContext, _ body: () -> T) -> T {
        let saved = fn
        fn = ctx
        defer { fn = saved }
        return body()
    }

    /// Declares `symbol` in the current function: a frame slot when a closure captures it
    /// (allocating the innermost frame on demand), a local otherwise. Returns the set-up code.
    func declare(_ symbol: SymbolID, _ t: WType, frame: Frame?) {
        if captured.contains(symbol), let frame {
            frame.slots[symbol] = 8 + 8 * frame.slots.count
        } else {
            fn.locals[symbol] = fn.newLocal(t)
        }
    }

    /// Opens a frame for the captured symbols of a scope, if any; returns its allocation code.
    func openFrame(for symbols: [SymbolID]) -> (Frame?, [Ref]) {
        let mine = symbols.filter { captured.contains($0) }
        guard !mine.isEmpty else { return (nil, []) }
        let env = fn.currentEnv(m)
        let frame = Frame(local: fn.newLocal(.i32))
        for s in mine { frame.slots[s] = 8 + 8 * frame.slots.count }
        fn.frames.append(frame)
        let alloc = m.set(frame.local, m.call("$alloc", [m.i32(frame.size)], .i32))
        return (frame, [alloc, m.store(.i32, m.get(frame.local, .i32), env)])
    }

    func closeFrame(_ frame: Frame?) {
        if frame != nil { fn.frames.removeLast() }
    }

    // MARK: Variables

    /// Reads the variable `s` of representation `t`.
    func read(_ s: SymbolID, _ t: WType) -> Ref {
        if componentSymbols.contains(s) { return m.gget(global(s), t) }
        if let l = fn.locals[s] { return m.get(l, t) }
        if let (ptr, offset) = framePointer(s) { return m.load(t, ptr, offset: offset) }
        return zero(t)
    }

    /// Writes `value` to the variable `s`.
    func write(_ s: SymbolID, _ t: WType, _ value: Ref) -> Ref {
        if componentSymbols.contains(s) { return m.gset(global(s), value) }
        if let l = fn.locals[s] { return m.set(l, value) }
        if let (ptr, offset) = framePointer(s) { return m.store(t, ptr, value, offset: offset) }
        return m.drop(value)
    }

    /// The frame address and offset of a captured variable, walking the environment chain.
    func framePointer(_ s: SymbolID) -> (Ref, Int)? {
        for f in fn.frames.reversed() where f.slots[s] != nil { return (m.get(f.local, .i32), f.slots[s]!) }
        guard let e = fn.envParam else { return nil }
        var ptr = m.get(e, .i32)
        for f in fn.outer {
            if let o = f.slots[s] { return (ptr, o) }
            ptr = m.load(.i32, ptr)
        }
        return nil
    }

    func global(_ s: SymbolID) -> String { "$g\(s.raw)" }

    /// Adds the globals of the component's props and state.
    func addStateGlobals() {
        for p in c.props {
            let t = wtype(p.type, at: p.span)
            BinaryenAddGlobal(m.ref, m.n(global(p.symbol)), t.binaryen, true, zero(t))
            BinaryenAddGlobal(m.ref, m.n("$given\(p.symbol.raw)"), BinaryenTypeInt32(), true, m.i32(0))
        }
        for d in c.state {
            guard let s = d.symbol else { continue }
            let t: WType
            switch d.kind {
            case .signal(_, let e): t = wtype(e.type, at: e.span)
            case .computed: t = .i32
            case .constant(let s, let e): t = wtype(c.symbol(s).type == .error ? e.type : c.symbol(s).type, at: e.span)
            case .variable(let s, _): t = wtype(c.symbol(s).type, at: d.span)
            case .statement: continue
            }
            if case .signal = d.kind, wtype(c.symbol(s).type.valueType) == nil { unsupported("a signal of type `\(c.symbol(s).type)`", at: d.span) }
            BinaryenAddGlobal(m.ref, m.n(global(s)), (t == .none ? WType.i32 : t).binaryen, true, zero(t == .none ? .i32 : t))
        }
    }
}

extension SemaType {
    /// The type a signal or computed holds; the type itself otherwise.
    var valueType: SemaType {
        switch self {
        case .signal(let t), .computed(let t): t
        default: self
        }
    }

    /// The function type of a callable value, if it is one.
    var functionType: FunctionType? {
        switch self {
        case .function(let f): f
        case .optional(let t): t.functionType
        default: nil
        }
    }
}
