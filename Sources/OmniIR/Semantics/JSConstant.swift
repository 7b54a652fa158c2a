import Foundation

/// A primitive value of the script language: what literals denote and what constant folding
/// computes. The evaluator uses the same operations, so folding never changes a result.
public enum JSConstant: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    /// `null` (also `undefined`).
    case null

    /// ToString.
    public var toJSString: String {
        switch self {
        case .number(let n): JSNumber.format(n)
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }

    /// ToNumber.
    public var toNumber: Double {
        switch self {
        case .number(let n): n
        case .string(let s): JSNumber.parse(s)
        case .bool(let b): b ? 1 : 0
        case .null: 0
        }
    }

    /// ToBoolean.
    public var truthy: Bool {
        switch self {
        case .number(let n): !(n == 0 || n.isNaN)
        case .string(let s): !s.isEmpty
        case .bool(let b): b
        case .null: false
        }
    }

    /// `typeof`.
    public var typeName: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .bool: "boolean"
        case .null: "object"
        }
    }

    public var description: String {
        if case .string(let s) = self { return JSConstant.quote(s) }
        return toJSString
    }

    /// A double-quoted, escaped string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7f { out += "\\u{" + String(u.value, radix: 16) + "}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// The operators of the language on primitive values (ECMAScript semantics).
public enum JSOperators {
    public static func unary(_ op: IRUnaryOp, _ v: JSConstant) -> JSConstant {
        switch op {
        case .negate: .number(-v.toNumber)
        case .plus: .number(v.toNumber)
        case .not: .bool(!v.truthy)
        case .bitNot: .number(Double(~JSNumber.toInt32(v.toNumber)))
        case .typeof: .string(v.typeName)
        case .void: .null
        }
    }

    public static func binary(_ op: IRBinaryOp, _ a: JSConstant, _ b: JSConstant) -> JSConstant {
        switch op {
        case .add:
            if case .string = a { return .string(a.toJSString + b.toJSString) }
            if case .string = b { return .string(a.toJSString + b.toJSString) }
            return .number(a.toNumber + b.toNumber)
        case .subtract: return .number(a.toNumber - b.toNumber)
        case .multiply: return .number(a.toNumber * b.toNumber)
        case .divide: return .number(a.toNumber / b.toNumber)
        case .remainder: return .number(JSNumber.remainder(a.toNumber, b.toNumber))
        case .power: return .number(JSNumber.power(a.toNumber, b.toNumber))
        case .equal: return .bool(looseEquals(a, b))
        case .notEqual: return .bool(!looseEquals(a, b))
        case .strictEqual: return .bool(strictEquals(a, b))
        case .strictNotEqual: return .bool(!strictEquals(a, b))
        case .less: return .bool(compare(a, b) { $0 < $1 } strings: { $0 < $1 })
        case .greater: return .bool(compare(a, b) { $0 > $1 } strings: { $0 > $1 })
        case .lessEqual: return .bool(compare(a, b) { $0 <= $1 } strings: { $0 <= $1 })
        case .greaterEqual: return .bool(compare(a, b) { $0 >= $1 } strings: { $0 >= $1 })
        case .bitAnd: return .number(Double(JSNumber.toInt32(a.toNumber) & JSNumber.toInt32(b.toNumber)))
        case .bitOr: return .number(Double(JSNumber.toInt32(a.toNumber) | JSNumber.toInt32(b.toNumber)))
        case .bitXor: return .number(Double(JSNumber.toInt32(a.toNumber) ^ JSNumber.toInt32(b.toNumber)))
        case .shiftLeft:
            return .number(Double(JSNumber.toInt32(a.toNumber) << Int32(JSNumber.toUint32(b.toNumber) & 31)))
        case .shiftRight:
            return .number(Double(JSNumber.toInt32(a.toNumber) >> Int32(JSNumber.toUint32(b.toNumber) & 31)))
        case .unsignedShiftRight:
            return .number(Double(JSNumber.toUint32(a.toNumber) >> (JSNumber.toUint32(b.toNumber) & 31)))
        }
    }

    /// `===` on primitives: same type and value; `NaN` is never equal, `0 === -0`.
    public static func strictEquals(_ a: JSConstant, _ b: JSConstant) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    /// `==` on primitives: `null` equals only `null`; otherwise numbers are compared after ToNumber.
    public static func looseEquals(_ a: JSConstant, _ b: JSConstant) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.string(let x), .string(let y)): return x == y
        default: return a.toNumber == b.toNumber
        }
    }

    /// Relational comparison: two strings by UTF-16 code units, anything else as numbers
    /// (`NaN` compares false).
    static func compare(_ a: JSConstant, _ b: JSConstant, numbers: (Double, Double) -> Bool,
                        strings: ([UInt16], [UInt16]) -> Bool) -> Bool {
        if case .string(let x) = a, case .string(let y) = b {
            return strings(Array(x.utf16), Array(y.utf16))
        }
        return numbers(a.toNumber, b.toNumber)
    }
}

extension Array where Element == UInt16 {
    static func < (a: [UInt16], b: [UInt16]) -> Bool { a.lexicographicallyPrecedes(b) }
    static func > (a: [UInt16], b: [UInt16]) -> Bool { b.lexicographicallyPrecedes(a) }
    static func <= (a: [UInt16], b: [UInt16]) -> Bool { !b.lexicographicallyPrecedes(a) }
    static func >= (a: [UInt16], b: [UInt16]) -> Bool { !a.lexicographicallyPrecedes(b) }
}
