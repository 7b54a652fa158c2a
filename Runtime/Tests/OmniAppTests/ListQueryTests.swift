import Foundation
import Testing
@testable import OmniApp

@Suite struct ListQueryTests {
    static let spec = OmniListSpec(table: "posts", relations: ["author", "comments"], fields: [
        OmniListField("id", column: "id", kind: .integer),
        OmniListField("createdAt", column: "created_at", kind: .datetime),
        OmniListField("title", column: "title", kind: .string),
        OmniListField("views", column: "views", kind: .integer),
        OmniListField("age", column: "age", kind: .integer),
        OmniListField("status", column: "status", kind: .enumeration(["draft", "review", "live"])),
        OmniListField("published", column: "published", kind: .bool),
        OmniListField("meta", column: "meta", kind: .json, sortable: false),
        OmniListField("author", column: "author_id", kind: .integer, aliases: ["authorId"], sortable: false),
    ])

    static func parse(_ query: String) throws(OmniAPIError) -> OmniListQuery {
        try OmniListQuery.parse(FormData(parsing: query), spec: spec)
    }

    static func error(_ query: String) -> OmniAPIError? {
        do {
            _ = try parse(query)
            return nil
        } catch {
            return error
        }
    }

    @Test func includeNamesRelationsOnceEach() throws {
        let q = try Self.parse("include=comments,author&include=author,&sort=-views")
        #expect(q.includes == ["comments", "author"])
        #expect(q.filters.isEmpty)
        #expect(try OmniListQuery.includes(FormData(parsing: "include=author&x=1"), relations: ["author"]) == ["author"])
        #expect(try OmniListQuery.includes(FormData(parsing: ""), relations: ["author"]) == [])
    }

    @Test func includeOfAnUnknownRelationIs400WithEveryBadName() throws {
        let e = try #require(Self.error("include=author,tags,title&limit=0"))
        #expect(e.status == 400)
        #expect(e.details.map(\.field) == ["include", "include", "limit"])
        #expect(e.details.first?.message == "'tags' is not a relation; relations: author, comments")
        #expect(throws: OmniAPIError.self) { try OmniListQuery.includes(FormData(parsing: "include=author"), relations: []) }
    }

    @Test func parsesEveryFilterOfTheExample() throws {
        let q = try Self.parse("title[contains]=x&views[gte]=10&author[eq]=3&age[isNull]=true&status[in]=draft,review")
        #expect(q.filters.map(\.op) == [.contains, .gte, .eq, .isNull, .in])
        #expect(q.filters[1].values == [.integer(10)])
        #expect(q.filters[2].field.column == "author_id")
        #expect(q.filters[3].values == [.bool(true)])
        #expect(q.filters[4].values == [.text("draft"), .text("review")])
        let sql = q.filterSQL(.sqlite)
        #expect(sql.text(for: .sqlite) == #""title" LIKE ? ESCAPE '\' AND "views" >= ? AND "author_id" = ? AND "age" IS NULL AND "status" IN (?, ?)"#)
        #expect(sql.bindings == [.text("%x%"), .integer(10), .integer(3), .text("draft"), .text("review")])
        #expect(q.filterSQL(.postgres).text(for: .postgres).hasPrefix(#""title" ILIKE $1 ESCAPE '\'"#))
    }

    @Test func plainEqualityAndAliases() throws {
        let q = try Self.parse("authorId=7&published=true")
        #expect(q.filters.map(\.op) == [.eq, .eq])
        #expect(q.filters[0].field.name == "author")
        #expect(q.filters[1].values == [.bool(true)])
    }

    @Test func likePatternsEscapeWildcards() throws {
        let q = try Self.parse("title[startsWith]=50%25_off%5C")
        #expect(q.filterSQL(.sqlite).bindings == [.text("50\\%\\_off\\\\%")])
        let ends = try Self.parse("title[endsWith]=a")
        #expect(ends.filterSQL(.sqlite).bindings == [.text("%a")])
    }

    @Test func negativeFiltersKeepNulls() throws {
        let q = try Self.parse("age[ne]=3&status[notIn]=draft")
        #expect(q.filterSQL(.sqlite).text(for: .sqlite) == #"("age" <> ? OR "age" IS NULL) AND ("status" NOT IN (?) OR "status" IS NULL)"#)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let error = try #require(Self.error("views[gte]=ten&nope=1&title[like]=x&status[eq]=gone&published[gt]=true&sort=nope,-title&limit=0&meta[eq]=1"))
        #expect(error.status == 400)
        #expect(error.code == "bad_request")
        #expect(error.details.map(\.field) == ["views[gte]", "nope", "title[like]", "status[eq]", "published[gt]", "sort", "limit", "meta[eq]"])
        let sort = try #require(error.details.first { $0.field == "sort" })
        #expect(sort.code == "invalid_sort")
        #expect(sort.message.contains("sortable fields: id, createdAt, title, views, age, status, published"))
        #expect(error.httpError.status.code == 400)
    }

    @Test func sortParsesDirectionsAndAddsTheIdTieBreaker() throws {
        let q = try Self.parse("sort=title,-createdAt")
        #expect(q.sort.map(\.field.name) == ["title", "createdAt", "id"])
        #expect(q.sort.map(\.descending) == [false, true, false])
        #expect(q.orderSQL.text(for: .sqlite) == #""title" ASC NULLS LAST, "created_at" DESC NULLS FIRST, "id" ASC NULLS LAST"#)
        let byID = try Self.parse("sort=-id")
        #expect(byID.sort.map(\.field.name) == ["id"])
        #expect(Self.error("sort=author")?.details.first?.code == "invalid_sort")
        #expect(Self.error("sort=title,title")?.details.first?.message == "names 'title' twice")
    }

    @Test func limitsAndOffsets() throws {
        #expect(try Self.parse("").limit == 20)
        #expect(try Self.parse("limit=5&offset=10").offset == 10)
        #expect(try Self.parse("limit=1000").limit == 100)
        #expect(Self.error("offset=-1") != nil)
        #expect(Self.error("limit=abc") != nil)
        #expect(try Self.parse("_=123").filters.isEmpty)
    }

    @Test func cursorsRoundTripAndRejectTampering() throws {
        let q = try Self.parse("sort=-views,title")
        let row = Row(columns: ["id", "views", "title"], values: [.integer(42), .integer(7), .text("Hello")])
        let cursor = q.encodeCursor(row)
        #expect(cursor.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        let next = try Self.parse("sort=-views,title&cursor=\(cursor)")
        #expect(next.cursor == [.integer(7), .text("Hello"), .integer(42)])
        let after = try #require(next.cursorSQL)
        #expect(after.text(for: .sqlite) == #"("views" < ? OR ("views" = ? AND (("title" > ? OR "title" IS NULL) OR ("title" = ? AND "id" > ?))))"#)
        #expect(after.bindings == [.integer(7), .integer(7), .text("Hello"), .text("Hello"), .integer(42)])

        // Another sort, a flipped character, garbage, and cursor with offset are all 400.
        #expect(Self.error("sort=views&cursor=\(cursor)")?.details.first?.code == "invalid_cursor")
        var chars = Array(cursor)
        chars[chars.count / 2] = chars[chars.count / 2] == "A" ? "B" : "A"
        #expect(Self.error("sort=-views,title&cursor=\(String(chars))")?.details.first?.code == "invalid_cursor")
        #expect(Self.error("cursor=%%%")?.status == 400)
        #expect(Self.error("sort=-views,title&cursor=\(cursor)&offset=0")?.details.first?.code == "invalid_cursor")
    }

    @Test func nullCursorValuesSortLast() throws {
        let q = try Self.parse("sort=age")
        let cursor = q.encodeCursor(Row(columns: ["id", "age"], values: [.integer(3), .null]))
        let next = try Self.parse("sort=age&cursor=\(cursor)")
        #expect(next.cursorSQL?.text(for: .sqlite) == #"(1 = 0 OR ("age" IS NULL AND "id" > ?))"#)
        let desc = try Self.parse("sort=-age")
        let c2 = desc.encodeCursor(Row(columns: ["id", "age"], values: [.integer(3), .null]))
        #expect(try Self.parse("sort=-age&cursor=\(c2)").cursorSQL?.text(for: .sqlite) == #"("age" IS NOT NULL OR ("age" IS NULL AND "id" > ?))"#)
    }

    /// Pages through a real SQLite table by offset and by cursor, with ties, nulls and an
    /// insert between pages.
    @Test func fetchPagesThroughSQLite() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("omniapp-list-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try SQLiteStorage(path: path)
        try await db.execute("""
            CREATE TABLE "posts" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "created_at" TEXT NOT NULL, "title" TEXT NOT NULL,
            "views" INTEGER NOT NULL, "age" INTEGER, "status" TEXT NOT NULL, "published" INTEGER NOT NULL, "meta" TEXT, "author_id" INTEGER)
            """)
        let titles = ["b", "a", "c", "a", "B", "d", "a"]
        for (i, title) in titles.enumerated() {
            let age: Int64? = i % 3 == 0 ? nil : Int64(i)
            try await db.execute("""
                INSERT INTO "posts" ("created_at", "title", "views", "age", "status", "published", "author_id")
                VALUES (\(OmniTime.format(Date(timeIntervalSince1970: Double(i)))), \(title), \(Int64(i * 10)), \(age), 'draft', \(i % 2 == 0), 1)
                """)
        }
        // Offset pages in title order (ties broken by id).
        let first = try await Self.parse("sort=title&limit=3").fetch(db)
        #expect(first.total == 7)
        #expect(try first.rows.map { try $0.decode(Int64.self, "id") } == [5, 2, 4])
        #expect(first.nextCursor != nil)
        let second = try await Self.parse("sort=title&limit=3&offset=3").fetch(db)
        #expect(try second.rows.map { try $0.decode(Int64.self, "id") } == [7, 1, 3])

        // Cursor pages in -age order visit every row once (nulls first when descending).
        var seen: [Int64] = []
        var cursor: String? = nil
        repeat {
            let page = try await Self.parse("sort=-age&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")).fetch(db)
            seen += try page.rows.map { try $0.decode(Int64.self, "id") }
            cursor = page.nextCursor
            if seen.count == 4 {
                // A row inserted before the cursor position (age 100 sorts first) shifts nothing.
                try await db.execute("""
                    INSERT INTO "posts" ("created_at", "title", "views", "age", "status", "published") VALUES ('x', 'z', 0, 100, 'live', 0)
                    """)
            }
        } while cursor != nil
        #expect(seen == [1, 4, 7, 6, 5, 3, 2])

        // Filters apply to rows and total; isNull and case-insensitive contains.
        let either = try await Self.parse("title[contains]=B").fetch(db)
        #expect(either.total == 2)
        let filtered = try await Self.parse("title[contains]=b&age[isNull]=true").fetch(db)
        #expect(filtered.total == 1)
        #expect(try filtered.rows.map { try $0.decode(Int64.self, "id") } == [1])
        #expect(filtered.nextCursor == nil)
        try await db.close()
    }

    @Test func pageJSONShape() {
        let rows = OmniPageRows(rows: [], limit: 20, offset: 0, total: 2, nextCursor: nil)
        let page = OmniPage(data: ["a", "b"], rows: rows)
        #expect(page.jsonText == #"{"data":["a","b"],"page":{"limit":20,"offset":0,"total":2,"nextCursor":null}}"#)
    }
}
