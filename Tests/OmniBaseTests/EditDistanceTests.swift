import Testing
@testable import OmniBase

@Suite struct EditDistanceTests {
    @Test(arguments: [
        ("", "", 0), ("a", "", 1), ("", "abc", 3), ("kitten", "sitting", 3),
        ("cuont", "count", 1), ("lable", "label", 1), ("ab", "ba", 1), ("abc", "ca", 3), ("名前", "名前", 0),
    ])
    func distances(_ a: String, _ b: String, _ expected: Int) {
        #expect(EditDistance.distance(a, b) == expected)
        #expect(EditDistance.distance(b, a) == expected)
    }

    @Test func bestMatchPicksTheClosestWithinTheThreshold() {
        #expect(EditDistance.bestMatch(for: "cuont", in: ["count", "amount", "x"]) == "count")
        #expect(EditDistance.bestMatch(for: "strng", in: ["string", "number", "bool"]) == "string")
        #expect(EditDistance.bestMatch(for: "zzz", in: ["string", "number"]) == nil)
        #expect(EditDistance.bestMatch(for: "Label", in: ["label"]) == "label")
        #expect(EditDistance.bestMatch(for: "x", in: ["x"]) == nil)
    }
}
