// ReactiveGraph: the context one reactive graph lives in.
//
// Algorithm (push-pull with colour marking, as in Reactively and Preact signals):
//   - writing a signal pushes marks: its direct observers become `dirty`, everything
//     downstream of them `check`; effects that were clean are queued;
//   - reading a computed pulls: a `check` node first brings its sources up to date in order
//     and recomputes only if one of them actually changed value (`dirty`); so a diamond
//     recomputes its bottom once per change and never sees a half-updated state (no glitch);
//   - computeds are lazy (nothing runs until read) and cached (nothing reruns until a source
//     changed); effects run after the write, or at the end of the outermost `batch`.
// A rerun that reads the same sources in the same order (the steady state) allocates
// nothing: the source list is compared in place and rebuilt only when it changes.
//
// Concurrency: a graph is confined to one isolation domain. `ReactiveGraph`, `Signal`,
// `Computed` and `Effect` are deliberately not `Sendable` (their conformances are marked
// unavailable), so the compiler rejects sharing a node between tasks or actors. A graph
// built inside a request handler or an actor stays there; a whole graph can still be handed
// over as one disconnected region (`sending`). There is no lock and no `@unchecked Sendable`
// anywhere in this module, and no global state: the graph object carries the "current
// observer", so two graphs on two threads never interact.

/// The context a set of signals, computeds and effects share: the current observer while a
/// computed or effect runs, the batch depth, and the queue of effects to run.
///
/// Create one per independent graph (for server-side rendering: one per render or per
/// component instance) and make nodes through it:
///
/// ```swift
/// let graph = ReactiveGraph()
/// let count = graph.signal(1)
/// let doubled = graph.computed { count() * 2 }
/// let log = graph.effect { print(doubled()) }   // prints 2
/// count.set(5)                                   // prints 10
/// ```
///
/// Not `Sendable`: a graph and its nodes are used from one isolation domain.
public final class ReactiveGraph {
    /// The computed or effect currently running, which records what it reads. Unretained:
    /// a node is current only while it runs, and it is alive while it runs.
    var currentObserverRef: Unmanaged<ReactiveNode>?

    var currentObserver: ReactiveNode? { currentObserverRef?.takeUnretainedValue() }
    /// Nesting depth of `batch` calls; effects wait until it returns to 0.
    var batchDepth = 0
    /// Effects marked since the last flush, in the order they were marked.
    var pendingEffects: ContiguousArray<ReactiveNode> = []
    /// The effects being run by the current flush round (kept to reuse its capacity).
    var runningEffects: ContiguousArray<ReactiveNode> = []
    var isFlushing = false
    /// A counter giving each run of a computed or effect its own id (deduplicates reads).
    var runSerial: UInt64 = 0

    /// How many rounds of effects a single flush may run before it is declared an
    /// infinite loop (an effect that keeps writing a signal it depends on).
    public var maxEffectRounds = 100

    /// Creates an empty graph.
    public init() {}

    /// Runs `body` with effects deferred until it returns; effects affected by several writes
    /// inside run once, after the outermost batch ends. Computeds read inside the batch are
    /// already up to date.
    @discardableResult
    public func batch<R>(_ body: () throws -> R) rethrows -> R {
        batchDepth += 1
        defer {
            batchDepth -= 1
            if batchDepth == 0 { flush() }
        }
        return try body()
    }

    /// Runs `body` without recording its reads as dependencies of the running computed or
    /// effect (the `untrack` of other signal libraries).
    @discardableResult
    public func untracked<R>(_ body: () throws -> R) rethrows -> R {
        let saved = currentObserverRef
        currentObserverRef = nil
        defer { currentObserverRef = saved }
        return try body()
    }

    // MARK: - Effects

    func enqueue(_ effect: ReactiveNode) {
        pendingEffects.append(effect)
    }

    /// Runs queued effects unless a batch or a flush is already in progress.
    func flush() {
        guard batchDepth == 0, !isFlushing, !pendingEffects.isEmpty else { return }
        isFlushing = true
        defer { isFlushing = false }
        var rounds = 0
        while !pendingEffects.isEmpty {
            rounds += 1
            if rounds > maxEffectRounds {
                pendingEffects.removeAll()
                fatalError(
                    "omni reactive: effects did not settle after \(maxEffectRounds) rounds: an effect keeps writing a signal that it (or another effect) depends on"
                )
            }
            swap(&pendingEffects, &runningEffects)
            var i = 0
            while i < runningEffects.count {
                let effect = runningEffects[i]
                if !effect.isDisposed { effect.updateIfNecessary() }
                i += 1
            }
            runningEffects.removeAll(keepingCapacity: true)
        }
    }

    // MARK: - Factories

    /// Makes a signal holding `initial`; writes of an equal value are ignored.
    public func signal<Value: Equatable>(_ initial: Value, label: String? = nil) -> Signal<Value> {
        Signal(initial, in: self, label: label)
    }

    /// Makes a signal holding `initial`; every write notifies, since values cannot be compared.
    public func signal<Value>(_ initial: Value, label: String? = nil) -> Signal<Value> {
        Signal(initial, in: self, label: label, equals: nil)
    }

    /// Makes a lazy, cached computed; observers are notified only when its value changes.
    public func computed<Value: Equatable>(label: String? = nil, _ compute: @escaping () -> Value) -> Computed<Value> {
        Computed(in: self, label: label, compute)
    }

    /// Makes a lazy, cached computed whose value cannot be compared: observers are notified
    /// whenever it recomputes.
    public func computed<Value>(label: String? = nil, _ compute: @escaping () -> Value) -> Computed<Value> {
        Computed(in: self, label: label, equals: nil, compute)
    }

    /// Makes an effect and runs it at once (or at the end of the current batch). It reruns
    /// whenever something it read changes, until it is disposed or released.
    public func effect(label: String? = nil, _ body: @escaping () -> Void) -> Effect {
        Effect(in: self, label: label, body)
    }
}

@available(*, unavailable, message: "a reactive graph is confined to one isolation domain")
extension ReactiveGraph: Sendable {}
