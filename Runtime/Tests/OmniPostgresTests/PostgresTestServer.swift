import Foundation
import OmniPostgres
import OmniStorage
import Testing

/// Where the PostgreSQL tests connect: `OMNI_PG_URL`, or a server on the loopback default
/// port. `scripts/pg-test-server.sh` starts a throwaway server and prints a URL.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["OMNI_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

    /// Whether a TCP connection to the server's host and port succeeds (checked once).
    static let isReachable: Bool = {
        guard let components = URLComponents(string: url), let host = components.host else { return false }
        let port = UInt16(components.port ?? 5432)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else { return false }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0
    }()

    static let skipMessage: Comment = "no PostgreSQL server at \(url): set OMNI_PG_URL (export OMNI_PG_URL=$(scripts/pg-test-server.sh))"

    static func open() throws -> PostgresStorage {
        try PostgresStorage(url: url, maximumConnections: 8)
    }
}
