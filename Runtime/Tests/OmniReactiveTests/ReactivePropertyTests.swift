import Testing
import OmniReactive

/// Random DAGs of sum-computeds checked against plain recomputation after random writes.
@Suite struct ReactivePropertyTests {
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

    @Test(arguments: 1...20)
    func randomGraphsMatchPlainRecomputation(seed: Int) {
        var rng = Rng(state: UInt64(seed))
        let g = ReactiveGraph()
        let signalCount = 1 + rng.next(6)
        let signals = (0..<signalCount).map { _ in g.signal(rng.next(100)) }
        // Node i reads a few signals and earlier nodes: a DAG by construction.
        var inputs: [[Int]] = []          // negative: signal -(k+1); non-negative: node index
        var nodes: [Computed<Int>] = []
        var runs: [Counter] = []
        for i in 0..<(5 + rng.next(25)) {
            var ins: [Int] = []
            for _ in 0..<(1 + rng.next(3)) {
                if i > 0 && rng.next(2) == 0 { ins.append(rng.next(i)) } else { ins.append(-(rng.next(signalCount) + 1)) }
            }
            let counter = Counter()
            let captured = ins
            let capturedNodes = nodes
            nodes.append(g.computed {
                counter.tick()
                var sum = 0
                for k in captured { sum &+= k < 0 ? signals[-k - 1]() : capturedNodes[k]() }
                return sum % 1000
            })
            inputs.append(ins)
            runs.append(counter)
        }
        func expected() -> [Int] {
            var values: [Int] = []
            for ins in inputs {
                var sum = 0
                for k in ins { sum &+= k < 0 ? signals[-k - 1].peek() : values[k] }
                values.append(sum % 1000)
            }
            return values
        }
        var observed: [Int] = []
        let effect = g.effect { observed = nodes.map { $0() } }
        #expect(observed == expected())
        for _ in 0..<30 {
            let before = runs.map(\.count)
            if rng.next(3) == 0 {
                g.batch {
                    for _ in 0..<3 { signals[rng.next(signalCount)].set(rng.next(100)) }
                }
            } else {
                signals[rng.next(signalCount)].set(rng.next(100))
            }
            #expect(observed == expected())
            for (b, r) in zip(before, runs) {
                #expect(r.count - b <= 1, "a computed ran more than once for one change")
            }
        }
        _ = effect
    }
}
