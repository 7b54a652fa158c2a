import Testing
@testable import OmniIR

@Suite struct JSNumberTests {
    @Test(arguments: [
        (1.0, "1"), (-1.0, "-1"), (1.5, "1.5"), (0.0, "0"), (-0.0, "0"), (100.0, "100"), (123456789.0, "123456789"),
        (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"), (1.0 / 3.0, "0.3333333333333333"), (4.35, "4.35"),
        (1e21, "1e+21"), (1e20, "100000000000000000000"), (123456789012345680000.0, "123456789012345680000"),
        (1.5e21, "1.5e+21"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (0.000001, "0.000001"), (0.0000012345, "0.0000012345"),
        (123e-20, "1.23e-18"), (-1.5e-9, "-1.5e-9"), (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (9007199254740992.0, "9007199254740992"), (1e16, "10000000000000000"), (2e-6, "0.000002"), (86400.0, "86400"),
        (Double.nan, "NaN"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"), (0.5, "0.5"), (25.0, "25"),
        (1e100, "1e+100"), (-1e-100, "-1e-100"), (3.14159, "3.14159"), (1234.5678, "1234.5678"),
    ])
    func format(_ x: Double, _ expected: String) {
        #expect(JSNumber.format(x) == expected)
    }

    @Test func int32_conversions() {
        #expect(JSNumber.toInt32(4294967296) == 0)
        #expect(JSNumber.toInt32(2147483648) == -2147483648)
        #expect(JSNumber.toInt32(-1) == -1)
        #expect(JSNumber.toInt32(3.9) == 3)
        #expect(JSNumber.toInt32(-3.9) == -3)
        #expect(JSNumber.toInt32(.nan) == 0)
        #expect(JSNumber.toInt32(.infinity) == 0)
        #expect(JSNumber.toUint32(-1) == 4294967295)
        #expect(JSNumber.toUint32(1e20) == 1661992960)
    }

    @Test func remainder_power_round() {
        #expect(JSNumber.remainder(-7, 3) == -1)
        #expect(JSNumber.remainder(7, -3) == 1)
        #expect(JSNumber.remainder(5.5, 2) == 1.5)
        #expect(JSNumber.remainder(1, 0).isNaN)
        #expect(JSNumber.remainder(3, .infinity) == 3)
        #expect(JSNumber.remainder(-0.0, 5).sign == .minus)
        #expect(JSNumber.power(2, 10) == 1024)
        #expect(JSNumber.power(1, .nan).isNaN)
        #expect(JSNumber.power(1, .infinity).isNaN)
        #expect(JSNumber.power(.nan, 0) == 1)
        #expect(JSNumber.round(2.5) == 3)
        #expect(JSNumber.round(-2.5) == -2)
        #expect(JSNumber.round(-0.4).sign == .minus)
        #expect(JSNumber.round(0.49999999999999994) == 0)
    }

    @Test func parse() {
        #expect(JSNumber.parse("") == 0)
        #expect(JSNumber.parse("  12  ") == 12)
        #expect(JSNumber.parse("1e3") == 1000)
        #expect(JSNumber.parse("-.5") == -0.5)
        #expect(JSNumber.parse("0x1F") == 31)
        #expect(JSNumber.parse("0b101") == 5)
        #expect(JSNumber.parse("-Infinity") == -.infinity)
        #expect(JSNumber.parse("12px").isNaN)
        #expect(JSNumber.parse("inf").isNaN)
        #expect(JSNumber.parse("nan").isNaN)
        #expect(JSNumber.parse("1.").isFinite)
        #expect(JSNumber.parse(".").isNaN)
        #expect(JSNumber.parseIntPrefix("42px") == 42)
        #expect(JSNumber.parseIntPrefix("x").isNaN)
        #expect(JSNumber.parseFloatPrefix("3.5e2abc") == 350)
    }

    @Test func to_fixed() {
        #expect(JSNumber.toFixed(1.005, digits: 2) == "1.00")
        #expect(JSNumber.toFixed(2.5, digits: 0) == "3")
        #expect(JSNumber.toFixed(0.5, digits: 0) == "1")
        #expect(JSNumber.toFixed(-1.5, digits: 0) == "-2")
        #expect(JSNumber.toFixed(-0.0, digits: 2) == "0.00")
        #expect(JSNumber.toFixed(123.456, digits: 1) == "123.5")
        #expect(JSNumber.toFixed(1e21, digits: 2) == "1e+21")
    }

    @Test func operators() {
        func bin(_ op: IRBinaryOp, _ a: JSConstant, _ b: JSConstant) -> JSConstant { JSOperators.binary(op, a, b) }
        #expect(bin(.divide, .number(1), .number(0)) == .number(.infinity))
        #expect(bin(.divide, .number(-1), .number(0)) == .number(-.infinity))
        #expect(bin(.divide, .number(1), .number(-0.0)) == .number(-.infinity))
        if case .number(let n) = bin(.divide, .number(0), .number(0)) { #expect(n.isNaN) } else { Issue.record("not a number") }
        #expect(bin(.shiftLeft, .number(1), .number(31)) == .number(-2147483648))
        #expect(bin(.shiftLeft, .number(1), .number(32)) == .number(1))
        #expect(bin(.unsignedShiftRight, .number(-1), .number(0)) == .number(4294967295))
        #expect(bin(.shiftRight, .number(-8), .number(1)) == .number(-4))
        #expect(bin(.bitOr, .number(4294967296), .number(0)) == .number(0))
        #expect(bin(.bitAnd, .number(5.7), .number(3)) == .number(1))
        #expect(bin(.bitXor, .number(-1), .number(1)) == .number(-2))
        #expect(bin(.add, .string("a"), .number(1)) == .string("a1"))
        #expect(bin(.add, .number(1.5), .string("")) == .string("1.5"))
        #expect(bin(.add, .number(1), .bool(true)) == .number(2))
        #expect(bin(.add, .string("x"), .null) == .string("xnull"))
        #expect(bin(.power, .number(2), .number(0.5)) == .number(2.0.squareRoot()))
        #expect(bin(.equal, .number(.nan), .number(.nan)) == .bool(false))
        #expect(bin(.strictEqual, .number(0), .number(-0.0)) == .bool(true))
        #expect(bin(.equal, .null, .null) == .bool(true))
        #expect(bin(.equal, .null, .number(0)) == .bool(false))
        #expect(bin(.equal, .string("1"), .number(1)) == .bool(true))
        #expect(bin(.strictEqual, .string("1"), .number(1)) == .bool(false))
        #expect(bin(.less, .string("10"), .string("9")) == .bool(true))
        #expect(bin(.less, .number(10), .number(9)) == .bool(false))
        #expect(bin(.less, .number(.nan), .number(1)) == .bool(false))
        #expect(bin(.greaterEqual, .number(.nan), .number(.nan)) == .bool(false))
        #expect(JSOperators.unary(.bitNot, .number(5)) == .number(-6))
        #expect(JSOperators.unary(.typeof, .null) == .string("object"))
        #expect(JSOperators.unary(.not, .string("")) == .bool(true))
        #expect(JSOperators.unary(.negate, .string("3")) == .number(-3))
    }
}
