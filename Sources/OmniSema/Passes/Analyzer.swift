import OmniBase
import OmniSyntax

/// The reactive dependency analysis and the unused-declaration warnings.
///
/// Fills `DependencyGraph`: what each computed and each top-level effect reads, and every
/// template binding (text, attributes, `{#if}` conditions, `{#each}` lists, child props)
/// with the signals, computeds and props it reads — directly, inside nested functions, and
/// through the component's own functions, transitively (a visited set guards recursion).
/// Reads inside `untrack(…)` and the receivers of `.set`/`.update` are not dependencies.
///
/// Warnings: W0500 unused local, W0501 signal/computed never read, W0502 unused function,
/// W0503 unused prop, W0509 effect that reads nothing, W0510 computed that reads nothing.
final class Analyzer {
    let s: ComponentState

    /// Per function symbol: what its body reads directly and which functions it refers to.
    private var direct: [SymbolID: (reads: Set<SymbolID>, calls: Set<SymbolID>)] = [:]
    private var closure: [SymbolID: Set<SymbolID>] = [:]
    /// Value reads per symbol (assignment targets and `.set` receivers excluded).
    private var readCount: [Int] = []
    private var writeCount: [Int] = []

    init(state: ComponentState) { self.s = state }

    func run() {
        readCount = Array(repeating: 0, count: s.symbols.count)
        writeCount = Array(repeating: 0, count: s.symbols.count)
        collectFunctions()
        countUses()
        var graph = DependencyGraph()
        for (id, f) in s.computedDecls {
            let reads = readsOf(f)
            graph.computedReads[id] = reads
            if reads.isEmpty, s.types[f.id].map({ !$0.containsError }) ?? false {
                s.report(Diagnostic(.warning, "W0510", "the computed value `\(s.symbols[id.raw].name)` reads no signals", at: f.span,
                                    label: "nothing here can change",
                                    help: ["use a plain `const` for a value that never changes"]))
            }
        }
        for (call, f) in s.effectCalls {
            let reads = readsOf(f)
            graph.effectReads[call] = reads
            if reads.isEmpty, s.types[f.id].map({ !$0.containsError }) ?? false {
                s.report(Diagnostic(.warning, "W0509", "this effect reads no signals, so it runs only once", at: f.span,
                                    label: "nothing here is reactive",
                                    help: ["read a signal in it (`count()`), or run the code directly in the script"]))
            }
        }
        var bindings: [TemplateBinding] = []
        for node in s.decl.template?.children ?? [] { collectBindings(node, &bindings) }
        graph.bindings = bindings
        s.dependencies = graph
        reportUnused()
    }

    // MARK: - Reads

    /// What an expression reads, following calls into the component's functions.
    func readsOf(_ e: Expr) -> [SymbolID] {
        var reads: Set<SymbolID> = []
        var calls: Set<SymbolID> = []
        collect(e, &reads, &calls)
        var visited: Set<SymbolID> = []
        var work = Array(calls)
        while let f = work.popLast() {
            guard visited.insert(f).inserted, let d = direct[f] else { continue }
            reads.formUnion(d.reads)
            work.append(contentsOf: d.calls)
        }
        return reads.sorted()
    }

    private func collect(_ e: Expr, _ reads: inout Set<SymbolID>, _ calls: inout Set<SymbolID>) {
        var r = reads, c = calls
        ASTWalker.walkPruned(e) { visitRead($0, &r, &c) }
        reads = r
        calls = c
    }

    private func collectStmt(_ st: Stmt, _ reads: inout Set<SymbolID>, _ calls: inout Set<SymbolID>) {
        var r = reads, c = calls
        ASTWalker.walkPruned(st) { visitRead($0, &r, &c) }
        reads = r
        calls = c
    }

    /// Records what one expression node reads; false for `untrack(…)`, whose inside is not a dependency.
    private func visitRead(_ x: Expr, _ r: inout Set<SymbolID>, _ c: inout Set<SymbolID>) -> Bool {
        switch x.kind {
        case .call(let callee, _, _):
            guard case .identifier = callee.kind, let id = s.references[callee.id] else { return true }
            if case .builtin(.untrack) = s.info[id.raw].origin { return false }
            if s.symbols[id.raw].isReactive { r.insert(id) }
        case .member:
            if let id = s.references[x.id], s.symbols[id.raw].kind == .prop { r.insert(id) }
        case .identifier:
            if let id = s.references[x.id], direct[id] != nil { c.insert(id) }
        default: break
        }
        return true
    }

    /// Functions of the component: `function f` declarations and constants holding arrows.
    private func collectFunctions() {
        for (i, info) in s.info.enumerated() {
            let id = SymbolID(i)
            var r: Set<SymbolID> = [], c: Set<SymbolID> = []
            switch info.origin {
            case .function(let st, let f) where st.kind != .empty:
                direct[id] = ([], [])
                for b in f.body { collectStmt(b, &r, &c) }
                for p in f.signature.params { if let d = p.defaultValue { collect(d, &r, &c) } }
            case .variable(_, let v):
                guard let initExpr = v.initializer, Self.isFunction(initExpr) else { continue }
                direct[id] = ([], [])
                collect(initExpr, &r, &c)
            default:
                continue
            }
            direct[id] = (r, c)
        }
        // Second pass: calls collected before every function was known.
        for (i, info) in s.info.enumerated() {
            let id = SymbolID(i)
            guard direct[id] != nil else { continue }
            var r: Set<SymbolID> = [], c: Set<SymbolID> = []
            switch info.origin {
            case .function(_, let f):
                for b in f.body { collectStmt(b, &r, &c) }
                for p in f.signature.params { if let d = p.defaultValue { collect(d, &r, &c) } }
            case .variable(_, let v):
                if let initExpr = v.initializer { collect(initExpr, &r, &c) }
            default: break
            }
            direct[id] = (r, c)
        }
    }

    static func isFunction(_ e: Expr) -> Bool {
        switch e.kind {
        case .arrow, .function: true
        case .paren(let x): isFunction(x)
        default: false
        }
    }

    // MARK: - Bindings

    private func collectBindings(_ node: TemplateNode, _ out: inout [TemplateBinding]) {
        switch node.kind {
        case .text, .comment: break
        case .interpolation(let e):
            out.append(TemplateBinding(site: .text(node.id), expression: e.id, reads: readsOf(e), span: e.span))
        case .element(let el):
            let isChild = s.children[node.id] != nil
            for a in el.attributes where !a.isEvent {
                switch a.value {
                case .expression(let e):
                    out.append(TemplateBinding(site: isChild ? .childProp(a.id) : .attribute(a.id), expression: e.id, reads: readsOf(e), span: a.span))
                case .interpolated(let parts, _):
                    var reads: Set<SymbolID> = []
                    var first: NodeID?
                    for p in parts {
                        if case .expression(let e) = p { reads.formUnion(readsOf(e)); if first == nil { first = e.id } }
                    }
                    out.append(TemplateBinding(site: isChild ? .childProp(a.id) : .attribute(a.id), expression: first ?? .none,
                                               reads: reads.sorted(), span: a.span))
                default: break
                }
            }
            for c in el.children { collectBindings(c, &out) }
        case .ifBlock(let b):
            for (i, br) in b.branches.enumerated() {
                out.append(TemplateBinding(site: .ifCondition(node.id, branch: i), expression: br.condition.id,
                                           reads: readsOf(br.condition), span: br.condition.span))
                for c in br.children { collectBindings(c, &out) }
            }
            for c in b.elseChildren ?? [] { collectBindings(c, &out) }
        case .eachBlock(let b):
            out.append(TemplateBinding(site: .eachList(node.id), expression: b.iterable.id, reads: readsOf(b.iterable), span: b.iterable.span))
            for c in b.children { collectBindings(c, &out) }
            for c in b.elseChildren ?? [] { collectBindings(c, &out) }
        }
    }

    // MARK: - Unused declarations

    private func countUses() {
        var targets: Set<NodeID> = []
        var writeOnlyReceivers: Set<NodeID> = []
        func visit(_ e: Expr) {
            switch e.kind {
            case .assign(_, let t, _, _), .postfix(_, let t, _), .unary(.preIncrement, let t, _), .unary(.preDecrement, let t, _):
                var x = t
                while case .paren(let inner) = x.kind { x = inner }
                if case .identifier = x.kind { targets.insert(x.id) }
            case .call(let callee, _, _):
                if case .member(let base, let name, _) = callee.kind, name.name == "set" || name.name == "update",
                   case .identifier = base.kind { writeOnlyReceivers.insert(base.id) }
            default: break
            }
            if case .identifier = e.kind, let id = s.references[e.id] {
                if targets.contains(e.id) || writeOnlyReceivers.contains(e.id) {
                    writeCount[id.raw] += 1
                } else if !isSelfReference(e, id) {
                    readCount[id.raw] += 1
                }
            }
            if case .member = e.kind, let id = s.references[e.id] { readCount[id.raw] += 1 }
        }
        for p in s.signature.props { if let d = p.decl.defaultValue { ASTWalker.walk(d, visit) } }
        for st in s.decl.script?.statements ?? [] { ASTWalker.walk(st, visit) }
        for node in s.decl.template?.children ?? [] { walkTemplate(node, visit) }
    }

    /// A function's references to itself (recursion) do not make it used.
    private func isSelfReference(_ e: Expr, _ id: SymbolID) -> Bool {
        switch s.info[id.raw].origin {
        case .function(let st, _): st.span.contains(e.span)
        case .variable(let st, let v): v.initializer.map { Self.isFunction($0) } == true && st.span.contains(e.span)
        default: false
        }
    }

    private func walkTemplate(_ node: TemplateNode, _ visit: (Expr) -> Void) {
        switch node.kind {
        case .text, .comment: break
        case .interpolation(let e): ASTWalker.walk(e, visit)
        case .element(let el):
            for a in el.attributes {
                switch a.value {
                case .expression(let e): ASTWalker.walk(e, visit)
                case .interpolated(let parts, _): for p in parts { if case .expression(let e) = p { ASTWalker.walk(e, visit) } }
                default: break
                }
            }
            for c in el.children { walkTemplate(c, visit) }
        case .ifBlock(let b):
            for br in b.branches {
                ASTWalker.walk(br.condition, visit)
                for c in br.children { walkTemplate(c, visit) }
            }
            for c in b.elseChildren ?? [] { walkTemplate(c, visit) }
        case .eachBlock(let b):
            ASTWalker.walk(b.iterable, visit)
            if let k = b.key { ASTWalker.walk(k, visit) }
            for c in b.children { walkTemplate(c, visit) }
            for c in b.elseChildren ?? [] { walkTemplate(c, visit) }
        }
    }

    private func reportUnused() {
        for sym in s.symbols where readCount[sym.id.raw] == 0 && !sym.name.isEmpty && !sym.name.hasPrefix("_") {
            let written = writeCount[sym.id.raw] > 0
            let info = s.info[sym.id.raw]
            switch sym.kind {
            case .prop:
                s.report(Diagnostic(.warning, "W0503", "the prop `\(sym.name)` is never used", at: sym.span,
                                    label: "declared here", help: ["read it as `props.\(sym.name)`, or remove it"]))
            case .function:
                if case .function(let st, _) = info.origin, st.kind == .empty { continue }
                s.report(Diagnostic(.warning, "W0502", "the function `\(sym.name)` is never used", at: sym.span,
                                    label: "declared here", help: ["remove it, or use it (e.g. `@click={\(sym.name)}`)"]))
            case .constant, .variable, .eachItem, .eachIndex:
                if case .variable(_, let v) = info.origin, let i = v.initializer, Self.isFunction(i) {
                    s.report(Diagnostic(.warning, "W0502", "the function `\(sym.name)` is never used", at: sym.span,
                                        label: "declared here", help: ["remove it, or prefix its name with `_`"]))
                } else if sym.isReactive {
                    let kind = if case .signal = sym.type { "signal" } else { "computed value" }
                    s.report(Diagnostic(.warning, "W0501", "the \(kind) `\(sym.name)` is never read", at: sym.span,
                                        label: written ? "set, but nothing reads it" : "declared here",
                                        help: ["read it with `\(sym.name)()` in the template or a computed, or remove it"]))
                } else {
                    s.report(Diagnostic(.warning, "W0500", "`\(sym.name)` is \(written ? "assigned but never read" : "never used")", at: sym.span,
                                        label: "declared here",
                                        help: ["remove it, or prefix its name with `_` to keep it"]))
                }
            default:
                break
            }
        }
    }
}

