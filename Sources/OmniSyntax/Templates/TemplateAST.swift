import OmniBase

// The AST of a Handlebars-style template, `templates/**/*.html` (docs/LANGUAGE.md,
// "Templates"; grammar in Grammar/templates.ebnf). HTML is passed through as text; every
// mustache records the HTML context it sits in, so later stages can pick the escaping.

/// A whole template file.
public struct TemplateFile: Hashable, Sendable {
    public var file: FileID
    /// Page, partial or layout, decided by the file's path.
    public var kind: TemplateKind
    /// The `{{! layout: app }}` directive, when the file has one.
    public var layout: TemplateLayout?
    public var items: [TemplateItem]
    public var span: Span
    public init(file: FileID, kind: TemplateKind, layout: TemplateLayout?, items: [TemplateItem], span: Span) {
        self.file = file; self.kind = kind; self.layout = layout; self.items = items; self.span = span
    }
}

/// What a template file is, from its path.
public enum TemplateKind: String, Hashable, Sendable {
    /// `templates/users/index.html`: rendered by a route, inside its layout.
    case page
    /// `templates/users/_row.html`: a file name starting with `_`, included with `{{> users/_row}}`.
    case partial
    /// `templates/layouts/app.html`: wraps pages; shows the page with `{{yield}}`.
    case layout

    /// The kind of the template at `path` (a project-relative path such as `templates/layouts/app.html`).
    public static func of(path: String) -> TemplateKind {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.last?.hasPrefix("_") == true { return .partial }
        if parts.dropLast().contains("layouts") { return .layout }
        return .page
    }
}

/// `{{! layout: app }}`: the page renders inside `templates/layouts/app.html`.
public struct TemplateLayout: Hashable, Sendable {
    /// The layout name as written, e.g. `app` or `admin/base`.
    public var name: Identifier
    /// The whole comment tag.
    public var span: Span
    public init(name: Identifier, span: Span) { self.name = name; self.span = span }

    /// The file the layout lives in: `templates/layouts/app.html`.
    public var path: String { "templates/layouts/\(name.name).html" }
}

/// One node of a template.
public struct TemplateItem: Hashable, Sendable {
    public var id: NodeID
    public var kind: TemplateItemKind
    public var span: Span
    public init(id: NodeID, kind: TemplateItemKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public indirect enum TemplateItemKind: Hashable, Sendable {
    /// HTML and text passed through as written (after `~` whitespace stripping): `<h1>Users</h1>`.
    case text(String)
    /// An escaped output: `{{user.name}}`, `{{format_date post.createdAt}}`.
    case output(TemplateOutput)
    /// A raw, trusted output: `{{{trusted_html}}}`.
    case rawOutput(TemplateOutput)
    /// `{{! a note }}` or `{{!-- a note with }} inside --}}`; the text is what lies between the delimiters.
    case comment(String)
    /// The layout directive comment: `{{! layout: app }}`.
    case layout(TemplateLayout)
    /// `{{#if c}} … {{else if d}} … {{else}} … {{/if}}`.
    case ifBlock(TemplateIf)
    /// `{{#unless c}} … {{else}} … {{/unless}}` (one branch; its condition is negated).
    case unlessBlock(TemplateIf)
    /// `{{#each users as |user i|}} … {{else}} … {{/each}}`.
    case eachBlock(TemplateEach)
    /// `{{> users/_row user=user}}`.
    case partial(TemplatePartial)
    /// `{{#component "Counter" label="Clicks" start=3}}{{/component}}`.
    case component(TemplateComponent)
    /// `{{yield}}`: where a layout shows the page.
    case yield
}

/// Where in the HTML a mustache sits; decides how its output is escaped.
public enum TemplateHTMLContext: Hashable, Sendable, CustomStringConvertible {
    /// Between tags: `<p>{{name}}</p>`.
    case text
    /// Inside the value of attribute `name`: `<a href="/u/{{id}}">`.
    case attribute(String)
    /// Inside a tag, outside any value: `<input {{attrs}}>`.
    case tag
    /// Inside `<script>` or `<style>` (the element's lower-case name): `<script>var n = {{n}}</script>`.
    case rawText(String)
    /// Inside an HTML comment: `<!-- {{x}} -->`.
    case comment

    public var description: String {
        switch self {
        case .text: "text"
        case .attribute(let name): "attribute \(name)"
        case .tag: "tag"
        case .rawText(let name): "raw-text \(name)"
        case .comment: "html-comment"
        }
    }
}

/// The expression of `{{expr}}` or `{{{expr}}}` and where it sits.
public struct TemplateOutput: Hashable, Sendable {
    public var expression: TemplateExpr
    public var context: TemplateHTMLContext
    public init(expression: TemplateExpr, context: TemplateHTMLContext) { self.expression = expression; self.context = context }
}

/// `{{#if}}` (or `{{#unless}}`) with its `{{else if}}` branches and optional `{{else}}`.
public struct TemplateIf: Hashable, Sendable {
    public var branches: [TemplateBranch]
    public var elseItems: [TemplateItem]?
    /// The `{{else}}` tag, when present.
    public var elseTag: Span?
    /// The `{{/if}}` tag, nil when it is missing (an error was reported).
    public var closeTag: Span?
    public init(branches: [TemplateBranch], elseItems: [TemplateItem]?, elseTag: Span?, closeTag: Span?) {
        self.branches = branches; self.elseItems = elseItems; self.elseTag = elseTag; self.closeTag = closeTag
    }
}

/// One `{{#if c}}` or `{{else if c}}` branch.
public struct TemplateBranch: Hashable, Sendable {
    public var condition: TemplateExpr
    public var items: [TemplateItem]
    /// The `{{#if …}}` or `{{else if …}}` tag.
    public var tag: Span
    public init(condition: TemplateExpr, items: [TemplateItem], tag: Span) { self.condition = condition; self.items = items; self.tag = tag }
}

/// `{{#each iterable as |item index|}} items {{else}} elseItems {{/each}}`.
public struct TemplateEach: Hashable, Sendable {
    public var iterable: TemplateExpr
    /// The block parameter naming each element; empty (with an error) when `as |…|` is missing.
    public var item: Identifier
    public var itemID: NodeID
    public var index: Identifier?
    public var indexID: NodeID?
    public var items: [TemplateItem]
    public var elseItems: [TemplateItem]?
    /// The `{{#each …}}` tag.
    public var openTag: Span
    public var elseTag: Span?
    public var closeTag: Span?
    public init(iterable: TemplateExpr, item: Identifier, itemID: NodeID, index: Identifier?, indexID: NodeID?,
                items: [TemplateItem], elseItems: [TemplateItem]?, openTag: Span, elseTag: Span?, closeTag: Span?) {
        self.iterable = iterable; self.item = item; self.itemID = itemID; self.index = index; self.indexID = indexID
        self.items = items; self.elseItems = elseItems; self.openTag = openTag; self.elseTag = elseTag; self.closeTag = closeTag
    }
}

/// `{{> users/_row user=user}}`.
public struct TemplatePartial: Hashable, Sendable {
    /// The name as written: `users/_row`.
    public var name: Identifier
    public var arguments: [TemplateHashArgument]
    public var context: TemplateHTMLContext
    public init(name: Identifier, arguments: [TemplateHashArgument], context: TemplateHTMLContext) {
        self.name = name; self.arguments = arguments; self.context = context
    }

    /// The file the partial lives in: `templates/users/_row.html`.
    public var path: String { "templates/\(name.name).html" }
}

/// `{{#component "Counter" label="Clicks" start=3}}{{/component}}`: a server-rendered,
/// hydrated `.omni` component.
public struct TemplateComponent: Hashable, Sendable {
    /// The component name, without its quotes: `Counter`.
    public var name: Identifier
    /// The props, as `key=value` pairs.
    public var arguments: [TemplateHashArgument]
    public var openTag: Span
    public var closeTag: Span?
    public init(name: Identifier, arguments: [TemplateHashArgument], openTag: Span, closeTag: Span?) {
        self.name = name; self.arguments = arguments; self.openTag = openTag; self.closeTag = closeTag
    }
}

/// `key=value` in a partial or component tag: `user=user`, `label="Clicks"`.
public struct TemplateHashArgument: Hashable, Sendable {
    public var id: NodeID
    public var key: Identifier
    public var value: TemplateExpr
    public var span: Span
    public init(id: NodeID, key: Identifier, value: TemplateExpr, span: Span) {
        self.id = id; self.key = key; self.value = value; self.span = span
    }
}

/// An expression inside a mustache.
public struct TemplateExpr: Hashable, Sendable {
    public var id: NodeID
    public var kind: TemplateExprKind
    public var span: Span
    public init(id: NodeID, kind: TemplateExprKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public indirect enum TemplateExprKind: Hashable, Sendable {
    /// A path into the context: `user.name`, `this`, `this.title` (`this` has no segments and `isThis`).
    case path(TemplatePath)
    /// A loop variable of the innermost `{{#each}}`: `@index`, `@first`, `@last`.
    case data(TemplateDataVariable)
    /// `"Clicks"` or `'Clicks'`, escapes decoded.
    case string(String)
    /// `3`, `-1.5`.
    case number(Double)
    /// `true`, `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A helper call: `(eq a "x")` in subexpression form, `format_date post.createdAt` as a whole mustache.
    case helper(TemplateHelper, name: Identifier, arguments: [TemplateExpr])
    /// Something that could not be parsed; an error was reported.
    case error
}

/// `user.name`: an optional leading `this` and dot-separated field names.
public struct TemplatePath: Hashable, Sendable, CustomStringConvertible {
    /// Written with a leading `this`.
    public var isThis: Bool
    public var segments: [Identifier]
    public init(isThis: Bool, segments: [Identifier]) { self.isThis = isThis; self.segments = segments }

    public var description: String {
        ((isThis ? ["this"] : []) + segments.map(\.name)).joined(separator: ".")
    }
}

/// The loop variables every `{{#each}}` provides.
public enum TemplateDataVariable: String, Hashable, Sendable, CaseIterable {
    /// `@index`: the 0-based position.
    case index
    /// `@first`: true for the first element.
    case first
    /// `@last`: true for the last element.
    case last
}
