import Testing
@testable import OmniApp

/// `JSNumberFormat.string` is JavaScript's `String(number)`; expectations are what node prints.
@Suite struct JSNumberFormatTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.0, "-1"), (12.5, "12.5"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"),
        (1e21, "1e+21"), (1e20, "100000000000000000000"), (123456789012345680000.0, "123456789012345680000"),
        (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (0.000001, "0.000001"), (0.0000015, "0.0000015"), (1.5e-10, "1.5e-10"),
        (2.5e25, "2.5e+25"), (9007199254740993.0, "9007199254740992"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (Double.leastNonzeroMagnitude, "5e-324"), (Double.nan, "NaN"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
        (100.0, "100"), (1234.5678, "1234.5678"), (-0.5, "-0.5"), (1.0 / 3.0, "0.3333333333333333"), (4.35, "4.35"),
    ] as [(Double, String)])
    func formatsLikeJavaScript(_ value: Double, _ expected: String) {
        #expect(JSNumberFormat.string(value) == expected)
        #expect(value.jsString == expected)
    }

    @Test func valuesConvertLikeJavaScript() {
        #expect(true.jsString == "true")
        #expect([1.0, 2.5].jsString == "1,2.5")
        #expect(([nil, "a"] as [String?]).jsString == ",a")
        #expect((nil as String?).jsString == "null")
        #expect(!Double.nan.jsTruthy && !0.0.jsTruthy && 2.0.jsTruthy && !"".jsTruthy && [Double]().jsTruthy)
        #expect(JS.props(["a": "x\"<\n", "n": Double.nan, "b": true, "xs": [1.0, 2.0]]) == #"{"a":"x\"<\n","n":null,"b":true,"xs":[1,2]}"#)
    }

    @Test func stringsIndexInUTF16UnitsLikeJavaScript() {
        #expect(JS.length("a😀") == 3)
        #expect(JS.slice("intro", 0, 3) == "int")
        #expect(JS.slice("intro", -2) == "ro")
        #expect(JS.slice("ab", 5) == "")
        #expect(JS.substring("hello", 4, 1) == "ell")
        #expect(JS.indexOf("banana", "na") == 2 && JS.lastIndexOf("banana", "na") == 4 && JS.indexOf("a", "b") == -1)
        #expect(JS.trim("\u{FEFF} \t x y \n\u{3000}") == "x y")
        #expect(JS.trim("  x ", start: false) == "  x")
        #expect(JS.replace("a-b-c", "-", "+", all: false) == "a+b-c")
        #expect(JS.replace("a-b-c", "-", "+", all: true) == "a+b+c")
        #expect(JS.replace("ab", "", "-", all: true) == "-a-b-")
        #expect(JS.charAt("abc", 1) == "b" && JS.charAt("abc", 9) == "")
        #expect(JS.repeat("ab", 3) == "ababab")
    }

    @Test func numbersComputeLikeJavaScript() {
        #expect(JS.round(2.5) == 3 && JS.round(-2.5) == -2 && JS.round(0.49999999999999994) == 0)
        #expect(JS.round(-0.4).sign == .minus)
        #expect(JS.remainder(-7, 3) == -1)
        #expect(JS.pow(1, .infinity).isNaN && JS.pow(2, 10) == 1024 && JS.pow(.nan, 0) == 1)
        #expect(JS.int32(4_294_967_297) == 1 && JS.int32(-1) == -1 && JS.uint32(-1) == 4_294_967_295 && JS.int32(.nan) == 0)
        #expect(JS.min(1, -0.0, 0).sign == .minus && JS.max(1, .nan).isNaN)
        #expect(JS.index([1.0, 2.0], 1) == 2 && JS.index([1.0], 1) == nil && JS.at([1.0, 2.0], -1) == 2)
        #expect(JS.map(["a", "b"]) { s, i in s + i.jsString } == ["a0", "b1"])
        #expect(JS.filter([5.0, 6.0, 7.0]) { _, i in i != 1 } == [5, 7])
        #expect(JS.join(["a", "b"], " / ") == "a / b")
    }
}
