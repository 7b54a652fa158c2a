import OmniBase

/// Where a path literal appears; decides which mistakes are reported how.
enum PathRole {
    case scope, route, resources, redirect

    var noun: String {
        switch self {
        case .scope: "scope prefix"
        case .route, .resources: "route path"
        case .redirect: "redirect path"
        }
    }
}

extension RoutesParserCore {
    // MARK: path = '"' , "/" , [ segment , { "/" , segment } ] , '"'

    /// A path string after `scope`, a verb, `resources` or `redirect`. An unquoted path
    /// (`scope /api {`) is reported and read anyway; a missing one gives an empty path.
    func parsePathArgument(role: PathRole) -> RoutePath {
        if at(.string), !current.newlineBefore {
            return parsePath(advance(), role: role)
        }
        if at(.slash), !current.newlineBefore {
            // Unquoted: take the tokens that touch each other.
            let first = advance()
            var end = first.span.end
            while !atEnd, current.span.start == end, !at(.lBrace), !at(.arrow), !at(.lParen) { end = advance().span.end }
            let whole = Span(file: file.id, start: first.span.start, end: end)
            let raw = file.text(whole)
            report(Diagnostic.error("E0754", "expected a path string, found `\(raw)`", at: whole, label: "paths are written in double quotes")
                .fixing(.replace(whole, with: "\"\(raw)\"", "quote the path")))
            return parseSegments(raw: raw, rawStart: Int(whole.start), literal: whole, role: role, reportQuery: false)
        }
        report(expected("a path such as `\"/users\"`"))
        return RoutePath(text: "", segments: [], span: prevEndPoint)
    }

    /// Splits a path string into segments, reporting every malformed part.
    func parsePath(_ t: RoutesToken, role: PathRole) -> RoutePath {
        let value = t.value ?? ""
        let rawStart = Int(t.span.start) + 1
        let rawEnd = max(rawStart, t.terminated ? Int(t.span.end) - 1 : Int(t.span.end))
        if t.hasEscapes {
            report(Diagnostic.error("E0775", "a path cannot contain escape sequences", at: t.span, label: "has a `\\` escape")
                .note("write the characters themselves, or percent-encode them (`%20`)"))
            return RoutePath(text: value, segments: [], span: t.span)
        }
        if value.isEmpty {
            report(Diagnostic.error("E0772", "a \(role.noun) cannot be empty", at: t.span, label: "empty path")
                .helping("the root path is `\"/\"`").fixing(.replace(t.span, with: "\"/\"", "use the root path")))
            return RoutePath(text: value, segments: [], span: t.span)
        }
        return parseSegments(raw: file.text(rawStart..<rawEnd), rawStart: rawStart, literal: t.span, role: role, reportQuery: true)
    }

    func parseSegments(raw: String, rawStart: Int, literal: Span, role: PathRole, reportQuery: Bool) -> RoutePath {
        let bytes = Array(raw.utf8)
        func at(_ a: Int, _ b: Int) -> Span { Span(file: file.id, (rawStart + a)..<(rawStart + b)) }
        var end = bytes.count
        // A query string or fragment: reported, then ignored.
        if let q = bytes.firstIndex(where: { $0 == 0x3F || $0 == 0x23 }) {
            end = q
            reportQueryString(bytes, from: q, span: at(q, bytes.count), literal: literal, role: role)
        }
        var i = 0
        if bytes.first != 0x2F {
            report(Diagnostic.error("E0772", "\(role.noun) `\(raw)` must start with `/`", at: literal, label: "no leading `/`")
                .note(role == .redirect ? "a redirect goes to a path of this app (`\"/users\"`) or to an `http://` or `https://` URL"
                                        : "paths are absolute; a scope's prefix and its routes' paths are joined")
                .fixing(.insert("/", at: at(0, 0), "insert `/`")))
        } else {
            i = 1
        }
        var segments: [PathSegment] = []
        var seen: [String: Span] = [:]
        var splat: Span?
        if end == 1, i == 1 { return RoutePath(text: raw, segments: [], span: literal) }
        while i <= end {
            var j = i
            while j < end, bytes[j] != 0x2F { j += 1 }
            let segmentSpan = at(i, j)
            if i == j {
                if j == end {
                    if end > 0 {
                        report(Diagnostic.error("E0773", "a \(role.noun) does not end with `/`", at: at(i - 1, i), label: "trailing `/`")
                            .note("`\"/users/\"` and `\"/users\"` are the same route; the router redirects the first to the second")
                            .fixing(FixIt("remove the trailing `/`", edits: [TextEdit(span: at(i - 1, i), replacement: "")])))
                    }
                } else {
                    report(Diagnostic.error("E0773", "empty segment in \(role.noun) `\(raw)`", at: at(i - 1, i + 1), label: "`//` here")
                        .fixing(FixIt("remove the extra `/`", edits: [TextEdit(span: at(i, i + 1), replacement: "")])))
                }
                i = j + 1
                continue
            }
            if let s = splat {
                report(Diagnostic.error("E0775", "a `*` parameter must be the last segment", at: s, label: "matches the rest of the path")
                    .labeled(segmentSpan, "so nothing can follow it"))
                splat = nil
            }
            let text = String(decoding: bytes[i..<j], as: UTF8.self)
            if let segment = parseSegment(text, bytes: Array(bytes[i..<j]), span: segmentSpan, role: role) {
                switch segment.kind {
                case .parameter(let name), .splat(let name):
                    if let first = seen[name.name] {
                        report(Diagnostic.error("E0774", "parameter `\(name.name)` appears twice in `\(raw)`", at: segmentSpan,
                                                label: "second `\(name.name)`")
                            .labeled(first, "first `\(name.name)`")
                            .helping("give each parameter its own name, such as `:\(name.name)2`"))
                    } else {
                        seen[name.name] = segmentSpan
                    }
                    if case .splat = segment.kind { splat = segmentSpan }
                case .literal:
                    break
                }
                segments.append(segment)
            }
            i = j + 1
        }
        if let s = splat, role == .scope {
            report(Diagnostic.error("E0775", "a scope prefix cannot end with a `*` parameter", at: s, label: "would leave nothing for its routes")
                .helping("move the `*` parameter to a route inside the scope"))
        }
        return RoutePath(text: raw, segments: segments, span: literal)
    }

    /// One segment between slashes; nil when it is malformed (reported).
    func parseSegment(_ text: String, bytes: [UInt8], span: Span, role: PathRole) -> PathSegment? {
        let first = bytes[0]
        if first == 0x3A || first == 0x2A {
            let sigil = first == 0x3A ? ":" : "*"
            let nameBytes = bytes.dropFirst()
            let nameSpan = Span(file: file.id, start: span.start + 1, end: span.end)
            guard let head = nameBytes.first, RoutesLexer.isIdentStart(head), nameBytes.allSatisfy(RoutesLexer.isIdentContinue) else {
                let what = sigil == ":" ? "a parameter" : "a `*` parameter"
                var d = Diagnostic.error("E0775", "\(what) needs a name, such as `\(sigil)\(sigil == ":" ? "id" : "path")`", at: span,
                                         label: nameBytes.isEmpty ? "no name after `\(sigil)`" : "not a name")
                    .note("parameter names are letters, digits and `_`, not starting with a digit")
                if nameBytes.isEmpty, sigil == "*" { d = d.fixing(.insert("path", at: span.endPoint, "name it `path`")) }
                report(d)
                return nil
            }
            let name = Identifier(String(decoding: nameBytes, as: UTF8.self), span: nameSpan)
            return PathSegment(kind: sigil == ":" ? .parameter(name) : .splat(name), span: span)
        }
        if first == 0x7B, bytes.last == 0x7D, bytes.count > 2 {
            let inner = String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)
            report(Diagnostic.error("E0775", "parameters are written `:\(inner)`, not `{\(inner)}`", at: span, label: "braces are not path syntax")
                .fixing(.replace(span, with: ":" + inner, "write `:\(inner)`")))
            return PathSegment(kind: .parameter(Identifier(inner, span: span)), span: span)
        }
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            if b == 0x25 {
                if k + 2 < bytes.count, RoutesLexer.hexValue(bytes[k + 1]) != nil, RoutesLexer.hexValue(bytes[k + 2]) != nil {
                    k += 3
                    continue
                }
                report(Diagnostic.error("E0775", "`%` in a path starts a percent-escape such as `%20`", at: span,
                                        label: "`%` without two hex digits"))
                return nil
            }
            if !Self.isPathCharacter(b) {
                var end = k + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                let ch = String(decoding: bytes[k..<end], as: UTF8.self)
                let charSpan = Span(file: file.id, start: span.start + UInt32(k), end: span.start + UInt32(end))
                var d = Diagnostic.error("E0775", "invalid character `\(ch == " " ? "␠" : ch)` in a path", at: charSpan,
                                         label: "not allowed in a path")
                    .note("paths hold letters, digits and `-._~!$&'()*+,;=:@`; percent-encode anything else")
                if ch == " " { d = d.fixing(.replace(charSpan, with: "-", "use `-`")) }
                report(d)
                return nil
            }
            k += 1
        }
        return PathSegment(kind: .literal(text), span: span)
    }

    /// RFC 3986 `pchar` without `%` (handled apart): unreserved, sub-delims, `:` and `@`.
    static func isPathCharacter(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"),
             UInt8(ascii: "@"):
            true
        default: false
        }
    }

    /// E0776: `"/users/search?q"`. For routes whose query is plain names, the fix-it moves them
    /// into a parameter list after the path.
    func reportQueryString(_ bytes: [UInt8], from q: Int, span: Span, literal: Span, role: PathRole) {
        let isFragment = bytes[q] == 0x23
        var d = Diagnostic.error("E0776", isFragment ? "a \(role.noun) cannot have a `#` fragment" : "a \(role.noun) cannot hold a query string",
                                 at: span, label: isFragment ? "fragment" : "query string")
        guard !isFragment else { report(d.helping("remove the fragment")); return }
        let query = String(decoding: bytes[(q + 1)...], as: UTF8.self)
        let names = query.split(separator: "&", omittingEmptySubsequences: false).map { $0.split(separator: "=").first.map(String.init) ?? "" }
        let simple = !names.isEmpty && names.allSatisfy { n in
            guard let h = n.utf8.first, RoutesLexer.isIdentStart(h) else { return false }
            return n.utf8.allSatisfy(RoutesLexer.isIdentContinue)
        }
        switch role {
        case .route where simple:
            let list = names.map { "\($0): string" }.joined(separator: ", ")
            d = d.note("query parameters are declared after the path, with their types")
                .helping("write `(\(list))` after the path")
                .fixing(FixIt("declare the query parameters", edits: [
                    TextEdit(span: span, replacement: ""),
                    TextEdit(span: literal.endPoint, replacement: " (\(list))"),
                ]))
        case .route, .resources:
            d = d.note("query parameters are declared after the path: `get \"/search\" (q: string, page: int = 1) => …`")
        case .scope:
            d = d.note("a scope prefix is a path; declare query parameters on the routes inside it")
        case .redirect:
            d = d.note("a redirect path of this app has no query string; redirect to an absolute URL to pass one")
        }
        report(d)
    }
}
