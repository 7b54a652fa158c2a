/// How warnings are configured, by code: silenced (`--allow W0501`) or raised to errors
/// (`--deny W0501`). Errors cannot be configured.
public struct WarningPolicy: Sendable, Equatable {
    public var allowed: Set<DiagnosticCode>
    public var denied: Set<DiagnosticCode>
    /// `--deny-warnings`: every warning fails the check (reported as a warning still).
    public var denyAll: Bool

    public init(allowed: Set<DiagnosticCode> = [], denied: Set<DiagnosticCode> = [], denyAll: Bool = false) {
        self.allowed = allowed; self.denied = denied; self.denyAll = denyAll
    }

    /// Applies the policy: allowed warnings are dropped, denied ones become errors with a
    /// note saying why. Non-warnings pass through unchanged.
    public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.compactMap { d in
            guard d.severity == .warning else { return d }
            if allowed.contains(d.code) { return nil }
            if denied.contains(d.code) {
                var e = d
                e.severity = .error
                e.notes.append("`\(d.code)` is an error because of `--deny \(d.code)`")
                return e
            }
            return d
        }
    }
}
