// HTMLWriter: the byte buffer generated render functions append to.
//
// Generated code never builds HTML by concatenating strings: every static piece of markup
// goes through `raw(_:)` (a `StaticString`, so it cannot carry user data), and every
// dynamic value goes through the escaping method for its context: `text(_:)` between tags,
// `attribute(_:_:)` / `attributeValue(_:)` inside a quoted attribute, `url(_:_:)` /
// `urlValue(_:)` for URL-valued attributes (href, src, action, formaction, …) and
// `urlComponent(_:)` for a value interpolated into the middle of a URL.
//
// No Foundation: the writer is a `[UInt8]` with a reserved capacity, and the escaping loops
// run over a string's UTF-8 bytes with a fast path for strings that need no escaping.

/// An append-only UTF-8 byte buffer with context-correct HTML escaping.
///
/// A render function takes an `inout HTMLWriter` and appends to it:
///
/// ```swift
/// func render(_ user: User, into w: inout HTMLWriter) {
///     w.raw("<a class=\"user\"")
///     w.url("href", user.homepage)          // ` href="…"`, `javascript:` → `#`
///     w.raw(">")
///     w.text(user.name)                     // `<` → `&lt;` …
///     w.raw("</a>")
/// }
/// ```
///
/// `HTMLWriter` is a value type with no shared state, so it is `Sendable`; each render
/// owns its writer.
public struct HTMLWriter: Sendable {
    /// The buffer; internal so that `raw(_:)` can be inlined into generated code.
    @usableFromInline var storage: [UInt8]

    /// The bytes written so far (UTF-8).
    @inlinable public var bytes: [UInt8] { storage }

    /// Creates an empty writer that reserves `capacity` bytes up front.
    ///
    /// Pick a capacity near the size of a typical page for the template (the generated code
    /// passes a per-template estimate) so that rendering does not reallocate.
    public init(capacity: Int = 4096) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    /// The number of bytes written so far.
    @inlinable public var count: Int { storage.count }

    /// Removes everything written but keeps the capacity, so one writer can be reused.
    public mutating func reset() {
        storage.removeAll(keepingCapacity: true)
    }

    /// Takes the written bytes out of the writer, leaving it empty.
    public mutating func finish() -> [UInt8] {
        defer { storage = [] }
        return storage
    }

    /// The written bytes decoded as a `String` (for tests and small fragments).
    public var string: String { String(decoding: storage, as: UTF8.self) }

    // MARK: - Trusted output

    /// Appends static markup verbatim.
    ///
    /// Only a `StaticString` is accepted: it is a literal in the generated code, never data.
    @inlinable
    public mutating func raw(_ markup: StaticString) {
        if markup.hasPointerRepresentation {
            storage.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
        } else {
            markup.withUTF8Buffer { storage.append(contentsOf: $0) }
        }
    }

    /// Appends a string verbatim, without any escaping.
    ///
    /// This is the `{{{trusted_html}}}` form of templates: the caller asserts that `html` is
    /// already safe markup. Everything else goes through an escaping method.
    public mutating func rawTrusted(_ html: String) {
        var html = html
        html.withUTF8 { storage.append(contentsOf: $0) }
    }

    /// Appends bytes verbatim (for example another writer's output, or a cached fragment).
    public mutating func rawTrusted(bytes other: some Sequence<UInt8>) {
        storage.append(contentsOf: other)
    }

    // MARK: - Text and attributes

    /// Appends `s` as text content between tags: `&`, `<` and `>` are escaped, NUL becomes
    /// U+FFFD. Not for use inside `<script>` or `<style>` (see `jsonInScript(_:)`).
    public mutating func text(_ s: String) {
        appendEscaped(s, mask: HTMLEscape.textMask)
    }

    /// Appends ` name="value"` with `value` escaped for a double-quoted attribute
    /// (`&`, `<`, `>`, `"`, `'`; NUL becomes U+FFFD).
    ///
    /// For URL-valued attributes (`href`, `src`, `action`, …) use `url(_:_:)` instead.
    public mutating func attribute(_ name: StaticString, _ value: String) {
        openAttribute(name)
        appendEscaped(value, mask: HTMLEscape.attributeMask)
        storage.append(UInt8(ascii: "\""))
    }

    /// Appends ` name="value"` for an integer value.
    public mutating func attribute(_ name: StaticString, _ value: Int) {
        openAttribute(name)
        int(value)
        storage.append(UInt8(ascii: "\""))
    }

    /// Appends ` name="value"` for a number, formatted as JavaScript would print it.
    public mutating func attribute(_ name: StaticString, _ value: Double) {
        openAttribute(name)
        number(value)
        storage.append(UInt8(ascii: "\""))
    }

    /// Appends ` name` when `present` is true and nothing otherwise (`disabled`, `checked`, …).
    public mutating func booleanAttribute(_ name: StaticString, _ present: Bool) {
        guard present else { return }
        storage.append(UInt8(ascii: " "))
        raw(name)
    }

    /// Appends `s` escaped for the inside of a double-quoted attribute whose quotes the
    /// generated code writes itself (an interpolation in the middle of a static value, e.g.
    /// `class="btn {{kind}}"`).
    public mutating func attributeValue(_ s: String) {
        appendEscaped(s, mask: HTMLEscape.attributeMask)
    }

    /// Appends a JSON document for embedding in a `<script>` element (hydration state).
    ///
    /// `json` must be valid JSON produced by the runtime's encoder. Every `<` is written as
    /// `\u003c`, which is the same JSON value but can never close the script element or open
    /// a comment; U+2028 and U+2029 are escaped likewise.
    public mutating func jsonInScript(_ json: String) {
        var json = json
        json.withUTF8 { src in
            var runStart = 0
            var i = 0
            while i < src.count {
                let b = src[i]
                if b == UInt8(ascii: "<") {
                    storage.append(contentsOf: UnsafeBufferPointer(rebasing: src[runStart..<i]))
                    raw("\\u003c")
                    i += 1
                    runStart = i
                } else if b == 0xE2, i + 2 < src.count, src[i + 1] == 0x80, src[i + 2] == 0xA8 || src[i + 2] == 0xA9 {
                    storage.append(contentsOf: UnsafeBufferPointer(rebasing: src[runStart..<i]))
                    raw(src[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                    runStart = i
                } else {
                    i += 1
                }
            }
            storage.append(contentsOf: UnsafeBufferPointer(rebasing: src[runStart..<src.count]))
        }
    }

    @inline(__always)
    mutating func openAttribute(_ name: StaticString) {
        storage.append(UInt8(ascii: " "))
        raw(name)
        storage.append(UInt8(ascii: "="))
        storage.append(UInt8(ascii: "\""))
    }
}
