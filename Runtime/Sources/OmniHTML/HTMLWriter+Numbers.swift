// Numbers written straight into the buffer, formatted the way JavaScript prints them, so
// that a component rendered on the server (Swift) and hydrated in the browser (WASM + JS)
// shows the same text: `3` not `3.0`, `0.1`, `1e+21`, `1.5e-7`, `NaN`, `Infinity`.

extension HTMLWriter {
    /// Appends the decimal digits of `value` without allocating.
    public mutating func int(_ value: Int) {
        if value < 0 {
            storage.append(UInt8(ascii: "-"))
        }
        unsigned(value.magnitude)
    }

    /// Appends the decimal digits of `value` without allocating.
    public mutating func unsigned(_ value: UInt) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var v = value
            var i = 20
            repeat {
                i -= 1
                buf[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v != 0
            storage.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<20]))
        }
    }

    /// Appends `value` formatted as JavaScript's `Number.prototype.toString()` would.
    ///
    /// Integral values below 2^53 (where every integer is exact, so JavaScript prints all its
    /// digits) are written as integers without allocating; other values
    /// use the shortest round-tripping digits, laid out by JavaScript's rules (plain decimal
    /// for exponents from -7 to 20, exponent form otherwise).
    public mutating func number(_ value: Double) {
        if value.isNaN { raw("NaN"); return }
        if value.isInfinite { value < 0 ? raw("-Infinity") : raw("Infinity"); return }
        if value == 0 { raw("0"); return }
        if value == value.rounded(.towardZero), value.magnitude < 9_007_199_254_740_992 {
            int(Int(value))
            return
        }
        if value < 0 { storage.append(UInt8(ascii: "-")) }
        // Swift's description gives the shortest round-trip digits; re-lay them out JS-style.
        // Descriptions of at most 15 bytes are small strings and allocate nothing.
        var text = value.magnitude.description
        text.withUTF8 { writeJavaScriptLayout(of: $0) }
    }

    /// Lays out the digits of a Swift float description (`123.45`, `1.5e-07`, `1e+25`) the
    /// way ECMAScript's Number::toString does.
    mutating func writeJavaScriptLayout(of d: UnsafeBufferPointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
            var k = 0                 // significant digits collected
            var pointPosition = 0     // digits before the decimal point in the mantissa
            var seenPoint = false
            var exponent = 0
            var i = 0
            var leadingZeros = true
            while i < d.count {
                let b = d[i]
                if b == UInt8(ascii: ".") {
                    seenPoint = true
                } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                    i += 1
                    var negative = false
                    if i < d.count, d[i] == UInt8(ascii: "-") { negative = true; i += 1 }
                    else if i < d.count, d[i] == UInt8(ascii: "+") { i += 1 }
                    while i < d.count { exponent = exponent * 10 + Int(d[i] &- 0x30); i += 1 }
                    if negative { exponent = -exponent }
                    break
                } else {
                    if !seenPoint { pointPosition += 1 }
                    if leadingZeros && b == UInt8(ascii: "0") {
                        pointPosition -= 1  // a leading zero shifts the point left
                    } else {
                        leadingZeros = false
                        if k < 32 { digits[k] = b; k += 1 }
                    }
                }
                i += 1
            }
            while k > 1 && digits[k - 1] == UInt8(ascii: "0") { k -= 1 }
            // value = 0.d1…dk × 10^n
            let n = pointPosition + exponent
            let all = UnsafeBufferPointer(rebasing: digits[0..<k])
            if k <= n && n <= 21 {
                storage.append(contentsOf: all)
                for _ in 0..<(n - k) { storage.append(UInt8(ascii: "0")) }
            } else if 0 < n && n <= 21 {
                storage.append(contentsOf: UnsafeBufferPointer(rebasing: digits[0..<n]))
                storage.append(UInt8(ascii: "."))
                storage.append(contentsOf: UnsafeBufferPointer(rebasing: digits[n..<k]))
            } else if -6 < n && n <= 0 {
                storage.append(UInt8(ascii: "0"))
                storage.append(UInt8(ascii: "."))
                for _ in 0..<(-n) { storage.append(UInt8(ascii: "0")) }
                storage.append(contentsOf: all)
            } else {
                storage.append(digits[0])
                if k > 1 {
                    storage.append(UInt8(ascii: "."))
                    storage.append(contentsOf: UnsafeBufferPointer(rebasing: digits[1..<k]))
                }
                storage.append(UInt8(ascii: "e"))
                let e = n - 1
                storage.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                unsigned(UInt(e.magnitude))
            }
        }
    }
}
