import OmniBase

// Every code the semantic core raises, with its `omni explain` entry. Each example is a
// complete `.omni` file that raises the code (`SemaExplanationTests` compiles them all);
// `fixed` is the same file corrected. Golden tests: `Fixtures/sema/<CODE>-<slug>.omni`.
//
// Errors E0300–E0499 (E03xx script, E04xx template and project), warnings W0500–W0599:
//   E0300  A name is not declared
//   E0301  A name is declared twice in the same scope
//   E0302  A constant or variable is used before its declaration
//   E0303  Assignment to a constant
//   E0304  Assignment to a prop
//   E0305  Calling a value that is not a function
//   E0310  An arithmetic operator is used on the wrong types
//   E0311  An ordering comparison mixes types
//   E0312  An equality compares values that can never be equal
//   E0313  `&&`, `||` or `!` is used on a value that is not a bool
//   E0314  A condition is not a bool
//   E0315  A value does not have the type that is expected
//   E0316  A call has the wrong number of arguments
//   E0317  A value has no such member
//   E0318  A value may be null
//   E0319  A type cannot be inferred
//   E0320  A signal is used as a value without reading it
//   E0321  A computed value cannot be set
//   E0322  A type name is not known
//   E0323  A type form is not supported
//   E0324  Branches or elements have different types
//   E0325  A signal, computed or effect is created outside the script's top level
//   E0326  A built-in function or method is used as a value
//   E0327  A parameter needs a type
//   E0328  A type depends on itself
//   E0329  An operator or construct is not supported
//   E0330  The left side of an assignment cannot be assigned
//   E0331  `push` on an array that is not a local `let`
//   E0332  A value cannot be indexed this way
//   E0333  A numeric operator is used on something that is not a number
//   E0335  An object literal gives a field twice
//   E0336  A spread is used on the wrong kind of value
//   E0337  `for … of` loops over something that is not an array
//   E0338  An object literal has a field its type does not declare
//   E0340  A value cannot be put into a template literal
//   E0341  A function can end without returning its value
//   E0400  A value cannot be shown as text
//   E0401  A value that may be null is shown as text
//   E0402  An event handler is not a function
//   E0403  An event handler takes the wrong parameters
//   E0404  `{#each}` iterates something that is not an array
//   E0405  An `{#each}` key is not a string or number
//   E0406  An attribute value has the wrong type
//   E0407  A child component does not exist
//   E0408  A required prop is not passed
//   E0409  A child component has no such prop
//   E0410  A child component is given content
//   E0411  An event handler is put on a child component
//   E0412  A prop has no type
//   E0413  Two components have the same name
//   E0414  Components contain each other
//   E0415  A prop is declared with a type a parent cannot pass
//   E0416  `props` is used on its own
//   W0500  A constant or variable is never used
//   W0501  A signal or computed value is never read
//   W0502  A function is never used
//   W0503  A prop is never used
//   W0504  A required prop has a default
//   W0505  The left side of `??` is never null
//   W0506  A comparison with null is always true or always false
//   W0507  An unnecessary `!`
//   W0508  Code that never runs
//   W0509  An effect reads no signals
//   W0510  A computed value reads no signals

/// The `omni explain` entries of every code the semantic core raises.
public enum SemaExplanations {
    /// All entries, sorted by code.
    public static let all: [Explanation] = (script + types + templateAndWarnings).sorted { $0.code < $1.code }

    /// E0300–E0319: names, operators and types of the script language.
    static let script: [Explanation] = [
        Explanation(
            code: "E0300", title: #"A name is not declared"#,
            body: #"The script or template uses a name that is not declared in any enclosing scope: not a prop (props are read as `props.name`), not a script declaration, parameter or `{#each}` binding, and not a built-in. When a declared name is close, the compiler suggests it with a fix-it."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function increment() { count.set(cuont() + 1) }
              </script>
              <template>
                <button @click={increment}>{count()}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function increment() { count.set(count() + 1) }
              </script>
              <template>
                <button @click={increment}>{count()}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0301", title: #"A name is declared twice in the same scope"#,
            body: #"Each scope (the script's top level, a function body, a block, an `{#each}`) may declare a name once; props, shape fields and parameters likewise. The first declaration is labelled."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const total = signal(0)
                const total = signal(1)
              </script>
              <template>
                <p>{total()}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const total = signal(0)
                const other = signal(1)
              </script>
              <template>
                <p>{total()} {other()}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0302", title: #"A constant or variable is used before its declaration"#,
            body: #"`const` and `let` declarations are visible from where they are written. Using one earlier in the same function (or at the script's top level) is an error. Functions are hoisted, and code inside a function body may refer to declarations that come later, because it runs later."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const doubled = count() * 2
                const count = signal(1)
              </script>
              <template>
                <p>{doubled}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(1)
                const doubled = count() * 2
              </script>
              <template>
                <p>{doubled}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0303", title: #"Assignment to a constant"#,
            body: #"A `const`, a function, a built-in or an `{#each}` binding cannot be assigned. Declare a changing value with `let`; to change a signal, call `.set(value)`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function reset() { count = 0 }
              </script>
              <template>
                <button @click={reset}>{count()}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function reset() { count.set(0) }
              </script>
              <template>
                <button @click={reset}>{count()}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0304", title: #"Assignment to a prop"#,
            body: #"Props belong to the parent component that passes them; a component reads them and never changes them. Copy a prop into a signal to change a local value."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <props>
                <prop name="label" type="string" required />
              </props>
              <script>
                function rename() { props.label = "new" }
              </script>
              <template>
                <button @click={rename}>{props.label}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <props>
                <prop name="label" type="string" required />
              </props>
              <script>
                const label = signal(props.label)
                function rename() { label.set("new") }
              </script>
              <template>
                <button @click={rename}>{label()}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0305", title: #"Calling a value that is not a function"#,
            body: #"Only functions, signals and computed values (to read them) can be called. A number, a string, an object or a prop that is not a function cannot."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const limit = 10
                const shown = limit()
              </script>
              <template>
                <p>{shown}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const limit = 10
                const shown = limit
              </script>
              <template>
                <p>{shown}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0310", title: #"An arithmetic operator is used on the wrong types"#,
            body: #"`+` adds two numbers or joins two strings; `-`, `*`, `/`, `%`, `**` and the bitwise operators take two numbers. omni never converts between numbers and strings implicitly: convert with `String(x)` / `Number(s)`, or use a template literal."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                const name = signal("Alice")
                const result = count() + name()
              </script>
              <template>
                <p>{result}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                const name = signal("Alice")
                const result = `${count()}${name()}`
              </script>
              <template>
                <p>{result}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0311", title: #"An ordering comparison mixes types"#,
            body: #"`<`, `>`, `<=` and `>=` compare two numbers or two strings."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const age = signal("42")
                const adult = age() >= 18
              </script>
              <template>
                {#if adult}<p>adult</p>{/if}
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const age = signal("42")
                const adult = Number(age()) >= 18
              </script>
              <template>
                {#if adult}<p>adult</p>{/if}
              </template>
            </component>
            """#),
        Explanation(
            code: "E0312", title: #"An equality compares values that can never be equal"#,
            body: #"`==` and `===` (both strict in omni) compare values of compatible types. Comparing a number with a string is always false, so it is reported."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                const isZero = count() == "0"
              </script>
              <template>
                {#if isZero}<p>zero</p>{/if}
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                const isZero = count() == 0
              </script>
              <template>
                {#if isZero}<p>zero</p>{/if}
              </template>
            </component>
            """#),
        Explanation(
            code: "E0313", title: #"`&&`, `||` or `!` is used on a value that is not a bool"#,
            body: #"The logical operators take `bool`s only; omni has no truthiness. Compare explicitly (`n > 0`, `s != ""`, `x != null`). For a fallback value use `??`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const items = signal([1, 2])
                const any = items().length && true
              </script>
              <template>
                {#if any}<p>some</p>{/if}
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const items = signal([1, 2])
                const any = items().length > 0 && true
              </script>
              <template>
                {#if any}<p>some</p>{/if}
              </template>
            </component>
            """#),
        Explanation(
            code: "E0314", title: #"A condition is not a bool"#,
            body: #"`if`, `while`, `for`, `?:` and `{#if}` test a `bool`. A number, string, array or optional must be compared explicitly, e.g. `count() > 0`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
              </script>
              <template>
                {#if count()}
                  <p>clicked</p>
                {/if}
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
              </script>
              <template>
                {#if count() > 0}
                  <p>clicked</p>
                {/if}
              </template>
            </component>
            """#),
        Explanation(
            code: "E0315", title: #"A value does not have the type that is expected"#,
            body: #"A value is used where another type is expected: an annotated declaration, an argument, a return value, a signal's `.set`, a prop's default or a prop passed to a child component. The label says what the value is."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count: Signal<number> = signal(0)
                function reset() { count.set("zero") }
              </script>
              <template>
                <button @click={reset}>{count()}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count: Signal<number> = signal(0)
                function reset() { count.set(0) }
              </script>
              <template>
                <button @click={reset}>{count()}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0316", title: #"A call has the wrong number of arguments"#,
            body: #"A function is called with fewer arguments than it requires or more than it takes. Parameters with defaults or `?` may be left out; a rest parameter takes any number. Reading a signal (`count()`) takes no arguments."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                function greet(name: string): string { return `Hello ${name}` }
                const text = greet("a", "b")
              </script>
              <template>
                <p>{text}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                function greet(name: string): string { return `Hello ${name}` }
                const text = greet("a")
              </script>
              <template>
                <p>{text}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0317", title: #"A value has no such member"#,
            body: #"A field of a shape, a prop (`props.name`) or a built-in property or method (strings, arrays, numbers, signals, events) is misspelt or does not exist. The closest name is suggested."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const name = signal("omni")
                const size = name().lenght
              </script>
              <template>
                <p>{size}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const name = signal("omni")
                const size = name().length
              </script>
              <template>
                <p>{size}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0318", title: #"A value may be null"#,
            body: #"A value of type `T?` may be `null`. Check it first (`if (x != null)`, `x != null ? … : …`, `x != null && …`, or `{#if x != null}`: the value is narrowed to `T` there), use `?.`, or give a fallback with `??`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const user: Signal<string?> = signal(null)
                const shout = user().toUpperCase()
              </script>
              <template>
                <p>{shout}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const user: Signal<string?> = signal(null)
                const shout = (user() ?? "nobody").toUpperCase()
              </script>
              <template>
                <p>{shout}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0319", title: #"A type cannot be inferred"#,
            body: #"An empty array `[]`, a bare `null`, or a `let` without a value says nothing about the type it will hold. Annotate the declaration: `const items: Signal<string[]> = signal([])`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const items = signal([])
              </script>
              <template>
                <p>{items().length}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const items: Signal<string[]> = signal([])
              </script>
              <template>
                <p>{items().length}</p>
              </template>
            </component>
            """#),
    ]
}
