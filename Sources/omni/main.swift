import ArgumentParser
import Foundation

// Entry point. Exit statuses follow DESIGN.md §6: 0 success, 1 the sources have errors,
// 2 bad usage or an internal failure.
CrashReporter.install()
do {
    var command = try Omni.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = Omni.exitCode(for: error)
    if code == .success {
        print(Omni.fullMessage(for: error))
        Foundation.exit(0)
    }
    printError(Omni.fullMessage(for: error))
    Foundation.exit(2)
}
