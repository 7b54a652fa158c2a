import OmniSema
import OmniSyntax
@testable import OmniWebGen
import Testing

@Suite struct APISurfaceTests {
    typealias F = WebFixtures

    @Test func pagesRedirectsAndCsrfWritesAreLeftOut() {
        let surface = APISurface(F.blog)
        #expect(surface.members.map(\.name) == ["users", "posts", "stats", "team", "feed"])
        // `resources "/users" => User only: [create]` through `browser` (csrf) is a form endpoint.
        let paths = surface.members.flatMap(\.operations).map { "\($0.route.verb.method) \($0.openAPIPath)" }
        #expect(!paths.contains("POST /users"))
        #expect(paths.contains("PUT /api/v1/users/{id}"))
        #expect(surface.members[0].operations.map(\.methodName) == ["list", "show", "create", "update", "replace", "delete"])
        #expect(surface.members[0].operations.map(\.operationID).first == "usersList")
    }

    @Test func getRoutesThroughCsrfStay() {
        let surface = APISurface(F.shop)
        #expect(surface.members.contains { $0.name == "legacyPages" && $0.operations.map(\.methodName) == ["list"] })
    }

    @Test func clashingNamesUseEveryLiteralThenTheRouteIndex() {
        let json = CheckedTarget.json(bindings: [])
        let program = ServerProgram(routes: [
            F.route(.get, "/a/stats", through: [], json),
            F.route(.get, "/b/stats", through: [], json),
            F.route(.get, "/a-stats", through: [], json),
            F.route(.get, "/", through: [], json),
            F.route(.delete, "/cache", through: [], json),
            F.route(.get, "/constructor", through: [], json),
            F.route(.get, "/9lives", through: [], json),
        ])
        #expect(APISurface(program).members.map(\.name) == ["aStats", "bStats", "aStats_2", "root", "deleteCache", "constructor_5", "_9lives"])
    }

    @Test func resourcesOfUnknownEntitiesAreLeftOut() {
        let program = ServerProgram(routes: F.resources("/ghosts", "Ghost", through: []))
        #expect(APISurface(program).members.isEmpty)
        #expect(!OpenAPIGen.document(program, title: "t", version: "1").contains("Ghost"))
    }

    @Test func collectionPathDropsTheTrailingParameterOnly() {
        #expect(APISurface.collectionPath("/shops/:shopId/items/:id", action: .show) == "/shops/:shopId/items")
        #expect(APISurface.collectionPath("/shops/:shopId/items", action: .list) == "/shops/:shopId/items")
        #expect(APISurface.collectionPath("/items/all", action: .delete) == "/items/all")
    }

    @Test func wirePropertiesSplitToOneRelations() throws {
        let post = try #require(F.blog.entity(named: "Post"))
        #expect(post.wireProperties.map(\.name) == ["id", "createdAt", "updatedAt", "title", "body", "published", "views", "authorId", "author"])
        #expect(post.wireProperties.filter(\.required).map(\.name) == ["id", "createdAt", "updatedAt", "title", "body", "published", "views", "authorId"])
        #expect(post.inputProperties.map(\.name) == ["title", "body", "published", "views", "authorId"])
        #expect(post.inputProperties.filter(\.required).map(\.name) == ["title", "body", "authorId"])
        let user = try #require(F.blog.entity(named: "User"))
        #expect(user.wireProperties.last?.name == "posts")
        #expect(user.wireProperties.last?.type == .list(.entity("Post", loaded: [])))
    }

    @Test func filterOperatorsFollowTheType() throws {
        let shop = try #require(F.shop.entity(named: "Shop"))
        let ops = Dictionary(uniqueKeysWithValues: shop.filterFields.map { ($0.name, $0.operators.map(\.rawValue)) })
        #expect(ops["name"] == ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn", "contains", "startsWith", "endsWith"])
        #expect(ops["rating"] == ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn"])
        #expect(ops["token"] == ["eq", "ne", "in", "notIn"])
        #expect(ops["status"] == ["eq", "ne", "in", "notIn", "isNull"])
        #expect(ops["settings"] == nil)  // json: neither filtered nor sorted
        let item = try #require(F.shop.entity(named: "Item"))
        #expect(!item.filterFields.contains { $0.name == "sort" })  // would clash with `sort=`
        #expect(item.sortFields.contains { $0.name == "sort" })
        #expect(item.filterFields.first { $0.name == "reviewId" }?.operators.map(\.rawValue) == ["eq", "ne", "in", "notIn", "isNull"])
    }

    @Test func sharedNamesStepAsideForUserTypes() {
        let names = SharedNames(F.shop)
        #expect(names("Page") == "OmniPage")
        #expect(names("PageInfo") == "PageInfo")
        #expect(SharedNames(F.blog)("Page") == "Page")
    }

    @Test func reservedParameterNames() {
        #expect(javaScriptParameter("class") == "class_")
        #expect(javaScriptParameter("id") == "id")
    }

    @Test func lowerCamelCase() {
        #expect(lowerCamel(["api", "v1", "blog-posts"]) == "apiV1BlogPosts")
        #expect(lowerCamel(["Users"]) == "users")
        #expect(lowerCamel(["2fa"]) == "_2fa")
        #expect(lowerCamel([]) == "")
    }
}

@Suite struct JSONDocumentTests {
    @Test func numbers() {
        #expect(JSONDocument.number(150) == "150")
        #expect(JSONDocument.number(-0.5) == "-0.5")
        #expect(JSONDocument.number(4.5) == "4.5")
        #expect(JSONDocument.number(1e20) == "1e+20")
        #expect(JSONDocument.number(.nan) == "null")
        #expect(JSONDocument.number(.infinity) == "null")
    }

    @Test func strings() {
        #expect(JSONDocument.quoted("a\"b\\c\n\u{01}\u{2028}é") == "\"a\\\"b\\\\c\\n\\u0001\\u2028é\"")
    }

    @Test func prettyKeepsKeyOrder() {
        let doc = JSONDocument.object([("b", .int(1)), ("a", .array([.bool(true), .null])), ("c", .object([])), ("d", .array([]))])
        #expect(doc.pretty() == "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ],\n  \"c\": {},\n  \"d\": []\n}\n")
    }

    @Test func nullableSchemas() {
        let string = OpenAPIBuilder.scalarSchema(.string)
        #expect(OpenAPIBuilder.nullable(string) == .object([("type", .array([.string("string"), .string("null")]))]))
        let ref = JSONDocument.object([("$ref", .string("#/components/schemas/Role"))])
        #expect(OpenAPIBuilder.nullable(ref) == .object([("anyOf", .array([ref, .object([("type", .string("null"))])]))]))
        #expect(OpenAPIBuilder.nullable(.object([])) == .object([]))
    }
}

@Suite struct WebGenDeterminismTests {
    @Test func outputsAreStableAndEmptyProgramsWork() {
        for program in [WebFixtures.blog, WebFixtures.shop] {
            #expect(OpenAPIGen.document(program, title: "t", version: "1") == OpenAPIGen.document(program, title: "t", version: "1"))
            #expect(TypeScriptAPIGen.declarations(program) == TypeScriptAPIGen.declarations(program))
        }
        let empty = ServerProgram()
        #expect(OpenAPIGen.document(empty, title: "t", version: "1").contains("\"paths\": {}"))
        #expect(TypeScriptAPIGen.declarations(empty).contains("export interface ApiClient {\n}"))
        #expect(TypeScriptAPIGen.implementation(empty).contains("return {\n  };"))
    }

    /// A title with quotes and a pattern with backslashes stay valid JSON.
    @Test func escapesUserText() {
        var program = WebFixtures.shop
        program.entities[0].fields[3].validations = [.pattern(#"\d+"quoted""#)]
        let text = OpenAPIGen.document(program, title: "a \"b\"", version: "1")
        #expect(text.contains(#""title": "a \"b\"""#))
        #expect(text.contains(#""pattern": "^(?:\\d+\"quoted\")$""#))
    }
}
