// Schedule: named systems run in an order derived from before/after constraints.

/// A system: a named function over the world, run once per `Schedule.run`.
struct SystemEntry {
    let name: String
    let after: [String]
    let before: [String]
    let body: (World) -> Void
    /// The tick at which the system last ran (0: never), the baseline of its `Changed` queries.
    var lastRun: UInt32 = 0
}

/// Why a schedule cannot run.
public enum ScheduleError: Error, Equatable, CustomStringConvertible {
    /// Two systems were added with the same name.
    case duplicateSystem(String)
    /// `system` is ordered before or after `missing`, which does not exist.
    case unknownSystem(String, referencedBy: String)
    /// The ordering constraints form a cycle through these systems.
    case cycle([String])

    public var description: String {
        switch self {
        case .duplicateSystem(let name): "two systems are named '\(name)'"
        case .unknownSystem(let missing, let system): "system '\(system)' is ordered relative to '\(missing)', which does not exist"
        case .cycle(let names): "system ordering has a cycle: \(names.joined(separator: " -> "))"
        }
    }
}

/// An ordered set of systems.
///
/// Systems run in insertion order except where `after:` / `before:` constraints require
/// otherwise (a stable topological sort). Each system's writes get a fresh tick; it gets
/// its previous run tick as `world.changeBaseline` (so `Changed` queries see what was
/// written since that system last ran, by other systems or from outside). Queued
/// structural changes are applied after each system, and event buffers rotate at the end.
///
/// ```swift
/// let schedule = Schedule()
/// schedule.add("move") { world in moving.forEach(Position.self, Velocity.self) { _, p, v in p.x += v.dx } }
/// schedule.add("damp", after: ["move"]) { world in … }
/// try schedule.run(world)
/// ```
public final class Schedule {
    var systems: [SystemEntry] = []
    var order: [Int]?

    /// Creates an empty schedule.
    public init() {}

    /// Adds a system named `name`, to run after the systems named in `after` and before
    /// those named in `before`.
    public func add(_ name: String, after: [String] = [], before: [String] = [], _ body: @escaping (World) -> Void) {
        systems.append(SystemEntry(name: name, after: after, before: before, body: body))
        order = nil
    }

    /// The system names in the order they will run.
    public func orderedNames() throws(ScheduleError) -> [String] {
        try resolvedOrder().map { systems[$0].name }
    }

    /// Runs every system once, in order.
    public func run(_ world: World) throws(ScheduleError) {
        for index in try resolvedOrder() {
            // A fresh tick for the system, distinct from the tick of writes made before it
            // (outside any system) and after it: those are then always visible to `Changed`.
            world.advanceTick()
            let now = world.tick
            var lastRun = systems[index].lastRun
            if lastRun != 0, now &- lastRun > World.maxTickAge { lastRun = now &- World.maxTickAge }
            world.changeBaseline = lastRun
            systems[index].body(world)
            systems[index].lastRun = now
            world.advanceTick()
            world.applyQueuedChanges()
        }
        world.updateEvents()
    }

    func resolvedOrder() throws(ScheduleError) -> [Int] {
        if let order { return order }
        var indexByName: [String: Int] = [:]
        for (i, system) in systems.enumerated() {
            if indexByName[system.name] != nil { throw .duplicateSystem(system.name) }
            indexByName[system.name] = i
        }
        // Edges: a -> b means a runs before b.
        var successors = Array(repeating: [Int](), count: systems.count)
        var inDegree = Array(repeating: 0, count: systems.count)
        for (i, system) in systems.enumerated() {
            for name in system.after {
                guard let j = indexByName[name] else { throw .unknownSystem(name, referencedBy: system.name) }
                successors[j].append(i)
                inDegree[i] += 1
            }
            for name in system.before {
                guard let j = indexByName[name] else { throw .unknownSystem(name, referencedBy: system.name) }
                successors[i].append(j)
                inDegree[j] += 1
            }
        }
        // Kahn's algorithm, always taking the earliest-added ready system.
        var result: [Int] = []
        var done = Array(repeating: false, count: systems.count)
        while result.count < systems.count {
            guard let next = (0..<systems.count).first(where: { !done[$0] && inDegree[$0] == 0 }) else {
                throw .cycle(findCycle(successors: successors, done: done))
            }
            done[next] = true
            result.append(next)
            for s in successors[next] { inDegree[s] -= 1 }
        }
        order = result
        return result
    }

    /// Names along one cycle among the systems not yet ordered.
    func findCycle(successors: [[Int]], done: [Bool]) -> [String] {
        var path: [Int] = []
        var onPath = Array(repeating: false, count: systems.count)
        var current = (0..<systems.count).first { !done[$0] }!
        while !onPath[current] {
            onPath[current] = true
            path.append(current)
            current = successors[current].first { !done[$0] } ?? current
        }
        let start = path.firstIndex(of: current)!
        return (path[start...] + [current]).map { systems[$0].name }
    }
}
