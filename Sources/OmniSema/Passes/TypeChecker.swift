import OmniBase
import OmniSyntax

/// Type checking with inference of props, the script and (through `TemplateChecker`) the
/// template's expressions. Declarations are typed in order; a declaration needed earlier
/// (from a function body, or a hoisted function) is typed on demand. Every expression's type
/// goes into `ComponentState.types`.
///
/// Statements and declarations live here; expressions in `TypeChecker+Expressions.swift`,
/// calls in `+Calls`, members in `+Members`, null narrowing in `+Narrowing`.
final class TypeChecker {
    let s: ComponentState
    var annotations = TypeAnnotations()
    /// Narrowed types of paths (`s3`, `s3.name`, `s5()`), from `!= null` checks.
    var narrowed: [String: SemaType] = [:]
    var functions: [FunctionContext] = []
    /// Function declarations (by statement ID) whose bodies have been checked.
    var checkedBodies: Set<NodeID> = []

    /// What the checker knows about the function whose body it is in.
    struct FunctionContext {
        /// The annotated return type, or nil when it is inferred.
        var declaredReturn: SemaType?
        /// The types of the `return` statements seen (for inference), with their spans.
        var returns: [(SemaType, Span)] = []
        /// True at the top level of the script, where signals may be created.
        var isScriptTopLevel: Bool
        /// True in the template (neither the script nor a function).
        var isTemplate = false
    }

    init(state: ComponentState) { self.s = state }

    func run() {
        for (i, p) in s.signature.props.enumerated() {
            guard let d = p.decl.defaultValue else { continue }
            functions = [FunctionContext(isScriptTopLevel: false)]
            let t = check(d, expected: p.declaredType)
            requireAssignable(t, to: p.declaredType, d, what: "the default of `\(p.name)`", declared: p.decl.type?.span)
            _ = i
        }
        functions = [FunctionContext(isScriptTopLevel: true)]
        checkBlock(s.decl.script?.statements ?? [])
        flushAnnotations()
    }

    func flushAnnotations() {
        s.diagnostics.append(contentsOf: annotations.diagnostics)
        annotations.diagnostics = []
    }

    func resolveType(_ t: TypeExpr) -> SemaType { annotations.resolve(t) }

    // MARK: - Symbols

    /// The type of a symbol, typing its declaration now if it has not been reached yet.
    func typeOf(_ id: SymbolID) -> SemaType {
        let info = s.info[id.raw]
        switch info.state {
        case .done: return s.symbols[id.raw].type
        case .inProgress:
            if s.symbols[id.raw].type != .error { return s.symbols[id.raw].type }
            let sym = s.symbols[id.raw]
            s.report(Diagnostic(.error, "E0328", "the type of `\(sym.name)` depends on itself", at: sym.span,
                                label: "`\(sym.name)` is used while its own type is being inferred",
                                help: [sym.kind == .function ? "annotate its return type: `function \(sym.name)(…): number`"
                                                             : "annotate its type: `const \(sym.name): Computed<number> = …`"]))
            s.info[id.raw].state = .done
            return .error
        case .pending:
            switch info.origin {
            case .variable(let st, let v):
                onDemand(info) { checkVariable(st, v) }
            case .function(let st, let f) where st.kind != .empty:
                onDemand(info) { _ = functionSignature(st, f) }
            default:
                return s.symbols[id.raw].type
            }
            return s.info[id.raw].state == .pending ? .error : s.symbols[id.raw].type
        }
    }

    /// Checks a declaration out of order, in the context it was declared in.
    private func onDemand(_ info: SymbolInfo, _ body: () -> Void) {
        let savedNarrowed = narrowed, savedFunctions = functions
        narrowed = [:]
        functions = [FunctionContext(isScriptTopLevel: info.isTopLevel && info.functionDepth == 0)]
        body()
        narrowed = savedNarrowed
        functions = savedFunctions
    }

    func setType(_ id: SymbolID, _ t: SemaType, state: TypeState = .done) {
        s.symbols[id.raw].type = t
        s.info[id.raw].state = state
    }

    // MARK: - Statements

    func checkBlock(_ stmts: [Stmt]) {
        let before = narrowed
        var exited = false, warned = false
        for st in stmts {
            if exited && !warned {
                switch st.kind {
                case .function, .empty, .error: break
                default:
                    warned = true
                    s.report(Diagnostic(.warning, "W0508", "unreachable code", at: st.span, label: "this never runs",
                                        notes: ["the statements before it always leave the block"]))
                }
            }
            checkStatement(st)
            if Self.exits(st) { exited = true }
        }
        narrowed = before.filter { narrowed[$0.key] != nil }
    }

    func checkStatement(_ st: Stmt) {
        switch st.kind {
        case .variable(let v):
            checkVariable(st, v)
        case .function(let f):
            _ = functionSignature(st, f)
            checkFunctionBody(st, f)
        case .expression(let e):
            check(e)
        case .if(let c, let then, let els):
            let facts = checkCondition(c, "an `if` condition")
            let before = narrowed
            narrowed.merge(facts.whenTrue) { $1 }
            checkStatement(then)
            let afterThen = narrowed
            narrowed = before
            narrowed.merge(facts.whenFalse) { $1 }
            if let els { checkStatement(els) }
            let afterElse = narrowed
            narrowed = before.filter { afterThen[$0.key] != nil && afterElse[$0.key] != nil }
            // `if (x == null) return` narrows what follows.
            if Self.exits(then) && (els == nil || !Self.exits(els!)) {
                narrowed.merge(facts.whenFalse) { $1 }
            } else if let els, Self.exits(els), !Self.exits(then) {
                narrowed.merge(facts.whenTrue) { $1 }
            }
        case .forOf(_, let name, let iterable, let body):
            let t = check(iterable)
            var element = SemaType.error
            switch t {
            case .array(let e): element = e
            case .error: break
            default:
                if !reportSignalValue(t, iterable, "a list to loop over") {
                    s.report(Diagnostic(.error, "E0337", "`for … of` needs an array, found \(t.quoted)", at: iterable.span,
                                        label: "this is a \(t.quoted)"))
                }
            }
            if let id = s.declarations[st.id] { setType(id, element) }
            _ = name
            checkLoopBody(body)
        case .for(let initializer, let condition, let update, let body):
            if let initializer { checkStatement(initializer) }
            let facts = condition.map { checkCondition($0, "a loop condition") }
            let before = narrowed
            if let facts { narrowed.merge(facts.whenTrue) { $1 } }
            checkLoopBody(body)
            if let update { check(update) }
            narrowed = before.filter { narrowed[$0.key] != nil }
        case .while(let c, let body):
            let facts = checkCondition(c, "a loop condition")
            let before = narrowed
            narrowed.merge(facts.whenTrue) { $1 }
            checkLoopBody(body)
            narrowed = before.filter { narrowed[$0.key] != nil }
        case .doWhile(let body, let c):
            checkLoopBody(body)
            _ = checkCondition(c, "a loop condition")
        case .return(let e):
            checkReturn(e, st)
        case .block(let stmts):
            checkBlock(stmts)
        case .break, .continue, .empty, .error:
            break
        }
    }

    private func checkLoopBody(_ body: Stmt) {
        // A loop body may run again after it assigned: forget what it assigns.
        invalidateAssigned(in: body)
        checkStatement(body)
    }

    private func checkReturn(_ e: Expr?, _ st: Stmt) {
        guard let ctx = functions.last else { return }
        if ctx.isScriptTopLevel || ctx.isTemplate {
            // The parser reports `return` outside a function (E0127).
            if let e { check(e) }
            return
        }
        if let declared = ctx.declaredReturn {
            if let e {
                let t = check(e, expected: declared == .void ? nil : declared)
                if declared == .void {
                    if t != .void && !t.containsError {
                        s.report(Diagnostic(.error, "E0315", "this function returns nothing, but a value is returned", at: e.span,
                                            label: "this is a \(t.quoted)", help: ["remove the value, or declare the return type"]))
                    }
                } else {
                    requireAssignable(t, to: declared, e, what: "the return value")
                }
            } else if declared != .void && !declared.isOptional && declared != .error {
                s.report(Diagnostic(.error, "E0315", "this function must return a \(declared.quoted)", at: st.span,
                                    label: "returns nothing"))
            }
        } else {
            let t = e.map { check($0) } ?? .null
            functions[functions.count - 1].returns.append((t, e?.span ?? st.span))
        }
    }

    // MARK: - Declarations

    func checkVariable(_ st: Stmt, _ v: VariableDecl) {
        guard let id = s.declarations[st.id], s.info[id.raw].state == .pending else {
            return
        }
        s.info[id.raw].state = .inProgress
        let annotated = v.type.map(resolveType)
        if let annotated { s.symbols[id.raw].type = annotated }
        var final = annotated ?? .error
        if let initializer = v.initializer {
            let t = check(initializer, expected: annotated)
            if let annotated {
                requireAssignable(t, to: annotated, initializer, what: "`\(v.name.name)`", declared: v.type?.span)
            } else if t == .void {
                s.report(Diagnostic(.error, "E0315", "`\(v.name.name)` would hold the result of a call that returns nothing", at: initializer.span,
                                    label: "this returns `void`"))
                final = .error
            } else if t.containsBareNull {
                s.report(Diagnostic(.error, "E0319", "cannot infer the type of `\(v.name.name)`", at: initializer.span,
                                    label: "this is only `null`",
                                    help: ["annotate it: `\(v.kind.rawValue) \(v.name.name): string? = null`"],
                                    fixes: [.insert(": string?", at: v.name.span.endPoint, "annotate it")]))
                final = .error
            } else {
                final = t
            }
        } else if annotated == nil {
            s.report(Diagnostic(.error, "E0319", "cannot infer the type of `\(v.name.name)`", at: v.name.span,
                                label: "no type and no initial value",
                                help: ["annotate it (`let \(v.name.name): number`) or give it a value (`let \(v.name.name) = 0`)"]))
        }
        setType(id, final)
        if let initializer = v.initializer, Resolver.isCall(initializer, to: "computed"),
           case .call(_, let args, _) = initializer.kind, let f = args.first, s.info[id.raw].isTopLevel {
            s.computedDecls.append((id, f.value))
        }
    }

    /// The type of a declared function: parameters from annotations (or defaults), the return
    /// type from its annotation or, when there is none, inferred from its body (checked now).
    @discardableResult
    func functionSignature(_ st: Stmt, _ f: FunctionDecl) -> SemaType {
        guard let id = s.declarations[st.id] else { return .error }
        switch s.info[id.raw].state {
        case .done: return s.symbols[id.raw].type
        case .inProgress: return typeOf(id)
        case .pending: break
        }
        s.info[id.raw].state = .inProgress
        let (params, required, rest) = parameterTypes(f.signature, expected: nil)
        if let r = f.signature.returnType {
            let ret = resolveType(r)
            setType(id, .function(FunctionType(params: params, required: required, rest: rest, returns: ret)))
        } else {
            let ret = checkFunctionBody(st, f, params: (params, required, rest))
            if s.info[id.raw].state == .inProgress {
                setType(id, .function(FunctionType(params: params, required: required, rest: rest, returns: ret)))
            }
        }
        return s.symbols[id.raw].type
    }

    /// Checks a function declaration's body once; returns the inferred return type.
    @discardableResult
    func checkFunctionBody(_ st: Stmt, _ f: FunctionDecl, params: ([SemaType], Int, SemaType?)? = nil) -> SemaType {
        guard checkedBodies.insert(st.id).inserted else {
            if let id = s.declarations[st.id], case .function(let ft) = s.symbols[id.raw].type { return ft.returns }
            return .error
        }
        var declared: SemaType?
        if let r = f.signature.returnType { declared = resolveType(r) }
        let result = checkBody(declared: declared, name: f.name, span: f.name.span) { checkBlock(f.body) }
        if let r = declared, r != .void, !r.isOptional, r != .error, !Self.alwaysReturns(f.body) {
            s.report(Diagnostic(.error, "E0341", "`\(f.name.name)` can end without returning a \(r.quoted)", at: f.name.span,
                                label: "not every path returns a value",
                                help: ["add a `return` at the end of `\(f.name.name)`"]))
        }
        return result
    }

    /// Runs `body` as a function body; infers the return type when none is declared.
    func checkBody(declared: SemaType?, name: Identifier?, span: Span, _ body: () -> Void) -> SemaType {
        let savedNarrowed = narrowed
        narrowed = narrowed.filter { isStable($0.key) }
        functions.append(FunctionContext(declaredReturn: declared, isScriptTopLevel: false))
        body()
        let ctx = functions.removeLast()
        narrowed = savedNarrowed
        if let declared { return declared }
        var result: SemaType?
        for (t, span) in ctx.returns {
            guard let r = result else { result = t; continue }
            if let j = r.joined(with: t) {
                result = j
            } else {
                s.report(Diagnostic(.error, "E0324", "this function returns different types", at: span,
                                    label: "this is a \(t.quoted)", labels: [Label(ctx.returns[0].1, "this is a \(r.quoted)")],
                                    help: ["annotate the return type to say which one is meant"]))
                result = .error
            }
        }
        return result ?? .void
    }

    /// Parameter types from annotations, then the expected function type, then defaults.
    func parameterTypes(_ sig: FunctionSignature, expected: FunctionType?) -> ([SemaType], Int, SemaType?) {
        var params: [SemaType] = []
        var required = 0
        var rest: SemaType?
        for (i, p) in sig.params.enumerated() {
            var t: SemaType
            if let a = p.type {
                t = resolveType(a)
                if let d = p.defaultValue {
                    let dt = check(d, expected: t)
                    requireAssignable(dt, to: t, d, what: "the default of `\(p.name.name)`")
                }
            } else if let e = expected?.param(i) {
                t = p.rest ? .array(e) : e
                if let d = p.defaultValue { check(d, expected: t) }
            } else if let d = p.defaultValue {
                t = check(d)
            } else {
                if !p.name.name.isEmpty {
                    s.report(Diagnostic(.error, "E0327", "the parameter `\(p.name.name)` needs a type", at: p.name.span,
                                        label: "its type cannot be inferred here",
                                        help: ["annotate it: `\(p.name.name): number`"],
                                        fixes: [.insert(": number", at: p.name.span.endPoint, "annotate it")]))
                }
                t = .error
            }
            if p.optional { t = t.asOptional }
            if let id = s.declarations[p.id] { setType(id, t) }
            if p.rest {
                if case .array(let e) = t { rest = e } else { rest = .error }
            } else {
                params.append(t)
                if !p.optional && p.defaultValue == nil && required == params.count - 1 { required = params.count }
            }
        }
        return (params, required, rest)
    }

    // MARK: - Helpers

    /// Does this statement always leave its block (return, break, continue)?
    static func exits(_ st: Stmt) -> Bool {
        switch st.kind {
        case .return, .break, .continue: true
        case .block(let stmts): stmts.contains(where: exits)
        case .if(_, let then, let els): els.map { exits(then) && exits($0) } ?? false
        default: false
        }
    }

    /// Reports a signal or computed used where its value is meant (E0320). True if reported.
    @discardableResult
    func reportSignalValue(_ t: SemaType, _ e: Expr, _ wanted: String) -> Bool {
        guard let inner = t.reactiveValue else { return false }
        let kind = if case .signal = t { "signal" } else { "computed value" }
        s.report(Diagnostic(.error, "E0320", "this \(kind) is used as \(wanted); read its value with `()`", at: e.span,
                            label: "this is a \(t.quoted), not a \(inner.quoted)",
                            help: ["call it to read the current value: `\(s.text(e.span))()`"],
                            fixes: [.insert("()", at: e.span.endPoint, "read the value")]))
        return true
    }

    /// Reports E0315 (or E0320 / E0318 when that explains it better) unless `t` fits `target`.
    func requireAssignable(_ t: SemaType, to target: SemaType, _ e: Expr, what: String, declared: Span? = nil) {
        if t.isAssignable(to: target) { return }
        if let inner = t.reactiveValue, inner.isAssignable(to: target) {
            reportSignalValue(t, e, "\(what) (a \(target.quoted))")
            return
        }
        if t.isOptional, t.unwrapped.isAssignable(to: target) {
            s.report(Diagnostic(.error, "E0318", "this value may be `null`, but \(what) must be a \(target.quoted)", at: e.span,
                                label: "this is a \(t.quoted)",
                                help: ["give a fallback with `??`, or check `!= null` first"],
                                fixes: [.insert(" ?? \(Self.placeholder(target))", at: e.span.endPoint, "add a fallback")]))
            return
        }
        var d = Diagnostic(.error, "E0315", "mismatched types: \(what) is a \(target.quoted), found \(t.quoted)", at: e.span,
                           label: "this is a \(t.quoted)")
        if let declared { d = d.labeled(declared, "declared as \(target.quoted) here") }
        if case .object(let want) = target, case .object(let have) = t {
            let missing = want.filter { f in !f.optional && !f.type.isOptional && !have.contains { $0.name == f.name } }.map { "`\($0.name)`" }
            if !missing.isEmpty { d = d.note("missing field\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))") }
        }
        if target == .string, t == .number || t == .bool {
            d = d.helping("convert it: `String(\(s.text(e.span)))`")
        } else if target == .number, t == .string, !Self.isStringLiteral(e) {
            d = d.helping("convert it: `Number(\(s.text(e.span)))`")
        }
        s.report(d)
    }

    static func isStringLiteral(_ e: Expr) -> Bool {
        if case .string = e.kind { return true }
        return false
    }

    /// A value of the type, for fix-its (`""`, `0`, `false`, `[]`).
    static func placeholder(_ t: SemaType) -> String {
        switch t {
        case .number: "0"
        case .bool: "false"
        case .array: "[]"
        default: "\"\""
        }
    }
}
