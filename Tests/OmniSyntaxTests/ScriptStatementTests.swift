import OmniBase
import OmniSyntax
import Testing

@Suite("Script parser: statements")
struct ScriptStatementTests {
    @Test func theCounterScriptOfTheDesign() {
        let r = parseScript("""
            const count = signal(props.start)
            const doubled = computed(() => count() * 2)
            function increment() { count.set(count() + 1) }
            """)
        #expect(r.diagnostics.isEmpty)
        #expect(r.dump == lines(
            "Const count @1:1-1:34",
            "  Call @1:15-1:34",
            "    Identifier signal @1:15-1:21",
            "    Member .start @1:22-1:33",
            "      Identifier props @1:22-1:27",
            "Const doubled @2:1-2:44",
            "  Call @2:17-2:44",
            "    Identifier computed @2:17-2:25",
            "    Arrow @2:26-2:43",
            "      Binary * @2:32-2:43",
            "        Call @2:32-2:39",
            "          Identifier count @2:32-2:37",
            "        Number 2 @2:42-2:43",
            "FunctionDecl increment @3:1-3:48",
            "  Body",
            "    ExprStmt @3:24-3:46",
            "      Call @3:24-3:46",
            "        Member .set @3:24-3:33",
            "          Identifier count @3:24-3:29",
            "        Binary + @3:34-3:45",
            "          Call @3:34-3:41",
            "            Identifier count @3:34-3:39",
            "          Number 1 @3:44-3:45"))
    }

    @Test func declarations() {
        let r = parseScript("const a: number = 1, b = 'x'\nlet c\nvar d: string[]")
        #expect(r.diagnostics.isEmpty)
        #expect(r.shape == lines(
            "Const a", "  TypeName number", "  Number 1", "Const b", "  String \"x\"", "Let c", "Var d", "  TypeArray", "    TypeName string"))
        #expect(parseScript("const x").codes == ["E0117"])
        #expect(parseScript("const x").diagnostics.first?.fixes.first?.edits.first?.replacement == "let")
        #expect(parseScript("let class = 1").codes == ["E0115"])
        #expect(parseScript("const = 1").codes == ["E0114"])
        #expect(parseScript("const { a } = o").codes == ["E0121"])
    }

    @Test func functions() {
        let r = parseScript("function add(a: number, b = 2): number {\n  return a + b\n}")
        #expect(r.diagnostics.isEmpty)
        #expect(r.shape == lines(
            "FunctionDecl add", "  Param a", "    TypeName number", "  Param b", "    Default", "      Number 2",
            "  Returns", "    TypeName number", "  Body", "    Return", "      Binary +", "        Identifier a", "        Identifier b"))
        #expect(parseScript("function () {}").codes == ["E0114"])
        #expect(parseScript("function* g() {}").codes == ["E0121"])
    }

    @Test func controlFlow() {
        let r = parseScript("""
            if (a) b()
            else if (c) { d() } else e()
            for (const x of xs) total += x
            for (let i = 0; i < n; i++) {}
            for (;;) break
            while (busy) continue
            do step(); while (more)
            """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.shape == lines(
            "If", "  Identifier a", "  ExprStmt", "    Call", "      Identifier b",
            "  Else", "    If", "      Identifier c", "      Block", "        ExprStmt", "          Call", "            Identifier d",
            "      Else", "        ExprStmt", "          Call", "            Identifier e",
            "ForOf const x", "  Identifier xs", "  ExprStmt", "    Assign +=", "      Identifier total", "      Identifier x",
            "For", "  Init", "    Let i", "      Number 0", "  Condition", "    Binary <", "      Identifier i", "      Identifier n",
            "  Update", "    Postfix ++", "      Identifier i", "  Block",
            "For", "  Break",
            "While", "  Identifier busy", "  Continue",
            "DoWhile", "  ExprStmt", "    Call", "      Identifier step", "  Identifier more"))
    }

    @Test func loopsAndFunctionsScopeBreakAndReturn() {
        #expect(parseScript("break").codes == ["E0126"])
        #expect(parseScript("continue").codes == ["E0126"])
        #expect(parseScript("return 1").codes == ["E0127"])
        #expect(parseScript("while (x) { const f = () => { break } }").codes == ["E0126"])
        #expect(parseScript("function f() { while (x) { if (y) break; return 1 } }").codes == [])
        #expect(parseScript("for (const x of xs) { continue }").codes == [])
        #expect(parseScript("while (x) break outer").codes == ["E0121"])
    }

    @Test func forHeads() {
        #expect(parseScript("for (const k in o) {}").codes == ["E0128"])
        #expect(parseScript("for (x of xs) {}").codes == ["E0128"])
        #expect(parseScript("for (let i = 0, j = 1; i < j; i++) {}").codes == ["E0128"])
        #expect(parseScript("for (let i = 0 i < 3; i++) {}").codes.first == "E0128")
    }

    @Test func automaticSemicolonInsertion() {
        // `return` takes nothing from the next line.
        #expect(parseScript("function f() {\n  return\n  x\n}").shape == lines(
            "FunctionDecl f", "  Body", "    Return", "    ExprStmt", "      Identifier x"))
        // A line that can continue the expression does (as in TypeScript): `a\n(b)` is a call.
        #expect(parseScript("a\n(b)").shape == lines("ExprStmt", "  Call", "    Identifier a", "    Identifier b"))
        #expect(parseScript("a\n+ b").shape == lines("ExprStmt", "  Binary +", "    Identifier a", "    Identifier b"))
        // Postfix `++` and `!` must be on the operand's line.
        #expect(parseScript("a\n++b").shape == lines("ExprStmt", "  Identifier a", "ExprStmt", "  Unary ++", "    Identifier b"))
        #expect(parseScript("a\n!b").shape == lines("ExprStmt", "  Identifier a", "ExprStmt", "  Unary !", "    Identifier b"))
        // `as` on a new line starts a new statement.
        #expect(parseScript("x\nas").shape == lines("ExprStmt", "  Identifier x", "ExprStmt", "  Identifier as"))
        // Semicolons, closing braces and the end also end statements.
        #expect(parseScript("a; b;; { c }").shape == lines(
            "ExprStmt", "  Identifier a", "ExprStmt", "  Identifier b", "Empty", "Block", "  ExprStmt", "    Identifier c"))
        #expect(parseScript("a b").codes == ["E0112"])
        // After `do … while (…)` a semicolon is always inserted.
        #expect(parseScript("do x++\nwhile (y) z()").shape == lines(
            "DoWhile", "  ExprStmt", "    Postfix ++", "      Identifier x", "  Identifier y", "ExprStmt", "  Call", "    Identifier z"))
    }

    @Test func typeAnnotations() {
        #expect(parseTypeText("number").shape == lines("TypeName number"))
        #expect(parseTypeText("Signal<Array<number>>").shape == lines(
            "TypeName Signal", "  TypeName Array", "    TypeName number"))
        #expect(parseTypeText("Map<string, Array<Array<number>>>").shape == lines(
            "TypeName Map", "  TypeName string", "  TypeName Array", "    TypeName Array", "      TypeName number"))
        #expect(parseTypeText("number[][]").shape == lines("TypeArray", "  TypeArray", "    TypeName number"))
        #expect(parseTypeText("string?").shape == lines("TypeOptional", "  TypeName string"))
        #expect(parseTypeText("string | null").shape == lines("TypeOptional", "  TypeName string"))
        #expect(parseTypeText("undefined | string").shape == lines("TypeOptional", "  TypeName string"))
        #expect(parseTypeText("\"a\" | \"b\"").shape == lines("TypeUnion", "  TypeString \"a\"", "  TypeString \"b\""))
        #expect(parseTypeText("| number | string | null").shape == lines(
            "TypeOptional", "  TypeUnion", "    TypeName number", "    TypeName string"))
        #expect(parseTypeText("(number | string)[]").shape == lines(
            "TypeArray", "  TypeParen", "    TypeUnion", "      TypeName number", "      TypeName string"))
        #expect(parseTypeText("{ name: string; age?: number, greet(x: string): void }").shape == lines(
            "TypeObject", "  Member name", "    TypeName string", "  Member age?", "    TypeName number",
            "  Member greet", "    TypeFunction", "      TypeName string", "      Returns", "        TypeName void"))
        #expect(parseTypeText("{\n  a: number\n  b: string\n}").codes == [])
        #expect(parseTypeText("(a: number, b?: string) => bool").shape == lines(
            "TypeFunction", "  TypeName number", "  TypeOptional", "    TypeName string", "  Returns", "    TypeName bool"))
        #expect(parseTypeText("() => void").shape == lines("TypeFunction", "  Returns", "    TypeName void"))
        #expect(parseTypeText("Computed<number>").codes == [])
        #expect(parseTypeText("number[] x").codes == ["E0113"])
        #expect(parseTypeText("").codes == ["E0125"])
        #expect(parseTypeText("Array<>").codes == ["E0125"])
        #expect(parseTypeText("Array<number").codes == ["E0111"])
        #expect(parseTypeText("[number, string]").codes == ["E0121"])
        #expect(parseTypeText("A & B").codes == ["E0121"])
        #expect(parseTypeText("(number) => void").codes == ["E0125"])
        // `>=` after type arguments splits: `let a: Array<number>= []`.
        let r = parseScript("let a: Array<number>= []\nlet b = c >>= 1")
        #expect(r.diagnostics.isEmpty)
        #expect(r.shape == lines("Let a", "  TypeName Array", "    TypeName number", "  Array",
                                 "Let b", "  Assign >>=", "    Identifier c", "    Number 1"))
    }

    @Test func unsupportedStatements() {
        for source in ["switch (x) { case 1: f() }", "class A { m() {} }", "try { f() } catch (e) { g() }", "throw err",
                       "import x from \"y\"", "type T = number", "interface I { a: number }", "enum E { A }"] {
            let r = parseScript(source + "\nconst after = 1")
            #expect(r.codes == ["E0121"], "\(source): \(r.report)")
            #expect(r.statements.last.map { if case .variable = $0.kind { true } else { false } } == true, "\(source)")
        }
    }

    @Test func nodeIDsAreUniqueAndDeterministic() {
        let source = "const f = (a: number) => [a, { b: a }]\nif (f(1)) { g() } else h()"
        func ids(_ r: ParsedScript) -> [UInt32] {
            var out: [UInt32] = []
            func walk(_ s: Stmt) {
                out.append(s.id.raw)
                switch s.kind {
                case .variable(let d): if let e = d.initializer { walkE(e) }
                case .if(let c, let t, let e): walkE(c); walk(t); if let e { walk(e) }
                case .block(let ss): ss.forEach(walk)
                case .expression(let e): walkE(e)
                default: break
                }
            }
            func walkE(_ e: Expr) {
                out.append(e.id.raw)
                switch e.kind {
                case .arrow(let sig, .expression(let b)): out += sig.params.map(\.id.raw); walkE(b)
                case .array(let xs): xs.forEach { walkE($0.value) }
                case .object(let ps): ps.forEach { if case .keyValue(_, let v, _) = $0.kind { walkE(v) } }
                case .call(let c, let args, _): walkE(c); args.forEach { walkE($0.value) }
                default: break
                }
            }
            r.statements.forEach(walk)
            return out
        }
        let a = ids(parseScript(source)), b = ids(parseScript(source))
        #expect(a == b)
        #expect(Set(a).count == a.count)
        #expect(!a.contains(0))
    }
}
