import OmniBase
import OmniSyntax

// The checked server side of a project: schemas, routes and templates resolved and typed
// (docs/LANGUAGE.md, "Schemas and routes", "Templates"). The Swift back end, the OpenAPI and
// `api.d.ts` emitters and `omni routes` read only this model, never the raw AST alone.
//
// Produced by `Sema.checkServer`: `SchemaChecker` → `RoutesChecker` → `ServerTemplateChecker`.
// Every name here is the user's name; the back ends add their own reserved prefixes.

/// Everything the server back ends need, in a deterministic order.
public struct ServerProgram: Sendable {
    /// Every entity of every `<schema>` block, in source order (file order, then position).
    public var entities: [CheckedEntity]
    public var enums: [CheckedEnum]
    /// Every pipeline of every `<routes>` block, in source order.
    public var pipelines: [CheckedPipeline]
    /// Every route, flattened out of scopes and with `resources` expanded, in source order.
    public var routes: [CheckedRoute]
    /// Every template file, checked, sorted by path.
    public var templates: [CheckedTemplate]
    public var diagnostics: [Diagnostic]

    public init(entities: [CheckedEntity] = [], enums: [CheckedEnum] = [], pipelines: [CheckedPipeline] = [],
                routes: [CheckedRoute] = [], templates: [CheckedTemplate] = [], diagnostics: [Diagnostic] = []) {
        self.entities = entities; self.enums = enums; self.pipelines = pipelines
        self.routes = routes; self.templates = templates; self.diagnostics = diagnostics
    }

    public func entity(named name: String) -> CheckedEntity? { entities.first { $0.name == name } }
    public func enumeration(named name: String) -> CheckedEnum? { enums.first { $0.name == name } }
    public func pipeline(named name: String) -> CheckedPipeline? { pipelines.first { $0.name == name } }
    /// The template at a project-relative path such as `templates/users/show.html`.
    public func template(at path: String) -> CheckedTemplate? { templates.first { $0.path == path } }
    /// True when the project declares anything the server target builds.
    public var isEmpty: Bool { entities.isEmpty && routes.isEmpty && templates.isEmpty }
}

// MARK: - Types

/// The type of a value on the server side: a field, a query parameter, a binding, a
/// template expression.
public indirect enum ServerType: Hashable, Sendable, CustomStringConvertible {
    /// `string`, `text`, `int`, `float`, `bool`, `date`, `datetime`, `uuid`, `json`.
    case scalar(ScalarType)
    /// A schema enum, by name; stored and sent as its case name.
    case enumeration(String)
    /// A row of an entity, by name. `loaded` lists (sorted) the relations loaded with it by
    /// `.include(…)`; reading any other relation is an error.
    case entity(String, loaded: [String])
    /// An array.
    case list(ServerType)
    /// A value that may be absent (`null` in JSON, `NULL` in SQL).
    case optional(ServerType)
    /// A template context or a partial's arguments: named fields in declaration order.
    case record([ServerField])
    /// Undetermined because of an earlier error; compatible with everything, never reported again.
    case error

    public var description: String {
        switch self {
        case .scalar(let s): s.rawValue
        case .enumeration(let n): n
        case .entity(let n, let loaded): loaded.isEmpty ? n : "\(n) (with \(loaded.joined(separator: ", ")))"
        case .list(let t): "[\(t)]"
        case .optional(let t): "\(t)?"
        case .record(let fs): "{ " + fs.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + " }"
        case .error: "<error>"
        }
    }

    /// The type under any `?`.
    public var unwrapped: ServerType { if case .optional(let t) = self { t.unwrapped } else { self } }
    public var isOptional: Bool { if case .optional = self { true } else { false } }
}

/// A named, typed field of a record type.
public struct ServerField: Hashable, Sendable {
    public var name: String
    public var type: ServerType
    public init(name: String, type: ServerType) { self.name = name; self.type = type }
}

// MARK: - Schema

/// `enum Role { admin, member }`.
public struct CheckedEnum: Hashable, Sendable {
    public var name: String
    public var cases: [String]
    public var file: FileID
    public var span: Span
    public init(name: String, cases: [String], file: FileID, span: Span) {
        self.name = name; self.cases = cases; self.file = file; self.span = span
    }
}

/// An entity with its implicit fields first (`id`, `createdAt`, `updatedAt`), then its
/// declared fields in order.
public struct CheckedEntity: Hashable, Sendable {
    public var name: String
    /// The SQL table: the entity's name in snake_case, pluralised (`User` → `users`, `BlogPost` → `blog_posts`).
    public var table: String
    public var fields: [CheckedField]
    public var file: FileID
    /// The entity's name in its declaration.
    public var span: Span
    public init(name: String, table: String, fields: [CheckedField], file: FileID, span: Span) {
        self.name = name; self.table = table; self.fields = fields; self.file = file; self.span = span
    }

    public func field(named name: String) -> CheckedField? { fields.first { $0.name == name } }
    /// The fields stored in the entity's own table (everything but to-many relations), in order.
    public var storedFields: [CheckedField] { fields.filter { $0.column != nil } }
    /// The fields a client sends on create and update: stored, not implicit.
    public var writableFields: [CheckedField] { fields.filter { $0.column != nil && !$0.isImplicit } }
    /// The names of its relations (to-one and to-many), in order: what `include` may load.
    public var relationNames: [String] { fields.filter { $0.relation != nil }.map(\.name) }
}

/// One field of an entity.
public struct CheckedField: Hashable, Sendable {
    public var name: String
    /// The field's type: a scalar, enum, `.entity` (to-one relation), `.list(.entity)`
    /// (to-many relation), each possibly `.optional`.
    public var type: ServerType
    /// The SQL column holding it: `title`, `author_id` for the relation `author`; nil for a
    /// to-many relation, which lives in the other entity's table.
    public var column: String?
    /// For a relation: how it is stored.
    public var relation: Relation?
    public var validations: [CheckedValidation]
    public var defaultValue: DefaultValue?
    /// `@unique`: a unique index; a conflicting write answers 409.
    public var isUnique: Bool
    /// `@index`: an index on the column.
    public var isIndexed: Bool
    /// `id`, `createdAt`, `updatedAt`: set by the server, never by clients.
    public var isImplicit: Bool
    /// The declaration (for implicit fields, the entity's name).
    public var span: Span

    public init(name: String, type: ServerType, column: String?, relation: Relation? = nil,
                validations: [CheckedValidation] = [], defaultValue: DefaultValue? = nil,
                isUnique: Bool = false, isIndexed: Bool = false, isImplicit: Bool = false, span: Span) {
        self.name = name; self.type = type; self.column = column; self.relation = relation
        self.validations = validations; self.defaultValue = defaultValue
        self.isUnique = isUnique; self.isIndexed = isIndexed; self.isImplicit = isImplicit; self.span = span
    }

    /// True when a client may leave the field out on create: optional, defaulted or implicit.
    public var isRequiredOnCreate: Bool { !isImplicit && !type.isOptional && defaultValue == nil && column != nil }
}

/// How a relation field is stored.
public enum Relation: Hashable, Sendable {
    /// `author: User` — a foreign key column (`author_id`) referencing `users.id`.
    case toOne(entity: String)
    /// `posts: [Post]` — the rows of `Post` whose to-one field `inverse` points here.
    case toMany(entity: String, inverse: String)
}

/// A validation, normalised by the field's type: `@min(2)` on a string is `.minLength(2)`.
public enum CheckedValidation: Hashable, Sendable {
    case minLength(Int)
    case maxLength(Int)
    case minimum(Double)
    case maximum(Double)
    case email
    case url
    /// The whole value matches the pattern (POSIX-extended-like syntax of `NSRegularExpression`).
    case pattern(String)
}

/// The value a field takes when a create leaves it out.
public enum DefaultValue: Hashable, Sendable {
    case integer(Int64)
    case float(Double)
    case string(String)
    case bool(Bool)
    case null
    /// An enum case, by name.
    case enumCase(String)
    /// `= now` on a `datetime` (or `date`): the time of insertion.
    case now
    /// `= uuid` on a `uuid`: a fresh random UUID.
    case uuid
}

// MARK: - Routes

/// `pipeline api { logger, json, auth(bearer) }`, its plugs checked.
public struct CheckedPipeline: Hashable, Sendable {
    public var name: String
    public var plugs: [CheckedPlug]
    public var span: Span
    public init(name: String, plugs: [CheckedPlug], span: Span) { self.name = name; self.plugs = plugs; self.span = span }
}

/// One plug with its arguments validated.
public enum CheckedPlug: Hashable, Sendable {
    case logger, session, csrf, htmx, json, gzip, secureHeaders
    /// `cors` (all origins when empty) or `cors("https://a.example")`.
    case cors(origins: [String])
    case auth(AuthScheme)
    /// `rate_limit(100, per: minute)`: `limit` requests per `seconds`.
    case rateLimit(limit: Int, seconds: Int)

    public enum AuthScheme: String, Hashable, Sendable { case bearer, session, basic }
}

/// One route after scopes are flattened and `resources` expanded.
public struct CheckedRoute: Hashable, Sendable {
    public var verb: HTTPVerb
    /// The full path with scope prefixes joined: `/api/v1/posts/:id`.
    public var path: String
    public var segments: [PathSegmentKind]
    /// The `:param`/`*splat` parameters in path order, typed by their use (`int` when compared
    /// with an `int` field or passed to `find`, else `string`).
    public var pathParameters: [ServerField]
    /// The declared query-string parameters (`(q: string, page: int = 1)`).
    public var queryParameters: [CheckedQueryParameter]
    /// The pipelines it runs through, outermost scope first, by name.
    public var pipelines: [String]
    public var target: CheckedTarget
    /// The route declaration (for `resources`, the `resources` item).
    public var span: Span
    public var file: FileID

    public init(verb: HTTPVerb, path: String, segments: [PathSegmentKind], pathParameters: [ServerField],
                queryParameters: [CheckedQueryParameter], pipelines: [String], target: CheckedTarget, span: Span, file: FileID) {
        self.verb = verb; self.path = path; self.segments = segments; self.pathParameters = pathParameters
        self.queryParameters = queryParameters; self.pipelines = pipelines; self.target = target; self.span = span; self.file = file
    }
}

public struct CheckedQueryParameter: Hashable, Sendable {
    public var name: String
    /// A scalar or enum, optionally `.optional`.
    public var type: ServerType
    public var defaultValue: DefaultValue?
    public var span: Span
    public init(name: String, type: ServerType, defaultValue: DefaultValue?, span: Span) {
        self.name = name; self.type = type; self.defaultValue = defaultValue; self.span = span
    }
}

public enum CheckedTarget: Hashable, Sendable {
    /// Renders the page template at `template` (`templates/users/show.html`) with the bindings
    /// (plus the path and query parameters) as its context.
    case page(template: String, bindings: [CheckedBinding])
    /// Answers the bindings as one JSON object.
    case json(bindings: [CheckedBinding])
    /// `303 See Other` to a path of this application (`:params` substituted) or an absolute URL.
    case redirect(to: String, isURL: Bool)
    /// One REST action of `resources "/posts" => Post`.
    case resource(entity: String, action: ResourceAction)
}

/// One named query of a page or JSON context, typed.
public struct CheckedBinding: Hashable, Sendable {
    public var name: String
    public var query: CheckedQuery
    /// `.entity` for `find` (a 404 when missing), `.optional(.entity)` for `first`,
    /// `.list(.entity)` for `all`/`where`, `.scalar(.int)` for `count`.
    public var type: ServerType
    public var span: Span
    public init(name: String, query: CheckedQuery, type: ServerType, span: Span) {
        self.name = name; self.query = query; self.type = type; self.span = span
    }
}

/// A query resolved against the schema, ready to be compiled to SQL.
public struct CheckedQuery: Hashable, Sendable {
    public var entity: String
    public var shape: Shape
    /// The conjunction of every `.where(…)`, or nil.
    public var condition: QueryCondition?
    /// `.order(-createdAt, title)`: (field, descending).
    public var order: [SortKey]
    public var limit: QueryOperand?
    public var offset: QueryOperand?
    /// `.include(author, posts)`: relation field names.
    public var includes: [String]

    public enum Shape: Hashable, Sendable { case find(QueryOperand), all, first, count }

    public init(entity: String, shape: Shape, condition: QueryCondition?, order: [SortKey],
                limit: QueryOperand?, offset: QueryOperand?, includes: [String]) {
        self.entity = entity; self.shape = shape; self.condition = condition; self.order = order
        self.limit = limit; self.offset = offset; self.includes = includes
    }
}

public struct SortKey: Hashable, Sendable {
    /// The to-one relations followed first (`["author"]` for `author.name`); empty for a field
    /// of the queried entity itself.
    public var through: [String]
    /// The field sorted by: of the queried entity, or of the last entity `through` reaches.
    public var field: String
    public var descending: Bool
    /// Whether the key can be null (an optional field, or one reached through an optional
    /// relation): null sorts last ascending and first descending on every database.
    public var nullable: Bool
    public init(through: [String] = [], field: String, descending: Bool, nullable: Bool = false) {
        self.through = through; self.field = field; self.descending = descending; self.nullable = nullable
    }
    /// `author.name`.
    public var path: String { (through + [field]).joined(separator: ".") }
}

/// A checked `.where` condition.
public indirect enum QueryCondition: Hashable, Sendable {
    case and(QueryCondition, QueryCondition)
    case or(QueryCondition, QueryCondition)
    case not(QueryCondition)
    /// `field op operand`; `field` is a path of field names (`["author", "id"]` compares the
    /// foreign key `author_id`). `op` is a comparison (never `&&`/`||`).
    case compare(field: [String], op: QueryBinaryOperator, operand: QueryOperand)
    /// A bare `bool` field: `published`.
    case isTrue(field: [String])
}

/// A value inside a query: a literal or a path/query parameter, with its type.
public enum QueryOperand: Hashable, Sendable {
    case literal(DefaultValue)
    case parameter(String, ServerType)
    case list([QueryOperand])
}

// MARK: - Templates

/// A template file and how it is used.
public struct CheckedTemplate: Sendable {
    /// Project-relative: `templates/users/show.html`.
    public var path: String
    public var file: FileID
    public var ast: TemplateFile
    /// The context's fields: for a page, its route's bindings then path and query parameters;
    /// for a partial, the keys its callers pass; for a layout, none.
    public var context: [ServerField]
    /// The layout a page renders in (`templates/layouts/app.html`), if any.
    public var layout: String?
    /// The type of every template expression (by NodeID within the template's file).
    public var types: [NodeID: ServerType]
    /// What each path expression's first segment refers to.
    public var roots: [NodeID: TemplateRoot]

    public init(path: String, file: FileID, ast: TemplateFile, context: [ServerField], layout: String?,
                types: [NodeID: ServerType], roots: [NodeID: TemplateRoot]) {
        self.path = path; self.file = file; self.ast = ast; self.context = context
        self.layout = layout; self.types = types; self.roots = roots
    }
}

/// What the first name of a template path refers to.
public enum TemplateRoot: Hashable, Sendable {
    /// A field of the template's context.
    case context(String)
    /// The item (`user`) or index (`i`) of an enclosing `{{#each}}` (by the each's item/index NodeID).
    case eachItem(NodeID), eachIndex(NodeID)
    /// `this`: the element of the innermost `{{#each}}` (or the context outside any).
    case this(NodeID?)
    /// A name every template sees: `csrf_token` (the session's CSRF token, empty without
    /// `session`), `request_path` (the path of the request).
    case global(TemplateGlobal)
}

public enum TemplateGlobal: String, Hashable, Sendable, CaseIterable {
    case csrfToken = "csrf_token"
    case requestPath = "request_path"
}

extension ServerProgram {
    /// The components some template embeds with `{{#component "Name"}}`: the ones the server
    /// must be able to render.
    public var componentsUsedByTemplates: Set<String> {
        var used: Set<String> = []
        for template in templates {
            TemplateWalk.items(template.ast.items, item: { item in
                if case .component(let c) = item.kind { used.insert(c.name.name) }
            }, expression: { _ in })
        }
        return used
    }
}
