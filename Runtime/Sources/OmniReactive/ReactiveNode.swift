// ReactiveNode: the type-erased node every signal, computed and effect is, and the
// colour-marking algorithm that runs over them (see ReactiveGraph.swift for the overview).
//
// Ownership: a node holds its sources strongly (what you read stays alive) and its
// observers unretained; a node unlinks itself from its sources when it is disposed or
// deallocated. So there are no reference cycles: dropping the last reference to a computed
// or an effect frees it, and a graph built for one render is freed with it.

/// The common base of `Signal`, `Computed` and `Effect`. It has no public API of its own.
public class ReactiveNode {
    enum State: UInt8, Comparable {
        case clean = 0, check = 1, dirty = 2
        static func < (a: State, b: State) -> Bool { a.rawValue < b.rawValue }
    }

    enum Kind: UInt8 { case signal, computed, effect }

    let graph: ReactiveGraph
    let kind: Kind
    /// A name used in error messages (cycles).
    let label: String?
    var state: State
    /// What this node read during its last run, in order (empty for signals).
    var sources: ContiguousArray<ReactiveNode> = []
    /// The computeds and effects that read this node; unretained, each removes itself.
    var observers: ContiguousArray<Unmanaged<ReactiveNode>> = []

    // Dependency tracking state of the current run.
    var sourceCursor = 0
    var newSources: ContiguousArray<ReactiveNode> = []
    var hasNewSources = false
    var runID: UInt64 = 0
    var lastReadByRun: UInt64 = 0
    /// True while this node updates; reading or updating it again then means a cycle.
    var isBusy = false
    /// The observer that was running when this one started (for cycle messages).
    unowned(unsafe) var runningUnder: ReactiveNode?
    var isDisposed = false
    /// Recomputes the node (runs a computed's function and stores its value, or runs an
    /// effect) and says whether the value changed. Set by the subclass, so that the graph
    /// algorithm itself is not generic and never touches a value.
    var refresh: () -> Bool = { false }

    init(graph: ReactiveGraph, kind: Kind, label: String?, state: State) {
        self.graph = graph
        self.kind = kind
        self.label = label
        self.state = state
    }

    deinit {
        unlinkFromSources(from: 0)
    }

    // MARK: - Tracking

    /// Records that the running observer (if any) read this node.
    final func trackRead() {
        guard let current = graph.currentObserverRef else { return }
        current._withUnsafeGuaranteedRef { trackRead(by: $0) }
    }

    @inline(__always)
    final func trackRead(by observer: ReactiveNode) {
        if lastReadByRun == observer.runID { return }  // already recorded in this run
        lastReadByRun = observer.runID
        if !observer.hasNewSources, observer.sourceCursor < observer.sources.count,
            observer.sources[observer.sourceCursor] === self
        {
            observer.sourceCursor += 1  // same source as last time, in the same place
        } else {
            if !observer.hasNewSources {
                observer.hasNewSources = true
                observer.newSources.removeAll(keepingCapacity: true)
            }
            observer.newSources.append(self)
        }
    }

    /// Runs `refresh` as this node's tracked computation and then updates the source links.
    @inline(__always)
    final func runTracked() -> Bool {
        unowned(unsafe) let graph = self.graph
        let previous = graph.currentObserverRef
        runningUnder = previous?.takeUnretainedValue()
        graph.currentObserverRef = Unmanaged.passUnretained(self)
        graph.runSerial &+= 1
        runID = graph.runSerial
        sourceCursor = 0
        hasNewSources = false
        let result = refresh()
        graph.currentObserverRef = previous
        runningUnder = nil
        reconcileSources()
        return result
    }

    /// Replaces the sources after the matching prefix with the newly read ones.
    final func reconcileSources() {
        if hasNewSources {
            unlinkFromSources(from: sourceCursor)
            let me = Unmanaged.passUnretained(self)
            for source in newSources {
                sources.append(source)
                source.observers.append(me)
            }
            newSources.removeAll(keepingCapacity: false)
            hasNewSources = false
        } else if sourceCursor < sources.count {
            unlinkFromSources(from: sourceCursor)
        }
    }

    /// Removes this node from the observers of `sources[start...]` and drops those sources.
    final func unlinkFromSources(from start: Int) {
        guard start < sources.count else { return }
        let me = Unmanaged.passUnretained(self).toOpaque()
        for i in start..<sources.count {
            let source = sources[i]
            var j = source.observers.count - 1
            while j >= 0 {
                if source.observers[j].toOpaque() == me {
                    source.observers.swapAt(j, source.observers.count - 1)
                    source.observers.removeLast()
                    break
                }
                j -= 1
            }
        }
        sources.removeSubrange(start..<sources.count)
    }

    // MARK: - Colouring

    /// Push: marks this node at least `newState` and everything downstream `check`.
    final func markStale(_ newState: State) {
        guard state < newState else { return }
        let wasClean = state == .clean
        state = newState
        if wasClean {
            if kind == .effect {
                graph.enqueue(self)
            }
            var i = 0
            while i < observers.count {
                observers[i]._withUnsafeGuaranteedRef { $0.markStale(.check) }
                i += 1
            }
        }
    }

    /// Tells observers that this node's value changed (called after a recompute).
    final func markObserversDirty() {
        var i = 0
        while i < observers.count {
            observers[i]._withUnsafeGuaranteedRef { observer in
                if observer.state == .clean {
                    // A busy, clean observer is running right now and is reading the new
                    // value: marking it again would rerun it for nothing.
                    if !observer.isBusy { observer.markStale(.dirty) }
                } else {
                    observer.state = .dirty
                }
            }
            i += 1
        }
    }

    /// Pull: brings this node up to date, recomputing only if a source really changed.
    final func updateIfNecessary() {
        if state == .clean { return }
        if isBusy { reportCycle() }
        isBusy = true
        defer { isBusy = false }
        if state == .check {
            var i = 0
            while i < sources.count {
                unowned(unsafe) let source = sources[i]
                if source.state != .clean { source.updateIfNecessary() }
                if state == .dirty { break }
                i += 1
            }
        }
        if state == .dirty {
            update()
        } else {
            state = .clean
        }
    }

    /// Recomputes (computed) or reruns (effect); a computed whose value changed marks its
    /// observers dirty. Sets the state to clean before running, so that a write made by an
    /// effect to its own dependency schedules it again.
    final func update() {
        state = .clean
        if runTracked() && kind == .computed { markObserversDirty() }
    }

    // MARK: - Errors

    /// Stops with a message naming the nodes on the cycle.
    func reportCycle() -> Never {
        var names: [String] = [describe(self)]
        var node = graph.currentObserver
        var steps = 0
        while let n = node, steps < 64 {
            names.append(describe(n))
            if n === self { break }
            node = n.runningUnder
            steps += 1
        }
        fatalError("omni reactive: cycle detected: \(names.reversed().joined(separator: " -> ")) (a computed depends on itself)")
    }

    func describe(_ node: ReactiveNode) -> String {
        let kindName = node.kind == .effect ? "effect" : node.kind == .signal ? "signal" : "computed"
        return "\(kindName) '\(node.label ?? "unnamed")'"
    }
}

@available(*, unavailable, message: "a reactive graph is confined to one isolation domain")
extension ReactiveNode: Sendable {}
