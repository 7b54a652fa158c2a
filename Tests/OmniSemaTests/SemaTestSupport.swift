import Foundation
import OmniBase
import OmniSema
import OmniSyntax

/// The result of parsing and checking in-memory files.
struct Checked {
    var sources: SourceMap
    var program: TypedProgram
    var parseDiagnostics: [Diagnostic]

    var diagnostics: [Diagnostic] { program.diagnostics }
    var all: [Diagnostic] { sortedDiagnostics(parseDiagnostics + program.diagnostics, sources: sources) }
    var codes: [String] { all.map(\.code.rawValue) }
    var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// The rendered diagnostics (no colour), as the snapshots hold them.
    var rendered: String {
        HumanRenderer(sources: sources, color: false)
            .render(all, summary: RenderSummary(counting: all, files: sources.files.count))
    }

    func text(_ span: Span) -> String { sources[span.file]?.text(span) ?? "" }
    func component(_ name: String) -> TypedComponent? { program.component(named: name) }
}

/// Parses and checks files given as (path, text).
func check(files: [(String, String)]) -> Checked {
    var sources = SourceMap()
    var parsed: [(file: SourceFile, ast: OmniFile)] = []
    var parseDiagnostics: [Diagnostic] = []
    for (path, text) in files {
        let file = sources.add(path: path, text: text)
        let (ast, ds) = ComponentParser.parse(file)
        parsed.append((file, ast))
        parseDiagnostics += ds
    }
    return Checked(sources: sources, program: Sema.check(parsed), parseDiagnostics: parseDiagnostics)
}

/// Parses and checks one file.
func check(_ text: String, path: String = "Test.omni") -> Checked { check(files: [(path, text)]) }

/// A component with the given script and template.
func component(_ name: String = "Test", props: String = "", script: String = "", template: String = "") -> String {
    """
    <component name="\(name)">
      <props>
    \(props)
      </props>
      <script>
    \(script)
      </script>
      <template>
    \(template)
      </template>
    </component>

    """
}

/// Runs `body` on a thread with a large stack (deep trees recurse deeply).
func onBigStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = 256 << 20
    thread.start()
    done.wait()
    return box.value!
}

final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    init() {}
}
