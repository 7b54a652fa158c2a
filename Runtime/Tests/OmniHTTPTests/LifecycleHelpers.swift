import Logging
import ServiceLifecycle
@testable import OmniHTTP

/// Runs a server inside a `ServiceGroup`, does `body`, then triggers graceful shutdown.
struct ServiceGroupHarness {
    let server: Server

    func runAndStop(_ body: @Sendable () async throws -> Void) async throws {
        let group = ServiceGroup(
            services: [server], gracefulShutdownSignals: [], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
