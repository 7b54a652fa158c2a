// Query: the entities that have a set of components (With), lack others (Without), and
// optionally had some written recently (Changed); iterated table by table.

/// A cached query over a world. Make it once (in a system's setup) and run it every frame:
/// it remembers which archetypes match and only examines archetypes created since.
///
/// ```swift
/// let moving = world.query(with: [Position.self, Velocity.self], without: [Frozen.self])
/// moving.forEachChunk { chunk in
///     let p = chunk.write(Position.self), v = chunk.read(Velocity.self)
///     for i in 0..<chunk.count { p[i].x += v[i].dx; p[i].y += v[i].dy }
/// }
/// ```
public final class Query {
    let world: World
    let required: [ComponentID]
    let excluded: [ComponentID]
    let changed: [ComponentID]
    var matched: [Archetype] = []
    var scanned = 0

    init(world: World, required: [ComponentID], excluded: [ComponentID], changed: [ComponentID]) {
        self.world = world
        self.required = Array(Set(required + changed)).sorted()
        self.excluded = excluded
        self.changed = changed
    }

    func refresh() {
        while scanned < world.archetypes.count {
            let archetype = world.archetypes[scanned]
            if required.allSatisfy(archetype.contains), !excluded.contains(where: archetype.contains) {
                matched.append(archetype)
            }
            scanned += 1
        }
    }

    /// Calls `body` once per non-empty matching table with that table's columns.
    ///
    /// Inside `body`, structural changes (spawn, despawn, adding or removing a component
    /// type) are refused; queue them with `world.enqueue(_:)` and they run when the
    /// outermost iteration ends. Rows filtered out by `Changed` are still in the chunk:
    /// skip the rows for which `chunk.matches(row)` is false (`forEach` does this).
    public func forEachChunk(_ body: (QueryChunk) throws -> Void) rethrows {
        refresh()
        world.iterationDepth += 1
        defer {
            world.iterationDepth -= 1
            world.applyQueuedChanges()
        }
        let now = world.tick
        let baseline = world.changeBaseline
        for archetype in matched where archetype.count > 0 {
            var changedColumns: [AnyColumn] = []
            if !changed.isEmpty {
                changedColumns = changed.map { archetype.column($0)! }
                // Skip the table if no changed column was written inside the window.
                if changedColumns.contains(where: { !World.isNewer($0.latestTick, than: baseline, now: now) }) {
                    continue
                }
            }
            try archetype.entities.withUnsafeBufferPointer { entities in
                try body(QueryChunk(
                    world: world, archetype: archetype, entities: entities,
                    changedColumns: changedColumns, baseline: baseline, now: now))
            }
        }
    }

    /// The number of entities the query selects now (applying `Changed` filters).
    public var count: Int {
        var total = 0
        forEachChunk { chunk in
            if chunk.hasChangedFilter {
                for row in 0..<chunk.count where chunk.matches(row) { total += 1 }
            } else {
                total += chunk.count
            }
        }
        return total
    }

    /// The entities the query selects now, table by table.
    public var entities: [Entity] {
        var result: [Entity] = []
        forEachChunk { chunk in
            for row in 0..<chunk.count where chunk.matches(row) { result.append(chunk.entities[row]) }
        }
        return result
    }
}

extension World {
    /// Makes a query for entities that have every type in `with`, none in `without`, and
    /// whose components in `changed` were written after `changeBaseline` and before the
    /// current tick (types in `changed` are implicitly required).
    public func query(
        with: [any Component.Type], without: [any Component.Type] = [], changed: [any Component.Type] = []
    ) -> Query {
        Query(
            world: self,
            required: with.map { componentID(for: $0) },
            excluded: without.map { componentID(for: $0) },
            changed: changed.map { componentID(for: $0) })
    }
}

/// One matching table during iteration: `count` rows, the entity in each row, and typed
/// access to its columns. The buffers are valid only inside the `forEachChunk` callback.
public struct QueryChunk {
    let world: World
    let archetype: Archetype
    let changedColumns: [AnyColumn]
    let baseline: UInt32
    let now: UInt32

    /// The number of rows.
    public let count: Int
    /// The entity in each row.
    public let entities: UnsafeBufferPointer<Entity>
    /// Whether the query has `Changed` filters (so rows must be checked with `matches`).
    public let hasChangedFilter: Bool

    init(world: World, archetype: Archetype, entities: UnsafeBufferPointer<Entity>, changedColumns: [AnyColumn], baseline: UInt32, now: UInt32) {
        self.world = world
        self.archetype = archetype
        self.entities = entities
        self.count = entities.count
        self.changedColumns = changedColumns
        self.hasChangedFilter = !changedColumns.isEmpty
        self.baseline = baseline
        self.now = now
    }

    /// Read access to the column of `T` (which must be one of the query's `with` types or
    /// otherwise present in this table).
    public func read<T: Component>(_ type: T.Type) -> UnsafeBufferPointer<T> {
        let column = typedColumn(type)
        return UnsafeBufferPointer(start: column.values, count: count)
    }

    /// Write access to the column of `T`. Every row of the chunk is marked as changed at the
    /// current tick: change detection is per access, not per assignment.
    public func write<T: Component>(_ type: T.Type) -> UnsafeMutableBufferPointer<T> {
        let column = typedColumn(type)
        column.markAll(now)
        return UnsafeMutableBufferPointer(start: column.values, count: count)
    }

    /// The column of `T` if this table has one (for optional components), read-only.
    public func readIfPresent<T: Component>(_ type: T.Type) -> UnsafeBufferPointer<T>? {
        guard let id = world.existingComponentID(for: type), let column = archetype.column(id) else { return nil }
        return UnsafeBufferPointer(start: unsafeDowncast(column, to: Column<T>.self).values, count: count)
    }

    /// Whether row `row` passes the query's `Changed` filters (always true without any).
    @inline(__always)
    public func matches(_ row: Int) -> Bool {
        for column in changedColumns {
            let t = column.ticks[row]
            if t == now || !World.isNewer(t, than: baseline, now: now) { return false }
        }
        return true
    }

    func typedColumn<T: Component>(_ type: T.Type) -> Column<T> {
        guard let id = world.existingComponentID(for: type), let column = archetype.column(id) else {
            preconditionFailure("omni ecs: this query's tables have no \(T.self) column; add it to the query's `with:` list")
        }
        return unsafeDowncast(column, to: Column<T>.self)
    }
}

extension Query {
    /// Calls `body` for every selected entity with mutable access to its `A` (marked changed).
    @inlinable
    public func forEach<A: Component>(_ a: A.Type, _ body: (Entity, inout A) throws -> Void) rethrows {
        try forEachChunk { chunk in
            let pa = chunk.write(a)
            for i in 0..<chunk.count where !chunk.hasChangedFilter || chunk.matches(i) {
                try body(chunk.entities[i], &pa[i])
            }
        }
    }

    /// Calls `body` for every selected entity with mutable access to its `A` and `B`
    /// (both marked changed).
    @inlinable
    public func forEach<A: Component, B: Component>(
        _ a: A.Type, _ b: B.Type, _ body: (Entity, inout A, inout B) throws -> Void
    ) rethrows {
        try forEachChunk { chunk in
            let pa = chunk.write(a), pb = chunk.write(b)
            for i in 0..<chunk.count where !chunk.hasChangedFilter || chunk.matches(i) {
                try body(chunk.entities[i], &pa[i], &pb[i])
            }
        }
    }

    /// Calls `body` for every selected entity with read access to its `A`.
    @inlinable
    public func forEach<A: Component>(reading a: A.Type, _ body: (Entity, A) throws -> Void) rethrows {
        try forEachChunk { chunk in
            let pa = chunk.read(a)
            for i in 0..<chunk.count where !chunk.hasChangedFilter || chunk.matches(i) {
                try body(chunk.entities[i], pa[i])
            }
        }
    }
}
