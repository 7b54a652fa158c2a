// Signal: a writable reactive value.

/// A writable value that records who reads it and notifies them when it changes.
///
/// ```swift
/// let count = graph.signal(0)
/// count()              // read (tracked inside a computed or effect)
/// count.set(1)         // write; effects that read it run now (or after the batch)
/// count.update { $0 += 1 }
/// ```
public final class Signal<Value>: ReactiveNode {
    var storage: Value
    /// Non-optional (see `Computed`): `compares` says whether to call it.
    let isEqual: (Value, Value) -> Bool
    let compares: Bool

    /// Creates a signal; a write is ignored when `equals` says the value did not change
    /// (pass `nil` to notify on every write).
    public init(_ initial: Value, in graph: ReactiveGraph, label: String? = nil, equals: ((Value, Value) -> Bool)?) {
        storage = initial
        compares = equals != nil
        isEqual = equals ?? { _, _ in false }
        super.init(graph: graph, kind: .signal, label: label, state: .clean)
    }

    /// The current value. Reading it inside a computed or effect makes that a dependent;
    /// setting it notifies dependents (unless the value is equal to the current one).
    public var value: Value {
        get {
            trackRead()
            return storage
        }
        set { set(newValue) }
    }

    /// Reads the value (tracked), as generated code writes `count()`.
    public func callAsFunction() -> Value { value }

    /// Reads the value without making the running computed or effect depend on it.
    public func peek() -> Value { storage }

    /// Writes a new value and notifies dependents if it differs from the current one.
    public func set(_ newValue: Value) {
        checkWriteAllowed()
        if compares && isEqual(storage, newValue) { return }
        storage = newValue
        notifyChanged()
    }

    /// Changes the value in place and notifies dependents if it changed.
    public func update(_ change: (inout Value) -> Void) {
        var copy = storage
        change(&copy)
        set(copy)
    }

    func checkWriteAllowed() {
        if let current = graph.currentObserver, current.kind == .computed {
            fatalError("omni reactive: signal '\(label ?? "unnamed")' written while computed '\(current.label ?? "unnamed")' runs; computeds must not have side effects")
        }
    }

    func notifyChanged() {
        var i = 0
        while i < observers.count {
            observers[i]._withUnsafeGuaranteedRef { $0.markStale(.dirty) }
            i += 1
        }
        // An effect that read this signal earlier in its current run is not linked to it
        // yet when that run is its first: it must still rerun with the new value.
        if let current = graph.currentObserver, current.kind == .effect, lastReadByRun == current.runID {
            current.markStale(.dirty)
        }
        graph.flush()
    }
}

extension Signal where Value: Equatable {
    /// Creates a signal that ignores writes of an equal value.
    public convenience init(_ initial: Value, in graph: ReactiveGraph, label: String? = nil) {
        self.init(initial, in: graph, label: label, equals: { $0 == $1 })
    }
}
