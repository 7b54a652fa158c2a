// URL-valued attributes: scheme allow-listing and percent-encoding.
//
// A URL that reaches an `href`/`src`/`action` attribute from data is checked before it is
// written: only http, https, mailto and tel schemes, and relative URLs, get through;
// anything else (`javascript:`, `data:`, `vbscript:`, `JaVaScRiPt:`, `java\tscript:`,
// ` javascript:` …) is replaced by `#`. The check mirrors how browsers parse a scheme
// (leading spaces and C0 controls skipped, tabs and newlines ignored anywhere, ASCII case
// folded) and is deliberately stricter: any `:` before the first `/`, `?` or `#` must end an
// allowed scheme.

extension HTMLWriter {
    /// Appends ` name="url"` for a URL-valued attribute, replacing an unsafe URL by `#`.
    ///
    /// Allowed: relative URLs (`/a`, `a/b`, `?q`, `#frag`, `//host/x`) and the schemes
    /// `http`, `https`, `mailto`, `tel`. The value is then escaped as an attribute value.
    public mutating func url(_ name: StaticString, _ value: String) {
        openAttribute(name)
        urlValue(value)
        storage.append(UInt8(ascii: "\""))
    }

    /// Appends a whole URL inside a quoted attribute whose quotes the generated code writes
    /// itself, replacing an unsafe URL by `#` (see `url(_:_:)`).
    public mutating func urlValue(_ value: String) {
        if HTMLWriter.isSafeURL(value) {
            appendEscaped(value, mask: HTMLEscape.attributeMask)
        } else {
            storage.append(UInt8(ascii: "#"))
        }
    }

    /// Appends `s` percent-encoded for use as one piece of a URL (a path segment, a query
    /// name or value): every byte except `A-Z a-z 0-9 - . _ ~` is written as `%XX`.
    ///
    /// The output contains no character that is special in an attribute, so it is safe
    /// inside any quoted attribute, and cannot change the URL's scheme.
    public mutating func urlComponent(_ s: String) {
        var s = s
        s.withUTF8 { src in
            for b in src {
                if HTMLWriter.isUnreserved(b) {
                    storage.append(b)
                } else {
                    storage.append(UInt8(ascii: "%"))
                    storage.append(HTMLWriter.hexDigits[Int(b >> 4)])
                    storage.append(HTMLWriter.hexDigits[Int(b & 0xF)])
                }
            }
        }
    }

    /// Whether `url` may be written into a URL attribute as is.
    ///
    /// Exposed for tests and for generated code that wants to decide before writing.
    public static func isSafeURL(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { isSafeURL(bytes: $0) }
    }

    static func isSafeURL(bytes src: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        // Browsers strip leading C0 controls and spaces.
        while i < src.count, src[i] <= 0x20 { i += 1 }
        // Collect up to 6 scheme bytes (lowercased), ignoring tab, LF and CR as browsers do.
        var scheme: UInt64 = 0
        var length = 0
        var validScheme = true
        while i < src.count {
            let b = src[i]
            i += 1
            if b == 0x09 || b == 0x0A || b == 0x0D { continue }
            if b == UInt8(ascii: ":") {
                // A scheme (or something a browser might take for one): allow-list it.
                guard validScheme, length > 0, length <= 6 else { return false }
                return scheme == packed("http") || scheme == packed("https")
                    || scheme == packed("mailto") || scheme == packed("tel")
            }
            if b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") {
                return true  // relative URL: the path, query or fragment starts before any `:`
            }
            let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            let isAlpha = lower >= 0x61 && lower <= 0x7A
            let isSchemeByte = isAlpha || (length > 0 && ((b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E))
            if !isSchemeByte { validScheme = false }
            if length < 8 { scheme = scheme << 8 | UInt64(lower) }
            length += 1
        }
        return true  // no `:` at all: a relative URL
    }

    static func packed(_ s: StaticString) -> UInt64 {
        var v: UInt64 = 0
        s.withUTF8Buffer { for b in $0 { v = v << 8 | UInt64(b) } }
        return v
    }

    @inline(__always)
    static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
    }

    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
