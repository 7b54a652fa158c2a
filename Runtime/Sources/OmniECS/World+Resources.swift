// Resources: singletons stored in the world by type (a clock, a config, a score).

final class ResourceBox<T> {
    var value: T
    init(_ value: T) { self.value = value }
}

extension World {
    /// Stores `value` as the world's resource of type `T`, replacing any previous one.
    public func insertResource<T>(_ value: T) {
        resources[ObjectIdentifier(T.self)] = ResourceBox(value)
    }

    /// The world's resource of type `T`, if any.
    public func resource<T>(_ type: T.Type) -> T? {
        (resources[ObjectIdentifier(type)] as? ResourceBox<T>)?.value
    }

    /// Mutates the resource of type `T` in place; returns nil if there is none.
    @discardableResult
    public func withResource<T, R>(_ type: T.Type, _ body: (inout T) throws -> R) rethrows -> R? {
        guard let box = resources[ObjectIdentifier(type)] as? ResourceBox<T> else { return nil }
        return try body(&box.value)
    }

    /// Removes and returns the resource of type `T`.
    @discardableResult
    public func removeResource<T>(_ type: T.Type) -> T? {
        (resources.removeValue(forKey: ObjectIdentifier(type)) as? ResourceBox<T>)?.value
    }
}
