import OmniSema

extension Interpreter {
    func eval(_ e: IRExpr, _ env: Env, _ instance: Instance) throws -> IRValue {
        try tick()
        switch e.kind {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .local(let s):
            guard let v = env.lookup(s) else { throw EvalError("\(instance.component.symbol(s).name) is not defined") }
            return v
        case .functionRef(let s): return .function(s)
        case .props: return env.lookup(Interpreter.propsSlot) ?? .null
        case .propGet(let name):
            guard case .object(let o)? = env.lookup(Interpreter.propsSlot) else { return .null }
            return o[name] ?? .null
        case .signalGet(let s):
            guard case .signal(let cell)? = env.lookup(s) else { return try call(try eval(IRExpr(.local(s), type: e.type, span: e.span), env, instance), [], in: instance) }
            noteRead(cell)
            return cell.value
        case .computedGet(let s):
            guard let v = env.lookup(s) else { throw EvalError("\(instance.component.symbol(s).name) is not defined") }
            return try call(v, [], in: instance)
        case .signalSet(let s, let value):
            let cell = try signalCell(s, env, instance)
            let v = try eval(value, env, instance)
            cell.value = v
            noteWrite(cell)
            return .null
        case .signalUpdate(let s, let f):
            let cell = try signalCell(s, env, instance)
            let fn = try eval(f, env, instance)
            cell.value = try call(fn, [cell.value], in: instance)
            noteWrite(cell)
            return .null
        case .unary(let op, let x):
            let v = try eval(x, env, instance)
            if op == .typeof { return .string(v.typeName) }
            if op == .not { return .bool(!v.truthy) }
            return IRValue(JSOperators.unary(op, v.primitive))
        case .binary(let op, let a, let b):
            let x = try eval(a, env, instance), y = try eval(b, env, instance)
            return binary(op, x, y)
        case .logical(let op, let a, let b):
            let x = try eval(a, env, instance)
            switch op {
            case .and: return x.truthy ? try eval(b, env, instance) : x
            case .or: return x.truthy ? x : try eval(b, env, instance)
            case .nullish: return x.isNull ? try eval(b, env, instance) : x
            }
        case .conditional(let c, let a, let b):
            return try eval(c, env, instance).truthy ? try eval(a, env, instance) : try eval(b, env, instance)
        case .assign(let op, let target, let value):
            return try assign(op, target, value, env, instance)
        case .update(let target, let increment, let prefix):
            let old = try read(target, env, instance)
            let n = old.primitive.toNumber
            let new = IRValue.number(increment ? n + 1 : n - 1)
            try write(target, new, env, instance)
            return prefix ? new : .number(n)
        case .call(let f, let args):
            return try call(.function(f), try arguments(args, env, instance), in: instance)
        case .callValue(let f, let args):
            let fn = try eval(f, env, instance)
            return try call(fn, try arguments(args, env, instance), in: instance)
        case .builtin(let b, let args):
            return try builtin(b, try arguments(args, env, instance), instance)
        case .method(let m, let receiver, let args):
            let r = try eval(receiver, env, instance)
            return try method(m, r, try arguments(args, env, instance), instance)
        case .member(let o, let name, let optional):
            let v = try eval(o, env, instance)
            if optional && v.isNull { return .null }
            return try member(v, name)
        case .index(let o, let i, let optional):
            let v = try eval(o, env, instance)
            if optional && v.isNull { return .null }
            return try index(v, try eval(i, env, instance))
        case .array(let items):
            return .array(JSArray(try arguments(items, env, instance)))
        case .object(let fields):
            let o = JSObject()
            for f in fields {
                let v = try eval(f.value, env, instance)
                switch f.key {
                case .named(let k): o[k] = v
                case .computed(let k): o[try eval(k, env, instance).jsString] = v
                case .spread:
                    if case .object(let src) = v { for k in src.keys { o[k] = src[k] } }
                }
            }
            return .object(o)
        case .template(let quasis, let parts):
            var s = quasis.first ?? ""
            for (i, p) in parts.enumerated() {
                s += try eval(p, env, instance).jsString
                if i + 1 < quasis.count { s += quasis[i + 1] }
            }
            return .string(s)
        case .lambda(let l):
            return .closure(Closure(lambda: l, env: env))
        case .unreachable(let message):
            throw EvalError(message)
        }
    }

    func signalCell(_ s: SymbolID, _ env: Env, _ instance: Instance) throws -> SignalCell {
        guard case .signal(let cell)? = env.lookup(s) else { throw EvalError("\(instance.component.symbol(s).name) is not a signal") }
        return cell
    }

    func binary(_ op: IRBinaryOp, _ x: IRValue, _ y: IRValue) -> IRValue {
        switch op {
        case .strictEqual: .bool(IRValue.strictEquals(x, y))
        case .strictNotEqual: .bool(!IRValue.strictEquals(x, y))
        case .equal: .bool(IRValue.looseEquals(x, y))
        case .notEqual: .bool(!IRValue.looseEquals(x, y))
        default: IRValue(JSOperators.binary(op, x.primitive, y.primitive))
        }
    }

    func arguments(_ args: [IRArg], _ env: Env, _ instance: Instance) throws -> [IRValue] {
        var out: [IRValue] = []
        for a in args {
            let v = try eval(a.value, env, instance)
            if a.spread { out += try iterate(v) } else { out.append(v) }
        }
        return out
    }

    func member(_ v: IRValue, _ name: String) throws -> IRValue {
        switch v {
        case .object(let o): return o[name] ?? .null
        case .array(let a) where name == "length": return .number(Double(a.items.count))
        case .string(let s) where name == "length": return .number(Double(s.utf16.count))
        case .null: throw EvalError("cannot read properties of null (reading '\(name)')")
        default: return .null
        }
    }

    func index(_ v: IRValue, _ i: IRValue) throws -> IRValue {
        switch v {
        case .array(let a):
            guard case .number(let n) = i, n >= 0, n < Double(a.items.count), n == n.rounded(.towardZero) else { return .null }
            return a.items[Int(n)]
        case .string(let s):
            let units = Array(s.utf16)
            guard case .number(let n) = i, n >= 0, n < Double(units.count), n == n.rounded(.towardZero) else { return .null }
            return .string(String(decoding: [units[Int(n)]], as: UTF16.self))
        case .object(let o): return o[i.jsString] ?? .null
        case .null: throw EvalError("cannot read properties of null (reading '\(i.jsString)')")
        default: return .null
        }
    }

    func read(_ t: IRTarget, _ env: Env, _ instance: Instance) throws -> IRValue {
        switch t {
        case .local(let s):
            guard let v = env.lookup(s) else { throw EvalError("\(instance.component.symbol(s).name) is not defined") }
            return v
        case .member(let o, let n): return try member(try eval(o, env, instance), n)
        case .index(let o, let i): return try index(try eval(o, env, instance), try eval(i, env, instance))
        }
    }

    func write(_ t: IRTarget, _ v: IRValue, _ env: Env, _ instance: Instance) throws {
        switch t {
        case .local(let s):
            if !env.assign(s, v) { throw EvalError("\(instance.component.symbol(s).name) is not defined") }
        case .member(let o, let n):
            try store(try eval(o, env, instance), key: .string(n), v)
        case .index(let o, let i):
            try store(try eval(o, env, instance), key: try eval(i, env, instance), v)
        }
    }

    func store(_ container: IRValue, key: IRValue, _ v: IRValue) throws {
        switch container {
        case .object(let o): o[key.jsString] = v
        case .array(let a):
            guard case .number(let n) = key, n >= 0, n == n.rounded(.towardZero), n < 1_000_000 else {
                throw EvalError("invalid array index \(key.jsString)")
            }
            let i = Int(n)
            while a.items.count <= i { a.items.append(.null) }
            a.items[i] = v
        default: throw EvalError("cannot set properties of \(container.jsString)")
        }
    }

    /// `t = v`, `t += v` (reads `t` once for a local, evaluates the object and key once),
    /// `t ??= v` (assigns only when needed).
    func assign(_ op: IRAssignOp, _ t: IRTarget, _ value: IRExpr, _ env: Env, _ instance: Instance) throws -> IRValue {
        // Evaluate the container and key once.
        let resolved = t
        var container: IRValue = .null, key: IRValue = .null
        switch t {
        case .local: break
        case .member(let o, let n): container = try eval(o, env, instance); key = .string(n)
        case .index(let o, let i): container = try eval(o, env, instance); key = try eval(i, env, instance)
        }
        func current() throws -> IRValue {
            switch resolved {
            case .local: try read(resolved, env, instance)
            case .member: try member(container, key.jsString)
            case .index: try index(container, key)
            }
        }
        func put(_ v: IRValue) throws {
            if case .local = resolved { try write(resolved, v, env, instance) } else { try store(container, key: key, v) }
        }
        let result: IRValue
        switch op {
        case .assign:
            result = try eval(value, env, instance)
        case .binary(let b):
            let old = try current()
            result = binary(b, old, try eval(value, env, instance))
        case .logical(let l):
            let old = try current()
            let keep: Bool
            switch l {
            case .and: keep = !old.truthy
            case .or: keep = old.truthy
            case .nullish: keep = !old.isNull
            }
            if keep { return old }
            result = try eval(value, env, instance)
        }
        try put(result)
        return result
    }
}
