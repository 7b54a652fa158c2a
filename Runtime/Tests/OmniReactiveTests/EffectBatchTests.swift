import Testing
import OmniReactive

@Suite struct EffectTests {
    @Test func effectRunsImmediatelyAndOnChange() {
        let g = ReactiveGraph()
        let s = g.signal(1)
        var log: [Int] = []
        let e = g.effect { log.append(s()) }
        s.set(2)
        s.set(3)
        #expect(log == [1, 2, 3])
        _ = e
    }

    @Test func effectsRunOncePerBatch() {
        let g = ReactiveGraph()
        let a = g.signal(1)
        let b = g.signal(10)
        var log: [Int] = []
        let e = g.effect { log.append(a() + b()) }
        g.batch {
            a.set(2)
            b.set(20)
            a.set(3)
            g.batch { b.set(30) }
            #expect(log == [11], "nested batch must not flush")
        }
        #expect(log == [11, 33])
        _ = e
    }

    @Test func computedIsFreshInsideABatch() {
        let g = ReactiveGraph()
        let a = g.signal(1)
        let c = g.computed { a() * 2 }
        g.batch {
            a.set(5)
            #expect(c() == 10)
        }
    }

    @Test func effectCreatedInBatchRunsAtItsEnd() {
        let g = ReactiveGraph()
        let runs = Counter()
        var e: Effect?
        g.batch {
            e = g.effect { runs.tick() }
            #expect(runs.count == 0)
        }
        #expect(runs.count == 1)
        _ = e
    }

    @Test func untrackedReadsAreNotDependencies() {
        let g = ReactiveGraph()
        let tracked = g.signal(1)
        let hidden = g.signal(1)
        var log: [Int] = []
        let e = g.effect { log.append(tracked() + g.untracked { hidden() }) }
        hidden.set(5)
        #expect(log == [2])
        tracked.set(2)
        #expect(log == [2, 7])
        _ = e
    }

    @Test func disposeStopsUpdates() {
        let g = ReactiveGraph()
        let s = g.signal(0)
        let runs = Counter()
        let e = g.effect { _ = s(); runs.tick() }
        s.set(1)
        e.dispose()
        #expect(e.disposed)
        s.set(2)
        s.set(3)
        #expect(runs.count == 2)
    }

    @Test func releasingAnEffectStopsIt() {
        let g = ReactiveGraph()
        let s = g.signal(0)
        let runs = Counter()
        var e: Effect? = g.effect { _ = s(); runs.tick() }
        s.set(1)
        e = nil
        s.set(2)
        #expect(runs.count == 2)
        _ = e
    }

    @Test func disposingInsideABatchSkipsThePendingRun() {
        let g = ReactiveGraph()
        let s = g.signal(0)
        let runs = Counter()
        let e = g.effect { _ = s(); runs.tick() }
        g.batch {
            s.set(1)
            e.dispose()
        }
        #expect(runs.count == 1)
    }

    @Test func effectsRunInOrderAndCascade() {
        let g = ReactiveGraph()
        let a = g.signal(0)
        let b = g.signal(0)
        var log: [String] = []
        let e1 = g.effect { log.append("e1:\(a())"); b.set(a() * 10) }
        let e2 = g.effect { log.append("e2:\(b())") }
        log.removeAll()
        a.set(1)
        #expect(log == ["e1:1", "e2:10"])
        _ = (e1, e2)
    }

    @Test func effectThatClampsItsOwnInputSettles() {
        let g = ReactiveGraph()
        let s = g.signal(15)
        var seen: [Int] = []
        let e = g.effect {
            seen.append(s())
            if s() > 10 { s.set(10) }
        }
        #expect(seen == [15, 10])
        s.set(20)
        #expect(seen == [15, 10, 20, 10])
        #expect(s() == 10)
        _ = e
    }

    @Test func effectOnlyRerunsWhenAComputedItReadsChanges() {
        let g = ReactiveGraph()
        let a = g.signal(1)
        let big = g.computed { a() > 10 }
        let runs = Counter()
        let e = g.effect { _ = big(); runs.tick() }
        for i in 2...10 { a.set(i) }
        #expect(runs.count == 1)
        a.set(11)
        #expect(runs.count == 2)
        _ = e
    }
}

@Suite struct FailureTests {
    @Test func cycleIsAClearErrorNotAHang() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let g = ReactiveGraph()
            let s = g.signal(1)
            var b: Computed<Int>?
            let a = g.computed(label: "a") { s() + (b?() ?? 0) }
            b = g.computed(label: "b") { a() + 1 }
            _ = a()
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("cycle detected"), "\(stderr)")
        #expect(stderr.contains("'a'"))
    }

    @Test func selfReadingComputedIsACycle() async {
        await #expect(processExitsWith: .failure) {
            let g = ReactiveGraph()
            var me: Computed<Int>?
            me = g.computed { (me?() ?? 0) + 1 }
            _ = me!()
        }
    }

    @Test func runawayEffectIsStopped() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let g = ReactiveGraph()
            let s = g.signal(0)
            let e = g.effect { s.set(s() + 1) }
            _ = e
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("did not settle"), "\(stderr)")
    }

    @Test func writingInsideAComputedIsRefused() async {
        await #expect(processExitsWith: .failure) {
            let g = ReactiveGraph()
            let s = g.signal(0)
            let c = g.computed { s.set(1); return 0 }
            _ = c()
        }
    }
}
