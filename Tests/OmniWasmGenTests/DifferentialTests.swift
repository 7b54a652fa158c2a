import Foundation
import OmniIR
import OmniWasmGen
import Testing

/// The DOM that a module and omni.js produce equals the reference renderer's HTML: at
/// mount and after each interaction, for every fixture component.
@Suite struct DifferentialTests {
    static let steps = 6

    @Test(arguments: WasmFixtures.paths)
    func domMatchesReferenceRenderer(_ path: String) throws {
        for component in try WasmFixtures.components(path) {
            let reference = IREvaluator.evaluate(component, steps: DifferentialTests.steps)
            #expect(reference.error == nil, "\(component.name): reference error \(reference.error ?? "")")
            let module = WasmCompiler.compile(component, optimization: .o2, serverMarkup: true)
            #expect(module.succeeded, "\(component.name): \(module.diagnostics.map { "\($0.code) \($0.message)" })")
            guard module.succeeded else { continue }
            let result = try Harness.run(module.wasm, steps: DifferentialTests.steps, expected: reference.renders)
            #expect(result.error == nil, "\(component.name): \(result.error ?? "")")
            let expected = result.expected ?? []
            #expect(result.renders.count == expected.count, "\(component.name): \(result.renders.count) renders, expected \(expected.count)")
            for (i, (got, want)) in zip(result.renders, expected).enumerated() {
                #expect(got == want, "\(component.name) render \(i) (\(i == 0 ? "initial" : reference.actions[i - 1]))\n got: \(got)\nwant: \(want)")
            }
            #expect(result.ssrPlain == expected.first, "\(component.name): server markup\n got: \(result.ssrPlain)\nwant: \(expected.first ?? "")")
        }
    }
}
