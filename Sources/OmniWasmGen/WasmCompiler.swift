import CBinaryen
import Foundation
import OmniBase
import OmniIR
import OmniSema

/// How hard Binaryen optimizes a module: `-O0`…`-O3` set the optimize level, `-Os` and
/// `-Oz` optimize at level 2 with shrink level 1 and 2 (as wasm-opt does).
public enum WasmOptimization: String, Sendable, CaseIterable {
    case o0 = "0", o1 = "1", o2 = "2", o3 = "3", os = "s", oz = "z"

    /// Parses the text after `-O` (`"2"`, `"s"`, `"z"`).
    public init?(flag: String) { self.init(rawValue: flag) }

    /// BinaryenSetOptimizeLevel.
    public var optimizeLevel: Int32 {
        switch self {
        case .o0: 0
        case .o1: 1
        case .o2, .os, .oz: 2
        case .o3: 3
        }
    }

    /// BinaryenSetShrinkLevel.
    public var shrinkLevel: Int32 {
        switch self {
        case .os: 1
        case .oz: 2
        default: 0
        }
    }

    /// The IR optimizer's level that goes with it (`Optimizer.optimize`).
    public var irLevel: Int {
        switch self {
        case .o0: 0
        case .o1: 1
        case .o2, .os, .oz: 2
        case .o3: 3
        }
    }
}

/// One compiled component: the module's bytes, its TypeScript declarations and what went wrong.
public struct WasmModule: Sendable {
    /// The component's name (`Counter` → `Counter.wasm`, `Counter.d.ts`).
    public var name: String
    /// The binary module; empty when `diagnostics` holds an error.
    public var wasm: [UInt8]
    /// `Counter.d.ts`: props, exports and the mount API.
    public var declarations: String
    /// E0800 (unsupported construct) and E0801 (internal error: the module did not validate).
    public var diagnostics: [Diagnostic]

    public var succeeded: Bool { !wasm.isEmpty && !diagnostics.contains { $0.severity == .error } }
}

/// Compiles optimized IR to WebAssembly through Binaryen's C API (HYDRATION.md documents
/// the module's imports, exports and memory layout).
public enum WasmCompiler {
    /// Binaryen's optimize and shrink levels are process-wide: one compilation at a time.
    private static let lock = NSLock()

    /// Lowers, optimizes and compiles one checked component. Components of programs with
    /// errors must not be passed (the driver checks `TypedProgram.diagnostics` first).
    public static func compile(_ component: TypedComponent, file: SourceFile, optimization: WasmOptimization = .o2,
                               serverMarkup: Bool = false) -> WasmModule {
        let ir = Optimizer.optimize(IRLowering.lower(component, file: file), level: optimization.irLevel)
        return compile(ir, optimization: optimization, serverMarkup: serverMarkup)
    }

    /// Compiles an (optimized) IR component. `serverMarkup` adds the `$html` export, which
    /// renders the whole template with hydration markers (for tests and JS-only hosts; the
    /// Swift server renders this markup itself, so production modules leave it out).
    public static func compile(_ component: IRComponent, optimization: WasmOptimization = .o2, serverMarkup: Bool = false) -> WasmModule {
        lock.lock()
        defer { lock.unlock() }
        let module = BModule(parsing: "(module\n" + WasmRuntime.imports + WasmRuntime.functions + "\n)")
        let gen = CodeGen(component: component, module: module)
        gen.serverMarkup = serverMarkup
        gen.generate()
        let declarations = DeclarationWriter.write(component, exported: gen.exportedFunctions(), serverMarkup: serverMarkup)
        if gen.diagnostics.contains(where: { $0.severity == .error }) {
            return WasmModule(name: component.name, wasm: [], declarations: declarations, diagnostics: gen.diagnostics)
        }
        finish(gen)
        guard BinaryenModuleValidate(module.ref) else {
            return WasmModule(name: component.name, wasm: [], declarations: declarations, diagnostics: [internalError(component, "the generated module is not valid WebAssembly")])
        }
        BinaryenSetOptimizeLevel(optimization.optimizeLevel)
        BinaryenSetShrinkLevel(optimization.shrinkLevel)
        BinaryenSetDebugInfo(false)
        if optimization != .o0 { BinaryenModuleOptimize(module.ref) }
        guard BinaryenModuleValidate(module.ref) else {
            return WasmModule(name: component.name, wasm: [], declarations: declarations, diagnostics: [internalError(component, "the optimized module is not valid WebAssembly")])
        }
        let result = BinaryenModuleAllocateAndWrite(module.ref, nil)
        defer { free(result.binary); free(result.sourceMap) }
        guard let binary = result.binary else {
            return WasmModule(name: component.name, wasm: [], declarations: declarations, diagnostics: [internalError(component, "Binaryen wrote no module")])
        }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: binary, count: result.binaryBytes))
        return WasmModule(name: component.name, wasm: bytes, declarations: declarations, diagnostics: gen.diagnostics)
    }

    /// The module's text form (for `omni dump --stage wat` and tests).
    public static func text(_ component: IRComponent, optimization: WasmOptimization = .o2) -> String? {
        let compiled = compile(component, optimization: optimization)
        guard compiled.succeeded else { return nil }
        lock.lock()
        defer { lock.unlock() }
        var bytes = compiled.wasm.map { CChar(bitPattern: $0) }
        let module = BinaryenModuleRead(&bytes, bytes.count)
        defer { BinaryenModuleDispose(module) }
        guard let text = BinaryenModuleAllocateAndWriteText(module) else { return nil }
        defer { free(text) }
        return String(cString: text)
    }

    static func internalError(_ c: IRComponent, _ message: String) -> Diagnostic {
        Diagnostic.error("E0801", "internal error in the WASM back end compiling `\(c.name)`: \(message)", at: c.span)
            .note("this is a bug in omni, not in your component; please report it with the component's source")
    }

    /// Memory (initial pages cover the static data), the function table, the heap start.
    static func finish(_ gen: CodeGen) {
        let m = gen.m
        gen.data.align()
        let bytes = gen.data.bytes
        let heap = (bytes.count + 7) / 8 * 8 + 8
        BinaryenRemoveGlobal(m.ref, m.n("$hp"))
        BinaryenAddGlobal(m.ref, m.n("$hp"), BinaryenTypeInt32(), true, m.i32(heap))
        let pages = BinaryenIndex(max(1, (heap + 65535) / 65536))
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { p in
                var segments: [UnsafePointer<CChar>?] = [p]
                var passive = [false]
                var offsets: [Ref?] = [m.i32(0)]
                var sizes = [BinaryenIndex(bytes.count)]
                BinaryenSetMemory(m.ref, pages, 65536, m.c("$mem"), &segments, &passive, &offsets, &sizes, 1, false)
            }
        }
        BinaryenAddTable(m.ref, m.c("0"), BinaryenIndex(gen.table.count), BinaryenIndex(gen.table.count), BinaryenTypeFuncref())
        var names: [UnsafePointer<CChar>?] = gen.table.map { m.n($0) }
        BinaryenAddActiveElementSegment(m.ref, m.c("0"), m.c("elems"), &names, BinaryenIndex(names.count), m.i32(0))
        BinaryenModuleSetFeatures(m.ref, BinaryenFeatureMVP() | BinaryenFeatureBulkMemory() | BinaryenFeatureNontrappingFPToInt() | BinaryenFeatureSignExt() | BinaryenFeatureMutableGlobals())
    }
}
