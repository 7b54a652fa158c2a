// A smoke test of the data half of the Swift back end, compiled together with the files the
// generator wrote for Tests/OmniSwiftGenTests/ServerFixtures.swift (the goldens under
// Fixtures/swiftgen/data): migrates a fresh SQLite database, mounts the generated handlers
// on a Router and speaks HTTP to them through OmniHTTP's in-process TestClient. Exits 1 on
// the first failed expectation. Run by scripts/check-swiftgen-data.sh.

import Foundation
import OmniApp

func run() async throws -> Int {
    var failures = 0
    func expect(_ ok: Bool, _ what: String, line: Int = #line) {
        if ok { print("ok   \(what)") } else { failures += 1; print("FAIL \(what) (main.swift:\(line))") }
    }

    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.text.utf8))) as? [String: Any] ?? [:]
    }

    let path = FileManager.default.temporaryDirectory.appendingPathComponent("omni-data-check-\(UUID().uuidString).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let db = try SQLiteStorage(path: path)
    let applied = try await db.migrate(omni_migrations(for: db.dialect))
    expect(applied == [1, 2], "migrations applied: \(applied)")

    var router = Router()
    router.get("/api/v1/posts", .async { req in try await omni_resource_Post_list(req, db) })
    router.get("/api/v1/posts/:id", .async { req in try await omni_resource_Post_show(req, db) })
    router.post("/api/v1/posts", .async { req in try await omni_resource_Post_create(req, db) })
    router.patch("/api/v1/posts/:id", .async { req in try await omni_resource_Post_update(req, db) })
    router.put("/api/v1/posts/:id", .async { req in try await omni_resource_Post_update(req, db) })
    router.delete("/api/v1/posts/:id", .async { req in try await omni_resource_Post_delete(req, db) })
    router.get("/api/v1/users", .async { req in try await omni_resource_User_list(req, db) })
    router.post("/api/v1/users", .async { req in try await omni_resource_User_create(req, db) })
    router.get("/api/v1/stats", .async { req in try await omni_route_3(req, db) })
    router.get("/users/:id", .async { req in
        try await OmniAPIError.answering {
            let params = try Omni_Params_2.parse(req)
            let user = try await omni_query_2_user(db, params)
            let posts = try await omni_query_2_posts(db, params)
            return .text("\(user.name): \(user.posts?.count ?? -1) posts, \(posts.count) unedited")
        }
    })
    router.get("/users/search", .async { req in
        try await OmniAPIError.answering {
            let params = try Omni_Params_1.parse(req)
            return .text(try await omni_query_1_users(db, params).map(\.name).joined(separator: ","))
        }
    })
    router.get("/", .async { req in
        let params = try Omni_Params_0.parse(req)
        let posts = try await omni_query_0_posts(db, params)
        return .text(posts.map { "\($0.title) by \($0.author?.name ?? "?")" }.joined(separator: "; "))
    })
    var client = try TestClient(router: router)
    let jsonType = [("Content-Type", "application/json")]
    func post(_ uri: String, _ body: String) async -> TestResponse {
        await client.post(uri, headers: HTTPHeaders(jsonType), body: body)
    }

    // Users: create, unique conflict, validation.
    var r = await post("/api/v1/users", #"{"name": "Ada", "email": "ada@example.com", "role": "admin", "age": 36}"#)
    expect(r.status == .created, "create user → 201 (\(r.status.code) \(r.text))")
    expect(r.header("Location") == "/api/v1/users/1", "Location \(r.header("Location") ?? "nil")")
    expect(r.text.hasPrefix(#"{"id":1,"createdAt":""#) && r.text.contains(#""name":"Ada","email":"ada@example.com","role":"admin","age":36,"website":null}"#), "user JSON in declaration order: \(r.text)")
    r = await post("/api/v1/users", #"{"name": "Ada 2", "email": "ada@example.com"}"#)
    expect(r.status == .conflict, "duplicate email → 409 (\(r.status.code))")
    expect(r.text.contains(#""field":"email""#) && r.text.contains(#""code":"unique""#), "409 names the field: \(r.text)")
    r = await post("/api/v1/users", #"{"name": "A", "email": "nope", "role": "king", "age": 200, "website": "ftp://x", "color": "red"}"#)
    expect(r.status == .unprocessableEntity, "invalid user → 422 (\(r.status.code))")
    let details = (json(r)["error"] as? [String: Any])?["details"] as? [[String: String]] ?? []
    expect(Set(details.compactMap { $0["field"] }) == ["color", "name", "email", "role", "age", "website"], "every field error: \(details)")
    r = await client.post("/api/v1/users", form: [("name", "Grace"), ("email", "grace@example.com")])
    expect(r.status == .created, "form body → 201 (\(r.status.code) \(r.text))")
    expect(r.text.contains(#""role":"reader""#), "enum default applied")

    // Posts.
    r = await post("/api/v1/posts", #"{"title": "Hello", "slug": "hello", "body": "b", "author": 1, "meta": {"k": [1, 2]}, "day": "2026-01-31"}"#)
    expect(r.status == .created, "create post → 201 (\(r.status.code) \(r.text))")
    expect(r.text.contains(#""published":false,"views":0,"rating":null,"day":"2026-01-31","token":""#), "post defaults: \(r.text)")
    expect(r.text.contains(#""meta":{"k":[1,2]},"authorId":1,"editorId":null}"#), "post relations as ids: \(r.text)")
    r = await post("/api/v1/posts", #"{"title": "Missing", "slug": "bad slug", "author": 99}"#)
    expect(r.status == .unprocessableEntity && r.text.contains(#""field":"slug""#) && r.text.contains(#""field":"body""#), "pattern + required → 422: \(r.text)")
    r = await post("/api/v1/posts", #"{"title": "Missing", "slug": "ok", "body": "b", "author": 99}"#)
    expect(r.status == .unprocessableEntity && r.text.contains(#""code":"not_found""#), "unknown author → 422: \(r.text)")
    for (i, title) in ["Zeta", "alpha", "Beta", "gamma"].enumerated() {
        r = await post("/api/v1/posts", #"{"title": "\#(title)", "slug": "s\#(i)", "body": "b", "authorId": 2, "views": \#(i * 10), "published": true}"#)
        expect(r.status == .created, "create post \(title)")
    }
    r = await client.get("/api/v1/posts/1")
    expect(r.status == .ok && r.text.contains(#""title":"Hello""#), "show → 200")
    r = await client.get("/api/v1/posts/999")
    expect(r.status == .notFound && r.errorCode == "not_found", "show unknown → 404 \(r.text)")
    r = await client.request(.PATCH, "/api/v1/posts/1", headers: HTTPHeaders(jsonType), body: ByteBuffer(string: #"{"views": 5}"#))
    expect(r.status == .ok && r.text.contains(#""title":"Hello""#) && r.text.contains(#""views":5"#), "PATCH keeps other fields: \(r.text)")
    r = await client.request(.PUT, "/api/v1/posts/1", headers: HTTPHeaders(jsonType), body: ByteBuffer(string: #"{"views": 6}"#))
    expect(r.status == .unprocessableEntity && r.text.contains(#""field":"title""#), "PUT needs required fields: \(r.status.code)")

    // Lists: filters, sort, pages, cursor.
    r = await client.get("/api/v1/posts?title[contains]=A&views[gte]=10&author[eq]=2&sort=title,-createdAt&limit=2")
    var page = json(r)
    let titles = (page["data"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    expect(r.status == .ok && titles == ["Beta", "alpha"], "filtered sorted page: \(titles) \(r.text.prefix(200))")
    let meta = page["page"] as? [String: Any] ?? [:]
    expect(meta["total"] as? Int == 3 && meta["limit"] as? Int == 2 && meta["offset"] as? Int == 0, "page meta \(meta)")
    let cursor = meta["nextCursor"] as? String ?? ""
    r = await client.get("/api/v1/posts?title[contains]=A&views[gte]=10&author[eq]=2&sort=title,-createdAt&limit=2&cursor=\(cursor)")
    page = json(r)
    let rest = (page["data"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    expect(rest == ["gamma"] && (page["page"] as? [String: Any])?["nextCursor"] is NSNull, "cursor page: \(rest)")
    r = await client.get("/api/v1/posts?sort=author")
    expect(r.status == .badRequest && r.text.contains("sortable fields"), "sort by relation → 400")
    r = await client.get("/api/v1/posts?cursor=AAAA")
    expect(r.status == .badRequest && r.text.contains("invalid_cursor"), "tampered cursor → 400")
    r = await client.get("/api/v1/posts?editor[isNull]=true&rating[isNull]=true&status=1")
    expect(r.status == .badRequest, "unknown filter field → 400")
    r = await client.get("/api/v1/posts?editor[isNull]=true&day[eq]=2026-01-31")
    expect(json(r)["page"].flatMap { ($0 as? [String: Any])?["total"] as? Int } == 1, "isNull and date eq")

    // Binding queries and the JSON route.
    r = await client.get("/api/v1/stats")
    expect(r.text.hasPrefix(#"{"users":2,"published":3,"staff":{"id":1,"#), "stats values: \(r.text)")
    r = await client.get("/users/2")
    expect(r.text == "Grace: 4 posts, 4 unedited", "find + include posts: \(r.text)")
    r = await client.get("/users/abc")
    expect(r.status == .badRequest, "bad path parameter → 400 (\(r.status.code))")
    r = await client.get("/users/9")
    expect(r.status == .notFound, "find missing → 404")
    r = await client.get("/users/search?q=gr")
    expect(r.text == "Grace", "contains is case-insensitive: \(r.text)")
    r = await client.get("/users/search?q=50%25")
    expect(r.text == "", "a % in the search is literal")
    r = await client.get("/users/search?page=x")
    expect(r.status == .badRequest && r.text.contains(#""field":"page""#), "bad query parameter → 400")
    r = await client.get("/")
    expect(r.text.components(separatedBy: " by Grace").count == 5 && !r.text.contains("?"), "published posts with authors: \(r.text)")

    // Delete: referenced user → 409 is not routed here; posts delete → 204, then 404.
    r = await client.delete("/api/v1/posts/1")
    expect(r.status == .noContent, "delete → 204")
    r = await client.delete("/api/v1/posts/1")
    expect(r.status == .notFound, "delete again → 404")

    // PostgreSQL migrations are at least well-formed text.
    expect(omni_migrations(for: .postgres).count == 2, "postgres migrations")

    try await db.close()
    print(failures == 0 ? "all checks passed" : "\(failures) check(s) failed")
    return failures
}

exit(try await run() == 0 ? 0 : 1)
