import OmniBase
import OmniIR
import OmniSema
import OmniSyntax

/// Server-side render functions for `.omni` components (issue #5): one
/// `omni_ssr_<Name>(_ out: inout HTMLWriter, <props>…)` per component, generated from the
/// optimized IR (the same lowering and optimization the WASM back end compiles), writing
/// the markup of `Sources/OmniWasmGen/HYDRATION.md`: the root element with `data-omni` and
/// `data-props`, then the template's initial render with the hydration markers numbered by
/// `HydrationPlan`. Constructs the server renderer cannot run are E0810 diagnostics.
public enum SSRGen {
    /// The parameter of `omni_ssr_<Name>` that makes the root a `<g>`, for a component
    /// embedded inside `<svg>` (a `<div>` there would end the SVG).
    public static let svgRoot = "omni_svg"

    /// Generated files and what went wrong.
    public struct Output: Sendable {
        /// `Sources/App/Components/<Name>.swift`, one per component that compiled.
        public var files: [(path: String, decls: [SwiftDecl])]
        /// E0810 (a construct the server renderer does not support), one per construct.
        public var diagnostics: [Diagnostic]
    }

    /// The IR optimization level the server renderer compiles (the WASM back end's default).
    public static let optimizationLevel = 2

    /// Generates the render function of every component of a checked program (one without
    /// errors). Components with E0810 diagnostics get no file.
    public static func generate(_ program: TypedProgram, sources: SourceMap) -> Output {
        var files: [(path: String, decls: [SwiftDecl])] = []
        var diagnostics: [Diagnostic] = []
        for component in program.components {
            guard let file = sources[component.file] else { continue }
            let ir = Optimizer.optimize(IRLowering.lower(component, file: file), level: optimizationLevel)
            let (decls, ds) = generate(ir, file: file)
            diagnostics += ds
            if !ds.contains(where: { $0.severity == .error }) {
                files.append((path: path(of: ir.name), decls: decls))
            }
        }
        return Output(files: files, diagnostics: diagnostics)
    }

    /// The files alone (see `generate`).
    public static func files(_ program: TypedProgram, sources: SourceMap) -> [(path: String, decls: [SwiftDecl])] {
        generate(program, sources: sources).files
    }

    /// The declarations of one (optimized) IR component's file and its diagnostics.
    /// `file` (the component's source) gives the `// path:line` notes their lines.
    public static func generate(_ component: IRComponent, file: SourceFile? = nil) -> (decls: [SwiftDecl], diagnostics: [Diagnostic]) {
        let gen = ComponentSSRGen(component, file: file)
        let function = gen.renderFunction()
        let decls: [SwiftDecl] = [.import("OmniApp"), .blank, .function(function)]
        return (decls, gen.diagnostics)
    }

    /// `Sources/App/Components/Counter.swift`.
    public static func path(of component: String) -> String { "Sources/App/Components/\(component).swift" }
}

/// Generates one component's render function. One instance per component.
final class ComponentSSRGen {
    let c: IRComponent
    let file: SourceFile?
    let plan: HydrationPlan
    var diagnostics: [Diagnostic] = []
    /// The Swift name of each symbol the code mentions.
    var names: [SymbolID: String] = [:]
    /// Prop name → the Swift parameter holding it.
    var propNames: [String: String] = [:]
    /// Symbols written by code the render runs (so declared with `var`).
    var writes: Set<SymbolID> = []
    /// Functions and computeds the render can reach.
    var reachable: Set<SymbolID> = []
    /// Functions and computeds already declared, and those being declared (recursion).
    var declared: Set<SymbolID> = []
    var declaring: Set<SymbolID> = []
    /// The statements of the function body being built.
    var body: [SwiftStmt] = []

    /// The writer parameter (the reserved prefix keeps it apart from every prop name).
    static let out = "omni_out"
    /// Names the generated code uses from the runtime and Swift: user names never shadow them.
    static let reserved: Set<String> = ["JS", "JSNumberFormat", "Double", "String", "Bool", "Int", "Int32", "UInt32",
                                        "Swift", "OmniApp", "HTMLWriter", "Array", "Optional", "Void", "_"]

    init(_ c: IRComponent, file: SourceFile?) {
        self.c = c
        self.file = file
        self.plan = HydrationPlan.make(c.template)
        assignNames()
    }

    // MARK: Diagnostics

    /// E0810: `what` cannot be rendered on the server.
    func unsupported(_ what: String, at span: Span) {
        if diagnostics.contains(where: { $0.span == span && $0.message.hasPrefix(what) }) { return }
        diagnostics.append(Diagnostic.error("E0810", "\(what) is not supported by the server renderer", at: span)
            .note("component `\(c.name)` cannot be rendered on the server")
            .helping("rewrite the construct, or leave the component out of server-rendered pages"))
    }

    // MARK: Names

    /// The user's name where it is unique in the component; `name_<id>` where two symbols
    /// share it or it would shadow a name the generated code uses.
    func assignNames() {
        var counts: [String: Int] = [:]
        for s in c.symbols { counts[s.name, default: 0] += 1 }
        for s in c.symbols {
            let clean = SwiftRenderer.isIdentifier(s.name) ? s.name : "v"
            let clash = counts[s.name, default: 0] > 1 || ComponentSSRGen.reserved.contains(clean)
                || clean.lowercased().hasPrefix("omni") || clean != s.name
            names[s.id] = clash ? "\(clean)_\(s.id.raw)" : clean
        }
        for p in c.props { propNames[p.name] = names[p.symbol] ?? p.name }
    }

    func name(_ s: SymbolID) -> String { names[s] ?? "v_\(s.raw)" }

    func note(_ span: Span) -> SourceNote {
        SourceNote(path: c.path, line: file.map { $0.location(of: Int(span.start)).line } ?? 0)
    }

    // MARK: Types

    /// The Swift type of a value of `t`, or nil (with a diagnostic) when the server
    /// renderer has no representation for it.
    func swiftType(_ t: SemaType, at span: Span) -> SwiftType? {
        switch t {
        case .number: return .double
        case .string: return .string
        case .bool: return .bool
        case .void: return .void
        case .array(let e): return swiftType(e, at: span).map { .array($0) }
        case .optional(let w): return swiftType(w, at: span).map { .optional($0) }
        case .function(let f):
            var params: [SwiftType] = []
            for p in f.params {
                guard let st = swiftType(p, at: span) else { return nil }
                params.append(st)
            }
            guard let r = swiftType(f.returns, at: span) else { return nil }
            return .function(params, returns: r)
        case .null: return .optional(.string)
        case .object: unsupported("an object value", at: span); return nil
        case .signal, .computed: unsupported("a signal used as a value", at: span); return nil
        case .event: unsupported("an event value", at: span); return nil
        case .error: unsupported("a value of unknown type", at: span); return nil
        }
    }

    // MARK: The render function

    func renderFunction() -> SwiftFunction {
        analyze()
        var params: [SwiftParam] = [SwiftParam("_", ComponentSSRGen.out, .inout(.named("HTMLWriter")))]
        for p in c.props {
            let t = swiftType(p.type, at: p.span) ?? .string
            var def: SwiftExpr? = nil
            if let d = p.defaultValue {
                guard let literal = literalDefault(d, p.type) else {
                    unsupported("a prop default that is not a literal (`\(p.name)`)", at: d.span)
                    continue
                }
                def = literal
            } else if !p.required {
                if case .optional = p.type { def = .nil } else {
                    unsupported("an optional prop without a default (`\(p.name)`)", at: p.span)
                }
            }
            params.append(SwiftParam(p.name, propNames[p.name] ?? p.name, t, default: def))
        }
        params.append(SwiftParam(SSRGen.svgRoot, SSRGen.svgRoot, .named("Bool"), default: .bool(false)))
        body = []
        writeRoot()
        emitState()
        emitEffects()
        body.append(.blank)
        body.append(.comment("The template, with the hydration markers of HYDRATION.md."))
        var html = HTMLOut()
        render(c.template, inEach: false, &html)
        flush(&html)
        body += html.code
        body.append(.expr(.call(.member(.identifier(ComponentSSRGen.out), "raw"), [
            SwiftArgument(nil, .ternary(.identifier(SSRGen.svgRoot), .string("</g>"), .string("</div>"))),
        ])))
        let propsDoc = c.props.map { "`\($0.name)`" }.joined(separator: ", ")
        return SwiftFunction(
            name: ServerNames.componentSSRFunction(c.name), params: params, body: body,
            doc: """
            Server-side render of component `\(c.name)`: its root element (`data-omni`, `data-props`) \
            and the template's initial render with hydration markers.\(propsDoc.isEmpty ? "" : " Props: \(propsDoc).")
            """,
            note: note(c.span))
    }

    /// A Swift literal for a prop's `default={…}` (literals and arrays of literals).
    func literalDefault(_ e: IRExpr, _ type: SemaType) -> SwiftExpr? {
        switch e.kind {
        case .number(let n): return .double(n)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .nil
        case .array(let args):
            var xs: [SwiftExpr] = []
            for a in args where !a.spread {
                guard let x = literalDefault(a.value, .error) else { return nil }
                xs.append(x)
            }
            return xs.count == args.count ? .array(xs) : nil
        case .unary(.negate, let x):
            if case .number(let n) = x.kind { return .double(-n) }
            return nil
        default: return nil
        }
    }

    /// Which functions and computeds the initial render reaches, and what it writes.
    func analyze() {
        var roots = SSRUses()
        for d in c.state {
            switch d.kind {
            case .signal(_, let e), .constant(_, let e): roots.visit(e)
            case .variable(_, let e): if let e { roots.visit(e) }
            case .statement(let s): roots.visit(s)
            case .computed: break
            }
        }
        for e in c.effects { roots.visit(e.function) }
        roots.visit(c.template)
        var all = roots
        var queue = Array(roots.callables)
        while let f = queue.popLast() {
            guard !reachable.contains(f) else { continue }
            reachable.insert(f)
            let uses = SSRUses.of { u in
                if let fn = c.function(f) { u.visit(fn.body) }
                if let computed = computedFunction(f) { u.visit(computed) }
            }
            all.writes.formUnion(uses.writes)
            queue += uses.callables.subtracting(reachable)
        }
        writes = all.writes
    }

    func computedFunction(_ s: SymbolID) -> IRExpr? {
        for d in c.state { if case .computed(s, let f) = d.kind { return f } }
        return nil
    }

    // MARK: State

    /// The script's setup in order: signals' initial values, constants, variables and
    /// statements; functions and computeds are declared (as closures) just before their
    /// first use, after everything they capture.
    func emitState() {
        for d in c.state {
            switch d.kind {
            case .signal(let s, let e), .constant(let s, let e):
                ensureCallables(in: e)
                let t = valueType(of: s)
                declare(s, t, e, isVar: writes.contains(s), at: d.span)
            case .variable(let s, let e):
                if let e { ensureCallables(in: e) }
                let t = valueType(of: s)
                if let e { declare(s, t, e, isVar: true, at: d.span) }
                else if let st = swiftType(t, at: d.span) {
                    body.append(.note(note(d.span)))
                    body.append(.binding(isVar: true, name: name(s), type: st, value: isOptional(t) ? .nil : nil))
                }
            case .computed(let s, _):
                if reachable.contains(s) { ensure(s) }
            case .statement(let st):
                var u = SSRUses()
                u.visit(st)
                for f in u.callables { ensure(f) }
                body.append(.note(note(d.span)))
                body += statement(st)
            }
        }
        for f in c.functions where reachable.contains(f.symbol) { ensure(f.symbol) }
        for d in c.state { if case .computed(let s, _) = d.kind, reachable.contains(s) { ensure(s) } }
    }

    /// The type of the values a declaration holds (`Signal<T>` → `T`).
    func valueType(of s: SymbolID) -> SemaType {
        switch c.symbol(s).type {
        case .signal(let t), .computed(let t): t
        case let t: t
        }
    }

    func isOptional(_ t: SemaType) -> Bool {
        if case .optional = t { return true }
        return t == .null
    }

    func declare(_ s: SymbolID, _ t: SemaType, _ e: IRExpr, isVar: Bool, at span: Span) {
        guard let st = swiftType(t, at: span) else { return }
        body.append(.note(note(span)))
        let value = coerced(e, to: t)
        if !isVar && !isMentioned(s) {
            body.append(.assign(.identifier("_"), value))
        } else {
            body.append(.binding(isVar: isVar, name: name(s), type: st, value: value))
        }
    }

    /// Whether anything the render runs reads `s` (declarations nobody reads still run their
    /// initializer, as `_ = …`, so that the setup's side effects happen in order).
    func isMentioned(_ s: SymbolID) -> Bool {
        mentioned.contains(s)
    }

    lazy var mentioned: Set<SymbolID> = {
        var finder = SymbolFinder()
        for d in c.state {
            switch d.kind {
            case .signal(_, let e), .constant(_, let e): finder.visit(e)
            case .variable(_, let e): if let e { finder.visit(e) }
            case .statement(let s): finder.visit(s)
            case .computed(let s, let f): if reachable.contains(s) { finder.visit(f) }
            }
        }
        for f in c.functions where reachable.contains(f.symbol) { finder.visit(f.body) }
        for e in c.effects { finder.visit(e.function) }
        finder.visit(c.template)
        return finder.found
    }()

    /// Declares every function and computed `e` mentions that is not declared yet.
    func ensureCallables(in e: IRExpr) {
        var u = SSRUses()
        u.visit(e)
        for f in u.callables.sorted(by: { $0.raw < $1.raw }) { ensure(f) }
    }

    /// Declares function or computed `f` (after what it calls) as a closure.
    func ensure(_ f: SymbolID) {
        guard !declared.contains(f) else { return }
        if declaring.contains(f) {
            unsupported("a recursive function (`\(c.symbol(f).name)`)", at: c.function(f)?.span ?? c.span)
            return
        }
        declaring.insert(f)
        defer { declaring.remove(f); declared.insert(f) }
        if let fn = c.function(f) {
            var u = SSRUses()
            u.visit(fn.body)
            for g in u.callables.sorted(by: { $0.raw < $1.raw }) { ensure(g) }
            guard let closure = lambda(IRLambda(params: fn.params, body: fn.body, returnType: fn.returnType), at: fn.span),
                  let t = swiftType(.function(FunctionType(params: fn.params.map(\.type), returns: fn.returnType)), at: fn.span)
            else { return }
            body.append(.note(note(fn.span)))
            body.append(.binding(isVar: false, name: name(f), type: t, value: .closure(closure)))
        } else if let computed = computedFunction(f) {
            ensureCallables(in: computed)
            let t = valueType(of: f)
            guard let st = swiftType(t, at: computed.span) else { return }
            let value: SwiftClosure
            if case .lambda(let l) = computed.kind, l.params.isEmpty {
                guard let cl = lambda(l, at: computed.span) else { return }
                value = cl
            } else {
                value = SwiftClosure(body: [.return(callExpr(computed, [], at: computed.span))])
            }
            body.append(.note(note(computed.span)))
            body.append(.binding(isVar: false, name: name(f), type: .function([], returns: st), value: .closure(value)))
        }
    }

    /// `effect(fn)` calls: each runs once after the setup, as on the client's `$i()`.
    /// Effects that only log leave nothing (the server has no console).
    func emitEffects() {
        for effect in c.effects {
            ensureCallables(in: effect.function)
            if case .lambda(let l) = effect.function.kind, l.params.isEmpty {
                var ir = l.body
                // `() => console.log(x)` is `[return console.log(x)]`: a statement, not a result.
                if let last = ir.last, case .return(let r?) = last.kind, r.type == .void { ir[ir.count - 1] = IRStmt(.expr(r), span: last.span) }
                let stmts = statements(ir)
                guard !stmts.isEmpty else { continue }
                body.append(.note(note(effect.span)))
                if SSRControlFlow.hasReturn(ir) {
                    body.append(.expr(.call(.paren(.closure(SwiftClosure(body: stmts))), [])))
                } else {
                    body += stmts
                }
            } else {
                body.append(.note(note(effect.span)))
                body.append(.expr(callExpr(effect.function, [], at: effect.span)))
            }
        }
    }

    // MARK: Root element

    func writeRoot() {
        body.append(.comment("The root element: what omni.js hydrates (HYDRATION.md §1)."))
        body.append(.expr(.call(.member(.identifier(ComponentSSRGen.out), "raw"), [SwiftArgument(nil, .ternary(
            .identifier(SSRGen.svgRoot), .string("<g data-omni=\"\(c.name)\""), .string("<div data-omni=\"\(c.name)\"")))])))
        var fields: [(SwiftExpr, SwiftExpr)] = []
        for p in c.props { fields.append((.string(p.name), .identifier(propNames[p.name] ?? p.name))) }
        let json: SwiftExpr = .call(.member(.identifier("JS"), "props"), [SwiftArgument(nil, .dictionary(fields))])
        body.append(.expr(.call(.member(.identifier(ComponentSSRGen.out), "attribute"), [SwiftArgument(nil, .string("data-props")), SwiftArgument(nil, json)])))
        body.append(.expr(.call(.member(.identifier(ComponentSSRGen.out), "raw"), [SwiftArgument(nil, .string(">"))])))
    }

}

/// Every symbol an expression, statement or template reads or writes.
struct SymbolFinder {
    var found: Set<SymbolID> = []

    mutating func visit(_ e: IRExpr) {
        var u = SSRUses()
        u.visit(e)
        found.formUnion(u.callables)
        found.formUnion(u.writes)
        collect(e)
    }

    mutating func visit(_ stmts: [IRStmt]) { for s in stmts { visit(s) } }

    mutating func visit(_ s: IRStmt) {
        switch s.kind {
        case .expr(let e): visit(e)
        case .let(let x, let e): found.insert(x); if let e { visit(e) }
        case .if(let c, let t, let f): visit(c); visit(t); visit(f)
        case .while(let c, let b): visit(c); visit(b)
        case .doWhile(let b, let c): visit(b); visit(c)
        case .for(let i, let c, let u, let b):
            visit(i)
            if let c { visit(c) }
            if let u { visit(u) }
            visit(b)
        case .forOf(let x, let xs, let b): found.insert(x); visit(xs); visit(b)
        case .return(let e): if let e { visit(e) }
        case .block(let b): visit(b)
        case .break, .continue, .unreachable: break
        }
    }

    mutating func visit(_ nodes: [IRNode]) {
        for n in nodes {
            switch n.kind {
            case .element(_, let attributes, let children):
                for a in attributes {
                    switch a.value {
                    case .dynamic(let e, _): visit(e)
                    case .interpolated(let parts, _): for case .expr(let e) in parts { visit(e) }
                    default: break
                    }
                }
                visit(children)
            case .text: break
            case .dynamicText(let e, _): visit(e)
            case .if(let branches, let els):
                for b in branches { visit(b.condition); visit(b.children) }
                if let els { visit(els) }
            case .each(let each):
                visit(each.list)
                visit(each.children)
                if let empty = each.empty { visit(empty) }
            case .component: break
            }
        }
    }

    /// Reads of locals and signals (SSRUses covers calls and writes).
    private mutating func collect(_ e: IRExpr) {
        switch e.kind {
        case .local(let s), .signalGet(let s): found.insert(s)
        case .unary(_, let x), .member(let x, _, _): collect(x)
        case .binary(_, let a, let b), .logical(_, let a, let b), .index(let a, let b, _): collect(a); collect(b)
        case .conditional(let x, let a, let b): collect(x); collect(a); collect(b)
        case .assign(_, let t, let v):
            if case .local(let s) = t { found.insert(s) }
            collect(v)
        case .update(let t, _, _): if case .local(let s) = t { found.insert(s) }
        case .signalSet(_, let v), .signalUpdate(_, let v): collect(v)
        case .call(_, let args), .builtin(_, let args), .array(let args): for a in args { collect(a.value) }
        case .callValue(let f, let args): collect(f); for a in args { collect(a.value) }
        case .method(_, let r, let args): collect(r); for a in args { collect(a.value) }
        case .object(let fields): for f in fields { collect(f.value) }
        case .template(_, let parts): for p in parts { collect(p) }
        case .lambda(let l): visit(l.body)
        default: break
        }
    }
}

extension ComponentSSRGen {
    /// `T?` → `T`.
    func unwrap(_ t: SemaType) -> SemaType {
        if case .optional(let w) = t { return w }
        return t
    }
}
