import OmniBase
import Testing
@testable import OmniSyntax

/// `{{> users/_row user=user}}`.
@Suite struct TemplatePartialTests {
    @Test func partialWithArguments() throws {
        let p = parseTemplate("{{> users/_row user=user title=\"Hi\" n=(length xs)}}")
        #expect(p.diagnostics.isEmpty, "\(p.codes)")
        guard case .partial(let partial) = p.items[0].kind else { Issue.record("no partial"); return }
        #expect(partial.name.name == "users/_row")
        #expect(partial.path == "templates/users/_row.html")
        #expect(partial.arguments.map(\.key.name) == ["user", "title", "n"])
        #expect(p.text(partial.arguments[0].span) == "user=user")
        #expect(parseTemplate("{{> _footer}}").diagnostics.isEmpty)
        #expect(parseTemplate("{{>admin/user-card/_x}}").diagnostics.isEmpty)
    }

    @Test func badNamesHaveFixIts() throws {
        func fix(_ s: String) -> String? { parseTemplate(s).first("E0711")?.fixes.first?.edits.first?.replacement }
        #expect(fix("{{> users/row}}") == "users/_row")
        #expect(fix("{{> users/_row.html}}") == "users/_row")
        #expect(fix("{{> templates/users/_row}}") == "users/_row")
        #expect(fix("{{> \"users/_row\"}}") == "users/_row")
        #expect(parseTemplate("{{> }}").codes == ["E0711"])
        #expect(parseTemplate("{{> users//_row}}").codes == ["E0711"])
        #expect(parseTemplate("{{> ../_row}}").codes == ["E0711"])
        #expect(parseTemplate("{{> (name)}}").codes == ["E0711"])
    }

    @Test func argumentErrors() throws {
        let positional = parseTemplate("{{> _row user}}")
        #expect(positional.codes == ["E0712"])
        #expect(positional.first("E0712")?.fixes.first?.edits.first?.replacement == "user=user")
        #expect(parseTemplate("{{> _row user=}}").codes == ["E0713"])
        #expect(parseTemplate("{{> _row =user}}").codes == ["E0713"])
        let dup = parseTemplate("{{> _row a=1 a=2}}")
        #expect(dup.codes == ["E0714"])
        #expect(dup.first("E0714")?.labels.map { dup.text($0.span) } == ["a"])
    }

    @Test func partialsStandWhereElementsCan() {
        #expect(parseTemplate("<div class=\"{{> _c}}\"></div>").codes == ["E0732"])
        #expect(parseTemplate("<div>{{> _c}}</div>").diagnostics.isEmpty)
    }
}
