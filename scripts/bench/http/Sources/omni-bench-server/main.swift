// OmniHTTP, composed the way generated code composes it: a route table compiled into a
// dispatch trie, a router-wide middleware chain (here the one every browser pipeline has,
// `htmx`, which adds `Vary: HX-Request`), and synchronous handlers answered on the event loop.
import Logging
import OmniHTTP

struct Message: Encodable {
    let message: String
}

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8081

var router = Router(middleware: [.htmx])
router.get("/plaintext", .sync { _ in .text("Hello, World!") })
router.get("/json", .sync { _ in try .json(Message(message: "Hello, World!")) })

var configuration = ServerConfiguration(host: "127.0.0.1", port: port)
configuration.logger.logLevel = .warning
let server = try Server(configuration: configuration, router: router)
try await server.runUntilSignal()
