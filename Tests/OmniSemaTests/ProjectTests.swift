import OmniBase
import OmniSema
import OmniSyntax
import Testing

/// Components across files: resolution, duplicates, cycles, props declared elsewhere.
@Suite struct ProjectTests {
    @Test func componentsResolveAcrossFiles() {
        let r = check(files: [
            ("a/App.omni", component("App", template: #"<Card title="x" />"#)),
            ("b/Card.omni", component("Card", props: #"<prop name="title" type="string" required />"#, template: "<h1>{props.title}</h1>")),
        ])
        #expect(r.all.isEmpty, "\(r.rendered)")
        #expect(r.program.components.map(\.name) == ["App", "Card"])
    }

    @Test func missingPropIsLabelledInTheOtherFile() throws {
        let r = check(files: [
            ("App.omni", component("App", template: "<Card />")),
            ("Card.omni", component("Card", props: #"<prop name="title" type="string" required />"#, template: "<h1>{props.title}</h1>")),
        ])
        let d = try #require(r.errors.first)
        #expect(d.code == "E0408")
        #expect(r.sources[d.labels[0].span.file]?.path == "Card.omni")
        #expect(r.text(d.labels[0].span) == "title")
    }

    @Test func duplicateComponentsAcrossFiles() throws {
        let r = check(files: [
            ("one.omni", component("Card", template: "<p>1</p>")),
            ("two.omni", component("Card", template: "<p>2</p>")),
        ])
        let d = try #require(r.errors.first)
        #expect(d.code == "E0413")
        #expect(r.sources[d.span.file]?.path == "two.omni")
        #expect(r.sources[d.labels[0].span.file]?.path == "one.omni")
    }

    @Test func cyclesAreReportedOnceWithThePath() throws {
        let r = check(component("A", template: "<B />") + component("B", template: "<C />") + component("C", template: "<A />")
            + component("Self", template: "<Self />"))
        let cycles = r.errors.filter { $0.code == "E0414" }
        #expect(cycles.count == 2, "\(r.rendered)")
        let abc = try #require(cycles.first { $0.message.contains("`A` → `B` → `C` → `A`") })
        #expect(abc.labels.count == 2)
        #expect(cycles.contains { $0.message.contains("`Self` contains itself") })
    }
}
