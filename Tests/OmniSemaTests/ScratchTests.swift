import Foundation
import Testing

@Suite struct ScratchTests {
    @Test func scratch() throws {
        guard let path = ProcessInfo.processInfo.environment["SEMA_SCRATCH"] else { return }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let r = check(text, path: "Scratch.omni")
        print(r.rendered)
        if ProcessInfo.processInfo.environment["SEMA_DUMP"] != nil {
            for c in r.program.components { print(c.dumpTypes(r.sources.files[0])) }
            for c in r.program.components { print(c.dependencies) }
        }
    }
}
