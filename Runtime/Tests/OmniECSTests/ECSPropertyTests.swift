import Testing
import OmniECS

struct CA: Component, Equatable { var v: Int }
struct CB: Component, Equatable { var v: Int }
struct CC: Component, Equatable { var v: String }

/// Seeded random sequences of spawn / despawn / insert / remove / query, compared with a
/// dictionary-based model.
@Suite struct ECSPropertyTests {
    struct Rng {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    struct ModelEntity: Equatable { var a: Int?; var b: Int?; var c: String?; var changedA = false }

    @Test(arguments: 1...25)
    func randomOperationsMatchTheModel(seed: Int) {
        var rng = Rng(state: UInt64(seed) &* 7919)
        let world = World()
        var model: [Entity: ModelEntity] = [:]
        var everSpawned: [Entity] = []
        let queries: [(Query, (ModelEntity) -> Bool)] = [
            (world.query(with: [CA.self]), { $0.a != nil }),
            (world.query(with: [CA.self, CB.self]), { $0.a != nil && $0.b != nil }),
            (world.query(with: [CA.self], without: [CB.self]), { $0.a != nil && $0.b == nil }),
            (world.query(with: [CC.self], without: [CA.self, CB.self]), { $0.c != nil && $0.a == nil && $0.b == nil }),
            (world.query(with: []), { _ in true }),
        ]
        let changedA = world.query(with: [], changed: [CA.self])
        world.changeBaseline = world.tick
        world.advanceTick()
        for e in model.keys { model[e]!.changedA = false }

        for step in 0..<400 {
            let op = rng.next(10)
            let target: Entity? = everSpawned.isEmpty ? nil : everSpawned[rng.next(everSpawned.count)]
            switch op {
            case 0, 1:
                var m = ModelEntity()
                let e: Entity
                switch rng.next(4) {
                case 0: e = world.spawn(); 
                case 1: m.a = step; e = world.spawn(CA(v: step))
                case 2: m.a = step; m.b = -step; e = world.spawn(CA(v: step), CB(v: -step))
                default: m.c = "s\(step)"; m.b = step; e = world.spawn(CC(v: "s\(step)"), CB(v: step))
                }
                m.changedA = m.a != nil
                #expect(model[e] == nil)
                model[e] = m
                everSpawned.append(e)
            case 2:
                if let t = target {
                    #expect(world.despawn(t) == (model.removeValue(forKey: t) != nil))
                }
            case 3, 4:
                if let t = target {
                    let alive = model[t] != nil
                    switch rng.next(3) {
                    case 0: #expect(world.insert(CA(v: step), for: t) == alive); if alive { model[t]!.a = step; model[t]!.changedA = true }
                    case 1: #expect(world.insert(CB(v: step), for: t) == alive); if alive { model[t]!.b = step }
                    default: #expect(world.insert(CC(v: "i\(step)"), for: t) == alive); if alive { model[t]!.c = "i\(step)" }
                    }
                }
            case 5, 6:
                if let t = target {
                    switch rng.next(3) {
                    case 0:
                        #expect(world.remove(CA.self, from: t).map(\.v) == model[t]?.a)
                        if model[t] != nil { model[t]!.a = nil; model[t]!.changedA = false }
                    case 1:
                        #expect(world.remove(CB.self, from: t).map(\.v) == model[t]?.b)
                        if model[t] != nil { model[t]!.b = nil }
                    default:
                        #expect(world.remove(CC.self, from: t).map(\.v) == model[t]?.c)
                        if model[t] != nil { model[t]!.c = nil }
                    }
                }
            case 7:
                // Mutate through a query: every CA gets +1 (and is marked changed).
                world.query(with: [CA.self]).forEach(CA.self) { _, a in a.v += 1 }
                for e in model.keys where model[e]!.a != nil { model[e]!.a! += 1; model[e]!.changedA = true }
            case 8:
                // Close the change window and check Changed<CA>.
                world.advanceTick()
                let expected = Set(model.filter { $0.value.changedA && $0.value.a != nil }.keys)
                #expect(Set(changedA.entities) == expected, "seed \(seed) step \(step)")
                world.changeBaseline = world.tick &- 1
                for e in model.keys { model[e]!.changedA = false }
            default:
                for (q, predicate) in queries {
                    #expect(Set(q.entities) == Set(model.filter { predicate($0.value) }.keys), "seed \(seed) step \(step)")
                }
            }
            // Invariants after every step.
            #expect(world.entityCount == model.count)
            if let t = target {
                #expect(world.isAlive(t) == (model[t] != nil))
                #expect(world.get(CA.self, for: t)?.v == model[t]?.a)
                #expect(world.get(CB.self, for: t)?.v == model[t]?.b)
                #expect(world.get(CC.self, for: t)?.v == model[t]?.c)
            }
        }
        for (e, m) in model {
            #expect(world.get(CA.self, for: e)?.v == m.a)
            #expect(world.get(CB.self, for: e)?.v == m.b)
            #expect(world.get(CC.self, for: e)?.v == m.c)
        }
    }
}
