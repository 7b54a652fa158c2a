import OmniSema

/// How a statement list finished.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returned(IRValue)
}

extension Interpreter {
    /// Runs `list` in a new scope below `parent`.
    func exec(_ list: [IRStmt], _ parent: Env, _ instance: Instance) throws -> Flow {
        let env = Env(parent: parent)
        for s in list {
            let flow = try exec(s, env, instance)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func exec(_ s: IRStmt, _ env: Env, _ instance: Instance) throws -> Flow {
        try tick()
        switch s.kind {
        case .expr(let e):
            _ = try eval(e, env, instance)
        case .let(let sym, let e):
            env.slots[sym] = .null  // declared before its initializer runs (a closure may refer to it)
            env.slots[sym] = try e.map { try eval($0, env, instance) } ?? .null
        case .if(let c, let t, let e):
            return try exec(try eval(c, env, instance).truthy ? t : e, env, instance)
        case .while(let c, let body):
            while try eval(c, env, instance).truthy {
                try tick()
                switch try exec(body, env, instance) {
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continueLoop: continue
                }
            }
        case .doWhile(let body, let c):
            repeat {
                try tick()
                switch try exec(body, env, instance) {
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continueLoop: break
                }
            } while try eval(c, env, instance).truthy
        case .for(let initializer, let c, let update, let body):
            let scope = Env(parent: env)
            for st in initializer { _ = try exec(st, scope, instance) }
            while try c.map({ try eval($0, scope, instance).truthy }) ?? true {
                try tick()
                switch try exec(body, scope, instance) {
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continueLoop: break
                }
                if let update { _ = try eval(update, scope, instance) }
            }
        case .forOf(let sym, let list, let body):
            let items = try iterate(try eval(list, env, instance))
            for item in items {
                try tick()
                let scope = Env(parent: env)
                scope.slots[sym] = item
                switch try exec(body, scope, instance) {
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continueLoop: continue
                }
            }
        case .return(let e):
            return .returned(try e.map { try eval($0, env, instance) } ?? .null)
        case .break:
            return .breakLoop
        case .continue:
            return .continueLoop
        case .block(let list):
            return try exec(list, env, instance)
        case .unreachable(let message):
            throw EvalError(message)
        }
        return .normal
    }

    /// The elements `for … of` and `{#each}` visit: an array's items, a string's characters.
    func iterate(_ v: IRValue) throws -> [IRValue] {
        switch v {
        case .array(let a): return a.items
        case .string(let s): return s.map { .string(String($0)) }
        default: throw EvalError("\(v.jsString) is not iterable")
        }
    }
}
