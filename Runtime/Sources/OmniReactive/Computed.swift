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
    /// The cached value, valid when `hasValue`. A pointer rather than an optional so that
    /// reading it in this (unspecialised) generic code needs no metadata instantiation.
    let slot: UnsafeMutablePointer<Value>
    var hasValue = false

    /// Creates a computed; dependents are notified when a recompute yields a value that
    /// `equals` calls different (pass `nil` to notify on every recompute).
    public init(in graph: ReactiveGraph, label: String? = nil, equals: ((Value, Value) -> Bool)?, _ compute: @escaping () -> Value) {
        let slot = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        self.slot = slot
        super.init(graph: graph, kind: .computed, label: label, state: .dirty)
        // Non-optional closures: an optional function type in generic code would cost a
        // metadata lookup on every recompute.
        let compares = equals != nil
        let isEqual: (Value, Value) -> Bool = equals ?? { _, _ in false }
        // Unowned: the closure belongs to `self` and is only called by it.
        refresh = { [unowned(unsafe) self] in
            let newValue = compute()
            if self.hasValue {
                let changed = !compares || !isEqual(slot.pointee, newValue)
                slot.pointee = newValue
                return changed
            }
            slot.initialize(to: newValue)
            self.hasValue = true
            return true
        }
    }

    deinit {
        if hasValue { slot.deinitialize(count: 1) }
        slot.deallocate()
    }

    /// The current value, recomputed first if a dependency changed. Tracked inside a
    /// computed or effect.
    public var value: Value {
        if isBusy { reportCycle() }
        trackRead()
        if state != .clean { updateIfNecessary() }
        return slot.pointee
    }

    /// Reads the value (tracked), as generated code writes `doubled()`.
    public func callAsFunction() -> Value { value }

    /// Reads the value (up to date) without making the running computed or effect depend on it.
    public func peek() -> Value {
        graph.untracked { value }
    }

    /// Whether the computed has not been evaluated since it was created or a dependency
    /// changed (for tests and diagnostics).
    public var isStale: Bool { state != .clean }

    /// Detaches the computed from its sources; it recomputes from scratch if read again.
    public func dispose() {
        unlinkFromSources(from: 0)
        if hasValue { slot.deinitialize(count: 1) }
        hasValue = false
        state = .dirty
    }
}

extension Computed where Value: Equatable {
    /// Creates a computed that notifies dependents only when its value changes.
    public convenience init(in graph: ReactiveGraph, label: String? = nil, _ compute: @escaping () -> Value) {
        self.init(in: graph, label: label, equals: { $0 == $1 }, compute)
    }
}
