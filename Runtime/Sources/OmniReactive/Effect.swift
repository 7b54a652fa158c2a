// Effect: a side effect that reruns when what it read changes.

/// A function that runs once when created and again after anything it read changed.
///
/// Effects run after the write that affected them, or once at the end of the outermost
/// `batch`, however many of their dependencies the batch changed. An effect stays active
/// while it is referenced: keep it (as a component keeps its effects) and call `dispose()`
/// to stop it early; releasing the last reference disposes it too.
public final class Effect: ReactiveNode {
    /// Creates an effect in `graph` and runs it now (or at the end of the current batch).
    public init(in graph: ReactiveGraph, label: String? = nil, _ body: @escaping () -> Void) {
        super.init(graph: graph, kind: .effect, label: label, state: .dirty)
        refresh = {
            body()
            return false
        }
        graph.enqueue(self)
        graph.flush()
    }

    /// Stops the effect: it no longer runs, and its dependencies no longer reference it.
    public func dispose() {
        isDisposed = true
        unlinkFromSources(from: 0)
        state = .clean
    }

    /// Whether `dispose()` has been called.
    public var disposed: Bool { isDisposed }
}
