import OmniBase

// The AST of a `.omni` file (docs/LANGUAGE.md, "Components"): top-level blocks, the
// component's props, script, template and style.

/// A whole `.omni` file.
public struct OmniFile: Hashable, Sendable {
    public var file: FileID
    public var items: [TopLevelItem]
    public var span: Span
    public init(file: FileID, items: [TopLevelItem], span: Span) { self.file = file; self.items = items; self.span = span }

    /// The components declared in this file, in source order.
    public var components: [ComponentDecl] {
        items.compactMap { if case .component(let c) = $0 { c } else { nil } }
    }
}

/// A block at the top level of a `.omni` file.
public enum TopLevelItem: Hashable, Sendable {
    /// `<component name="Counter"> … </component>`.
    case component(ComponentDecl)
    /// `<schema> … </schema>` — kept as raw text for the schema front end.
    case schema(RawBlock)
    /// `<routes> … </routes>` — kept as raw text for the routes front end.
    case routes(RawBlock)
    /// `<!-- … -->`.
    case comment(String, span: Span)
}

/// A block whose contents another front end reads: its tag span and the byte range of its body.
public struct RawBlock: Hashable, Sendable {
    public var openTag: Span
    public var body: Span
    public var span: Span
    public init(openTag: Span, body: Span, span: Span) { self.openTag = openTag; self.body = body; self.span = span }
}

/// `<component name="Counter"> <props/> <script/> <template/> <style/> </component>`.
public struct ComponentDecl: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    /// The opening tag `<component name="…">`.
    public var openTag: Span
    /// The closing tag `</component>`, nil when it is missing (an error was reported).
    public var closeTag: Span?
    public var attributes: [Attribute]
    public var props: PropsBlock?
    public var script: ScriptBlock?
    public var template: TemplateBlock?
    public var style: StyleBlock?
    public var span: Span
    public init(id: NodeID, name: Identifier, openTag: Span, closeTag: Span?, attributes: [Attribute],
                props: PropsBlock?, script: ScriptBlock?, template: TemplateBlock?, style: StyleBlock?, span: Span) {
        self.id = id; self.name = name; self.openTag = openTag; self.closeTag = closeTag; self.attributes = attributes
        self.props = props; self.script = script; self.template = template; self.style = style; self.span = span
    }
}

/// `<props> <prop …/>* </props>`.
public struct PropsBlock: Hashable, Sendable {
    public var props: [PropDecl]
    public var span: Span
    public init(props: [PropDecl], span: Span) { self.props = props; self.span = span }
}

/// `<prop name="start" type="number" default={0} required />`.
public struct PropDecl: Hashable, Sendable {
    public var id: NodeID
    public var name: Identifier
    /// The parsed `type="…"` attribute; nil when absent.
    public var type: TypeExpr?
    public var required: Bool
    public var defaultValue: Expr?
    public var attributes: [Attribute]
    public var span: Span
    public init(id: NodeID, name: Identifier, type: TypeExpr?, required: Bool, defaultValue: Expr?, attributes: [Attribute], span: Span) {
        self.id = id; self.name = name; self.type = type; self.required = required
        self.defaultValue = defaultValue; self.attributes = attributes; self.span = span
    }
}

/// `<script> statements </script>`.
public struct ScriptBlock: Hashable, Sendable {
    public var statements: [Stmt]
    /// The byte range between the tags.
    public var body: Span
    public var span: Span
    public init(statements: [Stmt], body: Span, span: Span) { self.statements = statements; self.body = body; self.span = span }
}

/// `<template> nodes </template>`.
public struct TemplateBlock: Hashable, Sendable {
    public var children: [TemplateNode]
    public var span: Span
    public init(children: [TemplateNode], span: Span) { self.children = children; self.span = span }
}

/// `<style> css </style>`, kept as text.
public struct StyleBlock: Hashable, Sendable {
    public var text: String
    public var body: Span
    public var span: Span
    public init(text: String, body: Span, span: Span) { self.text = text; self.body = body; self.span = span }
}

/// A node of a component's template.
public struct TemplateNode: Hashable, Sendable {
    public var id: NodeID
    public var kind: TemplateNodeKind
    public var span: Span
    public init(id: NodeID, kind: TemplateNodeKind, span: Span) { self.id = id; self.kind = kind; self.span = span }
}

public indirect enum TemplateNodeKind: Hashable, Sendable {
    /// An HTML or SVG element, or a child component (`<Counter label="x" />`).
    case element(Element)
    /// Literal text, with entities left as written: `Keep going`.
    case text(String)
    /// An interpolation: `{count()}`.
    case interpolation(Expr)
    /// `{#if c} … {:else if d} … {:else} … {/if}`.
    case ifBlock(IfBlock)
    /// `{#each items as item, i (item.id)} … {:else} … {/each}`.
    case eachBlock(EachBlock)
    /// `<!-- comment -->`.
    case comment(String)
}

/// `<tag attr="v" attr={expr} @event={handler}> children </tag>`.
public struct Element: Hashable, Sendable {
    public var name: Identifier
    public var attributes: [Attribute]
    public var children: [TemplateNode]
    /// Written `<tag />`.
    public var selfClosing: Bool
    /// The whole opening tag, `<` to `>`.
    public var openTag: Span
    /// The closing tag, nil for void and self-closing elements or when it is missing.
    public var closeTag: Span?
    public init(name: Identifier, attributes: [Attribute], children: [TemplateNode], selfClosing: Bool, openTag: Span, closeTag: Span?) {
        self.name = name; self.attributes = attributes; self.children = children
        self.selfClosing = selfClosing; self.openTag = openTag; self.closeTag = closeTag
    }

    /// A tag whose name starts with an upper-case letter is a child component.
    public var isComponent: Bool { name.name.first?.isUppercase ?? false }
}

/// An attribute of an element or block tag.
public struct Attribute: Hashable, Sendable {
    public var id: NodeID
    /// The name without its `@`: `class`, `click` for `@click`.
    public var name: Identifier
    /// True for `@event={…}` handlers.
    public var isEvent: Bool
    public var value: AttributeValue
    public var span: Span
    public init(id: NodeID, name: Identifier, isEvent: Bool, value: AttributeValue, span: Span) {
        self.id = id; self.name = name; self.isEvent = isEvent; self.value = value; self.span = span
    }
}

public enum AttributeValue: Hashable, Sendable {
    /// A bare attribute: `required`, `disabled`.
    case none
    /// A quoted or unquoted literal: `class="btn"`. The span covers the text inside the quotes.
    case literal(String, span: Span)
    /// An expression: `width={count() * 10}`.
    case expression(Expr)
    /// A quoted value mixing text and expressions: `class="btn {kind}"`.
    case interpolated([AttributePart], span: Span)
}

/// A piece of an interpolated attribute value.
public enum AttributePart: Hashable, Sendable {
    case text(String, span: Span)
    case expression(Expr)
}

/// `{#if}` with its `{:else if}` branches and optional `{:else}`.
public struct IfBlock: Hashable, Sendable {
    public var branches: [IfBranch]
    public var elseChildren: [TemplateNode]?
    /// The `{:else}` tag, when present.
    public var elseTag: Span?
    /// The `{/if}` tag, nil when missing.
    public var closeTag: Span?
    public init(branches: [IfBranch], elseChildren: [TemplateNode]?, elseTag: Span?, closeTag: Span?) {
        self.branches = branches; self.elseChildren = elseChildren; self.elseTag = elseTag; self.closeTag = closeTag
    }
}

/// One `{#if c}` or `{:else if c}` branch.
public struct IfBranch: Hashable, Sendable {
    public var condition: Expr
    public var children: [TemplateNode]
    /// The `{#if …}` or `{:else if …}` tag.
    public var tag: Span
    public init(condition: Expr, children: [TemplateNode], tag: Span) { self.condition = condition; self.children = children; self.tag = tag }
}

/// `{#each iterable as item, index (key)} children {:else} empty {/each}`.
public struct EachBlock: Hashable, Sendable {
    public var iterable: Expr
    public var item: Identifier
    public var itemID: NodeID
    public var index: Identifier?
    public var indexID: NodeID?
    public var key: Expr?
    public var children: [TemplateNode]
    public var elseChildren: [TemplateNode]?
    /// The `{#each …}` tag.
    public var openTag: Span
    public var closeTag: Span?
    public init(iterable: Expr, item: Identifier, itemID: NodeID, index: Identifier?, indexID: NodeID?, key: Expr?,
                children: [TemplateNode], elseChildren: [TemplateNode]?, openTag: Span, closeTag: Span?) {
        self.iterable = iterable; self.item = item; self.itemID = itemID; self.index = index; self.indexID = indexID
        self.key = key; self.children = children; self.elseChildren = elseChildren; self.openTag = openTag; self.closeTag = closeTag
    }
}
