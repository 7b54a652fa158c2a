// Change ticks: advancing, comparing with wrap-around, clamping old ticks.

extension World {
    /// The largest age a tick may have before it is clamped (2^30 ticks).
    static let maxTickAge: UInt32 = 1 << 30

    /// Whether `t` was written after `baseline`, both being at most 2^31 ticks old at `now`.
    @inline(__always)
    public static func isNewer(_ t: UInt32, than baseline: UInt32, now: UInt32) -> Bool {
        (now &- t) < (now &- baseline)
    }

    /// Advances the world's tick (a schedule does this after every system) and applies
    /// queued structural changes. Every 2^30 ticks, older ticks are clamped.
    public func advanceTick() {
        tick &+= 1
        if tick % World.maxTickAge == 0 { clampOldTicks() }
    }

    /// Brings every tick older than `maxTickAge` up to that age, so that wrapping
    /// comparisons never mistake a very old write for a new one.
    func clampOldTicks() {
        let oldest = tick &- World.maxTickAge
        for archetype in archetypes {
            for column in archetype.columns {
                for row in 0..<column.count where tick &- column.ticks[row] > World.maxTickAge {
                    column.ticks[row] = oldest
                }
                if tick &- column.latestTick > World.maxTickAge { column.latestTick = oldest }
            }
        }
        if tick &- changeBaseline > World.maxTickAge { changeBaseline = oldest }
    }

    // MARK: - Queued structural changes

    /// Queues a structural change (spawn, despawn, insert or remove of a component type the
    /// entity lacks) to run once no query is iterating; runs it now if none is.
    public func enqueue(_ change: @escaping (World) -> Void) {
        if iterationDepth == 0 {
            change(self)
        } else {
            queuedChanges.append(change)
        }
    }

    /// Runs the changes queued during iteration.
    func applyQueuedChanges() {
        while iterationDepth == 0, !queuedChanges.isEmpty {
            let changes = queuedChanges
            queuedChanges.removeAll()
            for change in changes { change(self) }
        }
    }
}
