// AsyncLock: a FIFO lock for async code (the single SQLite writer).

/// A first-come, first-served lock that suspends waiters instead of blocking threads.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits until the lock is free and takes it. Not cancellable: a cancelled task still
    /// gets the lock and is expected to notice its cancellation and unlock.
    func lock() async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Releases the lock, handing it to the longest waiter.
    func unlock() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
