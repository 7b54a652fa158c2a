/// The session of a request: string values kept across requests, loaded and saved by
/// ``Middleware/sessions(_:)`` (a signed cookie) or ``Middleware/sessions(_:store:)``
/// (a server-side store keyed by a signed cookie).
public struct Session: Sendable, Equatable {
    /// The values.
    public private(set) var values: [String: String]
    /// The server-side id (store-backed sessions only).
    public internal(set) var id: String?
    /// Whether a value changed during this request (the cookie is written only then).
    public internal(set) var isModified: Bool
    /// Whether ``destroy()`` was called.
    public internal(set) var isDestroyed: Bool
    /// Whether ``regenerate()`` was called (the store-backed id is replaced).
    public internal(set) var needsNewID: Bool

    /// An empty session.
    public init(values: [String: String] = [:], id: String? = nil) {
        self.values = values
        self.id = id
        self.isModified = false
        self.isDestroyed = false
        self.needsNewID = false
    }

    /// Reads or writes a value; writing nil removes it.
    public subscript(_ key: String) -> String? {
        get { values[key] }
        set {
            guard values[key] != newValue else { return }
            values[key] = newValue
            isModified = true
        }
    }

    /// Whether the session holds no values.
    public var isEmpty: Bool { values.isEmpty }

    /// Removes every value and tells the client to drop the cookie (log out).
    public mutating func destroy() {
        values = [:]
        isDestroyed = true
        isModified = true
    }

    /// Keeps the values under a fresh id (call on login, against session fixation).
    public mutating func regenerate() {
        needsNewID = true
        isModified = true
    }
}
