#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

extension Request {
    /// Decodes a JSON body. 415 unless the content type is JSON, 413 beyond `limit` bytes,
    /// 400 `invalid_json` when it does not decode.
    public func decode<T: Decodable>(_ type: T.Type, limit: Int? = nil) throws -> T {
        guard let media = mediaType, media == "application/json" || media.hasSuffix("+json") else {
            throw HTTPError.unsupportedMediaType(expected: "application/json")
        }
        if let limit, body.readableBytes > limit { throw HTTPError.payloadTooLarge(limit: limit) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw HTTPError.badRequest("The JSON body does not match the expected shape", code: "invalid_json", details: .string(describe(error)))
        } catch {
            throw HTTPError.badRequest("The body is not valid JSON", code: "invalid_json")
        }
    }

    /// Parses an `application/x-www-form-urlencoded` body (415 for another type, 413 beyond `limit`).
    public func form(limit: Int? = nil) throws -> FormData {
        guard mediaType == "application/x-www-form-urlencoded" else {
            throw HTTPError.unsupportedMediaType(expected: "application/x-www-form-urlencoded")
        }
        if let limit, body.readableBytes > limit { throw HTTPError.payloadTooLarge(limit: limit) }
        return FormData(parsing: String(buffer: body))
    }

    /// Parses a `multipart/form-data` body (415 for another type, 400 when malformed).
    public func multipart(limits: MultipartLimits = MultipartLimits()) throws -> MultipartForm {
        guard mediaType == "multipart/form-data", let ct = headers.first(name: "Content-Type"),
            let boundary = headerParameters(ct)["boundary"], !boundary.isEmpty, boundary.utf8.count <= 70
        else {
            throw HTTPError.unsupportedMediaType(expected: "multipart/form-data")
        }
        return try MultipartParser.parse(body, boundary: boundary, limits: limits)
    }
}

private func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
        let p = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return p.isEmpty ? "the body" : p
    }
    switch error {
    case .keyNotFound(let key, let context): return "\(path(context)): missing key \(key.stringValue)"
    case .typeMismatch(_, let context): return "\(path(context)): wrong type"
    case .valueNotFound(_, let context): return "\(path(context)): missing value"
    case .dataCorrupted(let context): return "\(path(context)): invalid data"
    @unknown default: return "invalid JSON"
    }
}

extension Middleware {
    /// Answers 413 when the body is larger than `bytes` (a per-route limit below the
    /// server's global one).
    public static func bodyLimit(_ bytes: Int) -> Middleware {
        .before("bodyLimit") { request in
            if request.body.readableBytes > bytes { throw HTTPError.payloadTooLarge(limit: bytes) }
            return nil
        }
    }
}
