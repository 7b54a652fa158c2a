import OmniBase
import OmniSyntax

/// Where a symbol comes from: tells the type checker how to type it and the analyzer how
/// it is used.
enum SymbolOrigin {
    case builtin(Builtin)
    case propsObject
    case prop(Int)
    case variable(Stmt, VariableDecl)
    case function(Stmt, FunctionDecl)
    case parameter(Param)
    case forOf(Stmt)
    case eachItem
    case eachIndex
}

/// How far the type checker has got with a symbol's type.
enum TypeState { case pending, inProgress, done }

/// What the passes know about a symbol beyond the public `Symbol`.
struct SymbolInfo {
    var origin: SymbolOrigin
    /// How many function bodies enclose the declaration (0: the script's top level or the template).
    var functionDepth: Int
    var state: TypeState
    /// True when declared at the top level of the component's script (or a prop / built-in).
    var isTopLevel: Bool
}

/// The shared working state of one component while its passes run.
final class ComponentState {
    let file: SourceFile
    let decl: ComponentDecl
    let signature: ComponentSignature
    var symbols: [Symbol] = []
    var info: [SymbolInfo] = []
    var references: [NodeID: SymbolID] = [:]
    var declarations: [NodeID: SymbolID] = [:]
    var types: [NodeID: SemaType] = [:]
    var children: [NodeID: String] = [:]
    var diagnostics: [Diagnostic] = []
    var dependencies = DependencyGraph()
    /// The symbol of `props`, and of each prop in declaration order.
    var propsSymbol = SymbolID(0)
    var propSymbols: [SymbolID] = []
    /// Built-in symbols by name, created when first referenced.
    var builtinSymbols: [Builtin: SymbolID] = [:]
    /// Every `effect(…)` call at the script's top level (its call node and its function).
    var effectCalls: [(call: NodeID, function: Expr)] = []
    /// Every `computed(…)` declaration (its symbol and its function).
    var computedDecls: [(symbol: SymbolID, function: Expr)] = []

    init(file: SourceFile, decl: ComponentDecl, signature: ComponentSignature) {
        self.file = file
        self.decl = decl
        self.signature = signature
    }

    var fileID: FileID { file.id }

    @discardableResult
    func addSymbol(_ name: String, _ kind: SymbolKind, span: Span, declaration: NodeID, origin: SymbolOrigin,
                   functionDepth: Int, isTopLevel: Bool, type: SemaType = .error, state: TypeState = .pending) -> SymbolID {
        let id = SymbolID(symbols.count)
        symbols.append(Symbol(id: id, name: name, kind: kind, type: type, span: span, declaration: declaration))
        info.append(SymbolInfo(origin: origin, functionDepth: functionDepth, state: state, isTopLevel: isTopLevel))
        if declaration != .none { declarations[declaration] = id }
        return id
    }

    /// The symbol of a built-in, created on first use.
    func builtin(_ b: Builtin) -> SymbolID {
        if let id = builtinSymbols[b] { return id }
        let id = addSymbol(b.rawValue, .builtin, span: .point(fileID, 0), declaration: .none, origin: .builtin(b),
                           functionDepth: 0, isTopLevel: true, type: b.valueType, state: .done)
        builtinSymbols[b] = id
        return id
    }

    func report(_ d: Diagnostic) { diagnostics.append(d) }

    func text(_ span: Span) -> String { file.text(span) }

    func typedComponent() -> TypedComponent {
        let props = signature.props.enumerated().map { i, p in
            TypedProp(symbol: propSymbols[i], name: p.name, type: p.type, required: p.required, defaultValue: p.decl.defaultValue)
        }
        return TypedComponent(name: decl.name.name, file: file.id, decl: decl, props: props, symbols: symbols,
                              references: references, declarations: declarations, types: types,
                              children: children, dependencies: dependencies)
    }
}
