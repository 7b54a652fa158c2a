import OmniBase

/// Builds the document's tables while the parser reads, enforcing TOML's rules on defining
/// tables and keys: a key or table is defined once, inline tables and static arrays are
/// closed, dotted keys and headers do not reopen each other's tables.
struct TOMLTreeBuilder {
    struct TableNode {
        var origin: TOMLTable.Origin
        /// The header, the key segment that made the table, or the inline table's `{`.
        var span: Span
        var keys: [TOMLKey] = []
        var children: [String: Int] = [:]
    }

    enum Node {
        case table(TableNode)
        /// `[[name]]`: the element tables, and the first header.
        case tableArray(elements: [Int], span: Span)
        /// A finished value: a scalar, a static array or an inline table.
        case value(TOMLValue)
    }

    let file: FileID
    var nodes: [Node] = []
    let root = 0
    /// The error of the last `defineTable` or `appendArrayElement` that returned nil.
    var lastError: Diagnostic?

    init(file: FileID) {
        self.file = file
        nodes = [.table(TableNode(origin: .root, span: .point(file, 0)))]
    }

    struct Opened { var node: Int }

    /// A table outside the document: for inline tables being read, and for the keys under a
    /// header that could not be defined.
    mutating func detachedTable(origin: TOMLTable.Origin = .root, span: Span? = nil) -> Int {
        nodes.append(.table(TableNode(origin: origin, span: span ?? .point(file, 0))))
        return nodes.count - 1
    }

    func table(_ n: Int) -> TableNode? {
        if case .table(let t) = nodes[n] { t } else { nil }
    }

    func keySpan(of name: String, in parent: Int) -> Span? {
        table(parent)?.keys.first { $0.name == name }?.span
    }

    mutating func addChild(_ key: TOMLKey, _ node: Node, to parent: Int) -> Int {
        nodes.append(node)
        let n = nodes.count - 1
        if case .table(var t) = nodes[parent] {
            t.keys.append(key)
            t.children[key.name] = n
            nodes[parent] = .table(t)
        }
        return n
    }

    static func name(_ path: ArraySlice<TOMLKey>) -> String { TOMLKey.render(path: path.map(\.name)) }

    // MARK: Key/value pairs

    /// Inserts `path = value` into the table `into`. Returns the error when the rules forbid it.
    mutating func insert(_ path: [TOMLKey], value: TOMLValue, into start: Int) -> Diagnostic? {
        var node = start
        for (k, key) in path.dropLast().enumerated() {
            guard let child = table(node)?.children[key.name] else {
                node = addChild(key, .table(TableNode(origin: .dotted, span: key.span)), to: node)
                continue
            }
            let prefix = Self.name(path[...k])
            let defined = keySpan(of: key.name, in: node)
            switch nodes[child] {
            case .table(let t) where t.origin == .dotted:
                node = child
            case .table(let t):
                let how = t.origin == .implicit ? "created by a table header" : t.origin == .arrayElement ? "an element of an array of tables" : "defined by a table header"
                return Diagnostic.error(TOMLCode.dottedKeyConflict,
                                        "the dotted key `\(Self.name(path[...]))` cannot add to the table `\(prefix)`, which is \(how)",
                                        at: key.span, label: "`\(prefix)` is already a table")
                    .labeled(t.span, "`\(prefix)` defined here")
                    .helping("add the key under that header instead, or use a header like `[\(Self.name(path[...k]))]`")
            case .tableArray(_, let s):
                return Diagnostic.error(TOMLCode.arrayOfTablesConflict,
                                        "the dotted key `\(Self.name(path[...]))` cannot add to `\(prefix)`, which is an array of tables",
                                        at: key.span, label: "`\(prefix)` is an array of tables")
                    .labeled(s, "defined here")
                    .helping("add keys to the last element under its `[[\(prefix)]]` header")
            case .value(let v):
                return valueInTheWay(v, key: key, prefix: prefix, definedAt: defined, via: "the dotted key `\(Self.name(path[...]))`")
            }
        }
        let last = path[path.count - 1]
        if let existing = table(node)?.children[last.name] {
            let first = keySpan(of: last.name, in: node) ?? last.span
            var d = Diagnostic.error(TOMLCode.duplicateKey, "the key `\(Self.name(path[...]))` is defined twice",
                                     at: last.span, label: "defined again here")
                .labeled(first, "first defined here")
            if case .table(let t) = nodes[existing], t.origin != .inline {
                d.message = "the key `\(Self.name(path[...]))` is already defined as a table"
                d.labels = [Label(t.span, "the table `\(Self.name(path[...]))` is defined here")]
            }
            return d.helping("a key can be given only once per table; remove one or rename it")
        }
        _ = addChild(last, .value(value), to: node)
        return nil
    }

    func valueInTheWay(_ v: TOMLValue, key: TOMLKey, prefix: String, definedAt: Span?, via what: String) -> Diagnostic {
        if case .table = v.kind {
            return Diagnostic.error(TOMLCode.inlineTableExtended,
                                    "\(what) cannot add to `\(prefix)`, which is an inline table",
                                    at: key.span, label: "`\(prefix)` is closed")
                .labeled(v.span, "the inline table is defined here")
                .note("an inline table is complete where it is written; no keys or sub-tables can be added later")
                .helping("move the new keys inside the `{ … }`, or turn it into a `[\(prefix)]` section")
        }
        if case .array = v.kind {
            return Diagnostic.error(TOMLCode.notATable, "\(what) needs `\(prefix)` to be a table, but it is an array",
                                    at: key.span, label: "not a table")
                .labeled(definedAt ?? v.span, "`\(prefix)` is defined here as an array")
                .note("a static array `\(prefix) = [ … ]` cannot be extended; an array of tables is written `[[\(prefix)]]`")
        }
        return Diagnostic.error(TOMLCode.notATable, "\(what) needs `\(prefix)` to be a table, but it is \(v.typeDescription)",
                                at: key.span, label: "not a table")
            .labeled(definedAt ?? v.span, "`\(prefix)` is defined here as \(v.typeDescription)")
    }

    // MARK: Headers

    /// Walks the header path up to its last key, creating implicit tables. Nil (with
    /// `lastError`) when a value is in the way.
    mutating func walkHeader(_ path: [TOMLKey], kind: String) -> Int? {
        var node = root
        for (k, key) in path.dropLast().enumerated() {
            guard let child = table(node)?.children[key.name] else {
                node = addChild(key, .table(TableNode(origin: .implicit, span: key.span)), to: node)
                continue
            }
            switch nodes[child] {
            case .table:
                node = child
            case .tableArray(let elements, _):
                node = elements[elements.count - 1]
            case .value(let v):
                lastError = valueInTheWay(v, key: key, prefix: Self.name(path[...k]),
                                          definedAt: keySpan(of: key.name, in: node), via: "the \(kind) `\(Self.name(path[...]))`")
                return nil
            }
        }
        return node
    }

    /// `[a.b]`: defines the table, or reports why it cannot be.
    mutating func defineTable(_ path: [TOMLKey], header: Span) -> Opened? {
        lastError = nil
        guard let parent = walkHeader(path, kind: "table header") else { return nil }
        let last = path[path.count - 1]
        let name = Self.name(path[...])
        guard let existing = table(parent)?.children[last.name] else {
            return Opened(node: addChild(last, .table(TableNode(origin: .header, span: header)), to: parent))
        }
        switch nodes[existing] {
        case .table(var t):
            switch t.origin {
            case .implicit:
                t.origin = .header
                t.span = header
                nodes[existing] = .table(t)
                return Opened(node: existing)
            case .dotted:
                lastError = Diagnostic.error(TOMLCode.dottedKeyConflict, "the table `[\(name)]` is already defined by dotted keys",
                                             at: header, label: "defined again here")
                    .labeled(t.span, "`\(name)` is defined by this dotted key")
                    .helping("add the keys with dotted keys as well, or use only the `[\(name)]` section")
            default:
                lastError = Diagnostic.error(TOMLCode.duplicateTable, "the table `[\(name)]` is defined twice",
                                             at: header, label: "defined again here")
                    .labeled(t.span, "first defined here")
                    .helping("merge the two sections into one")
            }
        case .tableArray(_, let s):
            lastError = Diagnostic.error(TOMLCode.arrayOfTablesConflict, "`[\(name)]` conflicts with the array of tables `[[\(name)]]`",
                                         at: header, label: "a table header")
                .labeled(s, "`\(name)` is an array of tables, defined here")
                .helping("write `[[\(name)]]` to add another element")
                .fixing(FixIt("write `[[\(name)]]`", edits: [TextEdit(span: header, replacement: "[[\(name)]]")]))
        case .value(let v):
            if case .table = v.kind {
                lastError = valueInTheWay(v, key: last, prefix: name, definedAt: nil, via: "the table header `[\(name)]`")
                lastError?.span = header
            } else {
                lastError = Diagnostic.error(TOMLCode.notATable, "the table `[\(name)]` cannot be defined: `\(name)` is already \(v.typeDescription)",
                                             at: header, label: "defines a table")
                    .labeled(keySpan(of: last.name, in: parent) ?? v.span, "`\(name)` is defined here")
            }
        }
        return nil
    }

    /// `[[a.b]]`: appends a table to the array of tables, or reports why it cannot.
    mutating func appendArrayElement(_ path: [TOMLKey], header: Span) -> Opened? {
        lastError = nil
        guard let parent = walkHeader(path, kind: "array-of-tables header") else { return nil }
        let last = path[path.count - 1]
        let name = Self.name(path[...])
        guard let existing = table(parent)?.children[last.name] else {
            nodes.append(.table(TableNode(origin: .arrayElement, span: header)))
            let element = nodes.count - 1
            _ = addChild(last, .tableArray(elements: [element], span: header), to: parent)
            return Opened(node: element)
        }
        switch nodes[existing] {
        case .tableArray(var elements, let s):
            nodes.append(.table(TableNode(origin: .arrayElement, span: header)))
            elements.append(nodes.count - 1)
            nodes[existing] = .tableArray(elements: elements, span: s)
            return Opened(node: nodes.count - 1)
        case .table(let t):
            lastError = Diagnostic.error(TOMLCode.arrayOfTablesConflict, "`[[\(name)]]` cannot add an element to `\(name)`, which is a table",
                                         at: header, label: "an array-of-tables header")
                .labeled(t.span, "`\(name)` is defined as a table here")
                .helping("use `[[\(name)]]` for every element, or `[\(name)]` once")
        case .value(let v):
            if case .array = v.kind {
                lastError = Diagnostic.error(TOMLCode.arrayOfTablesConflict, "`[[\(name)]]` cannot append to the static array `\(name)`",
                                             at: header, label: "an array-of-tables header")
                    .labeled(keySpan(of: last.name, in: parent) ?? v.span, "`\(name)` is defined here as an array")
                    .note("an array written `\(name) = [ … ]` is complete; `[[\(name)]]` starts an array of tables")
            } else if case .table = v.kind {
                lastError = valueInTheWay(v, key: last, prefix: name, definedAt: nil, via: "the header `[[\(name)]]`")
                lastError?.span = header
            } else {
                lastError = Diagnostic.error(TOMLCode.notATable, "`[[\(name)]]` cannot be defined: `\(name)` is already \(v.typeDescription)",
                                             at: header, label: "an array-of-tables header")
                    .labeled(keySpan(of: last.name, in: parent) ?? v.span, "`\(name)` is defined here")
            }
        }
        return nil
    }

    // MARK: Freezing

    /// The finished table of node `n`.
    func freeze(_ n: Int, origin: TOMLTable.Origin? = nil) -> TOMLTable {
        guard let t = table(n) else { return TOMLTable(origin: origin ?? .root) }
        var out = TOMLTable(origin: origin ?? t.origin)
        for key in t.keys {
            guard let child = t.children[key.name] else { continue }
            out.set(.init(key: key, value: value(of: child)))
        }
        return out
    }

    func value(of n: Int) -> TOMLValue {
        switch nodes[n] {
        case .table(let t): TOMLValue(.table(freeze(n)), span: t.span)
        case .tableArray(let elements, let s): TOMLValue(.array(elements.map(value(of:))), span: s)
        case .value(let v): v
        }
    }
}
