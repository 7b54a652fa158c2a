import Foundation
import OmniBase
import OmniIR
import OmniSema
import OmniSwiftGen
import OmniSyntax
import OmniTestSupport
import Testing

/// Fixtures and helpers of the server renderer's tests.
enum SSRFixtures {
    /// Every component the SSR tests render: the blog example and `Fixtures/wasm/*.omni`.
    static var paths: [String] { files(in: "projects/blog/components") + files(in: "wasm") }

    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixturesDirectory() + "/" + folder)) ?? []
        return names.filter { $0.hasSuffix(".omni") }.sorted().map { folder + "/" + $0 }
    }

    /// Parses and checks one `.omni` source.
    static func check(path: String, text: String) -> (program: TypedProgram, sources: SourceMap, diagnostics: [Diagnostic]) {
        var sources = SourceMap()
        let file = sources.add(path: path, text: text)
        let (ast, parseDiagnostics) = ComponentParser.parse(file)
        let program = Sema.check([(file: file, ast: ast)])
        return (program, sources, parseDiagnostics + program.diagnostics)
    }

    static func load(_ path: String) throws -> (program: TypedProgram, sources: SourceMap) {
        let text = try String(contentsOfFile: fixturesDirectory() + "/" + path, encoding: .utf8)
        let checked = check(path: path, text: text)
        let errors = checked.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(path): \(errors.map { "\($0.code) \($0.message)" })")
        return (checked.program, checked.sources)
    }

    /// The optimized IR of every component of `path`, as the server renderer compiles it.
    static func components(_ path: String) throws -> [(IRComponent, SourceFile)] {
        let (program, sources) = try load(path)
        return program.components.compactMap { c in
            sources[c.file].map { (Optimizer.optimize(IRLowering.lower(c, file: $0), level: SSRGen.optimizationLevel), $0) }
        }
    }
}

@Suite struct ComponentSSRGenTests {
    /// The generated render function of every fixture component (golden files).
    @Test(arguments: SSRFixtures.paths)
    func generatedSwift(_ path: String) throws {
        let (program, sources) = try SSRFixtures.load(path)
        let output = SSRGen.generate(program, sources: sources)
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map { "\($0.code) \($0.message)" })")
        #expect(output.files.count == program.components.count)
        for file in output.files {
            let text = SwiftRenderer.file(SwiftFile(path: file.path, header: "Server-side render of a component.", declarations: file.decls))
            let name = URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent
            #expect(file.path == "Sources/App/Components/\(name).swift")
            assertSnapshot(text, named: name + ".swift.txt", in: fixturesDirectory() + "/swiftgen/ssr")
        }
    }

    /// Markers come from the shared numbering: every site of the plan appears once, in order.
    @Test func markersFollowTheHydrationPlan() throws {
        for (component, file) in try SSRFixtures.components("projects/blog/components/Counter.omni") {
            let plan = HydrationPlan.make(component.template)
            #expect(plan.count == 7)
            let text = SwiftRenderer.declarations(SSRGen.generate(component, file: file).decls)
            var last = text.startIndex
            for site in plan.sites where site.marked {
                let marker: String
                switch site.kind {
                case .element: marker = "data-ob=\\\"\(site.number)\\\""
                case .text: marker = "<!--ob:\(site.number)-->"
                case .ifBlock, .eachBlock: marker = "<!--oif:\(site.number)-->"
                }
                let found = text.range(of: marker, range: last..<text.endIndex)
                #expect(found != nil, "site \(site.number) (\(site.kind)) has no marker `\(marker)` after the previous one")
                if let found { last = found.upperBound }
            }
        }
    }

    /// Constructs the server cannot run are E0810 diagnostics at their source, never a trap,
    /// and the component gets no file.
    @Test func unsupportedConstructsAreDiagnosed() throws {
        let source = """
        <component name="Odd">
          <script>
            const user = signal({ name: "Ada" })
            const n = signal(0)
            function fact(k: number): number { return k <= 1 ? 1 : k * fact(k - 1) }
          </script>
          <template>
            <p>{user().name}</p>
            <p>{fact(n())}</p>
            <p>{Math.random()}</p>
          </template>
        </component>
        """
        let checked = SSRFixtures.check(path: "components/Odd.omni", text: source)
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty, "\(checked.diagnostics.map(\.message))")
        let output = SSRGen.generate(checked.program, sources: checked.sources)
        #expect(output.files.isEmpty)
        let messages = output.diagnostics.map(\.message)
        #expect(output.diagnostics.allSatisfy { $0.code == "E0810" && $0.severity == .error })
        #expect(messages.contains { $0.hasPrefix("an object value") || $0.hasPrefix("a field of an object") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("a recursive function (`fact`)") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("`Math.random()`") }, "\(messages)")
        let file = try #require(checked.sources.files.first)
        for d in output.diagnostics { #expect(file.text(d.span).isEmpty == false) }
    }

    /// A child component is reported, not rendered as a placeholder.
    @Test func childComponentsAreDiagnosed() {
        let source = """
        <component name="Outer">
          <template><div><Counter label="x" /></div></template>
        </component>
        """
        let checked = SSRFixtures.check(path: "components/Outer.omni", text: source)
        let output = SSRGen.generate(checked.program, sources: checked.sources)
        #expect(output.diagnostics.contains { $0.code == "E0810" && $0.message.hasPrefix("a child component (`<Counter>`)") },
                "\(output.diagnostics.map(\.message))")
    }

    /// Each `omni explain` example of the server renderer raises its code (ExplainTests
    /// only runs the checker and the WASM back end, so the entries are not `checkable` there).
    @Test(arguments: SSRExplanations.all.map(\.code.rawValue))
    func explanationExampleRaisesItsCode(_ code: String) throws {
        let entry = try #require(SSRExplanations.all.first { $0.code.rawValue == code })
        let checked = SSRFixtures.check(path: "components/Example.omni", text: entry.example)
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty)
        let output = SSRGen.generate(checked.program, sources: checked.sources)
        #expect(output.diagnostics.contains { $0.code.rawValue == code }, "\(output.diagnostics.map(\.message))")
    }
}
