import Foundation
import OmniBase
import OmniSyntax

/// Helpers shared by the TOML tests: in-memory parsing, toml-test's tagged JSON, the suite's
/// location.
enum TOMLTestSupport {
    struct Result {
        var document: TOMLDocument
        var diagnostics: [Diagnostic]
        var file: SourceFile
        var codes: [String] { diagnostics.map(\.code.rawValue) }
        var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        /// 1-based lines of the errors.
        var errorLines: [Int] { errors.map { file.location(of: Int($0.span.start)).line } }
        /// One line per diagnostic, for failure messages.
        var report: String {
            diagnostics.map { d in
                let loc = file.location(of: Int(d.span.start))
                return "\(loc.line):\(loc.column) \(d.code) \(d.message)"
            }.joined(separator: "\n")
        }
    }

    static func parse(_ text: String, path: String = "omni.toml") -> Result {
        parse(bytes: Array(text.utf8), path: path)
    }

    static func parse(bytes: [UInt8], path: String = "omni.toml") -> Result {
        let file = SourceFile(id: FileID(0), path: path, bytes: bytes)
        let (doc, diags) = TOMLParser.parse(file)
        return Result(document: doc, diagnostics: diags, file: file)
    }

    /// `…/toml-test/tests`, found by walking up from this file (its real location, through
    /// symlinks) to a directory that holds `shared/testdata/toml-test`, the repository's sibling.
    static func suiteDirectory() -> URL? {
        var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let fm = FileManager.default
        while dir.path != "/" && !dir.path.isEmpty {
            let candidate = dir.appendingPathComponent("shared/testdata/toml-test/tests")
            if fm.fileExists(atPath: candidate.appendingPathComponent("files-toml-1.0.0").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// The cases of `files-toml-1.0.0`: paths relative to the suite directory.
    static func suiteCases(_ dir: URL) -> (valid: [String], invalid: [String]) {
        guard let list = try? String(contentsOf: dir.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8) else { return ([], []) }
        let lines = list.split(whereSeparator: \.isNewline).map(String.init).filter { $0.hasSuffix(".toml") }
        return (lines.filter { $0.hasPrefix("valid/") }, lines.filter { $0.hasPrefix("invalid/") })
    }

    // MARK: toml-test's tagged JSON

    /// Compares a value with toml-test's tagged JSON (`{"type":"integer","value":"42"}`,
    /// tables as objects, arrays as arrays). Returns a description of the first difference.
    static func mismatch(_ v: TOMLValue, _ json: Any, at path: String = "") -> String? {
        switch v.kind {
        case .table(let t):
            guard let obj = json as? [String: Any], !isTagged(obj) else { return "\(path): expected \(json), found a table" }
            if Set(obj.keys) != Set(t.keys) {
                return "\(path): keys \(t.keys.sorted()) != expected \(obj.keys.sorted())"
            }
            for e in t.entries {
                if let m = mismatch(e.value, obj[e.key.name]!, at: path + "." + e.key.name) { return m }
            }
            return nil
        case .array(let a):
            guard let arr = json as? [Any] else { return "\(path): expected \(json), found an array" }
            guard arr.count == a.count else { return "\(path): \(a.count) elements, expected \(arr.count)" }
            for (k, (x, y)) in zip(a, arr).enumerated() {
                if let m = mismatch(x, y, at: "\(path)[\(k)]") { return m }
            }
            return nil
        default:
            guard let obj = json as? [String: Any], isTagged(obj), let type = obj["type"] as? String,
                  let text = obj["value"] as? String else { return "\(path): expected \(json), found \(v.kind)" }
            let (myType, myText) = tagged(v)
            guard myType == type else { return "\(path): type \(myType), expected \(type)" }
            switch type {
            case "float":
                let a = parseFloat(myText), b = parseFloat(text)
                return (a == b || (a.isNaN && b.isNaN)) ? nil : "\(path): \(myText) != \(text)"
            case "integer":
                return Int64(myText) == Int64(text) ? nil : "\(path): \(myText) != \(text)"
            case "datetime", "datetime-local", "date-local", "time-local":
                return normalizeDateTime(myText) == normalizeDateTime(text) ? nil : "\(path): \(myText) != \(text)"
            default:
                return myText == text ? nil : "\(path): \(myText.debugDescription) != \(text.debugDescription)"
            }
        }
    }

    static func isTagged(_ obj: [String: Any]) -> Bool {
        obj.count == 2 && obj["type"] is String && obj["value"] is String
    }

    /// toml-test's type tag and text of a scalar.
    static func tagged(_ v: TOMLValue) -> (String, String) {
        switch v.kind {
        case .string(let s): ("string", s)
        case .integer(let n): ("integer", String(n))
        case .float(let d): ("float", d.isNaN ? "nan" : d.isInfinite ? (d < 0 ? "-inf" : "inf") : String(d))
        case .bool(let b): ("bool", String(b))
        case .offsetDateTime(let d): ("datetime", d.normalized)
        case .localDateTime(let d): ("datetime-local", d.normalized)
        case .localDate(let d): ("date-local", d.normalized)
        case .localTime(let d): ("time-local", d.normalized)
        case .array, .table: ("", "")
        }
    }

    static func parseFloat(_ s: String) -> Double {
        switch s {
        case "inf", "+inf": .infinity
        case "-inf": -.infinity
        case "nan", "+nan", "-nan": .nan
        default: Double(s) ?? .nan
        }
    }

    /// The form toml-test compares date-times in: `T`, upper-case `Z`, `±00:00` as `Z`, no
    /// trailing zeros in the fraction.
    static func normalizeDateTime(_ s: String) -> String {
        var t = s.uppercased()
        if t.count > 10, t.dropFirst(10).first == " " {
            t = String(t.prefix(10)) + "T" + String(t.dropFirst(11))
        }
        if t.hasSuffix("+00:00") || t.hasSuffix("-00:00") { t = String(t.dropLast(6)) + "Z" }
        if let dot = t.firstIndex(of: ".") {
            var end = t.index(after: dot)
            while end < t.endIndex, t[end].isNumber { end = t.index(after: end) }
            var frac = String(t[t.index(after: dot)..<end])
            while frac.hasSuffix("0") { frac.removeLast() }
            t = String(t[..<dot]) + (frac.isEmpty ? "" : "." + frac) + String(t[end...])
        }
        return t
    }
}
