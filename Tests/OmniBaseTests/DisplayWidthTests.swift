@testable import OmniBase
import Testing

@Suite struct DisplayWidthTests {
    func layout(_ text: String, tabWidth: Int = 4) -> LineLayout {
        let bytes = Array(text.utf8)
        return LineLayout(bytes: bytes, range: 0..<bytes.count, tabWidth: tabWidth)
    }

    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("名", 2), ("ｆ", 2), ("한", 2), ("\u{1100}\u{1161}", 2),
        ("👍", 2), ("👍🏽", 2), ("🇫🇷", 2), ("❤", 1), ("❤️", 2), ("☺︎", 1), ("1\u{FE0F}\u{20E3}", 2),
        ("👨‍👩‍👧", 2), ("\u{200B}", 0), ("\u{FEFF}", 0), ("\u{301}", 1), ("\u{1B}", 1), ("\u{7F}", 1),
        ("\u{9B}", 1), ("\u{202E}", 8), ("\u{2028}", 8), ("§", 1), ("\u{FFFD}", 1),
    ] as [(String, Int)])
    func clusterWidth(_ text: String, _ width: Int) {
        #expect(layout(text).width == width)
    }

    @Test func tabsAdvanceToTabStops() {
        #expect(layout("\t").width == 4)
        #expect(layout("ab\t").width == 4)
        #expect(layout("abcd\t").width == 8)
        #expect(layout("名\tx", tabWidth: 8).cells.map(\.column) == [0, 2, 8])
        #expect(layout("\t\t", tabWidth: 2).text == "    ")
    }

    @Test func controlCharactersAreNeverPrinted() {
        let text = layout("a\u{1B}[1m\u{7}\u{0}\u{7F}\u{85}\u{202E}\u{2066}b").text
        #expect(text == "a\u{241B}[1m\u{2407}\u{2400}\u{2421}\u{FFFD}\\u{202E}\\u{2066}b")
    }

    @Test func invalidUTF8BecomesOneReplacementPerSegment() {
        // valid é, overlong, surrogate, truncated 3-byte, stray continuation, 5-byte lead, valid 😀
        let bytes: [UInt8] = [0xC3, 0xA9, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xE4, 0xB8, 0x41, 0x80, 0x80, 0xF8, 0x88, 0xF0, 0x9F, 0x98, 0x80]
        let decoded = DecodedScalar.decode(bytes, 0..<bytes.count)
        #expect(decoded.map(\.scalar) == ["é", "\u{FFFD}", "\u{FFFD}", "\u{FFFD}", "A", "\u{FFFD}", "\u{FFFD}", "😀"])
        #expect(decoded.map(\.bytes) == [0..<2, 2..<4, 4..<7, 7..<9, 9..<10, 10..<12, 12..<14, 14..<18])
        // The segmentation agrees with LineIndex's column count, except that LineIndex does
        // not count continuation bytes without a lead byte (shown as one U+FFFD per run).
        let file = SourceFile(id: FileID(0), path: "x", bytes: bytes)
        #expect(file.location(of: bytes.count).column == decoded.count + 1 - 1)
    }

    @Test func byteOffsetsMapToDisplayColumns() {
        let line = layout("a名\tb")  // a:0, 名:1-2, tab:3, b:4
        #expect(line.column(at: 0) == 0)
        #expect(line.column(at: 1) == 1)
        #expect(line.column(at: 2) == 1)  // inside 名
        #expect(line.column(at: 4) == 3)
        #expect(line.column(at: 5) == 4)
        #expect(line.column(at: 6) == 5)  // past the end
        #expect(line.columns(covering: 1, 4) == 1..<3)
        #expect(line.columns(covering: 2, 3) == 1..<3)
        #expect(line.columns(covering: 6, 9) == nil)
        #expect(layout("  \tx").indentation == 4)
    }

    @Test func rangeOutsideTheBufferIsClamped() {
        let bytes = Array("abc".utf8)
        #expect(LineLayout(bytes: bytes, range: 1..<99, tabWidth: 4).text == "bc")
        #expect(DecodedScalar.decode(bytes, -5..<2).count == 2)
    }
}
