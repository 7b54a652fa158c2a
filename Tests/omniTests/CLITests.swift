import Foundation
import OmniTestSupport
import Testing

/// Runs the built `omni` executable as a user would and checks its output and exit status.
struct OmniProcess {
    static var executable: String {
        // The test bundle lives in the same build folder as the `omni` product.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("omni").path
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try Tool.run(executable, arguments, environment: environment, in: directory, timeout: 600)
        return (r.status, r.out, r.err)
    }

    /// The same, waiting without holding a thread of the test pool: for slow runs, such as
    /// an `omni build` that compiles a server (see `Tool`).
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil,
                    timeout: TimeInterval = 600) async throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try await Tool.run(executable, arguments, environment: environment, in: directory, timeout: timeout)
        return (r.status, r.out, r.err)
    }
}

func repoFixtures(filePath: String = #filePath) -> String {
    var url = URL(fileURLWithPath: filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("Fixtures").path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
    return "Fixtures"
}

@Suite struct CLITests {
    let fixtures = repoFixtures()

    @Test func versionPrints() throws {
        let r = try OmniProcess.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func cleanProjectExitsZero() throws {
        let r = try OmniProcess.run(["check", fixtures + "/projects/blog"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func errorsExitOneWithHumanOutputOnStderr() throws {
        let r = try OmniProcess.run(["check", fixtures + "/diagnostics/components/unclosed-component.omni"], environment: ["NO_COLOR": "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error[E0201]"))
        #expect(r.stderr.contains("unclosed-component.omni:1:1"))
        #expect(!r.stderr.contains("\u{1B}["))
    }

    @Test func jsonFollowsTheContract() throws {
        let r = try OmniProcess.run(["check", "--format", "json", fixtures + "/diagnostics/components/mismatched-tag.omni"])
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == diagnostics.count)
        #expect(summary["files"] as? Int == 1)
        let d = try #require(diagnostics.first)
        for key in ["file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "labels", "notes", "help", "fixes"] {
            #expect(d[key] != nil, "missing \(key)")
        }
        #expect(d["code"] as? String == "E0211")
        #expect(d["line"] as? Int == 6)
    }

    @Test func githubAnnotations() throws {
        let r = try OmniProcess.run(["check", "--format", "github", fixtures + "/diagnostics/components/unclosed-component.omni"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("::error file="))
        #expect(r.stdout.contains("title=E0201::"))
    }

    @Test func denyWarningsAndBadUsage() throws {
        #expect(try OmniProcess.run(["check", "/no/such/dir"]).status == 2)
        #expect(try OmniProcess.run(["check", "--format", "xml", fixtures]).status == 2)
        #expect(try OmniProcess.run(["frobnicate"]).status == 2)
    }

    @Test func explainKnownAndUnknownCodes() throws {
        let ok = try OmniProcess.run(["explain", "E0201"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("E0201"))
        let lower = try OmniProcess.run(["explain", "e0211"])
        #expect(lower.status == 0)
        let bad = try OmniProcess.run(["explain", "E0999"])
        #expect(bad.status == 2)
    }

    @Test func dumpTokensAndAST() throws {
        let file = fixtures + "/projects/blog/components/Counter.omni"
        let ast = try OmniProcess.run(["dump", "--stage", "ast", file])
        #expect(ast.status == 0)
        #expect(ast.stdout.contains("Component Counter @1:1-"))
        let tokens = try OmniProcess.run(["dump", "--stage", "tokens", file])
        #expect(tokens.status == 0)
        #expect(tokens.stdout.contains("TagOpen \"<component\""))
    }
}

@Suite struct BuildCommandTests {
    let fixtures = repoFixtures()

    @Test func buildsWasmModulesWithASizeReport() throws {
        let out = NSTemporaryDirectory() + "omni-web-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try OmniProcess.run(["build", fixtures + "/projects/blog", "--target", "wasm", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["Counter.wasm", "Counter.d.ts", "TodoList.wasm", "Button.wasm", "omni.js", "omni.d.ts"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "missing \(name)")
        }
        #expect(r.stdout.contains("Counter.wasm"))
        #expect(r.stdout.contains("gzipped"))
        let wasm = try #require(FileManager.default.contents(atPath: out + "/Counter.wasm"))
        #expect(Array(wasm.prefix(4)) == [0x00, 0x61, 0x73, 0x6D])
    }

    @Test func sizeLimitAndBadOptionsFail() throws {
        let out = NSTemporaryDirectory() + "omni-web-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let limited = try OmniProcess.run(["build", fixtures + "/projects/blog", "--target", "wasm", "--output", out, "--max-wasm-kb", "0"], environment: ["NO_COLOR": "1"])
        #expect(limited.status == 1)
        #expect(limited.stderr.contains("error[E0802]"))
        #expect(try OmniProcess.run(["build", fixtures + "/projects/blog", "-O", "7"]).status == 2)
        #expect(try OmniProcess.run(["build", fixtures + "/diagnostics/components"]).status == 1)
    }
}
