import OmniBase

// `omni explain` entries of ServerTemplateChecker (templates checked against their routes'
// and callers' contexts), E0460–E0480 and W0530–W0531. E0481–E0489 and W0532–W0539 are free.
//
// An example is a small project written as one text: each file starts with a line
// `<!-- file: path -->` (`app.omni` first, then templates and components); split it with
// `SemaExplanations.exampleFiles(_:)`. The routes used are those of
// Fixtures/server-templates/app.omni, against which ServerTemplateExplanationTests checks
// every example (it raises its code) and every fixed version (it is clean).
//
//   E0460  A template reads a name its context does not have
//   E0461  An entity has no such field
//   E0462  A relation is read without being loaded
//   E0463  A field is read through a value that may be null
//   E0464  A field is read from a value that has no fields
//   E0465  `{{#each}}` loops over something that is not a list
//   E0466  A value cannot be printed
//   E0467  `{{{…}}}` prints something that is not text
//   E0468  A value is printed where HTML escaping does not protect it
//   E0469  A helper is given an argument of the wrong type
//   E0470  A comparison can never be true
//   E0471  Routes render one page with different contexts
//   E0472  Calls of a partial pass different arguments
//   E0473  A partial does not exist
//   E0474  Partials include each other
//   E0475  A layout does not exist
//   E0476  A layout does not show the page exactly once
//   E0477  A template renders a component that does not exist
//   E0478  A component has no such prop
//   E0479  A component is rendered without a required prop
//   E0480  A prop is given a value of the wrong type
//   W0530  A condition is always true
//   W0531  A template is never rendered

extension SemaExplanations {
    /// The entries of the template checker, sorted by code.
    public static let serverTemplates: [Explanation] = [
        Explanation(
            code: "E0460", title: #"A template reads a name its context does not have"#,
            body: #"A template sees the names of its context, the items of enclosing `{{#each}}` blocks and the globals `csrf_token` and `request_path`. A page's context is what its routes give it: the bindings, then the path and query parameters. A partial's context is what its callers pass with `{{> name key=value}}`. A layout sees the context of each page that uses it, so every such page must have the name."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"<h1>{{usr.name}}</h1>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"<h1>{{user.name}}</h1>"#)])),
        Explanation(
            code: "E0461", title: #"An entity has no such field"#,
            body: #"A path such as `user.name` reads a field of the entity; the fields are the implicit `id`, `createdAt` and `updatedAt`, then the fields the schema declares. A close name is suggested."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"<h1>{{user.nmae}}</h1>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"<h1>{{user.name}}</h1>"#)])),
        Explanation(
            code: "E0462", title: #"A relation is read without being loaded"#,
            body: #"Rendering never queries the database: a template reads only the relations its route's query loads with `.include(…)`. Add the include to the query (`Post.all().include(author)`), or read something the page already has."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", lines(#"{{#each posts as |post|}}"#, #"  <li>{{post.title}} by {{post.author.name}}</li>"#, #"{{/each}}"#))]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", lines(#"{{#each posts as |post|}}"#, #"  <li>{{post.title}} by {{user.name}}</li>"#, #"{{/each}}"#))])),
        Explanation(
            code: "E0463", title: #"A field is read through a value that may be null"#,
            body: #"An optional value (`User?`, such as an optional relation or the result of `first()`) may be absent, so its fields cannot be read directly. Read them inside `{{#if value}} … {{/if}}`, where the value is known to be present."#,
            exampleFile: "app.omni",
            example: serverExample([.postShow], [("templates/posts/show.html", #"<p>edited by {{post.editor.name}}</p>"#)]),
            fixed: serverExample([.postShow], [("templates/posts/show.html", lines(#"{{#if post.editor}}"#, #"  <p>edited by {{post.editor.name}}</p>"#, #"{{/if}}"#))])),
        Explanation(
            code: "E0464", title: #"A field is read from a value that has no fields"#,
            body: #"Only entities have fields. Strings, numbers, enums and lists are printed, compared or looped over as they are."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"<h1>{{user.name.first}}</h1>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"<h1>{{user.name}}</h1>"#)])),
        Explanation(
            code: "E0465", title: #"`{{#each}}` loops over something that is not a list"#,
            body: #"`{{#each xs as |x|}}` takes a list, such as the result of `all()` or `where(…)`, or a loaded to-many relation. A list that may be null is looped over inside `{{#if xs}}`."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", lines(#"{{#each user as |u|}}"#, #"  <li>{{u.name}}</li>"#, #"{{/each}}"#))]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", lines(#"{{#each posts as |post|}}"#, #"  <li>{{post.title}}</li>"#, #"{{/each}}"#))])),
        Explanation(
            code: "E0466", title: #"A value cannot be printed"#,
            body: #"`{{x}}` prints strings, numbers, bools, dates and enums (a null optional prints nothing). An entity is printed through one of its fields, a list with `{{#each}}` or `{{length xs}}`."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"<h1>{{user}}</h1>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"<h1>{{user.name}}</h1>"#)])),
        Explanation(
            code: "E0467", title: #"`{{{…}}}` prints something that is not text"#,
            body: #"`{{{x}}}` writes trusted HTML without escaping, so it takes a string or text field. Print other values escaped with `{{x}}`."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"<p>{{{user.age}}}</p>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"<p>{{user.age}}</p>"#)])),
        Explanation(
            code: "E0468", title: #"A value is printed where HTML escaping does not protect it"#,
            body: #"Escaping makes a value safe between tags and inside quoted attribute values. Inside `<script>` or `<style>`, or inside a tag outside any attribute value, a value could run code or add attributes. Put the value in an attribute (`data-id="{{user.id}}"`) and read it from there."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"<script>var id = {{user.id}};</script>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"<div id="user" data-id="{{user.id}}"></div>"#)])),
        Explanation(
            code: "E0469", title: #"A helper is given an argument of the wrong type"#,
            body: #"Each helper has a signature: `upper`, `lower` and `truncate` take text; `length` a list or text; `format_date` a date or datetime and an optional pattern string; `format_number` an int or float and an optional whole number of decimals; `lt`, `lte`, `gt` and `gte` two numbers, dates or texts that are present; `default` a value and a fallback of the same type."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"<p>{{upper user.age}}</p>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"<p>{{upper user.name}}</p>"#)])),
        Explanation(
            code: "E0470", title: #"A comparison can never be true"#,
            body: #"`eq` and `ne` compare two values of the same kind: two numbers, two texts, two dates, two values of one enum, or an enum against a string naming one of its cases. `null` is compared only with optional values. Entities are compared by their ids."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"{{#if (eq user.role "admn")}}<p>admin</p>{{/if}}"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"{{#if (eq user.role "admin")}}<p>admin</p>{{/if}}"#)])),
        Explanation(
            code: "E0471", title: #"Routes render one page with different contexts"#,
            body: #"A page is checked, and compiled, once, with one context. Every route that renders it must give the same names with the same types (a value and its optional form agree, the page then handles null). Give the routes the same bindings, or render different pages."#,
            exampleFile: "app.omni",
            example: serverExample([.conflictA, .conflictB], [("templates/conflict.html", #"<p>{{user.name}}</p>"#)]),
            fixed: serverExample([.conflictB], [("templates/conflict.html", #"<p>{{user.name}}</p>"#)])),
        Explanation(
            code: "E0472", title: #"Calls of a partial pass different arguments"#,
            body: #"A partial is checked once, with the arguments of its `{{> name key=value}}` calls as its context, so every call passes the same keys with values of the same types. If a route also renders the partial as a page, the route's context must agree too."#,
            exampleFile: "app.omni",
            example: serverExample([.postsIndex], [("templates/posts/index.html", lines(#"{{#each posts as |post|}}"#, #"  {{> posts/_card post=post}}"#, #"  {{> posts/_card item=post}}"#, #"{{/each}}"#)), ("templates/posts/_card.html", #"<article>{{post.title}}</article>"#)]),
            fixed: serverExample([.postsIndex], [("templates/posts/index.html", lines(#"{{#each posts as |post|}}"#, #"  {{> posts/_card post=post}}"#, #"  {{> posts/_card post=post}}"#, #"{{/each}}"#)), ("templates/posts/_card.html", #"<article>{{post.title}}</article>"#)])),
        Explanation(
            code: "E0473", title: #"A partial does not exist"#,
            body: #"`{{> users/_row}}` includes `templates/users/_row.html`. Partials are the templates whose file name starts with `_`; a close name is suggested."#,
            exampleFile: "app.omni",
            example: serverExample([.postsIndex], [("templates/posts/index.html", lines(#"{{#each posts as |post|}}"#, #"  {{> posts/_crad post=post}}"#, #"{{/each}}"#)), ("templates/posts/_card.html", #"<article>{{post.title}}</article>"#)]),
            fixed: serverExample([.postsIndex], [("templates/posts/index.html", lines(#"{{#each posts as |post|}}"#, #"  {{> posts/_card post=post}}"#, #"{{/each}}"#)), ("templates/posts/_card.html", #"<article>{{post.title}}</article>"#)])),
        Explanation(
            code: "E0474", title: #"Partials include each other"#,
            body: #"A partial that includes itself, directly or through others, would render forever. Repeat content with `{{#each}}` inside one partial instead."#,
            exampleFile: "app.omni",
            example: serverExample([.postsIndex], [("templates/posts/index.html", #"{{> posts/_list posts=posts}}"#), ("templates/posts/_list.html", lines(#"{{#each posts as |post|}}"#, #"  <li>{{post.title}}</li>"#, #"  {{> posts/_list posts=posts}}"#, #"{{/each}}"#))]),
            fixed: serverExample([.postsIndex], [("templates/posts/index.html", #"{{> posts/_list posts=posts}}"#), ("templates/posts/_list.html", lines(#"{{#each posts as |post|}}"#, #"  <li>{{post.title}}</li>"#, #"{{/each}}"#))])),
        Explanation(
            code: "E0475", title: #"A layout does not exist"#,
            body: #"`{{! layout: app }}` renders the page inside `templates/layouts/app.html`. The name is relative to `templates/layouts/`, without `.html`; a close name is suggested. Layouts cannot themselves use a layout."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", lines(#"{{! layout: ap }}"#, #"<h1>{{user.name}}</h1>"#)), ("templates/layouts/app.html", #"<main>{{yield}}</main>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", lines(#"{{! layout: app }}"#, #"<h1>{{user.name}}</h1>"#)), ("templates/layouts/app.html", #"<main>{{yield}}</main>"#)])),
        Explanation(
            code: "E0476", title: #"A layout does not show the page exactly once"#,
            body: #"A layout shows the page where its one `{{yield}}` stands. Without it the page's content is lost; with two it would be shown twice."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", lines(#"{{! layout: app }}"#, #"<h1>{{user.name}}</h1>"#)), ("templates/layouts/app.html", #"<main></main>"#)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", lines(#"{{! layout: app }}"#, #"<h1>{{user.name}}</h1>"#)), ("templates/layouts/app.html", #"<main>{{yield}}</main>"#)])),
        Explanation(
            code: "E0477", title: #"A template renders a component that does not exist"#,
            body: #"`{{#component "Name"}}{{/component}}` renders the `.omni` component `Name` on the server and hydrates it in the browser. A close name is suggested."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"{{#component "Countr" label=user.name}}{{/component}}"#), ("components/Counter.omni", counterComponent)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"{{#component "Counter" label=user.name}}{{/component}}"#), ("components/Counter.omni", counterComponent)])),
        Explanation(
            code: "E0478", title: #"A component has no such prop"#,
            body: #"The `key=value` pairs of `{{#component}}` are the component's props, as its `<props>` declares them."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"{{#component "Counter" lable=user.name}}{{/component}}"#), ("components/Counter.omni", counterComponent)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"{{#component "Counter" label=user.name}}{{/component}}"#), ("components/Counter.omni", counterComponent)])),
        Explanation(
            code: "E0479", title: #"A component is rendered without a required prop"#,
            body: #"Every prop declared `required` must be given a value in `{{#component}}`."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"{{#component "Counter" start=id}}{{/component}}"#), ("components/Counter.omni", counterComponent)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"{{#component "Counter" label=user.name start=id}}{{/component}}"#), ("components/Counter.omni", counterComponent)])),
        Explanation(
            code: "E0480", title: #"A prop is given a value of the wrong type"#,
            body: #"Templates pass strings, numbers and bools to components: a `number` prop takes an int or float, a `string` prop a string, text, uuid or enum value, a `bool` prop a bool. A value that may be null needs a fallback (`(default x …)`) unless the prop is optional."#,
            exampleFile: "app.omni",
            example: serverExample([.usersShow], [("templates/users/show.html", #"{{#component "Counter" label=user.age}}{{/component}}"#), ("components/Counter.omni", counterComponent)]),
            fixed: serverExample([.usersShow], [("templates/users/show.html", #"{{#component "Counter" label=user.name start=id}}{{/component}}"#), ("components/Counter.omni", counterComponent)])),
        Explanation(
            code: "W0530", title: #"A condition is always true"#,
            body: #"An entity that is not optional is always present, so `{{#if post}}` always shows its first branch. Test one of its fields, or remove the block."#,
            exampleFile: "app.omni",
            example: serverExample([.postShow], [("templates/posts/show.html", #"{{#if post}}<h1>{{post.title}}</h1>{{/if}}"#)]),
            fixed: serverExample([.postShow], [("templates/posts/show.html", #"{{#if post.published}}<h1>{{post.title}}</h1>{{/if}}"#)])),
        Explanation(
            code: "W0531", title: #"A template is never rendered"#,
            body: #"A page no route renders, a partial nothing includes or a layout no page uses has no known context, so its names cannot be checked. Render it, or delete it."#,
            exampleFile: "app.omni",
            example: serverExample([.latest], [("templates/orphan.html", #"<p>{{post.title}}</p>"#)]),
            fixed: serverExample([.latest], [("templates/latest.html", #"{{#if post}}<p>{{post.title}}</p>{{/if}}"#)])),
    ]

    /// The schema every example shares: that of Fixtures/server-templates/app.omni.
    static let exampleSchema = lines(
        "<schema>",
        "  enum Role { admin, author, reader }",
        "",
        "  entity User {",
        "    name:  string",
        "    email: string",
        "    role:  Role = reader",
        "    age:   int?",
        "    posts: [Post]",
        "  }",
        "",
        "  entity Post {",
        "    title:     string",
        "    body:      text",
        "    published: bool = false",
        "    views:     int = 0",
        "    author:    User",
        "    editor:    User?",
        "  }",
        "</schema>")

    /// The routes the examples use, as Fixtures/server-templates/app.omni writes them.
    enum ExampleRoute {
        case usersShow, postShow, postsIndex, latest, conflictA, conflictB

        var text: String {
            switch self {
            case .usersShow: SemaExplanations.lines(#"  get "/users/:id" => page "users/show" {"#, "    user:  User.find(id)",
                                   "    posts: Post.where(author.id == id).order(-createdAt)", "  }")
            case .postShow: #"  get "/posts/:id" => page "posts/show" { post: Post.find(id).include(author, editor) }"#
            case .postsIndex: #"  get "/posts" (q: string = "") => page "posts/index" { posts: Post.all().include(author) }"#
            case .latest: #"  get "/latest" => page "latest" { post: Post.first() }"#
            case .conflictA: #"  get "/conflict/a" => page "conflict" { user: User.first() }"#
            case .conflictB: #"  get "/conflict/b/:id" => page "conflict" { user: User.find(id) }"#
            }
        }
    }

    static let counterComponent = lines(
        #"<component name="Counter">"#,
        "  <props>",
        #"    <prop name="label" type="string" required />"#,
        #"    <prop name="start" type="number" default={0} />"#,
        "  </props>",
        "  <script>",
        "    const count = signal(props.start)",
        "  </script>",
        "  <template>",
        "    <button>{props.label}: {count()}</button>",
        "  </template>",
        "</component>")

    static func lines(_ lines: String...) -> String { lines.joined(separator: "\n") }

    /// A project as one text: `app.omni` with the shared schema and `routes`, then `files`.
    static func serverExample(_ routes: [ExampleRoute], _ files: [(path: String, text: String)]) -> String {
        var out = "<!-- file: app.omni -->\n" + exampleSchema + "\n\n<routes>\n"
        out += routes.map(\.text).joined(separator: "\n") + "\n</routes>\n"
        for file in files { out += "<!-- file: \(file.path) -->\n" + file.text + "\n" }
        return out
    }

    /// The files of a multi-file example: each starts at a line `<!-- file: path -->`. A text
    /// without such lines is one file named `fallback`.
    public static func exampleFiles(_ text: String, fallback: String = "app.omni") -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = []
        var current: (path: String, lines: [Substring])?
        let prefix = "<!-- file: ", suffix = " -->"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count {
                if let c = current { files.append((c.path, c.lines.joined(separator: "\n") + "\n")) }
                current = (String(line.dropFirst(prefix.count).dropLast(suffix.count)), [])
            } else if current != nil {
                current?.lines.append(line)
            } else if !line.isEmpty {
                current = (fallback, [line])
            }
        }
        if let c = current {
            var lines = c.lines
            while lines.last?.isEmpty == true { lines.removeLast() }
            files.append((c.path, lines.joined(separator: "\n") + "\n"))
        }
        return files
    }
}
