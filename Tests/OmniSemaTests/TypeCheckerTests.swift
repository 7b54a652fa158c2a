import OmniBase
import OmniSema
import OmniSyntax
import Testing

/// The must-hold cases of the issue, and the typing rules of docs/LANGUAGE.md "Semantics".
@Suite struct TypeCheckerTests {
    @Test func seedTypeErrorExample() throws {
        let r = check(component(script: """
            const count = signal(0)
            const name = signal("Alice")
            const result = count() + name()
        """, template: "<p>{result}</p>"))
        #expect(r.all.count == 1, "\(r.rendered)")
        let d = try #require(r.all.first)
        #expect(d.code == "E0310")
        #expect(d.severity == .error)
        #expect(r.text(d.span) == "count() + name()")
        #expect(d.labels.count == 2)
        #expect(r.text(d.labels[0].span) == "count()")
        #expect(d.labels[0].message == "this is a `number`")
        #expect(r.text(d.labels[1].span) == "name()")
        #expect(d.labels[1].message == "this is a `string`")
        #expect(d.help.contains { $0.contains("String(") && $0.contains("template literal") })
        let fix = try #require(d.fixes.first)
        #expect(fix.edits.first?.replacement == "`${count()}${name()}`")
    }

    @Test func unknownFunctionIsReportedAtTheCall() throws {
        let r = check(component(script: "unknown_function()"))
        let d = try #require(r.errors.first)
        #expect(d.code == "E0300")
        #expect(r.text(d.span) == "unknown_function")
        #expect(r.errors.count == 1)
    }

    @Test func misspeltNameGetsAFixIt() throws {
        let r = check(component(script: "const count = signal(0)\ncuont()", template: "<p>{count()}</p>"))
        let d = try #require(r.errors.first { $0.code == "E0300" })
        #expect(r.text(d.span) == "cuont")
        #expect(d.fixes.first?.edits.first?.replacement == "count")
        #expect(d.fixes.first?.edits.first?.span == d.span)
    }

    @Test func misspeltPropTypeSuggestsString() throws {
        let r = check(component(props: #"<prop name="x" type="strng" />"#, template: "<p>{props.x ?? \"\"}</p>"))
        let d = try #require(r.errors.first)
        #expect(d.code == "E0322")
        #expect(d.fixes.first?.edits.first?.replacement == "string")
        #expect(r.text(d.span) == "strng")
    }

    @Test func misspeltChildPropSuggestsLabel() throws {
        let r = check(component(template: #"<Counter lable="x" />"#)
            + component("Counter", props: #"<prop name="label" type="string" required />"#, template: "<p>{props.label}</p>"))
        let d = try #require(r.errors.first { $0.code == "E0409" })
        #expect(d.fixes.first?.edits.first?.replacement == "label")
        #expect(r.text(d.span) == "lable")
    }

    @Test func emptyLiteralsAreTypedFromContext() {
        let ok = check(component(script: """
            const items: Signal<string[]> = signal([])
            const xs: string[] = []
            function clear() { items.set([]) }
        """, template: "<button @click={clear}>{items().length} {xs.length}</button>"))
        #expect(ok.all.isEmpty, "\(ok.rendered)")
        let bad = check(component(script: "const items = signal([])", template: "<p>{items().length}</p>"))
        #expect(bad.codes == ["E0319"], "\(bad.rendered)")
    }

    @Test func narrowingAfterNullChecks() {
        let r = check(component(props: #"<prop name="user" type="{ name: string }" />"#, script: """
            const picked: Signal<string?> = signal(null)
            function a(): string { return picked() != null ? picked() : "" }
            function b(): number { const p = picked(); if (p == null) return 0
              return p.length }
            function c(): bool { const p = picked(); return p !== null && p.length > 2 }
            function d(): string { const u = props.user; if (u != undefined) { return u.name } return "" }
        """, template: "<p>{a()}{b()}{c() ? 1 : 0}{d()}</p>{#if props.user != null}<p>{props.user.name}</p>{/if}"))
        #expect(r.all.isEmpty, "\(r.rendered)")
    }

    @Test func signalWritesAreChecked() {
        let r = check(component(script: """
            const count = signal(0)
            const doubled = computed(() => count() * 2)
            function f() {
              count.set("x")
              count.update(n => n + "!")
              doubled.set(3)
            }
        """, template: "<button @click={f}>{doubled()}</button>"))
        #expect(r.codes.contains("E0315"))
        #expect(r.codes.contains("E0321"))
        #expect(r.codes.filter { $0 == "E0310" || $0 == "E0315" }.count >= 2, "\(r.rendered)")
    }

    @Test func strictOperators() {
        let r = check(component(script: """
            const n = 1
            const s = "a"
            const a = n < s
            const b = n == s
            const c = n && true
            const d = s - 1
            const e = n ?? 2
        """, template: "<p>{a ? 1 : 0}{b ? 1 : 0}{c ? 1 : 0}{d}{e}</p>"))
        #expect(r.codes.contains("E0311"))
        #expect(r.codes.contains("E0312"))
        #expect(r.codes.contains("E0313"))
        #expect(r.codes.contains("E0310"))
        #expect(r.codes.contains("W0505"))
    }

    @Test func builtinMembersAndGlobals() {
        let r = check(component(script: """
            const words = "a b".split(" ").map(w => w.toUpperCase().padStart(3, "-")).filter(w => w.startsWith("A"))
            const n = Math.round(Math.sqrt(Math.pow(2, 4))) + Math.min(1, 2) + parseFloat("1.5") + "x".indexOf("x")
            const t = n.toFixed(1) + String(true) + "ab".charAt(0).repeat(2).replace("a", "b").slice(1)
            const found = words.find(w => w.length > 1) ?? words.at(0) ?? ""
            const total = words.reduce((acc, w) => acc + w.length, 0)
            const ok = words.some(w => w.endsWith("!")) || words.every(w => w.includes("A")) || Boolean(n) || isNaN(n)
        """, template: "<p>{t}{found}{total}{ok ? words.join(\",\") : String(words.concat([\"x\"]).slice(0, 1).indexOf(\"x\"))}</p>"))
        #expect(r.all.isEmpty, "\(r.rendered)")
    }

    @Test func unknownMemberSuggests() throws {
        let r = check(component(script: "const s = \"x\".toUpperCse()", template: "<p>{s}</p>"))
        let d = try #require(r.errors.first)
        #expect(d.code == "E0317")
        #expect(d.fixes.first?.edits.first?.replacement == "toUpperCase")
    }

    @Test func callArityAndNotAFunction() {
        let r = check(component(script: """
            function f(a: number, b?: number): number { return a + (b ?? 0) }
            const x = f()
            const y = f(1, 2, 3)
            const z = x(1)
        """, template: "<p>{x}{y}{z}</p>"))
        #expect(r.codes.filter { $0 == "E0316" }.count == 2, "\(r.rendered)")
        #expect(r.codes.contains("E0305"))
    }

    @Test func pushIsOnlyForLetArrays() {
        let r = check(component(script: """
            const items: Signal<string[]> = signal([])
            function f(): number { let local: string[] = []; local.push("a"); return local.length }
            function g() { items().push("b") }
        """, template: "<button @click={g}>{f()}{items().length}</button>"))
        #expect(r.codes == ["E0331"], "\(r.rendered)")
        #expect(r.errors.first?.fixes.first?.edits.first?.replacement == "items.update(xs => [...xs, \"b\"])")
    }

    @Test func functionsAreHoistedButConstantsAreNot() {
        let ok = check(component(script: """
            function a(): number { return b() + later() }
            function b(): number { return 1 }
            const later = signal(2)
        """, template: "<p>{a()}</p>"))
        #expect(ok.all.isEmpty, "\(ok.rendered)")
        let bad = check(component(script: "const x = y + 1\nconst y = 2", template: "<p>{x}</p>"))
        #expect(bad.codes == ["E0302"], "\(bad.rendered)")
    }

    @Test func assignmentsToConstantsAndProps() {
        let r = check(component(props: #"<prop name="label" type="string" required />"#, script: """
            const c = 1
            let v = 1
            function f() { c = 2; v = 3; props.label = "x"; v = "s" }
        """, template: "<button @click={f}>{c}{v}{props.label}</button>"))
        #expect(r.codes.sorted() == ["E0303", "E0304", "E0315"], "\(r.rendered)")
    }
}
