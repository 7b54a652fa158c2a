import Foundation
import OmniBase
import OmniIR
import OmniSema
import OmniSyntax
import OmniTestSupport
import OmniWasmGen
import Testing

/// Fixtures, compilation and external tools (node, wasm-validate, tsc, chromium) for the tests.
enum WasmFixtures {
    /// Every component the WASM tests compile: the blog example and `Fixtures/wasm/*.omni`.
    static var paths: [String] {
        files(in: "projects/blog/components") + files(in: "wasm")
    }

    static func files(in folder: String) -> [String] {
        let root = fixturesDirectory() + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { $0.hasSuffix(".omni") }.sorted().map { folder + "/" + $0 }
    }

    struct Loaded {
        var file: SourceFile
        var program: TypedProgram
        var diagnostics: [Diagnostic]
    }

    static func load(_ path: String) throws -> Loaded {
        let bytes = try #require(FileManager.default.contents(atPath: fixturesDirectory() + "/" + path))
        let file = SourceFile(id: FileID(0), path: path, bytes: [UInt8](bytes))
        let (ast, parseDiagnostics) = ComponentParser.parse(file)
        let program = Sema.check([(file: file, ast: ast)])
        return Loaded(file: file, program: program, diagnostics: parseDiagnostics + program.diagnostics)
    }

    /// The optimized IR of every component of `path` (the file must check cleanly).
    static func components(_ path: String, level: Int = 2) throws -> [IRComponent] {
        let loaded = try load(path)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(path): \(errors.map { "\($0.code) \($0.message)" })")
        return loaded.program.components.map { Optimizer.optimize(IRLowering.lower($0, file: loaded.file), level: level) }
    }

    static var glue: String { fixturesDirectory() + "/../Runtime/Browser/omni.js" }
    static var harness: String { fixturesDirectory() + "/wasm/harness/run.mjs" }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "omni-wasm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// What the node harness printed.
struct HarnessResult: Decodable {
    var ssr: String
    var ssrPlain: String
    var renders: [String]
    var expected: [String]?
    var log: [String]
    var error: String?
    var marked: String?
}

enum Harness {
    /// Runs `module` with omni.js on the fake DOM for `steps` interactions; `expected`
    /// (the reference renders) comes back in the same normal form.
    static func run(_ module: [UInt8], steps: Int, expected: [String], props: String = "{}") throws -> HarnessResult {
        let dir = try WasmFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let wasm = dir + "/m.wasm", expect = dir + "/expected.json"
        try Data(module).write(to: URL(fileURLWithPath: wasm))
        try JSONEncoder().encode(expected).write(to: URL(fileURLWithPath: expect))
        let node = try #require(Tool.which("node"))
        let r = try Tool.run(node, [WasmFixtures.harness, WasmFixtures.glue, wasm, String(steps), props, expect])
        #expect(r.status == 0, "node: \(r.err)")
        return try JSONDecoder().decode(HarnessResult.self, from: Data(r.out.utf8))
    }
}

/// The front end, for tests that compile inline sources.
enum OmniSyntaxBridge {
    static func parse(_ file: SourceFile) -> (OmniFile, [Diagnostic]) { ComponentParser.parse(file) }
    static func check(_ file: SourceFile, _ ast: OmniFile) -> TypedProgram { Sema.check([(file: file, ast: ast)]) }
}
