import OmniBase

// Codes of the schema and routes front end, E0750–E0787 (E0788–E0799 are free):
//   lexical                                   routes
//   E0750 unexpected character                E0771 missing `=>` in a route
//   E0751 unterminated string                 E0772 path without a leading `/`
//   E0752 invalid escape in a string          E0773 empty path segment or trailing `/`
//   E0753 invalid number                      E0774 duplicate path parameter
//   structure                                 E0775 malformed path segment
//   E0754 expected something else             E0776 query string in a path
//   E0755 unclosed `{`, `(` or `[`            E0777 unknown route target
//   E0756 unknown keyword                     E0778 unknown plug
//   E0757 declaration in the wrong block      E0779 pipeline inside a scope
//   E0758 nesting too deep                    E0780 bad `resources` options
//   E0759 tokens after a complete item        E0781 unknown query method
//   schema                                    E0782 malformed query
//   E0760 lower-case entity or enum name      E0783 chained comparison
//   E0761 missing `:` between field and type  E0784 duplicate parameter or binding
//   E0762 unknown field type                  E0785 non-scalar query parameter
//   E0763 malformed field type                E0786 malformed template name
//   E0764 unknown validation
//   E0765 bad validation arguments
//   E0766 validation given twice
//   E0767 bad default value
//   E0768 duplicate field or enum case
//   E0769 implicit field declared
//   E0770 enum without cases
//   E0787 misplaced `via`

/// `omni explain` entries for every code the schema and routes parsers raise. Each example is a
/// complete `app.omni` file that raises its code; its `fixed` version parses cleanly.
public enum RoutesExplanations {
    static func schema(_ body: String) -> String { "<schema>\n\(body)\n</schema>\n" }
    static func routes(_ body: String) -> String { "<routes>\n\(body)\n</routes>\n" }

    static func entry(_ code: DiagnosticCode, _ title: String, _ body: String, example: String, fixed: String) -> Explanation {
        Explanation(code: code, title: title, body: body, exampleFile: "app.omni", example: example, fixed: fixed)
    }

    public static let all: [Explanation] = (lexicalAndStructure + schemaEntries + routesEntries).sorted { $0.code < $1.code }

    static let lexicalAndStructure: [Explanation] = [
        entry("E0750", "Unexpected character",
              """
              Schema and routes blocks are made of names (ASCII letters, digits and `_`), numbers, \
              double-quoted strings and a few punctuation marks. A character outside of these — often \
              a single `&` or `|` for `&&` and `||`, a curly quote, or a stray symbol — cannot start \
              any token.
              """,
              example: schema("  entity User {\n    name: string @min(2) & @max(100)\n  }"),
              fixed: schema("  entity User {\n    name: string @min(2) @max(100)\n  }")),
        entry("E0751", "Unterminated string",
              """
              A string starts and ends with `"` on the same line. The error points at a string whose \
              closing quote is missing; the fix-it closes it at the end of the line, which is usually \
              not where it belongs, so check the result.
              """,
              example: routes("  get \"/users\" => page \"users/index { users: User.all() }"),
              fixed: routes("  get \"/users\" => page \"users/index\" { users: User.all() }")),
        entry("E0752", "Invalid escape in a string",
              """
              Inside a string, `\\` starts an escape: `\\"`, `\\\\`, `\\n`, `\\t`, `\\r`, `\\0` and \
              `\\u{1F600}`. Any other letter after `\\` is an error. In a `@pattern`, regular \
              expression escapes such as `\\d` need their backslash doubled: `"\\\\d+"`.
              """,
              example: schema("  entity Order {\n    code: string @pattern(\"^\\d+$\")\n  }"),
              fixed: schema("  entity Order {\n    code: string @pattern(\"^\\\\d+$\")\n  }")),
        entry("E0753", "Invalid number",
              """
              Numbers are written `42`, `-7`, `2.5` or `1e6`, with `_` allowed between digits \
              (`1_000`). Letters glued to a number (`10k`, `5px`) or a second decimal point are \
              errors, and integers must fit in 64 bits.
              """,
              example: schema("  entity Post {\n    body: text @max(10k)\n  }"),
              fixed: schema("  entity Post {\n    body: text @max(10_000)\n  }")),
        entry("E0754", "Expected something else here",
              """
              The parser expected one kind of token and found another. The message says what was \
              expected; the most common cases — a missing `:` after a binding name, an unquoted \
              path, `=` for `==`, `and` for `&&` — come with a fix-it.
              """,
              example: routes("  get \"/users/:id\" => page \"users/show\" { user User.find(id) }"),
              fixed: routes("  get \"/users/:id\" => page \"users/show\" { user: User.find(id) }")),
        entry("E0755", "Unclosed brace, parenthesis or bracket",
              """
              Every `{`, `(` and `[` needs its closing partner. When a `}` is missing the error is \
              reported where the next declaration starts (or at the end of the block), with a label \
              on the `{` that is never closed, so the rest of the block is still checked.
              """,
              example: schema("  entity User {\n    name: string\n\n  entity Post {\n    title: string\n  }"),
              fixed: schema("  entity User {\n    name: string\n  }\n\n  entity Post {\n    title: string\n  }")),
        entry("E0756", "Unknown keyword",
              """
              A `<schema>` block holds `entity` and `enum` declarations; a `<routes>` block holds \
              `pipeline`, `scope`, `resources` and routes that start with an HTTP method (`get`, \
              `post`, `put`, `patch`, `delete`). A misspelt keyword is reported with the closest \
              one, and the declaration is read as if it were spelt right.
              """,
              example: schema("  entitty User {\n    name: string\n  }"),
              fixed: schema("  entity User {\n    name: string\n  }")),
        entry("E0757", "Declaration in the wrong block",
              """
              Entities and enums are declared in `<schema>`; pipelines, scopes and routes in \
              `<routes>`. A `.omni` file may hold both blocks.
              """,
              example: routes("  entity User {\n    name: string\n  }\n  get \"/users\" => page \"users/index\" { users: User.all() }"),
              fixed: schema("  entity User {\n    name: string\n  }") + "\n"
                  + routes("  get \"/users\" => page \"users/index\" { users: User.all() }")),
        entry("E0758", "Nesting too deep",
              """
              Scopes, parentheses, brackets and `!` may nest at most 128 levels. Deeper nesting is \
              reported once and the nested part is skipped; real routes never come close, so this \
              usually means generated or corrupted input.
              """,
              example: routes("  get \"/\" => page \"index\" { posts: Post.where(" + String(repeating: "(", count: 130)
                  + "published == true" + String(repeating: ")", count: 130) + ") }"),
              fixed: routes("  get \"/\" => page \"index\" { posts: Post.where(published == true) }")),
        entry("E0759", "Unexpected tokens after a complete item",
              """
              Fields, enum cases, plugs and bindings are separated by line breaks or commas, and each \
              route or declaration ends at the end of its line. Something left on the line after a \
              complete item is an error — often two fields written on one line.
              """,
              example: schema("  entity User {\n    name: string @min(2) email: string @email\n  }"),
              fixed: schema("  entity User {\n    name: string @min(2)\n    email: string @email\n  }")),
    ]

    static let schemaEntries: [Explanation] = [
        entry("E0760", "Entity and enum names start with an upper-case letter",
              """
              Lower-case type names are the scalar types (`string`, `int`, …), so an entity or enum \
              name is UpperCamelCase: `User`, `BlogPost`, `Role`. Relations then read as types: \
              `author: User`, `posts: [Post]`.
              """,
              example: schema("  entity user {\n    name: string\n  }"),
              fixed: schema("  entity User {\n    name: string\n  }")),
        entry("E0761", "Missing `:` between a field and its type",
              "A field is written `name: type`, optionally followed by validations and a default: `email: string @email @unique`.",
              example: schema("  entity User {\n    name string @min(2)\n  }"),
              fixed: schema("  entity User {\n    name: string @min(2)\n  }")),
        entry("E0762", "Unknown field type",
              """
              The scalar types are `string` (short text), `text` (long text), `int`, `float`, `bool`, \
              `date`, `datetime`, `uuid` and `json`. Any other lower-case name is an error (with the \
              closest type, or omni's name for a common alias such as `integer` or `boolean`). \
              Names starting with an upper-case letter refer to entities and enums.
              """,
              example: schema("  entity User {\n    name: strng\n  }"),
              fixed: schema("  entity User {\n    name: string\n  }")),
        entry("E0763", "Malformed field type",
              """
              `[Post]` is a to-many relation: a list holds entities, not scalars, lists do not nest, \
              and a list is never optional (it is empty when there are no rows). Store a list of \
              plain values in a `json` field. A type is made optional once: `User?`.
              """,
              example: schema("  entity Post {\n    tags: [string]\n  }"),
              fixed: schema("  entity Post {\n    tags: json\n  }")),
        entry("E0764", "Unknown validation",
              """
              The validations are `@min(n)` and `@max(n)` (a length for text, a value for numbers), \
              `@range(a, b)`, `@email`, `@url`, `@pattern("regex")`, `@unique` and `@index`. A field \
              is required unless its type ends in `?`; its default is written `= value`.
              """,
              example: schema("  entity User {\n    email: string @emial\n  }"),
              fixed: schema("  entity User {\n    email: string @email\n  }")),
        entry("E0765", "Wrong arguments for a validation",
              """
              `@min` and `@max` take one number, `@range` two numbers (lower bound first), \
              `@pattern` one string; `@email`, `@url`, `@unique` and `@index` take none.
              """,
              example: schema("  entity User {\n    age: int @range(0)\n  }"),
              fixed: schema("  entity User {\n    age: int @range(0, 150)\n  }")),
        entry("E0766", "A validation given twice",
              "Each validation applies once per field; repeating it is a mistake (or two different bounds that should be merged).",
              example: schema("  entity User {\n    email: string @unique @email @unique\n  }"),
              fixed: schema("  entity User {\n    email: string @unique @email\n  }")),
        entry("E0767", "Bad default value",
              """
              A default follows `=` and is a literal: a number, a string, `true`, `false`, `null`, \
              an enum case (`= member`), `now` for a `datetime` or `uuid` for a `uuid`. A field has \
              at most one default.
              """,
              example: schema("  entity Post {\n    published: bool =\n  }"),
              fixed: schema("  entity Post {\n    published: bool = false\n  }")),
        entry("E0768", "Duplicate field or enum case",
              "Field names are unique within an entity and case names within an enum.",
              example: schema("  entity User {\n    name: string\n    name: text\n  }"),
              fixed: schema("  entity User {\n    name: string\n    bio: text\n  }")),
        entry("E0769", "An implicit field declared",
              """
              Every entity has `id: int` (the primary key), `createdAt: datetime` and \
              `updatedAt: datetime`; omni fills them in. Declaring one of them is an error: remove the \
              line.
              """,
              example: schema("  entity User {\n    id: int\n    name: string\n  }"),
              fixed: schema("  entity User {\n    name: string\n  }")),
        entry("E0770", "An enum without cases",
              "An enum lists its cases, separated by commas or line breaks: `enum Role { admin, member }`.",
              example: schema("  enum Role {}"),
              fixed: schema("  enum Role { admin, member }")),
        entry("E0787", "A misplaced `via`",
              """
              `via name` follows the type of a to-many relation and names the to-one field of the \
              other entity that holds its rows: `posts: [Post] via author`. It takes one field name, \
              appears once, and a to-one field (`author: User`) has none: it is the foreign key itself.
              """,
              example: schema("  entity User { name: string, posts: [Post] }\n  entity Post { author: User via posts }"),
              fixed: schema("  entity User { name: string, posts: [Post] via author }\n  entity Post { author: User }")),
    ]
}
