import OmniBase

/// Arrays and inline tables, read without recursion: an explicit stack of open brackets keeps
/// deeply nested input from exhausting the thread's stack, and nesting is bounded by
/// `TOMLParser.maxNestingDepth`.
extension TOMLReader {
    /// An array being read: `[` seen, elements so far.
    struct ArrayFrame {
        var open: Int
        var elements: [TOMLValue] = []
        /// After `[` or `,`: a value or `]` comes next; otherwise `,` or `]`.
        var expectingValue = true
        var lastElementEnd: Int
        /// The last element was reported as invalid: a missing `,` after it is not reported too.
        var lastElementFailed = false
    }

    /// An inline table being read: `{` seen, the table node that collects its entries.
    struct InlineFrame {
        enum State { case afterOpen, afterComma, afterValue }
        var open: Int
        var node: Int
        var state: State = .afterOpen
        var pendingKey: [TOMLKey] = []
        var lastComma: Int?
        var reportedNewline = false
    }

    enum Frame {
        case array(ArrayFrame)
        case inline(InlineFrame)

        /// How much this frame adds to the nesting depth (an inline table's pending dotted
        /// key adds one level per extra part).
        var depth: Int {
            switch self {
            case .array: 1
            case .inline(let f): 1 + max(0, f.pendingKey.count - 1)
            }
        }
    }

    enum Step {
        case needValue
        case closed(TOMLValue)
        case abort
    }

    /// Whether `c` can begin a value (or a bare word reported as a missing-quotes error).
    static func isValueStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
            || TOMLScanner.isDigit(c) || TOMLScanner.isLetter(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
            || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
    }

    /// A value, the cursor on its first byte. Returns nil, having reported why, when no value
    /// could be read; errors inside an array or inline table that could be recovered from
    /// leave the rest of the value intact.
    mutating func value() -> TOMLValue? {
        var stack: [Frame] = []
        var delivered: TOMLValue?
        var hasDelivery = false
        var needValue = true
        while true {
            if needValue {
                needValue = false
                guard let c = peek() else { return nil }
                if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                    let depth = stack.reduce(0) { $0 + $1.depth }
                    if depth >= TOMLParser.maxNestingDepth {
                        report(Diagnostic.error(TOMLCode.nestingTooDeep,
                                                "arrays and inline tables are nested more than \(TOMLParser.maxNestingDepth) levels deep",
                                                at: span(i..<i + 1), label: "level \(depth + 1) starts here")
                            .helping("flatten the data, or move parts of it into `[table]` sections"))
                        skipNested(depth: stack.count)
                        return nil
                    }
                    if c == UInt8(ascii: "[") {
                        stack.append(.array(ArrayFrame(open: i, lastElementEnd: i + 1)))
                    } else {
                        stack.append(.inline(InlineFrame(open: i, node: tree.detachedTable(origin: .inline, span: span(i..<i + 1)))))
                    }
                    i += 1
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    delivered = stringValue()
                    hasDelivery = true
                } else if TOMLReader.isValueStart(c) {
                    delivered = scalarValue()
                    hasDelivery = true
                } else {
                    if !badBytes.contains(i) {
                        report(Diagnostic.error(TOMLCode.missingValue, "expected a value, found \(describe(at: i))",
                                                at: charSpan(at: i), label: "expected a value")
                            .helping("write a string (`\"…\"`), a number, a boolean, a date, an array (`[…]`) or an inline table (`{…}`)"))
                    }
                    if stack.isEmpty { return nil }
                    skipJunk()
                    delivered = nil
                    hasDelivery = true
                }
            }
            guard let top = stack.popLast() else { return delivered }
            let step: Step
            switch top {
            case .array(var f):
                if hasDelivery {
                    if let v = delivered { f.elements.append(v) }
                    f.lastElementFailed = delivered == nil
                    f.expectingValue = false
                    f.lastElementEnd = i
                    hasDelivery = false
                }
                step = stepArray(&f)
                if case .needValue = step { stack.append(.array(f)) }
            case .inline(var f):
                if hasDelivery {
                    if let v = delivered, !f.pendingKey.isEmpty, let d = tree.insert(f.pendingKey, value: v, into: f.node) {
                        report(d)
                    }
                    f.pendingKey = []
                    f.state = .afterValue
                    hasDelivery = false
                }
                step = stepInline(&f, depth: stack.reduce(0) { $0 + $1.depth })
                if case .needValue = step { stack.append(.inline(f)) }
            }
            switch step {
            case .needValue:
                needValue = true
            case .closed(let v):
                delivered = v
                hasDelivery = true
            case .abort:
                return nil
            }
        }
    }

    /// Skips spaces, tabs, newlines and comments inside an array.
    mutating func skipArrayFiller() {
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A {
                i += 1
            } else if c == 0x0D {
                if peek(1) != 0x0A { report(controlCharacter(at: i, in: "a TOML file")) }
                i += 1
            } else if c == UInt8(ascii: "#") {
                skipComment()
            } else {
                return
            }
        }
    }

    mutating func stepArray(_ f: inout ArrayFrame) -> Step {
        while true {
            skipArrayFiller()
            guard let c = peek() else {
                report(Diagnostic.error(TOMLCode.unclosedArray, "this array is never closed", at: span(f.open..<f.open + 1),
                                        label: "the array starts here")
                    .note("the file ends before its `]`")
                    .fixing(.insert("]", at: point(f.lastElementEnd), "close the array")))
                return .abort
            }
            if atLineStart, f.open < lineStart(of: i), looksLikeStatement(headerToo: !f.expectingValue) {
                report(Diagnostic.error(TOMLCode.unclosedArray, "this array is never closed", at: span(f.open..<f.open + 1),
                                        label: "the array starts here")
                    .labeled(charSpan(at: i), "the next key/value pair or table starts here")
                    .fixing(.insert("]", at: point(f.lastElementEnd), "close the array")))
                return .abort
            }
            if c == UInt8(ascii: "]") {
                i += 1
                return .closed(TOMLValue(.array(f.elements), span: span(f.open..<i)))
            }
            if f.expectingValue {
                if c == UInt8(ascii: ",") {
                    report(Diagnostic.error(TOMLCode.missingValue, "expected a value or `]`, found `,`", at: span(i..<i + 1),
                                            label: "expected a value before this comma")
                        .fixing(.replace(span(i..<i + 1), with: "", "remove the comma")))
                    i += 1
                    continue
                }
                if TOMLReader.isValueStart(c) { return .needValue }
                if !badBytes.contains(i) {
                    report(Diagnostic.error(TOMLCode.missingValue, "expected a value or `]`, found \(describe(at: i))",
                                            at: charSpan(at: i), label: "expected a value")
                        .labeled(span(f.open..<f.open + 1), "in this array"))
                }
                skipJunk()
                continue
            }
            if c == UInt8(ascii: ",") {
                i += 1
                f.expectingValue = true
                continue
            }
            if TOMLReader.isValueStart(c) {
                if f.lastElementFailed || startsBareWord() {
                    f.expectingValue = true
                    return .needValue
                }
                report(Diagnostic.error(TOMLCode.unclosedArray, "expected `,` or `]` after an array element, found \(describe(at: i))",
                                        at: charSpan(at: i), label: "expected `,` before this element")
                    .labeled(span(f.open..<f.open + 1), "in this array")
                    .fixing(.insert(",", at: point(f.lastElementEnd), "add a comma")))
                f.expectingValue = true
                return .needValue
            }
            if !badBytes.contains(i) {
                var d = Diagnostic.error(TOMLCode.unclosedArray, "expected `,` or `]` after an array element, found \(describe(at: i))",
                                         at: charSpan(at: i), label: "expected `,` or `]`")
                    .labeled(span(f.open..<f.open + 1), "in this array")
                if c == UInt8(ascii: "}") || c == UInt8(ascii: ")") {
                    d = d.fixing(.replace(span(i..<i + 1), with: "]", "close the array with `]`"))
                }
                report(d)
            }
            skipJunk()
        }
    }

    mutating func stepInline(_ f: inout InlineFrame, depth: Int) -> Step {
        while true {
            skipWhitespace()
            guard let c = peek() else {
                report(unclosedInline(f, found: "the end of the file"))
                return .abort
            }
            if c == 0x0A || c == 0x0D || (c == UInt8(ascii: "#") && f.state != .afterValue && f.reportedNewline) {
                if f.state == .afterValue, !nextNonBlankCloses() {
                    report(unclosedInline(f, found: "the end of the line"))
                    return .abort
                }
                if !f.reportedNewline {
                    f.reportedNewline = true
                    report(Diagnostic.error(TOMLCode.newlineInInlineTable, "an inline table must be on one line",
                                            at: charSpan(at: i), label: "newline inside `{ … }`")
                        .labeled(span(f.open..<f.open + 1), "the inline table starts here")
                        .helping("put the whole `{ … }` on one line, or write the entries under a `[table]` header"))
                }
                skipArrayFiller()
                continue
            }
            if c == UInt8(ascii: "#") {
                report(unclosedInline(f, found: "a comment"))
                return .abort
            }
            if c == UInt8(ascii: "}") {
                if f.state == .afterComma, let comma = f.lastComma {
                    report(Diagnostic.error(TOMLCode.trailingCommaInInlineTable, "an inline table cannot end with a comma",
                                            at: span(comma..<comma + 1), label: "trailing comma")
                        .fixing(.replace(span(comma..<comma + 1), with: "", "remove the comma")))
                }
                i += 1
                let table = tree.freeze(f.node, origin: .inline)
                return .closed(TOMLValue(.table(table), span: span(f.open..<i)))
            }
            switch f.state {
            case .afterOpen, .afterComma:
                if c == UInt8(ascii: ",") {
                    report(Diagnostic.error(TOMLCode.unclosedInlineTable, "expected a key or `}`, found `,`", at: span(i..<i + 1),
                                            label: "expected a key before this comma")
                        .fixing(.replace(span(i..<i + 1), with: "", "remove the comma")))
                    i += 1
                    continue
                }
                guard TOMLScanner.isKeyStart(c) else {
                    if !badBytes.contains(i) {
                        report(Diagnostic.error(TOMLCode.unclosedInlineTable, "expected a key or `}`, found \(describe(at: i))",
                                                at: charSpan(at: i), label: "expected a key")
                            .labeled(span(f.open..<f.open + 1), "in this inline table"))
                    }
                    skipJunk()
                    continue
                }
                guard let path = keyPath() else { return .abort }
                if depth + path.count > TOMLParser.maxNestingDepth {
                    report(Diagnostic.error(TOMLCode.nestingTooDeep, "this key nests tables more than \(TOMLParser.maxNestingDepth) levels deep",
                                            at: path[0].span.merged(with: path[path.count - 1].span), label: "too deeply nested"))
                    return .abort
                }
                guard inlineAssignment(path) else { return .abort }
                f.pendingKey = path
                return .needValue
            case .afterValue:
                if c == UInt8(ascii: ",") {
                    f.lastComma = i
                    i += 1
                    f.state = .afterComma
                    continue
                }
                if TOMLScanner.isKeyStart(c) {
                    report(Diagnostic.error(TOMLCode.unclosedInlineTable, "expected `,` or `}` after an inline table entry, found \(describe(at: i))",
                                            at: charSpan(at: i), label: "expected `,` before this key")
                        .labeled(span(f.open..<f.open + 1), "in this inline table")
                        .fixing(.insert(",", at: point(lastNonBlank(before: i)), "add a comma")))
                    f.state = .afterComma
                    continue
                }
                if !badBytes.contains(i) {
                    var d = Diagnostic.error(TOMLCode.unclosedInlineTable, "expected `,` or `}` after an inline table entry, found \(describe(at: i))",
                                             at: charSpan(at: i), label: "expected `,` or `}`")
                        .labeled(span(f.open..<f.open + 1), "in this inline table")
                    if c == UInt8(ascii: "]") || c == UInt8(ascii: ")") {
                        d = d.fixing(.replace(span(i..<i + 1), with: "}", "close the inline table with `}`"))
                    }
                    report(d)
                }
                skipJunk()
            }
        }
    }

    /// After a key inside `{ … }`: `=`, leaving the cursor on the value. False (reported) when
    /// the `=` or the value is missing.
    mutating func inlineAssignment(_ path: [TOMLKey]) -> Bool {
        skipWhitespace()
        let keyText = TOMLKey.render(path: path.map(\.name))
        guard peek() == UInt8(ascii: "=") else {
            report(Diagnostic.error(TOMLCode.expectedEquals, "expected `=` after the key `\(keyText)`, found \(describe(at: i))",
                                    at: charSpan(at: i), label: "expected `=`")
                .labeled(path[0].span.merged(with: path[path.count - 1].span), "the key"))
            return false
        }
        i += 1
        skipWhitespace()
        guard let c = peek(), TOMLReader.isValueStart(c) else {
            report(Diagnostic.error(TOMLCode.missingValue, "expected a value after `\(keyText) =`, found \(describe(at: i))",
                                    at: charSpan(at: i), label: "expected a value"))
            return false
        }
        return true
    }

    func unclosedInline(_ f: InlineFrame, found: String) -> Diagnostic {
        Diagnostic.error(TOMLCode.unclosedInlineTable, "expected `}` to close the inline table, found \(found)",
                         at: charSpan(at: i), label: "expected `}`")
            .labeled(span(f.open..<f.open + 1), "the inline table starts here")
            .note("an inline table must be on one line, and cannot hold comments")
            .fixing(.insert("}", at: point(lastNonBlank(before: i)), "close the inline table"))
    }

    /// Whether the next character that is not blank, a newline or a comment is `}` or `,`.
    func nextNonBlankCloses() -> Bool {
        var k = i
        while k < b.count {
            let c = b[k]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                k += 1
            } else if c == UInt8(ascii: "#") {
                while k < b.count, b[k] != 0x0A { k += 1 }
            } else {
                return c == UInt8(ascii: "}") || c == UInt8(ascii: ",")
            }
        }
        return false
    }

    /// The offset just after the last non-blank byte before `offset` (where a missing
    /// delimiter belongs).
    func lastNonBlank(before offset: Int) -> Int {
        var k = min(offset, b.count)
        while k > 0, b[k - 1] == 0x20 || b[k - 1] == 0x09 || b[k - 1] == 0x0A || b[k - 1] == 0x0D { k -= 1 }
        return k
    }

    func lineStart(of offset: Int) -> Int {
        var k = min(offset, b.count)
        while k > 0, b[k - 1] != 0x0A { k -= 1 }
        return k
    }

    /// Whether the line at the cursor reads like `key = …` (or, when `headerToo`, like a
    /// `[table]` header): a sign that an array above it was never closed.
    func looksLikeStatement(headerToo: Bool) -> Bool {
        var k = i
        func skipKey() -> Bool {
            var any = false
            while k < b.count {
                let c = b[k]
                if TOMLScanner.isBareKeyByte(c) || c == 0x20 || c == 0x09 || c == UInt8(ascii: ".") {
                    any = any || TOMLScanner.isBareKeyByte(c)
                    k += 1
                } else if c == 0x22 || c == 0x27 {
                    k += 1
                    while k < b.count, b[k] != c, b[k] != 0x0A { k += 1 }
                    guard k < b.count, b[k] == c else { return false }
                    k += 1
                    any = true
                } else {
                    break
                }
            }
            return any
        }
        if headerToo, k < b.count, b[k] == UInt8(ascii: "[") {
            k += 1
            if k < b.count, b[k] == UInt8(ascii: "[") { k += 1 }
            guard skipKey(), k < b.count, b[k] == UInt8(ascii: "]") else { return false }
            k += 1
            if k < b.count, b[k] == UInt8(ascii: "]") { k += 1 }
            while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
            return k >= b.count || b[k] == 0x0A || b[k] == 0x0D || b[k] == UInt8(ascii: "#")
        }
        guard skipKey(), k < b.count, b[k] == UInt8(ascii: "=") else { return false }
        return true
    }

    /// Whether a word that is not a value starts at the cursor (it will be reported as one).
    func startsBareWord() -> Bool {
        guard let c = peek(), TOMLScanner.isLetter(c) else { return false }
        var k = i
        while k < b.count, TOMLScanner.isTokenByte(b[k]) { k += 1 }
        let word = String(decoding: b[i..<k], as: UTF8.self)
        return !["true", "false", "inf", "nan"].contains(word)
    }

    /// Skips at least one character, then the rest of a run that cannot continue a value.
    mutating func skipJunk() {
        if !atEnd { i += TOMLScanner.utf8Length(b[i]) }
        while let c = peek() {
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "["),
                 UInt8(ascii: "{"), UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                return
            default:
                i += 1
            }
        }
    }

    /// After a nesting error: skips to where the outermost open bracket closes, to a line that
    /// reads like the next key/value pair or header, or to the end of the file, stepping over
    /// quoted strings.
    mutating func skipNested(depth open: Int) {
        var depth = open
        while let c = peek() {
            switch c {
            case 0x0A:
                i += 1
                skipWhitespace()
                if looksLikeStatement(headerToo: true) { return }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth <= 0 { i += 1; return }
            case 0x22, 0x27:
                i += 1
                while let d = peek(), d != c, d != 0x0A {
                    i += d == 0x5C && c == 0x22 ? 2 : 1
                }
            default:
                break
            }
            if !atEnd { i += 1 }
        }
        i = min(i, b.count)
    }
}
