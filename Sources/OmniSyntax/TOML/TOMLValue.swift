import OmniBase

/// A key as written in a TOML file: one segment of a (possibly dotted) key or table header.
///
/// `port` in `port = 8080`, `"quoted key"` in `"quoted key" = 1`, `b` in `[a.b]`.
public struct TOMLKey: Hashable, Sendable, CustomStringConvertible {
    /// The key after unquoting and unescaping.
    public var name: String
    /// The key as written, quotes included.
    public var span: Span

    public init(name: String, span: Span) {
        self.name = name
        self.span = span
    }

    /// The key in TOML syntax: bare when it can be, quoted otherwise.
    public var description: String { TOMLKey.render(name) }

    /// `name` as TOML would write it: `port`, `"two words"`.
    public static func render(_ name: String) -> String {
        let bare = !name.isEmpty && name.utf8.allSatisfy { TOMLScanner.isBareKeyByte($0) }
        if bare { return name }
        var out = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + TOMLScanner.hex(scalar.value, 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A dotted path rendered as TOML would write it: `server.port`, `a."b c"`.
    public static func render(path: [String]) -> String {
        path.map(render).joined(separator: ".")
    }
}

/// A value read from a TOML file, with the span of its text.
///
/// Every value carries its span, so later stages can point at `"8080"` in
/// `port = "8080"` when they expected an integer.
public struct TOMLValue: Equatable, Sendable {
    /// The kinds of TOML values.
    public enum Kind: Equatable, Sendable {
        /// `"text"`, `'text'`, `"""text"""` or `'''text'''`, after escapes.
        case string(String)
        /// `42`, `-17`, `0xff`, `1_000`.
        case integer(Int64)
        /// `3.14`, `-1e10`, `inf`, `nan`.
        case float(Double)
        /// `true` or `false`.
        case bool(Bool)
        /// `1979-05-27T07:32:00Z`, `1979-05-27 07:32:00-07:00`.
        case offsetDateTime(TOMLDateTime)
        /// `1979-05-27T07:32:00`.
        case localDateTime(TOMLDateTime)
        /// `1979-05-27`.
        case localDate(TOMLDateTime)
        /// `07:32:00.5`.
        case localTime(TOMLDateTime)
        /// `[1, "two", 3.0]` or the tables of `[[server]]` headers.
        case array([TOMLValue])
        /// `{ x = 1 }`, a `[table]`, or a table made by a dotted key or header path.
        case table(TOMLTable)
    }

    public var kind: Kind
    /// The value's text: a literal, an array's brackets, an inline table's braces, a
    /// header's brackets, or the key segment that made an implicit table.
    public var span: Span

    public init(_ kind: Kind, span: Span) {
        self.kind = kind
        self.span = span
    }

    /// The name of the value's type as diagnostics say it: "a string", "an integer", ….
    public var typeDescription: String { kind.typeDescription }

    /// The string, if this is one.
    public var string: String? { if case .string(let s) = kind { s } else { nil } }
    /// The integer, if this is one.
    public var integer: Int64? { if case .integer(let v) = kind { v } else { nil } }
    /// The float, if this is one (integers are not converted).
    public var float: Double? { if case .float(let v) = kind { v } else { nil } }
    /// The boolean, if this is one.
    public var bool: Bool? { if case .bool(let v) = kind { v } else { nil } }
    /// The elements, if this is an array (an array of tables included).
    public var array: [TOMLValue]? { if case .array(let v) = kind { v } else { nil } }
    /// The table, if this is one.
    public var table: TOMLTable? { if case .table(let t) = kind { t } else { nil } }
    /// The date-time, date or time, if this is one of the four date-time kinds.
    public var dateTime: TOMLDateTime? {
        switch kind {
        case .offsetDateTime(let d), .localDateTime(let d), .localDate(let d), .localTime(let d): d
        default: nil
        }
    }

    /// The value under `key` when this is a table: `document["server"]?["port"]`.
    public subscript(key: String) -> TOMLValue? { table?[key] }
    /// The element at `index` when this is an array and the index is in range.
    public subscript(index: Int) -> TOMLValue? {
        guard let a = array, a.indices.contains(index) else { return nil }
        return a[index]
    }
}

extension TOMLValue.Kind {
    /// "a string", "an integer", "a float", "a boolean", "an offset date-time", ….
    public var typeDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .offsetDateTime: "an offset date-time"
        case .localDateTime: "a local date-time"
        case .localDate: "a local date"
        case .localTime: "a local time"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A TOML table: keys in source order, each with the span of its key and its value.
public struct TOMLTable: Equatable, Sendable {
    /// How a table came to exist; the redefinition rules of TOML depend on it.
    public enum Origin: Equatable, Sendable {
        /// The document's root table.
        case root
        /// `[server]`: defined by a table header.
        case header
        /// `[a]` in a file that only says `[a.b]`: created on the way to a deeper header.
        case implicit
        /// `a` in `a.b = 1`: created by a dotted key.
        case dotted
        /// `{ x = 1 }`: an inline table, complete and immutable.
        case inline
        /// One `[[fruit]]` element of an array of tables.
        case arrayElement
    }

    /// One `key = value` of a table (or a sub-table made by a header or dotted key).
    public struct Entry: Equatable, Sendable {
        public var key: TOMLKey
        public var value: TOMLValue
        public init(key: TOMLKey, value: TOMLValue) { self.key = key; self.value = value }
    }

    /// The entries in the order their keys first appear.
    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    public var origin: Origin

    public init(origin: Origin, entries: [Entry] = []) {
        self.origin = origin
        for e in entries { self.set(e) }
    }

    /// Adds an entry, replacing one with the same key.
    public mutating func set(_ entry: Entry) {
        if let i = index[entry.key.name] {
            entries[i] = entry
        } else {
            index[entry.key.name] = entries.count
            entries.append(entry)
        }
    }

    public var keys: [String] { entries.map(\.key.name) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The value under `key`, or nil.
    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    /// The entry (key with its span, and value) under `key`, or nil.
    public func entry(_ key: String) -> Entry? {
        guard let i = index[key] else { return nil }
        return entries[i]
    }

    public static func == (a: TOMLTable, b: TOMLTable) -> Bool {
        a.origin == b.origin && a.entries == b.entries
    }
}
