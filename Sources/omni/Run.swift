import ArgumentParser
import Foundation
import OmniDriver

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a project's server (and WebAssembly modules) and start it.",
        discussion: """
        Builds like `omni build --target all`, then runs DIR/.omni/bin/<name> in DIR, listening on the host and port \
        of omni.toml's [server] section unless --port or --host is given. Stop it with Ctrl-C. Exit status: the \
        server's own, or 1/2 when the build fails.
        """
    )

    @Argument(help: "The project directory.")
    var directory: String = "."

    @Option(help: "The port to listen on (default: omni.toml's [server] port, else 8080; 0 picks a free port).")
    var port: Int?

    @Option(help: "The address to listen on (default: omni.toml's [server] host, else 127.0.0.1).")
    var host: String?

    @Flag(help: "Build with optimizations.")
    var release = false

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        try withExitCodes {
            let project = try LoadedProject.load(directory)
            guard let binary = try build(project, target: .all, release: release) else {
                printError("error: nothing to run: declare routes in a <routes> block of a .omni file")
                throw ExitCodeError.failure
            }
            var arguments: [String] = []
            if let port { arguments += ["--port", String(port)] }
            if let host { arguments += ["--host", host] }
            try exec(binary, arguments, in: project.directory)
        }
    }

    /// Replaces this process with the server, so signals (Ctrl-C) reach it directly.
    func exec(_ binary: String, _ arguments: [String], in directory: String) throws {
        guard FileManager.default.changeCurrentDirectoryPath(directory) else {
            printError("error: cannot enter \(directory)")
            throw ExitCodeError.usage
        }
        // `print` buffers when stdout is not a terminal; what the build printed must not be lost with this process image.
        fflush(nil)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        execv(binary, argv)
        printError("error: cannot start \(binary): \(String(cString: strerror(errno)))")
        throw ExitCodeError.usage
    }
}
