import Foundation
import OmniBase
import OmniTestSupport

/// Where the renderer goldens live.
let renderFixtures = fixturesDirectory() + "/diagnostics/render"

/// A source map built in memory, with spans found by searching the text.
struct Sources {
    var map = SourceMap()

    @discardableResult
    mutating func add(_ path: String, _ text: String) -> SourceFile { map.add(path: path, text: text) }

    @discardableResult
    mutating func add(_ path: String, bytes: [UInt8]) -> SourceFile { map.add(path: path, bytes: bytes) }
}

extension SourceFile {
    /// The span of the `occurrence`-th (1-based) appearance of `needle`; traps in tests only.
    func span(_ needle: String, occurrence: Int = 1) -> Span {
        let n = Array(needle.utf8)
        var seen = 0
        var i = 0
        while i + n.count <= bytes.count {
            if Array(bytes[i..<(i + n.count)]) == n {
                seen += 1
                if seen == occurrence { return Span(file: id, i..<(i + n.count)) }
            }
            i += 1
        }
        fatalError("\(needle) (occurrence \(occurrence)) not found in \(path)")
    }

    /// An empty span just after the `occurrence`-th `needle`.
    func after(_ needle: String, occurrence: Int = 1) -> Span { span(needle, occurrence: occurrence).endPoint }

    /// The span from the start of `from` to the end of `to` (both first occurrences).
    func span(from: String, to: String) -> Span { span(from).merged(with: span(to)) }
}

/// Replaces ESC with a visible `\e`, so coloured output can be stored and read as text.
func visibleEscapes(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}", with: "\\e")
}
