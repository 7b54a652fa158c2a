// JavaScript's `String(number)` for the server renderer of components: the Swift SSR must
// print numbers exactly as the browser (and the WASM module's `n` host import) does, so that
// hydration finds the same text. The formatting itself is OmniHTML's `HTMLWriter.number`,
// the one JavaScript number layout of the runtime; this gives it as a `String`.

/// ECMAScript Number::toString (radix 10).
public enum JSNumberFormat {
    /// `String(x)`: the shortest digits that round-trip, `1` not `1.0`, plain notation for
    /// 1e-7 <= |x| < 1e21 and exponent form (`1e+21`, `1e-7`, `1.5e-10`) outside it, `-0`
    /// as `0`, `NaN`, `Infinity`, `-Infinity`.
    public static func string(_ x: Double) -> String {
        var writer = HTMLWriter(capacity: 32)
        writer.number(x)
        return writer.string
    }
}
