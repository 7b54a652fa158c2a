import Foundation
import OmniBase
import OmniIR
import OmniTestSupport
import OmniWasmGen
import Testing

/// Every module validates (Binaryen and wabt's `wasm-validate`) at every optimization
/// level, and every `.d.ts` (plus omni.d.ts) passes `tsc --strict`.
@Suite struct ModuleTests {
    @Test(arguments: WasmOptimization.allCases)
    func everyFixtureCompilesAndValidates(_ level: WasmOptimization) throws {
        let validate = Tool.which("wasm-validate")
        let dir = try WasmFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for path in WasmFixtures.paths {
            for component in try WasmFixtures.components(path, level: level.irLevel) {
                let module = WasmCompiler.compile(component, optimization: level)
                #expect(module.succeeded, "\(component.name) -O\(level.rawValue): \(module.diagnostics.map(\.message))")
                guard module.succeeded, let validate else { continue }
                let file = "\(dir)/\(component.name).wasm"
                try Data(module.wasm).write(to: URL(fileURLWithPath: file))
                let r = try Tool.run(validate, [file])
                #expect(r.status == 0, "wasm-validate \(component.name) -O\(level.rawValue): \(r.err)")
            }
        }
        if validate == nil { print("skipped wasm-validate: wabt is not installed (apt-get install wabt)") }
    }

    @Test func declarationsPassStrictTypeScript() async throws {
        guard let tsc = Tool.which("tsc") else {
            print("skipped: tsc is not installed (apt-get install node-typescript)")
            return
        }
        let dir = try WasmFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files: [String] = []
        for path in WasmFixtures.paths {
            for component in try WasmFixtures.components(path) {
                let module = WasmCompiler.compile(component)
                let file = "\(dir)/\(component.name).d.ts"
                try module.declarations.write(toFile: file, atomically: true, encoding: .utf8)
                files.append(file)
            }
        }
        let glueTypes = "\(dir)/omni.d.ts"
        try FileManager.default.copyItem(atPath: fixturesDirectory() + "/../Runtime/Browser/omni.d.ts", toPath: glueTypes)
        let r = try await Tool.run(tsc, ["--strict", "--noEmit", "--lib", "es2020,dom", glueTypes] + files, timeout: 120)
        #expect(r.status == 0, "tsc: \(r.out)\(r.err)")
    }

    @Test func unsupportedConstructsAreDiagnosedNotTrapped() throws {
        let source = """
        <component name="Shapes">
          <script>
            const point = signal({ x: 1, y: 2 })
          </script>
          <template><p>{point().x}</p></template>
        </component>
        """
        let file = SourceFile(id: FileID(0), path: "Shapes.omni", bytes: Array(source.utf8))
        let (ast, _) = OmniSyntaxBridge.parse(file)
        let program = OmniSyntaxBridge.check(file, ast)
        let component = try #require(program.components.first)
        let module = WasmCompiler.compile(component, file: file)
        #expect(!module.succeeded)
        #expect(module.diagnostics.contains { $0.code == "E0800" && $0.message.contains("not supported by the WASM back end") })
    }

    @Test func optimizationLevelsMapToBinaryen() {
        #expect(WasmOptimization(flag: "0")?.optimizeLevel == 0)
        #expect(WasmOptimization(flag: "3")?.optimizeLevel == 3)
        #expect(WasmOptimization(flag: "s")?.shrinkLevel == 1)
        #expect(WasmOptimization(flag: "z")?.shrinkLevel == 2)
        #expect(WasmOptimization(flag: "x") == nil)
    }
}
