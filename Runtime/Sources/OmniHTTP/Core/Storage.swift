/// A key into ``Storage``: a type whose `Value` a middleware stores on the request.
///
/// ```swift
/// enum CurrentUser: StorageKey { typealias Value = User }
/// request.storage[CurrentUser.self] = user
/// ```
public protocol StorageKey: SendableMetatype {
    /// The stored value's type.
    associatedtype Value: Sendable
}

/// Typed per-request values that middleware hands to handlers (the authenticated user,
/// a parsed body, …). Empty storage costs nothing.
public struct Storage: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    /// Creates empty storage.
    public init() {}

    /// The value stored under `key`, if any.
    public subscript<Key: StorageKey>(_ key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}
