// Archetype: the table holding every entity that has exactly one set of components.

/// All entities with the same component set, one contiguous column per component.
/// Row `i` of every column (and of `entities`) belongs to the same entity.
final class Archetype {
    let index: Int
    /// The component ids, sorted.
    let componentIDs: [ComponentID]
    /// One column per component, in the order of `componentIDs`.
    let columns: [AnyColumn]
    /// The entity in each row.
    var entities: ContiguousArray<Entity> = []
    /// Cached transitions: the archetype reached by adding / removing one component.
    var addEdges: [ComponentID: Int] = [:]
    var removeEdges: [ComponentID: Int] = [:]

    init(index: Int, componentIDs: [ComponentID], columns: [AnyColumn]) {
        self.index = index
        self.componentIDs = componentIDs
        self.columns = columns
    }

    var count: Int { entities.count }

    /// The column of component `id`. A linear scan: tables have few components, and
    /// comparing a handful of integers beats hashing.
    @inline(__always)
    func column(_ id: ComponentID) -> AnyColumn? {
        var i = 0
        while i < componentIDs.count {
            if componentIDs[i] == id { return columns[i] }
            i += 1
        }
        return nil
    }

    func contains(_ id: ComponentID) -> Bool { column(id) != nil }

    func reserve(_ additional: Int) {
        let needed = count + additional
        entities.reserveCapacity(needed)
        for column in columns where column.capacity < needed { column.reallocate(needed) }
    }

    /// Bytes reserved by this archetype's columns and entity list.
    var reservedBytes: Int {
        columns.reduce(0) { $0 + $1.reservedBytes } + entities.capacity * MemoryLayout<Entity>.stride
    }
}
