import Foundation

/// The last line of defence: if the compiler ever traps (a bug), report an internal
/// error as a diagnostic-shaped message on stderr and exit with status 2 instead of dying
/// with a bare signal. Runs on an alternate stack, so it works for stack overflows too.
enum CrashReporter {
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var messageLength = 0

    static func install() {
        let text = """
        error[E0002]: internal compiler error: omni crashed
          = note: this is a bug in omni, not in your project
          = help: please report it with the input that caused it; `omni check` on a smaller input may narrow it down

        """
        message = strdup(text)
        messageLength = text.utf8.count
        // An alternate signal stack so that a stack overflow can still be reported.
        let size = 1 << 16
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT] {
            var action = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_handler = { _ in CrashReporter.report() }
            #else
            action.__sigaction_u.__sa_handler = { _ in CrashReporter.report() }
            #endif
            action.sa_flags = Int32(SA_ONSTACK)
            sigaction(sig, &action, nil)
        }
    }

    private static func report() {
        if let message { _ = write(2, message, messageLength) }
        _exit(2)
    }
}
