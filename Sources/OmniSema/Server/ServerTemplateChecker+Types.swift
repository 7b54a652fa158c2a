import OmniBase
import OmniSyntax

// Type relations of template checking (docs/LANGUAGE.md, "Template checking"): how the
// contexts of several routes or call sites unify, which values a template may print,
// compare or pass to a component.

/// What `ServerTemplateChecker` knows about the schema and the project while it checks one
/// template body.
struct TemplateEnvironment {
    var entities: [String: CheckedEntity]
    var enums: [String: CheckedEnum]
    /// Every template, by project-relative path.
    var kinds: [String: TemplateKind]
    var components: TypedProgram

    init(entities: [CheckedEntity], enums: [CheckedEnum], kinds: [String: TemplateKind], components: TypedProgram) {
        var byName: [String: CheckedEntity] = [:]
        for e in entities where byName[e.name] == nil { byName[e.name] = e }
        var enumsByName: [String: CheckedEnum] = [:]
        for e in enums where enumsByName[e.name] == nil { enumsByName[e.name] = e }
        self.entities = byName; self.enums = enumsByName; self.kinds = kinds; self.components = components
    }

    /// Partial names as written in `{{> …}}` (`users/_row`), sorted.
    var partialNames: [String] {
        kinds.filter { $0.value == .partial }.keys.map(ServerTemplateChecker.partialName(of:)).sorted()
    }

    /// Layout names as written in `{{! layout: … }}` (`app`), sorted.
    var layoutNames: [String] {
        kinds.filter { $0.value == .layout }.keys.compactMap(ServerTemplateChecker.layoutName(of:)).sorted()
    }
}

extension ServerTemplateChecker {
    /// `templates/users/_row.html` → `users/_row`.
    static func partialName(of path: String) -> String {
        var name = path
        if name.hasPrefix("templates/") { name = String(name.dropFirst("templates/".count)) }
        if name.hasSuffix(".html") { name = String(name.dropLast(".html".count)) }
        return name
    }

    /// `templates/layouts/app.html` → `app`; nil for a path outside `templates/layouts/`.
    static func layoutName(of path: String) -> String? {
        let prefix = "templates/layouts/"
        guard path.hasPrefix(prefix), path.hasSuffix(".html") else { return nil }
        return String(path.dropFirst(prefix.count).dropLast(".html".count))
    }

    /// The type two contexts agree on, or nil when they cannot: the same type; an entity with
    /// the relations loaded in both; `T` and `T?` give `T?` (at the top level only); `.error`
    /// agrees with everything.
    static func join(_ a: ServerType, _ b: ServerType, topLevel: Bool = true) -> ServerType? {
        if a == b { return a }
        switch (a, b) {
        case (.error, _): return b
        case (_, .error): return a
        case (.entity(let n, let la), .entity(let m, let lb)) where n == m:
            return .entity(n, loaded: la.filter { lb.contains($0) })
        case (.list(let x), .list(let y)):
            return join(x, y, topLevel: false).map { .list($0) }
        case (.optional(let x), .optional(let y)):
            return join(x, y, topLevel: false).map { .optional($0) }
        case (.optional(let x), _) where topLevel:
            return join(x, b, topLevel: false).map { .optional($0) }
        case (_, .optional(let y)) where topLevel:
            return join(a, y, topLevel: false).map { .optional($0) }
        default:
            return nil
        }
    }

    /// Joins two field lists that name the same fields (in any order), keeping `a`'s order;
    /// nil when names differ or a type does not join.
    static func join(_ a: [ServerField], _ b: [ServerField]) -> [ServerField]? {
        guard Set(a.map(\.name)) == Set(b.map(\.name)), a.count == b.count else { return nil }
        var out: [ServerField] = []
        for f in a {
            guard let g = b.first(where: { $0.name == f.name }), let t = join(f.type, g.type) else { return nil }
            out.append(ServerField(name: f.name, type: t))
        }
        return out
    }

    /// `{ user: User, id: int }` for messages.
    static func describe(_ fields: [ServerField]) -> String {
        fields.isEmpty ? "nothing" : fields.map { "`\($0.name): \($0.type)`" }.joined(separator: ", ")
    }

    /// `` `a`, `b` and `c` `` for messages.
    static func list(_ names: [String]) -> String {
        let quoted = names.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.first ?? "nothing" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
    }
}

// MARK: - Values

/// How a helper argument is classified for comparisons.
enum TemplateValueClass: Equatable {
    case text, number, bool, date, other

    init(_ type: ServerType) {
        switch type {
        case .scalar(let s):
            switch s {
            case .string, .text, .uuid: self = .text
            case .int, .float: self = .number
            case .bool: self = .bool
            case .date, .datetime: self = .date
            default: self = .other
            }
        default: self = .other
        }
    }
}

extension ServerType {
    /// True for a type `{{x}}` prints: scalars and enums, possibly optional (null prints nothing).
    var isPrintable: Bool {
        switch self {
        case .scalar, .enumeration, .error: true
        case .optional(let t): t.isPrintable
        default: false
        }
    }

    /// True for `string`, `text` (possibly optional): what `{{{x}}}`, `upper` and `truncate` take.
    var isText: Bool {
        switch unwrapped {
        case .scalar(.string), .scalar(.text), .error: true
        default: false
        }
    }

    var isError: Bool { if case .error = self { true } else { false } }
}

extension ServerTemplateChecker {
    /// Whether a template value of `type` may be passed as a component prop of `prop` type.
    static func accepts(_ prop: SemaType, _ type: ServerType) -> Bool {
        if case .error = type { return true }
        switch prop {
        case .error: return true
        case .optional(let inner):
            if case .optional(let t) = type { return accepts(inner, t) }
            return accepts(inner, type)
        default: break
        }
        if case .optional = type { return false }
        switch (prop, type) {
        case (.number, .scalar(.int)), (.number, .scalar(.float)): return true
        case (.string, .scalar(.string)), (.string, .scalar(.text)), (.string, .scalar(.uuid)), (.string, .enumeration): return true
        case (.bool, .scalar(.bool)): return true
        default: return false
        }
    }

    /// Whether a prop type can be given at all from a template (scalars only).
    static func isPassable(_ prop: SemaType) -> Bool {
        switch prop {
        case .number, .string, .bool, .error: true
        case .optional(let t): isPassable(t)
        default: false
        }
    }
}
