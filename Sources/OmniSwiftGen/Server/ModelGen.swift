import OmniBase
import OmniSema
import OmniSyntax

/// Model types: one `enum Omni_<Enum>: String, OmniEnum` per schema enum and one
/// `struct Omni_<Entity>` per entity, holding its stored fields (implicit `id`, `createdAt`,
/// `updatedAt` first; a to-one relation `author` as `authorId`) and its relations when
/// loaded (`author: Omni_User?` out of line through `@OmniIndirect`, `posts: [Omni_Post]?`).
///
/// Each entity also gets `omni_columns` (its table's columns, in order), `omni_select`
/// (`SELECT <columns> FROM <table>`), `init(row:)` (decodes a row of those columns) and
/// `writeJSON(into:)` (its fields in declaration order; relations only when loaded; dates
/// as ISO-8601 text).
public enum ModelGen {
    public static func declarations(_ program: ServerProgram, sources: SourceMap?) -> [SwiftDecl] {
        var decls: [SwiftDecl] = []
        for e in program.enums {
            decls.append(.enum(SwiftTypeDecl(
                name: ServerNames.enumType(e.name),
                conformances: ["String", "CaseIterable", "Codable", "Sendable", "Hashable", "OmniEnum"],
                doc: "The schema enum `\(e.name)`: stored and sent as its case name.",
                note: sourceNote(e.span, sources)), cases: e.cases.map { SwiftEnumCase($0) }))
            decls.append(.blank)
        }
        for entity in program.entities {
            decls.append(model(entity, sources))
            decls.append(.blank)
        }
        if decls.last == .blank { decls.removeLast() }
        return decls
    }

    static func model(_ entity: CheckedEntity, _ sources: SourceMap?) -> SwiftDecl {
        let typeName = ServerNames.entityType(entity.name)
        var members: [SwiftDecl] = []
        for field in entity.fields {
            let note = field.isImplicit ? nil : sourceNote(field.span, sources)
            switch field.relation {
            case .toOne(let target):
                members.append(.property(SwiftProperty(
                    name: ServerSwiftTypes.storedName(field), isVar: true, type: ServerSwiftTypes.storedType(field),
                    doc: "The id of `\(field.name)` (column `\(field.column ?? "")`).", note: note)))
                var loaded = SwiftProperty(name: field.name, isVar: true, type: .optional(.named(ServerNames.entityType(target))),
                                           doc: "`\(field.name)`, when loaded with `.include(\(field.name))`.")
                loaded.attributes = ["@OmniIndirect"]
                members.append(.property(loaded))
            case .toMany(let target, _):
                members.append(.property(SwiftProperty(
                    name: field.name, isVar: true, type: .optional(.array(.named(ServerNames.entityType(target)))),
                    doc: "`\(field.name)`, when loaded with `.include(\(field.name))`.", note: note)))
            case nil:
                members.append(.property(SwiftProperty(name: field.name, isVar: true, type: ServerSwiftTypes.swiftType(field.type), note: note)))
            }
        }
        members.append(.blank)
        let stored = entity.storedFields
        members.append(.property(SwiftProperty(
            name: "omni_columns", isStatic: true, type: .array(.string),
            value: .array(stored.map { .string($0.column ?? $0.name) }),
            doc: "The columns of `\(entity.table)`, in order.")))
        members.append(.property(SwiftProperty(
            name: "omni_select", isStatic: true, type: .named("SQL"),
            value: .string("SELECT " + stored.map { quoted($0.column ?? $0.name) }.joined(separator: ", ") + " FROM " + quoted(entity.table)),
            doc: "`SELECT` of every column of `\(entity.table)`.")))
        members.append(.blank)
        members.append(.initializer(SwiftFunction(
            name: "init", params: [SwiftParam("row", "row", .named("Row"))], throws: true,
            body: rowInit(entity), doc: "Decodes a row of `omni_columns`; relations start unloaded.")))
        members.append(.blank)
        members.append(.function(SwiftFunction(
            name: "writeJSON", params: [SwiftParam("into", "w", .inout(.named("OmniJSONWriter")))],
            body: writeJSON(entity), doc: "Writes the fields in declaration order; relations only when loaded.")))
        return .struct(SwiftTypeDecl(
            name: typeName, conformances: ["Codable", "Sendable", "Hashable", "OmniJSONEncodable"], members: members,
            doc: "A row of `\(entity.table)`: the entity `\(entity.name)`.", note: sourceNote(entity.span, sources)))
    }

    static func rowInit(_ entity: CheckedEntity) -> [SwiftStmt] {
        var body: [SwiftStmt] = []
        for field in entity.fields {
            let property = SwiftExpr.member(.identifier("self"), ServerSwiftTypes.storedName(field))
            if let column = field.column {
                body.append(.assign(property, .try(G.call(.member(.identifier("row"), "decode"), [
                    (nil, .typeReference(ServerSwiftTypes.storedType(field))), (nil, .string(column)),
                ]))))
            }
            if field.relation != nil {
                body.append(.assign(.member(.identifier("self"), field.name), .nil))
            }
        }
        return body
    }

    static func writeJSON(_ entity: CheckedEntity) -> [SwiftStmt] {
        let w = SwiftExpr.identifier("w")
        var body: [SwiftStmt] = [.expr(G.call(.member(w, "beginObject")))]
        for field in entity.fields {
            let stored = ServerSwiftTypes.storedName(field)
            if field.column != nil {
                body.append(.expr(G.call(.member(w, "field"), [(nil, .string(stored)), (nil, .identifier(stored))])))
            }
            if field.relation != nil {
                body.append(.if([(.letBinding(field.name, .identifier(field.name)), [
                    .expr(G.call(.member(w, "field"), [(nil, .string(field.name)), (nil, .identifier(field.name))])),
                ])], else: nil))
            }
        }
        body.append(.expr(G.call(.member(w, "endObject"))))
        return body
    }
}
