import OmniBase

/// `omni explain` entries of the server renderer of components (registered in OmniDriver's
/// `ExplanationCatalog`; `ComponentSSRGenTests` checks that each example raises its code).
public enum SSRExplanations {
    public static let all: [Explanation] = [
        Explanation(code: "E0810", title: "A construct the server renderer of components does not support",
                    body: """
                    The server renders each component's first state in Swift (`omni_ssr_<Name>`), with \
                    the hydration markers the WASM module expects. Some constructs have no server \
                    rendering: object values, signals passed around as values, child components, \
                    recursive functions, `Math.random()` (the server and the browser would disagree), \
                    `parseInt`/`parseFloat`, `split`, `padStart`/`padEnd`, `toFixed`, array mutation \
                    (`push`, `pop`, `reverse`) and assignment to fields. The message names the \
                    construct; rewrite it, or keep the component out of server-rendered pages.
                    """,
                    example: """
                    <component name="Dice">
                      <template><p>{Math.random()}</p></template>
                    </component>
                    """, checkable: false),
    ]
}
