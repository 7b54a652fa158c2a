// The escaping contexts compiled templates need beyond text, quoted attributes and URLs:
// unquoted attribute values, JavaScript (`<script>`, `onclick="…"`), CSS (`<style>`,
// `style="…"`), a bare attribute name inside a tag, and `srcdoc` (HTML inside an attribute).
// Every method writes only bytes that cannot leave the context it is documented for.

extension HTMLWriter {
    /// Appends the decimal digits of `value` (a template `int`).
    public mutating func int(_ value: Int64) { int(Int(value)) }

    /// Appends `true` or `false`.
    public mutating func bool(_ value: Bool) {
        value ? raw("true") : raw("false")
    }

    /// Appends `s` escaped for an unquoted attribute value (`<a class={{c}}>`): besides what
    /// `attributeValue(_:)` escapes, whitespace, `=` and `` ` `` are written as numeric
    /// character references, so the value cannot end early or start another attribute.
    /// The output is also correct inside a quoted value.
    public mutating func unquotedAttributeValue(_ s: String) {
        var s = s
        s.withUTF8 { src in
            for b in src {
                if HTMLWriter.endsUnquotedValue(b) { appendReference(b) } else { storage.append(b) }
            }
        }
    }

    /// Appends a URL for an unquoted URL-valued attribute (`<a href={{u}}>`): an unsafe URL
    /// becomes `#` (see `url(_:_:)`), the rest is escaped as by `unquotedAttributeValue(_:)`.
    public mutating func unquotedURLValue(_ value: String) {
        if HTMLWriter.isSafeURL(value) {
            unquotedAttributeValue(value)
        } else {
            storage.append(UInt8(ascii: "#"))
        }
    }

    /// Appends `s` as a double-quoted JavaScript string literal, for `<script>` elements and
    /// event-handler attributes (`onclick`, `hx-on:…`).
    ///
    /// Every character that could end the literal, the attribute or the element, or start
    /// an entity or a template substitution (`"`, `'`, `` ` ``, `\`, `<`, `>`, `&`, `$`, `=`,
    /// `/`, control characters, U+2028, U+2029) is written as `\uXXXX`, so the same output is
    /// safe whether the author placed the tag inside a JavaScript string or as an
    /// expression. With `unquoted`, spaces are escaped too (an unquoted `onclick=`).
    public mutating func jsString(_ s: String, unquoted: Bool = false) {
        storage.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { src in
            var i = 0
            while i < src.count {
                let b = src[i]
                if b == 0xE2, i + 2 < src.count, src[i + 1] == 0x80, src[i + 2] == 0xA8 || src[i + 2] == 0xA9 {
                    appendUnicodeEscape(src[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    i += 3
                    continue
                }
                if HTMLWriter.isJSSafe(b) || (b == 0x20 && !unquoted) {
                    storage.append(b)
                } else {
                    appendUnicodeEscape(UInt16(b))
                }
                i += 1
            }
        }
        storage.append(UInt8(ascii: "\""))
    }

    /// Appends `s` as a CSS value (`<style>`, `style="…"`) when it is made only of letters,
    /// digits, non-ASCII characters, `#`, `%`, `.`, `,`, `-`, `_`, `+` and (unless
    /// `unquoted`) spaces: enough for colours, lengths, names and keywords, never enough to
    /// close a declaration, a rule or the element, or to call `url(…)`. Anything else writes
    /// `unsafe` instead, so the declaration is ignored by the browser.
    public mutating func cssValue(_ s: String, unquoted: Bool = false) {
        let safe = s.utf8.allSatisfy { HTMLWriter.isCSSSafe($0) || ($0 == 0x20 && !unquoted) }
        if safe { text(s) } else { raw("unsafe") }
    }

    /// Appends `name` where an attribute could stand inside a tag (`<input {{attr}}>`) when
    /// it is a plain attribute name (`[A-Za-z][A-Za-z0-9_.:-]*`) that carries no behaviour:
    /// not an event handler (`on…`, `hx-on…`), `style`, or a URL attribute. Otherwise
    /// nothing is written.
    public mutating func attributeName(_ name: String) {
        guard HTMLWriter.isPlainAttributeName(name) else { return }
        storage.append(contentsOf: name.utf8)
    }

    /// Appends `s` for the inside of an attribute whose value is itself HTML (`srcdoc`):
    /// escaped once for the document it will become and once for the attribute.
    public mutating func htmlInAttribute(_ s: String) {
        var s = s
        s.withUTF8 { src in
            for b in src {
                switch b {
                case UInt8(ascii: "&"): raw("&amp;amp;")
                case UInt8(ascii: "<"): raw("&amp;lt;")
                case UInt8(ascii: ">"): raw("&amp;gt;")
                case UInt8(ascii: "\""): raw("&amp;quot;")
                case UInt8(ascii: "'"): raw("&amp;#39;")
                case 0: raw("\u{FFFD}")
                default:
                    if HTMLWriter.endsUnquotedValue(b) { appendReference(b) } else { storage.append(b) }
                }
            }
        }
    }

    // MARK: - Classification

    /// Whether a value written by a template into attribute `name` is a URL (and so gets
    /// the scheme check): `href`, `src`, `action`, htmx's `hx-get` … (names are lower case).
    public static func isURLAttribute(_ name: String) -> Bool {
        urlAttributes.contains(name)
    }

    /// Whether attribute `name` holds JavaScript: `on…` event handlers and htmx's `hx-on…`.
    public static func isScriptAttribute(_ name: String) -> Bool {
        name.hasPrefix("on") || name.hasPrefix("hx-on") || name.hasPrefix("data-hx-on")
    }

    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "cite", "data", "poster", "background", "codebase", "longdesc",
        "manifest", "profile", "usemap", "icon", "xlink:href", "srcset", "ping", "archive", "classid",
        "hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete", "hx-push-url", "hx-replace-url",
    ]

    static func isPlainAttributeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A else { return false }
        for b in name.utf8 {
            let ok = ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
            if !ok { return false }
        }
        let lower = name.lowercased()
        return !isScriptAttribute(lower) && lower != "style" && lower != "srcdoc" && !isURLAttribute(lower)
    }

    @inline(__always)
    static func endsUnquotedValue(_ b: UInt8) -> Bool {
        switch b {
        case 0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x22, 0x26, 0x27, 0x3C, 0x3D, 0x3E, 0x60: true
        default: false
        }
    }

    @inline(__always)
    static func isJSSafe(_ b: UInt8) -> Bool {
        if b >= 0x80 { return true }
        if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return true }
        if b >= 0x30 && b <= 0x39 { return true }
        switch b {
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
             UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "#"),
             UInt8(ascii: "%"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"),
             UInt8(ascii: "~"), UInt8(ascii: "^"):
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isCSSSafe(_ b: UInt8) -> Bool {
        if b >= 0x80 { return true }
        if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return true }
        if b >= 0x30 && b <= 0x39 { return true }
        switch b {
        case UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"),
             UInt8(ascii: "_"), UInt8(ascii: "+"):
            return true
        default:
            return false
        }
    }

    /// `&#N;` for an ASCII byte (NUL becomes U+FFFD, as the HTML parser would make it).
    mutating func appendReference(_ b: UInt8) {
        if b == 0 { raw("\u{FFFD}"); return }
        raw("&#")
        unsigned(UInt(b))
        storage.append(UInt8(ascii: ";"))
    }

    /// `\uXXXX` with upper-case hex digits.
    mutating func appendUnicodeEscape(_ v: UInt16) {
        raw("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            storage.append(HTMLWriter.hexDigits[Int((v >> UInt16(shift)) & 0xF)])
        }
    }
}
