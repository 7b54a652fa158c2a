import OmniBase

// The AST of a `<schema>` block (docs/LANGUAGE.md, "Schemas and routes"; Grammar/routes.ebnf).
// Syntax only: names of entities, enums and relations are resolved by the checker.

/// The declarations of one `<schema>` block.
public struct SchemaBlock: Hashable, Sendable {
    public var items: [SchemaItem]
    /// The block's body (between `<schema>` and `</schema>`).
    public var span: Span
    public init(items: [SchemaItem], span: Span) { self.items = items; self.span = span }

    /// The entities declared in this block, in source order.
    public var entities: [EntityDecl] {
        items.compactMap { if case .entity(let e) = $0.kind { e } else { nil } }
    }
    /// The enums declared in this block, in source order.
    public var enums: [EnumDecl] {
        items.compactMap { if case .enumeration(let e) = $0.kind { e } else { nil } }
    }
}

/// One declaration of a `<schema>` block.
public struct SchemaItem: Hashable, Sendable {
    public var id: NodeID
    public var kind: SchemaItemKind
    public var span: Span
    public init(id: NodeID, kind: SchemaItemKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public enum SchemaItemKind: Hashable, Sendable {
    /// `entity User { name: string @min(2) }`.
    case entity(EntityDecl)
    /// `enum Role { admin, member }`.
    case enumeration(EnumDecl)
    /// Text that could not be read as a declaration (an error was reported): `entitty User { … }`.
    case error
}

/// `entity Post { title: string @min(3)  author: User }`.
///
/// Every entity also has the implicit fields `id: int`, `createdAt: datetime` and
/// `updatedAt: datetime` (`SchemaParser.implicitFields`); they are not in `fields`.
public struct EntityDecl: Hashable, Sendable {
    public var name: Identifier
    public var fields: [FieldDecl]
    /// The `{` that opens the body.
    public var openBrace: Span?
    /// The `}` that closes the body, nil when it is missing (an error was reported).
    public var closeBrace: Span?
    public init(name: Identifier, fields: [FieldDecl], openBrace: Span?, closeBrace: Span?) {
        self.name = name; self.fields = fields; self.openBrace = openBrace; self.closeBrace = closeBrace
    }
}

/// `email: string @email @unique`, `published: bool = false`.
public struct FieldDecl: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    public var type: FieldType
    public var validations: [Validation]
    /// The value after `=`, if any.
    public var defaultValue: Literal?
    /// `via author` after a to-many type: the to-one field of the other entity whose rows
    /// these are (needed when several of its fields refer to this entity).
    public var via: Identifier?
    public var span: Span
    public init(id: NodeID, name: Identifier, type: FieldType, validations: [Validation], defaultValue: Literal?,
                via: Identifier? = nil, span: Span) {
        self.id = id; self.name = name; self.type = type; self.validations = validations
        self.defaultValue = defaultValue; self.via = via; self.span = span
    }
}

/// The type of a field or of a query parameter.
public struct FieldType: Hashable, Sendable {
    public var id: NodeID
    public var kind: FieldTypeKind
    public var span: Span
    public init(id: NodeID, kind: FieldTypeKind, span: Span) { self.id = id; self.kind = kind; self.span = span }

    /// The type under any `?`: `User` for `User?`.
    public var unwrapped: FieldType {
        if case .optional(let inner) = kind { inner.unwrapped } else { self }
    }
}

public indirect enum FieldTypeKind: Hashable, Sendable {
    /// A built-in scalar: `string`, `int`, `datetime`.
    case scalar(ScalarType)
    /// An entity (a to-one relation) or an enum, by name: `User`, `Role`.
    case named(Identifier)
    /// A to-many relation: `[Post]`.
    case list(FieldType)
    /// A value that may be absent: `int?`, `User?`.
    case optional(FieldType)
    /// A type that could not be read (an error was reported): `strng`.
    case error
}

/// The closed set of scalar field types and how each is stored.
public enum ScalarType: String, Hashable, Sendable, CaseIterable {
    /// `string` — short text (a `VARCHAR`); `@min`/`@max` bound its length.
    case string
    /// `text` — long text (a `TEXT`).
    case text
    /// `int` — a 64-bit signed integer.
    case int
    /// `float` — a 64-bit IEEE float.
    case float
    /// `bool` — `true` or `false`.
    case bool
    /// `date` — a calendar date without time (`2026-01-31`).
    case date
    /// `datetime` — an instant in UTC; `= now` defaults it to the time of insertion.
    case datetime
    /// `uuid` — a 128-bit UUID; `= uuid` defaults it to a fresh random UUID.
    case uuid
    /// `json` — any JSON value, stored as text and not validated beyond being JSON.
    case json

    /// Whether a query parameter may have this type (everything but `json`).
    public var isQueryParameterType: Bool { self != .json }
    /// Whether values of this type are compared as text (`@min`/`@max` bound the length).
    public var isText: Bool { self == .string || self == .text }
    /// Whether values of this type are numbers.
    public var isNumeric: Bool { self == .int || self == .float }
}

/// A validation attribute of a field: `@min(2)`, `@email`, `@pattern("^[a-z]+$")`.
public struct Validation: Hashable, Sendable {
    public var id: NodeID
    /// The name without its `@`.
    public var name: Identifier
    /// The validation the name stands for; nil when it is unknown (an error was reported).
    public var kind: ValidationKind?
    /// The literals inside `( … )`; empty when the parentheses are absent.
    public var arguments: [Literal]
    public var span: Span
    public init(id: NodeID, name: Identifier, kind: ValidationKind?, arguments: [Literal], span: Span) {
        self.id = id; self.name = name; self.kind = kind; self.arguments = arguments; self.span = span
    }
}

/// The closed set of validations, with the arguments each takes.
public enum ValidationKind: String, Hashable, Sendable, CaseIterable {
    /// `@min(n)` — at least `n` characters for text, at least `n` for numbers.
    case min
    /// `@max(n)` — at most `n` characters for text, at most `n` for numbers.
    case max
    /// `@range(a, b)` — `a ≤ value ≤ b` for numbers, a length in `a…b` for text.
    case range
    /// `@email` — a plausible e-mail address.
    case email
    /// `@url` — an absolute `http` or `https` URL.
    case url
    /// `@pattern("^[a-z0-9-]+$")` — the whole value matches the regular expression.
    case pattern
    /// `@unique` — no two rows share the value (a unique index; 409 on conflict).
    case unique
    /// `@index` — an index on the column, for fast filters and sorts.
    case index

    /// The kinds of argument the validation takes, in order.
    public var parameters: [ArgumentKind] {
        switch self {
        case .min, .max: [.number]
        case .range: [.number, .number]
        case .pattern: [.string]
        case .email, .url, .unique, .index: []
        }
    }

    /// What a validation argument must be.
    public enum ArgumentKind: String, Hashable, Sendable {
        case number, string
    }
}

/// `enum Role { admin, member }`.
public struct EnumDecl: Hashable, Sendable {
    public var name: Identifier
    public var cases: [EnumCase]
    public var openBrace: Span?
    public var closeBrace: Span?
    public init(name: Identifier, cases: [EnumCase], openBrace: Span?, closeBrace: Span?) {
        self.name = name; self.cases = cases; self.openBrace = openBrace; self.closeBrace = closeBrace
    }
}

/// One case of an enum: the `admin` of `enum Role { admin, member }`.
public struct EnumCase: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    public init(id: NodeID, name: Identifier) { self.id = id; self.name = name }
}

/// A literal value: a default (`= false`), a validation argument (`@max(100)`), a plug
/// argument (`rate_limit(100, per: minute)`) or a query operand (`published == true`).
public struct Literal: Hashable, Sendable {
    public var id: NodeID
    public var kind: LiteralKind
    public var span: Span
    public init(id: NodeID, kind: LiteralKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public enum LiteralKind: Hashable, Sendable {
    /// `42`, `-1`.
    case integer(Int64)
    /// `2.5`, `-0.5`, `1e3`.
    case float(Double)
    /// `"hello"`, with escapes decoded.
    case string(String)
    /// `true`, `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A bare word: an enum case (`= member`), `now`, `uuid`, or a plug option (`bearer`, `minute`).
    case word(String)
    /// A value that could not be read (an error was reported).
    case error
}
