// The structured output model of generated Swift (STYLE.md: "generated Swift built from a
// structured model … and printed by one renderer"). Code generators build these values;
// `SwiftRenderer` is the only place that turns them into text. Expressions are never
// assembled from strings: identifiers are validated, literals are escaped by the renderer.

/// Where a piece of generated code comes from, printed as a `// path:line` comment.
public struct SourceNote: Hashable, Sendable {
    public var path: String
    public var line: Int
    public init(path: String, line: Int) { self.path = path; self.line = line }
}

/// A Swift type reference: `Int`, `[String]`, `String?`, `Dictionary<String, Int>`.
public indirect enum SwiftType: Hashable, Sendable {
    /// A named type with optional generic arguments: `Int`, `Array<Int>`, `OmniHTTP.Request`.
    case named(String, [SwiftType] = [])
    /// `[T]`.
    case array(SwiftType)
    /// `[K: V]`.
    case dictionary(SwiftType, SwiftType)
    /// `T?`.
    case optional(SwiftType)
    /// `(A, B) async throws -> R`.
    case function([SwiftType], returns: SwiftType, isAsync: Bool = false, throws: Bool = false, sendable: Bool = false)
    /// `inout T` (parameters only).
    case `inout`(SwiftType)
    /// `some P`.
    case some(String)

    public static let int = SwiftType.named("Int")
    public static let int64 = SwiftType.named("Int64")
    public static let double = SwiftType.named("Double")
    public static let string = SwiftType.named("String")
    public static let bool = SwiftType.named("Bool")
    public static let void = SwiftType.named("Void")
}

/// A Swift expression.
public indirect enum SwiftExpr: Hashable, Sendable {
    /// A name: `count`, `self`, `OmniHTTP`.
    case identifier(String)
    /// `base.name`.
    case member(SwiftExpr, String)
    /// `.name` (implicit member).
    case implicitMember(String)
    /// `callee(label: arg, …)`, optionally with a trailing closure.
    case call(SwiftExpr, [SwiftArgument], trailingClosure: SwiftClosure? = nil)
    /// `base[index]`.
    case `subscript`(SwiftExpr, [SwiftArgument])
    /// A string literal, escaped by the renderer.
    case string(String)
    /// Literals: `42`, `1.5`, `true`, `nil`.
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case `nil`
    /// `[a, b]`.
    case array([SwiftExpr])
    /// `[k: v]`.
    case dictionary([(SwiftExpr, SwiftExpr)])
    /// `lhs op rhs`, e.g. `a + b`, `x == y`, `a ?? b`.
    case binary(SwiftExpr, String, SwiftExpr)
    /// `op operand`, e.g. `!ok`, `-x`.
    case prefix(String, SwiftExpr)
    /// `cond ? a : b`.
    case ternary(SwiftExpr, SwiftExpr, SwiftExpr)
    /// `try expr`, `try? expr`.
    case `try`(SwiftExpr, optional: Bool = false)
    /// `await expr`.
    case await(SwiftExpr)
    /// A closure `{ params in body }`.
    case closure(SwiftClosure)
    /// `(a, b)`.
    case tuple([SwiftExpr])
    /// `expr as T`, `expr as? T`.
    case cast(SwiftExpr, SwiftType, conditional: Bool)
    /// `(expr)`.
    case paren(SwiftExpr)
    /// `T.self`.
    case typeReference(SwiftType)
    /// `"a\(b)c"`: literal text and interpolated expressions, alternating.
    case interpolated([SwiftInterpolationPart])

    public static func == (a: SwiftExpr, b: SwiftExpr) -> Bool { SwiftRenderer.expression(a) == SwiftRenderer.expression(b) }
    public func hash(into hasher: inout Hasher) { hasher.combine(SwiftRenderer.expression(self)) }
}

public enum SwiftInterpolationPart: Hashable, Sendable {
    case text(String)
    case expr(SwiftExpr)
}

/// An argument: `label: value` or an unlabeled `value`.
public struct SwiftArgument: Hashable, Sendable {
    public var label: String?
    public var value: SwiftExpr
    public init(_ label: String? = nil, _ value: SwiftExpr) { self.label = label; self.value = value }
}

/// `{ [capture] (params) async throws -> R in statements }`.
public struct SwiftClosure: Hashable, Sendable {
    public var params: [String]
    public var body: [SwiftStmt]
    public var isAsync: Bool
    public init(params: [String] = [], body: [SwiftStmt], isAsync: Bool = false) {
        self.params = params; self.body = body; self.isAsync = isAsync
    }
}

/// A Swift statement.
public indirect enum SwiftStmt: Hashable, Sendable {
    /// `let name: T = value` / `var …`.
    case binding(isVar: Bool, name: String, type: SwiftType?, value: SwiftExpr?)
    /// `target = value`, `target += value`.
    case assign(SwiftExpr, op: String = "=", SwiftExpr)
    /// An expression statement.
    case expr(SwiftExpr)
    /// `return`, `return expr`.
    case `return`(SwiftExpr?)
    /// `if cond { … } else if … { … } else { … }`. Conditions may be `let x = y` via `.ifLet`.
    case `if`([(SwiftCondition, [SwiftStmt])], else: [SwiftStmt]?)
    /// `guard cond else { … }`.
    case `guard`(SwiftCondition, else: [SwiftStmt])
    /// `for name in sequence { … }`, or `for (i, x) in seq.enumerated()` with a tuple pattern.
    case forIn(pattern: String, SwiftExpr, [SwiftStmt])
    /// `while cond { … }`.
    case `while`(SwiftExpr, [SwiftStmt])
    /// `switch subject { case …: … default: … }`.
    case `switch`(SwiftExpr, [SwiftCase], default: [SwiftStmt]?)
    /// `throw expr`.
    case `throw`(SwiftExpr)
    /// `do { … } catch let name { … }`.
    case doCatch([SwiftStmt], catchName: String, [SwiftStmt])
    case `break`, `continue`
    /// A `// comment` line (never user text without escaping: newlines are split).
    case comment(String)
    /// A source note: `// path:line`.
    case note(SourceNote)
    /// A blank line, for readability.
    case blank

    public static func == (a: SwiftStmt, b: SwiftStmt) -> Bool { SwiftRenderer.statements([a]) == SwiftRenderer.statements([b]) }
    public func hash(into hasher: inout Hasher) { hasher.combine(SwiftRenderer.statements([self])) }
}

/// A condition of `if`/`guard`: a boolean expression or `let name = optional`.
public enum SwiftCondition: Hashable, Sendable {
    case expr(SwiftExpr)
    case letBinding(String, SwiftExpr)
}

/// One `case pattern:` of a switch; patterns are expressions (`.get`, `"GET"`, `1`).
public struct SwiftCase: Hashable, Sendable {
    public var patterns: [SwiftExpr]
    public var body: [SwiftStmt]
    public init(_ patterns: [SwiftExpr], _ body: [SwiftStmt]) { self.patterns = patterns; self.body = body }
}

/// A top-level or member declaration.
public indirect enum SwiftDecl: Hashable, Sendable {
    /// `import Module`.
    case `import`(String)
    /// `struct Name: Conformances { members }`.
    case `struct`(SwiftTypeDecl)
    /// `enum Name: Raw, Conformances { cases; members }`.
    case `enum`(SwiftTypeDecl, cases: [SwiftEnumCase])
    /// `extension Name: Conformances { members }`.
    case `extension`(SwiftTypeDecl)
    /// `func name(params) async throws -> R { body }`.
    case function(SwiftFunction)
    /// `let/var name: T = value` (stored or static property, or a global).
    case property(SwiftProperty)
    /// `init(params) { body }`.
    case initializer(SwiftFunction)
    /// `typealias Name = T`.
    case typeAlias(String, SwiftType, access: String?)
    /// Top-level statements (only in `main.swift`-style files).
    case statements([SwiftStmt])
    /// `// comment` lines above the next declaration.
    case comment(String)
    case blank
}

/// Shared shape of struct, enum and extension declarations.
public struct SwiftTypeDecl: Hashable, Sendable {
    public var name: String
    public var access: String?
    public var conformances: [String]
    public var members: [SwiftDecl]
    public var doc: String?
    public var note: SourceNote?
    public var attributes: [String]
    public init(name: String, access: String? = "public", conformances: [String] = [], members: [SwiftDecl] = [],
                doc: String? = nil, note: SourceNote? = nil, attributes: [String] = []) {
        self.name = name; self.access = access; self.conformances = conformances; self.members = members
        self.doc = doc; self.note = note; self.attributes = attributes
    }
}

/// `case name` / `case name = "raw"` / `case name(T)`.
public struct SwiftEnumCase: Hashable, Sendable {
    public var name: String
    public var rawValue: SwiftExpr?
    public var associated: [SwiftType]
    public init(_ name: String, rawValue: SwiftExpr? = nil, associated: [SwiftType] = []) {
        self.name = name; self.rawValue = rawValue; self.associated = associated
    }
}

/// A function parameter: `label name: Type = default`.
public struct SwiftParam: Hashable, Sendable {
    public var label: String?
    public var name: String
    public var type: SwiftType
    public var defaultValue: SwiftExpr?
    public init(_ label: String? = nil, _ name: String, _ type: SwiftType, default defaultValue: SwiftExpr? = nil) {
        self.label = label; self.name = name; self.type = type; self.defaultValue = defaultValue
    }
}

public struct SwiftFunction: Hashable, Sendable {
    public var name: String
    public var access: String?
    public var isStatic: Bool
    public var isMutating: Bool
    public var params: [SwiftParam]
    public var returns: SwiftType?
    public var isAsync: Bool
    public var `throws`: Bool
    public var body: [SwiftStmt]
    public var doc: String?
    public var note: SourceNote?
    public var attributes: [String]
    /// The error type of typed throws (`throws(OmniAPIError)`); nil for plain `throws`.
    public var thrownType: SwiftType? = nil
    public init(name: String, access: String? = "public", isStatic: Bool = false, isMutating: Bool = false, params: [SwiftParam] = [],
                returns: SwiftType? = nil, isAsync: Bool = false, throws: Bool = false, body: [SwiftStmt],
                doc: String? = nil, note: SourceNote? = nil, attributes: [String] = []) {
        self.name = name; self.access = access; self.isStatic = isStatic; self.isMutating = isMutating; self.params = params
        self.returns = returns; self.isAsync = isAsync; self.throws = `throws`; self.body = body
        self.doc = doc; self.note = note; self.attributes = attributes
    }
}

public struct SwiftProperty: Hashable, Sendable {
    public var name: String
    public var access: String?
    public var isStatic: Bool
    public var isVar: Bool
    public var type: SwiftType?
    public var value: SwiftExpr?
    public var doc: String?
    public var note: SourceNote?
    /// Attributes written before the declaration (`@OmniIndirect`).
    public var attributes: [String] = []
    public init(name: String, access: String? = "public", isStatic: Bool = false, isVar: Bool = false, type: SwiftType?,
                value: SwiftExpr? = nil, doc: String? = nil, note: SourceNote? = nil) {
        self.name = name; self.access = access; self.isStatic = isStatic; self.isVar = isVar; self.type = type
        self.value = value; self.doc = doc; self.note = note
    }
}

/// One generated `.swift` file.
public struct SwiftFile: Hashable, Sendable {
    /// Path inside the generated package, e.g. `Sources/App/Models.swift`.
    public var path: String
    /// A header comment (the renderer adds the "generated by omni" line).
    public var header: String
    public var declarations: [SwiftDecl]
    public init(path: String, header: String, declarations: [SwiftDecl]) {
        self.path = path; self.header = header; self.declarations = declarations
    }
}
