import OmniBase
import OmniSyntax

/// Identifies a declared name within one component: a prop, a script declaration, a
/// parameter, an `{#each}` binding, or a built-in.
public struct SymbolID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public static func < (a: SymbolID, b: SymbolID) -> Bool { a.raw < b.raw }
    public var description: String { "s\(raw)" }
}

/// What kind of declaration a symbol comes from.
public enum SymbolKind: String, Hashable, Sendable {
    /// `props` itself (the object of all props).
    case propsObject
    /// A `<prop>`; read as `props.name`.
    case prop
    /// `const`, `let` or `var` in the script (its type may be `Signal<T>` / `Computed<T>`).
    case constant, variable
    /// `function name() {}` in the script.
    case function
    /// A parameter of a function or arrow.
    case parameter
    /// The item and index names of `{#each xs as item, i}`.
    case eachItem, eachIndex
    /// A name the language provides: `signal`, `computed`, `effect`, `batch`, `Math`, `String`, …
    case builtin
}

/// A declared name and everything later stages need to know about it.
public struct Symbol: Hashable, Sendable {
    public var id: SymbolID
    public var name: String
    public var kind: SymbolKind
    public var type: SemaType
    /// Where it is declared (its name); built-ins have an empty span at the file start.
    public var span: Span
    /// The AST node that declares it (statement, parameter, prop, each block), or `.none`.
    public var declaration: NodeID
    public init(id: SymbolID, name: String, kind: SymbolKind, type: SemaType, span: Span, declaration: NodeID) {
        self.id = id; self.name = name; self.kind = kind; self.type = type; self.span = span; self.declaration = declaration
    }
    /// True for `signal(…)` and `computed(…)` declarations.
    public var isReactive: Bool {
        switch type {
        case .signal, .computed: true
        default: false
        }
    }
}

/// One template binding: a node or attribute whose rendered value depends on signals.
public struct TemplateBinding: Hashable, Sendable {
    public enum Site: Hashable, Sendable {
        /// A `{expr}` text node.
        case text(NodeID)
        /// An attribute (by its NodeID) of an element.
        case attribute(NodeID)
        /// The condition of an `{#if}` branch (the block's NodeID, branch index).
        case ifCondition(NodeID, branch: Int)
        /// The list of an `{#each}` block.
        case eachList(NodeID)
        /// A prop passed to a child component (the attribute's NodeID).
        case childProp(NodeID)
    }
    public var site: Site
    /// The expression evaluated for this binding.
    public var expression: NodeID
    /// Signals and computeds it reads, directly or through the functions it calls.
    public var reads: [SymbolID]
    public var span: Span
    public init(site: Site, expression: NodeID, reads: [SymbolID], span: Span) {
        self.site = site; self.expression = expression; self.reads = reads; self.span = span
    }
}

/// The reactive dependency graph of one component: signal → computed → effect → binding.
public struct DependencyGraph: Hashable, Sendable {
    /// For each computed (by its symbol), the signals and computeds its function reads.
    public var computedReads: [SymbolID: [SymbolID]]
    /// Each `effect(fn)` call (by its NodeID) and what it reads.
    public var effectReads: [NodeID: [SymbolID]]
    /// Every template binding, in template order.
    public var bindings: [TemplateBinding]
    public init(computedReads: [SymbolID: [SymbolID]] = [:], effectReads: [NodeID: [SymbolID]] = [:], bindings: [TemplateBinding] = []) {
        self.computedReads = computedReads; self.effectReads = effectReads; self.bindings = bindings
    }
}

/// A prop as the back ends see it.
public struct TypedProp: Hashable, Sendable {
    public var symbol: SymbolID
    public var name: String
    public var type: SemaType
    public var required: Bool
    /// The `default={…}` expression, if any (typed in `TypedComponent.types`).
    public var defaultValue: Expr?
    public init(symbol: SymbolID, name: String, type: SemaType, required: Bool, defaultValue: Expr?) {
        self.symbol = symbol; self.name = name; self.type = type; self.required = required; self.defaultValue = defaultValue
    }
}

/// A checked component: its AST plus side tables keyed by NodeID (unique within its file).
public struct TypedComponent: Hashable, Sendable {
    public var name: String
    public var file: FileID
    public var decl: ComponentDecl
    public var props: [TypedProp]
    /// All symbols of the component, indexed by `SymbolID.raw`.
    public var symbols: [Symbol]
    /// Identifier expressions (and shorthand properties) → the symbol they name.
    public var references: [NodeID: SymbolID]
    /// Declaring nodes (variable/function statements, params, each blocks' item/index IDs,
    /// props) → the symbol they declare.
    public var declarations: [NodeID: SymbolID]
    /// The type of every expression node.
    public var types: [NodeID: SemaType]
    /// Child component elements (the template node's NodeID) → the component's name.
    public var children: [NodeID: String]
    public var dependencies: DependencyGraph

    public init(name: String, file: FileID, decl: ComponentDecl, props: [TypedProp], symbols: [Symbol],
                references: [NodeID: SymbolID], declarations: [NodeID: SymbolID], types: [NodeID: SemaType],
                children: [NodeID: String], dependencies: DependencyGraph) {
        self.name = name; self.file = file; self.decl = decl; self.props = props; self.symbols = symbols
        self.references = references; self.declarations = declarations; self.types = types
        self.children = children; self.dependencies = dependencies
    }

    public func symbol(_ id: SymbolID) -> Symbol { symbols[id.raw] }
}

/// The result of the semantic core: every component, checked, in a stable order (by name,
/// then file), and every diagnostic raised.
public struct TypedProgram: Sendable {
    public var components: [TypedComponent]
    public var diagnostics: [Diagnostic]
    public init(components: [TypedComponent], diagnostics: [Diagnostic]) {
        self.components = components; self.diagnostics = diagnostics
    }
    public func component(named name: String) -> TypedComponent? { components.first { $0.name == name } }
}
