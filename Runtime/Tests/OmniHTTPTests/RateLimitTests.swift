import NIOConcurrencyHelpers
import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Rate limiting")
struct RateLimitTests {
    final class FakeClock: Sendable {
        let now = NIOLockedValueBox(1000.0)
        func advance(_ s: Double) { now.withLockedValue { $0 += s } }
        var read: @Sendable () -> Double { { self.now.withLockedValue { $0 } } }
    }

    @Test func tokenBucketRefills() {
        let clock = FakeClock()
        let limiter = RateLimiter(capacity: 3, refillPerSecond: 1, clock: clock.read)
        #expect(limiter.take("a").allowed)
        #expect(limiter.take("a").allowed)
        let third = limiter.take("a")
        #expect(third.allowed && third.remaining == 0)
        #expect(third.resetSeconds == 3)
        let refused = limiter.take("a")
        #expect(!refused.allowed)
        #expect(refused.retryAfterSeconds == 1)
        #expect(limiter.take("b").allowed, "keys are independent")
        clock.advance(1.0)
        #expect(limiter.take("a").allowed)
        #expect(!limiter.take("a").allowed)
        clock.advance(10)
        #expect(limiter.take("a").remaining == 2, "refills only up to capacity")
    }

    @Test func idleBucketsAreForgotten() {
        let clock = FakeClock()
        let limiter = RateLimiter(capacity: 1, refillPerSecond: 1, maxKeys: 16, clock: clock.read)
        for i in 0..<200 { _ = limiter.take("k\(i)") }
        clock.advance(5)
        for i in 200..<400 { #expect(limiter.take("k\(i)").allowed) }
    }

    @Test func middlewareAnswers429WithHeaders() async throws {
        let clock = FakeClock()
        let limiter = RateLimiter(capacity: 2, refillPerSecond: 0.5, clock: clock.read)
        var router = Router(middleware: [.rateLimit(limiter)])
        router.get("/", .sync { _ in .text("ok") })
        var c = try TestClient(router: router)
        let first = await c.get("/")
        #expect(first.header("RateLimit-Limit") == "2")
        #expect(first.header("RateLimit-Remaining") == "1")
        #expect(await c.get("/").status == .ok)
        let limited = await c.get("/")
        #expect(limited.status == .tooManyRequests)
        #expect(limited.errorCode == "rate_limited")
        #expect(limited.header("Retry-After") == "2")
        #expect(limited.header("RateLimit-Remaining") == "0")
        #expect(limited.header("RateLimit-Reset") == "4")
        clock.advance(2)
        #expect(await c.get("/").status == .ok)
    }

    @Test func customKeys() async throws {
        let limiter = RateLimiter(capacity: 1, refillPerSecond: 0.001)
        var router = Router(middleware: [.rateLimit(limiter, key: { $0.header("X-API-Key") ?? "none" })])
        router.get("/", .sync { _ in .text("ok") })
        var c = try TestClient(router: router)
        #expect(await c.get("/", headers: headers(("X-API-Key", "a"))).status == .ok)
        #expect(await c.get("/", headers: headers(("X-API-Key", "b"))).status == .ok)
        #expect(await c.get("/", headers: headers(("X-API-Key", "a"))).status == .tooManyRequests)
    }
}
