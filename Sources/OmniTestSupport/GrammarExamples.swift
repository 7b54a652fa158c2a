import Foundation

/// One `(*> example NAME [ARGS…]` … `<*)` block of a grammar file in `Grammar/`.
public struct GrammarExample: Sendable {
    /// The first word after `example`.
    public var name: String
    /// The words after the name (e.g. a file path for template examples).
    public var arguments: [String]
    /// The example's text, between the header line and `<*)`.
    public var text: String
}

/// The text of `Grammar/<fileName>`, found by walking up from the calling test file.
public func grammarText(_ fileName: String, filePath: StaticString = #filePath) -> String {
    var url = URL(fileURLWithPath: "\(filePath)")
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("Grammar/" + fileName)
        if let data = FileManager.default.contents(atPath: candidate.path) { return String(decoding: data, as: UTF8.self) }
    }
    return ""
}

/// Every example block of `Grammar/<fileName>`, in file order. Grammar tests parse each one.
public func grammarExamples(_ fileName: String, filePath: StaticString = #filePath) -> [GrammarExample] {
    var result: [GrammarExample] = []
    var rest = grammarText(fileName, filePath: filePath)[...]
    while let open = rest.range(of: "\n(*> example ") {
        let afterOpen = rest[open.upperBound...]
        guard let nameEnd = afterOpen.firstIndex(of: "\n"), let close = afterOpen.range(of: "\n<*)"),
              nameEnd < close.lowerBound else { break }
        let header = afterOpen[..<nameEnd].split(separator: " ").map(String.init)
        result.append(GrammarExample(name: header.first ?? "", arguments: Array(header.dropFirst()),
                                     text: String(afterOpen[afterOpen.index(after: nameEnd)..<close.lowerBound])))
        rest = afterOpen[close.upperBound...]
    }
    return result
}
