/// Byte classes and small helpers of the TOML grammar.
enum TOMLScanner {
    /// `A-Z a-z 0-9 _ -`: the bytes of a bare key.
    static func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

    /// A byte that can begin a key: a bare-key byte or a quote.
    static func isKeyStart(_ c: UInt8) -> Bool {
        isBareKeyByte(c) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    /// Control characters TOML forbids in comments and strings: U+0000–U+0008, U+000A–U+001F
    /// and U+007F (tab is allowed; line breaks are handled by the caller).
    static func isForbiddenControl(_ c: UInt8) -> Bool {
        (c < 0x20 && c != 0x09) || c == 0x7F
    }

    /// The bytes of a number, boolean, date-time or bare word value.
    static func isTokenByte(_ c: UInt8) -> Bool {
        isBareKeyByte(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":")
    }

    /// The length a UTF-8 lead byte announces (1 for ASCII and stray continuation bytes).
    static func utf8Length(_ c: UInt8) -> Int {
        switch c {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    /// The length of the well-formed UTF-8 sequence at `k`, or 0 when it is not one.
    static func validUTF8Length(_ b: [UInt8], at k: Int) -> Int {
        let c = b[k]
        if c < 0x80 { return 1 }
        func cont(_ j: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            j < b.count && b[j] >= lo && b[j] <= hi
        }
        switch c {
        case 0xC2...0xDF: return cont(k + 1) ? 2 : 0
        case 0xE0: return cont(k + 1, 0xA0) && cont(k + 2) ? 3 : 0
        case 0xED: return cont(k + 1, 0x80, 0x9F) && cont(k + 2) ? 3 : 0
        case 0xE1...0xEF: return cont(k + 1) && cont(k + 2) ? 3 : 0
        case 0xF0: return cont(k + 1, 0x90) && cont(k + 2) && cont(k + 3) ? 4 : 0
        case 0xF1...0xF3: return cont(k + 1) && cont(k + 2) && cont(k + 3) ? 4 : 0
        case 0xF4: return cont(k + 1, 0x80, 0x8F) && cont(k + 2) && cont(k + 3) ? 4 : 0
        default: return 0
        }
    }

    /// Upper-case hexadecimal, zero-padded to `width` digits.
    static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
