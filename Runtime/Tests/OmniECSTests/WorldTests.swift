import Testing
import OmniECS

struct Position: Component, Equatable { var x: Double; var y: Double }
struct Velocity: Component, Equatable { var dx: Double; var dy: Double }
struct Frozen: Component {}
struct Name: Component, Equatable { var value: String }

@Suite struct EntityTests {
    @Test func spawnGetAndDespawn() {
        let world = World()
        let e = world.spawn(Position(x: 1, y: 2), Velocity(dx: 3, dy: 4))
        #expect(world.isAlive(e))
        #expect(world.entityCount == 1)
        #expect(world.get(Position.self, for: e) == Position(x: 1, y: 2))
        #expect(world.get(Velocity.self, for: e) == Velocity(dx: 3, dy: 4))
        #expect(world.get(Name.self, for: e) == nil)
        #expect(world.despawn(e))
        #expect(!world.isAlive(e))
        #expect(!world.despawn(e))
        #expect(world.get(Position.self, for: e) == nil)
        #expect(world.entityCount == 0)
    }

    @Test func generationsMakeStaleHandlesDead() {
        let world = World()
        let a = world.spawn(Name(value: "a"))
        world.despawn(a)
        let b = world.spawn(Name(value: "b"))
        #expect(b.index == a.index, "the slot is reused")
        #expect(b.generation == a.generation + 1)
        #expect(!world.isAlive(a))
        #expect(world.get(Name.self, for: a) == nil)
        #expect(!world.insert(Frozen(), for: a))
        #expect(world.get(Name.self, for: b) == Name(value: "b"))
    }

    @Test func addAndRemoveComponentsMoveBetweenTables() {
        let world = World()
        let e1 = world.spawn(Position(x: 1, y: 1))
        let e2 = world.spawn(Position(x: 2, y: 2))
        let e3 = world.spawn(Position(x: 3, y: 3))
        world.insert(Velocity(dx: 9, dy: 9), for: e1)
        #expect(world.has(Velocity.self, e1))
        #expect(world.get(Position.self, for: e1) == Position(x: 1, y: 1))
        #expect(world.get(Position.self, for: e2) == Position(x: 2, y: 2))
        #expect(world.get(Position.self, for: e3) == Position(x: 3, y: 3))
        #expect(world.remove(Position.self, from: e1) == Position(x: 1, y: 1))
        #expect(!world.has(Position.self, e1))
        #expect(world.get(Velocity.self, for: e1) == Velocity(dx: 9, dy: 9))
        #expect(world.remove(Position.self, from: e1) == nil)
        world.insert(Position(x: 5, y: 5), for: e2)  // replace in place
        #expect(world.get(Position.self, for: e2) == Position(x: 5, y: 5))
    }

    @Test func nonTrivialComponentsAreReleased() {
        final class Token {}
        struct Holder: Component { var token: Token }
        weak var weakToken: Token?
        let world = World()
        do {
            let token = Token()
            weakToken = token
            let e = world.spawn(Holder(token: token))
            world.insert(Position(x: 0, y: 0), for: e)   // move between tables
            world.remove(Position.self, from: e)
            world.despawn(e)
        }
        #expect(weakToken == nil)
    }

    @Test func storageBytesGrowWithEntities() {
        let world = World()
        world.reserve(1000, for: Position.self, Velocity.self)
        for i in 0..<1000 { world.spawn(Position(x: Double(i), y: 0), Velocity(dx: 1, dy: 1)) }
        let perEntity = Double(world.storageBytes) / 1000
        // 16 + 16 bytes of components, 2 × 4 bytes of ticks, 8 for the entity, 12 for its record.
        #expect(perEntity >= 60 && perEntity <= 64, "\(perEntity)")
    }
}

@Suite struct QueryTests {
    @Test func withAndWithoutFilters() {
        let world = World()
        let moving = world.spawn(Position(x: 0, y: 0), Velocity(dx: 1, dy: 2))
        let frozen = world.spawn(Position(x: 0, y: 0), Velocity(dx: 1, dy: 2), Frozen())
        let still = world.spawn(Position(x: 0, y: 0))
        let q = world.query(with: [Position.self, Velocity.self], without: [Frozen.self])
        q.forEach(Position.self, Velocity.self) { _, p, v in
            p.x += v.dx
            p.y += v.dy
        }
        #expect(world.get(Position.self, for: moving) == Position(x: 1, y: 2))
        #expect(world.get(Position.self, for: frozen) == Position(x: 0, y: 0))
        #expect(Set(q.entities) == [moving])
        #expect(Set(world.query(with: [Position.self]).entities) == [moving, frozen, still])
        #expect(world.query(with: [Position.self], without: [Velocity.self]).count == 1)
    }

    @Test func queriesSeeTablesCreatedLater() {
        let world = World()
        let q = world.query(with: [Name.self])
        #expect(q.count == 0)
        world.spawn(Name(value: "a"))
        world.spawn(Name(value: "b"), Frozen())
        #expect(q.count == 2)
    }

    @Test func chunkAccessReadsAndWritesColumns() {
        let world = World()
        for i in 0..<10 { world.spawn(Position(x: Double(i), y: 0), Velocity(dx: 2, dy: 0)) }
        let q = world.query(with: [Position.self, Velocity.self])
        q.forEachChunk { chunk in
            let p = chunk.write(Position.self)
            let v = chunk.read(Velocity.self)
            for i in 0..<chunk.count { p[i].x *= v[i].dx }
            #expect(chunk.readIfPresent(Frozen.self) == nil)
        }
        var xs: [Double] = []
        q.forEach(reading: Position.self) { _, p in xs.append(p.x) }
        #expect(xs.sorted() == (0..<10).map { Double($0) * 2 })
    }

    @Test func changedFilterSeesWritesSinceTheBaseline() {
        let world = World()
        let a = world.spawn(Position(x: 0, y: 0))
        let b = world.spawn(Position(x: 0, y: 0))
        let changed = world.query(with: [], changed: [Position.self])
        world.advanceTick()
        #expect(Set(changed.entities) == [a, b], "spawned components count as changed")
        world.changeBaseline = world.tick
        world.advanceTick()
        #expect(changed.count == 0)
        world.insert(Position(x: 1, y: 1), for: b)
        #expect(changed.count == 0, "writes at the current tick are not visible yet")
        world.advanceTick()
        #expect(changed.entities == [b])
    }

    @Test func structuralChangesDuringIterationAreQueued() {
        let world = World()
        for i in 0..<5 { world.spawn(Position(x: Double(i), y: 0)) }
        let q = world.query(with: [Position.self])
        q.forEach(reading: Position.self) { e, p in
            if p.x >= 3 { world.enqueue { $0.despawn(e) } }
        }
        #expect(world.entityCount == 3)
    }

    @Test func structuralChangeInsideIterationTraps() async {
        await #expect(processExitsWith: .failure) {
            let world = World()
            world.spawn(Position(x: 0, y: 0))
            world.query(with: [Position.self]).forEach(reading: Position.self) { _, _ in
                world.spawn(Position(x: 1, y: 1))
            }
        }
    }
}

@Suite struct ScheduleTests {
    @Test func systemsRunInConstraintOrder() throws {
        let schedule = Schedule()
        var log: [String] = []
        schedule.add("render", after: ["physics"]) { _ in log.append("render") }
        schedule.add("input", before: ["physics"]) { _ in log.append("input") }
        schedule.add("physics") { _ in log.append("physics") }
        schedule.add("audio") { _ in log.append("audio") }
        #expect(try schedule.orderedNames() == ["input", "physics", "render", "audio"])
        try schedule.run(World())
        #expect(log == ["input", "physics", "render", "audio"])
    }

    @Test func cyclesAndUnknownNamesAreErrors() {
        let cyclic = Schedule()
        cyclic.add("a", after: ["b"]) { _ in }
        cyclic.add("b", after: ["a"]) { _ in }
        #expect(throws: ScheduleError.cycle(["a", "b", "a"])) { try cyclic.orderedNames() }
        let unknown = Schedule()
        unknown.add("a", after: ["nope"]) { _ in }
        #expect(throws: ScheduleError.unknownSystem("nope", referencedBy: "a")) { try unknown.run(World()) }
        let duplicate = Schedule()
        duplicate.add("a") { _ in }
        duplicate.add("a") { _ in }
        #expect(throws: ScheduleError.duplicateSystem("a")) { try duplicate.run(World()) }
    }

    @Test func changedQueriesSeeWritesSinceTheSystemsLastRun() throws {
        let world = World()
        let e = world.spawn(Position(x: 0, y: 0), Velocity(dx: 1, dy: 0))
        let idle = world.spawn(Position(x: 0, y: 0))
        let moving = world.query(with: [Position.self, Velocity.self])
        let changed = world.query(with: [], changed: [Position.self])
        var seen: [[Entity]] = []
        let schedule = Schedule()
        schedule.add("observe") { _ in seen.append(changed.entities.sorted { $0.index < $1.index }) }
        schedule.add("move", after: ["observe"]) { _ in moving.forEach(Position.self, Velocity.self) { _, p, v in p.x += v.dx } }
        try schedule.run(world)   // observe sees the spawns
        try schedule.run(world)   // observe sees the move of e
        world.insert(Position(x: 7, y: 7), for: idle)
        try schedule.run(world)   // sees e (moved) and idle (inserted from outside)
        #expect(seen == [[e, idle], [e], [e, idle]])
        #expect(world.get(Position.self, for: e) == Position(x: 3, y: 0))
    }

    @Test func resourcesAreStoredByType() {
        struct Score { var points: Int }
        let world = World()
        #expect(world.resource(Score.self) == nil)
        world.insertResource(Score(points: 1))
        world.withResource(Score.self) { $0.points += 41 }
        #expect(world.resource(Score.self)?.points == 42)
        #expect(world.removeResource(Score.self)?.points == 42)
        #expect(world.resource(Score.self) == nil)
    }

    @Test func eventsAreReadOnceAndExpireAfterTwoRuns() throws {
        struct Hit: Equatable { var damage: Int }
        let world = World()
        let schedule = Schedule()
        let reader = EventReader(Hit.self)
        var received: [[Hit]] = []
        var runs = 0
        schedule.add("send") { w in
            runs += 1
            w.send(Hit(damage: runs == 1 ? 5 : 1))
        }
        schedule.add("receive", after: ["send"]) { w in received.append(reader.read(w)) }
        try schedule.run(world)
        try schedule.run(world)
        #expect(received == [[Hit(damage: 5)], [Hit(damage: 1)]])
        let late = EventReader(Hit.self)
        #expect(late.read(world) == [Hit(damage: 1)], "only the last run's events are still buffered")
        #expect(late.read(world) == [])
        world.updateEvents()
        world.updateEvents()
        #expect(EventReader(Hit.self).read(world) == [])
    }
}
