import OmniBase

/// `omni explain` entries for every code the TOML reader raises (E0600–E0629).
///
/// Each example is a complete `omni.toml` that raises its code; `fixed` is the same file
/// without the error. E0628 and E0629 come from the typed accessors (`TOMLDocument.int(_:)`,
/// `unknownKeys(in:allowed:)`) that read `omni.toml`'s `[server] port` and its sections.
public enum TOMLExplanations {
    static func entry(_ code: DiagnosticCode, _ title: String, _ body: String, example: String, fixed: String,
                      bytes: [UInt8]? = nil) -> Explanation {
        Explanation(code: code, title: title, body: body, exampleFile: "omni.toml", example: example, fixed: fixed,
                    exampleBytes: bytes)
    }

    static let project = "[project]\nname = \"blog\"\n"

    public static let all: [Explanation] = [
        entry("E0600", "The file is not valid UTF-8",
              """
              TOML files are UTF-8. A byte sequence that is not UTF-8 (often text saved as Latin-1, \
              or a file saved as UTF-16) cannot be read. A byte-order mark is allowed only at the \
              very start of the file.
              """,
              example: project + "title = \"Caf\\xE9\"   # the é was saved as the single byte 0xE9\n",
              fixed: project + "title = \"Café\"\n",
              bytes: Array((project + "title = \"Caf").utf8) + [0xE9] + Array("\"\n".utf8)),
        entry("E0601", "A control character in the file",
              """
              Control characters (U+0000–U+001F and U+007F, except tab) may not appear in TOML \
              text, comments or strings. Inside a basic string write them as escapes such as \
              `\\u0007`; a carriage return is allowed only as part of a CRLF line ending.
              """,
              example: project + "bell = \"ding\u{07}\"\n", fixed: project + "bell = \"ding\\u0007\"\n"),
        entry("E0602", "Expected a key or a table header",
              """
              Each line of a TOML file is blank, a comment, a `key = value` pair or a `[table]` \
              header. A line that starts with anything else, such as `=` or a non-ASCII letter, \
              is none of those. Keys with characters other than ASCII letters, digits, `_` and \
              `-` must be quoted.
              """,
              example: project + "= \"1.0\"\n", fixed: project + "version = \"1.0\"\n"),
        entry("E0603", "Expected `=` after a key",
              """
              A key is followed by `=` and its value. A key with spaces in it must be quoted: \
              `"two words" = 1`.
              """,
              example: project + "description \"A blog\"\n", fixed: project + "description = \"A blog\"\n"),
        entry("E0604", "A value is missing",
              """
              Every `=` is followed by a value on the same line, and every element of an array is \
              a value: `[1, , 2]` has a hole.
              """,
              example: project + "version =\n", fixed: project + "version = \"0.1.0\"\n"),
        entry("E0605", "Extra text after a value or a header",
              """
              A key/value pair or a table header is the last thing on its line (a comment may \
              follow). Two pairs on one line, or text after a value, are errors.
              """,
              example: "[server]\nhost = \"localhost\" port = 8080\n", fixed: "[server]\nhost = \"localhost\"\nport = 8080\n"),
        entry("E0606", "A string is never closed",
              """
              A `"…"` or `'…'` string ends on the line where it starts; text that spans lines \
              uses `\"\"\"…\"\"\"` or `'''…'''`. A multi-line string may end with at most two \
              quotes before its closing delimiter.
              """,
              example: "[project]\nname = \"blog\nversion = \"1.0\"\n", fixed: "[project]\nname = \"blog\"\nversion = \"1.0\"\n"),
        entry("E0607", "An invalid escape sequence",
              """
              Basic strings (`"…"`) know the escapes `\\b \\t \\n \\f \\r \\" \\\\ \\uXXXX \\UXXXXXXXX`. \
              Any other backslash is an error; in Windows paths write `\\\\`, or use a literal \
              string `'C:\\data'`, which has no escapes.
              """,
              example: "[database]\nurl = \"C:\\data\\blog.db\"\n", fixed: "[database]\nurl = 'C:\\data\\blog.db'\n"),
        entry("E0608", "An invalid Unicode escape",
              """
              `\\uXXXX` takes exactly four hexadecimal digits and `\\UXXXXXXXX` exactly eight, and \
              the code point must be a Unicode scalar value (not a surrogate, at most U+10FFFF).
              """,
              example: project + "emoji = \"\\uD83D\"\n", fixed: project + "emoji = \"\\U0001F600\"\n"),
        entry("E0609", "A malformed integer",
              """
              Decimal integers have no leading zeros (`007` is an error; octal is written \
              `0o7`), underscores stand between digits (`1_000`), and the prefixes `0x`, `0o` \
              and `0b` are lower case and take no sign.
              """,
              example: "[server]\nport = 08080\n", fixed: "[server]\nport = 8080\n"),
        entry("E0610", "An integer out of range",
              "TOML integers are 64-bit signed: from -9223372036854775808 to 9223372036854775807.",
              example: "[server]\nmax_body = 99999999999999999999\n", fixed: "[server]\nmax_body = 9999999999\n"),
        entry("E0611", "A malformed float",
              """
              A float has digits on both sides of its `.` (`0.5`, not `.5` or `5.`), an exponent \
              with digits (`1e6`), underscores only between digits, and no leading zeros. \
              `inf` and `nan` are lower case.
              """,
              example: "[server]\ntimeout = .5\n", fixed: "[server]\ntimeout = 0.5\n"),
        entry("E0612", "A malformed date-time",
              """
              Dates are `YYYY-MM-DD`, times `HH:MM:SS` with optional fractional seconds, joined by \
              `T` or a space, optionally followed by `Z` or an offset `+HH:MM`. TOML 1.0 requires \
              the seconds.
              """,
              example: project + "released = 2024-05-01T09:30\n", fixed: project + "released = 2024-05-01T09:30:00\n"),
        entry("E0613", "A date-time field out of range",
              """
              Months run from 01 to 12, days to the length of the month (February has 29 days \
              only in leap years), hours to 23, minutes to 59, seconds to 60, offsets to ±23:59.
              """,
              example: project + "released = 2023-02-29\n", fixed: project + "released = 2023-02-28\n"),
        entry("E0614", "An array is not closed, or a comma is missing",
              """
              Array elements are separated by commas and the array ends with `]`. Arrays may span \
              lines, so a missing `]` is noticed at the next `key = value` line or the end of the \
              file.
              """,
              example: "[build]\nfeatures = [\"sqlite\" \"htmx\"]\n", fixed: "[build]\nfeatures = [\"sqlite\", \"htmx\"]\n"),
        entry("E0615", "An inline table is not closed, or a comma is missing",
              """
              An inline table `{ key = value, … }` separates its entries with commas and ends with \
              `}` on the same line.
              """,
              example: "[server]\ntls = { cert = \"a.pem\" key = \"a.key\" }\n", fixed: "[server]\ntls = { cert = \"a.pem\", key = \"a.key\" }\n"),
        entry("E0616", "A newline inside an inline table",
              """
              In TOML 1.0 an inline table is written on one line. For longer tables use a \
              `[section]` instead.
              """,
              example: "[server]\ntls = {\n  cert = \"a.pem\" }\n", fixed: "[server.tls]\ncert = \"a.pem\"\n"),
        entry("E0617", "A trailing comma in an inline table",
              "Unlike arrays, inline tables cannot end with a comma.",
              example: "[server]\ntls = { cert = \"a.pem\", }\n", fixed: "[server]\ntls = { cert = \"a.pem\" }\n"),
        entry("E0618", "A malformed key",
              """
              A key is bare (ASCII letters, digits, `_`, `-`) or quoted with `"…"` or `'…'`; a \
              dotted key has a key between every two dots. Multi-line strings cannot be keys.
              """,
              example: "[server]\nhost..name = \"localhost\"\n", fixed: "[server]\nhost.name = \"localhost\"\n"),
        entry("E0619", "A malformed table header",
              """
              A table header is `[name]` or `[[name]]` (for an array of tables) alone on its line, \
              with a name inside and the brackets closed on the same line.
              """,
              example: "[server\nport = 8080\n", fixed: "[server]\nport = 8080\n"),
        entry("E0620", "A key is defined twice",
              """
              A key can be given once per table. The error points at the second definition and \
              labels the first; keep one of them.
              """,
              example: "[server]\nport = 8080\nport = 9090\n", fixed: "[server]\nport = 9090\n"),
        entry("E0621", "A table is defined twice",
              """
              Each `[table]` header may appear once. Merge the keys of both sections under one \
              header.
              """,
              example: "[server]\nhost = \"localhost\"\n\n[server]\nport = 8080\n",
              fixed: "[server]\nhost = \"localhost\"\nport = 8080\n"),
        entry("E0622", "An inline table cannot be extended",
              """
              An inline table `{ … }` is complete where it is written: later dotted keys, \
              `[headers]` or `[[headers]]` cannot add keys or sub-tables to it.
              """,
              example: "[server]\ntls = { cert = \"a.pem\" }\ntls.key = \"a.key\"\n",
              fixed: "[server]\ntls = { cert = \"a.pem\", key = \"a.key\" }\n"),
        entry("E0623", "A value is used as a table",
              """
              A dotted key or a header walks through tables; when a part of the path is already a \
              string, number or array it cannot hold keys.
              """,
              example: "[database]\nurl = \"sqlite://blog.db\"\nurl.timeout = 5\n",
              fixed: "[database]\nurl = \"sqlite://blog.db\"\ntimeout = 5\n"),
        entry("E0624", "An array of tables conflicts with a table or an array",
              """
              `[[name]]` appends a table to the array of tables `name`. It cannot append to a \
              static array (`name = [ … ]`) or to a table defined with `[name]`, and `[name]` \
              cannot reopen an array of tables.
              """,
              example: "[[server.listen]]\nport = 80\n\n[server.listen]\nport = 443\n",
              fixed: "[[server.listen]]\nport = 80\n\n[[server.listen]]\nport = 443\n"),
        entry("E0625", "Dotted keys and table headers define the same table",
              """
              A table made by dotted keys (`tls.cert = …`) cannot be opened again by a \
              `[server.tls]` header, and dotted keys cannot add to a table that a header defines. \
              Use one style for each table.
              """,
              example: "[server]\ntls.cert = \"a.pem\"\n\n[server.tls]\nkey = \"a.key\"\n",
              fixed: "[server]\ntls.cert = \"a.pem\"\ntls.key = \"a.key\"\n"),
        entry("E0626", "Nesting too deep",
              """
              Arrays and inline tables may nest at most 128 levels deep (and dotted keys have at \
              most 128 parts). Deeper data is almost certainly a mistake or a hostile file.
              """,
              example: project + "deep = " + String(repeating: "[", count: 130) + String(repeating: "]", count: 130) + "\n",
              fixed: project + "deep = [[1]]\n"),
        entry("E0627", "A bare word is not a value",
              """
              Strings are quoted: `name = "blog"`, not `name = blog`. `true`, `false`, `inf` and \
              `nan` are lower case.
              """,
              example: "[project]\nname = blog\n", fixed: "[project]\nname = \"blog\"\n"),
        entry("E0628", "A value has the wrong type",
              """
              omni expects each setting of `omni.toml` (and `blueprint.toml`) to have a certain \
              type: `[server] port` is an integer, `host` a string. A quoted number is a string; \
              the fix-it removes the quotes.
              """,
              example: "[server]\nport = \"8080\"\n", fixed: "[server]\nport = 8080\n"),
        entry("E0629", "An unknown key",
              """
              omni reads a fixed set of sections and keys from `omni.toml`; any other key is \
              most likely misspelt. The error suggests the closest known key.
              """,
              example: "[sever]\nport = 8080\n", fixed: "[server]\nport = 8080\n"),
    ]
}
