import OmniBase
import OmniSyntax

/// Options of the semantic core. Empty today; room for later switches (strictness, targets).
public struct SemaOptions: Sendable {
    public init() {}
}

/// The semantic core: name resolution, type checking, template checks, project-wide checks
/// and the reactive dependency analysis (docs/LANGUAGE.md, "Semantics").
///
/// The passes run per component in this order: `ProjectChecker` (prop signatures of every
/// component, duplicate names) → `Resolver` → `TypeChecker` (props, script) →
/// `TemplateChecker` → `Analyzer`; then `ProjectChecker` looks for component cycles.
/// Pure: no IO, deterministic output.
public enum Sema {
    /// Checks every component of the project (files already parsed; parse diagnostics are the caller's).
    public static func check(_ files: [(file: SourceFile, ast: OmniFile)], options: SemaOptions = .init()) -> TypedProgram {
        var project = ProjectChecker(files: files)
        project.collectComponents()
        var components: [TypedComponent] = []
        var diagnostics = project.diagnostics
        var uses: [String: [(name: String, span: Span)]] = [:]
        for entry in project.entries {
            let state = ComponentState(file: entry.file, decl: entry.decl, signature: entry.signature)
            Resolver(state: state).run()
            let checker = TypeChecker(state: state)
            checker.run()
            let children = TemplateChecker(checker: checker, project: project.table).run()
            Analyzer(state: state).run()
            diagnostics.append(contentsOf: state.diagnostics)
            components.append(state.typedComponent())
            if uses[entry.decl.name.name] == nil { uses[entry.decl.name.name] = children }
        }
        diagnostics.append(contentsOf: project.findCycles(uses))
        components.sort { ($0.name, $0.file) < ($1.name, $1.file) }
        return TypedProgram(components: components, diagnostics: diagnostics)
    }

    /// Checks the components of one file on their own (child components resolve only within it).
    public static func check(_ file: SourceFile, _ ast: OmniFile, options: SemaOptions = .init()) -> TypedProgram {
        check([(file: file, ast: ast)], options: options)
    }
}
