import OmniBase
import OmniSyntax
import Testing

@Suite("Script parser: expressions")
struct ScriptExpressionTests {
    @Test func multiplicationBindsTighterThanAddition() {
        #expect(shapeOf("a + b * c") == lines(
            "Binary +", "  Identifier a", "  Binary *", "    Identifier b", "    Identifier c"))
        #expect(shapeOf("a * b + c") == lines(
            "Binary +", "  Binary *", "    Identifier a", "    Identifier b", "  Identifier c"))
    }

    @Test func leftAssociativity() {
        #expect(shapeOf("a - b - c") == lines(
            "Binary -", "  Binary -", "    Identifier a", "    Identifier b", "  Identifier c"))
        #expect(shapeOf("a / b % c") == lines(
            "Binary %", "  Binary /", "    Identifier a", "    Identifier b", "  Identifier c"))
    }

    @Test func rightAssociativity() {
        #expect(shapeOf("a ** b ** c") == lines(
            "Binary **", "  Identifier a", "  Binary **", "    Identifier b", "    Identifier c"))
        #expect(shapeOf("a = b += c") == lines(
            "Assign =", "  Identifier a", "  Assign +=", "    Identifier b", "    Identifier c"))
        #expect(shapeOf("a ? b : c ? d : e") == lines(
            "Conditional", "  Identifier a", "  Identifier b", "  Conditional", "    Identifier c", "    Identifier d", "    Identifier e"))
    }

    @Test func thePrecedenceLadder() {
        // || < && < | < ^ < & < == < < < << < + < * < ** < unary < postfix
        #expect(shapeOf("a || b && c | d ^ e & f == g < h << i + j * k ** l") == lines(
            "Binary ||", "  Identifier a",
            "  Binary &&", "    Identifier b",
            "    Binary |", "      Identifier c",
            "      Binary ^", "        Identifier d",
            "        Binary &", "          Identifier e",
            "          Binary ==", "            Identifier f",
            "            Binary <", "              Identifier g",
            "              Binary <<", "                Identifier h",
            "                Binary +", "                  Identifier i",
            "                  Binary *", "                    Identifier j",
            "                    Binary **", "                      Identifier k", "                      Identifier l"))
        #expect(shapeOf("x in o instanceof C") == lines(
            "Binary instanceof", "  Binary in", "    Identifier x", "    Identifier o", "  Identifier C"))
        #expect(shapeOf("a >>> b >> c") == lines(
            "Binary >>", "  Binary >>>", "    Identifier a", "    Identifier b", "  Identifier c"))
        #expect(shapeOf("a !== b === c != d") == lines(
            "Binary !=", "  Binary ===", "    Binary !==", "      Identifier a", "      Identifier b", "    Identifier c", "  Identifier d"))
    }

    @Test func conditionalAndAssignmentAreLowest() {
        #expect(shapeOf("x = a || b ? c + 1 : d") == lines(
            "Assign =", "  Identifier x", "  Conditional", "    Binary ||", "      Identifier a", "      Identifier b",
            "    Binary +", "      Identifier c", "      Number 1", "    Identifier d"))
        for op in AssignmentOperator.allCases {
            #expect(shapeOf("a \(op.rawValue) b") == lines("Assign \(op.rawValue)", "  Identifier a", "  Identifier b"))
        }
    }

    @Test func nullishCoalescing() {
        #expect(shapeOf("a ?? b ?? c") == lines(
            "Binary ??", "  Binary ??", "    Identifier a", "    Identifier b", "  Identifier c"))
        #expect(parseExpr("a ?? b || c").codes == ["E0118"])
        #expect(parseExpr("a || b ?? c").codes == ["E0118"])
        #expect(parseExpr("a ?? b && c").codes == ["E0118"])
        #expect(parseExpr("(a ?? b) || c").codes == [])
        #expect(parseExpr("a ?? (b || c)").codes == [])
    }

    @Test func unaryAndExponent() {
        #expect(shapeOf("-a ** 2").hasPrefix("errors [\"E0119\"]"))
        #expect(parseExpr("typeof a ** 2").codes == ["E0119"])
        #expect(parseExpr("(-a) ** 2").codes == [])
        #expect(parseExpr("-(a ** 2)").codes == [])
        #expect(parseExpr("++a ** 2").codes == [])
        #expect(parseExpr("2 ** -a").codes == [])
        #expect(shapeOf("!-~+a") == lines("Unary !", "  Unary -", "    Unary ~", "      Unary +", "        Identifier a"))
        #expect(shapeOf("typeof void delete await x") == lines(
            "Unary typeof", "  Unary void", "    Unary delete", "      Unary await", "        Identifier x"))
        #expect(shapeOf("-a * b") == lines("Binary *", "  Unary -", "    Identifier a", "  Identifier b"))
    }

    @Test func updateExpressions() {
        #expect(shapeOf("++i") == lines("Unary ++", "  Identifier i"))
        #expect(shapeOf("i--") == lines("Postfix --", "  Identifier i"))
        #expect(shapeOf("a.b++ + 1") == lines("Binary +", "  Postfix ++", "    Member .b", "      Identifier a", "  Number 1"))
        #expect(parseExpr("1++").codes == ["E0116"])
        #expect(parseExpr("++f()").codes == ["E0116"])
        #expect(parseExpr("a?.b++").codes == ["E0116"])
    }

    @Test func assignmentTargets() {
        #expect(parseExpr("a.b[c] = 1").codes == [])
        #expect(parseExpr("(a) = 1").codes == [])
        #expect(parseExpr("a! = 1").codes == [])
        #expect(parseExpr("1 = 2").codes == ["E0116"])
        #expect(parseExpr("a + b = c").codes == ["E0116"])
        #expect(parseExpr("f() = 1").codes == ["E0116"])
        #expect(parseExpr("a?.b = 1").codes == ["E0116"])
        #expect(parseExpr("a?.[0] += 1").codes == ["E0116"])
    }

    @Test func membersCallsAndIndexes() {
        #expect(shapeOf("a.b?.c?.[d]?.(e)(...f, g)[0]!") == lines(
            "NonNull",
            "  Index",
            "    Call",
            "      Call ?.",
            "        Index ?.",
            "          Member ?.c",
            "            Member .b",
            "              Identifier a",
            "          Identifier d",
            "        Identifier e",
            "      Spread",
            "        Identifier f",
            "      Identifier g",
            "    Number 0"))
        // Reserved words are fine after `.`.
        #expect(shapeOf("props.default.new") == lines("Member .new", "  Member .default", "    Identifier props"))
        #expect(parseExpr("a.").codes == ["E0114"])
        #expect(parseExpr("f(a, b,)").codes == [])
        #expect(parseExpr("f(,)").codes == ["E0110"])
    }

    @Test func literals() {
        #expect(shapeOf("[1, 'two', `three`, true, false, null, undefined, ...rest]") == lines(
            "Array", "  Number 1", "  String \"two\"", "  Template", "    Quasi \"three\"", "  Bool true", "  Bool false",
            "  Null", "  Null", "  Spread", "    Identifier rest"))
        #expect(shapeOf("`a${b}c${d + 1}`") == lines(
            "Template", "  Quasi \"a\"", "  Identifier b", "  Quasi \"c\"", "  Binary +", "    Identifier d", "    Number 1", "  Quasi \"\""))
        #expect(shapeOf("[]") == lines("Array"))
        #expect(shapeOf("[1,]") == lines("Array", "  Number 1"))
        #expect(parseExpr("[1, , 2]").codes == ["E0124"])
        #expect(parseExpr("[,]").codes == ["E0124"])
    }

    @Test func objectLiterals() {
        #expect(shapeOf("{ a: 1, b, 'c d': 2, 3: x, [k]: v, ...rest, m(x) { return x }, if: 4, }") == lines(
            "Object",
            "  Property a", "    Number 1",
            "  Shorthand b",
            "  Property \"c d\"", "    Number 2",
            "  Property \"3\"", "    Identifier x",
            "  Computed", "    Identifier k", "    Identifier v",
            "  Spread", "    Identifier rest",
            "  Method m", "    Param x", "    Body", "      Return", "        Identifier x",
            "  Property if", "    Number 4"))
        #expect(parseExpr("{ a = 1 }").codes == ["E0113"])
        #expect(parseExpr("{ if }").codes == ["E0115"])
        #expect(parseExpr("{ get x() { return 1 } }").codes == ["E0121"])
        #expect(parseExpr("{ a: 1 b: 2 }").codes == ["E0113"])
    }

    @Test func arrowFunctionsVersusParentheses() {
        #expect(shapeOf("(a)") == lines("Paren", "  Identifier a"))
        #expect(shapeOf("(a, b)") == lines("Paren", "  Sequence", "    Identifier a", "    Identifier b"))
        #expect(shapeOf("(a) => a") == lines("Arrow", "  Param a", "  Identifier a"))
        #expect(shapeOf("x => x + 1") == lines("Arrow", "  Param x", "  Binary +", "    Identifier x", "    Number 1"))
        #expect(shapeOf("() => isHovered.set(true)") == lines(
            "Arrow", "  Call", "    Member .set", "      Identifier isHovered", "    Bool true"))
        #expect(shapeOf("(a, b: number = 1, ...rest: string[]): number => a") == lines(
            "Arrow",
            "  Param a",
            "  Param b", "    TypeName number", "    Default", "      Number 1",
            "  Param ...rest", "    TypeArray", "      TypeName string",
            "  Returns", "    TypeName number",
            "  Identifier a"))
        #expect(shapeOf("(x?: string) => { return x }") == lines(
            "Arrow", "  Param x?", "    TypeName string", "  Block", "    Return", "      Identifier x"))
        #expect(shapeOf("((a)) + (b)") == lines("Binary +", "  Paren", "    Paren", "      Identifier a", "  Paren", "    Identifier b"))
        // A parenthesised arrow head inside a call, and an arrow returning an object.
        #expect(shapeOf("f((a, b) => ({ a }))") == lines(
            "Call", "  Identifier f", "  Arrow", "    Param a", "    Param b", "    Paren", "      Object", "        Shorthand a"))
        // In the `?` branch of a conditional, `(a): b => c` is not an arrow with a return type.
        #expect(shapeOf("c ? (a) : b => x") == lines(
            "Conditional", "  Identifier c", "  Paren", "    Identifier a", "  Arrow", "    Param b", "    Identifier x"))
        #expect(shapeOf("(a): Array<Array<number>> => a") == lines(
            "Arrow", "  Param a", "  Returns", "    TypeName Array", "      TypeName Array", "        TypeName number", "  Identifier a"))
        #expect(parseExpr("(a?: number = 1) => a").codes == ["E0122"])
        #expect(parseExpr("(...a, b) => a").codes == ["E0123"])
        #expect(parseExpr("({ a }) => a").codes == ["E0122"])
        #expect(parseExpr("()").codes == ["E0110"])
    }

    @Test func functionExpressions() {
        #expect(shapeOf("function (a: number): string { return `${a}` }") == lines(
            "Function", "  Param a", "    TypeName number", "  Returns", "    TypeName string",
            "  Body", "    Return", "      Template", "        Quasi \"\"", "        Identifier a", "        Quasi \"\""))
        #expect(shapeOf("function named() {}") == lines("Function named", "  Body"))
    }

    @Test func typeAssertions() {
        #expect(shapeOf("x as number[]") == lines("As", "  Identifier x", "  TypeArray", "    TypeName number"))
        #expect(shapeOf("a + b as T") == lines("As", "  Binary +", "    Identifier a", "    Identifier b", "  TypeName T"))
        #expect(shapeOf("a == b as T") == lines("Binary ==", "  Identifier a", "  As", "    Identifier b", "    TypeName T"))
        // `T?` in an expression leaves a following `? :` to the conditional.
        #expect(shapeOf("x as T ? a : b") == lines(
            "Conditional", "  As", "    Identifier x", "    TypeName T", "  Identifier a", "  Identifier b"))
        #expect(shapeOf("(x as T?)") == lines("Paren", "  As", "    Identifier x", "    TypeOptional", "      TypeName T"))
    }

    @Test func commaSequences() {
        #expect(parseExpr("a, b").codes == ["E0121"])
        #expect(parseExpr("(a, b)").codes == [])
    }

    @Test func unsupportedExpressions() {
        #expect(parseExpr("new Date()").codes == ["E0121"])
        #expect(parseExpr("this.x").codes == ["E0121"])
        #expect(parseExpr("tag`x`").codes == ["E0121"])
    }

    @Test func spansAreFaithful() {
        let r = parseScript("const total = (price + tax) * count")
        #expect(r.dump == lines(
            "Const total @1:1-1:36",
            "  Binary * @1:15-1:36",
            "    Paren @1:15-1:28",
            "      Binary + @1:16-1:27",
            "        Identifier price @1:16-1:21",
            "        Identifier tax @1:24-1:27",
            "    Identifier count @1:31-1:36"))
    }
}
