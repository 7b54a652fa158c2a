import OmniBase

/// The recovering parser of `<routes>` blocks: pipelines, scopes, routes with their query
/// parameters and targets, resources, and the query language of page contexts.
///
/// Syntax only: pipeline, entity and field names are resolved by the checker. It reports every
/// independent error (codes E0750–E0799, see `RoutesExplanations`), resynchronises at line
/// breaks, `,` and braces, and bounds nesting at `RoutesParser.maxNestingDepth` without using
/// more stack than it has. Grammar: `Grammar/routes.ebnf`.
public enum RoutesParser {
    /// How deeply scopes, parentheses, brackets and unary operators may nest.
    public static let maxNestingDepth = RoutesParserCore.maxNestingDepth

    /// The keywords that start an item of a `<routes>` block.
    public static let keywords = ["pipeline", "scope", "resources"] + HTTPVerb.allCases.map(\.rawValue)

    /// The words that start a route target.
    public static let targets = ["page", "json", "redirect"]

    /// Parses the body of a `<routes>` block: the bytes `range` of `file` (a `RawBlock`'s `body`).
    public static func parse(_ file: SourceFile, range: Range<Int>, ids: inout NodeIDGenerator) -> (RoutesBlock, [Diagnostic]) {
        let p = RoutesParserCore(file: file, range: range, ids: ids)
        let block = p.parseRoutesBlock()
        ids = p.ids
        return (block, p.finishedDiagnostics)
    }
}

extension RoutesParserCore {
    // MARK: - routes = { route-item }

    func parseRoutesBlock() -> RoutesBlock {
        var items: [RouteItem] = []
        while true {
            while eat(.comma) != nil || eat(.semicolon) != nil {}
            if atEnd { break }
            let start = pos
            if let item = parseRouteItem(inScope: false) {
                items.append(item)
                afterItem()
            }
            if pos == start { skipOne() }
        }
        return RoutesBlock(items: items, span: Span(file: file.id, range))
    }

    /// Reports tokens left on the line of a complete item.
    func afterItem() {
        if !atEnd, !current.newlineBefore, !at(.comma), !at(.semicolon), !at(.rBrace) {
            reportStray(after: "this item", separator: "a line break")
            skipToLineEnd()
        }
    }

    /// Whether the current token starts a routes item: a keyword followed by a path or name.
    func atRouteItemStart() -> Bool {
        guard current.kind == .identifier, RoutesParser.keywords.contains(text(current)) else { return false }
        return peek().kind == .string || peek().kind == .identifier
    }

    // MARK: route-item = pipeline | scope | route | resources

    func parseRouteItem(inScope: Bool) -> RouteItem? {
        let start = Int(current.span.start)
        switch current.kind {
        case .identifier:
            break
        case .string:
            let path = current.span
            report(Diagnostic.error("E0756", "expected an HTTP method before the path", at: path,
                                    label: "a route starts with `get`, `post`, `put`, `patch` or `delete`")
                .fixing(.insert("get ", at: path, "answer GET requests")))
            return parseRoute(verb: .get, verbSpan: path.startPoint, start: start, path: parsePath(advance(), role: .route))
        case .rBrace:
            report(Diagnostic.error("E0754", "unexpected `}`", at: current.span, label: "nothing is open here")
                .helping("remove this `}`"))
            advance()
            return nil
        default:
            report(expected("a route, `scope`, `resources` or `pipeline`", code: "E0756"))
            skipToLineEnd()
            return nil
        }
        let word = text(current)
        let keywordSpan = current.span
        if let item = parseKeywordItem(word, inScope: inScope, start: start) { return item }
        if SchemaParser.keywords.contains(word) {
            report(Diagnostic.error("E0757", "`\(word)` belongs in a `<schema>` block", at: keywordSpan, label: "not a routes item")
                .note("entities and enums are declared in `<schema>`; `<routes>` holds pipelines, scopes and routes"))
            skipToLineEnd()
            return RouteItem(id: nextID(), kind: .error, span: span(start))
        }
        if let s = Self.suggestion(for: word, in: RoutesParser.keywords), peek().kind == .string || peek().kind == .identifier {
            report(Diagnostic.error("E0756", "unknown keyword `\(word)`", at: keywordSpan, label: "not a routes keyword")
                .helping("did you mean `\(s)`?").fixing(.replace(keywordSpan, with: s, "replace with `\(s)`")))
            return parseKeywordItem(s, inScope: inScope, start: start)
        }
        var d = expected("a route, `scope`, `resources` or `pipeline`", code: "E0756")
        if ["head", "options", "trace", "connect"].contains(word.lowercased()) {
            d = d.note("omni routes `get`, `post`, `put`, `patch` and `delete`; `HEAD` is answered by every `get` route")
        }
        report(d)
        skipToLineEnd()
        return RouteItem(id: nextID(), kind: .error, span: span(start))
    }

    /// Parses the item a keyword starts (consuming the keyword); nil when `word` is not one.
    func parseKeywordItem(_ word: String, inScope: Bool, start: Int) -> RouteItem? {
        if let verb = HTTPVerb(rawValue: word) {
            let verbSpan = advance().span
            return parseRoute(verb: verb, verbSpan: verbSpan, start: start)
        }
        switch word {
        case "pipeline":
            let keyword = advance()
            if inScope {
                report(Diagnostic.error("E0779", "a pipeline is declared at the top level of `<routes>`", at: keyword.span,
                                        label: "inside a scope")
                    .note("scopes use pipelines by name: `scope \"/\" through browser { … }`")
                    .helping("move this pipeline out of the scope"))
            }
            return parsePipeline(start: start)
        case "scope":
            advance()
            return parseScope(start: start)
        case "resources":
            advance()
            return parseResources(start: start)
        default:
            return nil
        }
    }

    // MARK: pipeline = "pipeline" , name , "{" , [ plug , { ( "," | line-break ) , plug } ] , "}"

    func parsePipeline(start: Int) -> RouteItem {
        let name: Identifier
        if current.kind == .identifier {
            name = identifier(advance())
        } else {
            report(expected("a name for the pipeline"))
            name = Identifier("", span: prevEndPoint)
        }
        guard let open = eat(.lBrace)?.span else {
            report(expected("`{` to start the plugs of `\(name.name)`")
                .note("a pipeline lists its plugs in braces: `pipeline api { logger, json }`"))
            skipRestOfLine()
            return RouteItem(id: nextID(), kind: .pipeline(PipelineDecl(name: name, plugs: [], openBrace: nil, closeBrace: nil)), span: span(start))
        }
        var plugs: [Plug] = []
        let close = parseBody(open: open, owner: "pipeline `\(name.name)`", memberName: "plug",
                              isOuterStart: { $0.atRouteItemStart() }) { p in
            if let plug = p.parsePlug() { plugs.append(plug) }
        }
        let decl = PipelineDecl(name: name, plugs: plugs, openBrace: open, closeBrace: close)
        return RouteItem(id: nextID(), kind: .pipeline(decl), span: span(start))
    }

    // MARK: plug = name , [ "(" , [ plug-argument , { "," , plug-argument } ] , ")" ]

    func parsePlug() -> Plug? {
        let start = Int(current.span.start)
        guard current.kind == .identifier else {
            report(expected("a plug name such as `logger`"))
            skipToLineEnd(stopAt: [.comma, .semicolon])
            return nil
        }
        let name = identifier(advance())
        let kind = PlugKind(rawValue: name.name)
        if kind == nil {
            var d = Diagnostic.error("E0778", "unknown plug `\(name.name)`", at: name.span, label: "not a built-in plug")
                .note("the plugs are \(PlugKind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))")
            d = withSuggestion(d, for: name.name, at: name.span, in: PlugKind.allCases.map(\.rawValue))
            report(d)
        }
        var arguments: [PlugArgument]?
        if let open = eat(.lParen) {
            var list: [PlugArgument] = []
            while !at(.rParen) && !atEnd && !current.newlineBefore {
                let argStart = Int(current.span.start)
                var label: Identifier?
                if current.kind == .identifier, peek().kind == .colon {
                    label = identifier(advance())
                    advance()
                }
                if let value = parseLiteral() {
                    list.append(PlugArgument(label: label, value: value, span: span(argStart)))
                } else {
                    report(expected("a value such as `100`, `\"text\"` or `minute`"))
                    skipToLineEnd(stopAt: [.comma, .rParen])
                }
                if eat(.comma) == nil { break }
            }
            if eat(.rParen) == nil {
                reportUnclosedDelimiter(open: open.span, close: ")", what: "the arguments of `\(name.name)`")
                if !current.newlineBefore { skipToLineEnd(stopAt: [.rParen, .comma]); _ = eat(.rParen) }
            }
            arguments = list
        }
        return Plug(id: nextID(), name: name, kind: kind, arguments: arguments, span: span(start))
    }

    // MARK: scope = "scope" , path , [ "through" , name , { "," , name } ] , "{" , { route-item } , "}"

    func parseScope(start: Int) -> RouteItem {
        let path = parsePathArgument(role: .scope)
        var pipelines: [Identifier] = []
        if current.kind == .identifier, !current.newlineBefore {
            let word = text(current)
            if word == "through" {
                advance()
            } else if Self.suggestion(for: word, in: ["through"]) != nil || word == "pipe_through" || word == "thru" {
                report(Diagnostic.error("E0756", "unknown keyword `\(word)`", at: current.span, label: "not a keyword")
                    .helping("did you mean `through`?").fixing(.replace(current.span, with: "through", "replace with `through`")))
                advance()
            } else {
                report(Diagnostic.error("E0754", "expected `through` or `{`, found `\(word)`", at: current.span,
                                        label: "expected `through` before the pipeline names")
                    .fixing(.insert("through ", at: current.span, "insert `through`")))
            }
            repeat {
                guard current.kind == .identifier, !current.newlineBefore else {
                    report(expected("a pipeline name"))
                    break
                }
                pipelines.append(identifier(advance()))
            } while eat(.comma) != nil
        }
        guard at(.lBrace) else {
            report(expected("`{` to start the scope's routes"))
            skipRestOfLine()
            let decl = ScopeDecl(path: path, pipelines: pipelines, items: [], openBrace: nil, closeBrace: nil)
            return RouteItem(id: nextID(), kind: .scope(decl), span: span(start))
        }
        let open = current.span
        guard enter(open) else {
            skipOne()
            let decl = ScopeDecl(path: path, pipelines: pipelines, items: [], openBrace: open, closeBrace: nil)
            return RouteItem(id: nextID(), kind: .scope(decl), span: span(start))
        }
        defer { leave() }
        advance()
        var items: [RouteItem] = []
        let close = parseBody(open: open, owner: "scope \(TreePrinter.quote(path.text))", memberName: "item",
                              isOuterStart: { _ in false }) { p in
            if let item = p.guarded({ p.parseRouteItem(inScope: true) }) { items.append(item) }
        }
        let decl = ScopeDecl(path: path, pipelines: pipelines, items: items, openBrace: open, closeBrace: close)
        return RouteItem(id: nextID(), kind: .scope(decl), span: span(start))
    }

    // MARK: route = verb , path , [ query-parameters ] , "=>" , target

    func parseRoute(verb: HTTPVerb, verbSpan: Span, start: Int, path: RoutePath? = nil) -> RouteItem {
        let path = path ?? parsePathArgument(role: .route)
        var parameters: [QueryParameter] = []
        if at(.lParen), !current.newlineBefore { parameters = parseQueryParameters(pathParameters: path.parameterNames) }
        let target: RouteTarget
        if expectArrow(after: "the path") {
            target = parseTarget()
        } else {
            skipRestOfLine()
            target = RouteTarget(id: nextID(), kind: .error, span: prevEndPoint)
        }
        let decl = RouteDecl(verb: verb, verbSpan: verbSpan, path: path, queryParameters: parameters, target: target)
        return RouteItem(id: nextID(), kind: .route(decl), span: span(start))
    }

    /// Consumes `=>`, or reports E0771 and returns whether parsing the target can go on.
    func expectArrow(after what: String) -> Bool {
        if eat(.arrow) != nil { return true }
        let t = current
        if !t.newlineBefore {
            // `->`, `=`, `:`, `>` written for `=>`.
            if t.kind == .minus, peek().kind == .greater, peek().span.start == t.span.end {
                let wrong = t.span.merged(with: peek().span)
                report(arrowError("found `->`", at: wrong).fixing(.replace(wrong, with: "=>", "replace with `=>`")))
                advance(); advance()
                return true
            }
            if [.equal, .colon, .greater, .equalEqual].contains(t.kind) {
                report(arrowError("found `\(text(t))`", at: t.span).fixing(.replace(t.span, with: "=>", "replace with `=>`")))
                advance()
                return true
            }
            if t.kind == .identifier || t.kind == .string {
                report(arrowError("found \(t.describe(in: file))", at: prevEndPoint, label: "expected `=>` after \(what)")
                    .fixing(.insert(" =>", at: prevEndPoint, "insert `=>`")))
                return true
            }
        }
        report(arrowError("found \(t.describe(in: file))", at: t.kind == .eof || t.newlineBefore ? prevEndPoint : t.span,
                          label: "expected `=>` after \(what)"))
        return false
    }

    func arrowError(_ found: String, at span: Span, label: String = "expected `=>`") -> Diagnostic {
        Diagnostic.error("E0771", "expected `=>`, \(found)", at: span, label: label)
            .note("a route is written `get \"/path\" => target`")
    }

    // MARK: query-parameters = "(" , [ query-parameter , { "," , query-parameter } ] , ")"

    func parseQueryParameters(pathParameters: [Identifier]) -> [QueryParameter] {
        let open = advance()
        var parameters: [QueryParameter] = []
        var seen: [String: Span] = [:]
        for p in pathParameters { seen[p.name] = p.span }
        while !at(.rParen) && !atEnd {
            let start = Int(current.span.start)
            guard current.kind == .identifier else {
                report(expected("a query parameter such as `q: string`"))
                skipToLineEnd(stopAt: [.comma, .rParen])
                if eat(.comma) == nil { break } else { continue }
            }
            let name = identifier(advance())
            var type: FieldType
            if eat(.colon) != nil {
                type = parseFieldType(forQueryParameter: true)
            } else {
                report(expected("`:` and the parameter's type")
                    .fixing(.insert(": string", at: name.span.endPoint, "declare it as a string")))
                type = FieldType(id: nextID(), kind: .error, span: prevEndPoint)
            }
            var value: Literal?
            if let equal = eat(.equal) { value = parseDefaultValue(after: equal) }
            if let first = seen[name.name] {
                let isPath = pathParameters.contains { $0.span == first }
                report(Diagnostic.error("E0784", "parameter `\(name.name)` is declared twice", at: name.span, label: "declared again here")
                    .labeled(first, isPath ? "a path parameter of the same name" : "first declared here")
                    .helping("rename one of them"))
            } else {
                seen[name.name] = name.span
            }
            parameters.append(QueryParameter(id: nextID(), name: name, type: type, defaultValue: value, span: span(start)))
            if eat(.comma) == nil { break }
        }
        if eat(.rParen) == nil {
            reportUnclosedDelimiter(open: open.span, close: ")", what: "the query parameters")
            if !current.newlineBefore, !at(.arrow) { skipToLineEnd(stopAt: [.arrow, .rParen]); _ = eat(.rParen) }
        }
        return parameters
    }

    /// E0785 unless the type is a scalar other than `json` or a name (optionally `?`). Whether
    /// a name is an enum (allowed) or an entity is the routes checker's question (E0455).
    func checkQueryParameterType(_ type: FieldType) {
        switch type.unwrapped.kind {
        case .error, .named:
            return
        case .scalar(let s) where s.isQueryParameterType:
            return
        default:
            report(Diagnostic.error("E0785", "a query parameter has a scalar or enum type", at: type.span,
                                    label: "not a scalar or enum type")
                .note("query parameters are `string`, `text`, `int`, `float`, `bool`, `date`, `datetime`, `uuid` or an enum, optionally `?`")
                .helping("pass an entity's `id` (an `int`) and look it up with `find`"))
        }
    }

    // MARK: target = page | json | redirect

    func parseTarget() -> RouteTarget {
        let start = Int(current.span.start)
        var word = current.kind == .identifier ? text(current) : ""
        if current.kind == .string {
            report(Diagnostic.error("E0777", "expected a route target, found a string", at: current.span,
                                    label: "a template name needs `page`")
                .fixing(.insert("page ", at: current.span, "render it as a page")))
            word = "page"
        } else if current.kind == .identifier, !RoutesParser.targets.contains(word) {
            let t = current
            if Self.isTypeName(word) {
                report(Diagnostic.error("E0777", "an entity is not a route target", at: t.span, label: "expected `page`, `json` or `redirect`")
                    .helping("to serve the REST routes of `\(word)`, write `resources \"/path\" => \(word)`"))
                skipRestOfLine()
                return RouteTarget(id: nextID(), kind: .error, span: span(start))
            }
            var d = Diagnostic.error("E0777", "unknown route target `\(word)`", at: t.span, label: "expected `page`, `json` or `redirect`")
                .note("a route answers with `page \"template\" { … }`, `json { … }` or `redirect \"/path\"`")
            d = withSuggestion(d, for: word, at: t.span, in: RoutesParser.targets)
            report(d)
            guard let s = Self.suggestion(for: word, in: RoutesParser.targets) else {
                skipRestOfLine()
                return RouteTarget(id: nextID(), kind: .error, span: span(start))
            }
            advance()
            word = s
        } else if current.kind == .identifier {
            advance()
        } else {
            report(expected("a route target (`page`, `json` or `redirect`)", code: "E0777"))
            skipRestOfLine()
            return RouteTarget(id: nextID(), kind: .error, span: span(start))
        }
        let kind: RouteTargetKind
        switch word {
        case "page":
            let template = parseTemplateName()
            let bindings = at(.lBrace) ? parseBindings() : []
            kind = .page(template: template, bindings: bindings)
        case "json":
            if at(.lBrace) {
                kind = .json(bindings: parseBindings())
            } else {
                report(expected("`{` and the values to answer with").note("written `json { users: User.all() }`"))
                kind = .json(bindings: [])
            }
        default:
            kind = .redirect(parseRedirectDestination())
        }
        return RouteTarget(id: nextID(), kind: kind, span: span(start))
    }

    /// The template name of `page "users/index"` (E0786 when malformed).
    func parseTemplateName() -> StringLiteral {
        guard at(.string), !current.newlineBefore else {
            report(expected("a template name such as `\"users/index\"`"))
            return StringLiteral(value: "", span: prevEndPoint)
        }
        let t = advance()
        let value = t.value ?? ""
        let literal = StringLiteral(value: value, span: t.span)
        let inner = Span(file: file.id, start: t.span.start + 1, end: max(t.span.start + 1, t.terminated ? t.span.end - 1 : t.span.end))
        func bad(_ message: String, _ label: String, fix: FixIt? = nil) {
            var d = Diagnostic.error("E0786", message, at: t.span, label: label)
                .note("a template name is a path under `templates/` without `.html`: `page \"users/index\"` renders `templates/users/index.html`")
            if let fix { d = d.fixing(fix) }
            report(d)
        }
        if value.isEmpty {
            bad("a template name cannot be empty", "empty")
        } else if value.hasPrefix("/") {
            let trimmed = String(value.drop { $0 == "/" })
            bad("a template name does not start with `/`", "starts with `/`", fix: .replace(inner, with: trimmed, "remove the leading `/`"))
        } else if value.hasSuffix(".html") {
            let trimmed = String(value.dropLast(5))
            bad("a template name does not end in `.html`", "ends in `.html`", fix: .replace(inner, with: trimmed, "remove `.html`"))
        } else if value.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0 == ".." || $0 == "." })
                    || value.contains("\\") {
            bad("template name \(TreePrinter.quote(value)) is not a plain relative path", "empty, `.` or `..` segment, or a backslash")
        }
        return literal
    }

    /// `redirect "/path"` or `redirect "https://…"`.
    func parseRedirectDestination() -> RedirectDestination {
        if at(.string), !current.newlineBefore {
            let value = current.value ?? ""
            if value.hasPrefix("http://") || value.hasPrefix("https://") {
                let t = advance()
                return .url(StringLiteral(value: value, span: t.span))
            }
        }
        return .path(parsePathArgument(role: .redirect))
    }

    // MARK: bindings = "{" , [ binding , { ( "," | line-break ) , binding } ] , "}"

    func parseBindings() -> [Binding] {
        let open = advance().span
        var bindings: [Binding] = []
        var seen: [String: Span] = [:]
        _ = parseBody(open: open, owner: "the page context", memberName: "binding",
                      isOuterStart: { $0.atRouteItemStart() }) { p in
            guard let binding = p.parseBinding() else { return }
            if let first = seen[binding.name.name] {
                p.report(Diagnostic.error("E0784", "`\(binding.name.name)` is bound twice", at: binding.name.span, label: "bound again here")
                    .labeled(first, "first bound here").helping("rename one of them"))
            } else {
                seen[binding.name.name] = binding.name.span
            }
            bindings.append(binding)
        }
        return bindings
    }

    /// binding = name , ":" , query
    func parseBinding() -> Binding? {
        let start = Int(current.span.start)
        guard current.kind == .identifier else {
            report(expected("a name such as `users: User.all()`"))
            skipToLineEnd(stopAt: [.comma, .semicolon])
            return nil
        }
        let name = identifier(advance())
        if eat(.colon) == nil {
            if at(.equal) {
                report(Diagnostic.error("E0754", "expected `:` after `\(name.name)`, found `=`", at: current.span, label: "expected `:`")
                    .fixing(.replace(current.span, with: ":", "replace with `:`")))
                advance()
            } else {
                report(expected("`:` after `\(name.name)`").fixing(.insert(":", at: name.span.endPoint, "insert `:`")))
                if current.kind != .identifier || current.newlineBefore {
                    skipRestOfLine(stopAt: [.comma, .semicolon])
                    return nil
                }
            }
        }
        let query = parseQuery()
        return Binding(id: nextID(), name: name, query: query, span: span(start))
    }

    // MARK: resources = "resources" , path , "=>" , entity-name , [ ( "only" | "except" ) , ":" , action-list ]

    func parseResources(start: Int) -> RouteItem {
        let path = parsePathArgument(role: .resources)
        var entity = Identifier("", span: prevEndPoint)
        var filter: ResourceFilter?
        if expectArrow(after: "the path") {
            if current.kind == .identifier, !current.newlineBefore {
                entity = identifier(advance())
                if !Self.isTypeName(entity.name) {
                    let fixed = entity.name.prefix(1).uppercased() + entity.name.dropFirst()
                    report(Diagnostic.error("E0754", "expected an entity name, found `\(entity.name)`", at: entity.span,
                                            label: "entity names start with an upper-case letter")
                        .fixing(.replace(entity.span, with: fixed, "replace with `\(fixed)`")))
                }
            } else {
                report(expected("the entity to serve, such as `Post`"))
            }
            while current.kind == .identifier, !current.newlineBefore {
                let wordToken = current
                let word = text(wordToken)
                guard ["only", "except"].contains(word) else {
                    let s = Self.suggestion(for: word, in: ["only", "except"])
                    guard let s else { break }
                    report(Diagnostic.error("E0780", "unknown option `\(word)`", at: wordToken.span, label: "not an option of `resources`")
                        .helping("did you mean `\(s)`?").fixing(.replace(wordToken.span, with: s, "replace with `\(s)`")))
                    advance()
                    filter = parseResourceFilter(mode: ResourceFilter.Mode(rawValue: s)!, start: Int(wordToken.span.start), previous: filter)
                    continue
                }
                advance()
                filter = parseResourceFilter(mode: ResourceFilter.Mode(rawValue: word)!, start: Int(wordToken.span.start), previous: filter)
            }
        } else {
            skipRestOfLine()
        }
        let decl = ResourcesDecl(path: path, entity: entity, filter: filter)
        return RouteItem(id: nextID(), kind: .resources(decl), span: span(start))
    }

    /// `only: [list, show]` after the keyword.
    func parseResourceFilter(mode: ResourceFilter.Mode, start: Int, previous: ResourceFilter?) -> ResourceFilter? {
        if eat(.colon) == nil { report(expected("`:` after `\(mode.rawValue)`").fixing(.insert(":", at: prevEndPoint, "insert `:`"))) }
        var actions: [ResourceActionName] = []
        if let open = eat(.lBracket) {
            while current.kind == .identifier {
                let name = identifier(advance())
                let action = ResourceAction(rawValue: name.name)
                if action == nil {
                    var d = Diagnostic.error("E0780", "unknown action `\(name.name)`", at: name.span, label: "not a resource action")
                        .note("the actions are \(ResourceAction.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))")
                    if let alias = ["index": "list", "destroy": "delete", "remove": "delete", "get": "show", "new": "create", "edit": "update"][name.name] {
                        d = d.helping("omni calls it `\(alias)`").fixing(.replace(name.span, with: alias, "replace with `\(alias)`"))
                    } else {
                        d = withSuggestion(d, for: name.name, at: name.span, in: ResourceAction.allCases.map(\.rawValue))
                    }
                    report(d)
                }
                actions.append(ResourceActionName(name: name, action: action))
                if eat(.comma) == nil { break }
            }
            if eat(.rBracket) == nil {
                if current.newlineBefore || atEnd {
                    reportUnclosedDelimiter(open: open.span, close: "]", what: "the action list")
                } else {
                    report(expected("an action name or `]`"))
                    skipToLineEnd(stopAt: [.rBracket])
                    _ = eat(.rBracket)
                }
            }
        } else {
            report(expected("`[` and a list of actions, as in `\(mode.rawValue): [list, show]`"))
        }
        let filter = ResourceFilter(mode: mode, actions: actions, span: span(start))
        if let previous {
            report(Diagnostic.error("E0780", "`resources` takes one `only:` or `except:`", at: filter.span, label: "second filter")
                .labeled(previous.span, "first filter").helping("merge them into one list"))
            return previous
        }
        if actions.isEmpty, !tooDeepReported {
            report(Diagnostic.error("E0780", "`\(mode.rawValue):` lists no actions", at: filter.span, label: "empty list")
                .note("the actions are \(ResourceAction.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))"))
        }
        return filter
    }
}
