import OmniBase

/// An opening tag as read by the parser: `<name attr… >` or `<name … />`.
struct OpenTag {
    var name: String
    var nameSpan: Span
    var attributes: [Attribute]
    var selfClosing: Bool
    /// `<` through `>`.
    var span: Span
}

/// A closing tag `</name>`.
struct ClosingTag {
    var name: String
    var span: Span
}

/// An element or block that is open while the template is parsed.
struct OpenItem {
    enum Kind { case element, ifBlock, eachBlock, template }
    var kind: Kind
    var name: String
    var tag: Span
}

extension ComponentParser {
    // MARK: - tag := "<" name attribute* ("/>" | ">")

    /// Reads an opening tag at `<`. Always consumes at least the `<`.
    mutating func parseOpenTag(expressions: Bool = true) -> OpenTag {
        let start = cursor.pos
        cursor.pos += 1  // <
        let (name, nameSpan) = cursor.readName()
        record(.tagOpen, start, cursor.pos)
        // In `<prop type="{ a: number }">` braces are type syntax, not interpolation.
        let literalQuotes = name == "prop"
        var attributes: [Attribute] = []
        var seen: [String: Span] = [:]
        var selfClosing = false
        while true {
            cursor.skipSpaces()
            let here = cursor.pos
            let b = cursor.peek()
            if cursor.atEnd {
                diagnostics.add(error("E0222", "expected `>` to end the `<\(name)>` tag, found end of file", at: cursor.point(cursor.end))
                    .labeled(cursor.span(start, cursor.pos), "the tag starts here"))
                break
            }
            if b == 0x3E { cursor.pos += 1; record(.tagEnd, here, cursor.pos); break }
            if b == 0x2F, cursor.peek(1) == 0x3E { cursor.pos += 2; selfClosing = true; record(.tagSelfClose, here, cursor.pos); break }
            if b == 0x3C {
                // `<div <span>`: the tag was never ended; recover at the new tag.
                diagnostics.add(error("E0222", "expected `>` to end the `<\(name)>` tag, found `<`", at: cursor.point(cursor.pos))
                    .labeled(cursor.span(start, cursor.pos), "this tag is not ended")
                    .fixing(.insert(">", at: cursor.point(cursor.pos), "insert `>`")))
                break
            }
            if b == 0x40 || MarkupCursor.isAttributeNameChar(b) {
                let attr = parseAttribute(literalQuotes: literalQuotes)
                if let first = seen[attr.name.name] {
                    diagnostics.add(error("E0223", "attribute `\(attr.isEvent ? "@" : "")\(attr.name.name)` is given twice",
                                          at: attr.span, label: "second value")
                        .labeled(first, "first given here")
                        .helping("remove one of them"))
                } else {
                    seen[attr.name.name] = attr.span
                    attributes.append(attr)
                }
            } else {
                // A stray character such as `"` or `=`: report and skip it.
                diagnostics.add(error("E0222", "unexpected \(cursor.describe(at: cursor.pos)) in the `<\(name)>` tag",
                                      at: cursor.span(cursor.pos, cursor.pos + 1), label: "expected an attribute name, `>` or `/>`"))
                cursor.pos += 1
            }
            if cursor.pos == here { cursor.pos += 1 }
        }
        if name.isEmpty {
            diagnostics.add(error("E0222", "expected a tag name after `<`", at: cursor.span(start, start + 1)))
        }
        return OpenTag(name: name, nameSpan: nameSpan, attributes: attributes, selfClosing: selfClosing, span: cursor.span(start, cursor.pos))
    }

    /// Reads `</name>` at `</`.
    mutating func parseClosingTag() -> ClosingTag {
        let start = cursor.pos
        cursor.pos += 2
        let (name, _) = cursor.readName()
        cursor.skipSpaces()
        if cursor.peek() == 0x3E {
            cursor.pos += 1
        } else {
            diagnostics.add(error("E0222", "expected `>` to end the closing tag `</\(name)`, found \(cursor.describe(at: cursor.pos))",
                                  at: cursor.point(cursor.pos))
                .fixing(.insert(">", at: cursor.point(cursor.pos), "insert `>`")))
        }
        record(.closingTag, start, cursor.pos)
        return ClosingTag(name: name, span: cursor.span(start, cursor.pos))
    }

    /// `<!-- text -->`.
    mutating func parseComment() -> (String, Span) {
        let start = cursor.pos
        cursor.pos += 4
        if let close = cursor.find("-->", from: cursor.pos) {
            let text = file.text(cursor.pos..<close)
            cursor.pos = close + 3
            record(.comment, start, cursor.pos)
            return (text, cursor.span(start, cursor.pos))
        }
        diagnostics.add(error("E0221", "this comment is never closed", at: cursor.span(start, start + 4), label: "comment starts here")
            .helping("end the comment with `-->`")
            .fixing(.insert(" -->", at: cursor.point(cursor.end), "insert `-->`")))
        let text = file.text(cursor.pos..<cursor.end)
        cursor.pos = cursor.end
        record(.comment, start, cursor.pos)
        return (text, cursor.span(start, cursor.pos))
    }

    // MARK: - attribute := ["@"] name ["=" value]

    mutating func parseAttribute(literalQuotes: Bool = false) -> Attribute {
        let start = cursor.pos
        let isEvent = cursor.peek() == 0x40
        if isEvent { cursor.pos += 1 }
        let nameStart = cursor.pos
        while !cursor.atEnd, MarkupCursor.isAttributeNameChar(cursor.peek()) { cursor.pos += 1 }
        let name = Identifier(file.text(nameStart..<cursor.pos), span: cursor.span(nameStart, cursor.pos))
        record(.attributeName, start, cursor.pos)
        let id = ids.next()
        if isEvent, name.name.isEmpty {
            diagnostics.add(error("E0222", "expected an event name after `@`", at: cursor.span(start, start + 1)))
        }
        let afterName = cursor.pos
        cursor.skipSpaces()
        guard cursor.peek() == 0x3D else {
            cursor.pos = afterName
            if isEvent { reportEventWithoutHandler(name, at: cursor.span(start, afterName)) }
            return Attribute(id: id, name: name, isEvent: isEvent, value: .none, span: cursor.span(start, afterName))
        }
        record(.equals, cursor.pos, cursor.pos + 1)
        cursor.pos += 1
        cursor.skipSpaces()
        let value = parseAttributeValue(literalQuotes: literalQuotes)
        let span = cursor.span(start, cursor.pos)
        if isEvent {
            if case .expression = value {} else { reportEventWithoutHandler(name, at: span) }
        }
        return Attribute(id: id, name: name, isEvent: isEvent, value: value, span: span)
    }

    mutating func reportEventWithoutHandler(_ name: Identifier, at span: Span) {
        diagnostics.add(error("E0229", "the `@\(name.name)` handler must be an expression in braces", at: span,
                              label: "expected `@\(name.name)={handler}`")
            .helping("write the handler in braces, e.g. `@\(name.name)={increment}` or `@\(name.name)={() => count.set(0)}`"))
    }

    /// value := '"' (text | "{" expr "}")* '"' | "'" … "'" | "{" expr "}" | unquoted
    mutating func parseAttributeValue(literalQuotes: Bool = false) -> AttributeValue {
        let b = cursor.peek()
        if b == 0x7B {
            return .expression(parseBracedExpression())
        }
        if b == 0x22 || b == 0x27 {
            return parseQuotedValue(quote: b, literal: literalQuotes)
        }
        let start = cursor.pos
        while !cursor.atEnd {
            let c = cursor.peek()
            if MarkupCursor.isSpace(c) || c == 0x3E || c == 0x3C || c == 0x22 || c == 0x27 || c == 0x3D || c == 0x60 { break }
            if c == 0x2F, cursor.peek(1) == 0x3E { break }
            cursor.pos += 1
        }
        if cursor.pos == start {
            diagnostics.add(error("E0222", "expected a value after `=`, found \(cursor.describe(at: cursor.pos))", at: cursor.point(cursor.pos))
                .helping("write a quoted value (`name=\"value\"`) or an expression (`name={value}`)"))
            return .literal("", span: cursor.point(start))
        }
        record(.attributeValue, start, cursor.pos)
        return .literal(file.text(start..<cursor.pos), span: cursor.span(start, cursor.pos))
    }

    mutating func parseQuotedValue(quote: UInt8, literal: Bool) -> AttributeValue {
        let open = cursor.pos
        cursor.pos += 1
        let bodyStart = cursor.pos
        var parts: [AttributePart] = []
        var textStart = cursor.pos
        var hasExpression = false
        while true {
            if cursor.atEnd {
                diagnostics.add(error("E0224", "this attribute value is never closed", at: cursor.span(open, open + 1),
                                      label: "the quote opens here")
                    .helping("end the value with `\(quote == 0x22 ? "\"" : "'")`"))
                break
            }
            let c = cursor.peek()
            if c == quote { break }
            if c == 0x7B, !literal {
                if cursor.pos > textStart {
                    parts.append(.text(file.text(textStart..<cursor.pos), span: cursor.span(textStart, cursor.pos)))
                }
                hasExpression = true
                parts.append(.expression(parseBracedExpression()))
                textStart = cursor.pos
                continue
            }
            cursor.pos += 1
        }
        let bodyEnd = cursor.pos
        if bodyEnd > textStart {
            parts.append(.text(file.text(textStart..<bodyEnd), span: cursor.span(textStart, bodyEnd)))
        }
        if !cursor.atEnd { cursor.pos += 1 }  // closing quote
        record(.attributeValue, open, cursor.pos)
        let body = cursor.span(bodyStart, bodyEnd)
        if hasExpression { return .interpolated(parts, span: body) }
        return .literal(file.text(bodyStart..<bodyEnd), span: body)
    }

    // MARK: - "{" expr "}"

    /// Parses `{ expr }` at `{`, recovering to the matching `}` after a malformed expression.
    mutating func parseBracedExpression(stopAtAs: Bool = false) -> Expr {
        let open = cursor.pos
        record(.interpolationOpen, open, open + 1)
        cursor.pos += 1
        var probe = cursor
        probe.skipSpaces()
        if probe.peek() == 0x7D {
            diagnostics.add(error("E0219", "empty expression `{}`", at: cursor.span(open, probe.pos + 1), label: "nothing between the braces")
                .helping("put an expression between the braces, or remove them"))
            cursor.pos = probe.pos + 1
            return Expr(id: ids.next(), kind: .error, span: cursor.span(open, cursor.pos))
        }
        let (expr, end) = ScriptParser.parseExpression(file, from: cursor.pos, limit: cursor.end, stopAtAs: stopAtAs,
                                                       ids: &ids, diagnostics: &diagnostics)
        recordScript(cursor.pos..<end)
        cursor.pos = max(end, cursor.pos)
        expectClosingBrace(open: open, after: expr)
        return expr
    }

    /// Expects the `}` that closes `{` at `open`; reports and skips to it otherwise.
    mutating func expectClosingBrace(open: Int, after expr: Expr) {
        cursor.skipSpaces()
        if cursor.peek() == 0x7D {
            record(.interpolationClose, cursor.pos, cursor.pos + 1)
            cursor.pos += 1
            return
        }
        let found = cursor.pos
        if case .error = expr.kind {
            // The script parser already reported what was wrong inside.
        } else {
            diagnostics.add(error("E0220", "expected `}` after this expression, found \(cursor.describe(at: found))",
                                  at: cursor.point(found), label: "expected `}` here")
                .labeled(cursor.span(open, open + 1), "the `{` opens here"))
        }
        cursor.pos = ScriptLexer.skipBalanced(file, from: found, limit: cursor.end)
        if cursor.pos >= cursor.end, cursor.byte(at: cursor.end - 1) != 0x7D {
            if case .error = expr.kind {
                diagnostics.add(error("E0220", "this `{` is never closed", at: cursor.span(open, open + 1), label: "opened here")
                    .helping("close the expression with `}`"))
            }
        }
    }

    // MARK: - props := "<props>" prop* "</props>"

    mutating func parseProps(_ tag: OpenTag) -> PropsBlock {
        var props: [PropDecl] = []
        if tag.selfClosing { return PropsBlock(props: [], span: tag.span) }
        while true {
            cursor.skipSpaces()
            let start = cursor.pos
            if cursor.atEnd {
                diagnostics.add(unclosed(OpenTag(name: "props", nameSpan: tag.nameSpan, attributes: [], selfClosing: false, span: tag.span),
                                         before: cursor.end))
                return PropsBlock(props: props, span: cursor.span(Int(tag.span.start), cursor.end))
            }
            if cursor.starts(with: "<!--") {
                _ = parseComment()
            } else if cursor.starts(with: "</") {
                let saved = cursor.pos
                let closing = parseClosingTag()
                if closing.name == "props" { return PropsBlock(props: props, span: tag.span.merged(with: closing.span)) }
                if closing.name == "component" {
                    diagnostics.add(unclosed(OpenTag(name: "props", nameSpan: tag.nameSpan, attributes: [], selfClosing: false, span: tag.span),
                                             before: saved))
                    cursor.pos = saved
                    return PropsBlock(props: props, span: cursor.span(Int(tag.span.start), saved))
                }
                if closing.name != "prop" {
                    diagnostics.add(error("E0212", "unexpected closing tag `</\(closing.name)>` in `<props>`", at: closing.span)
                        .labeled(tag.span, "`<props>` opens here"))
                }
            } else if cursor.peek() == 0x3C, MarkupCursor.isNameStart(cursor.peek(1)) {
                let saved = cursor.pos
                let inner = parseOpenTag()
                if inner.name == "prop" {
                    props.append(parseProp(inner))
                } else if ["script", "template", "style", "component"].contains(inner.name) {
                    // `</props>` is missing and the next block begins.
                    diagnostics.add(unclosed(OpenTag(name: "props", nameSpan: tag.nameSpan, attributes: [], selfClosing: false, span: tag.span),
                                             before: saved).labeled(inner.span, "the next block begins here"))
                    cursor.pos = saved
                    return PropsBlock(props: props, span: cursor.span(Int(tag.span.start), saved))
                } else {
                    var d = error("E0230", "only `<prop>` elements may appear in `<props>`", at: inner.nameSpan, label: "`<\(inner.name)>` is not a prop")
                    if EditDistance.bestMatch(for: inner.name, in: ["prop"]) != nil {
                        d = d.helping("did you mean `<prop>`?").fixing(.replace(inner.nameSpan, with: "prop", "use `<prop>`"))
                    }
                    diagnostics.add(d)
                }
            } else {
                skipStrayText(context: "in `<props>`", help: "declare each prop as `<prop name=\"label\" type=\"string\" />`")
            }
            if cursor.pos == start { cursor.pos += 1 }
        }
    }

    static let propAttributes = ["name", "type", "required", "default"]

    /// `<prop name="…" type="…" required default={…} />`.
    mutating func parseProp(_ tag: OpenTag) -> PropDecl {
        let id = ids.next()
        if !tag.selfClosing {
            // Allow `<prop …></prop>`.
            var probe = cursor
            probe.skipSpaces()
            if probe.starts(with: "</prop") { cursor.pos = probe.pos; _ = parseClosingTag() }
        }
        var name = Identifier("", span: tag.nameSpan)
        var type: TypeExpr?
        var required = false
        var defaultValue: Expr?
        for attr in tag.attributes {
            switch (attr.name.name, attr.value) {
            case ("name", .literal(let text, let span)):
                name = Identifier(text, span: span)
                if !Self.isIdentifier(text) {
                    diagnostics.add(error("E0208", "`\(text)` is not a valid prop name", at: span,
                                          label: "prop names are identifiers such as `label` or `startValue`"))
                }
            case ("type", .literal(_, let span)):
                type = ScriptParser.parseType(file, range: span.range, ids: &ids, diagnostics: &diagnostics)
            case ("required", .none):
                required = true
            case ("required", .literal(let text, let span)):
                if text == "true" || text == "required" || text.isEmpty { required = true } else if text != "false" {
                    diagnostics.add(error("E0209", "`required` takes no value", at: span).helping("write just `required`"))
                }
            case ("default", .expression(let e)):
                defaultValue = e
            case ("default", .literal(let text, let span)):
                defaultValue = Expr(id: ids.next(), kind: .string(text), span: span)
            case ("name", _), ("type", _), ("default", _), ("required", _):
                diagnostics.add(error("E0209", "the `\(attr.name.name)` of a prop must be \(attr.name.name == "default" ? "an expression in braces or a quoted string" : "a quoted string")",
                                      at: attr.span))
            default:
                var d = error("E0209", "unknown prop attribute `\(attr.name.name)`", at: attr.name.span,
                              label: "`<prop>` takes `name`, `type`, `required` and `default`")
                if let guess = EditDistance.bestMatch(for: attr.name.name, in: Self.propAttributes) {
                    d = d.helping("did you mean `\(guess)`?").fixing(.replace(attr.name.span, with: guess, "use `\(guess)`"))
                }
                diagnostics.add(d)
            }
        }
        if name.name.isEmpty, !tag.attributes.contains(where: { $0.name.name == "name" }) {
            diagnostics.add(error("E0208", "`<prop>` needs a `name` attribute", at: tag.span, label: "this prop has no name")
                .fixing(.insert(" name=\"value\"", at: tag.nameSpan.endPoint, "add a name")))
        }
        return PropDecl(id: id, name: name, type: type, required: required, defaultValue: defaultValue,
                        attributes: tag.attributes, span: tag.span)
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_" || first == "$" else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "$" }
    }
}
