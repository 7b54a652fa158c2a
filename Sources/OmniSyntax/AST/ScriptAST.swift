import OmniBase

// The AST of the script language (docs/LANGUAGE.md, "Script"): a small, statically typed
// subset of TypeScript. Every node carries a span and a NodeID.

/// An expression. `kind` says which; `span` covers all of its source text.
public struct Expr: Hashable, Sendable {
    public var id: NodeID
    public var kind: ExprKind
    public var span: Span
    public init(id: NodeID, kind: ExprKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public indirect enum ExprKind: Hashable, Sendable {
    /// A number literal: `42`, `3.5`, `1e3`, `0xff`, `1_000`.
    case number(Double)
    /// A string literal, already unescaped: `"hi"`, `'hi'`.
    case string(String)
    /// A template literal: `` `Hello ${name}!` ``. `quasis.count == exprs.count + 1`.
    case template(quasis: [String], exprs: [Expr])
    /// `true` or `false`.
    case bool(Bool)
    /// `null` (also written `undefined`).
    case null
    /// A name: `count`, `props`.
    case identifier(String)
    /// An array literal: `[1, 2, ...rest]`.
    case array([ArrayElement])
    /// An object literal: `{ a: 1, b, ...rest }`.
    case object([ObjectProperty])
    /// A prefix operator: `-x`, `!ok`, `typeof x`, `++i`.
    case unary(UnaryOperator, Expr, opSpan: Span)
    /// A postfix update: `i++`, `i--`.
    case postfix(PostfixOperator, Expr, opSpan: Span)
    /// A binary operator: `a + b`, `a && b`, `a ?? b`, `x in o`.
    case binary(BinaryOperator, Expr, Expr, opSpan: Span)
    /// An assignment: `x = 1`, `n += 2`, `a ??= b`.
    case assign(AssignmentOperator, target: Expr, value: Expr, opSpan: Span)
    /// A conditional: `ok ? a : b`.
    case conditional(Expr, then: Expr, else: Expr)
    /// A call: `f(a, ...rest)`, `x?.(a)`.
    case call(callee: Expr, arguments: [ArrayElement], optional: Bool)
    /// A member access: `a.b`, `a?.b`.
    case member(Expr, name: Identifier, optional: Bool)
    /// An index access: `a[i]`, `a?.[i]`.
    case index(Expr, Expr, optional: Bool)
    /// An arrow function: `(x: number) => x * 2`, `() => { … }`.
    case arrow(FunctionSignature, ArrowBody)
    /// A function expression: `function (x) { return x }`.
    case function(name: Identifier?, FunctionSignature, body: [Stmt])
    /// A parenthesised expression: `(a + b)`. Kept so spans and printing stay faithful.
    case paren(Expr)
    /// A type assertion: `x as number`.
    case asType(Expr, TypeExpr)
    /// A non-null assertion: `x!`.
    case nonNull(Expr)
    /// A comma sequence: `a, b` (only inside parentheses or `for` heads).
    case sequence([Expr])
    /// Stands where the parser could not read an expression; an error was reported there.
    case error
}

/// One element of an array literal or argument list: `x` or `...xs`.
public struct ArrayElement: Hashable, Sendable {
    public var value: Expr
    public var spread: Bool
    public var span: Span
    public init(value: Expr, spread: Bool, span: Span) { self.value = value; self.spread = spread; self.span = span }
}

/// One property of an object literal.
public struct ObjectProperty: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `name: value`, `"quoted key": value`, or shorthand `name` (value is the identifier).
        case keyValue(key: Identifier, value: Expr, shorthand: Bool)
        /// `[expr]: value`.
        case computed(key: Expr, value: Expr)
        /// `...expr`.
        case spread(Expr)
        /// `name(params) { body }`.
        case method(key: Identifier, FunctionSignature, body: [Stmt])
    }
    public var kind: Kind
    public var span: Span
    public init(kind: Kind, span: Span) { self.kind = kind; self.span = span }
}

/// The parameters and optional return type of a function or arrow.
public struct FunctionSignature: Hashable, Sendable {
    public var params: [Param]
    public var returnType: TypeExpr?
    public var span: Span
    public init(params: [Param], returnType: TypeExpr?, span: Span) { self.params = params; self.returnType = returnType; self.span = span }
}

/// A parameter: `x`, `x: number`, `x = 1`, `x?: string`, `...rest: number[]`.
public struct Param: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    public var type: TypeExpr?
    public var defaultValue: Expr?
    public var optional: Bool
    public var rest: Bool
    public var span: Span
    public init(id: NodeID, name: Identifier, type: TypeExpr?, defaultValue: Expr?, optional: Bool, rest: Bool, span: Span) {
        self.id = id; self.name = name; self.type = type; self.defaultValue = defaultValue
        self.optional = optional; self.rest = rest; self.span = span
    }
}

/// The body of an arrow: an expression (`x => x + 1`) or a block (`x => { return x }`).
public indirect enum ArrowBody: Hashable, Sendable {
    case expression(Expr)
    case block([Stmt], span: Span)
}

public enum UnaryOperator: String, Hashable, Sendable, CaseIterable {
    case negate = "-", plus = "+", not = "!", bitNot = "~"
    case typeof = "typeof", void = "void", delete = "delete", await = "await"
    case preIncrement = "++", preDecrement = "--"
}

public enum PostfixOperator: String, Hashable, Sendable, CaseIterable {
    case increment = "++", decrement = "--"
}

/// Binary operators, with TypeScript's precedence (higher binds tighter).
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case nullish = "??"
    case or = "||"
    case and = "&&"
    case bitOr = "|"
    case bitXor = "^"
    case bitAnd = "&"
    case equal = "==", notEqual = "!=", strictEqual = "===", strictNotEqual = "!=="
    case less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">="
    case instanceof = "instanceof", `in` = "in"
    case shiftLeft = "<<", shiftRight = ">>", unsignedShiftRight = ">>>"
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", remainder = "%"
    case power = "**"

    /// TypeScript's precedence levels (ECMAScript table): `??` 4 … `**` 13.
    public var precedence: Int {
        switch self {
        case .nullish: 4
        case .or: 4
        case .and: 5
        case .bitOr: 6
        case .bitXor: 7
        case .bitAnd: 8
        case .equal, .notEqual, .strictEqual, .strictNotEqual: 9
        case .less, .greater, .lessEqual, .greaterEqual, .instanceof, .in: 10
        case .shiftLeft, .shiftRight, .unsignedShiftRight: 11
        case .add, .subtract: 12
        case .multiply, .divide, .remainder: 13
        case .power: 14
        }
    }
    public var isRightAssociative: Bool { self == .power }
}

public enum AssignmentOperator: String, Hashable, Sendable, CaseIterable {
    case assign = "="
    case add = "+=", subtract = "-=", multiply = "*=", divide = "/=", remainder = "%=", power = "**="
    case shiftLeft = "<<=", shiftRight = ">>=", unsignedShiftRight = ">>>="
    case bitAnd = "&=", bitOr = "|=", bitXor = "^="
    case and = "&&=", or = "||=", nullish = "??="
}

/// A statement.
public struct Stmt: Hashable, Sendable {
    public var id: NodeID
    public var kind: StmtKind
    public var span: Span
    public init(id: NodeID, kind: StmtKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public indirect enum StmtKind: Hashable, Sendable {
    /// `const x = 1`, `let y: number`.
    case variable(VariableDecl)
    /// `function f(a: number): number { … }`.
    case function(FunctionDecl)
    /// An expression statement: `count.set(1)`.
    case expression(Expr)
    /// `if (c) … else …`.
    case `if`(condition: Expr, then: Stmt, else: Stmt?)
    /// `for (const x of xs) …`.
    case forOf(binding: VariableKind, name: Identifier, iterable: Expr, body: Stmt)
    /// `for (let i = 0; i < n; i++) …` — every part optional.
    case `for`(initializer: Stmt?, condition: Expr?, update: Expr?, body: Stmt)
    /// `while (c) …`.
    case `while`(condition: Expr, body: Stmt)
    /// `do … while (c)`.
    case doWhile(body: Stmt, condition: Expr)
    /// `return`, `return x`.
    case `return`(Expr?)
    /// `break`.
    case `break`
    /// `continue`.
    case `continue`
    /// `{ … }`.
    case block([Stmt])
    /// A lone `;`.
    case empty
    /// Stands where the parser could not read a statement; an error was reported there.
    case error
}

public enum VariableKind: String, Hashable, Sendable {
    case const, `let`, `var`
}

/// `const name: Type = initializer`.
public struct VariableDecl: Hashable, Sendable {
    public var kind: VariableKind
    public var name: Identifier
    public var type: TypeExpr?
    public var initializer: Expr?
    public init(kind: VariableKind, name: Identifier, type: TypeExpr?, initializer: Expr?) {
        self.kind = kind; self.name = name; self.type = type; self.initializer = initializer
    }
}

/// `function name(params): ReturnType { body }`.
public struct FunctionDecl: Hashable, Sendable {
    public var name: Identifier
    public var signature: FunctionSignature
    public var body: [Stmt]
    public init(name: Identifier, signature: FunctionSignature, body: [Stmt]) {
        self.name = name; self.signature = signature; self.body = body
    }
}

/// A type annotation.
public struct TypeExpr: Hashable, Sendable {
    public var id: NodeID
    public var kind: TypeExprKind
    public var span: Span
    public init(id: NodeID, kind: TypeExprKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public indirect enum TypeExprKind: Hashable, Sendable {
    /// A named type with optional arguments: `number`, `Signal<string>`, `Array<number>`.
    case named(Identifier, arguments: [TypeExpr])
    /// An array type: `number[]`.
    case array(TypeExpr)
    /// An optional type: `string?` (also `string | null`, normalised by the parser).
    case optional(TypeExpr)
    /// An object shape: `{ name: string; age?: number }`.
    case object([TypeMember])
    /// A function type: `(x: number) => string`.
    case function(params: [TypeExpr], returns: TypeExpr)
    /// A union of other types: `A | B`.
    case union([TypeExpr])
    /// A string literal type: `"primary"`.
    case stringLiteral(String)
    /// A parenthesised type: `(number | string)[]`.
    case paren(TypeExpr)
    /// Stands where the parser could not read a type; an error was reported there.
    case error
}

/// One member of an object type: `name: string`, `age?: number`.
public struct TypeMember: Hashable, Sendable {
    public var name: Identifier
    public var type: TypeExpr
    public var optional: Bool
    public var span: Span
    public init(name: Identifier, type: TypeExpr, optional: Bool, span: Span) {
        self.name = name; self.type = type; self.optional = optional; self.span = span
    }
}
