// Computed: a lazy, cached derived value.

/// A value derived from signals and other computeds.
///
/// Lazy: `compute` does not run until the value is first read. Cached: it reruns only when
/// something it read has changed, and only when read again. When it reruns and produces an
/// equal value, its own dependents are not recomputed. A computed must not write signals.
/// Reading a computed from its own computation (directly or through others) stops the
/// program with a message naming the cycle.
///
/// ```swift
/// let total = graph.computed { price() * Double(quantity()) }
/// total()   // computes once, then returns the cached value until price or quantity changes
/// ```
public final class Computed<Value>: ReactiveNode {
    let compute: () -> Value
    let equals: ((Value, Value) -> Bool)?
    var cached: Value?

    /// Creates a computed; dependents are notified when a recompute yields a value that
    /// `equals` calls different (pass `nil` to notify on every recompute).
    public init(in graph: ReactiveGraph, label: String? = nil, equals: ((Value, Value) -> Bool)?, _ compute: @escaping () -> Value) {
        self.compute = compute
        self.equals = equals
        super.init(graph: graph, kind: .computed, label: label, state: .dirty)
    }

    /// The current value, recomputed first if a dependency changed. Tracked inside a
    /// computed or effect.
    public var value: Value {
        if isBusy { reportCycle() }
        trackRead()
        if state != .clean { updateIfNecessary() }
        return cached.unsafelyUnwrapped
    }

    /// Reads the value (tracked), as generated code writes `doubled()`.
    @inline(__always)
    public func callAsFunction() -> Value { value }

    /// Reads the value (up to date) without making the running computed or effect depend on it.
    public func peek() -> Value {
        graph.untracked { value }
    }

    /// Whether the computed has not been evaluated since it was created or a dependency
    /// changed (for tests and diagnostics).
    public var isStale: Bool { state != .clean }

    override func update() {
        state = .clean
        let newValue = runTracked(compute)
        let changed: Bool
        if let old = cached, let equals {
            changed = !equals(old, newValue)
        } else {
            changed = true
        }
        cached = newValue
        if changed { markObserversDirty() }
    }

    /// Detaches the computed from its sources; it recomputes from scratch if read again.
    public func dispose() {
        unlinkFromSources(from: 0)
        cached = nil
        state = .dirty
    }
}

extension Computed where Value: Equatable {
    /// Creates a computed that notifies dependents only when its value changes.
    public convenience init(in graph: ReactiveGraph, label: String? = nil, _ compute: @escaping () -> Value) {
        self.init(in: graph, label: label, equals: ==, compute)
    }
}
