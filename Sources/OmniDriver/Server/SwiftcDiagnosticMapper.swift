import Foundation
import OmniBase

/// Turns `swift build` failures into omni diagnostics. Generated code that swiftc rejects is
/// omni's bug, so the user sees an internal error (E0003) at the line of THEIR source that the
/// failing generated code came from — found through the `// path:line` comment the Swift
/// renderer writes above every generated piece — with swiftc's message as a note. A failure
/// outside the generated sources (a missing toolchain, an unresolvable dependency) is E0004.
public enum SwiftcDiagnosticMapper {
    /// One `path:line:column: error: message` line of swiftc output.
    public struct CompilerError: Sendable, Equatable {
        public var path: String
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// The `error:` lines of swiftc's output (warnings and notes are ignored), without duplicates.
    public static func errors(in output: String) -> [CompilerError] {
        var seen: Set<String> = []
        var result: [CompilerError] = []
        for raw in output.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            guard let range = line.range(of: ": error: ") else { continue }
            let location = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let l = Int(location[location.count - 2]), let c = Int(location[location.count - 1]) else { continue }
            let path = location[..<(location.count - 2)].joined(separator: ":")
            let error = CompilerError(path: path, line: l, column: c, message: String(line[range.upperBound...]))
            if seen.insert("\(path):\(l):\(c):\(error.message)").inserted { result.append(error) }
        }
        return result
    }

    /// Maps a failed build's output to diagnostics. `packageRoot` is the generated package;
    /// `sources` the project's files (display paths as in the `// path:line` notes).
    public static func diagnostics(forFailedBuild output: String, packageRoot: String, sources: SourceMap) -> [Diagnostic] {
        let root = URL(fileURLWithPath: packageRoot).standardizedFileURL.path + "/"
        var result: [Diagnostic] = []
        var unmapped: [CompilerError] = []
        for error in errors(in: output) {
            let path = URL(fileURLWithPath: error.path).standardizedFileURL.path
            guard path.hasPrefix(root), let origin = origin(ofLine: error.line, inGeneratedFile: path, sources: sources) else {
                unmapped.append(error); continue
            }
            let generated = String(path.dropFirst(root.count))
            result.append(Diagnostic(.error, "E0003", "internal error: the Swift omni generated for this code does not compile",
                                     at: origin)
                .note("swiftc: \(error.message)")
                .note("in the generated file \(ServerBuild.packageDirectory)/\(generated):\(error.line):\(error.column)")
                .helping("this is a bug in omni, not in your project; please report it with this message"))
        }
        if !unmapped.isEmpty || result.isEmpty {
            let anchor = sources.files.first.map { Span.point($0.id, 0) } ?? Span.point(FileID(0), 0)
            var d = Diagnostic(.error, "E0004", "`swift build` of the generated server failed", at: anchor)
            let lines = unmapped.isEmpty
                ? Array(output.split(separator: "\n").suffix(12)).map(String.init)
                : unmapped.prefix(12).map { "\($0.path):\($0.line):\($0.column): \($0.message)" }
            for line in lines { d = d.note(line) }
            result.append(d.helping("check that the Swift toolchain works (`swift --version`) and that the runtime package at the path in \(ServerBuild.packageDirectory)/Package.swift builds"))
        }
        return result
    }

    /// The user-source line a generated line came from: the nearest `// path:line` comment at
    /// or above it whose path is one of the project's files.
    static func origin(ofLine line: Int, inGeneratedFile path: String, sources: SourceMap) -> Span? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1 else { return nil }
        var i = min(line, lines.count) - 1
        while i >= 0 {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("// "), let colon = trimmed.lastIndex(of: ":") {
                let file = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 3)..<colon])
                if let number = Int(trimmed[trimmed.index(after: colon)...]),
                   let source = sources.files.first(where: { $0.path == file }) {
                    let range = source.lines.byteRange(ofLine: number, in: source.bytes)
                    return Span(file: source.id, range)
                }
            }
            i -= 1
        }
        return nil
    }
}
