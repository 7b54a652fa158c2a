// World: entities, their components (archetype tables), resources and events.
//
// Storage: archetypes. Every distinct set of component types gets a table with one
// contiguous column per component; an entity is one row. Queries walk the tables whose
// component set matches and hand systems raw column buffers, so a system's loop runs over
// plain memory. Adding or removing a component moves the entity's row to the neighbouring
// table (the transition is cached on the archetype).
//
// Concurrency: a `World` is confined to one isolation domain (it is not `Sendable`; the
// conformance is marked unavailable). Run its schedule from the one task or actor that owns
// it. Components need not be `Sendable` for that reason.
//
// Change ticks: the world's tick advances after every system run. Each row records, per
// component, the tick at which it was last written (spawn, insert, or a `write` access in a
// query). `Changed<T>` selects rows written after the running system's previous run. Ticks
// are 32-bit and compared with wrapping arithmetic; ticks older than 2^30 are clamped every
// 2^30 ticks so that comparisons stay correct in a server that runs for years.

/// The container of all entities, components, resources and events.
///
/// ```swift
/// let world = World()
/// let e = world.spawn(Position(x: 0, y: 0), Velocity(dx: 1, dy: 0))
/// world.insert(Health(hp: 10), for: e)
/// world.remove(Velocity.self, from: e)
/// world.despawn(e)
/// ```
public final class World {
    // Entities.
    var records: ContiguousArray<EntityRecord> = []
    var freeSlots: ContiguousArray<UInt32> = []
    var liveCount = 0

    // Components and tables.
    var componentIDs: [ObjectIdentifier: ComponentID] = [:]
    var components: [ComponentInfo] = []
    var archetypes: [Archetype] = []
    var archetypeBySet: [[ComponentID]: Int] = [:]

    // Change detection.
    /// The tick writes are stamped with now.
    public internal(set) var tick: UInt32 = 1
    /// `Changed` filters select rows written after this tick. A schedule sets it to each
    /// system's previous run before running the system; outside a schedule, set it yourself.
    public var changeBaseline: UInt32 = 0

    // Structural changes requested during iteration.
    var iterationDepth = 0
    var queuedChanges: [(World) -> Void] = []

    // Resources and events.
    var resources: [ObjectIdentifier: AnyObject] = [:]
    var eventStores: [ObjectIdentifier: AnyEventStore] = [:]

    /// Creates an empty world.
    public init() {
        let empty = Archetype(index: 0, componentIDs: [], columns: [])
        archetypes.append(empty)
        archetypeBySet[[]] = 0
    }

    /// The number of live entities.
    public var entityCount: Int { liveCount }

    /// Reserves room for `count` more entities in the entity table.
    public func reserveEntities(_ count: Int) {
        records.reserveCapacity(records.count + count)
    }

    /// Reserves room for `count` more entities with exactly the components `types`, so that
    /// spawning them does not reallocate their columns.
    public func reserve<each C: Component>(_ count: Int, for types: repeat (each C).Type) {
        var ids: [ComponentID] = []
        repeat ids.append(componentID(for: each types))
        archetypes[archetypeIndex(for: ids.sorted())].reserve(count)
        reserveEntities(count)
    }

    // MARK: - Entities

    /// Whether `entity` is alive (spawned and not despawned).
    public func isAlive(_ entity: Entity) -> Bool {
        let i = Int(entity.index)
        return i < records.count && records[i].generation == entity.generation
            && records[i].archetype != EntityRecord.dead
    }

    /// Spawns an entity with the given components (at most one of each type).
    @discardableResult
    public func spawn<each C: Component>(_ components: repeat each C) -> Entity {
        precondition(iterationDepth == 0, World.structuralChangeMessage)
        var ids: [ComponentID] = []
        repeat ids.append(componentID(for: (each C).self))
        let sorted = ids.sorted()
        for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] {
            preconditionFailure("omni ecs: spawn was given two components of the same type")
        }
        let archetype = archetypes[archetypeIndex(for: sorted)]
        let entity = allocateEntity()
        let row = archetype.count
        archetype.entities.append(entity)
        let tick = self.tick
        repeat World.append(each components, to: archetype, id: componentID(for: (each C).self), tick: tick)
        records[Int(entity.index)].archetype = UInt32(archetype.index)
        records[Int(entity.index)].row = UInt32(row)
        return entity
    }

    @inline(__always)
    static func append<C: Component>(_ value: C, to archetype: Archetype, id: ComponentID, tick: UInt32) {
        let column = unsafeDowncast(archetype.column(id).unsafelyUnwrapped, to: Column<C>.self)
        column.append(value, tick: tick)
    }

    /// Despawns `entity`, dropping its components. Returns false if it was not alive.
    @discardableResult
    public func despawn(_ entity: Entity) -> Bool {
        precondition(iterationDepth == 0, World.structuralChangeMessage)
        guard isAlive(entity) else { return false }
        let record = records[Int(entity.index)]
        let archetype = archetypes[Int(record.archetype)]
        let row = Int(record.row)
        for column in archetype.columns { column.swapRemove(row) }
        removeEntityRow(row, from: archetype)
        records[Int(entity.index)].generation &+= 1
        records[Int(entity.index)].archetype = EntityRecord.dead
        freeSlots.append(entity.index)
        liveCount -= 1
        return true
    }

    func allocateEntity() -> Entity {
        liveCount += 1
        if let slot = freeSlots.popLast() {
            return Entity(index: slot, generation: records[Int(slot)].generation)
        }
        precondition(records.count < Int(UInt32.max), "omni ecs: too many entities")
        records.append(EntityRecord(generation: 0, archetype: EntityRecord.dead, row: 0))
        return Entity(index: UInt32(records.count - 1), generation: 0)
    }

    /// Swap-removes `row` from the archetype's entity list and fixes the moved entity's record.
    func removeEntityRow(_ row: Int, from archetype: Archetype) {
        let last = archetype.entities.count - 1
        if row != last {
            let moved = archetype.entities[last]
            archetype.entities[row] = moved
            records[Int(moved.index)].row = UInt32(row)
        }
        archetype.entities.removeLast()
    }

    // MARK: - Components

    /// Whether `entity` is alive and has a `C`.
    public func has<C: Component>(_ type: C.Type, _ entity: Entity) -> Bool {
        guard isAlive(entity), let id = existingComponentID(for: type) else { return false }
        return archetypes[Int(records[Int(entity.index)].archetype)].contains(id)
    }

    /// The entity's `C`, or nil if it is dead or has none.
    public func get<C: Component>(_ type: C.Type, for entity: Entity) -> C? {
        guard isAlive(entity), let id = existingComponentID(for: type) else { return nil }
        let record = records[Int(entity.index)]
        guard let column = archetypes[Int(record.archetype)].column(id) else { return nil }
        return unsafeDowncast(column, to: Column<C>.self).values[Int(record.row)]
    }

    /// Adds `component` to `entity`, or replaces the one it has (marking it changed).
    /// Returns false if the entity is not alive.
    @discardableResult
    public func insert<C: Component>(_ component: C, for entity: Entity) -> Bool {
        guard isAlive(entity) else { return false }
        let id = componentID(for: C.self)
        let record = records[Int(entity.index)]
        let source = archetypes[Int(record.archetype)]
        if let column = source.column(id) {
            unsafeDowncast(column, to: Column<C>.self).set(Int(record.row), component, tick: tick)
            return true
        }
        precondition(iterationDepth == 0, World.structuralChangeMessage)
        let target = archetypes[transition(from: source, adding: id)]
        moveEntity(entity, row: Int(record.row), from: source, to: target)
        World.append(component, to: target, id: id, tick: tick)
        return true
    }

    /// Removes the entity's `C` and returns it (nil if the entity is dead or has none).
    @discardableResult
    public func remove<C: Component>(_ type: C.Type, from entity: Entity) -> C? {
        guard isAlive(entity), let id = existingComponentID(for: type) else { return nil }
        let record = records[Int(entity.index)]
        let source = archetypes[Int(record.archetype)]
        guard let column = source.column(id) else { return nil }
        precondition(iterationDepth == 0, World.structuralChangeMessage)
        let target = archetypes[transition(from: source, removing: id)]
        let row = Int(record.row)
        // Every column moves row `row` out and the last row into the hole, so they stay aligned.
        let value = unsafeDowncast(column, to: Column<C>.self).take(row)
        for (i, other) in source.columns.enumerated() where other !== column {
            other.moveRow(row, to: target.column(source.componentIDs[i])!)
        }
        finishMove(entity, row: row, from: source, to: target)
        return value
    }

    /// Moves `entity`'s row from `source` to the end of `target`, dropping components that
    /// `target` lacks. The caller appends components that `target` adds.
    func moveEntity(_ entity: Entity, row: Int, from source: Archetype, to target: Archetype) {
        for (i, column) in source.columns.enumerated() {
            if let destination = target.column(source.componentIDs[i]) {
                column.moveRow(row, to: destination)
            } else {
                column.swapRemove(row)
            }
        }
        finishMove(entity, row: row, from: source, to: target)
    }

    func finishMove(_ entity: Entity, row: Int, from source: Archetype, to target: Archetype) {
        removeEntityRow(row, from: source)
        records[Int(entity.index)].archetype = UInt32(target.index)
        records[Int(entity.index)].row = UInt32(target.count)
        target.entities.append(entity)
        for column in target.columns { column.latestTick = tick }
    }

    // MARK: - Archetypes

    /// The index of the archetype for the sorted component set `ids`, creating it if needed.
    func archetypeIndex(for ids: [ComponentID]) -> Int {
        if let index = archetypeBySet[ids] { return index }
        let index = archetypes.count
        let archetype = Archetype(index: index, componentIDs: ids, columns: ids.map { components[$0].makeColumn() })
        archetypes.append(archetype)
        archetypeBySet[ids] = index
        return index
    }

    func transition(from source: Archetype, adding id: ComponentID) -> Int {
        if let cached = source.addEdges[id] { return cached }
        let target = archetypeIndex(for: (source.componentIDs + [id]).sorted())
        source.addEdges[id] = target
        return target
    }

    func transition(from source: Archetype, removing id: ComponentID) -> Int {
        if let cached = source.removeEdges[id] { return cached }
        let target = archetypeIndex(for: source.componentIDs.filter { $0 != id })
        source.removeEdges[id] = target
        return target
    }

    // MARK: - Memory

    /// Bytes reserved by the world's entity table and component tables, computed from
    /// capacities (what is allocated, not only what is used). Excludes resources and events.
    public var storageBytes: Int {
        records.capacity * MemoryLayout<EntityRecord>.stride
            + freeSlots.capacity * MemoryLayout<UInt32>.stride
            + archetypes.reduce(0) { $0 + $1.reservedBytes }
    }

    static let structuralChangeMessage =
        "omni ecs: spawn, despawn, or adding/removing a component while a query iterates; use world.enqueue { … } to apply it after the iteration"
}

@available(*, unavailable, message: "a World is confined to one isolation domain")
extension World: Sendable {}
