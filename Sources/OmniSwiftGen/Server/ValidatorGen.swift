import OmniBase
import OmniSema
import OmniSyntax

/// Inputs and validators: per entity, `struct Omni_<Entity>Input` (every writable field as
/// `T?`, nil when the client did not send it — so an optional field is `T??`, `.some(nil)`
/// when sent as null; a to-one relation `author` is `authorId: Int64?`) and
/// `omni_validate_<Entity>(_ body: OmniBody, mode: OmniWriteMode) throws(OmniAPIError) -> Omni_<Entity>Input`,
/// which reads every field, applies the schema's rules and throws once with every error
/// (422): a missing required field (create and PUT), null for a non-optional field, a value
/// of the wrong type, an unknown enum case, `@min`/`@max`/`@range`, `@email`, `@url`,
/// `@pattern`, and fields the entity does not have.
public enum ValidatorGen {
    public static func declarations(_ program: ServerProgram, sources: SourceMap?) -> [SwiftDecl] {
        var decls: [SwiftDecl] = []
        for entity in program.entities {
            decls.append(input(entity, sources))
            decls.append(.blank)
            decls.append(validator(entity, sources))
            decls.append(.blank)
        }
        if decls.last == .blank { decls.removeLast() }
        return decls
    }

    /// The names a client may send for a field: `author` and `authorId` for a relation.
    static func names(_ field: CheckedField) -> (name: String, aliases: [String]) {
        if case .toOne = field.relation { return (field.name, [field.name + "Id"]) }
        return (field.name, [])
    }

    static func input(_ entity: CheckedEntity, _ sources: SourceMap?) -> SwiftDecl {
        var members: [SwiftDecl] = entity.writableFields.map { field in
            .property(SwiftProperty(name: ServerSwiftTypes.storedName(field), isVar: true,
                                    type: .optional(ServerSwiftTypes.storedType(field)), value: .nil))
        }
        members.append(.initializer(SwiftFunction(name: "init", body: [])))
        return .struct(SwiftTypeDecl(
            name: ServerNames.entityInputType(entity.name), conformances: ["Sendable", "Hashable"], members: members,
            doc: "What a client sent to create or update a `\(entity.name)`: nil for a field it did not send.",
            note: sourceNote(entity.span, sources)))
    }

    static func validator(_ entity: CheckedEntity, _ sources: SourceMap?) -> SwiftDecl {
        let fields = entity.writableFields
        let v = SwiftExpr.identifier("v")
        let allowed = fields.flatMap { [names($0).name] + names($0).aliases }
        var body: [SwiftStmt] = [
            fields.isEmpty
                ? G.letStmt("v", G.call("OmniValidator", [(nil, .identifier("body")), ("allowed", .array(allowed.map { .string($0) }))]))
                : G.varStmt("v", G.call("OmniValidator", [(nil, .identifier("body")), ("allowed", .array(allowed.map { .string($0) }))])),
            fields.isEmpty
                ? G.letStmt("input", G.call(ServerNames.entityInputType(entity.name)))
                : G.varStmt("input", G.call(ServerNames.entityInputType(entity.name))),
        ]
        for field in fields {
            if let note = sourceNote(field.span, sources) { body.append(.note(note)) }
            let (name, aliases) = names(field)
            var args: [(String?, SwiftExpr)] = [(nil, .string(name)), (nil, .typeReference(ServerSwiftTypes.valueType(field)))]
            let target = SwiftExpr.member(.identifier("input"), ServerSwiftTypes.storedName(field))
            if field.type.isOptional {
                if !aliases.isEmpty { args.append(("aliases", .array(aliases.map { .string($0) }))) }
                let rules = self.rules(field, value: .identifier("present"), name: name)
                var inner: [SwiftStmt] = []
                if !rules.isEmpty { inner.append(.if([(.letBinding("present", .identifier("value")), rules)], else: nil)) }
                inner.append(.assign(target, .identifier("value")))
                body.append(.if([(.letBinding("value", G.call(.member(v, "nullable"), args)), inner)], else: nil))
            } else {
                let required: SwiftExpr = field.defaultValue == nil ? .member(.identifier("mode"), "requiresAll") : .bool(false)
                args.append(("required", required))
                if !aliases.isEmpty { args.append(("aliases", .array(aliases.map { .string($0) }))) }
                let inner = rules(field, value: .identifier("value"), name: name) + [.assign(target, .identifier("value"))]
                body.append(.if([(.letBinding("value", G.call(.member(v, "value"), args)), inner)], else: nil))
            }
        }
        body.append(.expr(.try(G.call(.member(v, "finish")))))
        body.append(.return(.identifier("input")))
        var f = SwiftFunction(
            name: ServerNames.validator(entity.name),
            params: [SwiftParam(nil, "body", .named("OmniBody")), SwiftParam("mode", "mode", .named("OmniWriteMode"))],
            returns: .named(ServerNames.entityInputType(entity.name)), throws: true, body: body,
            doc: "Reads a `\(entity.name)` body and checks every field; throws 422 with every error.",
            note: sourceNote(entity.span, sources))
        f.thrownType = .named("OmniAPIError")
        return .function(f)
    }

    /// The checks of a field's validations on a present value.
    static func rules(_ field: CheckedField, value: SwiftExpr, name: String) -> [SwiftStmt] {
        let v = SwiftExpr.identifier("v")
        let scalar = ServerSwiftTypes.scalarType(field)
        let isText = scalar == .string || scalar == .text
        let isNumber = scalar == .int || scalar == .float
        let number: SwiftExpr = scalar == .float ? value : G.call("Double", [(nil, value)])
        var out: [SwiftStmt] = []
        for rule in field.validations {
            let call: SwiftExpr?
            switch rule {
            case .minLength(let n) where isText: call = G.call(.member(v, "minLength"), [(nil, .string(name)), (nil, value), (nil, .integer(n))])
            case .maxLength(let n) where isText: call = G.call(.member(v, "maxLength"), [(nil, .string(name)), (nil, value), (nil, .integer(n))])
            case .minimum(let n) where isNumber: call = G.call(.member(v, "minimum"), [(nil, .string(name)), (nil, number), (nil, .double(n))])
            case .maximum(let n) where isNumber: call = G.call(.member(v, "maximum"), [(nil, .string(name)), (nil, number), (nil, .double(n))])
            case .email where isText: call = G.call(.member(v, "email"), [(nil, .string(name)), (nil, value)])
            case .url where isText: call = G.call(.member(v, "url"), [(nil, .string(name)), (nil, value)])
            case .pattern(let p) where isText: call = G.call(.member(v, "pattern"), [(nil, .string(name)), (nil, value), (nil, .string(p))])
            default: call = nil
            }
            if let call { out.append(.expr(call)) }
        }
        return out
    }
}
