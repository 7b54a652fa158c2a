import OmniBase

/// The type of a value in the script language (docs/LANGUAGE.md, "Types").
public indirect enum SemaType: Hashable, Sendable, CustomStringConvertible {
    /// `number`: an IEEE-754 double.
    case number
    /// `string`.
    case string
    /// `bool`.
    case bool
    /// The type of `null` / `undefined` on its own; `T?` is `.optional(T)`.
    case null
    /// The result of a function that returns nothing.
    case void
    /// `T[]`.
    case array(SemaType)
    /// `T?`: a `T` or `null`.
    case optional(SemaType)
    /// An object shape `{ name: string; age?: number }`, fields in declaration order.
    case object([ShapeField])
    /// A function `(a: A, b?: B) => R`. `required` is how many leading parameters must be given.
    case function(FunctionType)
    /// `Signal<T>`: read with `s()`, written with `s.set(v)` / `s.update(fn)`.
    case signal(SemaType)
    /// `Computed<T>`: read with `c()`.
    case computed(SemaType)
    /// The event object passed to `@event` handlers.
    case event
    /// A type that could not be determined because of an earlier error. Never reported
    /// again: every check treats it as compatible with everything, to stop cascades.
    case error

    public var description: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .bool: "bool"
        case .null: "null"
        case .void: "void"
        case .array(let t):
            switch t {
            case .function, .optional: "(\(t))[]"
            default: "\(t)[]"
            }
        case .optional(let t):
            if case .function = t { "(\(t))?" } else { "\(t)?" }
        case .object(let fields):
            fields.isEmpty ? "{}" : "{ " + fields.map { "\($0.name)\($0.optional ? "?" : ""): \($0.type)" }.joined(separator: "; ") + " }"
        case .function(let f): f.description
        case .signal(let t): "Signal<\(t)>"
        case .computed(let t): "Computed<\(t)>"
        case .event: "Event"
        case .error: "<error>"
        }
    }
}

/// One field of an object shape.
public struct ShapeField: Hashable, Sendable {
    public var name: String
    public var type: SemaType
    public var optional: Bool
    public init(name: String, type: SemaType, optional: Bool = false) { self.name = name; self.type = type; self.optional = optional }
}

/// A function type. Parameters past `required` may be omitted; `rest` takes the remaining arguments.
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
    public var params: [SemaType]
    public var required: Int
    public var rest: SemaType?
    public var returns: SemaType
    public init(params: [SemaType], required: Int? = nil, rest: SemaType? = nil, returns: SemaType) {
        self.params = params; self.required = required ?? params.count; self.rest = rest; self.returns = returns
    }
    public var description: String {
        var parts = params.enumerated().map { i, t in "p\(i + 1)\(i >= required ? "?" : ""): \(t)" }
        if let rest { parts.append("...rest: \(rest)[]") }
        return "(\(parts.joined(separator: ", "))) => \(returns)"
    }
}
