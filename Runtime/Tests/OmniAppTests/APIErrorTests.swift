import Testing
@testable import OmniApp

@Suite struct APIErrorTests {
    @Test func validationBodyListsEveryField() {
        let error = OmniAPIError.validation([
            OmniFieldError(field: "title", code: "min_length", message: "must be at least 3 characters long"),
            OmniFieldError(field: "email", code: "email", message: "must be an email address"),
        ])
        #expect(error.status == 422)
        let body = String(buffer: error.httpError.jsonBody())
        #expect(body == #"{"error":{"code":"validation_failed","message":"Validation failed for 2 fields","details":[{"code":"min_length","field":"title","message":"must be at least 3 characters long"},{"code":"email","field":"email","message":"must be an email address"}]}}"#)
        #expect(error.response.status == .unprocessableEntity)
    }

    @Test func notFoundHasNullDetails() {
        let body = String(buffer: OmniAPIError.notFound("No Post has id 9").httpError.jsonBody())
        #expect(body == #"{"error":{"code":"not_found","message":"No Post has id 9","details":null}}"#)
    }

    @Test func storageErrorsMapToStatuses() {
        let unique = [OmniAPIError.UniqueField(field: "email", table: "users", column: "email", index: "users_email_unique")]
        let sqlite = OmniAPIError.from(StorageError.constraint(.unique, message: "UNIQUE constraint failed: users.email"), unique: unique)
        #expect(sqlite.status == 409)
        #expect(sqlite.details == [OmniFieldError(field: "email", code: "unique", message: "is already taken")])
        let postgres = OmniAPIError.from(StorageError.constraint(.unique, message: #"duplicate key value violates unique constraint "users_email_unique""#), unique: unique)
        #expect(postgres.details.map(\.field) == ["email"])
        #expect(OmniAPIError.from(StorageError.constraint(.foreignKey, message: "FOREIGN KEY constraint failed")).status == 409)
        let hidden = OmniAPIError.from(StorageError.database(message: "disk I/O error: /secret/path", code: nil))
        #expect(hidden.status == 500)
        #expect(!hidden.message.contains("secret"))
        #expect(OmniAPIError.from(HTTPError.notFound()).status == 404)
    }
}
