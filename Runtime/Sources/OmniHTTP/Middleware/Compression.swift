import CompressNIO
import NIOCore
import NIOHTTP1

/// A content coding the compression middleware can produce.
public enum ContentCoding: String, Sendable {
    case gzip
    case deflate

    /// Picks the client's preferred coding from an `Accept-Encoding` value (q-values honoured,
    /// gzip preferred on ties, `*` understood); nil means send the body as it is.
    public static func negotiate(_ acceptEncoding: String) -> ContentCoding? {
        var gzip: Double?
        var deflate: Double?
        var star: Double?
        for item in acceptEncoding.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let token = parts.first?.trimmingASCIIWhitespace().lowercased() else { continue }
            var q = 1.0
            for param in parts.dropFirst() {
                let p = param.trimmingASCIIWhitespace()
                if p.hasPrefix("q=") || p.hasPrefix("Q=") { q = Double(p.dropFirst(2)) ?? 0 }
            }
            switch token {
            case "gzip", "x-gzip": gzip = q
            case "deflate": deflate = q
            case "*": star = q
            default: break
            }
        }
        let g = gzip ?? star ?? 0
        let d = deflate ?? star ?? 0
        if g <= 0 && d <= 0 { return nil }
        return g >= d ? .gzip : .deflate
    }
}

/// Settings for ``Middleware/compression(_:)``.
public struct CompressionConfiguration: Sendable {
    /// Bodies smaller than this are sent as they are.
    public var minimumSize: Int = 1024
    /// Content types worth compressing (prefix match on the media type).
    public var compressibleTypes: [String] = [
        "text/", "application/json", "application/javascript", "application/xml", "image/svg+xml", "application/wasm",
        "application/manifest+json",
    ]
    /// Creates the default configuration.
    public init() {}

    func isCompressible(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let lower = contentType.lowercased()
        return compressibleTypes.contains { lower.hasPrefix($0) }
    }
}

extension Middleware {
    /// Compresses response bodies with gzip or deflate (zlib), as negotiated from
    /// `Accept-Encoding`, when the body is large enough, of a compressible type, and not
    /// already encoded or partial. Adds `Vary: Accept-Encoding`; a strong `ETag` becomes weak.
    public static func compression(_ config: CompressionConfiguration = CompressionConfiguration()) -> Middleware {
        .after("compression") { request, response in
            guard config.isCompressible(response.contentType) else { return }
            response.addListHeader("Vary", token: "Accept-Encoding")
            guard response.status == .ok, response.body.readableBytes >= config.minimumSize,
                !response.headers.contains(name: "Content-Encoding"),
                let accept = request.headers.first(name: "Accept-Encoding"), let coding = ContentCoding.negotiate(accept)
            else { return }
            var body = response.body
            // HTTP's "deflate" is the zlib format (RFC 9110 §8.4.1.2).
            let algorithm: CompressionAlgorithm = coding == .gzip ? .gzip() : .zlib()
            guard let compressed = try? body.compress(with: algorithm), compressed.readableBytes < response.body.readableBytes else {
                return
            }
            response.body = compressed
            response.headers.replaceOrAdd(name: "Content-Encoding", value: coding.rawValue)
            if let etag = response.headers.first(name: "ETag"), !etag.hasPrefix("W/") {
                response.headers.replaceOrAdd(name: "ETag", value: "W/" + etag)
            }
        }
    }
}
