import OmniSema
import OmniSyntax

// What of a `ServerProgram` forms the JSON API, computed once so that `openapi.json`,
// `api.d.ts` and `api.js` agree on every name, route and wire field (docs/ARCHITECTURE.md,
// "Web API outputs"). Page and redirect routes answer HTML or 303 and are not part of it;
// neither are POST/PUT/PATCH/DELETE routes through a pipeline with `csrf`: they are browser
// form endpoints that need the session's CSRF token, which API clients do not have.

/// The JSON API of a program: client members (resource groups and JSON routes) in route order.
struct APISurface {
    var members: [Member]

    /// One property of the client: a resource group (`users`) or a JSON route (`stats`).
    struct Member {
        /// A JavaScript identifier, unique among the members.
        var name: String
        var kind: Kind
        /// The operations in route order (one for a JSON route).
        var operations: [Operation]

        enum Kind: Equatable {
            /// `resources "<collectionPath>" => entity`.
            case resource(entity: String, collectionPath: String)
            case json
        }
    }

    /// One route of the API.
    struct Operation {
        /// The route's index in `ServerProgram.routes`.
        var routeIndex: Int
        var route: CheckedRoute
        var action: Action
        /// The client method: `list`, `show`, `create`, `update`, `replace`, `delete`, or
        /// the member's name for a JSON route.
        var methodName: String
        /// Unique within the document: `usersList`, `stats`.
        var operationID: String
        /// `/api/v1/users/{id}`.
        var openAPIPath: String
    }

    enum Action: Equatable {
        case list(String), show(String), create(String)
        /// PATCH: a partial update.
        case update(String)
        /// PUT: a full replacement, validated like a create.
        case replace(String)
        case delete(String)
        case json([CheckedBinding])
    }

    init(_ program: ServerProgram) {
        // Group the routes into members, then name the members.
        var groups: [(kind: Member.Kind, route: CheckedRoute, ops: [(Int, CheckedRoute, Action)])] = []
        for (i, route) in program.routes.enumerated() {
            if route.verb != .get && pipelineStatuses(route, program).csrf { continue }
            switch route.target {
            case .resource(let entity, let action):
                // An unknown entity follows an earlier error; leave the route out rather than
                // refer to a schema that does not exist.
                guard program.entity(named: entity) != nil else { continue }
                let op: Action = switch action {
                case .list: .list(entity)
                case .show: .show(entity)
                case .create: .create(entity)
                case .update: route.verb == .put ? .replace(entity) : .update(entity)
                case .delete: .delete(entity)
                }
                let collection = APISurface.collectionPath(route.path, action: action)
                let kind = Member.Kind.resource(entity: entity, collectionPath: collection)
                if let g = groups.firstIndex(where: { $0.kind == kind }) {
                    groups[g].ops.append((i, route, op))
                } else {
                    groups.append((kind, route, [(i, route, op)]))
                }
            case .json(let bindings):
                groups.append((.json, route, [(i, route, .json(bindings))]))
            case .page, .redirect:
                continue
            }
        }
        let names = APISurface.memberNames(groups.map { ($0.kind, $0.route, $0.ops[0].0) })
        members = zip(groups, names).map { group, name in
            let ops = group.ops.map { index, route, action in
                let method: String = switch action {
                case .list: "list"
                case .show: "show"
                case .create: "create"
                case .update: "update"
                case .replace: "replace"
                case .delete: "delete"
                case .json: name
                }
                let operationID = group.kind == .json ? name : name + upperFirst(method)
                return Operation(routeIndex: index, route: route, action: action, methodName: method,
                                 operationID: operationID, openAPIPath: APISurface.openAPIPath(route))
            }
            return Member(name: name, kind: group.kind, operations: ops)
        }
    }

    /// The collection path of a resource route: its path without the trailing `/:id` for the
    /// actions on one row.
    static func collectionPath(_ path: String, action: ResourceAction) -> String {
        switch action {
        case .list, .create: return path
        case .show, .update, .delete:
            guard let slash = path.lastIndex(of: "/") else { return path }
            let rest = path[path.index(after: slash)...]
            return rest.hasPrefix(":") ? String(path[..<slash]) : path
        }
    }

    /// `/users/:id/*rest` → `/users/{id}/{rest}`.
    static func openAPIPath(_ route: CheckedRoute) -> String {
        var out = ""
        for segment in route.segments {
            switch segment {
            case .literal(let text): out += "/" + text
            case .parameter(let name), .splat(let name): out += "/{" + name.name + "}"
            }
        }
        return out.isEmpty ? "/" : out
    }

    /// Member names: the last literal segment in lowerCamelCase (`/api/v1/blog-posts` →
    /// `blogPosts`), prefixed by the verb for JSON routes other than GET (`postReset`). Names
    /// that would clash use every literal segment (`apiV1Users`), then get the index of their
    /// first route (`users_3`).
    static func memberNames(_ groups: [(Member.Kind, CheckedRoute, Int)]) -> [String] {
        func literals(_ route: CheckedRoute, _ kind: Member.Kind) -> [String] {
            var segments = route.segments
            if case .resource(_, let collection) = kind, collection != route.path, !segments.isEmpty {
                segments.removeLast()
            }
            return segments.compactMap { if case .literal(let s) = $0 { s } else { nil } }
        }
        func name(_ words: [String], _ route: CheckedRoute, _ kind: Member.Kind) -> String {
            let base = lowerCamel(words)
            let named = base.isEmpty ? "root" : base
            if kind == .json && route.verb != .get { return route.verb.rawValue + upperFirst(named) }
            return named
        }
        let short = groups.map { kind, route, _ in name(Array(literals(route, kind).suffix(1)), route, kind) }
        let long = groups.map { kind, route, _ in name(literals(route, kind), route, kind) }
        var chosen = short
        for i in chosen.indices where short.filter({ $0 == short[i] }).count > 1 { chosen[i] = long[i] }
        var seen: Set<String> = []
        for i in chosen.indices {
            if seen.contains(chosen[i]) || reservedMemberNames.contains(chosen[i]) { chosen[i] += "_\(groups[i].2)" }
            seen.insert(chosen[i])
        }
        return chosen
    }

    /// Names a member may not take: they would shadow `Object.prototype` members in `api.js`.
    static let reservedMemberNames: Set<String> = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]
}

// MARK: - Wire fields

/// A property of an entity as it crosses the wire.
struct WireProperty {
    var name: String
    /// The property's type: scalars, enums, `.entity` for a loaded to-one relation,
    /// `.list(.entity)` for a loaded to-many relation; `.optional` when it may be `null`.
    var type: ServerType
    /// Always present in the object (a non-optional stored field).
    var required: Bool
    var validations: [CheckedValidation] = []
    var defaultValue: DefaultValue?
    var note: String?
    /// How the server fills a field left out on create (`now`, `uuid`); shown on inputs only.
    var defaultNote: String?
}

/// A field a list request may filter (`name[contains]=x`) and sort (`sort=-name`) by.
struct FilterField {
    var name: String
    /// The non-optional scalar or enum type.
    var type: ServerType
    var nullable: Bool
    var operators: [FilterOperator]
}

/// The filter operators of `GET /collection`, in their documented order.
enum FilterOperator: String, CaseIterable {
    case eq, ne, gt, gte, lt, lte, `in`, notIn, contains, startsWith, endsWith, isNull

    /// `in` and `notIn` take a comma-separated list; `isNull` takes `true`/`false`.
    var takesList: Bool { self == .in || self == .notIn }
}

/// Query parameter names of a list request; a field with one of these names cannot be filtered.
let listParameterNames: Set<String> = ["limit", "offset", "cursor", "sort"]

extension CheckedEntity {
    /// The JSON object of a row: `id`, `createdAt`, `updatedAt`, then each field; a to-one
    /// relation `author` is `authorId` plus `author` (only when loaded), a to-many relation
    /// appears only when loaded. Optional fields may be left out or `null`.
    var wireProperties: [WireProperty] {
        var out: [WireProperty] = []
        for field in fields {
            let optional = field.type.isOptional
            switch field.relation {
            case .toOne(let target):
                out.append(WireProperty(name: field.name + "Id", type: optional ? .optional(.scalar(.int)) : .scalar(.int),
                                        required: !optional, note: "The `id` of the `\(target)` in `\(field.name)`."))
                out.append(WireProperty(name: field.name, type: field.type, required: false,
                                        note: "Present only when loaded (`include(\(field.name))`)."))
            case .toMany:
                out.append(WireProperty(name: field.name, type: field.type.unwrapped, required: false,
                                        note: "Present only when loaded (`include(\(field.name))`)."))
            case nil:
                if field.column == nil { continue }
                out.append(WireProperty(name: field.name, type: field.type, required: !optional))
            }
        }
        return out
    }

    /// The JSON object a client sends on create (`UserInput`): the writable fields, a to-one
    /// relation as its foreign key `authorId`, required unless optional or defaulted.
    var inputProperties: [WireProperty] {
        writableFields.map { field in
            var p = WireProperty(name: field.name, type: field.type, required: field.isRequiredOnCreate,
                                 validations: field.validations, defaultValue: field.defaultValue)
            if case .toOne(let target) = field.relation {
                p.name = field.name + "Id"
                p.type = field.type.isOptional ? .optional(.scalar(.int)) : .scalar(.int)
                p.note = "The `id` of an existing `\(target)`."
            }
            switch field.defaultValue {
            case .now?: p.defaultNote = "Defaults to the time of insertion."
            case .uuid?: p.defaultNote = "Defaults to a fresh random UUID."
            default: break
            }
            return p
        }
    }

    /// The fields a list request filters by: the sort fields but those named like a list
    /// parameter (`limit`, `offset`, `cursor`, `sort`).
    var filterFields: [FilterField] { sortFields.filter { !listParameterNames.contains($0.name) } }

    /// The fields a list request sorts by: every stored field but `json` ones, a to-one
    /// relation by its foreign key (`authorId`).
    var sortFields: [FilterField] {
        storedFields.compactMap { field in
            let nullable = field.type.isOptional
            var name = field.name
            var type = field.type.unwrapped
            var ops: [FilterOperator] = [.eq, .ne, .in, .notIn]
            switch (field.relation, type) {
            case (.toOne?, _):
                name += "Id"; type = .scalar(.int)
            case (_, .scalar(.json)):
                return nil
            case (_, .scalar(.string)), (_, .scalar(.text)):
                ops = [.eq, .ne, .gt, .gte, .lt, .lte, .in, .notIn, .contains, .startsWith, .endsWith]
            case (_, .scalar(.int)), (_, .scalar(.float)), (_, .scalar(.date)), (_, .scalar(.datetime)):
                ops = [.eq, .ne, .gt, .gte, .lt, .lte, .in, .notIn]
            default:
                break
            }
            if nullable { ops.append(.isNull) }
            return FilterField(name: name, type: type, nullable: nullable, operators: ops)
        }
    }
}

// MARK: - Names

/// `["api", "v1", "blog-posts"]` → `apiV1BlogPosts`; a leading digit gets a `_`.
func lowerCamel(_ words: [String]) -> String {
    let parts = words.flatMap { $0.split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII }) }
    var out = ""
    for (i, part) in parts.enumerated() {
        out += i == 0 ? part.prefix(1).lowercased() + part.dropFirst() : upperFirst(String(part))
    }
    if let first = out.first, first.isNumber { out = "_" + out }
    return out
}

func upperFirst(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

/// What a route's pipelines add: `auth` schemes (401), `csrf`, `rate_limit` (429).
func pipelineStatuses(_ route: CheckedRoute, _ program: ServerProgram) -> (auth: [CheckedPlug.AuthScheme], csrf: Bool, rateLimit: Bool) {
    var auth: [CheckedPlug.AuthScheme] = []
    var csrf = false, rateLimit = false
    for name in route.pipelines {
        for plug in program.pipeline(named: name)?.plugs ?? [] {
            switch plug {
            case .auth(let scheme): if !auth.contains(scheme) { auth.append(scheme) }
            case .csrf: csrf = true
            case .rateLimit: rateLimit = true
            default: break
            }
        }
    }
    return (auth, csrf, rateLimit)
}

/// The names of the types every API document declares besides the user's (`Page`,
/// `ApiError`, `Error`, …). One the user's schema already takes (an entity `Page`) gets the
/// prefix `Omni` (`OmniPage`) instead, in both outputs alike.
struct SharedNames {
    let taken: Set<String>

    init(_ program: ServerProgram) {
        var names: Set<String> = []
        for e in program.enums { names.insert(e.name) }
        for e in program.entities {
            for suffix in ["", "Input", "Patch", "Page", "Filter", "SortField", "ListQuery"] { names.insert(e.name + suffix) }
        }
        taken = names
    }

    func callAsFunction(_ name: String) -> String { taken.contains(name) ? "Omni" + name : name }
}

/// Words a JavaScript parameter may not be named.
let javaScriptReservedWords: Set<String> = [
    "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if", "implements",
    "import", "in", "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public",
    "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
]

/// A parameter name safe in JavaScript: reserved words get a trailing `_`.
func javaScriptParameter(_ name: String) -> String { javaScriptReservedWords.contains(name) ? name + "_" : name }
