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

@Suite struct TypeScriptAPIGenTests {
    @Test func blogDeclarationsMatchGolden() {
        assertSnapshot(TypeScriptAPIGen.declarations(WebFixtures.blog), named: "blog/api.d.ts", in: OpenAPIGenTests.goldens)
    }

    @Test func blogClientMatchesGolden() {
        assertSnapshot(TypeScriptAPIGen.implementation(WebFixtures.blog), named: "blog/api.js", in: OpenAPIGenTests.goldens)
    }
}

@Suite struct ShopGoldenTests {
    @Test func shopOutputsMatchGoldens() {
        let program = WebFixtures.shop
        assertSnapshot(OpenAPIGen.document(program, title: "shop", version: "2.0.0"), named: "shop/openapi.json", in: OpenAPIGenTests.goldens)
        assertSnapshot(TypeScriptAPIGen.declarations(program), named: "shop/api.d.ts", in: OpenAPIGenTests.goldens)
        assertSnapshot(TypeScriptAPIGen.implementation(program), named: "shop/api.js", in: OpenAPIGenTests.goldens)
    }
}
