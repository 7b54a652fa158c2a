import OmniBase
import Testing
@testable import OmniSyntax

/// Parses `text` as `Test.omni`.
func parseOmni(_ text: String) -> (OmniFile, [Diagnostic], SourceFile) {
    var sources = SourceMap()
    let file = sources.add(path: "Test.omni", text: text)
    let (tree, diagnostics) = ComponentParser.parse(file)
    return (tree, diagnostics, file)
}

func lines(of diagnostics: [Diagnostic], in file: SourceFile) -> [Int] {
    diagnostics.map { file.location(of: Int($0.span.start)).line }
}

@Suite struct ComponentParserTests {
    @Test func counterFromTheDesignParses() throws {
        let (tree, diagnostics, _) = parseOmni("""
        <component name="Counter">
          <props>
            <prop name="label" type="string" required />
            <prop name="start" type="number" default={0} />
          </props>
          <script>
            const count = signal(props.start)
            function increment() { count.set(count() + 1) }
          </script>
          <template>
            <button class="btn" @click={increment}>{props.label}: {count()}</button>
            {#if count() > 10}<p>big</p>{:else}<p>small</p>{/if}
          </template>
        </component>
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let c = try #require(tree.components.first)
        #expect(c.name.name == "Counter")
        #expect(c.props?.props.map(\.name.name) == ["label", "start"])
        #expect(c.props?.props.first?.required == true)
        #expect(c.script?.statements.count == 2)
        #expect(c.template?.children.count == 2)
        guard case .element(let button)? = c.template?.children.first?.kind else { Issue.record("no button"); return }
        #expect(button.attributes.map(\.name.name) == ["class", "click"])
        #expect(button.attributes[1].isEvent)
        #expect(button.children.count == 3)  // interpolation, text ": ", interpolation
    }

    @Test func missingComponentCloseNamesItAndPointsAtTheOpeningTag() throws {
        let source = "<component name=\"Invalid\">\n  <template><p>Hi</p></template>\n"
        let (_, diagnostics, file) = parseOmni(source)
        let d = try #require(diagnostics.first { $0.code == "E0201" })
        #expect(diagnostics.count == 1)
        #expect(d.message.contains("</component>"))
        #expect(file.text(d.span) == "<component name=\"Invalid\">")
        #expect(d.fixes.first?.edits.first?.replacement.contains("</component>") == true)
    }

    @Test func mismatchedClosingTagHasLabelAtTheOpeningTag() throws {
        let (_, diagnostics, file) = parseOmni("""
        <component name="A">
          <template>
            <div>
              <span>Hi</div>
          </template>
        </component>
        """)
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.message))")
        #expect(d.code == "E0211")
        #expect(file.text(d.span) == "</div>")
        #expect(d.labels.map { file.text($0.span) } == ["<span>"])
    }

    @Test func everyIndependentMarkupErrorIsReported() {
        let (_, diagnostics, file) = parseOmni("""
        <component name="A">
          <template>
            <p class="a" class="b">x</p>
            <p>{}</p>
            {#for x in xs}{/for}
            <button @click="go">y</button>
          </template>
        </component>
        """)
        #expect(lines(of: diagnostics, in: file) == [3, 4, 5, 6], "\(diagnostics.map(\.message))")
        #expect(diagnostics.map(\.code) == ["E0223", "E0219", "E0216", "E0229"])
    }

    @Test func blocksParseWithBranchesAndElse() throws {
        let (tree, diagnostics, _) = parseOmni("""
        <component name="A"><template>
        {#if a}<p>1</p>{:else if b}<p>2</p>{:else}<p>3</p>{/if}
        {#each xs as x, i (x.id)}<li>{x}</li>{:else}<li>none</li>{/each}
        </template></component>
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let nodes = try #require(tree.components.first?.template?.children)
        guard case .ifBlock(let ifBlock) = nodes[0].kind, case .eachBlock(let each) = nodes[1].kind else {
            Issue.record("unexpected nodes"); return
        }
        #expect(ifBlock.branches.count == 2)
        #expect(ifBlock.elseChildren?.count == 1)
        #expect(each.item.name == "x")
        #expect(each.index?.name == "i")
        #expect(each.key != nil)
        #expect(each.elseChildren?.count == 1)
    }

    @Test func unclosedIfReportsAtItsTag() throws {
        let (_, diagnostics, file) = parseOmni("<component name=\"A\"><template><div>{#if a}<p>x</p></div></template></component>")
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.message))")
        #expect(d.code == "E0214")
        #expect(file.text(d.span) == "{#if a}")
    }

    @Test func voidAndSelfClosingElements() throws {
        let (tree, diagnostics, _) = parseOmni("<component name=\"A\"><template><p>a<br>b<img src=\"x\"><rect width={1} /></p></template></component>")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        guard case .element(let p)? = tree.components.first?.template?.children.first?.kind else { Issue.record("no p"); return }
        #expect(p.children.count == 5)
    }

    @Test func interpolatedAttributeValues() throws {
        let (tree, diagnostics, _) = parseOmni("<component name=\"A\"><template><li class=\"row-{i} x\">.</li></template></component>")
        #expect(diagnostics.isEmpty)
        guard case .element(let li)? = tree.components.first?.template?.children.first?.kind,
              case .interpolated(let parts, _) = li.attributes[0].value else { Issue.record("no interpolation"); return }
        #expect(parts.count == 3)
    }

    @Test func schemaAndRoutesBlocksAreKeptRaw() {
        let (tree, diagnostics, file) = parseOmni("<schema>\n entity A { x: int }\n</schema>\n<routes>get \"/\" => page \"i\"</routes>")
        #expect(diagnostics.isEmpty)
        guard case .schema(let s) = tree.items[0], case .routes(let r) = tree.items[1] else { Issue.record("blocks"); return }
        #expect(file.text(s.body) == "\n entity A { x: int }\n")
        #expect(file.text(r.body) == "get \"/\" => page \"i\"")
    }

    @Test func unknownBlocksGetDidYouMean() throws {
        let (_, diagnostics, _) = parseOmni("<componnet name=\"A\"></componnet>\n<component name=\"B\"><templat></templat></component>")
        #expect(diagnostics.map(\.code) == ["E0202", "E0206"])
        #expect(diagnostics[0].fixes.first?.edits.first?.replacement == "component")
        #expect(diagnostics[1].fixes.first?.edits.first?.replacement == "template")
    }

    @Test func componentNameRules() {
        #expect(parseOmni("<component name=\"counter\"></component>").1.map(\.code) == ["E0205"])
        #expect(parseOmni("<component></component>").1.map(\.code) == ["E0204"])
        #expect(parseOmni("<component name=\"Counter2_x\"></component>").1.isEmpty)
    }

    @Test func everyNodeHasASpanInsideTheFile() {
        let text = "<component name=\"A\"><template><p class={x}>{y} z</p>{#each a as b}{b}{/each}</template></component>"
        let (tree, _, file) = parseOmni(text)
        var printer = TreePrinter(file: file)
        printer.print(tree)
        #expect(printer.output.contains("Element p @1:31"))
        #expect(!printer.output.isEmpty)
    }

    @Test func deepNestingIsBoundedNotAStackOverflow() {
        let depth = 20_000
        let text = "<component name=\"A\"><template>" + String(repeating: "<div>", count: depth)
            + String(repeating: "</div>", count: depth) + "</template></component>"
        let (_, diagnostics, _) = parseOmni(text)
        #expect(diagnostics.map(\.code) == ["E0210"])
    }

    @Test func deepBlockNestingIsBounded() {
        let depth = 20_000
        let text = "<component name=\"A\"><template>" + String(repeating: "{#if a}", count: depth)
            + String(repeating: "{/if}", count: depth) + "</template></component>"
        let (_, diagnostics, _) = parseOmni(text)
        #expect(diagnostics.map(\.code).contains("E0210"))
        #expect(diagnostics.count < 5)
    }
}
