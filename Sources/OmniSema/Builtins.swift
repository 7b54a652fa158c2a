import OmniBase
import OmniSyntax

/// A name the language provides (docs/LANGUAGE.md, "Semantics").
enum Builtin: String, CaseIterable {
    case signal, computed, effect, batch, untrack
    case math = "Math", string = "String", number = "Number", boolean = "Boolean", console
    case parseInt, parseFloat, isNaN

    /// Every built-in name, for lookups and did-you-mean.
    static let byName: [String: Builtin] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The type of the name used as a value. Functions that must be called directly
    /// (generic or special-cased) are `.error` here; the type checker reports their use as values.
    var valueType: SemaType {
        switch self {
        case .math: Builtins.mathShape
        case .console: .object([ShapeField(name: "log", type: .function(FunctionType(params: [], rest: .string, returns: .void)))])
        default: .error
        }
    }

    /// Reactive primitives that may only be created at the top level of a component's script.
    var isReactiveConstructor: Bool { self == .signal || self == .computed || self == .effect }
}

/// A built-in method: a fixed signature, or one the type checker handles specially.
enum BuiltinMethod: Equatable {
    case fixed(FunctionType)
    case arrayMap, arrayFilter, arrayFind, arrayFindIndex, arraySome, arrayEvery, arrayReduce, arrayPush
    case signalSet, signalUpdate
    case computedWrite
}

/// What a member of a built-in type is.
enum BuiltinMember {
    case property(SemaType)
    case method(BuiltinMethod)
}

/// The members of built-in types: strings, arrays, numbers, signals, computeds, events, `Math`.
enum Builtins {
    static func fn(_ params: [SemaType], required: Int? = nil, rest: SemaType? = nil, _ returns: SemaType) -> BuiltinMember {
        .method(.fixed(FunctionType(params: params, required: required, rest: rest, returns: returns)))
    }

    static let stringMembers: [String: BuiltinMember] = [
        "length": .property(.number),
        "toUpperCase": fn([], .string), "toLowerCase": fn([], .string),
        "trim": fn([], .string), "trimStart": fn([], .string), "trimEnd": fn([], .string),
        "includes": fn([.string], .bool), "startsWith": fn([.string], .bool), "endsWith": fn([.string], .bool),
        "slice": fn([.number, .number], required: 0, .string), "substring": fn([.number, .number], required: 1, .string),
        "indexOf": fn([.string], .number), "lastIndexOf": fn([.string], .number),
        "split": fn([.string], .array(.string)), "repeat": fn([.number], .string),
        "padStart": fn([.number, .string], required: 1, .string), "padEnd": fn([.number, .string], required: 1, .string),
        "charAt": fn([.number], .string), "replace": fn([.string, .string], .string), "replaceAll": fn([.string, .string], .string),
    ]

    static func arrayMembers(_ t: SemaType) -> [String: BuiltinMember] {
        [
            "length": .property(.number),
            "map": .method(.arrayMap), "filter": .method(.arrayFilter), "find": .method(.arrayFind),
            "findIndex": .method(.arrayFindIndex), "some": .method(.arraySome), "every": .method(.arrayEvery),
            "reduce": .method(.arrayReduce), "push": .method(.arrayPush),
            "includes": fn([t], .bool), "indexOf": fn([t], .number),
            "join": fn([.string], required: 0, .string),
            "slice": fn([.number, .number], required: 0, .array(t)),
            "concat": fn([], rest: .array(t), .array(t)),
            "at": fn([.number], .optional(t)),
        ]
    }

    static let numberMembers: [String: BuiltinMember] = [
        "toFixed": fn([.number], required: 0, .string), "toString": fn([], .string),
    ]

    static let signalMembers: [String: BuiltinMember] = ["set": .method(.signalSet), "update": .method(.signalUpdate)]
    static let computedMembers: [String: BuiltinMember] = ["set": .method(.computedWrite), "update": .method(.computedWrite)]

    static let eventMembers: [String: BuiltinMember] = [
        "value": .property(.string), "checked": .property(.bool), "key": .property(.string),
    ]

    static let mathShape: SemaType = {
        let unary = SemaType.function(FunctionType(params: [.number], returns: .number))
        var fields = ["abs", "ceil", "floor", "round", "sign", "sqrt", "trunc"].map { ShapeField(name: $0, type: unary) }
        fields.append(ShapeField(name: "max", type: .function(FunctionType(params: [], rest: .number, returns: .number))))
        fields.append(ShapeField(name: "min", type: .function(FunctionType(params: [], rest: .number, returns: .number))))
        fields.append(ShapeField(name: "pow", type: .function(FunctionType(params: [.number, .number], returns: .number))))
        fields.append(ShapeField(name: "random", type: .function(FunctionType(params: [], returns: .number))))
        fields.append(ShapeField(name: "PI", type: .number))
        return .object(fields.sorted { $0.name < $1.name })
    }()

    /// The built-in members of a type, or nil when it has none (objects have fields instead).
    static func members(of t: SemaType) -> [String: BuiltinMember]? {
        switch t {
        case .string: stringMembers
        case .array(let e): arrayMembers(e)
        case .number: numberMembers
        case .signal: signalMembers
        case .computed: computedMembers
        case .event: eventMembers
        default: nil
        }
    }

    /// The names a did-you-mean may suggest for a member of `t`.
    static func memberNames(of t: SemaType) -> [String] {
        if case .object(let fields) = t { return fields.map(\.name) }
        return members(of: t).map { Array($0.keys).sorted() } ?? []
    }

    /// Type names an annotation may use.
    static let typeNames = ["number", "string", "bool", "boolean", "void", "Event", "Signal", "Computed", "Array"]
}
