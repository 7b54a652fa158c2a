import OmniBase

// Codes of the component (markup) front end, E0201–E0230:
//   E0201 unclosed <component>          E0216 unknown {#block}
//   E0202 unknown top-level block       E0217 misplaced or malformed {:else}
//   E0203 block outside a component     E0218 malformed block header
//   E0204 component without a name      E0219 empty {}
//   E0205 invalid component name        E0220 unclosed or unexpected brace
//   E0206 unknown block in a component  E0221 unclosed comment
//   E0207 duplicate block               E0222 malformed tag
//   E0208 prop without a valid name     E0223 duplicate attribute
//   E0209 bad prop attribute            E0224 unclosed attribute value
//   E0210 nesting too deep              E0225 closing tag of a void element
//   E0211 mismatched closing tag        E0226 stray text
//   E0212 unexpected closing tag        E0227 unclosed raw block (<script>, <style>, …)
//   E0213 unclosed element              E0228 invalid UTF-8
//   E0214 unclosed {#if}/{#each}        E0229 event handler not in braces
//   E0215 mismatched {/block}           E0230 non-prop element in <props>

/// `omni explain` entries for every code the markup parser raises.
public enum MarkupExplanations {
    static func component(_ body: String) -> String {
        "<component name=\"Example\">\n\(body)\n</component>\n"
    }
    static func template(_ body: String) -> String {
        component("  <template>\n\(body)\n  </template>")
    }

    public static let all: [Explanation] = [
        Explanation(code: "E0201", title: "A `<component>` is never closed",
                    body: """
                    Every `<component>` ends with `</component>`. Without it omni cannot tell where the \
                    component ends and the next block begins. The error points at the opening tag; the \
                    fix-it inserts the closing tag at the end of the file.
                    """,
                    example: "<component name=\"Invalid\">\n  <template><p>Hi</p></template>\n",
                    fixed: "<component name=\"Invalid\">\n  <template><p>Hi</p></template>\n</component>\n"),
        Explanation(code: "E0202", title: "Unknown top-level block",
                    body: """
                    A `.omni` file holds `<component>`, `<schema>` and `<routes>` blocks at its top level, \
                    and comments. Any other tag there is a mistake, most often a misspelt block name.
                    """,
                    example: "<componnet name=\"Example\"></componnet>\n",
                    fixed: "<component name=\"Example\"></component>\n"),
        Explanation(code: "E0203", title: "A component block outside of a component",
                    body: """
                    `<props>`, `<script>`, `<template>` and `<style>` belong inside a \
                    `<component name="…">` block, which gives them a name.
                    """,
                    example: "<script>\n  const count = signal(0)\n</script>\n",
                    fixed: component("  <script>\n    const count = signal(0)\n  </script>")),
        Explanation(code: "E0204", title: "A component without a name",
                    body: "Components are used by name from templates and other components, so `<component>` needs `name=\"…\"`.",
                    example: "<component>\n  <template><p>Hi</p></template>\n</component>\n",
                    fixed: component("  <template><p>Hi</p></template>")),
        Explanation(code: "E0205", title: "Invalid component name",
                    body: """
                    A component name starts with an upper-case letter and contains only letters, digits \
                    and `_`. Templates tell a child component (`<Counter />`) from an HTML element \
                    (`<button>`) by that first letter.
                    """,
                    example: "<component name=\"my-counter\"></component>\n",
                    fixed: "<component name=\"MyCounter\"></component>\n"),
        Explanation(code: "E0206", title: "Unknown block inside a component",
                    body: """
                    A component holds at most one each of `<props>`, `<script>`, `<template>` and \
                    `<style>`. Markup goes inside `<template>`.
                    """,
                    example: component("  <scirpt>const x = 1</scirpt>"),
                    fixed: component("  <script>const x = 1</script>")),
        Explanation(code: "E0207", title: "A block given twice in one component",
                    body: "A component has one `<props>`, one `<script>`, one `<template>` and one `<style>`. Merge the duplicates.",
                    example: component("  <script>const a = 1</script>\n  <script>const b = 2</script>"),
                    fixed: component("  <script>\n    const a = 1\n    const b = 2\n  </script>")),
        Explanation(code: "E0208", title: "A prop without a valid name",
                    body: "Each `<prop>` needs `name=\"…\"`, an identifier the script reads as `props.name`.",
                    example: component("  <props>\n    <prop type=\"string\" />\n  </props>"),
                    fixed: component("  <props>\n    <prop name=\"label\" type=\"string\" />\n  </props>")),
        Explanation(code: "E0209", title: "A malformed prop attribute",
                    body: """
                    `<prop>` takes `name="…"`, `type="…"`, `required` and `default={…}` (or a quoted \
                    string default). Anything else is a mistake, most often a misspelling.
                    """,
                    example: component("  <props>\n    <prop name=\"label\" tipe=\"string\" />\n  </props>"),
                    fixed: component("  <props>\n    <prop name=\"label\" type=\"string\" />\n  </props>")),
        Explanation(code: "E0210", title: "Markup nested too deeply",
                    body: """
                    omni accepts up to \(ComponentParser.maxNestingDepth) levels of nested elements and \
                    blocks in a template, so that no input can exhaust the compiler's stack. Real \
                    templates stay far below; split very deep markup into child components.
                    """,
                    example: template(String(repeating: "<div>", count: ComponentParser.maxNestingDepth + 1)
                                      + String(repeating: "</div>", count: ComponentParser.maxNestingDepth + 1)),
                    fixed: template("<div><div>…</div></div>")),
        Explanation(code: "E0211", title: "Mismatched closing tag",
                    body: """
                    An element must be closed before the element around it. The error points at the \
                    closing tag that does not match, with a label at the element still open.
                    """,
                    example: template("    <div><span>Hi</div>"),
                    fixed: template("    <div><span>Hi</span></div>")),
        Explanation(code: "E0212", title: "Unexpected closing tag",
                    body: "This closing tag closes nothing: no element of that name is open here.",
                    example: template("    <p>Hi</p></section>"),
                    fixed: template("    <section><p>Hi</p></section>")),
        Explanation(code: "E0213", title: "An element is never closed",
                    body: "An element other than a void element (`<br>`, `<img>`, …) needs its closing tag, or `/>`.",
                    example: "<component name=\"Example\">\n  <template>\n    <div>\n",
                    fixed: template("    <div></div>")),
        Explanation(code: "E0214", title: "A `{#if}` or `{#each}` block is never closed",
                    body: "`{#if …}` ends with `{/if}` and `{#each …}` with `{/each}`, before the element around it closes.",
                    example: template("    <div>{#if true}<p>yes</p></div>"),
                    fixed: template("    <div>{#if true}<p>yes</p>{/if}</div>")),
        Explanation(code: "E0215", title: "A block close that does not match",
                    body: "`{/if}` closes `{#if}` and `{/each}` closes `{#each}`; a close with no open block of its kind is an error.",
                    example: template("    {#if true}<p>yes</p>{/each}"),
                    fixed: template("    {#if true}<p>yes</p>{/if}")),
        Explanation(code: "E0216", title: "Unknown template block",
                    body: "Templates have two blocks: `{#if cond}` and `{#each list as item}`.",
                    example: template("    {#for x in xs}<p>{x}</p>{/for}"),
                    fixed: template("    {#each xs as x}<p>{x}</p>{/each}")),
        Explanation(code: "E0217", title: "A misplaced `{:else}`",
                    body: """
                    `{:else if …}` and `{:else}` belong to an `{#if}`, with `{:else}` last and at most \
                    once; `{#each}` takes one plain `{:else}`, shown when the list is empty.
                    """,
                    example: template("    <p>{:else}</p>"),
                    fixed: template("    {#if ok}<p>yes</p>{:else}<p>no</p>{/if}")),
        Explanation(code: "E0218", title: "A malformed block header",
                    body: "`{#if}` needs a condition; `{#each}` reads `{#each items as item, index (key)}` where the index and key are optional.",
                    example: template("    {#each items}<p>x</p>{/each}"),
                    fixed: template("    {#each items as item}<p>{item}</p>{/each}")),
        Explanation(code: "E0219", title: "An empty expression",
                    body: "`{}` holds nothing to show. Write an expression between the braces, or remove them.",
                    example: template("    <p>{}</p>"),
                    fixed: template("    <p>{count()}</p>")),
        Explanation(code: "E0220", title: "A brace that is not closed, or not opened",
                    body: "An expression in markup is written `{expr}`. This brace has no partner, or something follows the expression before its `}`.",
                    example: template("    <p>{count() count()}</p>"),
                    fixed: template("    <p>{count()} {count()}</p>")),
        Explanation(code: "E0221", title: "An unclosed comment",
                    body: "A comment opened with `<!--` must end with `-->`; otherwise it runs to the end of the file.",
                    example: template("    <!-- a note"),
                    fixed: template("    <!-- a note -->")),
        Explanation(code: "E0222", title: "A malformed tag",
                    body: "A tag is `<name attr=\"v\">`, `<name attr={expr} />` or `</name>`; this one is missing its name, its `>`, or has a stray character.",
                    example: template("    <p class=\"a\" =>Hi</p>"),
                    fixed: template("    <p class=\"a\">Hi</p>")),
        Explanation(code: "E0223", title: "An attribute given twice",
                    body: "Each attribute appears once per element; browsers silently keep only the first, so omni reports the second.",
                    example: template("    <p class=\"a\" class=\"b\">Hi</p>"),
                    fixed: template("    <p class=\"a b\">Hi</p>")),
        Explanation(code: "E0224", title: "An attribute value that is never closed",
                    body: "A quoted attribute value ends with the same quote it began with.",
                    example: template("    <p class=\"a>Hi</p>"),
                    fixed: template("    <p class=\"a\">Hi</p>")),
        Explanation(code: "E0225", title: "A closing tag for a void element",
                    body: "Void elements (`area base br col embed hr img input link meta param source track wbr`) have no content and no closing tag.",
                    example: template("    <p>a<br></br>b</p>"),
                    fixed: template("    <p>a<br>b</p>")),
        Explanation(code: "E0226", title: "Text outside of a block",
                    body: "Text belongs in a component's `<template>`. At the top level of a file or directly in `<component>`, it is a mistake.",
                    example: "Hello\n<component name=\"Example\"></component>\n",
                    fixed: component("  <template>Hello</template>")),
        Explanation(code: "E0227", title: "A block that is never closed",
                    body: "`<script>`, `<style>`, `<props>`, `<template>`, `<schema>` and `<routes>` each end with their closing tag.",
                    example: component("  <script>\n    const x = 1"),
                    fixed: component("  <script>\n    const x = 1\n  </script>")),
        Explanation(code: "E0228", title: "A file that is not UTF-8",
                    body: "omni reads every source as UTF-8. The first invalid byte is reported; re-save the file as UTF-8.",
                    example: component("  <template>caf\\xE9</template>"),
                    fixed: component("  <template>café</template>"),
                    exampleBytes: Array("<component name=\"Example\">\n  <template>caf".utf8) + [0xE9] + Array("</template>\n</component>\n".utf8)),
        Explanation(code: "E0229", title: "An event handler that is not an expression",
                    body: "`@event` takes a function in braces: `@click={increment}` or `@click={() => count.set(0)}`. A quoted string is not run.",
                    example: template("    <button @click=\"increment\">+</button>"),
                    fixed: template("    <button @click={increment}>+</button>")),
        Explanation(code: "E0230", title: "Something other than `<prop>` in `<props>`",
                    body: "`<props>` lists the component's props, one `<prop name=\"…\" type=\"…\" />` each.",
                    example: component("  <props>\n    <p name=\"label\" type=\"string\" />\n  </props>"),
                    fixed: component("  <props>\n    <prop name=\"label\" type=\"string\" />\n  </props>")),
    ]
}
