// The escaping loops behind HTMLWriter's text and attribute contexts.
//
// A byte needs escaping only if it is below 64 and its bit is set in the context's mask, so
// the common case (letters, digits, spaces, multi-byte UTF-8) costs one compare per byte.
// Multi-byte UTF-8 sequences (all bytes >= 0x80) pass through untouched.

/// The escape masks: bit `b` is set when byte `b` (< 64) must be escaped in that context.
enum HTMLEscape {
    /// NUL, `&`, `<`, `>`.
    static let textMask: UInt64 = bit(0x00) | bit(0x26) | bit(0x3C) | bit(0x3E)
    /// NUL, `"`, `&`, `'`, `<`, `>`.
    static let attributeMask: UInt64 = textMask | bit(0x22) | bit(0x27)

    static func bit(_ b: UInt8) -> UInt64 { 1 << UInt64(b) }

    @inline(__always)
    static func needsEscape(_ b: UInt8, _ mask: UInt64) -> Bool {
        b < 64 && (mask >> UInt64(b)) & 1 != 0
    }
}

extension HTMLWriter {
    /// Appends `s` with every byte selected by `mask` replaced by its entity.
    @inline(__always)
    mutating func appendEscaped(_ s: String, mask: UInt64) {
        var s = s
        s.withUTF8 { appendEscaped($0, mask: mask) }
    }

    mutating func appendEscaped(_ src: UnsafeBufferPointer<UInt8>, mask: UInt64) {
        // Fast path: find the first byte that needs escaping; most strings have none.
        var i = 0
        let n = src.count
        while i < n, !HTMLEscape.needsEscape(src[i], mask) { i += 1 }
        if i == n {
            storage.append(contentsOf: src)
            return
        }
        var runStart = 0
        while i < n {
            let b = src[i]
            if HTMLEscape.needsEscape(b, mask) {
                if runStart < i {
                    storage.append(contentsOf: UnsafeBufferPointer(rebasing: src[runStart..<i]))
                }
                appendEntity(for: b)
                runStart = i + 1
            }
            i += 1
        }
        if runStart < n {
            storage.append(contentsOf: UnsafeBufferPointer(rebasing: src[runStart..<n]))
        }
    }

    @inline(__always)
    mutating func appendEntity(for b: UInt8) {
        switch b {
        case UInt8(ascii: "&"): raw("&amp;")
        case UInt8(ascii: "<"): raw("&lt;")
        case UInt8(ascii: ">"): raw("&gt;")
        case UInt8(ascii: "\""): raw("&quot;")
        case UInt8(ascii: "'"): raw("&#39;")
        default: raw("\u{FFFD}")  // NUL: the HTML parser would replace it anyway
        }
    }
}
