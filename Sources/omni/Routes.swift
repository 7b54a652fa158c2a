import ArgumentParser
import Foundation
import OmniDriver

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a project's route table: method, path, target, pipelines and source location.",
        discussion: "Routes are listed in declaration order, `resources` expanded into their actions. Exit status: 0, 1 (source errors) or 2."
    )

    @Argument(help: "The project directory.")
    var directory: String = "."

    func run() throws {
        let project = try withExitCodes { try LoadedProject.load(directory) }
        print(RouteTable.render(project.frontend.server, sources: project.report.sources), terminator: "")
    }
}

/// Runs `body`, turning `ExitCodeError` into ArgumentParser's exit codes.
func withExitCodes<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch ExitCodeError.failure {
        throw ExitCode(1)
    } catch ExitCodeError.usage {
        throw ExitCode(2)
    }
}
