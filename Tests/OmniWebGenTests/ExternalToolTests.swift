import Foundation
import OmniSema
import OmniTestSupport
@testable import OmniWebGen
import Testing

/// Runs programs for the tests: openapi-spec-validator, tsc, node.
enum ExternalTool {
    static func which(_ name: String) -> String? { Tool.which(name) }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "omni-webgen-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs `executable` in `directory`; its stdout and stderr together. It waits without
    /// holding a thread of the test pool (see `Tool`).
    static func run(_ executable: String, _ arguments: [String], in directory: String, timeout: TimeInterval = 120) async throws -> (status: Int32, output: String) {
        let r = try await Tool.run(executable, arguments, in: directory, timeout: timeout)
        return (r.status, r.out + r.err)
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func fixture(_ relative: String) throws -> String {
        let data = try #require(FileManager.default.contents(atPath: fixturesDirectory() + "/webgen/" + relative))
        return String(decoding: data, as: UTF8.self)
    }

    static let validator = which("openapi-spec-validator")
    static let tsc = which("tsc")
    static let node = which("node")

    /// `tsc --strict --noEmit` on the given files of `directory`.
    static func typeCheck(_ files: [String], in directory: String) async throws -> (status: Int32, output: String) {
        try await run(tsc ?? "tsc", ["--strict", "--noEmit", "--pretty", "false", "--target", "es2020", "--module", "es2020",
                               "--moduleResolution", "node", "--lib", "es2020,dom"] + files, in: directory)
    }
}

extension WebFixtures {
    static func program(named name: String) -> ServerProgram { name == "shop" ? shop : blog }
}

@Suite struct OpenAPIValidatorTests {
    @Test(.enabled(if: ExternalTool.validator != nil,
                   "openapi-spec-validator is not installed: run scripts/bootstrap.sh (pip install openapi-spec-validator)"),
          arguments: ["blog", "shop"])
    func documentPassesOpenAPISpecValidator(_ name: String) async throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExternalTool.write(OpenAPIGen.document(WebFixtures.program(named: name), title: name, version: "1.0.0"), to: dir + "/openapi.json")
        let result = try await ExternalTool.run(ExternalTool.validator ?? "", ["openapi.json"], in: dir)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("openapi.json: OK"), "\(result.output)")
    }

    /// The validator is not a rubber stamp: a document with a path parameter left undeclared fails.
    @Test(.enabled(if: ExternalTool.validator != nil, "openapi-spec-validator is not installed: run scripts/bootstrap.sh"))
    func validatorRejectsABrokenDocument() async throws {
        var program = WebFixtures.blog
        for i in program.routes.indices { program.routes[i].pathParameters = [] }
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExternalTool.write(OpenAPIGen.document(program, title: "broken", version: "1"), to: dir + "/openapi.json")
        let result = try await ExternalTool.run(ExternalTool.validator ?? "", ["openapi.json"], in: dir)
        #expect(result.status != 0, "\(result.output)")
        #expect(result.output.contains("Path parameter 'id'"), "\(result.output)")
    }
}

@Suite struct TypeScriptCheckTests {
    /// The declarations alone, then with a usage file that exercises the whole client.
    @Test(.enabled(if: ExternalTool.tsc != nil, "tsc is not installed: run scripts/bootstrap.sh (apt-get install node-typescript)"),
          arguments: ["blog", "shop"])
    func declarationsAndUsageTypeCheck(_ name: String) async throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExternalTool.write(TypeScriptAPIGen.declarations(WebFixtures.program(named: name)), to: dir + "/api.d.ts")
        let alone = try await ExternalTool.typeCheck(["api.d.ts"], in: dir)
        #expect(alone.status == 0, "\(alone.output)")
        try ExternalTool.write(try ExternalTool.fixture("typecheck/\(name)-usage.ts"), to: dir + "/usage.ts")
        let usage = try await ExternalTool.typeCheck(["api.d.ts", "usage.ts"], in: dir)
        #expect(usage.status == 0, "\(usage.output)")
    }

    static var badCases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixturesDirectory() + "/webgen/typecheck/bad")) ?? []
        return names.filter { $0.hasSuffix(".ts") }.sorted()
    }

    /// Each file misuses the blog API once; tsc (one run over all of them) must reject each
    /// on its line 3 with the message its first line names, and accept the declarations.
    @Test(.enabled(if: ExternalTool.tsc != nil, "tsc is not installed: run scripts/bootstrap.sh (apt-get install node-typescript)"))
    func misuseFailsToTypeCheck() async throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExternalTool.write(TypeScriptAPIGen.declarations(WebFixtures.blog), to: dir + "/api.d.ts")
        var expectations: [(file: String, message: String)] = []
        for file in Self.badCases {
            let source = try ExternalTool.fixture("typecheck/bad/" + file)
            let firstLine = source.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            let message = try #require(firstLine.hasPrefix("// expect: ") ? String(firstLine.dropFirst("// expect: ".count)) : nil,
                                       "\(file) must start with `// expect: <tsc message>`")
            try ExternalTool.write(source, to: dir + "/" + file)
            expectations.append((file, message))
        }
        let result = try await ExternalTool.typeCheck(["api.d.ts"] + expectations.map(\.file), in: dir)
        #expect(result.status != 0, "the misuses type-checked but must not")
        #expect(!result.output.contains("api.d.ts("), "the declarations themselves must not fail:\n\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        for (file, message) in expectations {
            // An error line is `file(line,col): error TSxxxx: message`, its elaboration indented below.
            var errorsOfFile: [String] = []
            for line in lines {
                if line.hasPrefix(file + "(") { errorsOfFile.append(line) } else if line.hasPrefix(" "), !errorsOfFile.isEmpty, let last = errorsOfFile.popLast() {
                    errorsOfFile.append(last + "\n" + line)
                }
            }
            #expect(errorsOfFile.contains { $0.hasPrefix(file + "(3,") && $0.contains(message) },
                    "\(file): expected an error on line 3 with \(message); got:\n\(errorsOfFile.joined(separator: "\n"))")
        }
    }

    @Test func badCasesExist() { #expect(Self.badCases.count >= 5) }
}

@Suite struct JavaScriptClientTests {
    /// `api.js` against a fake `fetch`: the requests it builds and how it reads answers.
    @Test(.enabled(if: ExternalTool.node != nil, "node is not installed: run scripts/bootstrap.sh"),
          arguments: ["blog", "shop"])
    func clientBuildsTheDocumentedRequests(_ name: String) async throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExternalTool.write(TypeScriptAPIGen.implementation(WebFixtures.program(named: name)), to: dir + "/api.js")
        try ExternalTool.write(try ExternalTool.fixture("client/\(name)-client.mjs"), to: dir + "/client-test.mjs")
        let result = try await ExternalTool.run(ExternalTool.node ?? "", ["client-test.mjs", dir + "/api.js"], in: dir)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("ok "), "\(result.output)")
    }
}
