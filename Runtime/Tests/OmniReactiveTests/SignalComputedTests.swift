import Testing
import OmniReactive

/// Counts how often closures run (the graph is single-domain, so a class is enough).
final class Counter {
    var count = 0
    func tick() { count += 1 }
}

@Suite struct SignalTests {
    @Test func readWriteAndUpdate() {
        let g = ReactiveGraph()
        let s = g.signal(1)
        #expect(s() == 1)
        s.set(2)
        #expect(s.value == 2)
        s.update { $0 += 3 }
        #expect(s.peek() == 5)
        s.value = 7
        #expect(s() == 7)
    }

    @Test func equalWritesDoNotNotify() {
        let g = ReactiveGraph()
        let s = g.signal("a")
        let runs = Counter()
        let e = g.effect { _ = s(); runs.tick() }
        s.set("a")
        #expect(runs.count == 1)
        s.set("b")
        #expect(runs.count == 2)
        _ = e
    }

    @Test func nonEquatableSignalsAlwaysNotify() {
        struct Opaque { var n: Int }
        let g = ReactiveGraph()
        let s = g.signal(Opaque(n: 1))
        let runs = Counter()
        let e = g.effect { _ = s().n; runs.tick() }
        s.set(Opaque(n: 1))
        #expect(runs.count == 2)
        _ = e
    }
}

@Suite struct ComputedTests {
    @Test func computedIsLazy() {
        let g = ReactiveGraph()
        let s = g.signal(2)
        let runs = Counter()
        let c = g.computed { runs.tick(); return s() * 10 }
        #expect(runs.count == 0)
        #expect(c.isStale)
        #expect(c() == 20)
        #expect(runs.count == 1)
        s.set(3)
        #expect(runs.count == 1, "no recompute until read")
        #expect(c() == 30)
        #expect(runs.count == 2)
    }

    @Test func computedIsCached() {
        let g = ReactiveGraph()
        let s = g.signal(1)
        let runs = Counter()
        let c = g.computed { runs.tick(); return s() + 1 }
        for _ in 0..<10 { #expect(c() == 2) }
        #expect(runs.count == 1)
    }

    @Test func diamondComputesBottomOncePerChange() {
        let g = ReactiveGraph()
        let a = g.signal(1)
        let b = g.computed { a() + 1 }
        let c = g.computed { a() * 2 }
        let bottomRuns = Counter()
        let d = g.computed { bottomRuns.tick(); return b() + c() }
        #expect(d() == 4)
        #expect(bottomRuns.count == 1)
        for i in 2...20 {
            a.set(i)
            #expect(d() == (i + 1) + i * 2)
            #expect(bottomRuns.count == i)
        }
    }

    @Test func effectsNeverSeeAGlitch() {
        let g = ReactiveGraph()
        let a = g.signal(1)
        let b = g.computed { a() * 2 }
        let c = g.computed { a() * 3 }
        var seen: [(Int, Int, Int)] = []
        let e = g.effect { seen.append((a(), b(), c())) }
        a.set(2)
        a.set(5)
        #expect(seen.count == 3)
        for (x, y, z) in seen {
            #expect(y == 2 * x && z == 3 * x)
        }
        _ = e
    }

    @Test func unchangedComputedStopsPropagation() {
        let g = ReactiveGraph()
        let a = g.signal(2)
        let parity = g.computed { a() % 2 == 0 }
        let downstream = Counter()
        let label = g.computed { downstream.tick(); return parity() ? "even" : "odd" }
        #expect(label() == "even")
        a.set(4)
        #expect(label() == "even")
        #expect(downstream.count == 1, "parity did not change, so label must not recompute")
        a.set(5)
        #expect(label() == "odd")
        #expect(downstream.count == 2)
    }

    @Test func deepChainAndWideFanOut() {
        let g = ReactiveGraph()
        let root = g.signal(0)
        var chain: [Computed<Int>] = []
        var previous: () -> Int = { root() }
        for _ in 0..<200 {
            let p = previous
            let c = g.computed { p() + 1 }
            chain.append(c)
            previous = { c() }
        }
        let fan = (0..<200).map { i in g.computed { root() + i } }
        root.set(5)
        #expect(chain.last!() == 205)
        #expect(fan.map { $0() } == (0..<200).map { 5 + $0 })
    }

    @Test func dynamicDependenciesAreDropped() {
        let g = ReactiveGraph()
        let useA = g.signal(true)
        let a = g.signal(1)
        let b = g.signal(100)
        let runs = Counter()
        let c = g.computed { runs.tick(); return useA() ? a() : b() }
        #expect(c() == 1)
        useA.set(false)
        #expect(c() == 100)
        let before = runs.count
        a.set(2)  // no longer a dependency
        #expect(c() == 100)
        #expect(runs.count == before)
        b.set(200)
        #expect(c() == 200)
    }

    @Test func peekReadsUpToDateValueWithoutTracking() {
        let g = ReactiveGraph()
        let a = g.signal(1)
        let c = g.computed { a() * 2 }
        let runs = Counter()
        let e = g.effect { _ = c.peek(); runs.tick() }
        a.set(2)
        #expect(runs.count == 1)
        #expect(c.peek() == 4)
        _ = e
    }

    @Test func droppedComputedIsFreedAndUnlinked() {
        let g = ReactiveGraph()
        let a = g.signal(1)
        weak var weakComputed: Computed<Int>?
        do {
            let c = g.computed { a() + 1 }
            #expect(c() == 2)
            weakComputed = c
        }
        #expect(weakComputed == nil)
        a.set(3)  // must not touch the freed computed
        #expect(a() == 3)
    }

    @Test func graphIsFreedWithItsNodes() {
        weak var weakGraph: ReactiveGraph?
        do {
            let g = ReactiveGraph()
            weakGraph = g
            let a = g.signal(1)
            let c = g.computed { a() + 1 }
            let e = g.effect { _ = c() }
            a.set(2)
            e.dispose()
        }
        #expect(weakGraph == nil)
    }
}
