import Foundation
import Testing
@testable import OmniApp

enum Mood: String, OmniEnum { case happy, sad }

@Suite struct ValidationTests {
    func json(_ text: String) -> OmniBody {
        guard case .object(let members)? = JSONValue(parsing: text) else { return .json([:]) }
        return .json(members)
    }

    @Test func everyFieldErrorAtOnce() {
        var v = OmniValidator(json(#"{"title": "ab", "views": "many", "mood": "angry", "email": "x", "site": "ftp://a", "extra": 1, "age": null}"#),
                              allowed: ["title", "views", "mood", "email", "site", "age", "body"])
        if let title = v.value("title", String.self, required: true) { v.minLength("title", title, 3) }
        _ = v.value("views", Int64.self, required: true)
        _ = v.value("mood", Mood.self, required: true)
        if let email = v.value("email", String.self, required: true) { v.email("email", email) }
        if let site = v.nullable("site", String.self), let s = site { v.url("site", s) }
        _ = v.value("body", String.self, required: true)
        #expect(v.nullable("age", Int64.self) == .some(nil))
        #expect(v.errors.map(\.field) == ["extra", "title", "views", "mood", "email", "site", "body"])
        #expect(v.errors.map(\.code) == ["unknown_field", "min_length", "type", "enum", "email", "url", "required"])
        #expect(v.errors[3].message == "must be one of happy, sad")
        #expect(throws: OmniAPIError.self) { try v.finish() }
    }

    @Test func patchNeedsNothingAndNullIsRejectedForRequiredFields() {
        var v = OmniValidator(json(#"{"title": null}"#), allowed: ["title", "views"])
        _ = v.value("title", String.self, required: false)
        _ = v.value("views", Int64.self, required: false)
        #expect(v.errors.map(\.code) == ["required"])
        #expect(v.errors.first?.message == "cannot be null")
    }

    @Test func formsReadTextAndIgnoreUnderscoreFields() throws {
        var v = OmniValidator(.form(FormData(parsing: "title=Hello+there&views=12&published=on&age=&_csrf=t&author=3")),
                              allowed: ["title", "views", "published", "age", "author", "authorId"])
        #expect(v.value("title", String.self, required: true) == "Hello there")
        #expect(v.value("views", Int64.self, required: true) == 12)
        #expect(v.value("published", Bool.self, required: true) == true)
        #expect(v.nullable("age", Int64.self) == .some(nil))
        #expect(v.value("authorId", Int64.self, required: true, aliases: ["author"]) == 3)
        #expect(v.errors.isEmpty)
        try v.finish()
    }

    @Test func rules() {
        #expect(OmniValidator.isEmail("a.b+c@example.co.uk"))
        #expect(!OmniValidator.isEmail("a@b"))
        #expect(!OmniValidator.isEmail("a b@example.com"))
        #expect(!OmniValidator.isEmail("@example.com"))
        #expect(OmniValidator.isURL("https://example.com/x?y=1"))
        #expect(!OmniValidator.isURL("javascript:alert(1)"))
        #expect(OmniValidator.matches("abc-1", "[a-z0-9-]+"))
        #expect(!OmniValidator.matches("abc 1", "[a-z0-9-]+"))
        #expect(!OmniValidator.matches("x", "("))
        var v = OmniValidator(.json([:]), allowed: [])
        v.minimum("age", -1, 0)
        v.maximum("age", 151, 150)
        v.maxLength("name", "abcd", 3)
        #expect(v.errors.map(\.message) == ["must be at least 0", "must be at most 150", "must be at most 3 characters long"])
    }

    @Test func likePatterns() {
        #expect(OmniDB.likePattern("50%_\\", prefix: true, suffix: false) == "%50\\%\\_\\\\")
    }
}
