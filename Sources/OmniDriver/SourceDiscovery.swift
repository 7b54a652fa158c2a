import Foundation
import OmniBase

/// Finds the source files of a check or build: project directories are walked for
/// `.omni` files; a file path is taken as it is.
public enum SourceDiscovery {
    /// Folders never walked: build output, dependencies, hidden folders.
    static let skippedFolders: Set<String> = [".omni", ".build", "node_modules", ".git", "Package.resolved"]

    public struct Input: Sendable, Hashable {
        /// Absolute path on disk.
        public var absolutePath: String
        /// The path shown to users: relative to the project directory (or the current
        /// directory for a file given directly).
        public var displayPath: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        case unreadableDirectory(String, String)

        public var description: String {
            switch self {
            case .notFound(let p): "no such file or directory: \(p)"
            case .unreadableDirectory(let p, let why): "cannot read directory \(p): \(why)"
            }
        }
    }

    /// The `.omni` inputs under `paths`, sorted by display path, without duplicates.
    public static func inputs(for paths: [String], currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> [Input] {
        let fm = FileManager.default
        var result: [Input] = []
        var seen: Set<String> = []
        for raw in paths {
            let absolute = absolutize(raw, relativeTo: currentDirectory)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: absolute, isDirectory: &isDir) else { throw Failure.notFound(raw) }
            if isDir.boolValue {
                for file in try walk(absolute) where seen.insert(file).inserted {
                    result.append(Input(absolutePath: file, displayPath: relative(file, to: absolute)))
                }
            } else if seen.insert(absolute).inserted {
                result.append(Input(absolutePath: absolute, displayPath: displayPath(for: absolute, raw: raw, currentDirectory: currentDirectory)))
            }
        }
        return result.sorted { ($0.displayPath, $0.absolutePath) < ($1.displayPath, $1.absolutePath) }
    }

    /// True for the files a project walk collects: `.omni` components, templates and the manifest.
    static func isSource(_ name: String, in directory: String) -> Bool {
        name.hasSuffix(".omni") || name == "omni.toml" || Frontend.isTemplate(directory + "/" + name)
    }

    /// Every source file below `directory`, skipping build output and hidden folders.
    static func walk(_ directory: String) throws -> [String] {
        let fm = FileManager.default
        var found: [String] = []
        var stack = [directory]
        while let dir = stack.popLast() {
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: dir) } catch {
                throw Failure.unreadableDirectory(dir, error.localizedDescription)
            }
            for name in entries.sorted() {
                if name.hasPrefix(".") || skippedFolders.contains(name) { continue }
                let path = dir + "/" + name
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
                if isDir.boolValue {
                    stack.append(path)
                } else if isSource(name, in: dir) {
                    found.append(path)
                }
            }
        }
        return found
    }

    static func absolutize(_ path: String, relativeTo cwd: String) -> String {
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func displayPath(for absolute: String, raw: String, currentDirectory: String) -> String {
        let rel = relative(absolute, to: URL(fileURLWithPath: currentDirectory).standardizedFileURL.path)
        return rel == absolute ? raw : rel
    }
}
