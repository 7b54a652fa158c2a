import OmniBase

extension RoutesExplanations {
    static let routesEntries: [Explanation] = [
        entry("E0771", "Missing `=>` in a route",
              """
              A route is written `verb "path" => target`, and resources `resources "path" => Entity`. \
              A missing `=>`, or `->`, `=` or `:` written in its place, is reported with a fix-it.
              """,
              example: routes("  get \"/users\" page \"users/index\" { users: User.all() }"),
              fixed: routes("  get \"/users\" => page \"users/index\" { users: User.all() }")),
        entry("E0772", "A path must start with `/`",
              """
              Route paths and scope prefixes are absolute: `"/users"`, and `"/"` for the root. A \
              scope's prefix and its routes' paths are joined (`scope "/api"` + `get "/users"` \
              answers `/api/users`). A redirect goes to such a path or to an `http(s)://` URL.
              """,
              example: routes("  get \"users\" => page \"users/index\" { users: User.all() }"),
              fixed: routes("  get \"/users\" => page \"users/index\" { users: User.all() }")),
        entry("E0773", "Empty path segment or trailing `/`",
              """
              `//` leaves an empty segment, which no request matches. A trailing `/` is not written \
              either: `"/users/"` and `"/users"` are the same route, and the router redirects the \
              first to the second.
              """,
              example: routes("  get \"/users//:id\" => page \"users/show\" { user: User.find(id) }"),
              fixed: routes("  get \"/users/:id\" => page \"users/show\" { user: User.find(id) }")),
        entry("E0774", "A path parameter used twice",
              """
              Each `:name` and `*name` of a path binds a parameter, so names are unique within a path. \
              Nested resources usually want a prefix: `/users/:user_id/posts/:id`.
              """,
              example: routes("  get \"/users/:id/posts/:id\" => page \"posts/show\" { post: Post.find(id) }"),
              fixed: routes("  get \"/users/:user_id/posts/:id\" => page \"posts/show\" { post: Post.find(id) }")),
        entry("E0775", "Malformed path segment",
              """
              A segment is literal text, `:name` (one segment bound to a parameter) or `*name` (the \
              rest of the path; only last). Parameter names are letters, digits and `_`. Literal text \
              holds letters, digits and `-._~!$&'()*+,;=:@`, and `%` escapes; a path has no `\\` escapes.
              """,
              example: routes("  get \"/users/{id}\" => page \"users/show\" { user: User.find(id) }"),
              fixed: routes("  get \"/users/:id\" => page \"users/show\" { user: User.find(id) }")),
        entry("E0776", "A query string in a path",
              """
              A route path matches the path only. Query-string parameters are declared after it, in \
              parentheses, with their types and optional defaults: \
              `get "/users/search" (q: string, page: int = 1) => …`. Their names can then be used \
              in the route's queries (`name contains q`).
              """,
              example: routes("  get \"/users/search?q\" => page \"users/_results\" { users: User.where(name contains q) }"),
              fixed: routes("  get \"/users/search\" (q: string) => page \"users/_results\" { users: User.where(name contains q) }")),
        entry("E0777", "Unknown route target",
              """
              After `=>` a route answers with `page "template" { bindings }` (an HTML page, a \
              fragment for htmx requests), `json { bindings }` or `redirect "/path"`. An entity's \
              REST routes are declared with `resources "/path" => Entity` instead.
              """,
              example: routes("  get \"/\" => pgae \"index\""),
              fixed: routes("  get \"/\" => page \"index\"")),
        entry("E0778", "Unknown plug",
              """
              A pipeline lists built-in plugs: `logger`, `session`, `csrf`, `htmx`, `json`, \
              `cors(origins…)`, `auth(bearer | session | basic)`, `rate_limit(n, per: second | \
              minute | hour)`, `gzip` and `secure_headers`.
              """,
              example: routes("  pipeline browser { logger, sesion, csrf }"),
              fixed: routes("  pipeline browser { logger, session, csrf }")),
        entry("E0779", "A pipeline declared inside a scope",
              "Pipelines are declared at the top level of `<routes>` and used by name: `scope \"/\" through browser { … }`.",
              example: routes("  scope \"/\" through browser {\n    pipeline browser { logger }\n    get \"/\" => page \"index\"\n  }"),
              fixed: routes("  pipeline browser { logger }\n  scope \"/\" through browser {\n    get \"/\" => page \"index\"\n  }")),
        entry("E0780", "Bad `resources` options",
              """
              `resources` generates the actions `list`, `show`, `create`, `update` and `delete`. \
              Keep some with `only: [list, show]` or drop some with `except: [delete]` — one of the \
              two, with at least one action.
              """,
              example: routes("  resources \"/posts\" => Post only: [index, show]"),
              fixed: routes("  resources \"/posts\" => Post only: [list, show]")),
        entry("E0781", "Unknown query method",
              """
              A query is an entity and a chain of calls: `all()`, `find(id)`, `where(condition)`, \
              `order(-field, field)`, `limit(n)`, `offset(n)`, `include(relation)`, `first()` and \
              `count()`.
              """,
              example: routes("  get \"/\" => page \"index\" { posts: Post.wher(published == true) }"),
              fixed: routes("  get \"/\" => page \"index\" { posts: Post.where(published == true) }")),
        entry("E0782", "Malformed query",
              """
              A query starts with an entity name and calls at least one method: `User.all()`, \
              `User.find(id)`. Each method takes its own number of arguments: none for `all`, \
              `first` and `count`; one for `find`, `where`, `limit` and `offset`; one or more for \
              `order` and `include`.
              """,
              example: routes("  get \"/users\" => page \"users/index\" { users: User }"),
              fixed: routes("  get \"/users\" => page \"users/index\" { users: User.all() }")),
        entry("E0783", "Chained comparison",
              """
              Comparisons (`==`, `!=`, `<`, `<=`, `>`, `>=`, `contains`, `startsWith`, `endsWith`, \
              `in`) do not chain: `0 < rating <= 5` is two comparisons joined with `&&`.
              """,
              example: routes("  get \"/\" => page \"index\" { posts: Post.where(0 < rating <= 5) }"),
              fixed: routes("  get \"/\" => page \"index\" { posts: Post.where(rating > 0 && rating <= 5) }")),
        entry("E0784", "A parameter or binding declared twice",
              """
              The path parameters and query parameters of a route share one namespace, and the names \
              bound in a page or JSON context are unique.
              """,
              example: routes("  get \"/users/:id\" (id: int) => page \"users/show\" { user: User.find(id) }"),
              fixed: routes("  get \"/users/:id\" => page \"users/show\" { user: User.find(id) }")),
        entry("E0785", "A query parameter that is not a scalar or an enum",
              """
              Query-string parameters are `string`, `text`, `int`, `float`, `bool`, `date`, \
              `datetime`, `uuid` or a schema enum, optionally `?`; not `json` and not a list. To \
              pass several values, give the route several parameters.
              """,
              example: routes("  get \"/posts\" (by: [User]) => page \"posts/index\" { posts: Post.all() }"),
              fixed: routes("  get \"/posts\" (by: int) => page \"posts/index\" { posts: Post.where(author.id == :by) }")),
        entry("E0786", "Malformed template name",
              """
              `page "users/index"` renders `templates/users/index.html`: a template name is a \
              relative path under `templates/`, without a leading `/`, without `.html`, and without \
              empty, `.` or `..` segments.
              """,
              example: routes("  get \"/users\" => page \"/users/index.html\" { users: User.all() }"),
              fixed: routes("  get \"/users\" => page \"users/index\" { users: User.all() }")),
    ]
}
