// The uniform error of generated servers: `{"error": {"code", "message", "details"}}`.
//
// Generated handlers throw `OmniAPIError` (or let storage errors through) and convert at
// their boundary with `OmniAPIError.from(_:unique:)`, which maps what the database reports:
// a unique-constraint violation is 409 with the field that clashed, a foreign-key violation
// 409, anything unexpected 500 (its text is never sent to the client).

/// One problem with one field of a request body or one parameter.
///
/// Written as `{"field": "email", "code": "email", "message": "must be an email address"}`.
public struct OmniFieldError: Sendable, Hashable, CustomStringConvertible {
    /// The field or parameter name as the client sent it (`title`, `views[gte]`).
    public var field: String
    /// A stable machine-readable code: `required`, `type`, `enum`, `min_length`, `max_length`,
    /// `minimum`, `maximum`, `email`, `url`, `pattern`, `unknown_field`, `not_found`, `unique`,
    /// `invalid_filter`, `invalid_sort`, `invalid_cursor`, `invalid_parameter`.
    public var code: String
    /// A human-readable sentence fragment.
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field; self.code = code; self.message = message
    }

    public var description: String { "\(field): \(message) (\(code))" }

    /// `{"field": …, "code": …, "message": …}`.
    public var jsonValue: JSONValue { .object(["field": .string(field), "code": .string(code), "message": .string(message)]) }
}

/// An error a generated handler answers with.
public struct OmniAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code: 400, 401, 403, 404, 409, 422, 429 or 500.
    public var status: Int
    /// `bad_request`, `not_found`, `conflict`, `validation_failed`, …
    public var code: String
    public var message: String
    /// Every field error (empty when the error is about the request as a whole).
    public var details: [OmniFieldError]

    public init(status: Int, code: String, message: String, details: [OmniFieldError] = []) {
        self.status = status; self.code = code; self.message = message; self.details = details
    }

    public var description: String {
        "\(status) \(code): \(message)" + (details.isEmpty ? "" : " [" + details.map(\.description).joined(separator: "; ") + "]")
    }

    /// 400 `bad_request` (malformed parameters, filters, sort or cursor), with every problem.
    public static func badRequest(_ message: String, details: [OmniFieldError] = []) -> OmniAPIError {
        OmniAPIError(status: 400, code: "bad_request", message: message, details: details)
    }
    public static func unauthorized(_ message: String = "Authentication required") -> OmniAPIError {
        OmniAPIError(status: 401, code: "unauthorized", message: message)
    }
    public static func forbidden(_ message: String = "Forbidden") -> OmniAPIError {
        OmniAPIError(status: 403, code: "forbidden", message: message)
    }
    /// 404 `not_found`.
    public static func notFound(_ message: String = "Not Found") -> OmniAPIError {
        OmniAPIError(status: 404, code: "not_found", message: message)
    }
    /// 409 `conflict`.
    public static func conflict(_ message: String, details: [OmniFieldError] = []) -> OmniAPIError {
        OmniAPIError(status: 409, code: "conflict", message: message, details: details)
    }
    /// 422 `validation_failed` listing every field error.
    public static func validation(_ details: [OmniFieldError]) -> OmniAPIError {
        let fields = details.count == 1 ? "1 field" : "\(details.count) fields"
        return OmniAPIError(status: 422, code: "validation_failed", message: "Validation failed for \(fields)", details: details)
    }
    public static func tooManyRequests(_ message: String = "Too many requests") -> OmniAPIError {
        OmniAPIError(status: 429, code: "rate_limited", message: message)
    }
    /// 500 `internal_error`; the message is sent to the client, so never put an error's text in it.
    public static func internalError(_ message: String = "Internal Server Error") -> OmniAPIError {
        OmniAPIError(status: 500, code: "internal_error", message: message)
    }

    /// The error as OmniHTTP's `HTTPError`, whose renderer writes the uniform body
    /// (`details` is the array of field errors, or `null` when there are none).
    public var httpError: HTTPError {
        HTTPError(HTTPResponseStatus(statusCode: status), code: code, message: message,
                  details: details.isEmpty ? nil : .array(details.map(\.jsonValue)))
    }

    /// The uniform JSON body as a response.
    public var response: Response { httpError.jsonResponse() }

    /// A `@unique` field as the database names it, to tell which field a conflict is about.
    public struct UniqueField: Sendable, Hashable {
        public var field: String
        public var table: String
        public var column: String
        /// The unique index's name (`users_email_unique`), which PostgreSQL's message names.
        public var index: String
        public init(field: String, table: String, column: String, index: String) {
            self.field = field; self.table = table; self.column = column; self.index = index
        }
    }

    /// Any error a handler met, as the error to answer with:
    /// - an `OmniAPIError` is itself; an `HTTPError` keeps its status, code and message;
    /// - a unique-constraint violation is 409 `conflict`, with a `unique` field error for the
    ///   field of `unique` whose column (SQLite: `users.email`) or index (PostgreSQL) the
    ///   database names;
    /// - a foreign-key violation is 409 `conflict` (the row is still referenced, or references
    ///   a row that was just deleted);
    /// - anything else is 500 with a generic message.
    public static func from(_ error: any Error, unique: [UniqueField] = []) -> OmniAPIError {
        switch error {
        case let e as OmniAPIError:
            return e
        case let e as HTTPError:
            return OmniAPIError(status: Int(e.status.code), code: e.code, message: e.message)
        case StorageError.constraint(.unique, let message):
            let clashing = unique.filter { message.contains("\($0.table).\($0.column)") || message.contains($0.index) }
            return .conflict(
                clashing.isEmpty ? "A row with the same unique value already exists" : "The value of \(clashing.map(\.field).joined(separator: ", ")) is already taken",
                details: clashing.map { OmniFieldError(field: $0.field, code: "unique", message: "is already taken") })
        case StorageError.constraint(.foreignKey, _):
            return .conflict("The row is referenced by other rows, or references a row that does not exist")
        default:
            return .internalError()
        }
    }
}

/// Page handlers show an `OmniAPIError` (a missing `find` row, a bad parameter) as an HTML
/// error page with its status.
extension OmniAPIError: HTTPErrorConvertible {}
