/// When to colour terminal output.
public enum TerminalColor {
    /// Whether output to a stream should be coloured, decided in this order:
    ///
    /// 1. `NO_COLOR` set to any non-empty value disables colour (https://no-color.org).
    /// 2. `FORCE_COLOR` set to a non-empty value forces colour on, except `0` and `false`,
    ///    which force it off.
    /// 3. `CLICOLOR_FORCE` set to a non-empty value other than `0` forces colour on.
    /// 4. Otherwise colour needs a terminal (`isTTY`), a `TERM` other than `dumb`, and
    ///    `CLICOLOR` not set to `0`.
    ///
    /// Pure: the caller (the driver) supplies `isatty` and the environment.
    public static func shouldColor(isTTY: Bool, environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["FORCE_COLOR"], !force.isEmpty {
            return force != "0" && force.lowercased() != "false"
        }
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        guard isTTY else { return false }
        if environment["TERM"] == "dumb" { return false }
        if environment["CLICOLOR"] == "0" { return false }
        return true
    }
}

/// The few looks the renderers use; mapped to ANSI SGR sequences only when colour is on.
enum Style: Sendable, Equatable {
    case plain
    /// The message of a header line.
    case bold
    case error
    case warning
    case note
    /// `help`, fix-it headers.
    case help
    /// Gutter, `-->`, line numbers and secondary labels (rustc's bold blue).
    case accent
    /// Text a fix-it adds.
    case added
    /// Text a fix-it removes.
    case removed

    static func severity(_ severity: Severity) -> Style {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
    }

    var sgr: String {
        switch self {
        case .plain: ""
        case .bold: "\u{1B}[1m"
        case .error: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;33m"
        case .note: "\u{1B}[1;32m"
        case .help: "\u{1B}[1;36m"
        case .accent: "\u{1B}[1;34m"
        case .added: "\u{1B}[32m"
        case .removed: "\u{1B}[31m"
        }
    }
}

/// One output line as runs of styled text.
struct StyledLine: Sendable {
    private(set) var runs: [(text: String, style: Style)] = []

    init() {}
    init(_ text: String, _ style: Style = .plain) { append(text, style) }

    mutating func append(_ text: String, _ style: Style = .plain) {
        guard !text.isEmpty else { return }
        if let last = runs.last, last.style == style {
            runs[runs.count - 1].text += text
        } else {
            runs.append((text, style))
        }
    }

    mutating func append(_ other: StyledLine) {
        for run in other.runs { append(run.text, run.style) }
    }

    /// The line as text; escape sequences only when `color` is true.
    func rendered(color: Bool) -> String {
        var out = ""
        for run in runs {
            if color && run.style != .plain {
                out += run.style.sgr + run.text + "\u{1B}[0m"
            } else {
                out += run.text
            }
        }
        return out
    }
}

extension [StyledLine] {
    /// The lines joined with `\n`, each terminated by one.
    func rendered(color: Bool) -> String {
        var out = ""
        for line in self {
            out += line.rendered(color: color)
            out += "\n"
        }
        return out
    }
}

/// A row of single-column cells that annotation lines are drawn on (carets, connectors,
/// lanes, labels). A string put at a column fills one cell per character; a label is always
/// the last thing on its row, so its wide characters cannot push anything out of place.
/// Cells nobody wrote are unstyled blanks; a space written with a style (inside a label)
/// keeps it, so a label is one coloured run.
struct CellRow: Sendable {
    private(set) var cells: [(character: Character, style: Style)] = []

    func isBlank(at column: Int) -> Bool {
        column >= cells.count || cells[column].character == " "
    }

    mutating func put(_ character: Character, at column: Int, _ style: Style) {
        guard column >= 0 else { return }
        while cells.count <= column { cells.append((" ", .plain)) }
        cells[column] = (character, style)
    }

    mutating func put(_ text: String, at column: Int, _ style: Style) {
        var c = column
        for character in text {
            put(character, at: c, style)
            c += 1
        }
    }

    var isEmpty: Bool { cells.allSatisfy { $0.character == " " } }

    /// The row as styled text, padded with blanks (never trimmed) to at least `width` cells.
    func styled(paddedTo width: Int) -> StyledLine {
        var line = StyledLine()
        for cell in cells { line.append(String(cell.character), cell.style) }
        if cells.count < width { line.append(String(repeating: " ", count: width - cells.count)) }
        return line
    }

    /// The row as styled text without trailing blanks.
    var styled: StyledLine {
        var end = cells.count
        while end > 0, cells[end - 1].character == " " { end -= 1 }
        var line = StyledLine()
        for cell in cells[..<end] { line.append(String(cell.character), cell.style) }
        return line
    }
}

/// Text from a diagnostic (messages, labels, paths) made safe for a terminal: control
/// characters other than newline and tab, and bidi controls, are replaced by visible
/// stand-ins, so no escape byte can come from the data.
func terminalSafe(_ text: String) -> String {
    var view = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if scalar == "\n" || scalar == "\t" {
            view.append(scalar)
        } else if let visible = DisplayWidth.visibleControl(scalar) {
            view.append(contentsOf: visible.unicodeScalars)
        } else {
            view.append(scalar)
        }
    }
    return String(view)
}
