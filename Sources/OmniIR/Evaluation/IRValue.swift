import OmniSema

/// A value while the evaluator runs an IR component. Arrays and objects are references, as
/// in JavaScript; so are signals, computeds and closures.
enum IRValue {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    case array(JSArray)
    case object(JSObject)
    /// A lambda with the scope it closes over.
    case closure(Closure)
    /// A component function used as a value.
    case function(SymbolID)
    case signal(SignalCell)
    case computed(ComputedCell)

    init(_ c: JSConstant) {
        switch c {
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .null: self = .null
        }
    }

    /// The primitive this value stands for in an operator: itself, or (for references) the
    /// string JavaScript's ToPrimitive would give.
    var primitive: JSConstant {
        switch self {
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .null: .null
        default: .string(jsString)
        }
    }

    var isPrimitive: Bool {
        switch self {
        case .number, .string, .bool, .null: true
        default: false
        }
    }

    /// ToString.
    var jsString: String {
        switch self {
        case .number(let n): JSNumber.format(n)
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .array(let a): a.items.map { v in if case .null = v { "" } else { v.jsString } }.joined(separator: ",")
        case .object: "[object Object]"
        case .closure, .function, .signal, .computed: "function"
        }
    }

    var truthy: Bool {
        isPrimitive ? primitive.truthy : true
    }

    var typeName: String {
        switch self {
        case .array, .object: "object"
        case .closure, .function, .signal, .computed: "function"
        default: primitive.typeName
        }
    }

    var isNull: Bool { if case .null = self { true } else { false } }

    /// `===`: primitives by value, references by identity.
    static func strictEquals(_ a: IRValue, _ b: IRValue) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)): x === y
        case (.object(let x), .object(let y)): x === y
        case (.closure(let x), .closure(let y)): x === y
        case (.signal(let x), .signal(let y)): x === y
        case (.computed(let x), .computed(let y)): x === y
        case (.function(let x), .function(let y)): x == y
        default: a.isPrimitive && b.isPrimitive && JSOperators.strictEquals(a.primitive, b.primitive)
        }
    }

    /// `==`: like `===` for two references; a reference and a primitive compare as primitives.
    static func looseEquals(_ a: IRValue, _ b: IRValue) -> Bool {
        if !a.isPrimitive && !b.isPrimitive { return strictEquals(a, b) }
        if a.isNull || b.isNull { return a.isNull && b.isNull }
        return JSOperators.looseEquals(a.primitive, b.primitive)
    }

    /// `JSON.stringify`.
    var json: String {
        switch self {
        case .number(let n): n.isFinite ? JSNumber.format(n) : "null"
        case .string(let s): JSONText.quote(s)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .array(let a): "[" + a.items.map { v in v.isFunctionLike ? "null" : v.json }.joined(separator: ",") + "]"
        case .object(let o):
            "{" + o.keys.compactMap { k in
                guard let v = o.fields[k], !v.isFunctionLike else { return nil }
                return JSONText.quote(k) + ":" + v.json
            }.joined(separator: ",") + "}"
        case .closure, .function, .signal, .computed: "null"
        }
    }

    var isFunctionLike: Bool {
        switch self {
        case .closure, .function, .signal, .computed: true
        default: false
        }
    }
}

enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

final class JSArray {
    var items: [IRValue]
    init(_ items: [IRValue]) { self.items = items }
}

/// An object: fields in insertion order.
final class JSObject {
    private(set) var keys: [String] = []
    private(set) var fields: [String: IRValue] = [:]
    init() {}
    subscript(key: String) -> IRValue? {
        get { fields[key] }
        set {
            if fields[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            fields[key] = newValue
        }
    }
}

final class Closure {
    let lambda: IRLambda
    let env: Env
    init(lambda: IRLambda, env: Env) { self.lambda = lambda; self.env = env }
}

final class SignalCell {
    var value: IRValue
    init(_ value: IRValue) { self.value = value }
}

final class ComputedCell {
    let function: IRValue
    init(_ function: IRValue) { self.function = function }
}

/// A scope: slots for the symbols declared in it, and the scope around it.
final class Env {
    var slots: [SymbolID: IRValue] = [:]
    let parent: Env?
    init(parent: Env?) { self.parent = parent }

    func lookup(_ s: SymbolID) -> IRValue? {
        var e: Env? = self
        while let cur = e {
            if let v = cur.slots[s] { return v }
            e = cur.parent
        }
        return nil
    }

    /// Stores into the nearest scope that declares `s`; false when none does.
    func assign(_ s: SymbolID, _ v: IRValue) -> Bool {
        var e: Env? = self
        while let cur = e {
            if cur.slots[s] != nil { cur.slots[s] = v; return true }
            e = cur.parent
        }
        return false
    }
}
