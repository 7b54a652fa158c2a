import OmniBase
import OmniSyntax

/// `where(…)` conditions: field paths through to-one relations (E0445, E0446), operand types
/// (E0447), comparisons with `null` (E0448) and expressions that are not conditions (E0449).
/// In a comparison the field is one side (usually the left); the other side is a value: a
/// literal, `now`, a list for `in`, or a parameter — there a bare name means a parameter.
extension RoutesChecker {
    /// A field path, or why a path of names is not one.
    enum PathResolution {
        case field(FieldPath)
        case failed(Diagnostic)
    }

    /// A resolved field path: `["author", "id"]`, its type (optional when any step is) and span.
    struct FieldPath {
        var names: [String]
        var type: ServerType
        var span: Span
    }

    mutating func checkCondition(_ e: QueryExpr, in entity: CheckedEntity, parameters: inout ParameterScope) -> QueryCondition? {
        switch e.kind {
        case .binary(.and, let l, let r), .binary(.or, let l, let r):
            let a = checkCondition(l, in: entity, parameters: &parameters)
            let b = checkCondition(r, in: entity, parameters: &parameters)
            guard let a, let b else { return nil }
            if case .binary(.and, _, _) = e.kind { return .and(a, b) }
            return .or(a, b)
        case .unary(.not, let inner):
            return checkCondition(inner, in: entity, parameters: &parameters).map { .not($0) }
        case .binary(let op, let l, let r):
            return checkComparison(op, l, r, whole: e, in: entity, parameters: &parameters)
        case .name(let n) where entity.field(named: n.name) == nil && !parameters.names.contains(n.name):
            diagnostics.append(unknownNameDiagnostic(n, parameters: parameters, fields: entity))
            return nil
        case .name, .member:
            guard let path = fieldPath(e, in: entity) else { return nil }
            if case .scalar(.bool) = path.type { return .isTrue(field: path.names) }
            if path.type == .error { return nil }
            var d = Diagnostic(.error, "E0449", "`\(path.names.joined(separator: "."))` is \(ServerNaming.an(path.type)), not a condition", at: e.span,
                               label: "not a `bool`")
            if case .scalar(.bool) = path.type.unwrapped {
                d = d.helping("it may be null: write `\(path.names.joined(separator: ".")) == true`")
                    .fixing(.insert(" == true", at: e.span.endPoint, "compare with `true`"))
            } else {
                d = d.helping("compare it with a value, e.g. `\(path.names.joined(separator: ".")) == …`")
            }
            diagnostics.append(d)
            return nil
        case .error:
            return nil
        default:
            diagnostics.append(Diagnostic(.error, "E0449", "this is not a condition on the rows of `\(entity.name)`", at: e.span,
                                          label: "not a condition",
                                          help: ["a condition compares a field with a value (`published == true`) or names a `bool` field"]))
            return nil
        }
    }

    /// Resolves `name` or `a.b.c` as fields of `entity`, through to-one relations only.
    /// Nil when it is not made of names; `.failed` when the names do not resolve.
    func resolvePath(_ e: QueryExpr, in entity: CheckedEntity) -> PathResolution? {
        switch e.kind {
        case .name(let n):
            guard let f = entity.field(named: n.name) else { return nil }
            return .field(FieldPath(names: [n.name], type: f.type, span: e.span))
        case .member(let base, let m):
            guard let baseResult = resolvePath(base, in: entity) else {
                if case .name(let n) = base.kind {
                    return .failed(unknownFieldDiagnostic(n, of: entity, candidates: entity.relationNames, what: "relation"))
                }
                return .failed(Diagnostic(.error, "E0446", "only fields and relations have fields", at: base.span, label: "not a field path",
                                           help: ["write a field path such as `author.id`"]))
            }
            guard case .field(let path) = baseResult else { return baseResult }
            if path.type == .error { return .field(FieldPath(names: path.names + [m.name], type: .error, span: e.span)) }
            guard case .entity(let target, _) = path.type.unwrapped, let related = self.entity(target) else {
                let shown = path.names.joined(separator: ".")
                if case .list = path.type.unwrapped {
                    return .failed(Diagnostic(.error, "E0446", "`\(shown)` is a to-many relation: a condition can only go through to-one relations",
                                               at: path.span, label: "a to-many relation (`\(path.type.unwrapped)`)",
                                               help: ["query the other entity and compare its to-one field instead"]))
                }
                return .failed(Diagnostic(.error, "E0446", "`\(shown)` is \(ServerNaming.an(path.type)), which has no field `\(m.name)`", at: m.span,
                                           label: "no such field", help: ["remove `.\(m.name)`"]))
            }
            guard let f = related.field(named: m.name) else {
                return .failed(unknownFieldDiagnostic(m, of: related, candidates: related.fields.map(\.name), what: "field"))
            }
            let type = path.type.isOptional && !f.type.isOptional && f.type != .error ? ServerType.optional(f.type) : f.type
            return .field(FieldPath(names: path.names + [m.name], type: type, span: e.span))
        default:
            return nil
        }
    }

    func unknownFieldDiagnostic(_ n: Identifier, of entity: CheckedEntity, candidates: [String], what: String) -> Diagnostic {
        var d = Diagnostic(.error, "E0445", "`\(entity.name)` has no \(what) `\(n.name)`", at: n.span, label: "not a \(what) of `\(entity.name)`")
        if let match = EditDistance.bestMatch(for: n.name, in: candidates) {
            d = d.suggesting(match, at: n.span)
        } else if candidates.isEmpty {
            d = d.helping("`\(entity.name)` has no \(what)s")
        } else {
            d = d.helping("the \(what)s of `\(entity.name)` are \(candidates.map { "`\($0)`" }.joined(separator: ", "))")
        }
        return d
    }

    /// A field path, reporting why when it is not one.
    private mutating func fieldPath(_ e: QueryExpr, in entity: CheckedEntity) -> FieldPath? {
        switch resolvePath(e, in: entity) {
        case .field(let p)?: return p
        case .failed(let d)?: diagnostics.append(d); return nil
        case nil: return nil
        }
    }

    // MARK: Comparisons

    private mutating func checkComparison(_ op: QueryBinaryOperator, _ l: QueryExpr, _ r: QueryExpr, whole: QueryExpr,
                                          in entity: CheckedEntity, parameters: inout ParameterScope) -> QueryCondition? {
        var op = op
        var fieldSide = l, valueSide = r
        let leftIsField = resolvePath(l, in: entity) != nil
        if !leftIsField, resolvePath(r, in: entity) != nil, let flipped = Self.flipped(op) {
            fieldSide = r; valueSide = l; op = flipped
        }
        guard resolvePath(fieldSide, in: entity) != nil else {
            if case .name(let n) = fieldSide.kind, !parameters.names.contains(n.name), n.name != "now" {
                diagnostics.append(unknownNameDiagnostic(n, parameters: parameters, fields: entity))
            } else if fieldSide.kind != .error {
                diagnostics.append(Diagnostic(.error, "E0449", "a comparison needs a field of `\(entity.name)` on one side", at: whole.span,
                                              label: "compares two values",
                                              help: ["compare a field with a value: `title == q`, `author.id == id`"]))
            }
            return nil
        }
        guard let path = fieldPath(fieldSide, in: entity) else { return nil }
        if path.type == .error { return nil }
        let shown = path.names.joined(separator: ".")
        let base = path.type.unwrapped
        switch base {
        case .list:
            diagnostics.append(Diagnostic(.error, "E0446", "`\(shown)` is a to-many relation, which cannot be compared", at: path.span,
                                          label: "a list of rows", help: ["query the other entity instead, through its to-one field"]))
            return nil
        case .entity:
            diagnostics.append(Diagnostic(.error, "E0446", "`\(shown)` is a relation: compare its `id`", at: path.span,
                                          label: "a relation", help: ["write `\(shown).id`"],
                                          fixes: [.insert(".id", at: path.span.endPoint, "compare `\(shown).id`")]))
            return nil
        case .scalar(.json):
            diagnostics.append(Diagnostic(.error, "E0447", "the `json` field `\(shown)` cannot be compared", at: path.span,
                                          label: "a `json` field", help: ["filter on a field of another type"]))
            return nil
        default:
            break
        }
        switch op {
        case .contains, .startsWith, .endsWith:
            guard case .scalar(let s) = base, s.isText else {
                diagnostics.append(Diagnostic(.error, "E0447", "`\(op.rawValue)` works on text, but `\(shown)` is \(ServerNaming.an(path.type))", at: whole.span,
                                              label: "not text", labels: [Label(path.span, "\(ServerNaming.an(path.type))")],
                                              help: ["compare it with `==`, `<` or `in` instead"]))
                return nil
            }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let orderable: Bool = if case .scalar(let s) = base { s.isText || s.isNumeric || s == .date || s == .datetime } else { false }
            guard orderable else {
                diagnostics.append(Diagnostic(.error, "E0447", "`\(op.rawValue)` orders numbers, text and dates, but `\(shown)` is \(ServerNaming.an(path.type))",
                                              at: whole.span, label: "cannot be ordered", labels: [Label(path.span, "\(ServerNaming.an(path.type))")],
                                              help: ["compare it with `==`, `!=` or `in`"]))
                return nil
            }
        case .in:
            guard case .list(let elements) = valueSide.kind else {
                if valueSide.kind != .error {
                    diagnostics.append(Diagnostic(.error, "E0447", "`in` takes a list of values", at: valueSide.span, label: "not a list",
                                                  help: ["write the values in brackets: `\(shown) in [\"a\", \"b\"]`, or compare with `==`"]))
                }
                return nil
            }
            var values: [QueryOperand] = []
            for element in elements {
                guard let v = operand(element, against: path, op: .equal, in: entity, parameters: &parameters) else { return nil }
                values.append(v)
            }
            return .compare(field: path.names, op: .in, operand: .list(values))
        default:
            break
        }
        if case .literal(.null) = valueSide.kind {
            guard op == .equal || op == .notEqual else {
                diagnostics.append(Diagnostic(.error, "E0448", "`null` can only be compared with `==` or `!=`", at: valueSide.span,
                                              label: "`null` here", help: ["write `\(shown) == null` or `\(shown) != null`"]))
                return nil
            }
            guard path.type.isOptional else {
                diagnostics.append(Diagnostic(.error, "E0448", "`\(shown)` is never null: it is \(ServerNaming.an(path.type))", at: whole.span,
                                              label: "always \(op == .equal ? "false" : "true")",
                                              labels: [Label(path.span, "\(ServerNaming.an(path.type)), not optional")],
                                              help: ["remove this comparison, or make the field optional (`\(path.type)?`)"]))
                return nil
            }
            return .compare(field: path.names, op: op, operand: .literal(.null))
        }
        guard let value = operand(valueSide, against: path, op: op, in: entity, parameters: &parameters) else { return nil }
        return .compare(field: path.names, op: op, operand: value)
    }

    static func flipped(_ op: QueryBinaryOperator) -> QueryBinaryOperator? {
        switch op {
        case .equal, .notEqual: op
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: nil
        }
    }

    /// The value side of a comparison with `path`, checked against the field's type (E0447).
    private mutating func operand(_ e: QueryExpr, against path: FieldPath, op: QueryBinaryOperator, in entity: CheckedEntity,
                                  parameters: inout ParameterScope) -> QueryOperand? {
        let shown = path.names.joined(separator: ".")
        let base = path.type.unwrapped
        func mismatch(_ what: String, help: String, fix: FixIt? = nil) -> QueryOperand? {
            var d = Diagnostic(.error, "E0447", "`\(shown)` is \(ServerNaming.an(path.type)), but it is compared with \(what)", at: e.span,
                               label: "\(what)", labels: [Label(path.span, "\(ServerNaming.an(path.type))")], help: [help])
            if let fix { d = d.fixing(fix) }
            diagnostics.append(d)
            return nil
        }
        switch e.kind {
        case .literal(let literal):
            switch (base, literal) {
            case (.scalar(.int), .integer(let i)): return .literal(.integer(i))
            case (.scalar(.float), .integer(let i)): return .literal(.float(Double(i)))
            case (.scalar(.float), .float(let f)): return .literal(.float(f))
            case (.scalar(let s), .string(let v)) where s.isText: return .literal(.string(v))
            case (.scalar(.bool), .bool(let b)): return .literal(.bool(b))
            case (.enumeration(let name), .string(let v)):
                let cases = enums.first { $0.name == name }?.cases ?? []
                if cases.contains(v) { return .literal(.enumCase(v)) }
                if let match = EditDistance.bestMatch(for: v, in: cases) {
                    return mismatch("`\"\(v)\"`, which is not a case of `\(name)`", help: "did you mean `\"\(match)\"`?",
                                    fix: .replace(e.span, with: "\"\(match)\"", "replace with `\"\(match)\"`"))
                }
                return mismatch("`\"\(v)\"`, which is not a case of `\(name)`",
                                help: "the cases of `\(name)` are \(cases.map { "`\"\($0)\"`" }.joined(separator: ", "))")
            case (.enumeration(let name), _):
                return mismatch(SchemaChecker.describe(literal), help: "compare it with one of its cases as a string: `\(shown) == \"\(enums.first { $0.name == name }?.cases.first ?? "case")\"`")
            case (.scalar(.date), _), (.scalar(.datetime), _):
                return mismatch(SchemaChecker.describe(literal), help: "compare a date with `now` or with a `\(base)` parameter")
            case (.scalar(.uuid), _):
                return mismatch(SchemaChecker.describe(literal), help: "compare a `uuid` with a `uuid` parameter")
            case (.scalar(let s), _):
                return mismatch(SchemaChecker.describe(literal), help: SchemaChecker.example(of: s))
            default:
                return nil
            }
        case .name(let n) where !parameters.names.contains(n.name) && n.name == "now":
            if case .scalar(let s) = base, s == .date || s == .datetime { return .literal(.now) }
            return mismatch("`now`, a `datetime`", help: "`now` is the current time: compare it with `date` and `datetime` fields")
        case .name(let n) where !parameters.names.contains(n.name):
            if resolvePath(e, in: entity) != nil {
                return mismatch("the field `\(n.name)`", help: "compare a field with a value: a literal or a parameter; comparing two fields is not supported")
            }
            var extra: [String] = []
            if case .scalar(let s) = base, s == .date || s == .datetime { extra = ["now"] }
            diagnostics.append(unknownNameDiagnostic(n, parameters: parameters, fields: nil, extra: extra))
            return nil
        case .name(let n), .parameter(let n):
            return parameterOperand(n, against: path, op: op, parameters: &parameters)
        case .member:
            return mismatch("another field", help: "compare a field with a value: a literal or a parameter; comparing two fields is not supported")
        case .list:
            return mismatch("a list", help: "a list goes with `in`: `\(shown) in [...]`")
        case .error:
            return nil
        default:
            return mismatch("an expression", help: "compare it with a literal or a parameter")
        }
    }

    /// A parameter on the value side: a path parameter takes its type from the field (`int`
    /// for `int` fields, else `string`); a query parameter's declared type must fit (E0447).
    private mutating func parameterOperand(_ n: Identifier, against path: FieldPath, op: QueryBinaryOperator,
                                           parameters: inout ParameterScope) -> QueryOperand? {
        let shown = path.names.joined(separator: ".")
        let base = path.type.unwrapped
        let isPath = parameters.query.first { $0.name == n.name } == nil
        if isPath, parameters.path.contains(where: { $0.name == n.name }) {
            let fits: Bool = switch base {
            case .scalar(let s): s == .int || s.isText || s == .uuid
            case .enumeration: true
            default: false
            }
            guard fits else {
                parameters.markUsed(n.name)
                diagnostics.append(Diagnostic(
                    .error, "E0447", "the path parameter `\(n.name)` cannot be compared with `\(shown)`, \(ServerNaming.an(path.type))", at: n.span,
                    label: "a path parameter", labels: [Label(path.span, "\(ServerNaming.an(path.type))")],
                    notes: ["path parameters are `int` (compared with `int` fields, passed to `find`) or `string`"],
                    help: ["declare a query parameter of type `\(base)` instead: `(\(n.name): \(base))`"]))
                return nil
            }
        }
        let want: ScalarType = if case .scalar(.int) = base { .int } else { .string }
        guard let type = parameterType(n, wanting: want, use: "the comparison with `\(shown)`", parameters: &parameters) else { return nil }
        if Self.compatible(field: base, parameter: type.unwrapped) { return .parameter(n.name, type) }
        diagnostics.append(Diagnostic(
            .error, "E0447", "`\(shown)` is \(ServerNaming.an(path.type)), but the parameter `\(n.name)` is \(ServerNaming.an(type))", at: n.span,
            label: "\(ServerNaming.an(type))", labels: [Label(path.span, "\(ServerNaming.an(path.type))")],
            help: [isPath ? "a `*` parameter is text: compare it with a text field" : "declare `\(n.name)` as `\(base)`"]))
        return nil
    }

    static func compatible(field: ServerType, parameter: ServerType) -> Bool {
        if case .enumeration = parameter { return field == parameter }
        guard case .scalar(let p) = parameter else { return parameter == .error }
        switch field {
        case .scalar(let f):
            if f == p { return true }
            if f.isText && p.isText { return true }
            if f.isNumeric && p.isNumeric { return true }
            if (f == .date || f == .datetime) && (p == .date || p == .datetime) { return true }
            return f == .uuid && p.isText
        case .enumeration:
            return p.isText
        default:
            return false
        }
    }
}
