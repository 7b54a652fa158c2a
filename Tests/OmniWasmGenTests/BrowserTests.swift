import Foundation
import OmniTestSupport
import OmniWasmGen
import Testing

/// Headless Chromium: a static page holds the server markup of the Counter and TodoList
/// (rendered with hydration markers by the modules' `$html`, which the differential tests
/// check against the reference renderer), omni.js and the production modules. An in-page
/// script clicks and types, then writes what it saw into the DOM that `--dump-dom` prints.
@Suite struct BrowserTests {
    @Test func counterAndTodoListHydrateAndUpdate() async throws {
        guard Chromium.executable != nil else {
            print("skipped: chromium is not installed (apt-get install chromium)")
            return
        }
        let node = try #require(Tool.which("node"))
        let dir = try WasmFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var page = try String(contentsOfFile: fixturesDirectory() + "/wasm/browser-test.html", encoding: .utf8)
        for (name, props) in [("Counter", "{\"label\":\"Clicks\"}"), ("TodoList", "{}"), ("Button", "{\"label\":\"Go\"}")] {
            let component = try #require(try WasmFixtures.components("projects/blog/components/\(name).omni").first)
            let ssr = try Harness.run(WasmCompiler.compile(component, serverMarkup: true).wasm, steps: 0, expected: [], props: props).ssr
            page = page.replacingOccurrences(of: "%\(name.uppercased())%", with: ssr)
            let module = WasmCompiler.compile(component, optimization: .oz)
            try Data(module.wasm).write(to: URL(fileURLWithPath: "\(dir)/\(name).wasm"))
        }
        try page.write(toFile: "\(dir)/test.html", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: WasmFixtures.glue, toPath: "\(dir)/omni.js")

        let server = Process()
        server.executableURL = URL(fileURLWithPath: node)
        server.arguments = [fixturesDirectory() + "/wasm/harness/serve.mjs", dir]
        let portFile = "\(dir)/port"
        _ = FileManager.default.createFile(atPath: portFile, contents: nil)
        server.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: portFile))
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var port = ""
        for _ in 0..<200 where port.isEmpty {
            try await Task.sleep(for: .milliseconds(50))
            port = ((try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(!port.isEmpty, "the test server did not start")
        let (result, r) = try await Chromium.result(of: "http://127.0.0.1:\(port)/test.html", budgetMilliseconds: 5000)
        let expected = [
            "counter0=Clicks: 0|0",
            "counter3=Clicks: 3|30|#4caf50",
            "counter11=Doubled: 22|110|#66bb6a",
            "todo0=Nothing yet|true",
            "todo2=milk,eggs|Things to do (2)|false|item-0",
            "cleared=Nothing yet|Things to do (0)|true",
            "svg=http://www.w3.org/2000/svg|http://www.w3.org/2000/svg|#4caf50",
            "hovered=#66bb6a",
        ].joined(separator: "\n")
        #expect(result == expected, "chromium saw:\n\(result)\n(status \(r.status), stderr: \(r.err.suffix(500)))")
    }
}
