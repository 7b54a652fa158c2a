import Foundation

/// The skeletons in omni's `Templates/` folder, shipped as SwiftPM resources. Only the
/// driver reads them (code generators get their text and do no IO).
public enum OmniTemplates {
    /// A skeleton that is not in the bundle.
    public struct Missing: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "omni's template \(name) is missing from its resources" }
    }

    /// The skeletons of the generated server package, by name.
    public static let serverSkeletons = ["server/Package.swift.tmpl", "server/main.swift.tmpl"]

    /// The text of a skeleton, by its path under `Templates/`: `server/Package.swift.tmpl`.
    public static func text(_ name: String) throws -> String {
        let folder = (name as NSString).deletingLastPathComponent
        let file = (name as NSString).lastPathComponent
        guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: folder.isEmpty ? nil : folder),
            let data = FileManager.default.contents(atPath: url.path),
            let text = String(data: data, encoding: .utf8)
        else { throw Missing(name: name) }
        return text
    }

    /// Every server skeleton, by name, as `ServerGenerator.generate` takes them.
    public static func server() throws -> [String: String] {
        var out: [String: String] = [:]
        for name in serverSkeletons { out[name] = try text(name) }
        return out
    }
}
