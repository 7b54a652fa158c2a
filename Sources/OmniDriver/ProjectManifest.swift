import OmniBase
import OmniSyntax

/// What `omni.toml` says about a project. Every field has a default, so a project without
/// a manifest builds too.
public struct ProjectManifest: Sendable, Equatable {
    /// `[project] name`: the binary's name (`.omni/bin/<name>`); nil when the manifest has
    /// none (the project directory's name is used then).
    public var name: String?
    /// `[server] host` and `port`.
    public var host: String
    public var port: Int
    /// `[database] url`: `sqlite:path` (relative to the project) or `postgres://…`.
    public var databaseURL: String?
    /// `[build] opt_level` (0…3).
    public var optLevel: Int

    public init(name: String? = nil, host: String = "127.0.0.1", port: Int = 8080, databaseURL: String? = nil, optLevel: Int = 2) {
        self.name = name; self.host = host; self.port = port; self.databaseURL = databaseURL; self.optLevel = optLevel
    }

    /// The sections and keys omni reads; anything else is reported with a did-you-mean.
    static let schema: [String: [String]] = [
        "project": ["name"],
        "server": ["host", "port"],
        "database": ["url"],
        "build": ["opt_level"],
    ]

    /// Reads a parsed manifest, reporting unknown keys, wrong types and bad values at their spans.
    public static func read(_ document: TOMLDocument) -> (ProjectManifest, [Diagnostic]) {
        var manifest = ProjectManifest()
        var diagnostics = document.unknownKeys(allowed: schema.keys.sorted())
        for (section, keys) in schema.sorted(by: { $0.key < $1.key }) where document[section]?.table != nil {
            diagnostics += document.unknownKeys(in: [section], allowed: keys)
        }
        func take<T>(_ result: (T?, Diagnostic?)) -> T? {
            if let d = result.1 { diagnostics.append(d) }
            return result.0
        }
        if let name = take(document.string("project", "name")) {
            if name.isEmpty || !name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) {
                if let span = document.value(at: ["project", "name"])?.span {
                    diagnostics.append(Diagnostic(.error, "E0628", "the project name must be letters, digits, `-` and `_`", at: span,
                                                  label: "it names the server binary"))
                }
            } else {
                manifest.name = name
            }
        }
        if let host = take(document.string("server", "host")) { manifest.host = host }
        if let port = take(document.int("server", "port")) {
            if (1...65535).contains(port) { manifest.port = Int(port) } else if let span = document.value(at: ["server", "port"])?.span {
                diagnostics.append(Diagnostic(.error, "E0628", "port \(port) is out of range", at: span, label: "expected 1 to 65535"))
            }
        }
        if let url = take(document.string("database", "url")) { manifest.databaseURL = url }
        if let level = take(document.int("build", "opt_level")) {
            if (0...3).contains(level) { manifest.optLevel = Int(level) } else if let span = document.value(at: ["build", "opt_level"])?.span {
                diagnostics.append(Diagnostic(.error, "E0628", "`opt_level` must be 0, 1, 2 or 3", at: span, label: "found \(level)"))
            }
        }
        return (manifest, diagnostics)
    }
}
