import OmniBase
import OmniSema
import OmniSyntax

/// Lowers a checked component (`TypedComponent`: AST + side tables) to an `IRComponent`.
///
/// Every identifier becomes the symbol it was resolved to, every expression takes the type
/// the checker recorded, reactive operations become explicit (`count()` → `signalGet`,
/// `count.set(v)` → `signalSet`, `props.x` → `propGet`), built-ins and methods become
/// `builtin`/`method` nodes, and template bindings carry the analyzer's binding IDs.
///
/// Programs with errors: lowering never traps and always returns a component. What it
/// cannot lower (an `.error` node of the parser, a name that did not resolve, an operator
/// the language rejects such as `in` or `delete`) becomes an `unreachable("…")` node that
/// is a runtime error if it is ever evaluated. Back ends should not compile components
/// whose program has errors; the dumps still show them.
public enum IRLowering {
    public static func lower(_ c: TypedComponent, file: SourceFile) -> IRComponent {
        var l = Lowerer(tc: c, file: file)
        return l.lowerComponent()
    }
}

struct Lowerer {
    let tc: TypedComponent
    let file: SourceFile
    /// Functions declared at the top level of the script (called with `.call`).
    var topLevelFunctions: Set<SymbolID> = []
    /// `const`/`let` declared at the top level of the script (signals and computeds among them).
    var topLevelState: Set<SymbolID> = []
    var bindings: [TemplateBinding.Site: BindingID] = [:]

    init(tc: TypedComponent, file: SourceFile) {
        self.tc = tc
        self.file = file
        for (i, b) in tc.dependencies.bindings.enumerated() where bindings[b.site] == nil { bindings[b.site] = BindingID(i) }
        for st in tc.decl.script?.statements ?? [] {
            if case .function = st.kind, let s = tc.declarations[st.id] { topLevelFunctions.insert(s) }
            if case .variable = st.kind, let s = tc.declarations[st.id] { topLevelState.insert(s) }
        }
    }

    mutating func lowerComponent() -> IRComponent {
        let symbols = tc.symbols.map { IRSymbol(id: $0.id, name: $0.name, kind: $0.kind, type: $0.type) }
        var props: [IRProp] = []
        for p in tc.props {
            let span = tc.decl.props?.props.first { $0.name.name == p.name }?.span ?? tc.decl.openTag
            props.append(IRProp(symbol: p.symbol, name: p.name, type: p.type, required: p.required,
                                defaultValue: p.defaultValue.map { lower($0) }, span: span))
        }
        var state: [IRDecl] = []
        var functions: [IRFunction] = []
        var effects: [IREffect] = []
        for st in tc.decl.script?.statements ?? [] {
            switch st.kind {
            case .function(let f):
                guard let sym = tc.declarations[st.id] else {
                    state.append(IRDecl(kind: .statement(IRStmt(.unreachable("unresolved function \(f.name.name)"), span: st.span)), span: st.span))
                    continue
                }
                let lambda = lowerFunction(f.signature, .block(f.body, span: st.span), type: symbolType(sym))
                functions.append(IRFunction(symbol: sym, params: lambda.params, body: lambda.body, returnType: lambda.returnType, span: st.span))
            case .variable(let v):
                guard let sym = tc.declarations[st.id] else {
                    state.append(IRDecl(kind: .statement(IRStmt(.unreachable("unresolved declaration \(v.name.name)"), span: st.span)), span: st.span))
                    continue
                }
                state.append(IRDecl(kind: lowerTopLevel(v, sym), span: st.span))
            case .expression(let e):
                if let (fn, _) = builtinCall(e, "effect"), let f = fn {
                    effects.append(IREffect(function: lower(f), reads: tc.dependencies.effectReads[e.id] ?? [], span: st.span))
                } else {
                    state.append(IRDecl(kind: .statement(IRStmt(.expr(lower(e)), span: st.span)), span: st.span))
                }
            case .empty:
                continue
            default:
                for s in lowerStmt(st) { state.append(IRDecl(kind: .statement(s), span: s.span)) }
            }
        }
        let template = lowerNodes(tc.decl.template?.children ?? [])
        let deps = IRDependencies(
            computedReads: tc.dependencies.computedReads,
            bindings: tc.dependencies.bindings.enumerated().map { IRBinding(id: BindingID($0.offset), reads: $0.element.reads, span: $0.element.span) })
        return IRComponent(name: tc.name, path: file.path, symbols: symbols, props: props, state: state, functions: functions,
                           effects: effects, template: template, dependencies: deps, span: tc.decl.span)
    }

    /// `const x = signal(v)` / `computed(fn)` / plain constants and variables.
    func lowerTopLevel(_ v: VariableDecl, _ sym: SymbolID) -> IRDeclKind {
        if let i = v.initializer {
            if let (arg, _) = builtinCall(i, "signal") {
                return .signal(sym, initial: arg.map { lower($0) } ?? IRExpr(.unreachable("signal() needs a value"), type: .error, span: i.span))
            }
            if let (arg, _) = builtinCall(i, "computed") {
                return .computed(sym, function: arg.map { lower($0) } ?? IRExpr(.unreachable("computed() needs a function"), type: .error, span: i.span))
            }
        }
        if v.kind == .const, let i = v.initializer { return .constant(sym, lower(i)) }
        return .variable(sym, v.initializer.map { lower($0) })
    }

    /// When `e` is `name(arg)` for the built-in `name`: its first argument (nil if missing).
    func builtinCall(_ e: Expr, _ name: String) -> (Expr?, [ArrayElement])? {
        guard case .call(let callee, let args, _) = e.kind, case .identifier = unparen(callee).kind,
              let s = tc.references[unparen(callee).id], symbolOK(s), tc.symbol(s).kind == .builtin, tc.symbol(s).name == name else { return nil }
        return (args.first.map(\.value), args)
    }

    func unparen(_ e: Expr) -> Expr {
        var e = e
        while true {
            switch e.kind {
            case .paren(let x), .asType(let x, _), .nonNull(let x): e = x
            default: return e
            }
        }
    }

    func type(_ e: Expr) -> SemaType { tc.types[e.id] ?? .error }

    func symbolOK(_ s: SymbolID) -> Bool { s.raw >= 0 && s.raw < tc.symbols.count }

    func symbolType(_ s: SymbolID) -> SemaType { symbolOK(s) ? tc.symbol(s).type : .error }

    // MARK: Functions

    /// Parameters and body of a function, arrow or method.
    func lowerFunction(_ sig: FunctionSignature, _ body: ArrowBody, type: SemaType) -> IRLambda {
        var returns = SemaType.error
        if case .function(let ft) = type { returns = ft.returns }
        let params = sig.params.map { p -> IRParam in
            let sym = tc.declarations[p.id] ?? SymbolID(-1)
            let t = symbolOK(sym) ? tc.symbol(sym).type : .error
            return IRParam(symbol: sym, type: t, defaultValue: p.defaultValue.map { lower($0) }, rest: p.rest)
        }
        switch body {
        case .expression(let e):
            return IRLambda(params: params, body: [IRStmt(.return(lower(e)), span: e.span)], returnType: returns)
        case .block(let stmts, _):
            return IRLambda(params: params, body: lowerBody(stmts), returnType: returns)
        }
    }

    // MARK: Statements

    /// A block's statements; local `function` declarations are hoisted to its start.
    func lowerBody(_ stmts: [Stmt]) -> [IRStmt] {
        var functions: [IRStmt] = []
        var rest: [IRStmt] = []
        for st in stmts {
            if case .function = st.kind { functions += lowerStmt(st) } else { rest += lowerStmt(st) }
        }
        return functions + rest
    }

    /// A statement as a list (a nested block becomes one `.block`; `;` becomes nothing).
    func lowerStmt(_ st: Stmt) -> [IRStmt] {
        let span = st.span
        switch st.kind {
        case .variable(let v):
            guard let sym = tc.declarations[st.id] else { return [IRStmt(.unreachable("unresolved declaration \(v.name.name)"), span: span)] }
            return [IRStmt(.let(sym, v.initializer.map { lower($0) }), span: span)]
        case .function(let f):
            guard let sym = tc.declarations[st.id] else { return [IRStmt(.unreachable("unresolved function \(f.name.name)"), span: span)] }
            let lambda = lowerFunction(f.signature, .block(f.body, span: span), type: symbolType(sym))
            return [IRStmt(.let(sym, IRExpr(.lambda(lambda), type: symbolType(sym), span: span)), span: span)]
        case .expression(let e):
            return [IRStmt(.expr(lower(e)), span: span)]
        case .if(let c, let t, let e):
            return [IRStmt(.if(lower(c), then: lowerNested(t), else: e.map(lowerNested) ?? []), span: span)]
        case .forOf(_, let name, let iterable, let body):
            guard let sym = tc.declarations[st.id] else { return [IRStmt(.unreachable("unresolved loop variable \(name.name)"), span: span)] }
            return [IRStmt(.forOf(sym, lower(iterable), lowerNested(body)), span: span)]
        case .for(let initializer, let condition, let update, let body):
            return [IRStmt(.for(initializer: initializer.map(lowerStmt) ?? [], condition: condition.map { lower($0) },
                                update: update.map { lower($0) }, body: lowerNested(body)), span: span)]
        case .while(let c, let body):
            return [IRStmt(.while(lower(c), lowerNested(body)), span: span)]
        case .doWhile(let body, let c):
            return [IRStmt(.doWhile(lowerNested(body), lower(c)), span: span)]
        case .return(let e):
            return [IRStmt(.return(e.map { lower($0) }), span: span)]
        case .break:
            return [IRStmt(.break, span: span)]
        case .continue:
            return [IRStmt(.continue, span: span)]
        case .block(let stmts):
            return [IRStmt(.block(lowerBody(stmts)), span: span)]
        case .empty:
            return []
        case .error:
            return [IRStmt(.unreachable("a statement with a syntax error"), span: span)]
        }
    }

    /// The body of an `if`/loop: a block's statements directly, or the one statement.
    func lowerNested(_ st: Stmt) -> [IRStmt] {
        if case .block(let stmts) = st.kind { return lowerBody(stmts) }
        return lowerStmt(st)
    }
}
