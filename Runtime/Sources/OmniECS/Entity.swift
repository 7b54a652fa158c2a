// Entity: a generational index into the world's entity table.

/// A handle to an entity: an index into the world's entity table plus the generation of
/// that slot. Despawning bumps the slot's generation, so an old handle to a reused slot is
/// recognised as dead instead of silently addressing the new entity.
public struct Entity: Hashable, Sendable, CustomStringConvertible {
    /// The slot in the entity table.
    public let index: UInt32
    /// How many times the slot had been reused when this handle was made.
    public let generation: UInt32

    /// Makes a handle; normally only the world does this.
    public init(index: UInt32, generation: UInt32) {
        self.index = index
        self.generation = generation
    }

    public var description: String { "Entity(\(index)v\(generation))" }
}

/// Where an entity's components live: its archetype and row. 12 bytes per slot.
struct EntityRecord {
    var generation: UInt32
    /// The archetype's index, or `EntityRecord.dead`.
    var archetype: UInt32
    var row: UInt32

    static let dead = UInt32.max
}
