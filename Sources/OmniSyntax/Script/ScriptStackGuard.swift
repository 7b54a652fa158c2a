#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Keeps the recursive-descent script parser from overflowing the thread's stack, whatever
/// stack the caller runs on (a 512 KB secondary thread included).
///
/// The nesting limit (`ScriptParser.maxNestingDepth`) bounds recursion, and every recursive
/// entry point asks `isLow` first. When less than `redZone` bytes of stack remain, the parse
/// continues on a fresh thread with a large stack while the calling thread waits — the technique
/// of rustc's `ensure_sufficient_stack`. Debug builds give each parsing function a frame of a few
/// kilobytes, so 256 levels need more than a small thread has; with the guard the result is the
/// same on every thread, and ordinary scripts never leave the caller's thread.
enum ScriptStackGuard {
    /// Bytes that must stay free for the work between two checks (one nesting level plus lexing
    /// and building diagnostics, which do not recurse).
    static let redZone: UInt = 160 * 1024
    /// The stack of a fresh thread: room for the full nesting depth in a debug build.
    static let freshStackSize = 32 * 1024 * 1024

    /// An address in the current stack frame (the stack grows down on every supported platform).
    @inline(never)
    static func stackPointer() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The address below which the current thread must not go: its stack's low end plus the red
    /// zone. When the stack bounds are unknown, assumes 512 KB from here.
    static func limitForCurrentThread() -> UInt {
        let sp = stackPointer()
        if let low = stackLow(), low < sp {
            return low &+ redZone
        }
        return sp > 512 * 1024 ? sp - 512 * 1024 + redZone : sp
    }

    /// The lowest address of the current thread's stack, cached per thread.
    static func stackLow() -> UInt? {
        #if canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = UInt(pthread_get_stacksize_np(pthread_self()))
        return top > size ? top - size : nil
        #elseif canImport(Glibc)
        if let cached = pthread_getspecific(lowKey) { return UInt(bitPattern: cached) }
        guard let getattr = getattrNP else { return nil }
        var attr = pthread_attr_t()
        guard getattr(pthread_self(), &attr) == 0 else { return nil }
        defer { pthread_attr_destroy(&attr) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attr, &address, &size) == 0, let address else { return nil }
        let low = UInt(bitPattern: address)
        pthread_setspecific(lowKey, UnsafeRawPointer(bitPattern: low))
        return low
        #else
        return nil
        #endif
    }

    #if canImport(Glibc)
    typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32

    /// `pthread_getattr_np`, which the Glibc module does not export (it is a GNU extension).
    static let getattrNP: GetAttr? = {
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }
        return unsafeBitCast(symbol, to: GetAttr.self)
    }()

    /// Thread-local cache of `stackLow` (reading the main thread's bounds parses /proc/self/maps).
    static let lowKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
    #endif

    /// Work handed to a fresh thread.
    final class Job {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    /// Runs `body` on a new thread with a `freshStackSize` stack and waits for it; runs it here
    /// when no thread can be started. (The routes parser shares this guard.)
    static func onFreshStack<R>(_ body: () -> R) -> R {
        if let result = tryOnFreshStack(body) { return result }
        return body()
    }

    /// Runs `body` on a new thread with a `freshStackSize` stack and waits for it. Returns nil,
    /// without running `body`, when no thread can be started.
    static func tryOnFreshStack<R>(_ body: () -> R) -> R? {
        #if canImport(Darwin) || canImport(Glibc)
        return withoutActuallyEscaping(body) { body -> R? in
            var result: R?
            let job = Job { result = body() }
            let context = Unmanaged.passRetained(job).toOpaque()
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            pthread_attr_setstacksize(&attr, freshStackSize)
            #if canImport(Darwin)
            var thread: pthread_t?
            let started = pthread_create(&thread, &attr, { raw in
                let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
                job.work()
                return nil
            }, context) == 0
            if started, let thread { pthread_join(thread, nil) }
            #else
            var thread = pthread_t()
            let started = pthread_create(&thread, &attr, { raw in
                guard let raw else { return nil }
                let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
                job.work()
                return nil
            }, context) == 0
            if started { pthread_join(thread, nil) }
            #endif
            if !started { Unmanaged<Job>.fromOpaque(context).release() }
            return result
        }
        #else
        return nil
        #endif
    }
}

extension ScriptParser.Engine {
    /// Whether the stack is nearly used up (see `ScriptStackGuard`).
    var stackIsLow: Bool { ScriptStackGuard.stackPointer() < stackLimit }

    /// Runs `body` on a fresh thread with a large stack, then carries on here. Returns nil when
    /// no thread could be started: the caller goes on here, and `enter` then treats the low stack
    /// as nesting too deep.
    func onFreshStack<R>(_ body: () -> R) -> R? {
        let saved = stackLimit
        defer { stackLimit = saved }
        return ScriptStackGuard.tryOnFreshStack {
            self.stackLimit = ScriptStackGuard.limitForCurrentThread()
            return body()
        }
    }
}
