import OmniBase

// Codes of the script language (lexer and parser), E0100–E0149:
//   E0100 unexpected character or invalid UTF-8    E0116 invalid assignment target
//   E0101 unterminated string literal              E0117 `const` without an initial value
//   E0102 unterminated template literal            E0118 `??` mixed with `||`/`&&`
//   E0103 unterminated block comment               E0119 unary operator on the left of `**`
//   E0104 invalid escape sequence                  E0120 nested too deeply
//   E0105 invalid number literal                   E0121 syntax omni scripts do not support
//   E0110 expected an expression                   E0122 invalid parameter
//   E0111 missing closing delimiter                E0123 rest parameter not last
//   E0112 missing `;` or line break                E0124 empty slot in an array literal
//   E0113 unexpected token                         E0125 expected a type
//   E0114 expected a name                          E0126 `break`/`continue` outside a loop
//   E0115 reserved word used as a name             E0127 `return` outside a function
//                                                  E0128 invalid `for` loop head
//                                                  E0129 unmatched closing delimiter
// E0106–E0109 and E0130–E0149 are free.

/// The `omni explain` entries of the script language's codes: one per code the script lexer
/// and parser can raise. Each example is a whole `.omni` file that raises exactly its code.
public enum ScriptExplanations {
    /// Wraps script lines in the smallest component.
    static func component(_ script: String) -> String {
        let body = script.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        return "<component name=\"Example\">\n  <script>\n\(body)\n  </script>\n</component>\n"
    }

    static func entry(_ code: DiagnosticCode, _ title: String, _ body: String, example: String, fixed: String) -> Explanation {
        Explanation(code: code, title: title, body: body, exampleFile: "Example.omni",
                    example: component(example), fixed: component(fixed))
    }

    /// Every entry, in code order.
    public static let all: [Explanation] = [
        entry("E0100", "Unexpected character", """
            The script contains a character that is not part of the script language, or bytes that \
            are not valid UTF-8.

            Scripts are a subset of TypeScript: names, numbers, strings, template literals, \
            operators and punctuation. Characters such as `@` (decorators), `#` (private names) or \
            a backslash outside a string have no meaning there. Typographic quotes (`“` `”` `‘` `’`), \
            which word processors insert, are not string delimiters either; the compiler offers to \
            replace them with straight quotes.

            Remove the character, or put it inside a string.
            """,
            example: "const total = price @ count",
            fixed: "const total = price * count"),
        entry("E0101", "Unterminated string literal", """
            A string literal starts with `"` or `'` and must end with the same quote on the same \
            line. This one reaches the end of its line (or of the script) without it.

            Add the closing quote. To put a line break inside a string write `\\n`, or use a \
            template literal (`` `…` ``), which may span lines.
            """,
            example: "const greeting = \"Hello, world\nconst other = 1",
            fixed: "const greeting = \"Hello, world\"\nconst other = 1"),
        entry("E0102", "Unterminated template literal", """
            A template literal starts with a backtick and must end with one. This one runs to the \
            end of the script: its closing backtick is missing, or a `${` inside it is never closed \
            with `}`.

            Add the missing backtick (or `}`) where the template should end.
            """,
            example: "const label = `Count: ${count()}",
            fixed: "const label = `Count: ${count()}`"),
        entry("E0103", "Unterminated block comment", """
            A block comment starts with `/*` and ends at the next `*/`. This one has no `*/`, so \
            everything after it — the rest of the script — is part of the comment.

            Add `*/` where the comment should end, or use `//` comments, which end at the end of \
            their line.
            """,
            example: "/* the counter's state\nconst count = signal(0)",
            fixed: "/* the counter's state */\nconst count = signal(0)"),
        entry("E0104", "Invalid escape sequence", """
            Inside strings and template literals a backslash starts an escape sequence. The valid \
            ones are `\\n` `\\t` `\\r` `\\b` `\\f` `\\v` `\\0`, `\\\\` `\\'` `\\"` `` \\` `` `\\$`, \
            `\\xHH` (two hex digits), `\\uHHHH` (four hex digits) and `\\u{H…}` (a code point up to \
            `10FFFF`), and a backslash before a line break, which continues the line.

            Anything else — `\\d`, an octal escape such as `\\07`, a `\\u` without its digits, or half \
            of a surrogate pair — is reported. To write a backslash itself, double it: `\\\\`.
            """,
            example: "const pattern = \"\\d+\"",
            fixed: "const pattern = \"\\\\d+\""),
        entry("E0105", "Invalid number literal", """
            Numbers are written in decimal (`42`, `3.5`, `.5`, `1e3`), hexadecimal (`0xff`), octal \
            (`0o17`) or binary (`0b1010`), with optional `_` separators between digits (`1_000`).

            This literal breaks one of those rules: a prefix such as `0x` without digits, a `_` \
            that is not between two digits, an exponent without digits, a leading zero (`017`, which \
            JavaScript once read as octal), a BigInt suffix `n`, or a name glued to the number \
            (`10px`; write it as a string if it is a CSS length).
            """,
            example: "const mask = 0x",
            fixed: "const mask = 0xff"),
        entry("E0110", "Expected an expression", """
            The parser needed a value here — a name, a literal, a call, a parenthesised \
            expression, … — and found something that cannot begin one, such as a closing \
            delimiter, an operator or the end of the script.

            Often an operand is missing after an operator (`a +`), or a statement keyword stands \
            where a value belongs (`const x = if (…)`; use the conditional operator `c ? a : b`).
            """,
            example: "const total = price +",
            fixed: "const total = price + tax"),
        entry("E0111", "Missing closing delimiter", """
            A `(`, `[`, `{`, a template's `${` or a type's `<` was opened and not closed where the \
            construct ends. The error points where the closer was expected and a second label \
            points at the opener.

            When the closer is missing altogether the compiler offers to insert it after the last \
            token of the construct. Only one error is reported for one missing closer: the parser \
            resumes at the next statement.
            """,
            example: "const sum = (1 + 2\nconst next = 3",
            fixed: "const sum = (1 + 2)\nconst next = 3"),
        entry("E0112", "Expected `;` or a line break", """
            Two statements stand on one line without a `;` between them. Like TypeScript, omni \
            ends a statement at a line break when the next line cannot continue it, so most \
            scripts need no semicolons; on a single line they are required.

            Put the second statement on its own line, or separate the two with `;`. If the first \
            word is a misspelled keyword (`cosnt x = 1`), the help suggests the keyword.
            """,
            example: "const a = 1 const b = 2",
            fixed: "const a = 1\nconst b = 2"),
        entry("E0113", "Unexpected token", """
            The parser expected a particular token — the `(` after `if`, the `:` of a conditional \
            or of an object property, the `,` between arguments, the `=>` of an arrow function — \
            and found another one.

            The message names both. Where the intended fix is clear (a missing comma between two \
            arguments, parentheses around an `if` condition) a fix-it is attached.
            """,
            example: "if count > 10 {\n  warn()\n}",
            fixed: "if (count > 10) {\n  warn()\n}"),
        entry("E0114", "Expected a name", """
            A name was required here: after `const`, `let`, `var` or `function`, after `.` in a \
            member access, for a parameter, or as the key of an object property. Something else \
            stands there.
            """,
            example: "const = 5",
            fixed: "const limit = 5"),
        entry("E0115", "Reserved word used as a name", """
            Reserved words (`class`, `new`, `default`, `if`, `const`, …) cannot name variables, \
            functions or parameters, even those omni does not otherwise support. They may still \
            follow `.` (`props.default`) and be object keys (`{ default: 1 }`).

            Choose another name.
            """,
            example: "const class = \"primary\"",
            fixed: "const className = \"primary\""),
        entry("E0116", "Invalid assignment target", """
            The left side of `=`, of a compound assignment such as `+=`, and the operand of `++` or \
            `--` must be a place that can hold a value: a variable, a property (`a.b`) or an index \
            (`a[i]`).

            A call, a literal or an arithmetic expression is not such a place, and neither is an \
            optional chain (`a?.b`), which may produce nothing. To change a signal, call its `set` \
            method: `count.set(5)`.
            """,
            example: "count() = 5",
            fixed: "count.set(5)"),
        entry("E0117", "`const` without an initial value", """
            A `const` is bound once, where it is declared, so the declaration must give it a \
            value.

            Add `= value`, or declare the variable with `let` if it is assigned later.
            """,
            example: "const total",
            fixed: "const total = 0"),
        entry("E0118", "`??` mixed with `||` or `&&`", """
            As in TypeScript, `??` cannot be combined with `||` or `&&` without parentheses: \
            `a ?? b || c` could mean `(a ?? b) || c` or `a ?? (b || c)`, and the two differ when \
            `b` is `false` or `0`.

            Add parentheses around the part that should be evaluated first.
            """,
            example: "const name = nickname ?? first || \"anonymous\"",
            fixed: "const name = (nickname ?? first) || \"anonymous\""),
        entry("E0119", "Unary operator on the left of `**`", """
            `-x ** 2` is ambiguous: mathematics reads it as `-(x ** 2)`, but a unary minus usually \
            binds tighter than binary operators. TypeScript rejects it, and so does omni; the same \
            holds for `+`, `!`, `~`, `typeof`, `void`, `delete` and `await`.

            Add parentheses: `(-x) ** 2` or `-(x ** 2)`.
            """,
            example: "const area = -side ** 2",
            fixed: "const area = -(side ** 2)"),
        entry("E0120", "Nested too deeply", """
            The parser accepts up to 256 levels of nesting: brackets, blocks, prefix operators, \
            and each link of an operator, call or member chain count as levels. Beyond that it \
            reports this error once, skips the rest of the construct and goes on, so that \
            pathological input can neither exhaust the stack nor slow the compiler down.

            Split the expression into smaller pieces, for example with intermediate `const` \
            declarations.
            """,
            example: "const deep = " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
            fixed: "const inner = (((1)))\nconst deep = (((inner)))"),
        entry("E0121", "Not supported in omni scripts", """
            The script language is a small subset of TypeScript. It has `const`/`let`, functions \
            and arrows, `if`/`else`, `for … of` and counting loops, `while`, `return`, the usual \
            operators, template literals, arrays and objects, and type annotations.

            It does not have classes, `new`, `this`, `switch`, exceptions (`try`, `throw`), \
            imports, type aliases, interfaces, enums, destructuring, labels, generators, getters \
            and setters, tagged templates, tuple or intersection types, or comma expressions \
            outside parentheses. The help of each error suggests what to write instead.
            """,
            example: "switch (mode) {\n  case \"a\": pick(1)\n}",
            fixed: "if (mode === \"a\") {\n  pick(1)\n}"),
        entry("E0122", "Invalid parameter", """
            A parameter is a name with an optional type and default value: `x`, `x: number`, \
            `x = 1`, `x?: string`, `...rest: number[]`.

            A parameter cannot be both optional (`?`) and have a default value (the default \
            already makes it optional); a rest parameter cannot be optional or have a default; and \
            destructuring patterns (`{ a, b }`) are not supported — take the whole value and read \
            its parts in the body.
            """,
            example: "const grow = (by?: number = 1) => by * 2",
            fixed: "const grow = (by: number = 1) => by * 2"),
        entry("E0123", "Rest parameter not last", """
            A rest parameter (`...values`) collects all remaining arguments, so no parameter can \
            follow it.

            Move it to the end of the parameter list.
            """,
            example: "function sum(...values: number[], scale: number) {\n  return scale\n}",
            fixed: "function sum(scale: number, ...values: number[]) {\n  return scale\n}"),
        entry("E0124", "Empty slot in an array literal", """
            `[1, , 2]` has a hole: JavaScript would create a sparse array. omni arrays have no \
            holes; every slot needs a value.

            Remove the extra comma, or write the value that belongs there (`null` if it is \
            absent on purpose).
            """,
            example: "const sizes = [1, , 3]",
            fixed: "const sizes = [1, 2, 3]"),
        entry("E0125", "Expected a type", """
            A type annotation was expected — after the `:` of a declaration or parameter, inside \
            `<…>`, in a function type — and something else stands there.

            Types are names (`number`, `string`, `bool`, `Signal<number>`), arrays (`number[]`), \
            optionals (`string?` or `string | null`), unions, object shapes (`{ x: number }`), \
            function types (`(x: number) => string`) and string literal types (`"primary"`). In a \
            function type every parameter has a name and a type.
            """,
            example: "let limit: = 10",
            fixed: "let limit: number = 10"),
        entry("E0126", "`break` or `continue` outside a loop", """
            `break` leaves the innermost `for`, `while` or `do` loop and `continue` starts its \
            next iteration; outside a loop they mean nothing. A function body starts a new \
            context: a loop around the function does not count.

            To leave a function early use `return`.
            """,
            example: "function check(x: number) {\n  if (x > 10) break\n}",
            fixed: "function check(x: number) {\n  if (x > 10) return\n}"),
        entry("E0127", "`return` outside a function", """
            The body of a `<script>` runs once when the component is created; it is not a \
            function, so it cannot `return`.

            Move the code into a function, or remove the `return`.
            """,
            example: "const ready = true\nreturn ready",
            fixed: "const ready = true"),
        entry("E0128", "Invalid `for` loop head", """
            A loop over the values of an array is written `for (const x of xs)`; a counting loop \
            `for (let i = 0; i < n; i++)`.

            omni has no `for … in` (to loop over an object's keys use \
            `for (const key of Object.keys(obj))`); the loop variable must be declared in the \
            head; a counting loop declares at most one variable; and its three parts are \
            separated by `;`.
            """,
            example: "for (const key in settings) {\n  show(key)\n}",
            fixed: "for (const key of Object.keys(settings)) {\n  show(key)\n}"),
        entry("E0129", "Unmatched closing delimiter", """
            A `)`, `]` or `}` appears where nothing is open. Usually there is one closer too many, \
            or its opener was deleted.

            Remove it, or add the opening delimiter it was meant to close.
            """,
            example: "count.set(count() + 1))",
            fixed: "count.set(count() + 1)"),
    ]
}
