// Column: one component type's contiguous storage inside an archetype.
//
// Values live in one manually managed buffer (`UnsafeMutablePointer<T>`), so a query can
// hand the system a plain buffer pointer and the system's loop is as tight as a loop over a
// hand-written array. Beside the values, each row carries the tick at which it was last
// written, for `Changed` filters.

/// The type-erased part of a column: count, capacity and change ticks.
class AnyColumn {
    final var count = 0
    final var capacity = 0
    /// Tick at which each row was last written (added or changed).
    final var ticks: UnsafeMutablePointer<UInt32>
    /// The most recent tick written to any row (lets a `Changed` query skip whole columns).
    final var latestTick: UInt32 = 0

    init() {
        ticks = .allocate(capacity: 0)
    }

    deinit {
        ticks.deallocate()
    }

    /// Bytes of one value.
    var valueStride: Int { fatalError("abstract") }
    /// Makes an empty column of the same type.
    func makeEmpty() -> AnyColumn { fatalError("abstract") }
    /// Moves storage into a buffer of `newCapacity` rows.
    func reallocate(_ newCapacity: Int) { fatalError("abstract") }
    /// Destroys row `row` and moves the last row into its place.
    func swapRemove(_ row: Int) { fatalError("abstract") }
    /// Moves row `row` to the end of `destination` (same type) and fills the hole with the
    /// last row. The caller updates `destination.latestTick`.
    func moveRow(_ row: Int, to destination: AnyColumn) { fatalError("abstract") }

    /// Bytes reserved by this column (values and ticks).
    final var reservedBytes: Int { capacity * (valueStride + MemoryLayout<UInt32>.stride) }

    final func ensureCapacity(_ needed: Int) {
        if needed > capacity { reallocate(Swift.max(needed, capacity * 2, 8)) }
    }

    final func reallocateTicks(_ newCapacity: Int) {
        let fresh = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: ticks, count: count)
        ticks.deallocate()
        ticks = fresh
    }

    /// Marks every row as written at `tick`.
    final func markAll(_ tick: UInt32) {
        UnsafeMutableBufferPointer(start: ticks, count: count).update(repeating: tick)
        latestTick = tick
    }
}

/// The storage for component type `T` in one archetype.
final class Column<T>: AnyColumn {
    var values: UnsafeMutablePointer<T>

    override init() {
        values = .allocate(capacity: 0)
        super.init()
    }

    deinit {
        values.deinitialize(count: count)
        values.deallocate()
    }

    override var valueStride: Int { MemoryLayout<T>.stride }

    override func makeEmpty() -> AnyColumn { Column<T>() }

    override func reallocate(_ newCapacity: Int) {
        let fresh = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: values, count: count)
        values.deallocate()
        values = fresh
        reallocateTicks(newCapacity)
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ value: T, tick: UInt32) {
        ensureCapacity(count + 1)
        (values + count).initialize(to: value)
        ticks[count] = tick
        latestTick = tick
        count += 1
    }

    @inline(__always)
    func set(_ row: Int, _ value: T, tick: UInt32) {
        values[row] = value
        ticks[row] = tick
        latestTick = tick
    }

    /// Moves the last row into `row` (whose value has already been moved out or destroyed).
    @inline(__always)
    func fillHole(_ row: Int) {
        let last = count - 1
        if row != last {
            (values + row).moveInitialize(from: values + last, count: 1)
            ticks[row] = ticks[last]
        }
        count -= 1
    }

    override func swapRemove(_ row: Int) {
        (values + row).deinitialize(count: 1)
        fillHole(row)
    }

    /// Moves the value out of `row` and fills the hole.
    func take(_ row: Int) -> T {
        let value = (values + row).move()
        fillHole(row)
        return value
    }

    override func moveRow(_ row: Int, to destination: AnyColumn) {
        let dst = unsafeDowncast(destination, to: Column<T>.self)
        dst.ensureCapacity(dst.count + 1)
        (dst.values + dst.count).moveInitialize(from: values + row, count: 1)
        dst.ticks[dst.count] = ticks[row]
        dst.count += 1
        fillHole(row)
    }
}
