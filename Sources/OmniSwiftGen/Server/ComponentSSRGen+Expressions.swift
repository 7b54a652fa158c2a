import OmniBase
import OmniIR
import OmniSema

// Script expressions and statements as Swift with JavaScript's semantics: numbers are
// `Double`, strings are `String` indexed in UTF-16 units through the runtime's `JS` helpers,
// ToString is `jsString` (numbers print as `String(n)` does), ToBoolean is `jsTruthy`.
extension ComponentSSRGen {
    static let js = SwiftExpr.identifier("JS")

    func jsCall(_ name: String, _ args: [SwiftExpr]) -> SwiftExpr {
        .call(.member(ComponentSSRGen.js, name), args.map { SwiftArgument(nil, $0) })
    }

    /// Parenthesizes compound expressions (the renderer prints operators as written).
    func p(_ x: SwiftExpr) -> SwiftExpr {
        switch x {
        case .binary, .ternary, .prefix, .try, .await, .cast, .closure: .paren(x)
        default: x
        }
    }

    /// `e` converted to `t` where Swift needs it: a value into an optional, `null` into `nil`.
    func coerced(_ e: IRExpr, to t: SemaType) -> SwiftExpr {
        let x = expr(e)
        if case .optional = t, !isOptional(e.type), e.type != .null, e.type != t, let st = swiftType(t, at: e.span) {
            return .paren(.cast(x, st, conditional: false))
        }
        if case .array = t, case .array(let args) = e.kind, args.isEmpty, let st = swiftType(t, at: e.span) {
            return .paren(.cast(.array([]), st, conditional: false))
        }
        return x
    }

    /// ToBoolean.
    func truthy(_ e: IRExpr) -> SwiftExpr {
        e.type == .bool ? expr(e) : .member(p(expr(e)), "jsTruthy")
    }

    /// ToString.
    func jsString(_ e: IRExpr) -> SwiftExpr {
        e.type == .string ? expr(e) : .member(p(expr(e)), "jsString")
    }

    func number(_ x: SwiftExpr) -> SwiftExpr { .call(.identifier("Double"), [SwiftArgument(nil, x)]) }

    // MARK: Expressions

    func expr(_ e: IRExpr) -> SwiftExpr {
        switch e.kind {
        case .number(let n): return .double(n)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .nil
        case .local(let s):
            if case .signal = c.symbol(s).type { unsupported("a signal used as a value", at: e.span) }
            if case .computed = c.symbol(s).type { unsupported("a computed used as a value", at: e.span) }
            return .identifier(name(s))
        case .functionRef(let f): return .identifier(name(f))
        case .props: unsupported("the `props` object as a value", at: e.span); return .nil
        case .propGet(let n):
            guard let pn = propNames[n] else { unsupported("an unknown prop `\(n)`", at: e.span); return .nil }
            return .identifier(pn)
        case .signalGet(let s): return .identifier(name(s))
        case .computedGet(let s): return .call(.identifier(name(s)), [])
        case .signalSet, .signalUpdate, .assign, .update:
            unsupported("an assignment used as a value", at: e.span); return .nil
        case .unary(let op, let x): return unary(op, x, e)
        case .binary(let op, let a, let b): return binary(op, a, b, e)
        case .logical(let op, let a, let b): return logical(op, a, b, e)
        case .conditional(let cond, let a, let b):
            return .ternary(p(truthy(cond)), p(coerced(a, to: e.type)), p(coerced(b, to: e.type)))
        case .call(let f, let args):
            guard let fn = c.function(f) else { return callExpr(IRExpr(.local(f), type: c.symbol(f).type, span: e.span), args, at: e.span) }
            return .call(.identifier(name(f)), arguments(args, fn.params.map(\.type), at: e.span))
        case .callValue(let f, let args): return callExpr(f, args, at: e.span)
        case .builtin(let b, let args): return builtin(b, args, e)
        case .method(let m, let r, let args): return method(m, r, args, e)
        case .member: unsupported("a field of an object", at: e.span); return .nil
        case .index(let xs, let i, _):
            guard case .array = unwrap(xs.type), isOptional(e.type) else {
                unsupported("an index whose result is not optional", at: e.span); return .nil
            }
            return jsCall("index", [expr(xs), expr(i)])
        case .array(let args): return arrayLiteral(args, e)
        case .object: unsupported("an object value", at: e.span); return .nil
        case .template(let quasis, let parts):
            var out: [SwiftInterpolationPart] = []
            for (i, q) in quasis.enumerated() {
                if !q.isEmpty { out.append(.text(q)) }
                if i < parts.count { out.append(.expr(jsString(parts[i]))) }
            }
            return .interpolated(out)
        case .lambda(let l):
            guard let closure = lambda(l, at: e.span) else { return .nil }
            guard let t = swiftType(e.type, at: e.span) else { return .closure(closure) }
            return .paren(.cast(.closure(closure), t, conditional: false))
        case .unreachable(let m): unsupported("code that did not compile (\(m))", at: e.span); return .nil
        }
    }

    /// Arguments of a call: exactly the parameters (no spread, no omitted defaults).
    func arguments(_ args: [IRArg], _ params: [SemaType], at span: Span) -> [SwiftArgument] {
        if args.contains(where: \.spread) { unsupported("a spread argument", at: span) }
        if args.count != params.count { unsupported("a call that omits or adds arguments", at: span) }
        return zip(args, params).map { SwiftArgument(nil, coerced($0.value, to: $1)) }
    }

    /// A call of a callable value (a closure, a function used as a value).
    func callExpr(_ f: IRExpr, _ args: [IRArg], at span: Span) -> SwiftExpr {
        guard case .function(let ft) = unwrap(f.type) else { unsupported("a call of a value that is not a function", at: span); return .nil }
        return .call(p(expr(f)), arguments(args, ft.params, at: span))
    }

    /// A closure for a lambda or function body.
    func lambda(_ l: IRLambda, at span: Span) -> SwiftClosure? {
        if l.params.contains(where: { $0.rest || $0.defaultValue != nil }) {
            unsupported("a rest parameter or a parameter default", at: span)
            return nil
        }
        var stmts = statements(l.body)
        if stmts.isEmpty, l.returnType == .void { stmts = [] }
        return SwiftClosure(params: l.params.map { name($0.symbol) }, body: stmts)
    }

    func arrayLiteral(_ args: [IRArg], _ e: IRExpr) -> SwiftExpr {
        guard case .array(let element) = unwrap(e.type), let st = swiftType(unwrap(e.type), at: e.span) else {
            unsupported("an array of unknown type", at: e.span); return .nil
        }
        var pieces: [SwiftExpr] = []
        var run: [SwiftExpr] = []
        for a in args {
            if a.spread {
                if !run.isEmpty { pieces.append(.array(run)); run = [] }
                pieces.append(p(expr(a.value)))
            } else {
                run.append(coerced(a.value, to: element))
            }
        }
        if !run.isEmpty || pieces.isEmpty { pieces.append(.array(run)) }
        if pieces.count == 1, case .array(let xs) = pieces[0] {
            return .paren(.cast(.array(xs), st, conditional: false))
        }
        var out = pieces[0]
        for x in pieces.dropFirst() { out = .binary(out, "+", x) }
        return .paren(.cast(.paren(out), st, conditional: false))
    }

    func unary(_ op: IRUnaryOp, _ x: IRExpr, _ e: IRExpr) -> SwiftExpr {
        switch op {
        case .negate:
            guard x.type == .number else { unsupported("`-` on a \(x.type)", at: e.span); return .nil }
            return .prefix("-", p(expr(x)))
        case .plus:
            switch x.type {
            case .number: return expr(x)
            case .bool: return .ternary(p(expr(x)), .double(1), .double(0))
            default: unsupported("`+` on a \(x.type)", at: e.span); return .nil
            }
        case .not: return .prefix("!", p(truthy(x)))
        case .bitNot:
            guard x.type == .number else { unsupported("`~` on a \(x.type)", at: e.span); return .nil }
            return number(.prefix("~", jsCall("int32", [expr(x)])))
        case .typeof:
            switch x.type {
            case .number: return .string("number")
            case .string: return .string("string")
            case .bool: return .string("boolean")
            case .function: return .string("function")
            case .array, .null: return .string("object")
            default: unsupported("`typeof` on a \(x.type)", at: e.span); return .nil
            }
        case .void: unsupported("`void`", at: e.span); return .nil
        }
    }

    func binary(_ op: IRBinaryOp, _ a: IRExpr, _ b: IRExpr, _ e: IRExpr) -> SwiftExpr {
        let numbers = a.type == .number && b.type == .number
        switch op {
        case .add:
            if numbers { return .binary(p(expr(a)), "+", p(expr(b))) }
            if a.type == .string || b.type == .string { return .binary(p(jsString(a)), "+", p(jsString(b))) }
            unsupported("`+` on \(a.type) and \(b.type)", at: e.span); return .nil
        case .subtract, .multiply, .divide:
            guard numbers else { unsupported("`\(op.rawValue)` on \(a.type) and \(b.type)", at: e.span); return .nil }
            return .binary(p(expr(a)), op.rawValue, p(expr(b)))
        case .remainder, .power:
            guard numbers else { unsupported("`\(op.rawValue)` on \(a.type) and \(b.type)", at: e.span); return .nil }
            return jsCall(op == .remainder ? "remainder" : "pow", [expr(a), expr(b)])
        case .equal, .notEqual, .strictEqual, .strictNotEqual:
            let negated = op == .notEqual || op == .strictNotEqual
            let swiftOp = negated ? "!=" : "=="
            if a.type == .null || b.type == .null {
                let other = a.type == .null ? b : a
                if a.type == .null && b.type == .null { return .bool(!negated) }
                guard isOptional(other.type) else { return .bool(negated) }
                return .binary(p(expr(other)), swiftOp, .nil)
            }
            let scalar: Set<SemaType> = [.number, .string, .bool]
            if a.type == b.type, scalar.contains(a.type) || isOptionalScalar(a.type) {
                return .binary(p(expr(a)), swiftOp, p(expr(b)))
            }
            if unwrap(a.type) == unwrap(b.type), scalar.contains(unwrap(a.type)) {
                return .binary(p(coerced(a, to: .optional(unwrap(a.type)))), swiftOp, p(coerced(b, to: .optional(unwrap(b.type)))))
            }
            unsupported("`\(op.rawValue)` between \(a.type) and \(b.type)", at: e.span); return .nil
        case .less, .greater, .lessEqual, .greaterEqual:
            guard numbers else { unsupported("`\(op.rawValue)` on \(a.type) and \(b.type)", at: e.span); return .nil }
            return .binary(p(expr(a)), op.rawValue, p(expr(b)))
        case .bitAnd, .bitOr, .bitXor:
            guard numbers else { unsupported("`\(op.rawValue)` on \(a.type) and \(b.type)", at: e.span); return .nil }
            return number(.binary(jsCall("int32", [expr(a)]), op.rawValue, jsCall("int32", [expr(b)])))
        case .shiftLeft, .shiftRight:
            guard numbers else { unsupported("`\(op.rawValue)` on \(a.type) and \(b.type)", at: e.span); return .nil }
            let shift = SwiftExpr.call(.identifier("Int32"), [SwiftArgument("truncatingIfNeeded", .binary(jsCall("uint32", [expr(b)]), "&", .integer(31)))])
            return number(.binary(jsCall("int32", [expr(a)]), op == .shiftLeft ? "&<<" : "&>>", shift))
        case .unsignedShiftRight:
            guard numbers else { unsupported("`>>>` on \(a.type) and \(b.type)", at: e.span); return .nil }
            return number(.binary(jsCall("uint32", [expr(a)]), "&>>", .paren(.binary(jsCall("uint32", [expr(b)]), "&", .integer(31)))))
        }
    }

    func isOptionalScalar(_ t: SemaType) -> Bool {
        if case .optional(let w) = t { return w == .number || w == .string || w == .bool }
        return false
    }

    /// Whether evaluating `e` twice is the same as once (no calls, no writes).
    func isSimple(_ e: IRExpr) -> Bool {
        switch e.kind {
        case .number, .string, .bool, .null, .local, .propGet, .signalGet: true
        default: false
        }
    }

    func logical(_ op: IRLogicalOp, _ a: IRExpr, _ b: IRExpr, _ e: IRExpr) -> SwiftExpr {
        switch op {
        case .and, .or:
            if a.type == .bool && b.type == .bool { return .binary(p(expr(a)), op.rawValue, p(expr(b))) }
            guard isSimple(a), a.type == e.type || e.type == .bool else {
                unsupported("`\(op.rawValue)` on \(a.type) and \(b.type)", at: e.span); return .nil
            }
            if e.type == .bool { return .binary(p(truthy(a)), op.rawValue, p(truthy(b))) }
            return op == .and ? .ternary(p(truthy(a)), p(coerced(b, to: e.type)), p(expr(a)))
                : .ternary(p(truthy(a)), p(expr(a)), p(coerced(b, to: e.type)))
        case .nullish:
            guard isOptional(a.type) else { return expr(a) }
            return .binary(p(expr(a)), "??", p(coerced(b, to: e.type)))
        }
    }

    func arg(_ args: [IRArg], _ i: Int) -> IRExpr? { i < args.count && !args[i].spread ? args[i].value : nil }

    func builtin(_ b: IRBuiltin, _ args: [IRArg], _ e: IRExpr) -> SwiftExpr {
        if args.contains(where: \.spread) { unsupported("a spread argument", at: e.span); return .nil }
        let x = arg(args, 0)
        func one(_ body: (IRExpr) -> SwiftExpr) -> SwiftExpr {
            guard let x, x.type == .number else { unsupported("`\(b.rawValue)` of a non-number", at: e.span); return .nil }
            return body(x)
        }
        switch b {
        case .mathFloor: return one { .call(.member(p(expr($0)), "rounded"), [SwiftArgument(nil, .implicitMember("down"))]) }
        case .mathCeil: return one { .call(.member(p(expr($0)), "rounded"), [SwiftArgument(nil, .implicitMember("up"))]) }
        case .mathTrunc: return one { .call(.member(p(expr($0)), "rounded"), [SwiftArgument(nil, .implicitMember("towardZero"))]) }
        case .mathRound: return one { jsCall("round", [expr($0)]) }
        case .mathAbs: return one { .member(p(expr($0)), "magnitude") }
        case .mathSign: return one { jsCall("sign", [expr($0)]) }
        case .mathSqrt: return one { .call(.member(p(expr($0)), "squareRoot"), []) }
        case .mathPow:
            guard args.count == 2 else { unsupported("`Math.pow` without two arguments", at: e.span); return .nil }
            return jsCall("pow", [expr(args[0].value), expr(args[1].value)])
        case .mathMin, .mathMax:
            guard args.allSatisfy({ $0.value.type == .number }) else { unsupported("`\(b.rawValue)` of non-numbers", at: e.span); return .nil }
            return jsCall(b == .mathMin ? "min" : "max", args.map { expr($0.value) })
        case .mathPI: return .member(.identifier("Double"), "pi")
        case .string:
            guard let x else { return .string("") }
            return jsString(x)
        case .boolean:
            guard let x else { return .bool(false) }
            return truthy(x)
        case .number:
            guard let x else { return .double(0) }
            switch x.type {
            case .number: return expr(x)
            case .bool: return .ternary(p(expr(x)), .double(1), .double(0))
            default: unsupported("`Number` of a \(x.type)", at: e.span); return .nil
            }
        case .isNaN: return one { .member(p(expr($0)), "isNaN") }
        case .isInteger:
            guard let x else { return .bool(false) }
            guard x.type == .number else { return .bool(false) }
            let v = p(expr(x))
            return .binary(.member(v, "isFinite"), "&&", .binary(v, "==", .call(.member(v, "rounded"), [SwiftArgument(nil, .implicitMember("towardZero"))])))
        case .isArray:
            guard let x else { return .bool(false) }
            if case .array = x.type { return .bool(true) }
            return .bool(false)
        case .jsonStringify:
            guard let x, swiftType(x.type, at: e.span) != nil else { return .nil }
            return .member(p(expr(x)), "jsJSON")
        case .mathRandom: unsupported("`Math.random()`", at: e.span); return .nil
        case .parseInt, .parseFloat: unsupported("`\(b.rawValue)`", at: e.span); return .nil
        case .consoleLog: unsupported("`console.log` used as a value", at: e.span); return .nil
        case .signal, .computed, .effect, .batch, .untrack:
            unsupported("`\(b.rawValue)` inside a function", at: e.span); return .nil
        }
    }

    /// A callback of an array method: `(x) => …` or `(x, i) => …` (index as `Double`).
    func callback(_ f: IRExpr?, _ m: IRMethod, predicate: Bool, at span: Span) -> (SwiftClosure, indexed: Bool)? {
        guard let f, case .lambda(let l) = f.kind, (1...2).contains(l.params.count) else {
            unsupported("`\(m.name)` with a callback that is not an arrow function of one or two parameters", at: span)
            return nil
        }
        var body = l.body
        if predicate, l.returnType != .bool {
            guard body.count == 1, case .return(let r?) = body[0].kind else {
                unsupported("a `\(m.name)` callback that does not return a bool", at: span); return nil
            }
            body = [IRStmt(.return(IRExpr(.builtin(.boolean, [IRArg(r)]), type: .bool, span: r.span)), span: body[0].span)]
        }
        guard let closure = lambda(IRLambda(params: l.params, body: body, returnType: predicate ? .bool : l.returnType), at: span) else { return nil }
        return (closure, l.params.count == 2)
    }

    func method(_ m: IRMethod, _ r: IRExpr, _ args: [IRArg], _ e: IRExpr) -> SwiftExpr {
        if args.contains(where: \.spread) { unsupported("a spread argument", at: e.span); return .nil }
        let recv = expr(r)
        let a0 = arg(args, 0), a1 = arg(args, 1)
        func str(_ name: String, _ extra: [IRExpr?]) -> SwiftExpr {
            jsCall(name, [recv] + extra.compactMap { $0.map(expr) })
        }
        switch m {
        case .stringLength: return jsCall("length", [recv])
        case .stringToUpperCase: return .call(.member(p(recv), "uppercased"), [])
        case .stringToLowerCase: return .call(.member(p(recv), "lowercased"), [])
        case .stringTrim: return jsCall("trim", [recv])
        case .stringTrimStart: return .call(.member(ComponentSSRGen.js, "trim"), [SwiftArgument(nil, recv), SwiftArgument("end", .bool(false))])
        case .stringTrimEnd: return .call(.member(ComponentSSRGen.js, "trim"), [SwiftArgument(nil, recv), SwiftArgument("start", .bool(false))])
        case .stringLastIndexOf: return str("lastIndexOf", [a0])
        case .stringIncludes: return str("includes", [a0])
        case .stringStartsWith: return str("startsWith", [a0])
        case .stringEndsWith: return str("endsWith", [a0])
        case .stringIndexOf: return str("indexOf", [a0])
        case .stringSlice: return str("slice", [a0 ?? IRExpr(.number(0), type: .number, span: e.span), a1])
        case .stringSubstring: return str("substring", [a0 ?? IRExpr(.number(0), type: .number, span: e.span), a1])
        case .stringRepeat: return str("repeat", [a0])
        case .stringCharAt: return str("charAt", [a0 ?? IRExpr(.number(0), type: .number, span: e.span)])
        case .stringReplace, .stringReplaceAll:
            guard let a0, let a1 else { unsupported("`\(m.name)` without two arguments", at: e.span); return .nil }
            return .call(.member(ComponentSSRGen.js, "replace"), [SwiftArgument(nil, recv), SwiftArgument(nil, expr(a0)), SwiftArgument(nil, expr(a1)),
                                                                 SwiftArgument("all", .bool(m == .stringReplaceAll))])
        case .stringSplit, .stringPadStart, .stringPadEnd: unsupported("`\(m.name)`", at: e.span); return .nil
        case .arrayLength: return number(.member(p(recv), "count"))
        case .arrayMap, .arrayFilter:
            guard let (cl, indexed) = callback(a0, m, predicate: m == .arrayFilter, at: e.span) else { return .nil }
            if indexed { return .call(.member(ComponentSSRGen.js, m.name), [SwiftArgument(nil, recv)], trailingClosure: cl) }
            return .call(.member(p(recv), m.name), [], trailingClosure: cl)
        case .arrayFind, .arrayFindIndex, .arraySome, .arrayEvery:
            guard let (cl, indexed) = callback(a0, m, predicate: true, at: e.span) else { return .nil }
            if indexed { unsupported("`\(m.name)` with an index parameter", at: e.span); return .nil }
            switch m {
            case .arrayFind: return .call(.member(p(recv), "first"), [SwiftArgument("where", .closure(cl))])
            case .arrayFindIndex:
                return number(.binary(.call(.member(p(recv), "firstIndex"), [SwiftArgument("where", .closure(cl))]), "??", .integer(-1)))
            case .arraySome: return .call(.member(p(recv), "contains"), [SwiftArgument("where", .closure(cl))])
            default: return .call(.member(p(recv), "allSatisfy"), [], trailingClosure: cl)
            }
        case .arrayReduce:
            guard let a1, let f = a0, case .lambda(let l) = f.kind, l.params.count == 2, let cl = lambda(l, at: e.span) else {
                unsupported("`reduce` without an initial value or with a callback of other than two parameters", at: e.span); return .nil
            }
            return .call(.member(p(recv), "reduce"), [SwiftArgument(nil, coerced(a1, to: e.type))], trailingClosure: cl)
        case .arrayForEach:
            guard let (cl, indexed) = callback(a0, m, predicate: false, at: e.span), !indexed else {
                unsupported("`forEach` with an index parameter", at: e.span); return .nil
            }
            return .call(.member(p(recv), "forEach"), [], trailingClosure: cl)
        case .arrayIncludes:
            guard let a0 else { return .bool(false) }
            return .call(.member(p(recv), "contains"), [SwiftArgument(nil, expr(a0))])
        case .arrayIndexOf:
            guard let a0 else { return .double(-1) }
            return number(.binary(.call(.member(p(recv), "firstIndex"), [SwiftArgument("of", expr(a0))]), "??", .integer(-1)))
        case .arrayJoin: return jsCall("join", [recv] + (a0.map { [expr($0)] } ?? []))
        case .arraySlice: return str("slice", [a0 ?? IRExpr(.number(0), type: .number, span: e.span), a1])
        case .arrayConcat:
            var out = recv
            for a in args {
                guard case .array = a.value.type else { unsupported("`concat` with a value that is not an array", at: e.span); return .nil }
                out = .binary(out, "+", p(expr(a.value)))
            }
            return .paren(out)
        case .arrayAt:
            guard let a0 else { return .nil }
            return jsCall("at", [recv, expr(a0)])
        case .arrayPush, .arrayPop, .arrayReverse: unsupported("`\(m.name)` (it mutates an array)", at: e.span); return .nil
        case .numberToFixed: unsupported("`toFixed`", at: e.span); return .nil
        case .toString: return jsString(r)
        case .signalSet, .signalUpdate: unsupported("a signal used as a value", at: e.span); return .nil
        }
    }

    // MARK: Statements

    func statements(_ stmts: [IRStmt]) -> [SwiftStmt] { stmts.flatMap(statement) }

    func statement(_ s: IRStmt) -> [SwiftStmt] {
        switch s.kind {
        case .expr(let e): return effectStatement(e)
        case .let(let x, let e):
            let t = c.symbol(x).type
            guard let st = swiftType(t, at: s.span) else { return [] }
            let isVar = writes.contains(x)
            return [.binding(isVar: isVar || e == nil, name: name(x), type: st, value: e.map { coerced($0, to: t) } ?? (isOptional(t) ? .nil : nil))]
        case .if(let cond, let then, let els):
            return [.if([(.expr(truthy(cond)), statements(then))], else: els.isEmpty ? nil : statements(els))]
        case .while(let cond, let body): return [.while(truthy(cond), statements(body))]
        case .doWhile(let body, let cond):
            if SSRControlFlow.hasOwnContinue(body) { unsupported("`continue` in a `do … while`", at: s.span); return [] }
            return [.while(.bool(true), statements(body) + [.if([(.expr(.prefix("!", p(truthy(cond)))), [.break])], else: nil)])]
        case .for(let initializer, let cond, let update, let body):
            if SSRControlFlow.hasOwnContinue(body), update != nil { unsupported("`continue` in a `for` loop with an update", at: s.span); return [] }
            return statements(initializer) + [.while(cond.map(truthy) ?? .bool(true), statements(body) + (update.map(effectStatement) ?? []))]
        case .forOf(let x, let xs, let body):
            guard case .array = unwrap(xs.type) else { unsupported("`for … of` over a \(xs.type)", at: s.span); return [] }
            if writes.contains(x) { unsupported("assigning to a `for … of` variable", at: s.span) }
            return [.forIn(pattern: SwiftRenderer.name(name(x)), expr(xs), statements(body))]
        case .return(let e):
            guard let e else { return [.return(nil)] }
            return e.type == .void ? effectStatement(e) + [.return(nil)] : [.return(expr(e))]
        case .break: return [.break]
        case .continue: return [.continue]
        case .block(let b): return statements(b)
        case .unreachable(let m): unsupported("code that did not compile (\(m))", at: s.span); return []
        }
    }

    /// An expression evaluated for its effect: writes become assignments, `console.log`
    /// disappears (its arguments still run when they could have effects).
    func effectStatement(_ e: IRExpr) -> [SwiftStmt] {
        switch e.kind {
        case .signalSet(let s, let v): return [.assign(.identifier(name(s)), coerced(v, to: valueType(of: s)))]
        case .signalUpdate(let s, let f):
            guard case .function = unwrap(f.type) else { unsupported("`update` with a value that is not a function", at: e.span); return [] }
            return [.assign(.identifier(name(s)), callExpr(f, [IRArg(IRExpr(.signalGet(s), type: valueType(of: s), span: e.span))], at: e.span))]
        case .assign(let op, let target, let v):
            guard case .local(let x) = target else { unsupported("assignment to a field or element", at: e.span); return [] }
            let t = c.symbol(x).type
            switch op {
            case .assign: return [.assign(.identifier(name(x)), coerced(v, to: t))]
            case .binary(let bop):
                let combined = IRExpr(.binary(bop, IRExpr(.local(x), type: t, span: e.span), v), type: t, span: e.span)
                return [.assign(.identifier(name(x)), expr(combined))]
            case .logical(let lop):
                let combined = IRExpr(.logical(lop, IRExpr(.local(x), type: t, span: e.span), v), type: t, span: e.span)
                return [.assign(.identifier(name(x)), expr(combined))]
            }
        case .update(let target, let increment, _):
            guard case .local(let x) = target, c.symbol(x).type == .number else { unsupported("`++`/`--` on a field or a non-number", at: e.span); return [] }
            return [.assign(.identifier(name(x)), op: increment ? "+=" : "-=", .double(1))]
        case .builtin(.consoleLog, let args):
            return args.filter { !isPure($0.value) }.map { .assign(.identifier("_"), expr($0.value)) }
        case .call, .callValue, .method:
            if e.type == .void { return [.expr(expr(e))] }
            return [.assign(.identifier("_"), expr(e))]
        default:
            if isPure(e) { return [] }
            return [.assign(.identifier("_"), expr(e))]
        }
    }

    /// No calls and no writes anywhere inside.
    func isPure(_ e: IRExpr) -> Bool {
        var u = SSRUses()
        u.visit(e)
        if !u.writes.isEmpty || !u.callables.isEmpty { return false }
        switch e.kind {
        case .callValue, .builtin(.mathRandom, _), .builtin(.consoleLog, _): return false
        case .unary(_, let x), .member(let x, _, _): return isPure(x)
        case .binary(_, let a, let b), .logical(_, let a, let b), .index(let a, let b, _): return isPure(a) && isPure(b)
        case .conditional(let x, let a, let b): return isPure(x) && isPure(a) && isPure(b)
        case .builtin(_, let args), .array(let args): return args.allSatisfy { isPure($0.value) }
        case .method(let m, let r, let args): return m.isPure && isPure(r) && args.allSatisfy { isPure($0.value) }
        case .template(_, let parts): return parts.allSatisfy(isPure)
        case .object(let fields): return fields.allSatisfy { isPure($0.value) }
        default: return true
        }
    }
}
