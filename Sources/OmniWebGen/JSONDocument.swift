import OmniBase
// A JSON value with ordered object keys and its pretty printer: the emitters build documents
// as values and print them once, so key order is the order they were built in and the output
// is byte-for-byte deterministic. (OmniBase's `JSONValue` is internal and has no numbers
// other than integers; OpenAPI needs doubles for `minimum`/`maximum` and defaults.)

/// A JSON value whose objects keep their keys in insertion order.
indirect enum JSONDocument: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A finite number; NaN and infinities print as `null` (JSON has no spelling for them).
    case double(Double)
    case string(String)
    case array([JSONDocument])
    case object([(String, JSONDocument)])

    static func == (a: JSONDocument, b: JSONDocument) -> Bool { a.pretty() == b.pretty() }

    /// Two-space indentation, `"key": value`, empty containers as `{}`/`[]`, a final newline.
    func pretty() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONDocument.number(d)
        case .string(let s): out += JSONDocument.quoted(s)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += String(repeating: "  ", count: indent + 1)
                item.write(to: &out, indent: indent + 1)
            }
            out += "\n" + String(repeating: "  ", count: indent) + "]"
        case .object(let fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += String(repeating: "  ", count: indent + 1) + JSONDocument.quoted(key) + ": "
                value.write(to: &out, indent: indent + 1)
            }
            out += "\n" + String(repeating: "  ", count: indent) + "}"
        }
    }

    /// A number as JSON (and JavaScript) spells it: integral values without a fraction
    /// (`150`, not `150.0`), others in Swift's shortest round-tripping form (`0.5`, `1e-07`).
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9.0e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// A JSON string literal (OmniBase's escaping: also a valid JavaScript literal).
    static func quoted(_ s: String) -> String { JSONText.quoted(s) }
}
