// Reactive: the "kairo" cases of js-reactivity-benchmark (deep, broad, diamond, triangle,
// mux, repeated observers, unstable, avoidable propagation), each against plain
// recomputation: the same derivation closures, called from scratch on every update with
// no caching and no dependency tracking.

import OmniReactive

nonisolated(unsafe) var opaqueOne = 1

/// Kairo's "busy" function: a little work (100 steps of a hash recurrence) that the
/// optimiser can neither fold into a closed form nor skip.
@inline(never)
func busy() -> Int {
    var a = opaqueOne
    for i in 0..<100 { a = (a &* 31) ^ (i &+ opaqueOne) }
    busySink &+= a  // a side effect, so that `_ = busy()` is not deleted
    return a
}

nonisolated(unsafe) var busySink = 0

/// A mutable cell for the plain versions.
final class Cell { var value = 0 }

struct KairoCase {
    let name: String
    let updates: Int
    /// Builds the graph and returns the function that performs update `i`.
    let reactive: () -> (Int) -> Void
    /// Builds plain closures and returns the function that performs update `i`.
    let plain: () -> (Int) -> Void
}

func makeKairoCases() -> [KairoCase] { [
    KairoCase(name: "deep (chain of 50)", updates: 50, reactive: {
        let g = ReactiveGraph()
        let head = g.signal(0)
        var current = g.computed { head() }
        for _ in 0..<50 {
            let previous = current
            current = g.computed { previous() + 1 }
        }
        let last = current
        let effect = g.effect { consume(last()) }
        return { i in head.set(i); withExtendedLifetime(effect) {} }
    }, plain: {
        let head = Cell()
        var current: () -> Int = { head.value }
        for _ in 0..<50 {
            let previous = current
            current = { previous() + 1 }
        }
        let last = current
        return { i in head.value = i; consume(last()) }
    }),
    KairoCase(name: "broad (50 branches)", updates: 50, reactive: {
        let g = ReactiveGraph()
        let head = g.signal(0)
        var effects: [Effect] = []
        for i in 0..<50 {
            let a = g.computed { head() + i }
            let b = g.computed { a() + 1 }
            effects.append(g.effect { consume(b()) })
        }
        return { i in head.set(i); withExtendedLifetime(effects) {} }
    }, plain: {
        let head = Cell()
        var leaves: [() -> Int] = []
        for i in 0..<50 {
            let a = { head.value + i }
            leaves.append({ a() + 1 })
        }
        return { i in head.value = i; for leaf in leaves { consume(leaf()) } }
    }),
    KairoCase(name: "diamond (width 5)", updates: 500, reactive: {
        let g = ReactiveGraph()
        let head = g.signal(0)
        let branches = (0..<5).map { _ in g.computed { head() + 1 } }
        let sum = g.computed { branches.reduce(0) { $0 + $1() } }
        let effect = g.effect { consume(sum()) }
        return { i in head.set(i); withExtendedLifetime(effect) {} }
    }, plain: {
        let head = Cell()
        let branches: [() -> Int] = (0..<5).map { _ in { head.value + 1 } }
        let sum = { branches.reduce(0) { $0 + $1() } }
        return { i in head.value = i; consume(sum()) }
    }),
    KairoCase(name: "triangle (width 10)", updates: 100, reactive: {
        let g = ReactiveGraph()
        let head = g.signal(0)
        var current = g.computed { head() }
        var list: [Computed<Int>] = []
        for _ in 0..<10 {
            let c = current
            list.append(c)
            current = g.computed { c() + 1 }
        }
        let all = list
        let sum = g.computed { all.reduce(0) { $0 + $1() } }
        let effect = g.effect { consume(sum()) }
        return { i in head.set(i); withExtendedLifetime(effect) {} }
    }, plain: {
        let head = Cell()
        var current: () -> Int = { head.value }
        var list: [() -> Int] = []
        for _ in 0..<10 {
            let c = current
            list.append(c)
            current = { c() + 1 }
        }
        let all = list
        return { i in head.value = i; consume(all.reduce(0) { $0 + $1() }) }
    }),
    KairoCase(name: "mux (100 inputs)", updates: 20, reactive: {
        let g = ReactiveGraph()
        let heads = (0..<100).map { _ in g.signal(0) }
        let mux = g.computed { heads.map { $0() } }
        let split = (0..<100).map { index in g.computed { mux()[index] } }.map { x in g.computed { x() + 1 } }
        let effects = split.map { x in g.effect { consume(x()) } }
        return { i in heads[i % 10].set(i); withExtendedLifetime(effects) {} }
    }, plain: {
        let heads = (0..<100).map { _ in Cell() }
        let mux = { heads.map(\.value) }
        let split: [() -> Int] = (0..<100).map { index in { mux()[index] + 1 } }
        return { i in heads[i % 10].value = i; for s in split { consume(s()) } }
    }),
    KairoCase(name: "repeated observers (30 reads)", updates: 100, reactive: {
        let g = ReactiveGraph()
        let head = g.signal(0)
        let current = g.computed {
            var result = 0
            for _ in 0..<30 { result += head() }
            return result
        }
        let effect = g.effect { consume(current()) }
        return { i in head.set(i); withExtendedLifetime(effect) {} }
    }, plain: {
        let head = Cell()
        let current = {
            var result = 0
            for _ in 0..<30 { result += head.value }
            return result
        }
        return { i in head.value = i; consume(current()) }
    }),
    KairoCase(name: "unstable (dynamic deps)", updates: 100, reactive: {
        let g = ReactiveGraph()
        let head = g.signal(0)
        let double = g.computed { head() * 2 }
        let inverse = g.computed { -head() }
        let current = g.computed {
            var result = 0
            for _ in 0..<20 { result += head() % 2 == 0 ? double() : inverse() }
            return result
        }
        let effect = g.effect { consume(current()) }
        return { i in head.set(i); withExtendedLifetime(effect) {} }
    }, plain: {
        let head = Cell()
        let double = { head.value * 2 }
        let inverse = { -head.value }
        let current = {
            var result = 0
            for _ in 0..<20 { result += head.value % 2 == 0 ? double() : inverse() }
            return result
        }
        return { i in head.value = i; consume(current()) }
    }),
    KairoCase(name: "avoidable propagation", updates: 100, reactive: {
        let g = ReactiveGraph()
        let head = g.signal(0)
        let c1 = g.computed { head() }
        let c2 = g.computed { _ = c1(); return 0 }
        let c3 = g.computed { _ = busy(); return c2() + 1 }
        let c4 = g.computed { c3() + 2 }
        let c5 = g.computed { c4() + 3 }
        let effect = g.effect { consume(c5()); consume(busy()) }
        return { i in head.set(i); withExtendedLifetime(effect) {} }
    }, plain: {
        let head = Cell()
        let c1 = { head.value }
        let c2 = { _ = c1(); return 0 }
        let c3 = { _ = busy(); return c2() + 1 }
        let c4 = { c3() + 2 }
        let c5 = { c4() + 3 }
        return { i in head.value = i; consume(c5()); consume(busy()) }
    }),
] }

func runReactiveBenchmarks(quick: Bool) {
    print("== Reactive: kairo cases, reactive graph vs plain recomputation ==")
    print(pad("case", 30), leftPad("updates", 8), leftPad("reactive ns/update", 19), leftPad("plain ns/update", 16), leftPad("ratio", 7), leftPad("RSS growth", 12))
    let rounds = quick ? 50 : 400
    for c in makeKairoCases() {
        let reactive = c.reactive()
        let plain = c.plain()
        for i in 0..<c.updates { reactive(i); plain(i) }  // warm up
        var reactiveSamples: [Double] = [], plainSamples: [Double] = []
        let heapBefore = residentBytes()
        var base = c.updates
        for _ in 0..<rounds {
            let r = base
            reactiveSamples.append(medianNanoseconds(repetitions: 1) { for i in 0..<c.updates { reactive(r + i) } })
            plainSamples.append(medianNanoseconds(repetitions: 1) { for i in 0..<c.updates { plain(r + i) } })
            base += c.updates
        }
        let heapGrowth = residentBytes() - heapBefore
        let reactiveNs = reactiveSamples.sorted()[rounds / 2] / Double(c.updates)
        let plainNs = plainSamples.sorted()[rounds / 2] / Double(c.updates)
        print(pad(c.name, 30), leftPad("\(c.updates)", 8), leftPad(format(reactiveNs, decimals: 1), 19),
              leftPad(format(plainNs, decimals: 1), 16), leftPad(format(reactiveNs / plainNs) + "x", 7),
              leftPad("\(heapGrowth) B", 12))
    }
    print("(median over \(rounds) rounds; ratio = reactive / plain, below 1 means the graph saved work;")
    print(" RSS growth: resident memory after all rounds minus before (page-granular), memory kept by steady-state updates)")
    print("")
}
