import OmniBase
import OmniTestSupport
import Testing

@Suite struct GitHubRendererTests {
    @Test func golden() {
        let (map, ds) = JSONRendererTests.sample()
        let text = GitHubRenderer(sources: map).render(ds)
        #expect(text == GitHubRenderer(sources: map).render(ds, summary: RenderSummary(counting: ds, files: 12)))
        #expect(text.split(separator: "\n").count == ds.count)
        assertSnapshot(text, named: "github.txt", in: renderFixtures)
    }

    @Test func commandShape() {
        var s = Sources()
        let f = s.add("components/Counter.omni", HumanRendererTests.counter)
        let renderer = GitHubRenderer(sources: s.map)
        let d = Diagnostic.error("E0301", "cannot add", at: f.span(from: "count()", to: "name()"))
        #expect(renderer.render(d) == "::error file=components/Counter.omni,line=5,col=20,endLine=5,endColumn=35,title=E0301::cannot add")
        let w = Diagnostic.warning("W1", "empty", at: f.after("count()"))
        #expect(renderer.render(w) == "::warning file=components/Counter.omni,line=5,col=27,endLine=5,endColumn=27,title=W1::empty")
        let n = Diagnostic(.note, "", "multi", at: f.span(from: "<script>", to: "</script>"))
        #expect(renderer.render(n) == "::notice file=components/Counter.omni,line=2,endLine=6::multi")
        let unknown = Diagnostic.error("E9", "lost", at: Span(file: FileID(9), start: 0, end: 0))
        #expect(renderer.render(unknown) == "::error title=E9::lost")
    }

    @Test func escaping() {
        #expect(GitHubRenderer.escapeData("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b")
        #expect(GitHubRenderer.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
        var s = Sources()
        let f = s.add("dir,with:odd%name.omni", "x\n")
        let d = Diagnostic(.error, "E:1,2", "50% wrong\nsecond line", at: f.span("x"), label: "a: label",
                           notes: ["a note, with comma"], help: ["try 100%"],
                           fixes: [.replace(f.span("x"), with: "y", "use y")])
        #expect(GitHubRenderer(sources: s.map).render(d)
            == "::error file=dir%2Cwith%3Aodd%25name.omni,line=1,col=1,endLine=1,endColumn=1,title=E%3A1%2C2::"
            + "50%25 wrong%0Asecond line%0Alabel: a: label%0Anote: a note, with comma%0Ahelp: try 100%25%0Ahelp: use y")
    }
}
