import OmniSema
import OmniSyntax

// The JSON Schemas of `openapi.json`: types, entities, their input shapes, pages and errors.

extension OpenAPIBuilder {
    /// The JSON Schema of a value of type `t` as it crosses the wire.
    func schema(_ t: ServerType) -> JSONDocument {
        switch t {
        case .scalar(let s): return OpenAPIBuilder.scalarSchema(s)
        case .enumeration(let name): return ref(name)
        case .entity(let name, let loaded):
            guard !loaded.isEmpty else { return ref(name) }
            return .object([("allOf", .array([ref(name), .object([("required", .array(loaded.map { .string($0) }))])]))])
        case .list(let element): return .object([("type", .string("array")), ("items", schema(element))])
        case .optional(let wrapped): return OpenAPIBuilder.nullable(schema(wrapped))
        case .record(let fields):
            var out: [(String, JSONDocument)] = [("type", .string("object"))]
            out.append(("properties", .object(fields.map { ($0.name, schema($0.type)) })))
            let required = fields.filter { !$0.type.isOptional }.map { JSONDocument.string($0.name) }
            if !required.isEmpty { out.append(("required", .array(required))) }
            return .object(out)
        case .error: return .object([])
        }
    }

    static func scalarSchema(_ s: ScalarType) -> JSONDocument {
        func typed(_ type: String, _ format: String? = nil) -> JSONDocument {
            var out: [(String, JSONDocument)] = [("type", .string(type))]
            if let format { out.append(("format", .string(format))) }
            return .object(out)
        }
        switch s {
        case .string, .text: return typed("string")
        case .int: return typed("integer", "int64")
        case .float: return typed("number", "double")
        case .bool: return typed("boolean")
        case .date: return typed("string", "date")
        case .datetime: return typed("string", "date-time")
        case .uuid: return typed("string", "uuid")
        case .json: return .object([])
        }
    }

    /// `schema` or `null`: `"type": ["string", "null"]` for a plain type, else `anyOf`.
    /// The empty schema (any value) already admits `null`.
    static func nullable(_ schema: JSONDocument) -> JSONDocument {
        guard case .object(var fields) = schema, !fields.isEmpty else { return schema }
        if let i = fields.firstIndex(where: { $0.0 == "type" }), case .string(let type) = fields[i].1,
           !fields.contains(where: { $0.0 == "enum" }) {
            fields[i].1 = .array([.string(type), .string("null")])
            return .object(fields)
        }
        return .object([("anyOf", .array([schema, .object([("type", .string("null"))])]))])
    }

    /// A default as JSON; nil for `now` and `uuid`, which the server computes.
    static func defaultJSON(_ value: DefaultValue) -> JSONDocument? {
        switch value {
        case .integer(let i): .int(i)
        case .float(let d): .double(d)
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .null: .null
        case .enumCase(let c): .string(c)
        case .now, .uuid: nil
        }
    }

    /// A property's schema: its type, then (for inputs) validations and default, then a note.
    func propertySchema(_ p: WireProperty, validate: Bool, withDefault: Bool) -> JSONDocument {
        let base = p.type.unwrapped
        var s = schema(base)
        if validate, case .scalar = base {
            for v in p.validations {
                switch v {
                case .minLength(let n): s = s.adding("minLength", .int(Int64(n)))
                case .maxLength(let n): s = s.adding("maxLength", .int(Int64(n)))
                case .minimum(let d): s = s.adding("minimum", .double(d))
                case .maximum(let d): s = s.adding("maximum", .double(d))
                case .email: s = s.adding("format", .string("email"))
                case .url: s = s.adding("format", .string("uri"))
                case .pattern(let pattern): s = s.adding("pattern", .string("^(?:" + pattern + ")$"))
                }
            }
        }
        if p.type.isOptional { s = OpenAPIBuilder.nullable(s) }
        if withDefault, let d = p.defaultValue.flatMap(OpenAPIBuilder.defaultJSON) { s = s.adding("default", d) }
        if let note = p.note ?? (withDefault ? p.defaultNote : nil) { s = s.adding("description", .string(note)) }
        return s
    }

    func objectSchema(_ properties: [WireProperty], description: String, required: Bool, validate: Bool, withDefault: Bool) -> JSONDocument {
        var out: [(String, JSONDocument)] = [("type", .string("object")), ("description", .string(description))]
        out.append(("properties", .object(properties.map { ($0.name, propertySchema($0, validate: validate, withDefault: withDefault)) })))
        let names = properties.filter(\.required).map { JSONDocument.string($0.name) }
        if required && !names.isEmpty { out.append(("required", .array(names))) }
        return .object(out)
    }

    // MARK: Components

    func components() -> JSONDocument {
        var schemas: [(String, JSONDocument)] = []
        for e in program.enums {
            schemas.append((e.name, .object([("type", .string("string")), ("enum", .array(e.cases.map { .string($0) }))])))
        }
        for entity in program.entities {
            schemas.append((entity.name, objectSchema(entity.wireProperties, description: "A row of `\(entity.table)`.",
                                                       required: true, validate: false, withDefault: false)))
            guard resourceEntities.contains(entity.name) else { continue }
            schemas.append((entity.name + "Input", objectSchema(entity.inputProperties,
                description: "The fields of a new `\(entity.name)` (create, and replace with PUT).",
                required: true, validate: true, withDefault: true)))
            schemas.append((entity.name + "Patch", objectSchema(entity.inputProperties,
                description: "The fields of an existing `\(entity.name)` to change (PATCH); the others keep their values.",
                required: false, validate: true, withDefault: false)))
            schemas.append((entity.name + "Page", .object([
                ("type", .string("object")),
                ("properties", .object([
                    ("data", .object([("type", .string("array")), ("items", ref(entity.name))])),
                    ("page", ref(shared("PageInfo"))),
                ])),
                ("required", .array([.string("data"), .string("page")])),
            ])))
        }
        let integer = JSONDocument.object([("type", .string("integer")), ("format", .string("int64"))])
        let string = JSONDocument.object([("type", .string("string"))])
        schemas.append((shared("PageInfo"), .object([
            ("type", .string("object")),
            ("properties", .object([
                ("limit", integer), ("offset", integer),
                ("total", integer.adding("description", .string("Rows matching the filters, on every page."))),
                ("nextCursor", .object([("type", .array([.string("string"), .string("null")])),
                                        ("description", .string("Pass as `cursor` for the next page; `null` on the last page."))])),
            ])),
            ("required", .array(["limit", "offset", "total", "nextCursor"].map { .string($0) })),
        ])))
        schemas.append((shared("ErrorDetail"), .object([
            ("type", .string("object")),
            ("properties", .object([
                ("field", string.adding("description", .string("The field or parameter at fault, when there is one."))),
                ("code", string), ("message", string),
            ])),
            ("required", .array([.string("code"), .string("message")])),
        ])))
        schemas.append((shared("Error"), errorSchema(details: .object([
            ("type", .array([.string("array"), .string("null")])), ("items", ref(shared("ErrorDetail"))),
        ]), required: ["code", "message"])))
        schemas.append((shared("FieldError"), .object([
            ("type", .string("object")),
            ("properties", .object([("field", string), ("code", string), ("message", string)])),
            ("required", .array([.string("field"), .string("code"), .string("message")])),
        ])))
        schemas.append((shared("ValidationError"), errorSchema(details: .object([
            ("type", .string("array")), ("items", ref(shared("FieldError"))),
            ("description", .string("Every field error at once.")),
        ]), required: ["code", "message", "details"])))

        var parts: [(String, JSONDocument)] = [("schemas", .object(schemas))]
        parts.append(("parameters", .object([
            ("limit", listParameter("limit", "Rows per page.", [("type", .string("integer")), ("minimum", .int(1)), ("maximum", .int(100)), ("default", .int(20))])),
            ("offset", listParameter("offset", "Rows to skip.", [("type", .string("integer")), ("minimum", .int(0)), ("default", .int(0))])),
            ("cursor", listParameter("cursor", "The `page.nextCursor` of the previous page.", [("type", .string("string"))])),
        ])))
        parts.append(("responses", .object([
            ("BadRequest", errorResponse("A parameter or the body is malformed; `details` names each bad parameter.")),
            ("Unauthorized", errorResponse("Missing or rejected credentials.")),
            ("NotFound", errorResponse("No such row.")),
            ("Conflict", errorResponse("The write conflicts with existing data (a `@unique` field).")),
            ("ValidationFailed", .object([
                ("description", .string("Validation failed (`validation_failed`); `details` lists every field error.")),
                ("content", jsonContent(ref(shared("ValidationError")))),
            ])),
            ("TooManyRequests", .object([
                ("description", .string("Rate limited (`rate_limited`).")),
                ("headers", .object([("Retry-After", .object([
                    ("description", .string("Seconds to wait.")), ("schema", .object([("type", .string("integer"))])),
                ]))])),
                ("content", jsonContent(ref(shared("Error")))),
            ])),
            ("InternalError", errorResponse("An unexpected error (`internal_error`); the message never leaks details.")),
        ])))
        if !usedSchemes.isEmpty {
            parts.append(("securitySchemes", .object(usedSchemes.map { scheme in
                let value: JSONDocument = switch scheme {
                case .bearer: .object([("type", .string("http")), ("scheme", .string("bearer"))])
                case .basic: .object([("type", .string("http")), ("scheme", .string("basic"))])
                case .session: .object([("type", .string("apiKey")), ("in", .string("cookie")), ("name", .string("omni_session"))])
                }
                return (OpenAPIBuilder.schemeName(scheme), value)
            })))
        }
        return .object(parts)
    }

    func errorSchema(details: JSONDocument, required: [String]) -> JSONDocument {
        let string = JSONDocument.object([("type", .string("string"))])
        return .object([
            ("type", .string("object")),
            ("properties", .object([("error", .object([
                ("type", .string("object")),
                ("properties", .object([("code", string), ("message", string), ("details", details)])),
                ("required", .array(required.map { .string($0) })),
            ]))])),
            ("required", .array([.string("error")])),
        ])
    }

    func errorResponse(_ description: String) -> JSONDocument {
        .object([("description", .string(description)), ("content", jsonContent(ref(shared("Error"))))])
    }

    func listParameter(_ name: String, _ description: String, _ schema: [(String, JSONDocument)]) -> JSONDocument {
        .object([("name", .string(name)), ("in", .string("query")), ("required", .bool(false)),
                 ("description", .string(description)), ("schema", .object(schema))])
    }
}

extension JSONDocument {
    /// An object with `key` set to `value` (replaced in place when present, else appended).
    func adding(_ key: String, _ value: JSONDocument) -> JSONDocument {
        guard case .object(var fields) = self else { return self }
        if let i = fields.firstIndex(where: { $0.0 == key }) { fields[i].1 = value } else { fields.append((key, value)) }
        return .object(fields)
    }
}
