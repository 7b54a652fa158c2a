// SQL: statement text with its bound values, rendered per dialect.
//
// Values never enter the text: string interpolation binds them as parameters, and the
// text is rendered with `?` (SQLite) or `$1, $2, …` (PostgreSQL) placeholders when the
// statement runs. Identifiers interpolated with `\(identifier:)` are quoted.

/// The SQL flavour a backend speaks.
public enum SQLDialect: String, Sendable, Hashable {
    case sqlite
    case postgres

    /// The placeholder for the `index`-th (1-based) parameter.
    public func placeholder(_ index: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(index)"
        }
    }
}

/// A SQL statement: text pieces with a bound value between each two.
///
/// ```swift
/// let sql: SQL = "SELECT id, name FROM users WHERE email = \(email) AND age > \(minAge)"
/// sql.text(for: .postgres)   // SELECT id, name FROM users WHERE email = $1 AND age > $2
/// sql.bindings               // [.text(email), .integer(minAge)]
/// ```
public struct SQL: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The text around the parameters; always `bindings.count + 1` pieces.
    public private(set) var segments: [String]
    /// The parameter values, in order.
    public private(set) var bindings: [DatabaseValue]

    /// A statement with no parameters.
    public init(stringLiteral text: String) {
        segments = [text]
        bindings = []
    }

    /// A statement built by interpolation (values become parameters).
    public init(stringInterpolation: StringInterpolation) {
        segments = stringInterpolation.segments
        bindings = stringInterpolation.bindings
    }

    /// A statement from text with `?` placeholders and their values (for generated code
    /// that assembles text itself). `?` inside quotes ('…', "…") and comments is not a
    /// placeholder. Traps if the counts differ: that is a code-generation bug.
    public init(_ text: String, _ bindings: [DatabaseValue]) {
        var segments: [String] = []
        var current = ""
        var quote: Character?
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
                current.append(c)
            } else if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { current.append(chars[i]); i += 1 }
                continue
            } else if c == "?" {
                segments.append(current)
                current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        segments.append(current)
        precondition(segments.count == bindings.count + 1, "omni storage: SQL has \(segments.count - 1) placeholders but \(bindings.count) values")
        self.segments = segments
        self.bindings = bindings
    }

    /// The text with placeholders for `dialect`.
    public func text(for dialect: SQLDialect) -> String {
        if bindings.isEmpty { return segments[0] }
        var out = segments[0]
        for i in 1..<segments.count {
            out += dialect.placeholder(i)
            out += segments[i]
        }
        return out
    }

    /// The statement with `other` appended (with its bindings).
    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Appends `other` (text and bindings).
    public mutating func append(_ other: SQL) {
        segments[segments.count - 1] += other.segments[0]
        segments.append(contentsOf: other.segments.dropFirst())
        bindings.append(contentsOf: other.bindings)
    }

    /// Joins statements with a separator (e.g. `", "` or `" AND "`).
    public static func joined(_ parts: [SQL], separator: SQL) -> SQL {
        var result: SQL = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { result.append(separator) }
            result.append(part)
        }
        return result
    }

    /// The SQLite rendering followed by the bound values (for logs and tests).
    public var description: String {
        bindings.isEmpty ? segments[0] : "\(text(for: .sqlite)) -- \(bindings)"
    }

    /// Builds `SQL` from a string literal with interpolations.
    public struct StringInterpolation: StringInterpolationProtocol {
        var segments: [String] = [""]
        var bindings: [DatabaseValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            segments.reserveCapacity(interpolationCount + 1)
            bindings.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            segments[segments.count - 1] += literal
        }

        /// Binds `value` as a parameter.
        public mutating func appendInterpolation(_ value: some DatabaseValueConvertible) {
            bindings.append(value.sqlValue)
            segments.append("")
        }

        /// Binds an optional value as a parameter (`nil` binds NULL).
        public mutating func appendInterpolation<V: DatabaseValueConvertible>(_ value: V?) {
            bindings.append(value?.sqlValue ?? .null)
            segments.append("")
        }

        /// Binds each value as a parameter, separated by commas (for `IN (…)`); an empty
        /// list renders `NULL`, so `x IN (NULL)` selects nothing.
        public mutating func appendInterpolation<V: DatabaseValueConvertible>(list values: [V]) {
            if values.isEmpty { appendLiteral("NULL"); return }
            for (i, value) in values.enumerated() {
                if i > 0 { appendLiteral(", ") }
                appendInterpolation(value)
            }
        }

        /// Writes a quoted identifier (`"name"`, with `"` doubled), for table and column
        /// names chosen at run time from a known list.
        public mutating func appendInterpolation(identifier name: String) {
            appendLiteral("\"" + name.replacingAll("\"", with: "\"\"") + "\"")
        }

        /// Splices another statement (its text and bindings).
        public mutating func appendInterpolation(_ sql: SQL) {
            segments[segments.count - 1] += sql.segments[0]
            segments.append(contentsOf: sql.segments.dropFirst())
            bindings.append(contentsOf: sql.bindings)
        }

        /// Writes literal SQL text; only a `StaticString`, so it cannot carry data.
        public mutating func appendInterpolation(raw text: StaticString) {
            appendLiteral(text.description)
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
