import OmniBase

// Codes of the server checks (`SchemaChecker`, `RoutesChecker`), E0420–E0459 and W0520–W0529:
//   schema                                        routes
//   E0420 entity or enum declared twice           E0435 unknown pipeline
//   E0421 unknown entity or enum                  E0436 pipeline declared twice
//   E0422 list of something that is not an entity E0437 bad plug arguments
//   E0423 to-many relation without one inverse    E0438 plug that needs `session`
//   E0424 validation that does not fit the type   E0439 unknown entity in routes
//   E0425 contradicting validations               E0440 resources parameter not a relation
//   E0426 invalid `@pattern`                      E0441 duplicate route
//   E0427 default that does not fit the type      E0442 missing page template
//   E0428 default its validations reject          E0443 query call out of place
//   E0429 `@unique`/`@index` on a to-many field   E0444 bad `find`/`limit`/`offset` argument
//   E0430 reserved `omni` prefix                  E0445 unknown name in a query
//   E0431 two fields in one column                E0446 wrong kind of field in a query
//   E0432 `via` that names no inverse field       E0447 comparison with a value of another type
//   warnings                                      E0448 comparison with `null` of a non-optional
//   W0520 route that can never match              E0449 not a condition
//   W0521 path parameter never used               E0450 unknown redirect parameter
//   W0522 plug run twice by one route             E0451 bad query parameter default
//   W0523 `auth(session)`, which admits no one    E0452 binding named like a parameter
//                                                 E0453 path parameter used with two types
//                                                 E0454 parameter name used twice across a scope
//                                                 E0455 query parameter of an entity type
//                                                 E0456 query parameter of an unknown type
// Golden tests: `Fixtures/server-sema/*.omni`. Each example below is a complete `app.omni`
// that raises its code (`ServerExplanationTests`); `fixed` checks without that code.

extension SemaExplanations {
    /// The entries of the server checks, sorted by code (registered in OmniDriver's `ExplanationCatalog`).
    public static let server: [Explanation] = (serverSchema + serverRoutes).sorted { $0.code < $1.code }

    static func app(_ code: DiagnosticCode, _ title: String, _ body: String, _ example: String, fixed: String?) -> Explanation {
        Explanation(code: code, title: title, body: body, exampleFile: "app.omni", example: example, fixed: fixed)
    }

    static func schema(_ body: String) -> String { "<schema>\n\(body)\n</schema>\n" }
    static func withRoutes(_ schemaBody: String, _ routesBody: String) -> String {
        "<schema>\n\(schemaBody)\n</schema>\n\n<routes>\n\(routesBody)\n</routes>\n"
    }

    static let note = "  entity Note { text: string }"

    static let serverSchema: [Explanation] = [
        app("E0420", "An entity or enum declared twice",
            "Entity and enum names share one namespace across every `<schema>` block of the project. The second declaration is ignored.",
            schema("  entity User { name: string }\n  enum User { admin, member }"),
            fixed: schema("  entity User { name: string }\n  enum Role { admin, member }")),
        app("E0421", "Unknown entity or enum",
            "A field type that starts with an upper-case letter names an entity (a to-one relation) or an enum declared in some `<schema>` block. The error suggests the closest name.",
            schema("  entity Post { author: Usr }\n  entity User { name: string, posts: [Post] }"),
            fixed: schema("  entity Post { author: User }\n  entity User { name: string, posts: [Post] }")),
        app("E0422", "A list of enum values",
            "`[Post]` is a to-many relation: the rows of another entity. A field holds one enum value; to store several, use a `json` field.",
            schema("  enum Tag { news, sport }\n  entity Post { tags: [Tag] }"),
            fixed: schema("  enum Tag { news, sport }\n  entity Post { tag: Tag }")),
        app("E0423", "A to-many relation without exactly one inverse",
            """
            `posts: [Post]` in `User` lists the posts whose to-one field of type `User` points at the user. \
            So `Post` needs such a field (its foreign key). With none, add one; with several \
            (`author: User` and `editor: User?`), name the one to read through with `via`: \
            `posts: [Post] via author`, `edits: [Post] via editor`.
            """,
            schema("  entity User { name: string, posts: [Post] }\n  entity Post { title: string }"),
            fixed: schema("  entity User { name: string, posts: [Post] }\n  entity Post { title: string, author: User }")),
        app("E0424", "A validation that does not fit the field's type",
            """
            `@min`, `@max` and `@range` bound the length of `string` and `text` fields (whole numbers, at \
            least 0) and the value of `int` and `float` fields; `@email`, `@url` and `@pattern` check \
            text. Other combinations have no meaning.
            """,
            schema("  entity User { age: int @email }"),
            fixed: schema("  entity User { age: int @min(0) }")),
        app("E0425", "Validations that contradict each other",
            "`@min` above `@max` leaves no valid value, and `@min` or `@max` next to `@range` gives a bound twice. Keep one consistent set of bounds.",
            schema("  entity User { name: string @min(5) @max(3) }"),
            fixed: schema("  entity User { name: string @min(3) @max(5) }")),
        app("E0426", "`@pattern` is not a regular expression",
            "The argument of `@pattern` is compiled as a regular expression, which the whole value must match. Check brackets, parentheses and escapes; a backslash is written `\\\\` inside the string.",
            schema("  entity Page { slug: string @pattern(\"[a-z\") }"),
            fixed: schema("  entity Page { slug: string @pattern(\"[a-z]+\") }")),
        app("E0427", "A default value that does not fit the field's type",
            """
            A default is a value of the field's type: a whole number for `int`, a number for `float`, a \
            quoted string for `string` and `text`, `true`/`false`, an enum case written bare \
            (`= member`), `now` for `date` and `datetime`, `uuid` for `uuid`, and `null` for optional \
            fields only. Relations and `json` fields take no default.
            """,
            schema("  entity Post { views: int = \"0\" }"),
            fixed: schema("  entity Post { views: int = 0 }")),
        app("E0428", "A default value its own validations reject",
            "A default is stored when a client leaves the field out, so it must pass the field's validations.",
            schema("  entity User { name: string @min(2) = \"a\" }"),
            fixed: schema("  entity User { name: string @min(2) = \"anonymous\" }")),
        app("E0429", "`@unique` or `@index` on a to-many relation",
            "A to-many relation has no column of its own: its rows are found through the other entity's foreign key. Put the attribute on that to-one field instead.",
            schema("  entity User { posts: [Post] @unique }\n  entity Post { author: User }"),
            fixed: schema("  entity User { posts: [Post] }\n  entity Post { author: User }")),
        app("E0430", "A name with the reserved prefix `omni`",
            "Generated code names its own declarations `Omni_…` and `omni_…`. Entities, enums and fields may not start with `omni` in any case, so that no generated name can clash with yours.",
            schema("  entity OmniUser { name: string }"),
            fixed: schema("  entity Member { name: string }")),
        app("E0431", "Two fields stored in the same column",
            """
            Each field is stored in the column named after it in snake_case; a to-one relation `author` \
            in `author_id`. `author_id: int` next to `author: User`, or `created_at` next to the implicit \
            `createdAt`, would share a column. Rename one; a relation's id is always readable as `author.id`.
            """,
            schema("  entity Post { author: User, authorId: int }\n  entity User { name: string }"),
            fixed: schema("  entity Post { author: User }\n  entity User { name: string }")),
        app("E0432", "A `via` that does not name an inverse field",
            """
            `posts: [Post] via author` reads the posts whose `author` is this row, so `author` must be a \
            to-one field of `Post` whose type is this entity (`User` or `User?`). The error suggests the \
            closest such field.
            """,
            schema("  entity User { name: string, posts: [Post] via writer }\n  entity Post { author: User, editor: User? }"),
            fixed: schema("  entity User { name: string, posts: [Post] via author }\n  entity Post { author: User, editor: User? }")),
    ]

    static let serverRoutes: [Explanation] = [
        app("E0435", "Unknown pipeline",
            "`scope … through name` names pipelines declared with `pipeline name { … }` at the top of a `<routes>` block.",
            withRoutes(note, "  pipeline api { json }\n  scope \"/api\" through apii {\n    get \"/notes\" => json { notes: Note.all() }\n  }"),
            fixed: withRoutes(note, "  pipeline api { json }\n  scope \"/api\" through api {\n    get \"/notes\" => json { notes: Note.all() }\n  }")),
        app("E0436", "A pipeline declared twice",
            "Pipeline names are unique across the project; merge the plugs into one pipeline or rename one.",
            withRoutes(note, "  pipeline api { json }\n  pipeline api { logger }"),
            fixed: withRoutes(note, "  pipeline api { logger, json }")),
        app("E0437", "Wrong arguments for a plug",
            """
            `auth` takes one scheme (`bearer`, `session`, `basic`); `rate_limit` a count above 0 and \
            `per: second | minute | hour`; `cors` takes origins as strings (`"https://app.example"`, no \
            path) or nothing for every origin; the other plugs take no arguments.
            """,
            withRoutes(note, "  pipeline api { json, rate_limit(100) }"),
            fixed: withRoutes(note, "  pipeline api { json, rate_limit(100, per: minute) }")),
        app("E0438", "A plug that needs `session`",
            """
            `csrf` keeps its token in the session and `auth(session)` its signed-in user, so every route \
            that runs them must run `session` first. A route runs the pipelines of its scopes, outermost \
            first, each in order.
            """,
            withRoutes(note, "  pipeline browser { logger, csrf }\n  scope \"/\" through browser {\n    get \"/notes\" => json { notes: Note.all() }\n  }"),
            fixed: withRoutes(note, "  pipeline browser { logger, session, csrf }\n  scope \"/\" through browser {\n    get \"/notes\" => json { notes: Note.all() }\n  }")),
        app("E0439", "Unknown entity in routes",
            "`resources \"/path\" => Entity` and queries (`Entity.all()`) name an entity declared in a `<schema>` block.",
            withRoutes(note, "  get \"/notes\" => json { notes: Notes.all() }"),
            fixed: withRoutes(note, "  get \"/notes\" => json { notes: Note.all() }")),
        app("E0440", "A `resources` path parameter that is not a relation",
            """
            In `resources "/users/:author_id/posts" => Post`, the parameter selects the parent row: the \
            routes list, show and create the posts whose to-one relation `author` is that user. So each \
            parameter is named after a to-one relation of the entity: `author_id`, `authorId` or `author`.
            """,
            withRoutes("  entity User { name: string }\n  entity Post { author: User }", "  resources \"/users/:user_id/posts\" => Post"),
            fixed: withRoutes("  entity User { name: string }\n  entity Post { author: User }", "  resources \"/users/:author_id/posts\" => Post")),
        app("E0441", "A duplicate route",
            """
            Two routes with the same method and the same path shape would answer the same requests; the \
            router refuses them. Parameter names do not count: `/notes/:id` and `/notes/:slug` are the same \
            shape. `resources` expands to `GET`, `POST`, `PATCH`, `PUT` and `DELETE` routes that count too.
            """,
            withRoutes(note, "  get \"/notes/:id\" => json { note: Note.find(id) }\n  get \"/notes/:n\" => json { note: Note.find(n) }"),
            fixed: withRoutes(note, "  get \"/notes/:id\" => json { note: Note.find(id) }")),
        app("E0442", "A page template that does not exist",
            "`page \"users/show\"` renders `templates/users/show.html`. Create the file, or fix the name (the error suggests the closest template).",
            withRoutes(note, "  get \"/\" => page \"index\" { notes: Note.all() }"),
            fixed: nil),
        app("E0443", "A query call out of place",
            """
            `find` and `all` start a query, and only `include` may follow `find`; `first` and `count` end \
            it; `order`, `limit` and `offset` are given once. `where` may repeat (the conditions are joined \
            with `&&`).
            """,
            withRoutes(note, "  get \"/n\" => json { n: Note.count().order(text) }"),
            fixed: withRoutes(note, "  get \"/n\" => json { n: Note.all().order(text).count() }")),
        app("E0444", "A bad argument for `find`, `limit` or `offset`",
            "`find` takes an id: an integer or a parameter (which becomes an `int`). `limit` and `offset` take a whole number, at least 0, or an `int` query parameter.",
            withRoutes(note, "  get \"/n\" => json { n: Note.all().limit(-1) }"),
            fixed: withRoutes(note, "  get \"/n\" => json { n: Note.all().limit(10) }")),
        app("E0445", "An unknown name in a query",
            """
            Inside a query, a bare name on the field side of a comparison is a field of the queried entity, \
            else a parameter; on the value side, and in `find`, `limit` and `offset`, it is a path or query \
            parameter (`:name` is always one). `order` and `include` name fields and relations.
            """,
            withRoutes(note, "  get \"/n\" (q: string) => json { n: Note.where(txt contains q) }"),
            fixed: withRoutes(note, "  get \"/n\" (q: string) => json { n: Note.where(text contains q) }")),
        app("E0446", "The wrong kind of field in a query",
            """
            `include` loads relations (other fields are always there); `order` sorts by fields, not \
            relations (`order(author.name)`, not `order(author)`); a field path such as `author.name` goes \
            through to-one relations only, and a relation is compared through its id: `author.id == id`.
            """,
            withRoutes("  entity User { name: string }\n  entity Post { title: string, author: User }",
                       "  get \"/p\" => json { posts: Post.all().include(title) }"),
            fixed: withRoutes("  entity User { name: string }\n  entity Post { title: string, author: User }",
                              "  get \"/p\" => json { posts: Post.all().include(author) }")),
        app("E0447", "A comparison with a value of another type",
            """
            The value compared with a field has the field's type: numbers with `int` and `float`, strings \
            with text, enum cases as strings (`status == "draft"`), `now` with dates, `true`/`false` with \
            bools. `contains`, `startsWith` and `endsWith` work on text, `<`-style operators on numbers, \
            text and dates, and `in` takes a list.
            """,
            withRoutes("  entity Post { views: int }", "  get \"/p\" => json { posts: Post.where(views == \"many\") }"),
            fixed: withRoutes("  entity Post { views: int }", "  get \"/p\" => json { posts: Post.where(views > 100) }")),
        app("E0448", "Comparing a field that is never null with `null`",
            "Only optional fields (`T?`) can be null; the comparison would always give the same answer. `null` is compared with `==` and `!=` only.",
            withRoutes("  entity Post { views: int }", "  get \"/p\" => json { posts: Post.where(views == null) }"),
            fixed: withRoutes("  entity Post { views: int? }", "  get \"/p\" => json { posts: Post.where(views == null) }")),
        app("E0449", "Not a condition",
            "`where` takes a condition: a comparison of a field with a value, a `bool` field, or conditions joined with `&&`, `||` and `!`.",
            withRoutes("  entity Post { title: string }", "  get \"/p\" => json { posts: Post.where(title) }"),
            fixed: withRoutes("  entity Post { title: string }", "  get \"/p\" => json { posts: Post.where(title != \"\") }")),
        app("E0450", "A redirect with a parameter its route does not have",
            "The `:name` segments of a redirect's path are filled from the route's own path and query parameters.",
            withRoutes(note, "  get \"/n/:id\" => redirect \"/notes/:nid\""),
            fixed: withRoutes(note, "  get \"/n/:id\" => redirect \"/notes/:id\"")),
        app("E0451", "A query parameter default that does not fit its type",
            "A query parameter's default is a value of its type, as for field defaults; `null` needs an optional type.",
            withRoutes(note, "  get \"/n\" (page: int = \"1\") => json { n: Note.all().offset(page) }"),
            fixed: withRoutes(note, "  get \"/n\" (page: int = 1) => json { n: Note.all().offset(page) }")),
        app("E0452", "A binding named like a route parameter",
            "A page's template sees its bindings and its route's path and query parameters by name, so a binding cannot reuse a parameter's name.",
            withRoutes(note, "  get \"/n/:id\" => page \"notes/show\" { id: Note.find(id) }"),
            fixed: withRoutes(note, "  get \"/n/:id\" => page \"notes/show\" { note: Note.find(id) }")),
        app("E0453", "A path parameter used with two types",
            "A path parameter is an `int` when it is passed to `find` or compared with an `int` field, else a `string`; one parameter cannot be both.",
            withRoutes(note, "  get \"/n/:id\" => json { a: Note.find(id), b: Note.where(text == id) }"),
            fixed: withRoutes(note, "  get \"/n/:id\" => json { a: Note.find(id) }")),
        app("E0454", "A parameter name used twice across a scope and its route",
            "A route's path parameters are those of its scopes' prefixes and of its own path, and its query parameters share their namespace; each name appears once.",
            withRoutes(note, "  scope \"/n/:id\" {\n    get \"/x/:id\" => json { n: Note.find(id) }\n  }"),
            fixed: withRoutes(note, "  scope \"/n/:id\" {\n    get \"/x\" => json { n: Note.find(id) }\n  }")),
        app("E0455", "A query parameter whose type is an entity",
            "A query string carries text. To pass a row, pass its `id` (an `int`) and look the row up with `find`; an enum parameter (`(role: Role)`) is read from its case name.",
            withRoutes(note, "  get \"/n\" (note: Note) => json { note: Note.find(note) }"),
            fixed: withRoutes(note, "  get \"/n\" (note: int) => json { note: Note.find(note) }")),
        app("E0456", "A query parameter of an unknown type",
            "A query parameter's type is a scalar (`string`, `int`, …) or an enum declared in a `<schema>` block, optionally `?`. The error suggests the closest enum name.",
            withRoutes("  enum Mood { calm, busy }\n  entity Note { text: string, mood: Mood }", "  get \"/n\" (mood: Mod = calm) => json { notes: Note.where(mood == :mood) }"),
            fixed: withRoutes("  enum Mood { calm, busy }\n  entity Note { text: string, mood: Mood }", "  get \"/n\" (mood: Mood = calm) => json { notes: Note.where(mood == :mood) }")),
        app("W0520", "A route that can never match",
            """
            The router picks, at each segment, literal text first, then a `:param`, then a `*rest`, \
            whatever the order of the routes (so `/users/:id` declared before `/users/search` is fine). A \
            `*rest` route is unreachable when other routes answer its prefix and every longer path below it.
            """,
            withRoutes(note, "  get \"/f\" => json { n: Note.count() }\n  get \"/f/:a/*b\" => json { n: Note.count() }\n  get \"/f/:a\" => json { n: Note.count() }\n  get \"/f/*all\" => json { n: Note.count() }"),
            fixed: withRoutes(note, "  get \"/f\" => json { n: Note.count() }\n  get \"/f/:a\" => json { n: Note.count() }\n  get \"/f/*all\" => json { n: Note.count() }")),
        app("W0521", "A path parameter that is never used",
            "A `:name` segment that no query, redirect or template of its route reads matches any text and is then thrown away; use it or replace it with fixed text.",
            withRoutes(note, "  get \"/n/:id\" => json { notes: Note.all() }"),
            fixed: withRoutes(note, "  get \"/n/:id\" => json { note: Note.find(id) }")),
        app("W0522", "A plug that one route runs twice",
            "A route runs the pipelines of all its scopes; a plug in two of them (`logger` logging each request twice) is usually a mistake. `cors` and `rate_limit`, which may be stacked, are not reported.",
            withRoutes(note, "  pipeline a { logger }\n  pipeline b { logger, json }\n  scope \"/\" through a {\n    scope \"/api\" through b {\n      get \"/n\" => json { n: Note.count() }\n    }\n  }"),
            fixed: withRoutes(note, "  pipeline a { logger }\n  pipeline b { json }\n  scope \"/\" through a {\n    scope \"/api\" through b {\n      get \"/n\" => json { n: Note.count() }\n    }\n  }")),
        app("W0523", "`auth(session)`, which admits no one yet",
            """
            `auth(session)` lets a request through when its signed session holds `user_id`. Nothing in \
            an omni app sets it yet (there is no sign-in route), so every request through the pipeline is \
            answered 401. Until there is, protect routes with `auth(basic)` (user names and passwords \
            from `OMNI_BASIC_AUTH`) or `auth(bearer)` (tokens from `OMNI_API_TOKENS`).
            """,
            withRoutes(note, "  pipeline admin { session, auth(session) }\n  scope \"/admin\" through admin {\n    get \"/n\" => json { n: Note.count() }\n  }"),
            fixed: withRoutes(note, "  pipeline admin { auth(basic) }\n  scope \"/admin\" through admin {\n    get \"/n\" => json { n: Note.count() }\n  }")),
    ]
}
