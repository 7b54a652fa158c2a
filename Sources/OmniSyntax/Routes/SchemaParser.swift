import OmniBase

/// The recovering parser of `<schema>` blocks: entities, their fields, types, validations and
/// defaults, and enums. Syntax only — whether `User` names a declared entity is the checker's job.
///
/// It reports every independent error (codes E0750–E0799, see `RoutesExplanations`) and
/// resynchronises at line breaks, `,` and braces. Grammar: `Grammar/routes.ebnf`.
public enum SchemaParser {
    /// The fields every entity has without declaring them.
    public static let implicitFields: [(name: String, type: ScalarType)] = [
        ("id", .int), ("createdAt", .datetime), ("updatedAt", .datetime),
    ]

    /// The keywords that start a declaration of a `<schema>` block.
    public static let keywords = ["entity", "enum"]

    /// Parses the body of a `<schema>` block: the bytes `range` of `file` (a `RawBlock`'s `body`).
    public static func parse(_ file: SourceFile, range: Range<Int>, ids: inout NodeIDGenerator) -> (SchemaBlock, [Diagnostic]) {
        let p = RoutesParserCore(file: file, range: range, ids: ids)
        let block = p.parseSchemaBlock()
        ids = p.ids
        return (block, p.finishedDiagnostics)
    }
}

extension RoutesParserCore {
    // MARK: - schema = { schema-item }

    func parseSchemaBlock() -> SchemaBlock {
        var items: [SchemaItem] = []
        while true {
            while eat(.comma) != nil || eat(.semicolon) != nil {}
            if atEnd { break }
            let start = pos
            if let item = parseSchemaItem() {
                items.append(item)
                if !atEnd, !current.newlineBefore, !at(.comma), !at(.semicolon) {
                    reportStray(after: "this declaration", separator: "a line break")
                    skipToLineEnd()
                }
            }
            if pos == start { skipOne() }
        }
        return SchemaBlock(items: items, span: Span(file: file.id, range))
    }

    /// Whether the current token starts a schema declaration (`entity Name`, `enum Name`).
    func atSchemaItemStart() -> Bool {
        (atWord("entity") || atWord("enum")) && peek().kind == .identifier
    }

    // MARK: schema-item = entity | enum

    func parseSchemaItem() -> SchemaItem? {
        let start = Int(current.span.start)
        guard current.kind == .identifier else {
            if at(.rBrace) {
                report(Diagnostic.error("E0754", "unexpected `}`", at: current.span, label: "nothing is open here")
                    .helping("remove this `}`"))
                advance()
                return nil
            }
            report(expected("`entity` or `enum`", code: "E0756"))
            skipToLineEnd()
            return nil
        }
        let word = text(current)
        switch word {
        case "entity": advance(); return parseEntity(start: start)
        case "enum": advance(); return parseEnum(start: start)
        default: break
        }
        if RoutesParser.keywords.contains(word) {
            report(Diagnostic.error("E0757", "`\(word)` belongs in a `<routes>` block", at: current.span,
                                    label: "not a schema declaration")
                .note("a `<schema>` block declares entities and enums; routes, scopes and pipelines go in `<routes>`"))
            skipToLineEnd()
            return SchemaItem(id: nextID(), kind: .error, span: span(start))
        }
        let keywordSpan = current.span
        if let s = Self.suggestion(for: word, in: SchemaParser.keywords), peek().kind == .identifier {
            report(Diagnostic.error("E0756", "unknown keyword `\(word)`", at: keywordSpan, label: "not a schema keyword")
                .helping("did you mean `\(s)`?").fixing(.replace(keywordSpan, with: s, "replace with `\(s)`")))
            advance()
            return s == "entity" ? parseEntity(start: start) : parseEnum(start: start)
        }
        if Self.isTypeName(word), peek().kind == .lBrace {
            report(Diagnostic.error("E0756", "expected `entity` or `enum`, found `\(word)`", at: keywordSpan,
                                    label: "a declaration starts with `entity` or `enum`")
                .fixing(.insert("entity ", at: keywordSpan, "declare an entity")))
            return parseEntity(start: start)
        }
        if peek().kind == .colon {
            report(Diagnostic.error("E0756", "a field outside of an entity", at: keywordSpan,
                                    label: "fields are declared inside `entity Name { … }`"))
        } else {
            report(expected("`entity` or `enum`", code: "E0756"))
        }
        skipToLineEnd()
        return SchemaItem(id: nextID(), kind: .error, span: span(start))
    }

    /// The name after `entity` or `enum`; reports a missing or lower-case name.
    func parseDeclarationName(_ what: String) -> Identifier {
        guard current.kind == .identifier, !at(.lBrace) else {
            report(expected("a name for the \(what)"))
            return Identifier("", span: prevEndPoint)
        }
        let name = identifier(advance())
        if !Self.isTypeName(name.name) {
            let fixed = name.name.prefix(1).uppercased() + name.name.dropFirst()
            report(Diagnostic.error("E0760", "\(what) name `\(name.name)` must start with an upper-case letter", at: name.span,
                                    label: "starts with a lower-case letter")
                .note("lower-case type names are the scalar types (`string`, `int`, …); \(what) names are UpperCamelCase")
                .fixing(.replace(name.span, with: fixed, "rename to `\(fixed)`")))
        }
        return name
    }

    // MARK: entity = "entity" , name , "{" , { field } , "}"

    func parseEntity(start: Int) -> SchemaItem {
        let name = parseDeclarationName("entity")
        guard let open = eat(.lBrace)?.span else {
            report(expected("`{` to start the fields of `\(name.name)`"))
            skipRestOfLine()
            return SchemaItem(id: nextID(), kind: .entity(EntityDecl(name: name, fields: [], openBrace: nil, closeBrace: nil)), span: span(start))
        }
        var fields: [FieldDecl] = []
        let close = parseBody(open: open, owner: "entity `\(name.name)`", memberName: "field",
                              isOuterStart: { $0.atSchemaItemStart() }) { p in
            if let f = p.parseField() { fields.append(f) }
        }
        checkFields(fields, entity: name.name)
        let decl = EntityDecl(name: name, fields: fields, openBrace: open, closeBrace: close)
        return SchemaItem(id: nextID(), kind: .entity(decl), span: span(start))
    }

    /// Reports duplicate fields (E0768) and declared implicit fields (E0769).
    func checkFields(_ fields: [FieldDecl], entity: String) {
        var seen: [String: Span] = [:]
        for f in fields where !f.name.name.isEmpty {
            if let implicit = SchemaParser.implicitFields.first(where: { $0.name == f.name.name }) {
                report(Diagnostic.error("E0769", "`\(f.name.name)` is an implicit field of every entity", at: f.name.span,
                                        label: "declared here")
                    .note("every entity has `id: int`, `createdAt: datetime` and `updatedAt: datetime`; omni fills them in")
                    .helping("remove this field; `\(implicit.name)` is always there as `\(implicit.type.rawValue)`")
                    .fixing(FixIt("remove the field", edits: [TextEdit(span: deletionSpan(f.span), replacement: "")])))
                continue
            }
            if let first = seen[f.name.name] {
                report(Diagnostic.error("E0768", "field `\(f.name.name)` is declared twice in `\(entity)`", at: f.name.span,
                                        label: "declared again here")
                    .labeled(first, "first declared here")
                    .helping("rename or remove one of them"))
            } else {
                seen[f.name.name] = f.name.span
            }
        }
    }

    // MARK: field = name , ":" , type , { validation } , [ "=" , literal ]

    func parseField() -> FieldDecl? {
        let start = Int(current.span.start)
        guard current.kind == .identifier else {
            report(expected("a field name"))
            skipToLineEnd(stopAt: [.comma, .semicolon])
            return nil
        }
        let name = identifier(advance())
        if eat(.colon) == nil {
            let canRecover = !current.newlineBefore && (current.kind == .identifier || at(.lBracket))
            report(Diagnostic.error("E0761", "expected `:` between the field name and its type, found \(current.describe(in: file))",
                                    at: name.span.endPoint, label: "expected `:` here")
                .note("a field is written `name: type`, as in `email: string @email`")
                .fixing(.insert(":", at: name.span.endPoint, "insert `:`")))
            if !canRecover {
                skipRestOfLine(stopAt: [.comma, .semicolon])
                let type = FieldType(id: nextID(), kind: .error, span: prevEndPoint)
                return FieldDecl(id: nextID(), name: name, type: type, validations: [], defaultValue: nil, span: span(start))
            }
        }
        let type = parseFieldType(forQueryParameter: false)
        var validations: [Validation] = []
        var defaultValue: Literal?
        var via: Identifier?
        while !current.newlineBefore || at(.at) {
            if at(.at) {
                if let v = parseValidation() { validations.append(v) }
            } else if current.kind == .identifier, text(current) == "via" {
                if let name = parseVia(type: type, previous: via) { via = name }
            } else if at(.equal) {
                let equal = advance()
                let value = parseDefaultValue(after: equal)
                if defaultValue != nil {
                    report(Diagnostic.error("E0767", "a field has one default value", at: value.span, label: "second default")
                        .helping("remove one of the `= …`"))
                } else {
                    defaultValue = value
                }
            } else {
                break
            }
        }
        checkValidations(validations)
        return FieldDecl(id: nextID(), name: name, type: type, validations: validations, defaultValue: defaultValue,
                         via: via, span: span(start))
    }

    /// `via name` after a field's type (E0787 when the name is missing, the type is not a
    /// to-many relation `[T]`, or a field has two).
    func parseVia(type: FieldType, previous: Identifier?) -> Identifier? {
        let before = prevEndPoint
        let keyword = advance()
        guard current.kind == .identifier, !current.newlineBefore else {
            report(Diagnostic.error("E0787", "expected the name of a field after `via`, found \(current.describe(in: file))",
                                    at: keyword.span.endPoint, label: "expected a field name")
                .note("`posts: [Post] via author` holds the posts whose `author` is this row"))
            return nil
        }
        let name = identifier(advance())
        let whole = keyword.span.merged(with: name.span)
        let removal = FixIt("remove it", edits: [TextEdit(span: before.merged(with: name.span), replacement: "")])
        if let previous {
            report(Diagnostic(.error, "E0787", "a to-many relation has one `via`", at: whole, label: "second `via`",
                              labels: [Label(previous.span, "first `via`")], fixes: [removal]))
            return nil
        }
        guard case .list = type.kind else {
            if case .error = type.kind { return nil }
            report(Diagnostic(.error, "E0787", "`via` belongs to a to-many relation (`[T]`)", at: whole, label: "not after a list type",
                              labels: [Label(type.span, "`\(file.text(type.span))` is not a to-many relation")],
                              notes: ["a to-one field is the foreign key itself; only `[T]` is read through another entity's field"],
                              fixes: [removal]))
            return nil
        }
        return name
    }

    /// The literal after `=`: a number, string, `true`/`false`, `null`, or a word (enum case, `now`, `uuid`).
    func parseDefaultValue(after equal: RoutesToken) -> Literal {
        if !current.newlineBefore, let value = parseLiteral() { return value }
        let d = (current.newlineBefore || atEnd
                 ? Diagnostic.error("E0767", "expected a default value after `=`", at: equal.span, label: "nothing follows this `=`")
                 : expected("a default value after `=`", code: "E0767"))
            .note("a default is a literal: `= 0`, `= \"draft\"`, `= false`, `= null`, an enum case (`= member`) or `= now`")
        report(d)
        if !current.newlineBefore { skipToLineEnd(stopAt: [.comma, .semicolon, .at]) }
        return Literal(id: nextID(), kind: .error, span: equal.span.endPoint)
    }

    // MARK: type = ( scalar-type | type-name | "[" , type-name , "]" ) , [ "?" ]

    /// A field type, or a query parameter's type (scalars only, E0785 otherwise).
    func parseFieldType(forQueryParameter: Bool) -> FieldType {
        let start = Int(current.span.start)
        var type: FieldType
        if let open = eat(.lBracket) {
            var inner: FieldType
            if at(.lBracket) {
                // Never recurses: nested lists are reported and skipped whole.
                let nestedStart = Int(current.span.start)
                skipOne()
                inner = FieldType(id: nextID(), kind: .error, span: span(nestedStart))
                report(Diagnostic.error("E0763", "lists of lists are not supported", at: inner.span, label: "a list inside a list")
                    .helping("use `json` for nested data"))
            } else if current.kind == .identifier {
                inner = parseFieldType(forQueryParameter: false)
            } else {
                report(expected("an entity name such as `Post`"))
                inner = FieldType(id: nextID(), kind: .error, span: prevEndPoint)
            }
            if eat(.rBracket) == nil { reportUnclosedDelimiter(open: open.span, close: "]", what: "the list type") }
            type = FieldType(id: nextID(), kind: .list(inner), span: span(start))
            switch inner.kind {
            case .optional:
                report(Diagnostic.error("E0763", "the entities of a list cannot be optional", at: inner.span, label: "remove this `?`")
                    .fixing(FixIt("remove the `?`", edits: [TextEdit(span: Span(file: file.id, start: inner.span.end - 1, end: inner.span.end), replacement: "")])))
            case .scalar(let s):
                report(Diagnostic.error("E0763", "a list field holds entities, not `\(s.rawValue)` values", at: type.span,
                                        label: "a to-many relation needs an entity")
                    .note("`[Post]` is a to-many relation; store a list of plain values in a `json` field")
                    .fixing(.replace(type.span, with: "json", "use `json`")))
            default: break
            }
        } else if current.kind == .identifier {
            let t = advance()
            let name = text(t)
            if let scalar = ScalarType(rawValue: name) {
                type = FieldType(id: nextID(), kind: .scalar(scalar), span: t.span)
            } else if Self.isTypeName(name) {
                type = FieldType(id: nextID(), kind: .named(identifier(t)), span: t.span)
            } else {
                var d = Diagnostic.error("E0762", "unknown type `\(name)`", at: t.span, label: "not a type")
                    .note("the scalar types are \(ScalarType.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")); entity and enum names start upper-case")
                if let alias = Self.typeAliases[name] {
                    d = d.helping("omni spells it `\(alias)`").fixing(.replace(t.span, with: alias, "replace with `\(alias)`"))
                } else {
                    d = withSuggestion(d, for: name, at: t.span, in: ScalarType.allCases.map(\.rawValue))
                }
                report(d)
                type = FieldType(id: nextID(), kind: .error, span: t.span)
            }
        } else {
            report(expected("a type such as `string`, `int` or an entity name"))
            if !current.newlineBefore, !Self.isCloser(current.kind), !at(.comma), !at(.at), !at(.equal), !atEnd { advance() }
            return FieldType(id: nextID(), kind: .error, span: span(start))
        }
        while let q = eat(.question) {
            if case .optional = type.kind {
                report(Diagnostic.error("E0763", "a type is optional once", at: q.span, label: "second `?`")
                    .fixing(FixIt("remove the `?`", edits: [TextEdit(span: q.span, replacement: "")])))
                continue
            }
            if case .list = type.kind, !forQueryParameter {
                report(Diagnostic.error("E0763", "a to-many relation cannot be optional", at: q.span, label: "remove this `?`")
                    .note("a list with no rows is empty, never absent")
                    .fixing(FixIt("remove the `?`", edits: [TextEdit(span: q.span, replacement: "")])))
                continue
            }
            type = FieldType(id: nextID(), kind: .optional(type), span: span(start))
        }
        if forQueryParameter { checkQueryParameterType(type) }
        return type
    }

    /// Common names of other languages for omni's scalar types.
    static let typeAliases: [String: String] = [
        "str": "string", "integer": "int", "number": "float", "double": "float", "boolean": "bool",
        "timestamp": "datetime", "time": "datetime", "varchar": "string",
    ]

    // MARK: validation = "@" , name , [ "(" , [ literal , { "," , literal } ] , ")" ]

    func parseValidation() -> Validation? {
        let atSign = advance()
        guard current.kind == .identifier, current.span.start == atSign.span.end else {
            report(expected("a validation name after `@`"))
            return nil
        }
        let nameToken = advance()
        let name = identifier(nameToken)
        let kind = ValidationKind(rawValue: name.name)
        if kind == nil {
            var d = Diagnostic.error("E0764", "unknown validation `@\(name.name)`", at: atSign.span.merged(with: name.span),
                                     label: "not a validation")
                .note("the validations are \(ValidationKind.allCases.map { "`@\($0.rawValue)`" }.joined(separator: ", "))")
            d = withSuggestion(d, for: name.name, at: name.span, in: ValidationKind.allCases.map(\.rawValue), quoted: { "`@\($0)`" })
            if d.fixes.isEmpty, let alias = Self.validationAliases[name.name] {
                d = d.helping(alias)
            }
            report(d)
        }
        var arguments: [Literal] = []
        var argumentsSpan: Span?
        if let open = eat(.lParen) {
            while !at(.rParen) && !atEnd && !(current.newlineBefore) {
                if let value = parseLiteral() {
                    arguments.append(value)
                } else {
                    report(expected("a number or a string"))
                    skipToLineEnd(stopAt: [.comma, .rParen])
                }
                if eat(.comma) == nil { break }
            }
            if eat(.rParen) == nil {
                reportUnclosedDelimiter(open: open.span, close: ")", what: "the arguments of `@\(name.name)`")
                if !current.newlineBefore { skipToLineEnd(stopAt: [.rParen]); _ = eat(.rParen) }
            }
            argumentsSpan = span(Int(open.span.start))
        }
        let whole = span(Int(atSign.span.start))
        if let kind { checkArguments(kind, arguments, argumentsSpan: argumentsSpan, whole: whole) }
        return Validation(id: nextID(), name: name, kind: kind, arguments: arguments, span: whole)
    }

    /// Names users reach for, with what omni offers instead.
    static let validationAliases: [String: String] = [
        "required": "fields are required unless their type ends in `?`",
        "optional": "make the type optional instead: `int?`",
        "default": "write a default after the validations: `published: bool = false`",
        "length": "use `@range(min, max)` for a length range, or `@min`/`@max`",
        "regex": "use `@pattern(\"…\")`",
    ]

    /// Checks a validation's argument count and kinds (E0765).
    func checkArguments(_ kind: ValidationKind, _ arguments: [Literal], argumentsSpan: Span?, whole: Span) {
        let parameters = kind.parameters
        let usage: String = switch kind {
        case .min: "`@min(2)`"
        case .max: "`@max(100)`"
        case .range: "`@range(0, 150)`"
        case .pattern: "`@pattern(\"^[a-z]+$\")`"
        default: "`@\(kind.rawValue)`"
        }
        if parameters.isEmpty {
            if let argumentsSpan {
                report(Diagnostic.error("E0765", "`@\(kind.rawValue)` takes no arguments", at: argumentsSpan, label: "remove these")
                    .fixing(FixIt("remove the arguments", edits: [TextEdit(span: argumentsSpan, replacement: "")])))
            }
            return
        }
        let described = parameters.map { "a \($0.rawValue)" }.joined(separator: " and ")
        guard arguments.count == parameters.count else {
            if arguments.contains(where: { $0.kind == .error }) { return }
            let n = parameters.count
            report(Diagnostic.error("E0765", "`@\(kind.rawValue)` takes \(n) argument\(n == 1 ? "" : "s") (\(described)), found \(arguments.count)",
                                    at: argumentsSpan ?? whole, label: "expected \(described)")
                .helping("write it as \(usage)"))
            return
        }
        for (argument, parameter) in zip(arguments, parameters) {
            let ok: Bool = switch (argument.kind, parameter) {
            case (.integer, .number), (.float, .number), (.string, .string), (.error, _): true
            default: false
            }
            if !ok {
                report(Diagnostic.error("E0765", "`@\(kind.rawValue)` expects \(described)", at: argument.span,
                                        label: "expected a \(parameter.rawValue)")
                    .helping("write it as \(usage)"))
            }
        }
        if kind == .range, case .some(let lo) = arguments.first.flatMap(Self.numericValue),
           case .some(let hi) = arguments.last.flatMap(Self.numericValue), lo > hi {
            report(Diagnostic.error("E0765", "`@range` is empty: its lower bound is above its upper bound", at: argumentsSpan ?? whole,
                                    label: "no value is in this range")
                .helping("swap the bounds")
                .fixing(FixIt("swap the bounds", edits: [TextEdit(span: arguments[0].span, replacement: file.text(arguments[1].span)),
                                                         TextEdit(span: arguments[1].span, replacement: file.text(arguments[0].span))])))
        }
    }

    static func numericValue(_ l: Literal) -> Double? {
        switch l.kind {
        case .integer(let i): Double(i)
        case .float(let f): f
        default: nil
        }
    }

    /// Reports a validation given twice on one field (E0766).
    func checkValidations(_ validations: [Validation]) {
        var seen: [ValidationKind: Span] = [:]
        for v in validations {
            guard let kind = v.kind else { continue }
            if let first = seen[kind] {
                report(Diagnostic.error("E0766", "`@\(kind.rawValue)` is given twice on this field", at: v.span, label: "repeated here")
                    .labeled(first, "first given here")
                    .fixing(FixIt("remove the repetition", edits: [TextEdit(span: deletionSpan(v.span), replacement: "")])))
            } else {
                seen[kind] = v.span
            }
        }
    }

    // MARK: enum = "enum" , name , "{" , case , { ( "," | line-break ) , case } , "}"

    func parseEnum(start: Int) -> SchemaItem {
        let name = parseDeclarationName("enum")
        guard let open = eat(.lBrace)?.span else {
            report(expected("`{` to start the cases of `\(name.name)`"))
            skipRestOfLine()
            return SchemaItem(id: nextID(), kind: .enumeration(EnumDecl(name: name, cases: [], openBrace: nil, closeBrace: nil)), span: span(start))
        }
        var cases: [EnumCase] = []
        var seen: [String: Span] = [:]
        let close = parseBody(open: open, owner: "enum `\(name.name)`", memberName: "case",
                              isOuterStart: { $0.atSchemaItemStart() }) { p in
            guard p.current.kind == .identifier else {
                p.report(p.expected("a case name"))
                p.skipToLineEnd(stopAt: [.comma, .semicolon])
                return
            }
            let caseName = p.identifier(p.advance())
            if let first = seen[caseName.name] {
                p.report(Diagnostic.error("E0768", "case `\(caseName.name)` is declared twice in `\(name.name)`", at: caseName.span,
                                          label: "declared again here").labeled(first, "first declared here"))
            } else {
                seen[caseName.name] = caseName.span
            }
            cases.append(EnumCase(id: p.nextID(), name: caseName))
        }
        if cases.isEmpty, close != nil {
            report(Diagnostic.error("E0770", "enum `\(name.name)` has no cases", at: name.span, label: "declared without cases")
                .helping("list its cases: `enum \(name.name) { first, second }`"))
        }
        let decl = EnumDecl(name: name, cases: cases, openBrace: open, closeBrace: close)
        return SchemaItem(id: nextID(), kind: .enumeration(decl), span: span(start))
    }
}
