// Events: typed messages between systems, double-buffered like Bevy's.
//
// An event sent during one schedule run can be read during that run and the next; a reader
// sees each event once. `Schedule.run` rotates the buffers at its end (`updateEvents()`).

protocol AnyEventStore: AnyObject {
    func rotate()
}

final class EventStore<E>: AnyEventStore {
    /// Events of the previous run, then of the current one; `firstSequence` numbers `previous[0]`.
    var previous: [E] = []
    var current: [E] = []
    var firstSequence = 0

    var endSequence: Int { firstSequence + previous.count + current.count }

    func rotate() {
        firstSequence += previous.count
        swap(&previous, &current)
        current.removeAll(keepingCapacity: true)
    }
}

/// Reads events of type `E`, each once. Keep one reader per consuming system.
public final class EventReader<E> {
    var nextSequence = 0

    /// Creates a reader that starts with the events still buffered.
    public init(_ type: E.Type = E.self) {}

    /// The events sent since this reader last read, oldest first. Events older than two
    /// schedule runs are gone.
    public func read(_ world: World) -> [E] {
        guard let store = world.eventStore(E.self, create: false) else { return [] }
        let start = Swift.max(nextSequence, store.firstSequence)
        var result: [E] = []
        let previousEnd = store.firstSequence + store.previous.count
        if start < previousEnd {
            result.append(contentsOf: store.previous[(start - store.firstSequence)...])
        }
        let currentStart = Swift.max(start, previousEnd) - previousEnd
        result.append(contentsOf: store.current[currentStart...])
        nextSequence = store.endSequence
        return result
    }
}

extension World {
    /// Sends an event to every `EventReader<E>`.
    public func send<E>(_ event: E) {
        eventStore(E.self, create: true)!.current.append(event)
    }

    /// Rotates every event buffer: events from two runs ago are dropped. `Schedule.run`
    /// calls this at its end; call it yourself when running systems by hand.
    public func updateEvents() {
        for store in eventStores.values { store.rotate() }
    }

    func eventStore<E>(_ type: E.Type, create: Bool) -> EventStore<E>? {
        let key = ObjectIdentifier(type)
        if let store = eventStores[key] { return unsafeDowncast(store, to: EventStore<E>.self) }
        guard create else { return nil }
        let store = EventStore<E>()
        eventStores[key] = store
        return store
    }
}
