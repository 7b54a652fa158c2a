// A minimal Hummingbird 2 app with the same two routes.
import Hummingbird
import Logging

struct Message: ResponseEncodable {
    let message: String
}

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8083
let router = Router()
router.get("plaintext") { _, _ in "Hello, World!" }
router.get("json") { _, _ in Message(message: "Hello, World!") }

var logger = Logger(label: "hummingbird-bench")
logger.logLevel = .warning
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
try await app.runService()
