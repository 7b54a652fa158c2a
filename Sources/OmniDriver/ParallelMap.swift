import Foundation

/// Runs `body` over `items` on worker threads with large stacks and returns the results
/// in input order. Large stacks make deep (but bounded) recursion in the front end safe
/// on every platform.
enum ParallelMap {
    /// Stack size of each worker: generous, so that bounded recursion never overflows.
    static let stackSize = 64 << 20

    static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                               _ body: @escaping @Sendable (T) -> R) -> [R] {
        let box = ResultBox<R>(count: items.count)
        let count = max(1, min(workers, items.count))
        let group = DispatchGroup()
        for _ in 0..<count {
            group.enter()
            let thread = Thread {
                while let i = box.claim() {
                    box.store(body(items[i]), at: i)
                }
                group.leave()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        group.wait()
        return box.results()
    }
}

/// Shared state of one `ParallelMap.map` call, guarded by a lock.
private final class ResultBox<R: Sendable>: @unchecked Sendable {
    // @unchecked: every access to `next` and `slots` happens under `lock`.
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var slots: [R?]

    init(count: Int) {
        self.count = count
        self.slots = Array(repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ r: R, at i: Int) {
        lock.lock(); defer { lock.unlock() }
        slots[i] = r
    }

    func results() -> [R] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
