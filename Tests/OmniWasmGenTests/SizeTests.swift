import Foundation
import OmniTestSupport
import OmniWasmGen
import Testing

/// Prints the gzipped sizes (`gzip -9`) of the example's modules and omni.js, and holds the
/// targets: the Counter module ≤ 1 KB, omni.js ≤ 3 KB. `OMNI_WASM_OUT=dir` keeps the files.
@Suite struct SizeTests {
    static func gzipSize(_ path: String) throws -> Int {
        let gzip = try #require(Tool.which("gzip"))
        let r = try Tool.run("/bin/sh", ["-c", "\(gzip) -9 -c '\(path)' | wc -c"])
        return Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func exampleSizes() throws {
        let fallback = try WasmFixtures.temporaryDirectory()
        let out = ProcessInfo.processInfo.environment["OMNI_WASM_OUT"] ?? fallback
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var total = 0
        var report = ""
        for path in WasmFixtures.files(in: "projects/blog/components") {
            for component in try WasmFixtures.components(path) {
                let module = WasmCompiler.compile(component, optimization: .oz)
                #expect(module.succeeded)
                let file = "\(out)/\(component.name).wasm"
                try Data(module.wasm).write(to: URL(fileURLWithPath: file))
                try module.declarations.write(toFile: "\(out)/\(component.name).d.ts", atomically: true, encoding: .utf8)
                let gz = try SizeTests.gzipSize(file)
                total += gz
                report += "\(component.name).wasm: \(module.wasm.count) B raw, \(gz) B gzipped\n"
                if component.name == "Counter" { #expect(gz <= 1024, "Counter.wasm is \(gz) B gzipped") }
            }
        }
        let glue = try SizeTests.gzipSize(WasmFixtures.glue)
        try? FileManager.default.removeItem(atPath: "\(out)/omni.js")
        try FileManager.default.copyItem(atPath: WasmFixtures.glue, toPath: "\(out)/omni.js")
        #expect(glue <= 3072, "omni.js is \(glue) B gzipped")
        report += "omni.js: \(glue) B gzipped\nall WASM + JS: \(total + glue) B gzipped\n"
        print(report)
    }
}
