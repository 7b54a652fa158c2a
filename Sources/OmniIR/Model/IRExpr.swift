import OmniBase
import OmniSema

/// A typed expression with its source span.
public struct IRExpr: Hashable, Sendable {
    public var kind: IRExprKind
    public var type: SemaType
    public var span: Span
    public init(_ kind: IRExprKind, type: SemaType, span: Span) { self.kind = kind; self.type = type; self.span = span }
}

public indirect enum IRExprKind: Hashable, Sendable {
    /// A number literal: `42`, `0.5`, `0xff`.
    case number(Double)
    /// A string literal: `"hi"`.
    case string(String)
    /// `true`, `false`.
    case bool(Bool)
    /// `null` / `undefined`.
    case null
    /// Reads a parameter, local, `{#each}` binding, constant or variable: `x`.
    /// A signal or computed symbol read this way is the signal itself (`const s = count`).
    case local(SymbolID)
    /// A component function used as a value: `@click={increment}`.
    case functionRef(SymbolID)
    /// The `props` object as a whole: `props`.
    case props
    /// Reads one prop: `props.label`.
    case propGet(String)
    /// Reads a signal: `count()`.
    case signalGet(SymbolID)
    /// Writes a signal: `count.set(v)`.
    case signalSet(SymbolID, IRExpr)
    /// Updates a signal with a function of its value: `count.update(n => n + 1)`.
    case signalUpdate(SymbolID, IRExpr)
    /// Reads a computed: `doubled()`.
    case computedGet(SymbolID)
    /// A prefix operator: `-x`, `!ok`, `~m`, `typeof x`, `void x`.
    case unary(IRUnaryOp, IRExpr)
    /// An arithmetic, comparison or bitwise operator: `a + b`, `a === b`, `a >>> 1`.
    case binary(IRBinaryOp, IRExpr, IRExpr)
    /// A short-circuiting operator: `a && b`, `a || b`, `a ?? b`.
    case logical(IRLogicalOp, IRExpr, IRExpr)
    /// `ok ? a : b`.
    case conditional(IRExpr, IRExpr, IRExpr)
    /// An assignment: `x = 1`, `n += 2`, `o.k ??= d`. Evaluates to the stored value.
    case assign(IRAssignOp, IRTarget, IRExpr)
    /// `i++`, `--i`.
    case update(IRTarget, increment: Bool, prefix: Bool)
    /// A direct call of a component function: `format(n)`.
    case call(SymbolID, [IRArg])
    /// A call of a computed callee: `handlers[i](e)`, `cb()`.
    case callValue(IRExpr, [IRArg])
    /// A call of a language built-in: `Math.floor(x)`, `String(n)`, `batch(fn)`.
    case builtin(IRBuiltin, [IRArg])
    /// A built-in method or property of a value: `name.toUpperCase()`, `xs.length`, `xs.map(f)`.
    case method(IRMethod, receiver: IRExpr, [IRArg])
    /// A field of an object: `user.name`, `user?.name`.
    case member(IRExpr, String, optional: Bool)
    /// An index: `xs[i]`, `xs?.[i]`.
    case index(IRExpr, IRExpr, optional: Bool)
    /// An array literal: `[1, ...rest]`.
    case array([IRArg])
    /// An object literal: `{ a: 1, ...rest }`.
    case object([IRField])
    /// A template literal: `` `Hi ${name}!` `` (`quasis.count == parts.count + 1`).
    case template(quasis: [String], parts: [IRExpr])
    /// An arrow or function expression: `(x) => x * 2`.
    case lambda(IRLambda)
    /// Stands for something that could not be lowered (a program with errors); evaluating
    /// it is a runtime error with this message: `<error>`.
    case unreachable(String)
}

/// An argument or array element: `x` or `...xs`.
public struct IRArg: Hashable, Sendable {
    public var value: IRExpr
    public var spread: Bool
    public init(_ value: IRExpr, spread: Bool = false) { self.value = value; self.spread = spread }
}

/// One entry of an object literal: `key: value` or `...value`.
public struct IRField: Hashable, Sendable {
    public enum Key: Hashable, Sendable {
        /// `name: value`.
        case named(String)
        /// `[expr]: value`.
        case computed(IRExpr)
        /// `...value`.
        case spread
    }
    public var key: Key
    public var value: IRExpr
    public init(key: Key, value: IRExpr) { self.key = key; self.value = value }
}

/// What an assignment or update writes to.
public indirect enum IRTarget: Hashable, Sendable {
    /// A local, parameter or component variable: `x = 1`.
    case local(SymbolID)
    /// A field: `o.name = v`.
    case member(IRExpr, String)
    /// An element: `xs[i] = v`.
    case index(IRExpr, IRExpr)
}

/// `(params) => body`. An expression body `x => x + 1` is `[return x + 1]`.
public struct IRLambda: Hashable, Sendable {
    public var params: [IRParam]
    public var body: [IRStmt]
    public var returnType: SemaType
    public init(params: [IRParam], body: [IRStmt], returnType: SemaType) {
        self.params = params; self.body = body; self.returnType = returnType
    }
}

public enum IRUnaryOp: String, Hashable, Sendable {
    /// `-x`.
    case negate = "-"
    /// `+x` (ToNumber).
    case plus = "+"
    /// `!x`.
    case not = "!"
    /// `~x` (ToInt32).
    case bitNot = "~"
    /// `typeof x`.
    case typeof = "typeof "
    /// `void x`.
    case void = "void "
}

public enum IRBinaryOp: String, Hashable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "**"
    case equal = "==", notEqual = "!=", strictEqual = "===", strictNotEqual = "!=="
    case less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">="
    case bitAnd = "&", bitOr = "|", bitXor = "^"
    case shiftLeft = "<<", shiftRight = ">>", unsignedShiftRight = ">>>"
}

public enum IRLogicalOp: String, Hashable, Sendable {
    case and = "&&", or = "||", nullish = "??"
}

/// `=`, a compound arithmetic assignment (`+=` is `.binary(.add)`) or a logical one (`??=`).
public enum IRAssignOp: Hashable, Sendable {
    case assign
    case binary(IRBinaryOp)
    case logical(IRLogicalOp)

    public var text: String {
        switch self {
        case .assign: "="
        case .binary(let op): op.rawValue + "="
        case .logical(let op): op.rawValue + "="
        }
    }
}

extension IRExpr {
    /// True for `number`, `string`, `bool` and `null` literals.
    public var isLiteral: Bool {
        switch kind {
        case .number, .string, .bool, .null: true
        default: false
        }
    }

    /// The literal's value, for `number`, `string`, `bool` and `null` literals.
    public var constant: JSConstant? {
        switch kind {
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .null: .null
        default: nil
        }
    }

    /// A literal expression for `value`.
    public static func literal(_ value: JSConstant, span: Span) -> IRExpr {
        switch value {
        case .number(let n): IRExpr(.number(n), type: .number, span: span)
        case .string(let s): IRExpr(.string(s), type: .string, span: span)
        case .bool(let b): IRExpr(.bool(b), type: .bool, span: span)
        case .null: IRExpr(.null, type: .null, span: span)
        }
    }
}
