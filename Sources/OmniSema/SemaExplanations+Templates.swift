import OmniBase

extension SemaExplanations {
    /// E04xx (templates, child components, the project) and the W05xx warnings.
    static let templateAndWarnings: [Explanation] = [
        Explanation(
            code: "E0400", title: #"A value cannot be shown as text"#,
            body: #"`{expr}` in the template shows strings and numbers. A bool must choose its text (`{ok ? "yes" : "no"}`), an array is shown with `{#each}` or `.join(", ")`, an object through one of its fields."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const done = signal(false)
              </script>
              <template>
                <p>{done()}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const done = signal(false)
              </script>
              <template>
                <p>{done() ? "done" : "pending"}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0401", title: #"A value that may be null is shown as text"#,
            body: #"An optional value (`T?`) cannot be shown as it is: give a fallback with `??`, or show it inside `{#if x != null}`, where it is narrowed."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <props>
                <prop name="subtitle" type="string" />
              </props>
              <template>
                <p>{props.subtitle}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <props>
                <prop name="subtitle" type="string" />
              </props>
              <template>
                <p>{props.subtitle ?? ""}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0402", title: #"An event handler is not a function"#,
            body: #"`@event={handler}` takes a function, called when the event happens. Writing a call (`@click={save()}`) runs it while rendering instead."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function increment() { count.set(count() + 1) }
              </script>
              <template>
                <button @click={increment()}>{count()}</button>
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
            code: "E0403", title: #"An event handler takes the wrong parameters"#,
            body: #"Handlers are called with one argument, the event (`e.value`, `e.checked`, `e.key`). A handler may ignore it (`() => …`) or take it; it cannot require other arguments. Wrap a function that needs its own arguments in an arrow."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function add(n: number) { count.set(count() + n) }
              </script>
              <template>
                <button @click={add}>{count()}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function add(n: number) { count.set(count() + n) }
              </script>
              <template>
                <button @click={() => add(1)}>{count()}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0404", title: #"`{#each}` iterates something that is not an array"#,
            body: #"`{#each list as item, index}` needs an array."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(3)
              </script>
              <template>
                {#each count() as n}
                  <p>{n}</p>
                {/each}
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const counts = signal([3])
              </script>
              <template>
                {#each counts() as n}
                  <p>{n}</p>
                {/each}
              </template>
            </component>
            """#),
        Explanation(
            code: "E0405", title: #"An `{#each}` key is not a string or number"#,
            body: #"The key in `{#each items as item (key)}` identifies each item across updates; it must be a string or a number, such as an id."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const items = signal([{ id: 1, done: false }])
              </script>
              <template>
                {#each items() as item (item.done)}
                  <p>{item.id}</p>
                {/each}
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const items = signal([{ id: 1, done: false }])
              </script>
              <template>
                {#each items() as item (item.id)}
                  <p>{item.id}</p>
                {/each}
              </template>
            </component>
            """#),
        Explanation(
            code: "E0406", title: #"An attribute value has the wrong type"#,
            body: #"Attribute values are strings, numbers or bools (`disabled={busy()}`); `false` and `null` leave the attribute out. Arrays, objects and functions cannot be attribute values."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const classes = signal(["a", "b"])
              </script>
              <template>
                <p class={classes()}>text</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const classes = signal(["a", "b"])
              </script>
              <template>
                <p class={classes().join(" ")}>text</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0407", title: #"A child component does not exist"#,
            body: #"A tag starting with an upper-case letter is a component. No component of the project has this name; a close one is suggested."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <template>
                <Buton />
              </template>
            </component>
            <component name="Button">
              <template>
                <button>Click</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <template>
                <Button />
              </template>
            </component>
            <component name="Button">
              <template>
                <button>Click</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0408", title: #"A required prop is not passed"#,
            body: #"A prop declared `required` (with no default) must be given wherever the component is used."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <template>
                <Greeting />
              </template>
            </component>
            <component name="Greeting">
              <props>
                <prop name="name" type="string" required />
              </props>
              <template>
                <p>Hello {props.name}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <template>
                <Greeting name="Ada" />
              </template>
            </component>
            <component name="Greeting">
              <props>
                <prop name="name" type="string" required />
              </props>
              <template>
                <p>Hello {props.name}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0409", title: #"A child component has no such prop"#,
            body: #"The attribute names a prop the component does not declare. A close name is suggested."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <template>
                <Greeting nmae="Ada" />
              </template>
            </component>
            <component name="Greeting">
              <props>
                <prop name="name" type="string" />
              </props>
              <template>
                <p>Hello {props.name ?? "you"}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <template>
                <Greeting name="Ada" />
              </template>
            </component>
            <component name="Greeting">
              <props>
                <prop name="name" type="string" />
              </props>
              <template>
                <p>Hello {props.name ?? "you"}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0410", title: #"A child component is given content"#,
            body: #"Components take props, not children: omni has no slots. Pass what the component shows as props."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <template>
                <Card>Hello</Card>
              </template>
            </component>
            <component name="Card">
              <props>
                <prop name="text" type="string" />
              </props>
              <template>
                <div class="card">{props.text ?? ""}</div>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <template>
                <Card text="Hello" />
              </template>
            </component>
            <component name="Card">
              <props>
                <prop name="text" type="string" />
              </props>
              <template>
                <div class="card">{props.text ?? ""}</div>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0411", title: #"An event handler is put on a child component"#,
            body: #"Components do not emit DOM events. Declare a function prop (`<prop name="onSelect" type="() => void" />`) and pass a function to it."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                function selected() { console.log("selected") }
              </script>
              <template>
                <Item @click={selected} />
              </template>
            </component>
            <component name="Item">
              <template>
                <li>item</li>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                function selected() { console.log("selected") }
              </script>
              <template>
                <Item onSelect={selected} />
              </template>
            </component>
            <component name="Item">
              <props>
                <prop name="onSelect" type="() => void" required />
              </props>
              <template>
                <li @click={props.onSelect}>item</li>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0412", title: #"A prop has no type"#,
            body: #"Each `<prop>` declares its `type`, or has a literal default (`default={0}`, `default="text"`) that gives it."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <props>
                <prop name="label" required />
              </props>
              <template>
                <p>{props.label}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <props>
                <prop name="label" type="string" required />
              </props>
              <template>
                <p>{props.label}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0413", title: #"Two components have the same name"#,
            body: #"Component names are unique across the project, whichever files declare them. The first declaration is labelled."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Card">
              <template>
                <p>one</p>
              </template>
            </component>
            <component name="Card">
              <template>
                <p>two</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Card">
              <template>
                <p>one</p>
              </template>
            </component>
            <component name="OtherCard">
              <template>
                <p>two</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0414", title: #"Components contain each other"#,
            body: #"A component that contains itself, directly or through others, would render forever. The error shows the cycle (`A` → `B` → `A`) and labels each use."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="List">
              <template>
                <Item />
              </template>
            </component>
            <component name="Item">
              <template>
                <List />
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="List">
              <template>
                <Item />
              </template>
            </component>
            <component name="Item">
              <template>
                <p>item</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0415", title: #"A prop is declared with a type a parent cannot pass"#,
            body: #"Props hold plain values: a parent passes `count()` and the child's prop follows it. `Signal<T>`, `Computed<T>`, `Event`, `void` and `null` are not prop types; declare the value type instead."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <props>
                <prop name="count" type="Signal<number>" required />
              </props>
              <template>
                <p>{props.count}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <props>
                <prop name="count" type="number" required />
              </props>
              <template>
                <p>{props.count}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "E0416", title: #"`props` is used on its own"#,
            body: #"`props` is not an object you can pass around; read one prop at a time as `props.name`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <props>
                <prop name="label" type="string" required />
              </props>
              <script>
                const all = props
              </script>
              <template>
                <p>{props.label}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <props>
                <prop name="label" type="string" required />
              </props>
              <script>
                const label = props.label
              </script>
              <template>
                <p>{label}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0500", title: #"A constant or variable is never used"#,
            body: #"A declaration whose value is never read is probably a leftover. Remove it, or start its name with `_` to keep it. (Configurable by code, like every warning.)"#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                function show(): string {
                  const unused = 42
                  return "shown"
                }
              </script>
              <template>
                <p>{show()}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                function show(): string {
                  return "shown"
                }
              </script>
              <template>
                <p>{show()}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0501", title: #"A signal or computed value is never read"#,
            body: #"Nothing reads this signal (setting it does not count): the template never shows it and no computed or effect depends on it."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                const clicks = signal(0)
                function click() { clicks.set(clicks() + 1) ; count.set(1) }
              </script>
              <template>
                <button @click={click}>{clicks()}</button>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const clicks = signal(0)
                function click() { clicks.set(clicks() + 1) }
              </script>
              <template>
                <button @click={click}>{clicks()}</button>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0502", title: #"A function is never used"#,
            body: #"The function is neither called nor passed anywhere (its own recursive calls do not count)."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                function reset() { count.set(0) }
              </script>
              <template>
                <p>{count()}</p>
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
            code: "W0503", title: #"A prop is never used"#,
            body: #"The component declares a prop that neither its script nor its template reads."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <props>
                <prop name="title" type="string" required />
                <prop name="color" type="string" default="red" />
              </props>
              <template>
                <p>{props.title}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <props>
                <prop name="title" type="string" required />
              </props>
              <template>
                <p>{props.title}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0504", title: #"A required prop has a default"#,
            body: #"A `required` prop must always be passed, so its default is never used. Remove `required` (the prop becomes optional with that default) or remove the default."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <props>
                <prop name="size" type="number" required default={12} />
              </props>
              <template>
                <p>{props.size}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <props>
                <prop name="size" type="number" default={12} />
              </props>
              <template>
                <p>{props.size}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0505", title: #"The left side of `??` is never null"#,
            body: #"`a ?? b` gives `b` when `a` is `null`. When `a` cannot be `null`, the fallback is never used."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const name = signal("Ada")
                const shown = name() ?? "nobody"
              </script>
              <template>
                <p>{shown}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const name: Signal<string?> = signal("Ada")
                const shown = name() ?? "nobody"
              </script>
              <template>
                <p>{shown}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0506", title: #"A comparison with null is always true or always false"#,
            body: #"The value compared with `null` has a type that is never `null`, so the comparison always gives the same answer."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const name = signal("Ada")
                const known = name() != null
              </script>
              <template>
                {#if known}<p>{name()}</p>{/if}
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const name = signal("Ada")
                const known = name() != ""
              </script>
              <template>
                {#if known}<p>{name()}</p>{/if}
              </template>
            </component>
            """#),
        Explanation(
            code: "W0507", title: #"An unnecessary `!`"#,
            body: #"`x!` asserts that an optional value is not `null`. The value here is never `null`, so the `!` does nothing."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const name = signal("Ada")
                const upper = name()!.toUpperCase()
              </script>
              <template>
                <p>{upper}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const name = signal("Ada")
                const upper = name().toUpperCase()
              </script>
              <template>
                <p>{upper}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0508", title: #"Code that never runs"#,
            body: #"Statements after a `return`, `break` or `continue` in the same block never run."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                function label(): string {
                  return "a"
                  console.log("never")
                }
              </script>
              <template>
                <p>{label()}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                function label(): string {
                  console.log("logged")
                  return "a"
                }
              </script>
              <template>
                <p>{label()}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0509", title: #"An effect reads no signals"#,
            body: #"An effect runs once, then again whenever a signal it read changes. One that reads none runs only once: run the code directly, or read the signals it should follow."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                effect(() => console.log("started"))
              </script>
              <template>
                <p>{count()}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const count = signal(0)
                effect(() => console.log("count", count()))
              </script>
              <template>
                <p>{count()}</p>
              </template>
            </component>
            """#),
        Explanation(
            code: "W0510", title: #"A computed value reads no signals"#,
            body: #"A computed value recomputes when the signals it reads change. One that reads none never changes: use a plain `const`."#,
            exampleFile: "Example.omni",
            example: #"""
            <component name="Example">
              <script>
                const answer = computed(() => 6 * 7)
              </script>
              <template>
                <p>{answer()}</p>
              </template>
            </component>
            """#,
            fixed: #"""
            <component name="Example">
              <script>
                const answer = 6 * 7
              </script>
              <template>
                <p>{answer}</p>
              </template>
            </component>
            """#),
    ]
}
