import OmniSyntax

// Where an output lands, finer than the parser's `TemplateHTMLContext`: inside an attribute
// value, whether the value is quoted and, in a URL attribute, which part of the URL the
// static text before the output has reached. `AttributeTracker` follows the template's
// static text in document order (blocks merge their branches conservatively); the parser's
// context stays authoritative, and where the tracker cannot tell, the safest escaping wins
// (unquoted, start of the URL).
//
// The attribute lists mirror OmniHTML's `HTMLWriter.isURLAttribute` / `isScriptAttribute`.

/// How an output is escaped.
enum OutputPosition: Equatable {
    case text
    /// Inside a tag, outside any value: only a plain attribute name is written.
    case tag
    /// Inside `<script>`: a JavaScript string literal.
    case script
    /// Inside `<style>`: a CSS value from a safe set.
    case style
    case attribute(AttributeKind, quoted: Bool)
}

enum AttributeKind: Equatable {
    case plain
    /// `on…`, `hx-on…`: JavaScript.
    case script
    /// `style`: CSS.
    case style
    /// `srcdoc`: an HTML document.
    case html
    case url(URLPart)
}

/// How much of a URL attribute's value the static text before an output has fixed, least
/// to most. Merging branches takes the least.
enum URLPart: Int, Comparable {
    /// Nothing yet: the output starts the URL, so its scheme is checked.
    case start
    /// Some text, but no `:`, `/`, `?` or `#`: the scheme is still open, so it is checked.
    case scheme
    /// After `:` or `/`: the scheme is fixed; the output is escaped for the attribute.
    case path
    /// After `?` or `#`: the output is percent-encoded as one URL component.
    case query

    static func < (a: URLPart, b: URLPart) -> Bool { a.rawValue < b.rawValue }
}

struct AttributeTracker: Equatable {
    enum Mode: Equatable {
        case data
        case tag
        case attributeName(String)
        case afterAttributeName(String)
        case beforeValue(String)
        case value(String, quote: Character?)
        /// `<!-- … -->`.
        case comment
        /// Inside `<script>`/`<style>` (by name), until its closing tag.
        case rawText(String)
        /// Just after `<` in text.
        case open
        /// Reading the element name after `<`.
        case tagName
        /// `<!…>` or `<?…>`, until `>` (or a comment when it starts `<!--`).
        case declaration
        /// A closing tag, until `>`.
        case other
        /// Branches ended in different places: nothing is known.
        case unknown
    }

    var mode: Mode = .data
    var part: URLPart = .start
    /// The element whose start tag is being read.
    var tagName = ""
    /// The name of the closing tag being read (nil outside one).
    var closing: String?
    /// `<svg>` and `<foreignObject>` elements open at this point: a component embedded here
    /// needs an SVG root (`<g>`) when inside SVG (HYDRATION.md §1).
    var svgDepth = 0
    var foreignDepth = 0
    var inSVG: Bool { svgDepth > foreignDepth }
    /// The text of the last few characters, to find `-->` and `</script`.
    var recent = ""

    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "cite", "data", "poster", "background", "codebase", "longdesc",
        "manifest", "profile", "usemap", "icon", "xlink:href", "srcset", "ping", "archive", "classid",
        "hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete", "hx-push-url", "hx-replace-url",
    ]

    static func kind(of attribute: String) -> AttributeKind {
        let name = attribute.lowercased()
        if name.hasPrefix("on") || name.hasPrefix("hx-on") || name.hasPrefix("data-hx-on") { return .script }
        if name == "style" { return .style }
        if name == "srcdoc" { return .html }
        if urlAttributes.contains(name) { return .url(.start) }
        return .plain
    }

    /// The position of an output whose parser context is `context`.
    func position(for context: TemplateHTMLContext) -> OutputPosition {
        switch context {
        case .text, .comment: return .text
        case .tag: return .tag
        case .rawText(let name): return name == "style" ? .style : name == "script" ? .script : .text
        case .attribute(let name):
            var quoted = false
            var urlPart = URLPart.start
            switch mode {
            case .value(let n, let quote) where n == name.lowercased():
                quoted = quote != nil
                urlPart = part
            default:
                break  // unsure: unquoted and the start of the URL are safe everywhere
            }
            if case .url = Self.kind(of: name) { return .attribute(.url(urlPart), quoted: quoted) }
            return .attribute(Self.kind(of: name), quoted: quoted)
        }
    }

    /// An output was written: `href={{u}}` makes an unquoted value, and a URL that began
    /// with an output has an unknown scheme.
    mutating func noteOutput() {
        switch mode {
        case .beforeValue(let n): mode = .value(n, quote: nil); part = .scheme
        case .value: if part == .start { part = .scheme }
        default: break
        }
    }

    static func merge(_ states: [AttributeTracker]) -> AttributeTracker {
        guard var merged = states.first else { return AttributeTracker() }
        for s in states.dropFirst() {
            if s.mode != merged.mode { merged.mode = .unknown }
            merged.part = min(merged.part, s.part)
            merged.svgDepth = max(merged.svgDepth, s.svgDepth)
            merged.foreignDepth = min(merged.foreignDepth, s.foreignDepth)
        }
        return merged
    }

    mutating func feed(_ text: String) {
        for c in text { step(c) }
    }

    mutating func step(_ c: Character) {
        recent.append(c)
        if recent.count > 10 { recent.removeFirst(recent.count - 10) }
        let lower = recent.lowercased()
        switch mode {
        case .data, .unknown:
            if c == "<" { mode = .open; tagName = "" }
        case .open:
            if c.isLetter { tagName = c.lowercased(); mode = .tagName }
            else if c == "/" { mode = .other; closing = "" }
            else if c == "!" || c == "?" { mode = .declaration }
            else { mode = .data }
        case .tagName:
            if c == ">" { endTag() }
            else if c.isWhitespace || c == "/" { mode = .tag }
            else { tagName += c.lowercased() }
        case .declaration:
            if lower.hasSuffix("<!--") { mode = .comment } else if c == ">" { mode = .data }
        case .other:
            if c == ">" {
                mode = .data
                if let name = closing?.lowercased().prefix(while: { !$0.isWhitespace && $0 != "/" }) {
                    if name == "svg" { svgDepth = max(0, svgDepth - 1) }
                    if name == "foreignobject" { foreignDepth = max(0, foreignDepth - 1) }
                }
                closing = nil
            } else if closing != nil {
                closing?.append(c)
            }
        case .comment:
            if lower.hasSuffix("-->") { mode = .data }
        case .rawText(let name):
            if lower.hasSuffix("</" + name) { mode = .other }
        case .tag:
            if c == ">" { endTag() } else if !c.isWhitespace, c != "/" { mode = .attributeName(String(c)) }
        case .attributeName(let n):
            if c == "=" { mode = .beforeValue(n.lowercased()) }
            else if c == ">" { endTag() }
            else if c.isWhitespace || c == "/" { mode = .afterAttributeName(n.lowercased()) }
            else { mode = .attributeName(n + String(c)) }
        case .afterAttributeName(let n):
            if c == "=" { mode = .beforeValue(n) }
            else if c == ">" { endTag() }
            else if !c.isWhitespace, c != "/" { mode = .attributeName(String(c)) }
        case .beforeValue(let n):
            part = .start
            if c == "\"" || c == "'" { mode = .value(n, quote: c) }
            else if c == ">" { endTag() }
            else if !c.isWhitespace { mode = .value(n, quote: nil); advancePart(c) }
        case .value(_, let quote):
            if let quote, c == quote { mode = .tag; return }
            if quote == nil, c.isWhitespace { mode = .tag; return }
            if quote == nil, c == ">" { endTag(); return }
            advancePart(c)
        }
    }

    mutating func advancePart(_ c: Character) {
        switch c {
        case "?", "#": part = .query
        case ":", "/": if part < .path { part = .path }
        default: if part == .start, !c.isWhitespace { part = .scheme }
        }
    }

    mutating func endTag() {
        mode = tagName == "script" || tagName == "style" ? .rawText(tagName) : .data
        let selfClosing = recent.dropLast().last == "/"
        if tagName == "svg", !selfClosing { svgDepth += 1 }
        if tagName == "foreignobject", !selfClosing { foreignDepth += 1 }
    }
}
