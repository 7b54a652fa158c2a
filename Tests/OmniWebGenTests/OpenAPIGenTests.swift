import OmniSema
import OmniTestSupport
@testable import OmniWebGen
import Testing

@Suite struct OpenAPIGenTests {
    static var goldens: String { fixturesDirectory() + "/webgen" }

    @Test func blogDocumentMatchesGolden() {
        let text = OpenAPIGen.document(WebFixtures.blog, title: "blog", version: "0.1.0")
        assertSnapshot(text, named: "blog/openapi.json", in: Self.goldens)
    }
}
