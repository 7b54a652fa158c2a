import OmniBase
import OmniSyntax

/// Pipelines and the arguments of their plugs (E0436, E0437; W0523 for `auth(session)`, which
/// nothing can satisfy yet).
extension RoutesChecker {
    mutating func collectPipeline(_ p: PipelineDecl) {
        guard !p.name.name.isEmpty else { return }
        if let first = pipelineTable[p.name.name] {
            diagnostics.append(Diagnostic(
                .error, "E0436", "the pipeline `\(p.name.name)` is declared twice", at: p.name.span, label: "declared again here",
                labels: [Label(first.span, "first declared here")],
                help: ["rename one of them, or merge their plugs into one pipeline"]))
            return
        }
        var plugs: [(plug: Plug, checked: CheckedPlug?)] = []
        for plug in p.plugs {
            guard let kind = plug.kind else { continue } // E0778
            plugs.append((plug, checkPlug(plug, kind)))
        }
        pipelineTable[p.name.name] = (p.name.span, plugs)
        pipelines.append(CheckedPipeline(name: p.name.name, plugs: plugs.compactMap(\.checked), span: p.name.span))
    }

    /// The span of a plug's `( … )`, or an empty span after its name.
    private func argumentsSpan(_ plug: Plug) -> Span { Span(file: plug.span.file, start: plug.name.span.end, end: plug.span.end) }

    private mutating func plugError(_ plug: Plug, _ message: String, at span: Span, label: String, help: String, fix: FixIt? = nil) {
        var d = Diagnostic(.error, "E0437", message, at: span, label: label, help: [help])
        if let fix { d = d.fixing(fix) }
        diagnostics.append(d)
    }

    /// Checks a plug's arguments; nil after an error.
    private mutating func checkPlug(_ plug: Plug, _ kind: PlugKind) -> CheckedPlug? {
        let name = kind.rawValue
        let arguments = plug.arguments ?? []
        if arguments.contains(where: { $0.value.kind == .error }) { return nil }
        switch kind {
        case .logger, .session, .csrf, .htmx, .json, .gzip, .secureHeaders:
            guard arguments.isEmpty else {
                plugError(plug, "`\(name)` takes no arguments", at: argumentsSpan(plug), label: "remove these",
                          help: "write it as `\(name)`", fix: FixIt("remove the arguments", edits: [TextEdit(span: argumentsSpan(plug), replacement: "")]))
                return nil
            }
            return switch kind {
            case .logger: .logger
            case .session: .session
            case .csrf: .csrf
            case .htmx: .htmx
            case .json: .json
            case .gzip: .gzip
            default: .secureHeaders
            }
        case .cors:
            var origins: [String] = []
            var ok = true
            for a in arguments {
                if let label = a.label {
                    plugError(plug, "`cors` takes origins, not `\(label.name):`", at: label.span, label: "unexpected label",
                              help: "list the origins as strings: `cors(\"https://app.example\")`")
                    ok = false
                    continue
                }
                guard case .string(let origin) = a.value.kind else {
                    plugError(plug, "a `cors` origin is a string", at: a.value.span, label: "not a string",
                              help: "quote it: `cors(\"https://app.example\")`")
                    ok = false
                    continue
                }
                if origin == "*" { origins.append(origin); continue }
                let scheme = origin.hasPrefix("https://") ? "https://" : origin.hasPrefix("http://") ? "http://" : nil
                guard let scheme, origin.count > scheme.count else {
                    plugError(plug, "`\(origin)` is not an origin", at: a.value.span, label: "expected `http(s)://host`",
                              help: "an origin is a scheme and a host, with an optional port: `\"https://app.example\"`")
                    ok = false
                    continue
                }
                let rest = origin.dropFirst(scheme.count)
                if let slash = rest.firstIndex(of: "/") {
                    let trimmed = scheme + rest[..<slash]
                    plugError(plug, "an origin has no path: `\(origin)`", at: a.value.span, label: "remove the path",
                              help: "write `\"\(trimmed)\"`", fix: .replace(a.value.span, with: "\"\(trimmed)\"", "remove the path"))
                    ok = false
                    continue
                }
                origins.append(origin)
            }
            return ok ? .cors(origins: origins) : nil
        case .auth:
            let schemes = ["bearer", "session", "basic"]
            guard arguments.count == 1, arguments[0].label == nil else {
                let span = plug.arguments == nil ? plug.name.span : argumentsSpan(plug)
                plugError(plug, "`auth` takes one scheme: `bearer`, `session` or `basic`", at: span,
                          label: plug.arguments == nil ? "no scheme given" : "expected one scheme",
                          help: "write `auth(bearer)` for API tokens or `auth(basic)` for a user name and password",
                          fix: plug.arguments == nil ? .insert("(bearer)", at: plug.name.span.endPoint, "use bearer tokens") : nil)
                return nil
            }
            let value = arguments[0].value
            switch value.kind {
            case .word(let w):
                if let scheme = CheckedPlug.AuthScheme(rawValue: w) {
                    if scheme == .session {
                        diagnostics.append(Diagnostic(
                            .warning, "W0523", "`auth(session)` admits no one yet: nothing in an omni app signs a user in", at: plug.span,
                            label: "every request through this pipeline gets 401",
                            notes: ["the plug accepts a session that holds `user_id`, and omni generates no sign-in route that sets it yet"],
                            help: ["for now use `auth(basic)` (users from `OMNI_BASIC_AUTH`) or `auth(bearer)` (tokens from `OMNI_API_TOKENS`)"]))
                    }
                    return .auth(scheme)
                }
                let match = EditDistance.bestMatch(for: w, in: schemes)
                plugError(plug, "unknown authentication scheme `\(w)`", at: value.span, label: "not a scheme",
                          help: match.map { "did you mean `\($0)`?" } ?? "the schemes are `bearer`, `session` and `basic`",
                          fix: match.map { FixIt.replace(value.span, with: $0, "replace with `\($0)`") })
            case .string(let s) where CheckedPlug.AuthScheme(rawValue: s) != nil:
                plugError(plug, "the scheme is a name, not a string", at: value.span, label: "remove the quotes",
                          help: "write `auth(\(s))`", fix: .replace(value.span, with: s, "write `\(s)`"))
            default:
                plugError(plug, "`auth` takes a scheme: `bearer`, `session` or `basic`", at: value.span, label: "not a scheme",
                          help: "write `auth(bearer)`")
            }
            return nil
        case .rateLimit:
            return checkRateLimit(plug, arguments)
        }
    }

    private mutating func checkRateLimit(_ plug: Plug, _ arguments: [PlugArgument]) -> CheckedPlug? {
        let usage = "write it as `rate_limit(100, per: minute)`"
        guard plug.arguments != nil else {
            plugError(plug, "`rate_limit` needs a number of requests and a period", at: plug.name.span, label: "no limit given",
                      help: usage, fix: .insert("(100, per: minute)", at: plug.name.span.endPoint, "allow 100 requests a minute"))
            return nil
        }
        var limit: Int?
        var seconds: Int?
        var ok = true
        for (i, a) in arguments.enumerated() {
            if let label = a.label {
                guard label.name == "per" else {
                    plugError(plug, "`rate_limit` has no `\(label.name):` argument", at: label.span, label: "unknown label",
                              help: usage, fix: EditDistance.distance(label.name, "per") <= 1 ? .replace(label.span, with: "per", "replace with `per`") : nil)
                    ok = false
                    continue
                }
                let periods = ["second": 1, "minute": 60, "hour": 3600]
                let word: String? = switch a.value.kind { case .word(let w), .string(let w): w; default: nil }
                if let word, let s = periods[word], case .word = a.value.kind, seconds == nil {
                    seconds = s
                } else if seconds != nil {
                    plugError(plug, "`per:` is given twice", at: a.span, label: "given again", help: usage)
                    ok = false
                } else {
                    let match = word.flatMap { EditDistance.bestMatch(for: $0, in: periods.keys.sorted()) }
                    plugError(plug, "`per:` is `second`, `minute` or `hour`", at: a.value.span, label: "not a period",
                              help: match.map { "did you mean `\($0)`?" } ?? usage,
                              fix: match.map { FixIt.replace(a.value.span, with: $0, "replace with `\($0)`") })
                    ok = false
                }
            } else if i == 0 {
                if case .integer(let n) = a.value.kind, n > 0, n <= Int64(Int32.max) {
                    limit = Int(n)
                } else {
                    plugError(plug, "the request limit is a whole number above 0", at: a.value.span, label: "not a positive count",
                              help: usage)
                    ok = false
                }
            } else {
                plugError(plug, "`rate_limit` takes a count and `per:`", at: a.span, label: "unexpected argument", help: usage,
                          fix: nil)
                ok = false
            }
        }
        guard ok else { return nil }
        guard let limit else {
            plugError(plug, "`rate_limit` needs the number of requests first", at: argumentsSpan(plug), label: "no count",
                      help: usage)
            return nil
        }
        guard let seconds else {
            plugError(plug, "`rate_limit` needs a period: `per: second`, `minute` or `hour`", at: argumentsSpan(plug),
                      label: "no period", help: usage,
                      fix: arguments.count == 1 ? .insert(", per: minute", at: arguments[0].span.endPoint, "per minute") : nil)
            return nil
        }
        return .rateLimit(limit: limit, seconds: seconds)
    }
}
