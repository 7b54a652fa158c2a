import OmniBase
import OmniSyntax

/// A component as other components see it: its name and props.
struct ComponentSignature {
    var name: String
    var file: FileID
    var nameSpan: Span
    var props: [PropSignature]

    func prop(_ name: String) -> PropSignature? { props.first { $0.name == name } }
}

/// A prop as callers and the component's script see it.
struct PropSignature {
    var name: String
    var nameSpan: Span
    /// The type read as `props.name`: the declared type, made optional when the prop is
    /// neither required nor defaulted.
    var type: SemaType
    var declaredType: SemaType
    var required: Bool
    var hasDefault: Bool
    var decl: PropDecl
}

/// The project's components by name (the first declaration of each name).
struct ComponentTable {
    var byName: [String: ComponentSignature] = [:]
}

/// Project-wide checks: collects every component's signature (prop types, E0322/E0323,
/// E0412, E0415, duplicate props, W0504), rejects duplicate component names (E0413), and
/// finds components that contain each other (E0414).
struct ProjectChecker {
    let files: [(file: SourceFile, ast: OmniFile)]
    var entries: [(file: SourceFile, decl: ComponentDecl, signature: ComponentSignature)] = []
    var table = ComponentTable()
    var diagnostics: [Diagnostic] = []
    /// File paths by ID, for ordering.
    private var paths: [FileID: String] = [:]

    init(files: [(file: SourceFile, ast: OmniFile)]) {
        self.files = files
        for f in files { paths[f.file.id] = f.file.path }
    }

    mutating func collectComponents() {
        let ordered = files.enumerated().sorted { a, b in
            a.element.file.path != b.element.file.path ? a.element.file.path < b.element.file.path : a.offset < b.offset
        }.map(\.element)
        for (file, ast) in ordered {
            for decl in ast.components {
                let sig = signature(of: decl, in: file)
                entries.append((file, decl, sig))
                guard !decl.name.name.isEmpty else { continue }
                if let first = table.byName[decl.name.name] {
                    diagnostics.append(Diagnostic(.error, "E0413", "the component `\(decl.name.name)` is declared twice", at: decl.name.span,
                                                  label: "declared again here", labels: [Label(first.nameSpan, "first declared here")],
                                                  help: ["rename one of them; component names are unique across the project"]))
                } else {
                    table.byName[decl.name.name] = sig
                }
            }
        }
    }

    private mutating func signature(of decl: ComponentDecl, in file: SourceFile) -> ComponentSignature {
        var props: [PropSignature] = []
        var annotations = TypeAnnotations()
        for p in decl.props?.props ?? [] where !p.name.name.isEmpty {
            if let first = props.first(where: { $0.name == p.name.name }) {
                diagnostics.append(Diagnostic(.error, "E0301", "the prop `\(p.name.name)` is declared twice", at: p.name.span,
                                              label: "declared again here", labels: [Label(first.nameSpan, "first declared here")]))
                continue
            }
            var declared: SemaType
            if let t = p.type {
                declared = annotations.resolve(t)
            } else if let d = p.defaultValue, let t = Self.literalType(d) {
                declared = t
            } else {
                diagnostics.append(Diagnostic(.error, "E0412", "the prop `\(p.name.name)` has no type", at: p.name.span,
                                              label: "add `type=\"…\"`", help: ["declare its type: `<prop name=\"\(p.name.name)\" type=\"string\" />`"],
                                              fixes: [.insert(" type=\"string\"", at: p.name.span.endPoint.shifted(1), "declare it as a string")]))
                declared = .error
            }
            switch declared {
            case .signal, .computed, .event, .void, .null:
                if let t = p.type {
                    diagnostics.append(Diagnostic(.error, "E0415", "a prop cannot have the type \(declared.quoted)", at: t.span,
                                                  label: "not a value a parent can pass",
                                                  help: declared.reactiveValue.map { ["declare the value type, `\($0)`: the parent passes `x()` and the prop updates when it changes"] } ?? []))
                }
                declared = .error
            default: break
            }
            if p.required, let d = p.defaultValue {
                diagnostics.append(Diagnostic(.warning, "W0504", "the required prop `\(p.name.name)` has a default that is never used", at: d.span,
                                              label: "never used: every parent must pass `\(p.name.name)`",
                                              help: ["remove `required` to make the prop optional, or remove the default"]))
            }
            let readType = (p.required || p.defaultValue != nil) ? declared : declared.asOptional
            props.append(PropSignature(name: p.name.name, nameSpan: p.name.span, type: readType, declaredType: declared,
                                       required: p.required && p.defaultValue == nil, hasDefault: p.defaultValue != nil, decl: p))
        }
        diagnostics.append(contentsOf: annotations.diagnostics)
        return ComponentSignature(name: decl.name.name, file: file.id, nameSpan: decl.name.span, props: props)
    }

    /// The type of a literal default (`{0}`, `"text"`, `{true}`, `{-1}`), used when a prop has no `type`.
    static func literalType(_ e: Expr) -> SemaType? {
        switch e.kind {
        case .number: .number
        case .string, .template: .string
        case .bool: .bool
        case .unary(.negate, let x, _): literalType(x) == .number ? .number : nil
        case .paren(let x): literalType(x)
        default: nil
        }
    }

    /// Component cycles: `A` uses `B`, `B` uses `A`. One error per cycle, at its first use.
    func findCycles(_ uses: [String: [(name: String, span: Span)]]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var color: [String: Int] = [:]   // 0 white, 1 on the stack, 2 done
        var stack: [(name: String, span: Span?)] = []
        var reported: Set<[String]> = []

        func visit(_ name: String) {
            color[name] = 1
            var seen: Set<String> = []
            for use in uses[name] ?? [] where table.byName[use.name] != nil && seen.insert(use.name).inserted {
                switch color[use.name] ?? 0 {
                case 0:
                    stack.append((use.name, use.span))
                    visit(use.name)
                    stack.removeLast()
                case 1:
                    guard let start = stack.lastIndex(where: { $0.name == use.name }) else { break }
                    // The cycle: stack[start...] then back to use.name via `use`.
                    var names = stack[start...].map(\.name)
                    var spans = stack[(start + 1)...].compactMap(\.span)
                    spans.append(use.span)
                    let rotation = names.indices.min { names[$0] < names[$1] } ?? 0
                    let key = Array(names[rotation...] + names[..<rotation])
                    guard reported.insert(key).inserted else { break }
                    names.append(use.name)
                    let path = names.map { "`\($0)`" }.joined(separator: " → ")
                    let users = Array(names.dropLast())
                    var d = Diagnostic(.error, "E0414", names.count == 2 ? "the component `\(names[0])` contains itself" : "components contain each other in a cycle: \(path)",
                                       at: spans[0], label: "`\(users[0])` uses `\(names[1])` here",
                                       notes: ["the cycle is \(path); a component cannot contain itself, even through others"],
                                       help: ["break the cycle: remove one of these uses"])
                    for (i, span) in spans.enumerated().dropFirst() {
                        d = d.labeled(span, "`\(users[i])` uses `\(names[i + 1])` here")
                    }
                    out.append(d)
                default: break
                }
            }
            color[name] = 2
        }
        for name in table.byName.keys.sorted() where color[name] == nil {
            stack = [(name, nil)]
            visit(name)
        }
        return out
    }
}

extension Span {
    /// The span moved right by `n` bytes (clamped at its end).
    func shifted(_ n: Int) -> Span { Span(file: file, start: start + UInt32(n), end: end + UInt32(n)) }
}
