import OmniBase
import OmniSema

/// What running a component produced: the HTML of the first render and of the render after
/// each interaction, what it logged, and the runtime error that stopped it, if any.
public struct IREvaluation: Hashable, Sendable, CustomStringConvertible {
    /// `renders[0]` is the initial render; `renders[i]` the render after `actions[i - 1]`.
    public var renders: [String]
    /// The interactions run, e.g. `@click #0`.
    public var actions: [String]
    /// `console.log` lines.
    public var log: [String]
    /// The runtime error that ended the run (a value, never a trap).
    public var error: String?

    public var description: String {
        var out = ""
        for (i, r) in renders.enumerated() {
            out += (i == 0 ? "initial" : "after \(actions[i - 1])") + ": " + r + "\n"
        }
        for l in log { out += "log: \(l)\n" }
        if let error { out += "error: \(error)\n" }
        return out
    }
}

/// Interprets an `IRComponent`: the reference semantics every optimization must preserve.
///
/// It renders the component with its props' defaults (a required prop without a default
/// gets a placeholder of its type: its name for a string, `0`, `false`, `[]`, `null`), then
/// runs a fixed script of interactions: at step `k` it calls handler `k mod n` of the `n`
/// event handlers of the current render (template order) with an event object
/// `{ type, value: "input<k>", checked, key: "Enter" }`, re-runs the effects whose signals
/// changed and renders again. Child components render recursively through `resolver`, or
/// as `<Name prop="…"></Name>` placeholders. Every loop and call counts against a step
/// budget, so no input hangs; errors end the run and are reported in the result.
public enum IREvaluator {
    public static func evaluate(_ component: IRComponent, steps: Int = 6, fuel: Int = 200_000,
                                resolver: @escaping (String) -> IRComponent? = { _ in nil }) -> IREvaluation {
        let interpreter = Interpreter(component: component, fuel: fuel, resolver: resolver)
        return interpreter.run(steps: steps)
    }
}

/// A runtime error: ends the evaluation and is reported as a value.
struct EvalError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The state of one evaluation of one component (and of its children, which get their own
/// `Instance`).
final class Interpreter {
    let resolver: (String) -> IRComponent?
    var fuel: Int
    var callDepth = 0
    var renderDepth = 0
    var log: [String] = []
    var randomState: UInt64 = 0x2545F4914F6CDD1D
    /// Signals read while an effect runs (nil when no effect is running).
    var reads: Set<ObjectIdentifier>?
    /// Signals written since effects were last brought up to date.
    var written: Set<ObjectIdentifier> = []
    let root: Instance

    static let maxCallDepth = 120
    static let maxRenderDepth = 16

    init(component: IRComponent, fuel: Int, resolver: @escaping (String) -> IRComponent?) {
        self.fuel = fuel
        self.resolver = resolver
        self.root = Instance(component: component)
    }

    func run(steps: Int) -> IREvaluation {
        var result = IREvaluation(renders: [], actions: [], log: [], error: nil)
        defer { result.log = log }
        do {
            try setUp(root, props: nil)
            var handlers: [(String, IRValue)] = []
            result.renders.append(try render(root, handlers: &handlers))
            for step in 0..<max(0, steps) {
                guard !handlers.isEmpty else { break }
                let (event, handler) = handlers[step % handlers.count]
                result.actions.append("@\(event) #\(step % handlers.count)")
                let e = JSObject()
                e["type"] = .string(event)
                e["value"] = .string("input\(step)")
                e["checked"] = .bool(step % 2 == 0)
                e["key"] = .string("Enter")
                _ = try call(handler, [.object(e)], in: root)
                try settleEffects(root)
                handlers = []
                result.renders.append(try render(root, handlers: &handlers))
            }
        } catch let error as EvalError {
            result.error = error.message
        } catch {
            result.error = "\(error)"
        }
        result.log = log
        return result
    }

    /// Spends one step of the budget.
    @inline(__always) func tick() throws {
        fuel -= 1
        if fuel < 0 { throw EvalError("step limit exceeded") }
    }

    // MARK: Set-up

    /// One mounted component: its scope and effects.
    final class Instance {
        let component: IRComponent
        let env = Env(parent: nil)
        var functions: [SymbolID: IRFunction] = [:]
        var effects: [(function: IRValue, reads: Set<ObjectIdentifier>)] = []
        init(component: IRComponent) {
            self.component = component
            for f in component.functions { functions[f.symbol] = f }
        }
    }

    /// Binds the props (given values, else defaults, else placeholders), runs the setup in
    /// order, then runs each effect once.
    func setUp(_ instance: Instance, props given: [String: IRValue]?) throws {
        let c = instance.component
        let propsObject = JSObject()
        for p in c.props {
            let value: IRValue
            if let v = given?[p.name], !(v.isNull && p.defaultValue != nil) {
                value = v
            } else if let d = p.defaultValue {
                value = try eval(d, instance.env, instance)
            } else {
                value = placeholder(p.type, name: p.name)
            }
            propsObject[p.name] = value
            instance.env.slots[p.symbol] = value
        }
        instance.env.slots[Interpreter.propsSlot] = .object(propsObject)
        for f in c.functions { instance.env.slots[f.symbol] = .function(f.symbol) }
        for d in c.state {
            try tick()
            switch d.kind {
            case .signal(let s, let e): instance.env.slots[s] = .signal(SignalCell(try eval(e, instance.env, instance)))
            case .computed(let s, let e): instance.env.slots[s] = .computed(ComputedCell(try eval(e, instance.env, instance)))
            case .constant(let s, let e): instance.env.slots[s] = try eval(e, instance.env, instance)
            case .variable(let s, let e): instance.env.slots[s] = try e.map { try eval($0, instance.env, instance) } ?? .null
            case .statement(let st):
                if case .returned = try exec([st], instance.env, instance) { throw EvalError("return outside a function") }
            }
        }
        for e in c.effects {
            let f = try eval(e.function, instance.env, instance)
            instance.effects.append((f, []))
        }
        for i in instance.effects.indices { try runEffect(instance, i) }
        written = []
    }

    /// A slot no symbol uses, holding the `props` object.
    static let propsSlot = SymbolID(-1)

    func placeholder(_ type: SemaType, name: String) -> IRValue {
        switch type {
        case .number: .number(0)
        case .string: .string(name)
        case .bool: .bool(false)
        case .array: .array(JSArray([]))
        case .object(let fields):
            {
                let o = JSObject()
                for f in fields where !f.optional { o[f.name] = placeholder(f.type, name: f.name) }
                return .object(o)
            }()
        default: .null
        }
    }

    // MARK: Effects

    func runEffect(_ instance: Instance, _ i: Int) throws {
        let saved = reads
        reads = []
        defer { reads = saved }
        _ = try call(instance.effects[i].function, [], in: instance)
        instance.effects[i].reads = reads ?? []
    }

    /// Re-runs, in order, the effects that read a signal written since the last time,
    /// until nothing changes (at most 32 rounds).
    func settleEffects(_ instance: Instance) throws {
        var rounds = 0
        while !written.isEmpty {
            rounds += 1
            if rounds > 32 { throw EvalError("effects do not settle") }
            let changed = written
            written = []
            for i in instance.effects.indices where !instance.effects[i].reads.isDisjoint(with: changed) {
                try runEffect(instance, i)
            }
        }
    }

    func noteRead(_ cell: SignalCell) { reads?.insert(ObjectIdentifier(cell)) }
    func noteWrite(_ cell: SignalCell) { written.insert(ObjectIdentifier(cell)) }

    // MARK: Calls

    /// Calls a callable value with `args` (missing arguments are `null`, extra ones ignored).
    func call(_ callee: IRValue, _ args: [IRValue], in instance: Instance) throws -> IRValue {
        try tick()
        switch callee {
        case .function(let sym):
            guard let f = instance.functions[sym] else { throw EvalError("\(instance.component.symbol(sym).name) is not a function") }
            return try invoke(params: f.params, body: f.body, args: args, parent: instance.env, instance)
        case .closure(let c):
            return try invoke(params: c.lambda.params, body: c.lambda.body, args: args, parent: c.env, instance)
        case .signal(let cell):
            noteRead(cell)
            return cell.value
        case .computed(let cell):
            return try call(cell.function, [], in: instance)
        default:
            throw EvalError("\(callee.jsString) is not a function")
        }
    }

    func invoke(params: [IRParam], body: [IRStmt], args: [IRValue], parent: Env, _ instance: Instance) throws -> IRValue {
        callDepth += 1
        defer { callDepth -= 1 }
        if callDepth > Interpreter.maxCallDepth { throw EvalError("too much recursion") }
        let env = Env(parent: parent)
        for (i, p) in params.enumerated() {
            if p.rest {
                env.slots[p.symbol] = .array(JSArray(i < args.count ? Array(args[i...]) : []))
                continue
            }
            var v = i < args.count ? args[i] : .null
            if v.isNull, let d = p.defaultValue { v = try eval(d, env, instance) }
            env.slots[p.symbol] = v
        }
        switch try exec(body, env, instance) {
        case .returned(let v): return v
        default: return .null
        }
    }
}
