import OmniBase
import OmniSema
import OmniSyntax

// OmniIR: the lowered, typed, structured IR that the Swift and WASM back ends compile from
// (docs/ARCHITECTURE.md, "IR"). Every name is resolved to a `SymbolID` of the component's
// symbol table, every expression carries its `SemaType`, every node its source `Span`.

/// One component, lowered.
public struct IRComponent: Hashable, Sendable {
    public var name: String
    /// The display path of the source file (for `file:line` comments in generated code).
    public var path: String
    /// Every symbol the IR mentions, indexed by `SymbolID.raw`. Passes that need fresh
    /// slots (inlining) append to it; symbols are never removed, so IDs stay stable.
    public var symbols: [IRSymbol]
    public var props: [IRProp]
    /// Script-level declarations and statements, in source order (the component's setup).
    public var state: [IRDecl]
    /// `function name() {}` declarations of the script, in source order (hoisted).
    public var functions: [IRFunction]
    /// `effect(fn)` calls of the script, in source order; they run after the setup.
    public var effects: [IREffect]
    public var template: [IRNode]
    public var dependencies: IRDependencies
    public var span: Span

    public init(name: String, path: String, symbols: [IRSymbol], props: [IRProp], state: [IRDecl], functions: [IRFunction],
                effects: [IREffect], template: [IRNode], dependencies: IRDependencies, span: Span) {
        self.name = name; self.path = path; self.symbols = symbols; self.props = props; self.state = state
        self.functions = functions; self.effects = effects; self.template = template
        self.dependencies = dependencies; self.span = span
    }

    /// The symbol `id`, or a placeholder for an ID outside the table (never traps).
    public func symbol(_ id: SymbolID) -> IRSymbol {
        id.raw >= 0 && id.raw < symbols.count ? symbols[id.raw] : IRSymbol(id: id, name: "?\(id.raw)", kind: .variable, type: .error)
    }

    /// Appends a fresh symbol modelled on `template` (same name, kind and type) and returns its ID.
    public mutating func freshSymbol(like template: IRSymbol) -> SymbolID {
        let id = SymbolID(symbols.count)
        symbols.append(IRSymbol(id: id, name: template.name, kind: template.kind, type: template.type))
        return id
    }

    /// The function declared with `symbol`, if any.
    public func function(_ symbol: SymbolID) -> IRFunction? { functions.first { $0.symbol == symbol } }
}

/// A name of the component: a prop, a declaration, a parameter, a local, an `{#each}` binding.
public struct IRSymbol: Hashable, Sendable {
    public var id: SymbolID
    public var name: String
    public var kind: SymbolKind
    public var type: SemaType
    public init(id: SymbolID, name: String, kind: SymbolKind, type: SemaType) {
        self.id = id; self.name = name; self.kind = kind; self.type = type
    }
}

/// `<prop name="start" type="number" default={0} />`.
public struct IRProp: Hashable, Sendable {
    public var symbol: SymbolID
    public var name: String
    public var type: SemaType
    public var required: Bool
    /// `default={0}`: evaluated when the parent does not pass the prop.
    public var defaultValue: IRExpr?
    public var span: Span
    public init(symbol: SymbolID, name: String, type: SemaType, required: Bool, defaultValue: IRExpr?, span: Span) {
        self.symbol = symbol; self.name = name; self.type = type; self.required = required
        self.defaultValue = defaultValue; self.span = span
    }
}

/// One top-level item of the script, in source order.
public struct IRDecl: Hashable, Sendable {
    public var kind: IRDeclKind
    public var span: Span
    public init(kind: IRDeclKind, span: Span) { self.kind = kind; self.span = span }

    /// The symbol this item declares, if it declares one.
    public var symbol: SymbolID? {
        switch kind {
        case .signal(let s, _), .computed(let s, _), .constant(let s, _), .variable(let s, _): s
        case .statement: nil
        }
    }
}

public enum IRDeclKind: Hashable, Sendable {
    /// `const count = signal(props.start)`.
    case signal(SymbolID, initial: IRExpr)
    /// `const doubled = computed(() => count() * 2)`; `function` is the callable it wraps.
    case computed(SymbolID, function: IRExpr)
    /// `const secs = 60 * 60 * 24`.
    case constant(SymbolID, IRExpr)
    /// `let clicks = 0` (a plain, non-reactive variable of the component).
    case variable(SymbolID, IRExpr?)
    /// Any other statement of the setup: `if (debug) { … }`.
    case statement(IRStmt)
}

/// `function increment() { count.set(count() + 1) }`.
public struct IRFunction: Hashable, Sendable {
    public var symbol: SymbolID
    public var params: [IRParam]
    public var body: [IRStmt]
    public var returnType: SemaType
    public var span: Span
    public init(symbol: SymbolID, params: [IRParam], body: [IRStmt], returnType: SemaType, span: Span) {
        self.symbol = symbol; self.params = params; self.body = body; self.returnType = returnType; self.span = span
    }
}

/// A parameter of a function or lambda: `x`, `x: number = 1`, `...xs: number[]`.
public struct IRParam: Hashable, Sendable {
    public var symbol: SymbolID
    public var type: SemaType
    /// `= 1`: used when the argument is missing or `null`.
    public var defaultValue: IRExpr?
    public var rest: Bool
    public init(symbol: SymbolID, type: SemaType, defaultValue: IRExpr? = nil, rest: Bool = false) {
        self.symbol = symbol; self.type = type; self.defaultValue = defaultValue; self.rest = rest
    }
}

/// `effect(() => console.log(count()))` at the top level of the script.
public struct IREffect: Hashable, Sendable {
    /// The callable the effect runs (usually a `.lambda`).
    public var function: IRExpr
    /// What it reads, from the analyzer (signals and computeds).
    public var reads: [SymbolID]
    public var span: Span
    public init(function: IRExpr, reads: [SymbolID], span: Span) { self.function = function; self.reads = reads; self.span = span }
}

/// Identifies one template binding of a component (an index into `IRDependencies.bindings`).
public struct BindingID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public static func < (a: BindingID, b: BindingID) -> Bool { a.raw < b.raw }
    public var description: String { "b\(raw)" }
}

/// The reactive dependency graph: which signals each computed, effect and binding reads.
public struct IRDependencies: Hashable, Sendable {
    public var computedReads: [SymbolID: [SymbolID]]
    /// Every template binding, by `BindingID.raw`.
    public var bindings: [IRBinding]
    public init(computedReads: [SymbolID: [SymbolID]] = [:], bindings: [IRBinding] = []) {
        self.computedReads = computedReads; self.bindings = bindings
    }
}

/// A template site whose value depends on signals: the back ends update exactly these.
public struct IRBinding: Hashable, Sendable {
    public var id: BindingID
    /// Signals and computeds read, directly or through called functions.
    public var reads: [SymbolID]
    public var span: Span
    public init(id: BindingID, reads: [SymbolID], span: Span) { self.id = id; self.reads = reads; self.span = span }
}
