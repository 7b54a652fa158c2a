import OmniBase
import OmniSema

/// A statement with its source span.
public struct IRStmt: Hashable, Sendable {
    public var kind: IRStmtKind
    public var span: Span
    public init(_ kind: IRStmtKind, span: Span) { self.kind = kind; self.span = span }
}

public indirect enum IRStmtKind: Hashable, Sendable {
    /// An expression evaluated for its effect: `count.set(1)`.
    case expr(IRExpr)
    /// A local declaration: `const t = draft().trim()`, `let i`. A local function
    /// declaration `function f() {}` is a `let` of a `.lambda`.
    case `let`(SymbolID, IRExpr?)
    /// `if (c) { … } else { … }`.
    case `if`(IRExpr, then: [IRStmt], else: [IRStmt])
    /// `while (c) { … }`.
    case `while`(IRExpr, [IRStmt])
    /// `do { … } while (c)`.
    case doWhile([IRStmt], IRExpr)
    /// `for (let i = 0; i < n; i++) { … }`; every part optional.
    case `for`(initializer: [IRStmt], condition: IRExpr?, update: IRExpr?, body: [IRStmt])
    /// `for (const x of xs) { … }`.
    case forOf(SymbolID, IRExpr, [IRStmt])
    /// `return`, `return x`.
    case `return`(IRExpr?)
    /// `break`.
    case `break`
    /// `continue`.
    case `continue`
    /// `{ … }`: a scope.
    case block([IRStmt])
    /// Stands for a statement that could not be lowered; executing it is a runtime error.
    case unreachable(String)
}

/// A template node with its source span.
public struct IRNode: Hashable, Sendable {
    public var kind: IRNodeKind
    public var span: Span
    public init(_ kind: IRNodeKind, span: Span) { self.kind = kind; self.span = span }
}

public indirect enum IRNodeKind: Hashable, Sendable {
    /// `<button class="btn" @click={increment}>…</button>`.
    case element(tag: String, attributes: [IRAttribute], children: [IRNode])
    /// Static text, exactly as written (already HTML): `Keep going`.
    case text(String)
    /// `{count()}`: the value, converted to a string and HTML-escaped.
    case dynamicText(IRExpr, binding: BindingID?)
    /// `{#if c} … {:else if d} … {:else} … {/if}`.
    case `if`([IRBranch], else: [IRNode]?)
    /// `{#each items() as item, i (item.id)} … {:else} … {/each}`.
    case each(IREach)
    /// `<Counter label="x" start={3} />`.
    case component(name: String, props: [IRAttribute])
}

/// One `{#if c}` / `{:else if c}` branch.
public struct IRBranch: Hashable, Sendable {
    public var condition: IRExpr
    public var binding: BindingID?
    public var children: [IRNode]
    public init(condition: IRExpr, binding: BindingID?, children: [IRNode]) {
        self.condition = condition; self.binding = binding; self.children = children
    }
}

/// `{#each list as item, index (key)} children {:else} empty {/each}`.
public struct IREach: Hashable, Sendable {
    public var list: IRExpr
    public var binding: BindingID?
    public var item: SymbolID
    public var index: SymbolID?
    public var key: IRExpr?
    public var children: [IRNode]
    public var empty: [IRNode]?
    public init(list: IRExpr, binding: BindingID?, item: SymbolID, index: SymbolID?, key: IRExpr?, children: [IRNode], empty: [IRNode]?) {
        self.list = list; self.binding = binding; self.item = item; self.index = index; self.key = key
        self.children = children; self.empty = empty
    }
}

/// An attribute of an element, or a prop passed to a child component.
public struct IRAttribute: Hashable, Sendable {
    public var name: String
    public var value: IRAttributeValue
    public var span: Span
    public init(name: String, value: IRAttributeValue, span: Span) { self.name = name; self.value = value; self.span = span }
}

public enum IRAttributeValue: Hashable, Sendable {
    /// A bare attribute: `disabled`.
    case none
    /// A literal value, exactly as written (already HTML): `class="btn"`.
    case `static`(String)
    /// `width={count() * 10}`: `null`/`false` omit the attribute, `true` renders it bare.
    case dynamic(IRExpr, binding: BindingID?)
    /// `class="item-{i} big"`: literal text (as written) and values (escaped).
    case interpolated([IRAttributePart], binding: BindingID?)
    /// `@click={increment}`: an event handler (a callable); never rendered.
    case event(IRExpr)
}

public enum IRAttributePart: Hashable, Sendable {
    /// Literal text of an interpolated value, as written.
    case text(String)
    /// A `{value}` of an interpolated attribute.
    case expr(IRExpr)
}
