import Foundation
import OmniBase
import OmniIR
import OmniSema
import OmniSyntax
import OmniTestSupport
import Testing

/// Loads `.omni` fixtures and runs the front end on them (in memory, no driver).
enum FixtureLoader {
    /// Every `.omni` file under `Fixtures/<folder>`, relative paths, sorted.
    static func files(in folder: String) -> [String] {
        let root = fixturesDirectory() + "/" + folder
        return fixtureFiles(under: root, endingIn: ".omni").map { folder + "/" + $0 }
    }

    struct Checked {
        var file: SourceFile
        var program: TypedProgram
        var parseDiagnostics: [Diagnostic]
        var isClean: Bool { parseDiagnostics.isEmpty && !program.diagnostics.contains { $0.severity == .error } }
    }

    static func check(_ path: String) throws -> Checked {
        let bytes = try #require(FileManager.default.contents(atPath: fixturesDirectory() + "/" + path))
        let file = SourceFile(id: FileID(0), path: path, bytes: [UInt8](bytes))
        let (ast, diagnostics) = ComponentParser.parse(file)
        return Checked(file: file, program: Sema.check([(file: file, ast: ast)]), parseDiagnostics: diagnostics)
    }
}

/// Golden `omni dump --stage ir|opt` output of `Fixtures/ir/*.omni` (each file's components
/// in order): `X.ir.txt` and `X.opt.txt` (level 2) beside `X.omni`. `OMNI_RECORD=1` re-records.
@Suite struct IRGoldenTests {
    static var cases: [String] { FixtureLoader.files(in: "ir") }

    @Test(arguments: cases)
    func golden(_ path: String) throws {
        let checked = try FixtureLoader.check(path)
        let clean = checked.isClean
        #expect(clean, "\((checked.parseDiagnostics + checked.program.diagnostics).map { "\($0.code) \($0.message)" })")
        let components = checked.program.components
        #expect(!components.isEmpty)
        let ir = components.map { IRDump.ir($0, file: checked.file) }.joined(separator: "\n")
        let opt = components.map { IRDump.opt($0, file: checked.file, level: 2) }.joined(separator: "\n")
        let stem = String(path.dropLast(".omni".count))
        assertSnapshot(ir, named: stem + ".ir.txt", in: fixturesDirectory())
        assertSnapshot(opt, named: stem + ".opt.txt", in: fixturesDirectory())
    }
}

/// The optimizer's contract: on every component of every clean fixture, evaluating the IR
/// before and after optimization (levels 1…3) gives the same renders, logs and errors.
@Suite struct DifferentialTests {
    static var cases: [String] { FixtureLoader.files(in: "projects") + FixtureLoader.files(in: "ir") }

    @Test(arguments: cases)
    func optimizationPreservesBehaviour(_ path: String) throws {
        let checked = try FixtureLoader.check(path)
        guard checked.isClean else { return }
        let lowered = checked.program.components.map { IRLowering.lower($0, file: checked.file) }
        for level in 1...3 {
            let optimized = lowered.map { Optimizer.optimize($0, level: level) }
            for (before, after) in zip(lowered, optimized) {
                let a = IREvaluator.evaluate(before) { name in lowered.first { $0.name == name } }
                let b = IREvaluator.evaluate(after) { name in optimized.first { $0.name == name } }
                #expect(a.error == nil, "\(before.name): \(a.error ?? "")")
                #expect(a == b, "\(before.name) at level \(level):\nbefore:\n\(a)\nafter:\n\(b)")
                // Optimizing twice changes nothing more at the fixed-point level.
                if level == 3 { #expect(Optimizer.optimize(after, level: 3) == after, "\(before.name) is not at a fixed point") }
            }
        }
    }
}

/// The evaluator on the seed project: the first render and the interactions are what the
/// component means (this anchors the differential test to real behaviour).
@Suite struct EvaluatorFixtureTests {
    @Test func counter_renders_and_counts() throws {
        let checked = try FixtureLoader.check("projects/blog/components/Counter.omni")
        let c = try #require(checked.program.component(named: "Counter"))
        let run = IREvaluator.evaluate(IRLowering.lower(c, file: checked.file), steps: 3)
        #expect(run.error == nil)
        #expect(run.actions == ["@click #0", "@click #0", "@click #0"])
        #expect(run.renders.first?.hasPrefix("<button class=\"btn\">label: 0</button><p>Keep going</p>") == true)
        #expect(run.renders.last?.contains("label: 3") == true)
        #expect(run.renders.last?.contains("<rect width=\"30\" height=\"40\" fill=\"#4caf50\"></rect>") == true)
    }

    @Test func todo_list_adds_items() throws {
        let checked = try FixtureLoader.check("projects/blog/components/TodoList.omni")
        let c = try #require(checked.program.component(named: "TodoList"))
        let run = IREvaluator.evaluate(IRLowering.lower(c, file: checked.file), steps: 6)
        #expect(run.error == nil, "\(run)")
        // input (draft = "input0"), add, clear, input, add, clear
        #expect(run.renders[2].contains("<li class=\"item-0\">input0</li>"), "\(run)")
        #expect(run.renders[3].contains("Nothing yet"), "\(run)")
    }
}
