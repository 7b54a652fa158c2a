import OmniBase
import OmniSema
import OmniSyntax
import Testing

/// The dependency graph and the unused-declaration warnings.
@Suite struct AnalyzerTests {
    func names(_ c: TypedComponent, _ ids: [SymbolID]) -> [String] { ids.map { c.symbol($0).name } }

    @Test func graphFollowsSignalsComputedsEffectsAndBindings() throws {
        let r = check(component(props: #"<prop name="step" type="number" default={1} />"#, script: """
            const count = signal(0)
            const other = signal(0)
            const doubled = computed(() => count() * 2)
            const viaFunction = computed(() => total())
            function total(): number { return doubled() + helper() }
            function helper(): number { return untrack(() => other()) + props.step + recurse(1) }
            function recurse(n: number): number { return n > 0 ? recurse(n - 1) : 0 }
            effect(() => console.log(viaFunction()))
            function bump() { count.set(count() + 1); other.set(1) }
        """, template: """
            <button @click={bump} title="n {count()}">{doubled()}</button>
            {#if total() > 2}<p>big</p>{/if}
            {#each [1, 2] as n}<p>{n}</p>{/each}
            <Child value={viaFunction()} />
        """) + component("Child", props: #"<prop name="value" type="number" required />"#, template: "<p>{props.value}</p>"))
        #expect(r.all.isEmpty, "\(r.rendered)")
        let c = try #require(r.component("Test"))
        func symbol(_ n: String) throws -> SymbolID { try #require(c.symbols.first { $0.name == n }?.id) }
        #expect(names(c, c.dependencies.computedReads[try symbol("doubled")] ?? []) == ["count"])
        #expect(names(c, c.dependencies.computedReads[try symbol("viaFunction")] ?? []).sorted() == ["doubled", "step"])
        #expect(c.dependencies.effectReads.count == 1)
        #expect(names(c, c.dependencies.effectReads.values.first ?? []) == ["viaFunction"])
        let b = c.dependencies.bindings
        #expect(b.count == 6, "\(b)")
        #expect(names(c, b[0].reads) == ["count"])          // title="n {count()}"
        #expect(names(c, b[1].reads) == ["doubled"])        // {doubled()}
        if case .ifCondition = b[2].site {} else { Issue.record("expected an if condition, got \(b[2].site)") }
        #expect(names(c, b[2].reads).sorted() == ["doubled", "step"])
        if case .eachList = b[3].site {} else { Issue.record("expected an each list") }
        #expect(b[4].reads.isEmpty)
        if case .childProp = b[5].site {} else { Issue.record("expected a child prop") }
        #expect(names(c, b[5].reads) == ["viaFunction"])
        #expect(c.children.values.sorted() == ["Child"])
    }

    @Test func unusedWarnings() {
        let r = check(component(props: #"<prop name="unusedProp" type="string" />"#, script: """
            const unusedSignal = signal(0)
            const writtenOnly = signal(0)
            function unusedFunction() { writtenOnly.set(1) }
            const unusedArrow = () => 1
            function used(): number { const local = 1; let assigned = 0; assigned = 2; const _kept = 3; return 0 }
        """, template: "{#each [1] as item, i}<p>x</p>{/each}<p>{used()}</p>"))
        let warnings = r.all.filter { $0.severity == .warning }.map { "\($0.code) \(r.text($0.span))" }
        #expect(warnings.sorted() == [
            "W0500 assigned", "W0500 i", "W0500 item", "W0500 local",
            "W0501 unusedSignal", "W0501 writtenOnly",
            "W0502 unusedArrow", "W0502 unusedFunction",
            "W0503 unusedProp",
        ], "\(r.rendered)")
    }

    @Test func recursionInTheTransitiveWalkTerminates() {
        let r = check(component(script: """
            const s = signal(1)
            function a(n: number): number { return n > 0 ? b(n - 1) : s() }
            function b(n: number): number { return a(n) }
        """, template: "<p>{a(3)}</p>"))
        #expect(r.all.isEmpty, "\(r.rendered)")
        #expect(r.component("Test")?.dependencies.bindings.first.map { $0.reads.count } == 1)
    }
}
