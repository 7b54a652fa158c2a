// Component: the marker protocol for component types, and the per-world type registry.

/// A type that can be attached to entities. Generated code declares plain structs:
///
/// ```swift
/// struct Position: Component { var x: Double; var y: Double }
/// ```
public protocol Component {}

/// A dense, per-world number for a component type (its column id).
typealias ComponentID = Int

/// What the world knows about one registered component type.
struct ComponentInfo {
    let name: String
    /// Makes an empty column of this type.
    let makeColumn: () -> AnyColumn
}

extension World {
    /// The id of `type`, registering it on first use.
    @inline(__always)
    func componentID<C: Component>(for type: C.Type) -> ComponentID {
        let key = ObjectIdentifier(type)
        if let id = componentIDs[key] { return id }
        let id = components.count
        components.append(ComponentInfo(name: String(describing: type), makeColumn: { Column<C>() }))
        componentIDs[key] = id
        return id
    }

    /// The id of `type` if it was ever registered.
    @inline(__always)
    func existingComponentID<C: Component>(for type: C.Type) -> ComponentID? {
        componentIDs[ObjectIdentifier(type)]
    }
}
