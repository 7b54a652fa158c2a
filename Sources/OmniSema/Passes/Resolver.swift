import OmniBase
import OmniSyntax

/// Name resolution: builds the scopes of a component (props, script top level, functions,
/// blocks, `for` bindings, `{#each}` bindings), creates a symbol for every declaration and
/// links every identifier to its symbol.
///
/// Reports unknown names (E0300, did-you-mean with a fix-it), duplicate declarations in one
/// scope (E0301), `const`/`let` used before their declaration in the same function (E0302;
/// functions are hoisted), assignment to a constant (E0303) and to a prop (E0304).
final class Resolver {
    let s: ComponentState

    private struct Scope {
        var names: [String: SymbolID] = [:]
        /// `const`/`let` of this scope not declared yet (their uses are E0302).
        var pending: Set<String> = []
        var functionDepth: Int
    }
    private var scopes: [Scope] = []
    private var functionDepth = 0

    init(state: ComponentState) { self.s = state }

    func run() {
        let file = s.fileID
        s.propsSymbol = s.addSymbol("props", .propsObject, span: .point(file, 0), declaration: .none, origin: .propsObject,
                                    functionDepth: 0, isTopLevel: true,
                                    type: .object(s.signature.props.map { ShapeField(name: $0.name, type: $0.type) }), state: .done)
        for (i, p) in s.signature.props.enumerated() {
            s.propSymbols.append(s.addSymbol(p.name, .prop, span: p.nameSpan, declaration: p.decl.id, origin: .prop(i),
                                             functionDepth: 0, isTopLevel: true, type: p.type, state: .done))
        }
        // Defaults are evaluated before the script: only built-ins are in scope.
        scopes = [Scope(functionDepth: 0)]
        for p in s.signature.props { if let d = p.decl.defaultValue { resolve(d) } }

        scopes = [Scope(functionDepth: 0)]
        resolveBlockBody(s.decl.script?.statements ?? [], topLevel: true)
        for node in s.decl.template?.children ?? [] { resolve(node) }
        scopes = []
    }

    // MARK: - Declarations

    private func declare(_ name: Identifier, _ kind: SymbolKind, declaration: NodeID, origin: SymbolOrigin, pending: Bool = false) -> SymbolID {
        let topLevel = scopes.count == 1 && functionDepth == 0
        if let existing = scopes[scopes.count - 1].names[name.name], !name.name.isEmpty {
            s.report(Diagnostic(.error, "E0301", "`\(name.name)` is declared twice in the same scope", at: name.span,
                                label: "declared again here", labels: [Label(s.symbols[existing.raw].span, "first declared here")],
                                help: ["rename one of them"]))
            let id = s.addSymbol(name.name, kind, span: name.span, declaration: declaration, origin: origin,
                                 functionDepth: functionDepth, isTopLevel: topLevel)
            return id
        }
        let id = s.addSymbol(name.name, kind, span: name.span, declaration: declaration, origin: origin,
                             functionDepth: functionDepth, isTopLevel: topLevel)
        scopes[scopes.count - 1].names[name.name] = id
        if pending { scopes[scopes.count - 1].pending.insert(name.name) }
        return id
    }

    /// Hoists the functions of a block and marks its `const`/`let` as pending, then resolves it.
    private func resolveBlockBody(_ stmts: [Stmt], topLevel: Bool = false) {
        for st in stmts {
            switch st.kind {
            case .function(let f):
                _ = declare(f.name, .function, declaration: st.id, origin: .function(st, f))
            case .variable(let v):
                _ = declare(v.name, v.kind == .const ? .constant : .variable, declaration: st.id, origin: .variable(st, v), pending: true)
            default: break
            }
        }
        for st in stmts { resolve(st) }
    }

    private func withScope(function: Bool = false, _ body: () -> Void) {
        if function { functionDepth += 1 }
        scopes.append(Scope(functionDepth: functionDepth))
        body()
        scopes.removeLast()
        if function { functionDepth -= 1 }
    }

    // MARK: - Statements

    private func resolve(_ st: Stmt) {
        switch st.kind {
        case .variable(let v):
            if s.declarations[st.id] == nil {
                _ = declare(v.name, v.kind == .const ? .constant : .variable, declaration: st.id, origin: .variable(st, v), pending: true)
            }
            if let i = v.initializer { resolve(i) }
            scopes[scopes.count - 1].pending.remove(v.name.name)
        case .function(let f):
            if s.declarations[st.id] == nil { _ = declare(f.name, .function, declaration: st.id, origin: .function(st, f)) }
            resolveFunction(f.signature, name: nil, body: f.body)
        case .expression(let e):
            resolve(e)
        case .if(let c, let then, let els):
            resolve(c)
            withScope { resolve(then) }
            if let els { withScope { resolve(els) } }
        case .forOf(let binding, let name, let iterable, let body):
            resolve(iterable)
            withScope {
                _ = declare(name, binding == .const ? .constant : .variable, declaration: st.id, origin: .forOf(st))
                resolve(body)
            }
        case .for(let initializer, let condition, let update, let body):
            withScope {
                if let initializer {
                    if case .variable(let v) = initializer.kind {
                        _ = declare(v.name, v.kind == .const ? .constant : .variable, declaration: initializer.id,
                                    origin: .variable(initializer, v), pending: true)
                    }
                    resolve(initializer)
                }
                if let condition { resolve(condition) }
                if let update { resolve(update) }
                withScope { resolve(body) }
            }
        case .while(let c, let body):
            resolve(c)
            withScope { resolve(body) }
        case .doWhile(let body, let c):
            withScope { resolve(body) }
            resolve(c)
        case .return(let e):
            if let e { resolve(e) }
        case .block(let stmts):
            withScope { resolveBlockBody(stmts) }
        case .break, .continue, .empty, .error:
            break
        }
    }

    private func resolveFunction(_ sig: FunctionSignature, name: Identifier?, body: [Stmt]) {
        withScope(function: true) {
            for p in sig.params { if let d = p.defaultValue { resolve(d) } }
            for p in sig.params { _ = declare(p.name, .parameter, declaration: p.id, origin: .parameter(p)) }
            resolveBlockBody(body)
        }
    }

    // MARK: - Expressions

    private func resolve(_ e: Expr) {
        switch e.kind {
        case .number, .string, .bool, .null, .error:
            break
        case .identifier(let name):
            if let id = lookup(name, span: e.span) { s.references[e.id] = id }
        case .template(_, let exprs):
            for x in exprs { resolve(x) }
        case .array(let elements):
            for el in elements { resolve(el.value) }
        case .object(let props):
            for p in props {
                switch p.kind {
                case .keyValue(_, let value, _): resolve(value)
                case .computed(let key, let value): resolve(key); resolve(value)
                case .spread(let x): resolve(x)
                case .method(_, let sig, let body): resolveFunction(sig, name: nil, body: body)
                }
            }
        case .unary(let op, let x, _):
            resolve(x)
            if op == .preIncrement || op == .preDecrement { checkAssignable(x, e) }
        case .postfix(_, let x, _):
            resolve(x)
            checkAssignable(x, e)
        case .binary(_, let a, let b, _):
            resolve(a); resolve(b)
        case .assign(_, let target, let value, _):
            resolve(target); resolve(value)
            checkAssignable(target, e)
        case .conditional(let c, let a, let b):
            resolve(c); resolve(a); resolve(b)
        case .call(let callee, let args, _):
            resolve(callee)
            for a in args { resolve(a.value) }
        case .member(let base, _, _):
            resolve(base)
        case .index(let base, let i, _):
            resolve(base); resolve(i)
        case .arrow(let sig, let body):
            withScope(function: true) {
                for p in sig.params { if let d = p.defaultValue { resolve(d) } }
                for p in sig.params { _ = declare(p.name, .parameter, declaration: p.id, origin: .parameter(p)) }
                switch body {
                case .expression(let x): resolve(x)
                case .block(let stmts, _): resolveBlockBody(stmts)
                }
            }
        case .function(let name, let sig, let body):
            if let name {
                withScope {
                    _ = declare(name, .function, declaration: e.id, origin: .function(Stmt(id: e.id, kind: .empty, span: e.span),
                                                                                      FunctionDecl(name: name, signature: sig, body: body)))
                    resolveFunction(sig, name: name, body: body)
                }
            } else {
                resolveFunction(sig, name: nil, body: body)
            }
        case .paren(let x), .nonNull(let x), .asType(let x, _):
            resolve(x)
        case .sequence(let xs):
            for x in xs { resolve(x) }
        }
    }

    private func lookup(_ name: String, span: Span) -> SymbolID? {
        for scope in scopes.reversed() {
            guard let id = scope.names[name] else { continue }
            if scope.pending.contains(name) && scope.functionDepth == functionDepth {
                let decl = s.symbols[id.raw].span
                s.report(Diagnostic(.error, "E0302", "`\(name)` is used before its declaration", at: span,
                                    label: "used here", labels: [Label(decl, "`\(name)` is declared here")],
                                    help: ["move the declaration of `\(name)` above its first use"]))
            }
            return id
        }
        if name == "props" { return s.propsSymbol }
        if let b = Builtin.byName[name] { return s.builtin(b) }
        var candidates = Set(scopes.flatMap { $0.names.keys })
        candidates.insert("props")
        candidates.formUnion(Builtin.byName.keys)
        var d = Diagnostic(.error, "E0300", "cannot find `\(name)` in this scope", at: span, label: "not found")
        if let guess = EditDistance.bestMatch(for: name, in: candidates.sorted()) {
            d = d.helping("did you mean `\(guess)`?").fixing(.replace(span, with: guess, "use `\(guess)`"))
        } else if s.signature.prop(name) != nil {
            d = d.helping("props are read as `props.\(name)`").fixing(.insert("props.", at: span, "read the prop"))
        }
        s.report(d)
        return nil
    }

    /// Assignment targets: constants (E0303) and props (E0304) are read-only.
    private func checkAssignable(_ target: Expr, _ assignment: Expr) {
        var t = target
        while case .paren(let inner) = t.kind { t = inner }
        switch t.kind {
        case .identifier(let name):
            guard let id = s.references[t.id] else { return }
            let sym = s.symbols[id.raw]
            switch sym.kind {
            case .constant, .function, .builtin, .eachItem, .eachIndex:
                var d = Diagnostic(.error, "E0303", "cannot assign to `\(name)`, which is a \(Self.describe(sym.kind))", at: assignment.span,
                                   label: "assignment to a constant")
                if sym.kind != .builtin { d = d.labeled(sym.span, "`\(name)` is declared here") }
                if case .variable(_, let v) = s.info[id.raw].origin, let initializer = v.initializer, Self.isCall(initializer, to: "signal"),
                   case .assign(.assign, _, let value, _) = assignment.kind {
                    let replacement = "\(name).set(\(s.text(value.span)))"
                    d = d.helping("`\(name)` is a signal: change its value with `\(name).set(…)`")
                        .fixing(.replace(assignment.span, with: replacement, "use `\(name).set`"))
                } else if sym.kind == .constant, case .variable(let st, _) = s.info[id.raw].origin {
                    d = d.helping("declare it with `let` to make it assignable")
                        .fixing(.replace(Span(file: st.span.file, start: st.span.start, end: st.span.start + 5), with: "let", "declare with `let`"))
                }
                s.report(d)
            case .propsObject:
                s.report(Diagnostic(.error, "E0304", "cannot assign to `props`", at: assignment.span, label: "props are read-only"))
            default: break
            }
        case .member(let base, let name, _):
            guard case .identifier = base.kind, let id = s.references[base.id], id == s.propsSymbol else { return }
            var d = Diagnostic(.error, "E0304", "cannot assign to the prop `\(name.name)`", at: assignment.span,
                               label: "props are read-only",
                               help: ["to change it locally, copy it into a signal: `const \(name.name) = signal(props.\(name.name))`"])
            if let p = s.signature.prop(name.name) { d = d.labeled(p.nameSpan, "`\(name.name)` is declared here") }
            s.report(d)
        default:
            break
        }
    }

    static func describe(_ kind: SymbolKind) -> String {
        switch kind {
        case .constant: "constant"
        case .function: "function"
        case .builtin: "built-in"
        case .eachItem: "`{#each}` item"
        case .eachIndex: "`{#each}` index"
        default: kind.rawValue
        }
    }

    static func isCall(_ e: Expr, to name: String) -> Bool {
        if case .call(let callee, _, _) = e.kind, case .identifier(let n) = callee.kind { return n == name }
        return false
    }

    // MARK: - Template

    private func resolve(_ node: TemplateNode) {
        switch node.kind {
        case .text, .comment:
            break
        case .interpolation(let e):
            resolve(e)
        case .element(let el):
            for a in el.attributes { resolve(a) }
            for c in el.children { resolve(c) }
        case .ifBlock(let b):
            for br in b.branches {
                resolve(br.condition)
                withScope { for c in br.children { resolve(c) } }
            }
            if let els = b.elseChildren { withScope { for c in els { resolve(c) } } }
        case .eachBlock(let b):
            resolve(b.iterable)
            withScope {
                _ = declare(b.item, .eachItem, declaration: b.itemID, origin: .eachItem)
                if let index = b.index, let indexID = b.indexID {
                    _ = declare(index, .eachIndex, declaration: indexID, origin: .eachIndex)
                }
                if let k = b.key { resolve(k) }
                for c in b.children { resolve(c) }
            }
            if let els = b.elseChildren { withScope { for c in els { resolve(c) } } }
        }
    }

    private func resolve(_ a: Attribute) {
        switch a.value {
        case .none, .literal: break
        case .expression(let e): resolve(e)
        case .interpolated(let parts, _):
            for p in parts { if case .expression(let e) = p { resolve(e) } }
        }
    }
}
