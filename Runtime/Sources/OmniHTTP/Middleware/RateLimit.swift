import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Token buckets per key (client address, API key, user): each key may burst `capacity`
/// requests and regains `refillPerSecond` tokens a second. Thread-safe; buckets live in
/// 16 lock-striped shards and idle full buckets are dropped as the table grows.
public final class RateLimiter: Sendable {
    /// The outcome of one ``take(_:)``.
    public struct Decision: Sendable, Equatable {
        /// Whether the request may proceed.
        public var allowed: Bool
        /// The bucket size (`RateLimit-Limit`).
        public var limit: Int
        /// Whole tokens left (`RateLimit-Remaining`).
        public var remaining: Int
        /// Seconds until the bucket is full again (`RateLimit-Reset`).
        public var resetSeconds: Int
        /// Seconds until the next token, when refused (`Retry-After`).
        public var retryAfterSeconds: Int
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    public let capacity: Int
    public let refillPerSecond: Double
    private let clock: @Sendable () -> Double
    private let shards: [NIOLockedValueBox<[String: Bucket]>]
    private let maxKeysPerShard: Int

    /// Creates a limiter. `clock` returns seconds (monotonic by default; injectable for tests).
    public init(
        capacity: Int, refillPerSecond: Double, maxKeys: Int = 100_000,
        clock: @escaping @Sendable () -> Double = { Double(NIODeadline.now().uptimeNanoseconds) / 1e9 }
    ) {
        precondition(capacity > 0 && refillPerSecond > 0)
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.clock = clock
        self.shards = (0..<16).map { _ in NIOLockedValueBox([:]) }
        self.maxKeysPerShard = max(maxKeys / 16, 1)
    }

    /// `count` requests per minute, all allowed in a burst.
    public convenience init(perMinute count: Int) {
        self.init(capacity: count, refillPerSecond: Double(count) / 60)
    }

    /// Takes one token from `key`'s bucket.
    public func take(_ key: String) -> Decision {
        let now = clock()
        let capacity = Double(self.capacity)
        let rate = refillPerSecond
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % 16)]
        let maxKeys = maxKeysPerShard
        return shard.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            if buckets.count >= maxKeys && buckets[key] == nil {
                // Forget buckets that have refilled: they carry no information.
                buckets = buckets.filter { _, b in min(capacity, b.tokens + (now - b.updated) * rate) < capacity }
            }
            buckets[key] = bucket
            let reset = Int(((capacity - bucket.tokens) / rate).rounded(.up))
            let retry = allowed ? 0 : max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
            return Decision(
                allowed: allowed, limit: self.capacity, remaining: Int(bucket.tokens.rounded(.down)), resetSeconds: reset,
                retryAfterSeconds: retry)
        }
    }
}

extension Request {
    /// The peer's IP address (no port), or `"unknown"`.
    public var clientAddress: String { connection.remoteAddress?.ipAddress ?? "unknown" }
}

extension Middleware {
    /// Rate limiting with a token bucket per `key` (the client address by default).
    /// Allowed responses carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`;
    /// refused requests get 429 `rate_limited` with those and `Retry-After`.
    public static func rateLimit(_ limiter: RateLimiter, key: @escaping @Sendable (Request) -> String = { $0.clientAddress }) -> Middleware {
        struct DecisionKey: StorageKey { typealias Value = RateLimiter.Decision }
        @Sendable func annotate(_ headers: inout HTTPHeaders, _ d: RateLimiter.Decision) {
            headers.replaceOrAdd(name: "RateLimit-Limit", value: String(d.limit))
            headers.replaceOrAdd(name: "RateLimit-Remaining", value: String(d.remaining))
            headers.replaceOrAdd(name: "RateLimit-Reset", value: String(d.resetSeconds))
        }
        return .hooks(
            "rateLimit",
            before: { request in
                let decision = limiter.take(key(request))
                guard decision.allowed else {
                    var error = HTTPError.tooManyRequests(retryAfter: decision.retryAfterSeconds)
                    annotate(&error.headers, decision)
                    throw error
                }
                request.storage[DecisionKey.self] = decision
                return nil
            },
            after: { request, response in
                if let decision = request.storage[DecisionKey.self] { annotate(&response.headers, decision) }
            })
    }
}
