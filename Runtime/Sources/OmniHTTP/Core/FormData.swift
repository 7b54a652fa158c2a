/// Ordered name/value pairs from a query string or an `application/x-www-form-urlencoded` body.
public struct FormData: Sendable, Sequence {
    /// The pairs in order, decoded.
    public var items: [(name: String, value: String)]

    /// Empty form data.
    public init() { items = [] }

    /// Parses `a=1&b=two+words&c=%C3%A9`. Malformed escapes are kept literally.
    public init<S: StringProtocol>(parsing text: S) {
        items = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let eq = pair.firstIndex(of: "=") {
                items.append((formDecode(pair[..<eq]), formDecode(pair[pair.index(after: eq)...])))
            } else {
                items.append((formDecode(pair), ""))
            }
        }
    }

    /// The first value for `name`.
    public subscript(_ name: String) -> String? {
        for item in items where item.name == name { return item.value }
        return nil
    }

    /// Every value for `name` (`tag=a&tag=b`).
    public func all(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { items.makeIterator() }

    /// Encodes as `application/x-www-form-urlencoded`.
    public var encoded: String {
        items.map { formEncode($0.name) + "=" + formEncode($0.value) }.joined(separator: "&")
    }
}

/// Decodes `+` as space and `%XX` escapes; invalid escapes stay as they are.
func formDecode<S: StringProtocol>(_ s: S) -> String {
    percentDecode(s, plusAsSpace: true) ?? String(s)
}

/// Percent-decodes `s`; nil when an escape is malformed or the result is not UTF-8.
public func percentDecode<S: StringProtocol>(_ s: S, plusAsSpace: Bool = false) -> String? {
    let utf8 = s.utf8
    if !utf8.contains(UInt8(ascii: "%")) && !(plusAsSpace && utf8.contains(UInt8(ascii: "+"))) { return String(s) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count)
    var it = utf8.makeIterator()
    while let b = it.next() {
        if b == UInt8(ascii: "%") {
            guard let h = it.next(), let l = it.next(), let hv = hexValue(h), let lv = hexValue(l) else { return nil }
            bytes.append(hv << 4 | lv)
        } else if plusAsSpace && b == UInt8(ascii: "+") {
            bytes.append(UInt8(ascii: " "))
        } else {
            bytes.append(b)
        }
    }
    return String(validating: bytes, as: UTF8.self)
}

@inline(__always)
func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}

/// Form-encodes a string: unreserved characters stay, space becomes `+`, the rest `%XX`.
func formEncode(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(b))
        case UInt8(ascii: " "):
            out += "+"
        default:
            out += "%"
            out.unicodeScalars.append(Unicode.Scalar(hexDigit(b >> 4) &- 32 &* (b >> 4 >= 10 ? 1 : 0)))
            out.unicodeScalars.append(Unicode.Scalar(hexDigit(b & 0xF) &- 32 &* ((b & 0xF) >= 10 ? 1 : 0)))
        }
    }
    return out
}
