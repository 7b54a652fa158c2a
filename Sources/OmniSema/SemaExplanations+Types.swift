import OmniBase

extension SemaExplanations {
    /// E0320–E0341: signals, inference and the rest of the script language.
    static let types: [Explanation] = [
        Explanation(
            code: "E0320", title: #"A signal is used as a value without reading it"#,
            body: #"A signal or computed value is a container. Read its current value by calling it: `count()`. Where the plain value is expected (text, operators, conditions, arguments) the container itself is an error."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
              </script>
              <template>
                <p>{count}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
              </script>
              <template>
                <p>{count()}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0321", title: #"A computed value cannot be set"#,
            body: #"`computed(fn)` derives its value from the signals `fn` reads; it has no `.set` or `.update`. Change one of the signals it reads instead."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(1)
                const doubled = computed(() => count() * 2)
                function reset() { doubled.set(0) }
              </script>
              <template>
                <button @click={reset}>{doubled()}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(1)
                const doubled = computed(() => count() * 2)
                function reset() { count.set(0) }
              </script>
              <template>
                <button @click={reset}>{doubled()}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0322", title: #"A type name is not known"#,
            body: #"Type annotations (and `<prop type=…>`) use `number`, `string`, `bool`, `T[]`, `T?`, shapes `{ name: string }`, function types, `Signal<T>`, `Computed<T>` and `Event`. A misspelt name gets a suggestion."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <props>
                <prop name="name" type="strng" required />
              </props>
              <template>
                <p>{props.name}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <props>
                <prop name="name" type="string" required />
              </props>
              <template>
                <p>{props.name}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0323", title: #"A type form is not supported"#,
            body: #"omni supports `T | null` (written `T?`) and unions of string literals, which are strings. Other unions, and generic types with the wrong number of arguments, are not supported."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const value: Signal<number | string> = signal(0)
              </script>
              <template>
                <p>{value()}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const value: Signal<number> = signal(0)
              </script>
              <template>
                <p>{value()}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0324", title: #"Branches or elements have different types"#,
            body: #"The two branches of `?:`, the elements of an array literal, the sides of `??` and the `return`s of a function must share one type (one may be `null`, giving `T?`)."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                const label = count() > 0 ? count() : "none"
              </script>
              <template>
                <p>{label}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                const label = count() > 0 ? String(count()) : "none"
              </script>
              <template>
                <p>{label}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0325", title: #"A signal, computed or effect is created outside the script's top level"#,
            body: #"`signal`, `computed` and `effect` create long-lived reactive nodes. Inside a function, an event handler or the template they would create a new one every time that code runs. Declare them at the top level of `<script>`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function track() { effect(() => console.log(count())) }
              </script>
              <template>
                <button @click={track}>{count()}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                effect(() => console.log(count()))
              </script>
              <template>
                <p>{count()}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0326", title: #"A built-in function or method is used as a value"#,
            body: #"Built-in functions such as `signal` or `String`, and methods such as `name.trim`, can only be called directly. Wrap them in an arrow to pass them around: `(x) => x.trim()`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const name = signal(" omni ")
                const clean = name().trim
              </script>
              <template>
                <p>{clean}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const name = signal(" omni ")
                const clean = name().trim()
              </script>
              <template>
                <p>{clean}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0327", title: #"A parameter needs a type"#,
            body: #"A parameter's type comes from its annotation, its default value, or the function type expected where the function is passed (`xs.map(x => …)`, `@input={(e) => …}`). A declared function's parameters have no such context."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                function double(n) { return n * 2 }
              </script>
              <template>
                <p>{double(2)}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                function double(n: number) { return n * 2 }
              </script>
              <template>
                <p>{double(2)}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0328", title: #"A type depends on itself"#,
            body: #"A function's return type, or a declaration's type, is inferred from its body, and the body uses it again (recursion, or two computed values reading each other). Annotate the type to break the circle."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                function fact(n: number) { return n <= 1 ? 1 : n * fact(n - 1) }
              </script>
              <template>
                <p>{fact(5)}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1) }
              </script>
              <template>
                <p>{fact(5)}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0329", title: #"An operator or construct is not supported"#,
            body: #"omni's script language is a small typed subset of TypeScript. `in`, `instanceof`, `delete`, `await` and computed object keys are not part of it."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const config = { debug: true }
                const hasDebug = "debug" in config
              </script>
              <template>
                {#if hasDebug}<p>debug</p>{/if}
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const config = { debug: true }
                const hasDebug = config.debug
              </script>
              <template>
                {#if hasDebug}<p>debug</p>{/if}
              </template>
            </component>
            """#),
        Explanation(
            code: "E0330", title: #"The left side of an assignment cannot be assigned"#,
            body: #"Only variables, fields of objects and array elements can be assigned: not the built-in properties of strings and arrays (`length`), and not through `?.`. A signal's value is changed with `.set(value)`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const name = signal("omni")
                function clear() { name().length = 0 }
              </script>
              <template>
                <button @click={clear}>{name()}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const name = signal("omni")
                function clear() { name.set("") }
              </script>
              <template>
                <button @click={clear}>{name()}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0331", title: #"`push` on an array that is not a local `let`"#,
            body: #"`push` changes an array in place. That is allowed on an array held in a local `let` variable being built up. An array read from a signal, a prop or a constant is shared: changing it in place is invisible to the template. Make a new array: `items.update(xs => [...xs, item])`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const items: Signal<string[]> = signal([])
                function add() { items().push("new") }
              </script>
              <template>
                <button @click={add}>{items().length}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const items: Signal<string[]> = signal([])
                function add() { items.update(xs => [...xs, "new"]) }
              </script>
              <template>
                <button @click={add}>{items().length}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0332", title: #"A value cannot be indexed this way"#,
            body: #"Arrays and strings are indexed with a number (`xs[0]`). Objects are read with `.field`, not `["field"]`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const user = { name: "Ada" }
                const name = user["name"]
              </script>
              <template>
                <p>{name}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const user = { name: "Ada" }
                const name = user.name
              </script>
              <template>
                <p>{name}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0333", title: #"A numeric operator is used on something that is not a number"#,
            body: #"Unary `-`, `+`, `~` and the increments `++`/`--` take numbers."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const text = signal("5")
                const negative = -text()
              </script>
              <template>
                <p>{negative}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const text = signal("5")
                const negative = -Number(text())
              </script>
              <template>
                <p>{negative}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0335", title: #"An object literal gives a field twice"#,
            body: #"Each field of an object literal may be given once; the second would silently replace the first."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const user = { name: "Ada", name: "Grace" }
              </script>
              <template>
                <p>{user.name}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const user = { name: "Ada", nickname: "Grace" }
              </script>
              <template>
                <p>{user.name} {user.nickname}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0336", title: #"A spread is used on the wrong kind of value"#,
            body: #"`...xs` spreads an array into an array literal or into a rest parameter, and `...obj` spreads an object into an object literal."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const first = signal("a")
                const all = [...first(), "b"]
              </script>
              <template>
                <p>{all.length}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const first = signal("a")
                const all = [first(), "b"]
              </script>
              <template>
                <p>{all.length}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0337", title: #"`for … of` loops over something that is not an array"#,
            body: #"`for (const x of xs)` iterates the elements of an array."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(3)
                function sum(): number {
                  let total = 0
                  for (const n of count()) { total += n }
                  return total
                }
              </script>
              <template>
                <p>{sum()}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const counts = signal([3])
                function sum(): number {
                  let total = 0
                  for (const n of counts()) { total += n }
                  return total
                }
              </script>
              <template>
                <p>{sum()}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0338", title: #"An object literal has a field its type does not declare"#,
            body: #"When an object literal is written where a shape is expected (an annotation, an argument, `.set`), each field must be one the shape declares. A close name is suggested."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const user: Signal<{ name: string; age: number }> = signal({ name: "Ada", aeg: 36 })
              </script>
              <template>
                <p>{user().name}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const user: Signal<{ name: string; age: number }> = signal({ name: "Ada", age: 36 })
              </script>
              <template>
                <p>{user().name}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0340", title: #"A value cannot be put into a template literal"#,
            body: #"Template literals take numbers, strings and bools. An optional must get a fallback (`${x ?? ""}`); arrays and objects must be turned into text first."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const tags = signal(["a", "b"])
                const text = `tags: ${tags()}`
              </script>
              <template>
                <p>{text}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const tags = signal(["a", "b"])
                const text = `tags: ${tags().join(", ")}`
              </script>
              <template>
                <p>{text}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0341", title: #"A function can end without returning its value"#,
            body: #"A function whose return type is given (or expected from its context) must return a value on every path."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                function sign(n: number): string {
                  if (n > 0) { return "+" }
                }
              </script>
              <template>
                <p>{sign(1)}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                function sign(n: number): string {
                  if (n > 0) { return "+" }
                  return "-"
                }
              </script>
              <template>
                <p>{sign(1)}</p>
              </template>
            </component>
            """#),
    ]
}
