import Logging
import NIOHTTP1

extension Middleware {
    /// Gives each request an ID: the incoming `header` when it is a sane token (≤ 128 of
    /// `[A-Za-z0-9._-]`), otherwise 16 random hex digits. Sets ``Request/id`` and echoes the
    /// ID in the response header.
    public static func requestID(header: String = "X-Request-ID") -> Middleware {
        .hooks(
            "requestID",
            before: { request in
                if let incoming = request.headers.first(name: header), isValidRequestID(incoming) {
                    request.id = incoming
                } else {
                    request.id = makeRequestID()
                }
                return nil
            },
            after: { request, response in
                if let id = request.id { response.headers.replaceOrAdd(name: header, value: id) }
            })
    }
}

func isValidRequestID(_ s: String) -> Bool {
    guard !s.isEmpty, s.utf8.count <= 128 else { return false }
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            continue
        default:
            return false
        }
    }
    return true
}

/// 16 lowercase hex digits from the system RNG.
func makeRequestID() -> String {
    var rng = SystemRandomNumberGenerator()
    var value = rng.next()
    var bytes = [UInt8](repeating: 0, count: 16)
    for i in 0..<16 {
        bytes[15 - i] = hexDigit(UInt8(value & 0xF))
        value >>= 4
    }
    return String(decoding: bytes, as: UTF8.self)
}

extension Middleware {
    /// Logs one structured line per request after it is answered: method, path, status,
    /// bytes, duration in milliseconds, request ID and peer address as metadata.
    public static func accessLog(_ logger: Logger, level: Logger.Level = .info) -> Middleware {
        .after("accessLog") { request, response in
            guard logger.logLevel <= level else { return }
            let elapsed = NIODeadline.now() - request.receivedAt
            var metadata: Logger.Metadata = [
                "method": .string(request.method.rawValue),
                "path": .string(String(request.path)),
                "status": .stringConvertible(response.status.code),
                "bytes": .stringConvertible(response.body.readableBytes),
                "duration_ms": .string(String(Double(elapsed.nanoseconds / 1000) / 1000)),
            ]
            if let id = request.id { metadata["request_id"] = .string(id) }
            if let address = request.connection.remoteAddress?.ipAddress { metadata["remote"] = .string(address) }
            logger.log(level: level, "request", metadata: metadata)
        }
    }
}
