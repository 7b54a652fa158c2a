import OmniBase

// Codes of the TOML reader (omni.toml, blueprint.toml), E0600–E0629:
//   E0600 invalid UTF-8                      E0615 unclosed inline table / missing `,`
//   E0601 control character                  E0616 newline inside an inline table
//   E0602 expected a key or table header     E0617 trailing comma in an inline table
//   E0603 expected `=` after a key           E0618 malformed key
//   E0604 missing value                      E0619 malformed table header
//   E0605 extra text after a value/header    E0620 key defined twice
//   E0606 unclosed string                    E0621 table defined twice
//   E0607 invalid escape sequence            E0622 inline table extended
//   E0608 invalid Unicode escape             E0623 a value used as a table
//   E0609 malformed integer                  E0624 array of tables vs table/array
//   E0610 integer out of range               E0625 dotted keys vs table headers
//   E0611 malformed float                    E0626 nesting too deep
//   E0612 malformed date-time                E0627 unquoted string (bare word value)
//   E0613 date-time field out of range       E0628 value of the wrong type (accessors)
//   E0614 unclosed array / missing `,`       E0629 unknown key (accessors)

/// The stable codes of the TOML reader.
enum TOMLCode {
    static let invalidUTF8: DiagnosticCode = "E0600"
    static let controlCharacter: DiagnosticCode = "E0601"
    static let expectedKey: DiagnosticCode = "E0602"
    static let expectedEquals: DiagnosticCode = "E0603"
    static let missingValue: DiagnosticCode = "E0604"
    static let expectedNewline: DiagnosticCode = "E0605"
    static let unclosedString: DiagnosticCode = "E0606"
    static let invalidEscape: DiagnosticCode = "E0607"
    static let invalidUnicodeEscape: DiagnosticCode = "E0608"
    static let invalidInteger: DiagnosticCode = "E0609"
    static let integerOutOfRange: DiagnosticCode = "E0610"
    static let invalidFloat: DiagnosticCode = "E0611"
    static let invalidDateTime: DiagnosticCode = "E0612"
    static let dateTimeOutOfRange: DiagnosticCode = "E0613"
    static let unclosedArray: DiagnosticCode = "E0614"
    static let unclosedInlineTable: DiagnosticCode = "E0615"
    static let newlineInInlineTable: DiagnosticCode = "E0616"
    static let trailingCommaInInlineTable: DiagnosticCode = "E0617"
    static let invalidKey: DiagnosticCode = "E0618"
    static let invalidHeader: DiagnosticCode = "E0619"
    static let duplicateKey: DiagnosticCode = "E0620"
    static let duplicateTable: DiagnosticCode = "E0621"
    static let inlineTableExtended: DiagnosticCode = "E0622"
    static let notATable: DiagnosticCode = "E0623"
    static let arrayOfTablesConflict: DiagnosticCode = "E0624"
    static let dottedKeyConflict: DiagnosticCode = "E0625"
    static let nestingTooDeep: DiagnosticCode = "E0626"
    static let bareWordValue: DiagnosticCode = "E0627"
    static let wrongType: DiagnosticCode = "E0628"
    static let unknownKey: DiagnosticCode = "E0629"
}

/// Reads TOML 1.0 with a span on every key, value and table header.
///
/// The parser recovers: every independent error is reported, and reading goes on at the next
/// line or table header. The document holds everything that was read correctly.
public enum TOMLParser {
    /// How deeply arrays and inline tables may nest inside one another.
    public static let maxNestingDepth = 128

    /// Parses one TOML file into a document and the diagnostics of its errors.
    public static func parse(_ file: SourceFile) -> (TOMLDocument, [Diagnostic]) {
        var reader = TOMLReader(file: file)
        reader.run()
        let root = reader.tree.freeze(reader.tree.root, origin: .root)
        let document = TOMLDocument(root: root, span: Span(file: file.id, 0..<file.bytes.count))
        return (document, reader.diagnostics)
    }
}

/// The state of one parse: a cursor over the bytes, the tables built so far, the diagnostics.
struct TOMLReader {
    let file: SourceFile
    let b: [UInt8]
    var i = 0
    var diagnostics: [Diagnostic] = []
    var tree: TOMLTreeBuilder
    /// Offsets of bytes already reported as invalid UTF-8, so they are not reported twice.
    var badBytes: Set<Int> = []
    /// The table that key/value lines go into (the root, the last header's table, or a
    /// detached table after a broken header).
    var current: Int

    init(file: SourceFile) {
        self.file = file
        self.b = file.bytes
        self.tree = TOMLTreeBuilder(file: file.id)
        self.current = tree.root
    }

    // MARK: Cursor

    var atEnd: Bool { i >= b.count }
    func peek(_ k: Int = 0) -> UInt8? { i + k < b.count ? b[i + k] : nil }
    func span(_ r: Range<Int>) -> Span { Span(file: file.id, r.clamped(to: 0..<b.count)) }
    func span(from start: Int) -> Span { span(start..<i) }
    func point(_ offset: Int) -> Span { Span.point(file.id, min(offset, b.count)) }

    mutating func report(_ d: Diagnostic) { diagnostics.append(d) }

    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while let c = peek(), c == 0x20 || c == 0x09 { i += 1 }
    }

    /// Whether the cursor is at a line end (LF, CRLF) or the end of the file.
    var atLineEnd: Bool {
        guard let c = peek() else { return true }
        return c == 0x0A || (c == 0x0D && peek(1) == 0x0A)
    }

    /// Whether only spaces and tabs stand between the previous line break and the cursor.
    var atLineStart: Bool {
        var k = i - 1
        while k >= 0, b[k] == 0x20 || b[k] == 0x09 { k -= 1 }
        return k < 0 || b[k] == 0x0A
    }

    /// Moves to the start of the next line (past its LF), or to the end of the file.
    mutating func skipLine() {
        while let c = peek(), c != 0x0A { i += 1 }
        if !atEnd { i += 1 }
    }

    /// Consumes a comment from `#` to the end of the line, reporting control characters.
    mutating func skipComment() {
        i += 1
        var reported = false
        while let c = peek(), c != 0x0A {
            if c == 0x0D, peek(1) == 0x0A { break }
            if TOMLScanner.isForbiddenControl(c), !reported {
                reported = true
                report(controlCharacter(at: i, in: "a comment"))
            }
            i += 1
        }
    }

    /// A short description of the byte (or character) at `offset` for "found …" messages.
    func describe(at offset: Int) -> String {
        guard offset < b.count else { return "the end of the file" }
        let c = b[offset]
        switch c {
        case 0x0A: return "a newline"
        case 0x0D: return offset + 1 < b.count && b[offset + 1] == 0x0A ? "a newline" : "a carriage return"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        case UInt8(ascii: "#"): return "a comment"
        default:
            if c < 0x20 || c == 0x7F { return "the control character U+\(TOMLScanner.hex(UInt32(c), 4))" }
            let len = TOMLScanner.utf8Length(c)
            return "`\(file.text(offset..<min(b.count, offset + len)))`"
        }
    }

    /// The span of one character (its UTF-8 bytes) at `offset`, or an empty span at the end.
    func charSpan(at offset: Int) -> Span {
        guard offset < b.count else { return point(b.count) }
        if b[offset] == 0x0D, offset + 1 < b.count, b[offset + 1] == 0x0A { return span(offset..<offset + 2) }
        return span(offset..<min(b.count, offset + TOMLScanner.utf8Length(b[offset])))
    }

    func controlCharacter(at offset: Int, in place: String) -> Diagnostic {
        let c = b[offset]
        let name = c == 0x0D ? "a carriage return (U+000D) not followed by a newline" : "the control character U+\(TOMLScanner.hex(UInt32(c), 4))"
        var d = Diagnostic.error(TOMLCode.controlCharacter, "\(name) is not allowed in \(place)",
                                 at: span(offset..<offset + 1), label: "control character")
        if place.hasSuffix("string") && !place.contains("literal") {
            d = d.helping("write it as an escape sequence: `\\u\(TOMLScanner.hex(UInt32(c), 4))`")
                .fixing(.replace(span(offset..<offset + 1), with: "\\u" + TOMLScanner.hex(UInt32(c), 4), "escape it"))
        } else {
            d = d.helping("TOML allows no control characters other than tab outside of escapes")
        }
        return d
    }

    // MARK: Document structure

    mutating func run() {
        if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) || TOMLReader.looksLikeUTF16(b) {
            report(Diagnostic.error(TOMLCode.invalidUTF8, "the file is encoded as UTF-16, not UTF-8", at: span(0..<2),
                                    label: b.first == 0xFF || b.first == 0xFE ? "UTF-16 byte-order mark" : "UTF-16 text")
                .helping("save the file as UTF-8; TOML files are always UTF-8"))
            return
        }
        validateUTF8()
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while !atEnd {
            let before = i
            skipWhitespace()
            guard let c = peek() else { break }
            switch c {
            case 0x0A:
                i += 1
            case 0x0D where peek(1) == 0x0A:
                i += 2
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "["):
                header()
            default:
                if TOMLScanner.isKeyStart(c) {
                    keyValueLine()
                } else {
                    unexpectedAtLineStart()
                }
            }
            if i == before { i += 1 }   // always make progress
        }
    }

    /// UTF-16 without a byte-order mark: ASCII text with every other byte zero.
    static func looksLikeUTF16(_ b: [UInt8]) -> Bool {
        guard b.count >= 4 else { return false }
        let n = min(b.count / 2, 64)
        let evenZero = (0..<n).allSatisfy { b[2 * $0] == 0 && b[2 * $0 + 1] != 0 }
        let oddZero = (0..<n).allSatisfy { b[2 * $0 + 1] == 0 && b[2 * $0] != 0 }
        return evenZero || oddZero
    }

    mutating func unexpectedAtLineStart() {
        let c = b[i]
        if badBytes.contains(i) { skipLine(); return }
        if TOMLScanner.isForbiddenControl(c) {
            report(controlCharacter(at: i, in: "a TOML file"))
            i += 1
            return
        }
        var d = Diagnostic.error(TOMLCode.expectedKey, "expected a key or a table header, found \(describe(at: i))",
                                 at: charSpan(at: i), label: "expected a key like `name = …` or a header like `[table]`")
        if c >= 0x80 {
            // A non-ASCII bare key: offer to quote the word.
            var end = i
            while end < b.count, b[end] != 0x20, b[end] != 0x09, b[end] != UInt8(ascii: "="), b[end] != 0x0A, b[end] != 0x0D { end += 1 }
            let word = file.text(i..<end)
            d = d.helping("bare keys may only contain ASCII letters, digits, `_` and `-`; quote other keys")
                .fixing(.replace(span(i..<end), with: TOMLKey.render(word), "quote the key"))
        } else if c == UInt8(ascii: "=") {
            d.primaryLabel = "a key is missing before `=`"
        }
        report(d)
        skipLine()
    }

    /// Requires the end of a line after a key/value pair or a header: spaces, an optional
    /// comment, then a newline or the end of the file.
    mutating func endOfLine(after what: String) {
        skipWhitespace()
        if peek() == UInt8(ascii: "#") { skipComment() }
        if atLineEnd { return }
        if peek() == 0x0D {
            report(controlCharacter(at: i, in: "a TOML file"))
            i += 1
            return
        }
        if badBytes.contains(i) { skipLine(); return }
        report(Diagnostic.error(TOMLCode.expectedNewline, "expected a newline after \(what), found \(describe(at: i))",
                                at: charSpan(at: i), label: "unexpected here")
            .helping("each key/value pair and each table header goes on a line of its own"))
        skipLine()
    }

    /// `key = value` at the start of a line.
    mutating func keyValueLine() {
        guard let path = keyPath() else { skipLine(); return }
        guard let value = assignment(after: path) else {
            if !atLineStart { skipLine() }
            return
        }
        if let d = tree.insert(path, value: value, into: current) { report(d) }
        endOfLine(after: "the value of `\(TOMLKey.render(path: path.map(\.name)))`")
    }

    /// After a key: `=` and a value. Returns nil (having reported why) when either is missing.
    mutating func assignment(after path: [TOMLKey]) -> TOMLValue? {
        skipWhitespace()
        let keyText = TOMLKey.render(path: path.map(\.name))
        guard peek() == UInt8(ascii: "=") else {
            var d = Diagnostic.error(TOMLCode.expectedEquals, "expected `=` after the key `\(keyText)`, found \(describe(at: i))",
                                     at: charSpan(at: i), label: "expected `=`")
                .labeled(path.last!.span.merged(with: path.first!.span), "the key")
            if let c = peek(), TOMLScanner.isBareKeyByte(c) {
                d = d.helping("a key with spaces must be quoted, like `\"two words\" = 1`")
            } else if atLineEnd {
                d = d.helping("every key needs a value: `\(keyText) = …`")
                    .fixing(.insert(" = \"\"", at: point(i), "add a value"))
            }
            report(d)
            return nil
        }
        let equals = i
        i += 1
        skipWhitespace()
        if atLineEnd || peek() == UInt8(ascii: "#") {
            report(Diagnostic.error(TOMLCode.missingValue, "expected a value after `\(keyText) =`, found \(describe(at: i))",
                                    at: charSpan(at: i), label: "expected a value")
                .labeled(span(equals..<equals + 1), "the value belongs after this `=`")
                .helping("write a string (`\"…\"`), a number, a boolean, a date, an array (`[…]`) or an inline table (`{…}`)"))
            return nil
        }
        return value()
    }

    // MARK: Keys

    /// A possibly dotted key: `a`, `"quoted"`, `a.b."c"`. Reports and returns nil on errors.
    mutating func keyPath() -> [TOMLKey]? {
        var path: [TOMLKey] = []
        while true {
            skipWhitespace()
            guard let key = simpleKey(after: path) else { return nil }
            path.append(key)
            if path.count > TOMLParser.maxNestingDepth {
                report(Diagnostic.error(TOMLCode.nestingTooDeep, "this dotted key has more than \(TOMLParser.maxNestingDepth) parts",
                                        at: path[0].span.merged(with: key.span), label: "too deeply nested"))
                return nil
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ".") else { return path }
            i += 1
        }
    }

    mutating func simpleKey(after path: [TOMLKey]) -> TOMLKey? {
        let start = i
        guard let c = peek() else {
            report(.error(TOMLCode.invalidKey, "expected a key after `.`, found the end of the file", at: point(i), label: "expected a key"))
            return nil
        }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            if peek(1) == c, peek(2) == c {
                report(Diagnostic.error(TOMLCode.invalidKey, "a key cannot be a multi-line string", at: span(i..<i + 3),
                                        label: "multi-line string used as a key")
                    .helping("quote keys with `\"…\"` or `'…'`"))
                return nil
            }
            guard let s = c == 0x22 ? basicString() : literalString() else { return nil }
            return TOMLKey(name: s, span: span(from: start))
        }
        if TOMLScanner.isBareKeyByte(c) {
            while let d = peek(), TOMLScanner.isBareKeyByte(d) { i += 1 }
            return TOMLKey(name: file.text(start..<i), span: span(from: start))
        }
        let message = path.isEmpty ? "expected a key, found \(describe(at: i))"
            : "expected a key after `\(TOMLKey.render(path: path.map(\.name))).`, found \(describe(at: i))"
        var d = Diagnostic.error(TOMLCode.invalidKey, message, at: charSpan(at: i), label: "expected a key")
        if c == UInt8(ascii: "."), !path.isEmpty {
            d = d.helping("a dotted key has no empty parts").fixing(.replace(span(i..<i + 1), with: "", "remove the extra `.`"))
        } else if c >= 0x80 {
            d = d.helping("bare keys may only contain ASCII letters, digits, `_` and `-`; quote other keys")
        }
        if !badBytes.contains(i) || !path.isEmpty { report(d) }
        return nil
    }

    // MARK: Headers

    /// `[table]` or `[[array.of.tables]]`.
    mutating func header() {
        let start = i
        let isArray = peek(1) == UInt8(ascii: "[")
        i += isArray ? 2 : 1
        skipWhitespace()
        let kind = isArray ? "array-of-tables header" : "table header"
        if peek() == UInt8(ascii: "]") {
            report(Diagnostic.error(TOMLCode.invalidHeader, "a \(kind) needs a name", at: span(start..<i + 1),
                                    label: "empty header")
                .helping(isArray ? "write `[[name]]`" : "write `[name]`, or remove the header to keep the keys in the root table"))
            headerFailed()
            return
        }
        guard let path = keyPath() else { headerFailed(); return }
        skipWhitespace()
        let close = isArray ? "]]" : "]"
        let closeOK = isArray ? (peek() == 0x5D && peek(1) == 0x5D) : peek() == 0x5D
        guard closeOK else {
            var d = Diagnostic.error(TOMLCode.invalidHeader, "expected `\(close)` to close the \(kind), found \(describe(at: i))",
                                     at: charSpan(at: i), label: "expected `\(close)`")
                .labeled(span(start..<start + (isArray ? 2 : 1)), "the header starts here")
            if isArray, peek() == 0x5D {
                d = d.helping("the two `]` of `]]` must touch")
            } else if atLineEnd || peek() == UInt8(ascii: "#") {
                d = d.fixing(.insert(close, at: point(i), "close the header"))
            } else if peek() == UInt8(ascii: "=") {
                d = d.helping("a key/value pair goes on its own line below the header")
            }
            report(d)
            headerFailed()
            return
        }
        i += close.utf8.count
        let headerSpan = span(from: start)
        if let table = isArray ? tree.appendArrayElement(path, header: headerSpan) : tree.defineTable(path, header: headerSpan) {
            current = table.node
        } else {
            report(tree.lastError!)
            current = tree.detachedTable()
        }
        endOfLine(after: "the \(kind) `\(file.text(headerSpan))`")
    }

    /// After a broken header its keys go to a table that is not part of the document, so
    /// they are still checked but cannot clash with anything.
    mutating func headerFailed() {
        current = tree.detachedTable()
        skipLine()
    }

    // MARK: UTF-8

    /// Reports each run of bytes that is not well-formed UTF-8 (overlong forms, surrogates and
    /// code points above U+10FFFF included).
    mutating func validateUTF8() {
        var k = 0
        var lastReportedLine = -1
        while k < b.count {
            let c = b[k]
            if c < 0x80 { k += 1; continue }
            let len = TOMLScanner.validUTF8Length(b, at: k)
            if len > 0 {
                if len == 3, c == 0xEF, b[k + 1] == 0xBB, b[k + 2] == 0xBF, k != 0 {
                    report(Diagnostic.error(TOMLCode.invalidUTF8, "a byte-order mark is only allowed at the start of the file",
                                            at: span(k..<k + 3), label: "byte-order mark (U+FEFF)")
                        .fixing(.replace(span(k..<k + 3), with: "", "remove it")))
                    badBytes.formUnion(k..<k + 3)
                }
                k += len
                continue
            }
            var end = k + 1
            while end < b.count, b[end] >= 0x80, TOMLScanner.validUTF8Length(b, at: end) == 0 { end += 1 }
            badBytes.formUnion(k..<end)
            let line = file.location(of: k).line
            if line != lastReportedLine {
                lastReportedLine = line
                let hexBytes = b[k..<min(end, k + 4)].map { "0x" + TOMLScanner.hex(UInt32($0), 2) }.joined(separator: " ")
                report(Diagnostic.error(TOMLCode.invalidUTF8, "the file is not valid UTF-8", at: span(k..<end),
                                        label: "invalid byte\(end - k == 1 ? "" : "s") \(hexBytes)\(end - k > 4 ? " …" : "")")
                    .note(b.count >= 2 && (b[0] == 0xFF || b[0] == 0xFE) ? "the file looks like UTF-16; TOML files are UTF-8" : "TOML files must be encoded as UTF-8")
                    .helping("save the file as UTF-8"))
            }
            k = end
        }
    }
}
