import OmniBase
import OmniWasmGen

extension WasmOutput {
    /// Compiles every component of a checked project to WebAssembly and writes the modules,
    /// their `.d.ts` and the glue into `directory`. Does nothing when the project has errors.
    public static func build(_ result: Frontend.Result, optimization: WasmOptimization, glueDirectory: String,
                             to directory: String = defaultDirectory, maxWasmKB: Int? = nil) throws -> (WasmSizeReport?, [Diagnostic]) {
        guard !result.diagnostics.contains(where: { $0.severity == .error }) else { return (nil, []) }
        var artifacts: [WasmArtifact] = []
        var diagnostics: [Diagnostic] = []
        for component in result.program.components {
            guard let file = result.parsed.first(where: { $0.file.id == component.file })?.file else { continue }
            let module = WasmCompiler.compile(component, file: file, optimization: optimization)
            diagnostics += module.diagnostics
            if module.succeeded {
                artifacts.append(WasmArtifact(name: module.name, wasm: module.wasm, declarations: module.declarations, span: component.decl.openTag))
            }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        let (report, sizeDiagnostics) = try write(artifacts, glueDirectory: glueDirectory, to: directory, maxWasmKB: maxWasmKB)
        return (report, diagnostics + sizeDiagnostics)
    }
}
