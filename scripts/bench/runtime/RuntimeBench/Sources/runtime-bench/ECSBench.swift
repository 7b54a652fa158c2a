// ECS: two systems (position += velocity; velocity *= damping) over N entities, against a
// hand-written struct-of-arrays loop doing the same arithmetic.

import OmniECS

struct Position: Component { var x: Double; var y: Double }
struct Velocity: Component { var dx: Double; var dy: Double }

let damping = 0.999_9

/// The baseline: four plain arrays and two loops.
final class StructOfArrays {
    var px: [Double], py: [Double], vx: [Double], vy: [Double]

    init(count: Int) {
        px = (0..<count).map { Double($0) }
        py = Array(repeating: 0, count: count)
        vx = Array(repeating: 1, count: count)
        vy = Array(repeating: 0.5, count: count)
    }

    @inline(never)
    func update() {
        let n = px.count
        px.withUnsafeMutableBufferPointer { px in
            py.withUnsafeMutableBufferPointer { py in
                vx.withUnsafeBufferPointer { vx in
                    vy.withUnsafeBufferPointer { vy in
                        for i in 0..<n {
                            px[i] += vx[i]
                            py[i] += vy[i]
                        }
                    }
                }
            }
        }
        vx.withUnsafeMutableBufferPointer { vx in
            vy.withUnsafeMutableBufferPointer { vy in
                for i in 0..<n {
                    vx[i] *= damping
                    vy[i] *= damping
                }
            }
        }
    }

    var checksum: Double { px.reduce(0, +) + py.reduce(0, +) }
}

/// The ECS version: a world, a cached query, and a two-system schedule.
final class ECSScene {
    let world = World()
    let schedule = Schedule()
    let moving: Query

    init(count: Int, reserve: Bool) {
        if reserve { world.reserve(count, for: Position.self, Velocity.self) }
        for i in 0..<count {
            world.spawn(Position(x: Double(i), y: 0), Velocity(dx: 1, dy: 0.5))
        }
        moving = world.query(with: [Position.self, Velocity.self])
        let moving = self.moving
        schedule.add("move") { _ in
            moving.forEachChunk { chunk in
                let p = chunk.write(Position.self)
                let v = chunk.read(Velocity.self)
                for i in 0..<chunk.count {
                    p[i].x += v[i].dx
                    p[i].y += v[i].dy
                }
            }
        }
        schedule.add("damp", after: ["move"]) { _ in
            moving.forEachChunk { chunk in
                let v = chunk.write(Velocity.self)
                for i in 0..<chunk.count {
                    v[i].dx *= damping
                    v[i].dy *= damping
                }
            }
        }
    }

    @inline(never)
    func update() {
        try! schedule.run(world)
    }

    /// The same two systems through the per-entity closure API (`Query.forEach`).
    @inline(never)
    func updatePerEntity() {
        moving.forEach(Position.self, Velocity.self) { _, p, v in
            p.x += v.dx
            p.y += v.dy
        }
        moving.forEach(Velocity.self) { _, v in
            v.dx *= damping
            v.dy *= damping
        }
        world.advanceTick()
    }

    var checksum: Double {
        var sum = 0.0
        moving.forEachChunk { chunk in
            for p in chunk.read(Position.self) { sum += p.x + p.y }
        }
        return sum
    }
}

func runECSBenchmarks(quick: Bool) {
    print("== ECS: two systems (position += velocity; velocity *= damping) ==")
    print("entities   frames  SoA ms/frame  ECS ms/frame  ratio  forEach ms/frame  ratio  bytes/entity (reserved | grown)  RSS delta/entity")
    for (count, frames) in [(1_000, quick ? 2_000 : 20_000), (1_000_000, quick ? 10 : 60)] {
        let soa = StructOfArrays(count: count)
        let heapBefore = residentBytes()
        let scene = ECSScene(count: count, reserve: true)
        let heapDelta = Double(residentBytes() - heapBefore) / Double(count)
        let grown = ECSScene(count: count, reserve: false)
        let reservedBytes = Double(scene.world.storageBytes) / Double(count)
        let grownBytes = Double(grown.world.storageBytes) / Double(count)
        // Warm up, then interleave the measurements so that noise hits both alike.
        soa.update(); scene.update(); scene.updatePerEntity()
        let batch = max(1, frames / 10)
        var soaTimes: [Double] = [], ecsTimes: [Double] = [], perEntityTimes: [Double] = []
        for _ in 0..<10 {
            soaTimes.append(medianNanoseconds(repetitions: 1) { for _ in 0..<batch { soa.update() } } / Double(batch))
            ecsTimes.append(medianNanoseconds(repetitions: 1) { for _ in 0..<batch { scene.update() } } / Double(batch))
            perEntityTimes.append(medianNanoseconds(repetitions: 1) { for _ in 0..<batch { scene.updatePerEntity() } } / Double(batch))
        }
        let soaMs = soaTimes.sorted()[5] / 1e6
        let ecsMs = ecsTimes.sorted()[5] / 1e6
        let perEntityMs = perEntityTimes.sorted()[5] / 1e6
        consume(soa.checksum + scene.checksum + grown.checksum)
        print(
            leftPad("\(count)", 8), leftPad("\(batch * 10)", 8),
            leftPad(format(soaMs, decimals: 4), 13), leftPad(format(ecsMs, decimals: 4), 13),
            leftPad(format(ecsMs / soaMs) + "x", 6),
            leftPad(format(perEntityMs, decimals: 4), 17), leftPad(format(perEntityMs / soaMs) + "x", 6),
            leftPad(format(reservedBytes, decimals: 1), 15), "|", pad(format(grownBytes, decimals: 1), 15),
            leftPad(count >= 100_000 ? format(heapDelta, decimals: 1) : "-", 18))
    }
    print("(ms/frame: median of 10 batches; ratio = ECS / SoA; bytes/entity from the world's reserved capacities;")
    print(" RSS delta: resident memory growth while building the reserved world, per entity; page-granular, so shown for 1M only)")
    print("")
}

/// Profiling aid (`runtime-bench ecs-profile`): many frames of the 1k-entity scene.
func runECSProfile() {
    let scene = ECSScene(count: 1_000, reserve: true)
    for _ in 0..<200_000 { scene.update() }
    consume(scene.checksum)
}
