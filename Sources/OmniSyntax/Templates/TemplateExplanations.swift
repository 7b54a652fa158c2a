import OmniBase

// Codes of the template front end (templates/**/*.html), E0700–E0749:
//   E0700 unclosed `{{` / `{{{`                 E0717 malformed block header or bare helper as a value
//   E0701 stray `}}` in text                    E0718 unknown or misplaced `@data` variable
//   E0702 unterminated comment                  E0719 parent path `../`
//   E0703 unterminated string                   E0720 mismatched HTML closing tag
//   E0704 malformed tag or expression           E0721 unexpected HTML closing tag
//   E0705 unknown block `{{#x}}`                E0722 HTML element or tag never closed
//   E0706 mismatched `{{/x}}`                   E0723 HTML element crossing a block branch
//   E0707 `{{/x}}` with nothing open            E0724 block branch ending elsewhere in the HTML
//   E0708 block never closed                    E0725 unclosed `<!--` or `<script>`/`<style>`
//   E0709 misplaced `{{else}}`                  E0726 nesting too deep
//   E0710 `{{#each}}` without `as |x|`          E0727 bad layout directive
//   E0711 bad partial name                      E0728 misplaced `{{yield}}`
//   E0712 positional argument                   E0729 bad `{{#component}}`
//   E0713 bad `key=value` argument              E0730 unsupported Mustache syntax
//   E0714 duplicate argument name               E0731 invalid UTF-8
//   E0715 unknown helper                        E0732 partial/component/yield inside a tag
//   E0716 wrong number of helper arguments
// E0733–E0749 are free.

/// `omni explain` entries for every code the template parser raises.
public enum TemplateExplanations {
    static func entry(_ code: DiagnosticCode, _ title: String, _ body: String, _ example: String, _ fixed: String,
                      bytes: [UInt8]? = nil) -> Explanation {
        Explanation(code: code, title: title, body: body, exampleFile: "templates/example.html", example: example + "\n",
                    fixed: fixed + "\n", exampleBytes: bytes)
    }

    public static let all: [Explanation] = [
        entry("E0700", "A tag that is never closed",
              "A tag opened with `{{` ends with `}}` (and `{{{` with `}}}`) before the next `{{`, the next `<` or the end of the file.",
              "<p>{{user.name</p>", "<p>{{user.name}}</p>"),
        entry("E0701", "A stray `}}`",
              "`}}` in text closes nothing. It is usually a leftover of an edited tag. Inside `<script>`, `<style>` and attribute values it is allowed.",
              "<p>{{user.name}}}}</p>", "<p>{{user.name}}</p>"),
        entry("E0702", "A comment that is never closed",
              "`{{! … }}` ends at the first `}}`; `{{!-- … --}}` ends at `--}}` and may contain `}}`. Without its end, the comment runs to the end of the file.",
              "{{!-- a note\n<p>Hi</p>", "{{!-- a note --}}\n<p>Hi</p>"),
        entry("E0703", "A string that is never closed",
              "Strings are written in `\"…\"` or `'…'` on one line, with `\\\"`, `\\'`, `\\\\`, `\\n` and `\\t` escapes.",
              "{{#component \"Counter label=\"Clicks\"}}{{/component}}", "{{#component \"Counter\" label=\"Clicks\"}}{{/component}}"),
        entry("E0704", "A malformed tag",
              "A tag holds one value (`{{user.name}}`), a helper call (`{{format_date post.createdAt}}`), a block tag or a partial. Paths are written with `.`; subexpressions are `(helper args…)`.",
              "<p>{{user.name user.email}}</p>", "<p>{{user.name}} {{user.email}}</p>"),
        entry("E0705", "An unknown block",
              "The blocks are `{{#if}}`, `{{#unless}}`, `{{#each}}` and `{{#component}}`. Loops are written `{{#each list as |item|}}`; a layout is chosen with a `{{! layout: app }}` comment.",
              "{{#for user in users}}<p>{{user.name}}</p>{{/for}}", "{{#each users as |user|}}<p>{{user.name}}</p>{{/each}}"),
        entry("E0706", "A block closed by the wrong name",
              "Blocks close in the reverse order they open: `{{/if}}` closes the innermost `{{#if}}`. The error points at the closing tag, with a label at the block still open.",
              "{{#if ok}}<p>yes</p>{{/each}}", "{{#if ok}}<p>yes</p>{{/if}}"),
        entry("E0707", "A block close with nothing open",
              "This `{{/…}}` closes nothing: no block of that name is open here.",
              "<p>Hi</p>{{/if}}", "<p>Hi</p>"),
        entry("E0708", "A block that is never closed",
              "`{{#if}}` ends with `{{/if}}`, `{{#each}}` with `{{/each}}`, and so on. The fix-it inserts the missing closes at the end of the file.",
              "{{#if ok}}<p>yes</p>", "{{#if ok}}<p>yes</p>{{/if}}"),
        entry("E0709", "A misplaced `{{else}}`",
              "`{{else}}` belongs to the innermost `{{#if}}`, `{{#unless}}` or `{{#each}}`, at most once and last. `{{else if c}}` chains only in `{{#if}}`.",
              "<p>Hi</p>{{else}}", "{{#if ok}}<p>Hi</p>{{else}}<p>Bye</p>{{/if}}"),
        entry("E0710", "`{{#each}}` without a name for the element",
              "Each element of a loop gets a name, and optionally its index: `{{#each users as |user i|}}`. There is no implicit `this` inside a loop.",
              "{{#each users}}<p>{{name}}</p>{{/each}}", "{{#each users as |user|}}<p>{{user.name}}</p>{{/each}}"),
        entry("E0711", "A malformed partial name",
              "`{{> users/_row}}` includes `templates/users/_row.html`: the name is relative to `templates/`, has no `.html`, and its file name starts with `_`.",
              "{{> users/row.html}}", "{{> users/_row}}"),
        entry("E0712", "A positional argument",
              "Partials and components take arguments by name only: `{{> _row user=user}}`, `{{#component \"Counter\" start=3}}`.",
              "{{> users/_row user}}", "{{> users/_row user=user}}"),
        entry("E0713", "A malformed `key=value` argument",
              "An argument is a name, `=` and a value: a path, a literal or a subexpression.",
              "{{> users/_row user=}}", "{{> users/_row user=user}}"),
        entry("E0714", "An argument given twice",
              "Each argument name appears once per tag.",
              "{{> users/_row user=a user=b}}", "{{> users/_row user=a}}"),
        entry("E0715", "An unknown helper",
              "The helpers are a fixed set: `eq ne lt lte gt gte and or not default length upper lower truncate format_date format_number`. Parentheses hold a helper call, not a plain value.",
              "<p>{{formatdate post.createdAt}}</p>", "<p>{{format_date post.createdAt}}</p>"),
        entry("E0716", "A helper called with the wrong number of arguments",
              "Each helper takes a fixed number of arguments: `(eq a b)` two, `(not a)` one, `(and a b …)` two or more. Helper names are reserved: a field called `length` is written `this.length`.",
              "{{#if (eq status)}}<p>x</p>{{/if}}", "{{#if (eq status \"open\")}}<p>x</p>{{/if}}"),
        entry("E0717", "A malformed block header",
              "`{{#if}}` and `{{#unless}}` take one condition; a helper call there, or as an argument, is written in parentheses: `{{#if (eq a b)}}`.",
              "{{#if eq status \"open\"}}<p>x</p>{{/if}}", "{{#if (eq status \"open\")}}<p>x</p>{{/if}}"),
        entry("E0718", "An unknown or misplaced data variable",
              "Inside `{{#each}}` the data variables `@index`, `@first` and `@last` describe the current element. Outside a loop there are none; pass them to partials as arguments.",
              "<p>{{@index}}</p>", "{{#each users as |user|}}<p>{{@index}}</p>{{/each}}"),
        entry("E0719", "A parent path `../`",
              "omni has no `../`: block parameters do not hide outer names, so the outer value is still reachable by its own name.",
              "{{#each posts as |post|}}<p>{{../title}}</p>{{/each}}", "{{#each posts as |post|}}<p>{{title}}</p>{{/each}}"),
        entry("E0720", "Mismatched HTML closing tag",
              "An element closes before the element around it. The error points at the closing tag that does not match, with a label at the element still open.",
              "<div><span>Hi</div>", "<div><span>Hi</span></div>"),
        entry("E0721", "Unexpected HTML closing tag",
              "This closing tag closes nothing (or a void element such as `<br>`, which has no closing tag).",
              "<p>Hi</p></section>", "<section><p>Hi</p></section>"),
        entry("E0722", "An HTML element that is never closed",
              "Every element but the void ones (`area base br col embed hr img input link meta param source track wbr`) needs its closing tag, or `/>`; every tag needs its `>`.",
              "<main><p>Hi</p>", "<main><p>Hi</p></main>"),
        entry("E0723", "An HTML element crossing a block",
              "An element opened inside a block branch closes in that branch, and one opened outside closes outside, so that every branch renders well-formed HTML.",
              "{{#if link}}<a href=\"{{link}}\">{{/if}}Home{{#if link}}</a>{{/if}}",
              "{{#if link}}<a href=\"{{link}}\">Home</a>{{else}}Home{{/if}}"),
        entry("E0724", "A block that ends elsewhere in the HTML than it began",
              "A block branch begins and ends at the same place in the HTML: in text, or inside the same tag or attribute value.",
              "<p class=\"{{#if on}}active\">x{{/if}}</p>", "<p class=\"{{#if on}}active{{/if}}\">x</p>"),
        entry("E0725", "An unclosed HTML comment or raw-text element",
              "`<!--` ends with `-->`; `<script>` and `<style>` end with their closing tags.",
              "<!-- a note\n<p>Hi</p>", "<!-- a note -->\n<p>Hi</p>"),
        entry("E0726", "Nesting too deep",
              "omni accepts up to \(TemplateParser.maxNestingDepth) nested blocks and \(TemplateParser.maxExpressionDepth) nested subexpressions, so no input can exhaust the compiler's stack. Move deep parts into partials.",
              String(repeating: "{{#if a}}", count: TemplateParser.maxNestingDepth + 1) + String(repeating: "{{/if}}", count: TemplateParser.maxNestingDepth + 1),
              "{{#if a}}{{#if b}}<p>x</p>{{/if}}{{/if}}"),
        entry("E0727", "A malformed layout directive",
              "A page names its layout once, outside every block: `{{! layout: app }}` renders it inside `templates/layouts/app.html`. Partials have no layout.",
              "{{! layout: app }}\n{{! layout: admin }}\n<h1>Users</h1>", "{{! layout: app }}\n<h1>Users</h1>"),
        entry("E0728", "A misplaced `{{yield}}`",
              "A layout shows the page it wraps with `{{yield}}` (two braces: the page is HTML already). Pages and partials have no `{{yield}}`.",
              "<main>{{yield}}</main>", "<main><h1>Users</h1></main>"),
        entry("E0729", "A malformed `{{#component}}`",
              "`{{#component \"Counter\" label=\"Clicks\"}}{{/component}}` embeds the `.omni` component `Counter`: its name in quotes, its props by name, and nothing inside.",
              "{{#component Counter start=3}}{{/component}}", "{{#component \"Counter\" start=3}}{{/component}}"),
        entry("E0730", "Unsupported Mustache syntax",
              "Inverted sections `{{^x}}` and `{{& x}}` are not part of omni templates: use `{{#unless x}}` and `{{{x}}}`.",
              "{{^users}}<p>None</p>{{/users}}", "{{#unless users}}<p>None</p>{{/unless}}"),
        entry("E0731", "A file that is not UTF-8",
              "omni reads every source as UTF-8. The first invalid byte is reported; re-save the file as UTF-8.",
              "<p>caf\\xE9</p>", "<p>café</p>", bytes: Array("<p>caf".utf8) + [0xE9] + Array("</p>\n".utf8)),
        entry("E0732", "A partial, component or `{{yield}}` inside a tag",
              "Partials, components and `{{yield}}` render elements, so they stand where an element could: not inside a tag, an attribute value, a comment or `<script>`.",
              "<div class=\"{{> _classes}}\"></div>", "<div class=\"card\">{{> _card}}</div>"),
    ]
}
