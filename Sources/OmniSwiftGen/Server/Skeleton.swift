/// Fills the fixed skeletons of a generated package (`Templates/server/*.tmpl`, loaded by the
/// driver and passed in as text: OmniSwiftGen does no IO).
///
/// The placeholder syntax is deliberately tiny; skeletons hold boilerplate, never logic:
///
/// - `{{name}}` is replaced by the string value of `name` (`name` is lower-case letters,
///   digits and `_`). Values are inserted escaped as the inside of a Swift string literal
///   (`\` and `"` get a backslash), so a skeleton places placeholders only inside string
///   literals or `//` comments. A value with a line break or another control character is
///   refused.
/// - A line holding `{{name[]}}` is written once per item of the list `name`, with the
///   item in that place (no items: the line is dropped). One list placeholder per line.
/// - Any other `{{` is an error, as is a placeholder without a value.
///
/// ```
/// .package(path: "{{runtime_path}}"),
///         "{{runtime_products[]}}",
/// ```
public enum Skeleton {
    /// A skeleton that cannot be filled: an omni installation problem, not a user error.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The driver did not pass the skeleton (`server/Package.swift.tmpl`).
        case missing(String)
        /// `{{…}}` with no value, or not of the form `name` / `name[]`.
        case unknownPlaceholder(skeleton: String, line: Int, text: String)
        /// A value with a line break or control character.
        case invalidValue(name: String, value: String)

        public var description: String {
            switch self {
            case .missing(let name): "the skeleton \(name) is missing from omni's Templates folder"
            case .unknownPlaceholder(let skeleton, let line, let text): "\(skeleton):\(line): unknown placeholder {{\(text)}}"
            case .invalidValue(let name, let value): "the value of {{\(name)}} has a line break or control character: \(value.debugDescription)"
            }
        }
    }

    /// Fills `text` (the skeleton called `name`, for messages) with `values` and `lists`.
    public static func fill(_ text: String, named name: String, values: [String: String], lists: [String: [String]] = [:]) throws(Failure) -> String {
        var out: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let pieces = try split(line, skeleton: name, line: index + 1)
            let listNames = pieces.compactMap { if case .list(let n) = $0 { n } else { nil } }
            if listNames.count > 1 {
                throw .unknownPlaceholder(skeleton: name, line: index + 1, text: listNames[1] + "[]")
            }
            if let listName = listNames.first {
                guard let items = lists[listName] else { throw .unknownPlaceholder(skeleton: name, line: index + 1, text: listName + "[]") }
                for item in items {
                    out.append(try render(pieces, item: item, values: values, skeleton: name, line: index + 1))
                }
            } else {
                out.append(try render(pieces, item: nil, values: values, skeleton: name, line: index + 1))
            }
        }
        return out.joined(separator: "\n")
    }

    enum Piece { case text(Substring), value(String), list(String) }

    static func split(_ line: Substring, skeleton: String, line number: Int) throws(Failure) -> [Piece] {
        var pieces: [Piece] = []
        var rest = line
        while let open = rest.firstRange(of: "{{") {
            pieces.append(.text(rest[..<open.lowerBound]))
            let after = rest[open.upperBound...]
            guard let close = after.firstRange(of: "}}") else {
                throw .unknownPlaceholder(skeleton: skeleton, line: number, text: String(after))
            }
            let inner = after[..<close.lowerBound]
            let isList = inner.hasSuffix("[]")
            let name = isList ? inner.dropLast(2) : inner
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                throw .unknownPlaceholder(skeleton: skeleton, line: number, text: String(inner))
            }
            pieces.append(isList ? .list(String(name)) : .value(String(name)))
            rest = after[close.upperBound...]
        }
        pieces.append(.text(rest))
        return pieces
    }

    static func render(_ pieces: [Piece], item: String?, values: [String: String], skeleton: String, line: Int) throws(Failure) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .value(let n):
                guard let v = values[n] else { throw .unknownPlaceholder(skeleton: skeleton, line: line, text: n) }
                out += try escaped(v, name: n)
            case .list(let n): out += try escaped(item ?? "", name: n)
            }
        }
        return out
    }

    static func escaped(_ value: String, name: String) throws(Failure) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                throw .invalidValue(name: name, value: value)
            }
            if scalar == "\\" || scalar == "\"" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
