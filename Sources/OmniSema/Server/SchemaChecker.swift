import OmniBase
import OmniSyntax

/// Checks every `<schema>` block of the project and builds the checked entities and enums
/// (docs/LANGUAGE.md, "Schemas and routes"). The parser already reported syntax errors,
/// duplicate fields and cases (E0768), implicit fields (E0769), repeated validations (E0766)
/// and malformed validation arguments (E0765); this pass resolves names and types:
///
/// - E0420 an entity or enum name declared twice; E0430 a name with the reserved `omni` prefix;
/// - E0421 an unknown entity or enum; E0422 a to-many relation of something that is not an entity;
///   E0423 a to-many relation without exactly one inverse to-one field (and no `via`);
///   E0432 a `via` that does not name a to-one field of the other entity referring back;
/// - E0424 a validation that does not fit the field's type; E0425 validations that contradict
///   each other; E0426 a `@pattern` that is not a regular expression; E0429 `@unique`/`@index`
///   on a to-many relation;
/// - E0427 a default that does not fit the type; E0428 a default its own validations reject;
/// - E0431 two fields stored in the same column.
struct SchemaChecker {
    let schemas: [(file: FileID, block: SchemaBlock)]
    var entities: [CheckedEntity] = []
    var enums: [CheckedEnum] = []
    var diagnostics: [Diagnostic] = []

    /// Declarations by name (the first of each name).
    /// The names of the declared entities and enums (the first declaration of each).
    private var entityNames: Set<String> = []
    private var enumNames: Set<String> = []
    /// Every entity declaration kept for checking, in source order, with its file.
    private var ordered: [(file: FileID, decl: EntityDecl)] = []

    init(schemas: [(file: FileID, block: SchemaBlock)]) { self.schemas = schemas }

    mutating func run() {
        collectDeclarations()
        // Resolve every entity's field types first: inverses need the other entities' fields.
        var resolved: [[(decl: FieldDecl, type: ServerType)]] = []
        for (_, decl) in ordered {
            resolved.append(decl.fields.filter { !$0.name.name.isEmpty }.map { ($0, resolve($0.type)) })
        }
        for (index, (file, decl)) in ordered.enumerated() {
            entities.append(checkEntity(decl, file: file, fields: resolved[index], all: resolved))
        }
    }

    // MARK: Declarations

    private mutating func collectDeclarations() {
        var firstSpan: [String: (span: Span, kind: String)] = [:]
        for (file, block) in schemas {
            for item in block.items {
                let name: Identifier, kind: String
                switch item.kind {
                case .entity(let e): name = e.name; kind = "entity"
                case .enumeration(let e): name = e.name; kind = "enum"
                case .error: continue
                }
                guard !name.name.isEmpty else { continue }
                checkReservedName(name, what: kind)
                if let first = firstSpan[name.name] {
                    diagnostics.append(Diagnostic(
                        .error, "E0420", "`\(name.name)` is declared twice", at: name.span, label: "declared again here",
                        labels: [Label(first.span, "first declared here as \(first.kind == "entity" ? "an entity" : "an enum")")],
                        help: ["rename one of them; entity and enum names are unique across the project"]))
                    continue
                }
                firstSpan[name.name] = (name.span, kind)
                switch item.kind {
                case .entity(let e):
                    entityNames.insert(name.name)
                    ordered.append((file, e))
                case .enumeration(let e):
                    enumNames.insert(name.name)
                    enums.append(CheckedEnum(name: name.name, cases: e.cases.map(\.name.name).filter { !$0.isEmpty },
                                             file: file, span: name.span))
                case .error: break
                }
            }
        }
    }

    /// E0430: names starting with `omni` (any case) are reserved for generated declarations.
    private mutating func checkReservedName(_ name: Identifier, what: String) {
        guard name.name.lowercased().hasPrefix("omni") else { return }
        diagnostics.append(Diagnostic(
            .error, "E0430", "the \(what) name `\(name.name)` uses the reserved prefix `omni`", at: name.span,
            label: "reserved prefix",
            notes: ["omni names its generated declarations `Omni_…` and `omni_…`, so user names cannot start with `omni` in any case"],
            help: ["rename it, e.g. `\(Self.withoutReservedPrefix(name.name, upper: what != "field"))`"]))
    }

    static func withoutReservedPrefix(_ name: String, upper: Bool) -> String {
        var rest = String(name.dropFirst(4))
        while rest.hasPrefix("_") { rest.removeFirst() }
        if rest.isEmpty { return upper ? "App" : "app" }
        let first = upper ? rest.prefix(1).uppercased() : rest.prefix(1).lowercased()
        return first + rest.dropFirst()
    }

    // MARK: Types

    /// The names a field type may refer to, for did-you-mean.
    private var typeNames: [String] { Array(entityNames) + Array(enumNames) + ScalarType.allCases.map(\.rawValue) }

    /// Resolves a field type, reporting unknown names (E0421) and lists of non-entities (E0422).
    private mutating func resolve(_ type: FieldType) -> ServerType {
        switch type.kind {
        case .scalar(let s):
            return .scalar(s)
        case .named(let name):
            if entityNames.contains(name.name) { return .entity(name.name, loaded: []) }
            if enumNames.contains(name.name) { return .enumeration(name.name) }
            reportUnknownType(name)
            return .error
        case .optional(let inner):
            let t = resolve(inner)
            return t == .error ? .error : .optional(t)
        case .list(let inner):
            guard case .named(let name) = inner.kind else { return .error } // the parser reported it
            if entityNames.contains(name.name) { return .list(.entity(name.name, loaded: [])) }
            if enumNames.contains(name.name) {
                diagnostics.append(Diagnostic(
                    .error, "E0422", "`[\(name.name)]` is a list of enum values, but a list field is a to-many relation",
                    at: type.span, label: "`\(name.name)` is an enum, not an entity",
                    notes: ["`[Post]` relates rows of another entity; a field holds one enum value"],
                    help: ["hold one value with `\(name.name)`, or store several in a `json` field"],
                    fixes: [.replace(type.span, with: name.name, "hold one `\(name.name)`")]))
                return .error
            }
            reportUnknownType(name)
            return .error
        case .error:
            return .error
        }
    }

    private mutating func reportUnknownType(_ name: Identifier) {
        var d = Diagnostic(.error, "E0421", "unknown type `\(name.name)`", at: name.span, label: "no entity or enum has this name")
        if let match = EditDistance.bestMatch(for: name.name, in: typeNames) {
            d = d.suggesting(match, at: name.span)
        } else {
            d = d.helping("declare `entity \(name.name) { … }` or `enum \(name.name) { … }` in a `<schema>` block")
        }
        diagnostics.append(d)
    }

    // MARK: Entities

    private mutating func checkEntity(_ decl: EntityDecl, file: FileID, fields: [(decl: FieldDecl, type: ServerType)],
                                      all: [[(decl: FieldDecl, type: ServerType)]]) -> CheckedEntity {
        let name = decl.name.name
        var checked: [CheckedField] = [
            CheckedField(name: "id", type: .scalar(.int), column: "id", isImplicit: true, span: decl.name.span),
            CheckedField(name: "createdAt", type: .scalar(.datetime), column: "created_at", isImplicit: true, span: decl.name.span),
            CheckedField(name: "updatedAt", type: .scalar(.datetime), column: "updated_at", isImplicit: true, span: decl.name.span),
        ]
        var columns: [String: (span: Span, field: String)] = [:]
        for f in checked { if let c = f.column { columns[c] = (decl.name.span, f.name) } }
        for (field, declaredType) in fields {
            if SchemaParser.implicitFields.contains(where: { $0.name == field.name.name }) { continue } // E0769
            checkReservedName(field.name, what: "field")
            var type = declaredType
            var column: String? = ServerNaming.snakeCase(field.name.name)
            var relation: Relation?
            switch type.unwrapped {
            case .entity(let target, _):
                relation = .toOne(entity: target)
                column = ServerNaming.snakeCase(field.name.name) + "_id"
            case .list(.entity(let target, _)):
                column = nil
                if let inverse = findInverse(of: field, in: name, target: target, all: all) {
                    relation = .toMany(entity: target, inverse: inverse)
                } else {
                    type = .error
                }
            default:
                break
            }
            if let c = column {
                if let first = columns[c] {
                    diagnostics.append(Diagnostic(
                        .error, "E0431", "`\(field.name.name)` and `\(first.field)` are both stored in the column `\(c)`",
                        at: field.name.span, label: "stored in `\(c)`",
                        labels: [Label(first.span, first.span == decl.name.span ? "`\(first.field)` is an implicit field of `\(name)`" : "`\(first.field)` is stored in `\(c)`")],
                        notes: ["a to-one relation `author` is stored in the column `author_id`; other fields in their name in snake_case"],
                        help: ["rename one of the two fields"]))
                } else {
                    columns[c] = (field.name.span, field.name.name)
                }
            }
            let validations = checkValidations(field, type: type)
            let defaultValue = field.defaultValue.flatMap { checkDefault($0, of: field, type: type, validations: validations) }
            checked.append(CheckedField(
                name: field.name.name, type: type, column: column, relation: relation,
                validations: validations.normalised, defaultValue: defaultValue,
                isUnique: validations.unique, isIndexed: validations.index, span: field.name.span))
        }
        return CheckedEntity(name: name, table: ServerNaming.tableName(name), fields: checked, file: file, span: decl.name.span)
    }

    /// The to-one field of `target` that points back at `entity`: the one `via` names
    /// (E0432 unless it is such a field), else the only one; nil after E0423 or E0432.
    private mutating func findInverse(of field: FieldDecl, in entity: String, target: String,
                                      all: [[(decl: FieldDecl, type: ServerType)]]) -> String? {
        guard let index = ordered.firstIndex(where: { $0.decl.name.name == target }) else { return nil }
        let candidates = all[index].filter {
            if case .entity(let e, _) = $0.type.unwrapped { e == entity } else { false }
        }
        let targetSpan = ordered[index].decl.name.span
        if let via = field.via {
            if candidates.contains(where: { $0.decl.name.name == via.name }) { return via.name }
            let named = all[index].first { $0.decl.name.name == via.name }
            var d = Diagnostic(
                .error, "E0432",
                named == nil ? "`\(target)` has no field `\(via.name)`" : "`\(target).\(via.name)` does not refer to `\(entity)`",
                at: via.span, label: named == nil ? "no such field" : "not a to-one relation to `\(entity)`",
                labels: named.map { [Label($0.decl.type.span, "`\(via.name)` is \(ServerNaming.an($0.type))")] } ?? [Label(targetSpan, "declared here")],
                notes: ["`via` names the to-one field of `\(target)` (of type `\(entity)` or `\(entity)?`) that holds these rows"])
            let names = candidates.map(\.decl.name.name)
            if let match = EditDistance.bestMatch(for: via.name, in: names) {
                d = d.suggesting(match, at: via.span)
            } else if names.count == 1 {
                d = d.helping("`\(names[0])` is the one field of `\(target)` that refers to `\(entity)`")
                    .fixing(.replace(via.span, with: names[0], "read them through `\(names[0])`"))
            } else if names.isEmpty {
                d = d.helping("add a field such as `\(ServerNaming.lowerFirst(entity)): \(entity)` to `\(target)`")
            } else {
                d = d.helping("the fields of `\(target)` that refer to `\(entity)` are \(names.map { "`\($0)`" }.joined(separator: ", "))")
            }
            diagnostics.append(d)
            return nil
        }
        if candidates.count == 1 { return candidates[0].decl.name.name }
        if candidates.isEmpty {
            let suggested = ServerNaming.lowerFirst(entity)
            diagnostics.append(Diagnostic(
                .error, "E0423", "`\(field.name.name): [\(target)]` has no inverse: no field of `\(target)` refers to `\(entity)`",
                at: field.type.span, label: "a to-many relation",
                labels: [Label(targetSpan, "`\(target)` has no field of type `\(entity)`")],
                notes: ["the rows of a to-many relation are found through a to-one field of the other entity (its foreign key)"],
                help: ["add a field such as `\(suggested): \(entity)` to `\(target)`"]))
        } else {
            diagnostics.append(Diagnostic(
                .error, "E0423", "`\(field.name.name): [\(target)]` is ambiguous: several fields of `\(target)` refer to `\(entity)`",
                at: field.type.span, label: "which of them holds these rows?",
                labels: candidates.map { Label($0.decl.name.span, "`\($0.decl.name.name)` refers to `\(entity)`") },
                notes: ["the rows of a to-many relation are found through the to-one field of the other entity that points back"],
                help: ["name that field with `via`: `\(field.name.name): [\(target)] via \(candidates[0].decl.name.name)`"],
                fixes: candidates.map { .insert(" via \($0.decl.name.name)", at: field.type.span.endPoint, "read them through `\($0.decl.name.name)`") }))
        }
        return nil
    }
}

/// The names of tables and columns.
enum ServerNaming {
    /// `createdAt` → `created_at`, `BlogPost` → `blog_post`, `URLPath` → `url_path`.
    static func snakeCase(_ name: String) -> String {
        let chars = Array(name)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase {
                let prevLower = i > 0 && (chars[i - 1].isLowercase || chars[i - 1].isNumber)
                let nextLower = i + 1 < chars.count && chars[i + 1].isLowercase
                let prevUpper = i > 0 && chars[i - 1].isUppercase
                if i > 0 && chars[i - 1] != "_" && (prevLower || (prevUpper && nextLower)) { out.append("_") }
                out.append(contentsOf: c.lowercased())
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// `User` → `users`, `BlogPost` → `blog_posts`, `Category` → `categories`, `Address` → `addresses`.
    static func tableName(_ entity: String) -> String { pluralize(snakeCase(entity)) }

    static func pluralize(_ word: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if word.hasSuffix("y"), let before = word.dropLast().last, !vowels.contains(before) { return word.dropLast() + "ies" }
        for suffix in ["s", "x", "z", "ch", "sh"] where word.hasSuffix(suffix) { return word + "es" }
        return word + "s"
    }

    /// `` an `int` ``, `` a `string` ``: a type with its article, for messages.
    static func an(_ type: ServerType) -> String {
        let text = type.description
        let vowel = text.first.map { "aeioAEIO".contains($0) || ($0 == "u" || $0 == "U") && !text.lowercased().hasPrefix("uu") } ?? false
        return (vowel ? "an `" : "a `") + text + "`"
    }

    static func lowerFirst(_ name: String) -> String { name.prefix(1).lowercased() + name.dropFirst() }
}
