import OmniBase

/// A parsed TOML file: its root table, with lookups and typed accessors that report
/// diagnostics at the offending value.
///
/// ```swift
/// let (doc, errors) = TOMLParser.parse(file)
/// let (port, problem) = doc.int("server", "port")   // problem: "expected an integer, found a string"
/// ```
public struct TOMLDocument: Equatable, Sendable {
    /// The table of top-level keys and sections.
    public var root: TOMLTable
    /// The whole file.
    public var span: Span

    public init(root: TOMLTable, span: Span) {
        self.root = root
        self.span = span
    }

    /// The top-level value under `key`: `document["server"]?["port"]`.
    public subscript(key: String) -> TOMLValue? { root[key] }

    /// The value at a dotted path, or nil when any part is missing or not a table.
    public func value(at path: [String]) -> TOMLValue? { root.value(at: path) }

    /// The string at `path`: nil and no diagnostic when absent, a diagnostic when present
    /// with another type (or when a part of the path is not a table).
    public func string(_ path: String...) -> (String?, Diagnostic?) { root.typed(path, as: .string) { $0.string } }
    /// The integer at `path` (see `string(_:)`).
    public func int(_ path: String...) -> (Int64?, Diagnostic?) { root.typed(path, as: .integer) { $0.integer } }
    /// The number at `path`: a float, or an integer converted to one (see `string(_:)`).
    public func float(_ path: String...) -> (Double?, Diagnostic?) { root.typed(path, as: .float) { $0.float ?? $0.integer.map(Double.init) } }
    /// The boolean at `path` (see `string(_:)`).
    public func bool(_ path: String...) -> (Bool?, Diagnostic?) { root.typed(path, as: .bool) { $0.bool } }
    /// The array at `path` (see `string(_:)`).
    public func array(_ path: String...) -> ([TOMLValue]?, Diagnostic?) { root.typed(path, as: .array) { $0.array } }
    /// The table at `path` (see `string(_:)`).
    public func table(_ path: String...) -> (TOMLTable?, Diagnostic?) { root.typed(path, as: .table) { $0.table } }

    /// Reports each key of the table at `path` that is not in `allowed`, suggesting the
    /// closest allowed key (`[sever]` → "did you mean `server`?").
    public func unknownKeys(in path: [String] = [], allowed: [String]) -> [Diagnostic] {
        guard let t = path.isEmpty ? root : root.value(at: path)?.table else { return [] }
        return t.unknownKeys(allowed: allowed, context: path)
    }
}

/// The types a typed accessor can expect.
public enum TOMLExpectedType: String, Sendable {
    case string = "a string", integer = "an integer", float = "a float", bool = "a boolean"
    case array = "an array", table = "a table", dateTime = "a date-time"
}

extension TOMLTable {
    /// The value at a dotted path below this table, or nil.
    public func value(at path: [String]) -> TOMLValue? {
        var current: TOMLTable = self
        for (k, name) in path.enumerated() {
            guard let v = current[name] else { return nil }
            if k == path.count - 1 { return v }
            guard let t = v.table else { return nil }
            current = t
        }
        return nil
    }

    /// The value at `path` converted by `extract`: nil and no diagnostic when absent (a
    /// missing key is the caller's to default or report); a diagnostic (`E0628`) at the value
    /// when it has another type, or at the part of the path that is not a table.
    public func typed<T>(_ path: [String], as expected: TOMLExpectedType,
                         _ extract: (TOMLValue) -> T?) -> (T?, Diagnostic?) {
        var current: TOMLTable = self
        for (k, name) in path.enumerated() {
            guard let v = current[name] else { return (nil, nil) }
            let shown = TOMLKey.render(path: Array(path[...k]))
            if k == path.count - 1 {
                if let x = extract(v) { return (x, nil) }
                return (nil, TOMLTable.wrongType(v, key: shown, expected: expected))
            }
            guard let t = v.table else {
                return (nil, TOMLTable.wrongType(v, key: shown, expected: .table, neededFor: TOMLKey.render(path: path)))
            }
            current = t
        }
        return (nil, nil)
    }

    static func wrongType(_ v: TOMLValue, key: String, expected: TOMLExpectedType, neededFor: String? = nil) -> Diagnostic {
        let found = v.typeDescription
        var d = Diagnostic.error(TOMLCode.wrongType, "expected \(expected.rawValue) for `\(key)`, found \(found)",
                                 at: v.span, label: "this is \(found)")
        if let neededFor { d = d.note("`\(neededFor)` needs `\(key)` to be a table") }
        if let s = v.string {
            let trimmed = s.trimmingSpaces
            switch expected {
            case .integer where Int64(trimmed.filter { $0 != "_" }) != nil,
                 .float where Double(trimmed) != nil,
                 .bool where trimmed == "true" || trimmed == "false":
                d = d.helping("remove the quotes: `\(trimmed)`").fixing(.replace(v.span, with: trimmed, "remove the quotes"))
            default: break
            }
        } else if expected == .string, case .array = v.kind {
        } else if expected == .string, case .table = v.kind {
        } else if expected == .string {
            let text = v.integer.map(String.init) ?? v.bool.map(String.init) ?? v.float.map { String($0) }
            if let text { d = d.helping("quote it: `\"\(text)\"`").fixing(.replace(v.span, with: "\"\(text)\"", "quote it")) }
        }
        return d
    }

    /// Diagnostics (`E0629`) for keys not in `allowed`, with a "did you mean" fix-it when one
    /// allowed key is close. `context` is the path of this table, for messages.
    public func unknownKeys(allowed: [String], context: [String] = []) -> [Diagnostic] {
        let place = context.isEmpty ? "at the top level" : "in `[\(TOMLKey.render(path: context))]`"
        var out: [Diagnostic] = []
        for e in entries where !allowed.contains(e.key.name) {
            var d = Diagnostic.error(TOMLCode.unknownKey, "unknown key `\(TOMLKey.render(e.key.name))` \(place)",
                                     at: e.key.span, label: "unknown key")
            if let best = EditDistance.bestMatch(for: e.key.name, in: allowed) {
                d = d.helping("did you mean `\(best)`?")
                    .fixing(.replace(e.key.span, with: TOMLKey.render(best), "rename to `\(best)`"))
            } else if !allowed.isEmpty {
                d = d.note("the keys allowed here are " + allowed.map { "`\($0)`" }.joined(separator: ", "))
            }
            out.append(d)
        }
        return out
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
