import Foundation
import Testing
@testable import OmniApp

@Suite struct JSONSupportTests {
    @Test func writerKeepsOrderAndEscapes() {
        var w = OmniJSONWriter()
        w.beginObject()
        w.field("z", Int64(1))
        w.field("a", "q\"\n\u{1}")
        w.field("list", [true, false])
        w.field("none", String?.none)
        w.field("nan", Double.nan)
        w.key("nested")
        w.json(["b": 1, "a": [nil, "x"]])
        w.endObject()
        #expect(w.string == #"{"z":1,"a":"q\"\n\u0001","list":[true,false],"none":null,"nan":null,"nested":{"a":[null,"x"],"b":1}}"#)
    }

    @Test func datesRoundTripInOneFixedFormat() throws {
        let d = try #require(OmniTime.parse("2026-01-31T12:34:56.789+02:00"))
        #expect(OmniTime.format(d) == "2026-01-31T10:34:56.789Z")
        #expect(OmniTime.parse("2026-01-31") == Date(timeIntervalSince1970: 1_769_817_600))
        #expect(OmniTime.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        #expect(OmniTime.parse("2026-02-30T00:00Z") == nil)
        #expect(OmniTime.parse("2026-01-31T12:00") == nil)
        #expect(OmniTime.parse("yesterday") == nil)
        #expect(Date(sqlValue: d.sqlValue) == d)
        let now = OmniTime.now()
        #expect(Date(sqlValue: now.sqlValue) == now)
    }

    @Test func calendarDates() throws {
        let day = try #require(OmniDate(text: "2024-02-29"))
        #expect(day.description == "2024-02-29")
        #expect(OmniDate(text: "2023-02-29") == nil)
        #expect(OmniDate(day.date) == day)
        #expect(OmniDate(sqlValue: day.sqlValue) == day)
    }

    @Test func valuesReadFromJSONAndText() {
        #expect(Int64(json: .int(3)) == 3)
        #expect(Int64(json: .double(3.5)) == nil)
        #expect(Int64(json: .string("3")) == nil)
        #expect(Int64(text: "3") == 3)
        #expect(Bool(text: "on") == true)
        #expect(Double(json: .int(2)) == 2)
        #expect(UUID(text: "not")  == nil)
        #expect(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")?.omniText == "e621e1f8-c36c-495a-93fc-0c247a3e6e5f")
        #expect(JSONValue(sqlValue: .text(#"{"a":[1,2.5,"x",true,null]}"#)) == .object(["a": [1, .double(2.5), "x", true, nil]]))
    }

    @Test func indirectBoxesKeepValueSemantics() {
        struct Holder: Hashable, Sendable { @OmniIndirect var inner: Int? }
        var a = Holder(inner: 1)
        let b = a
        a.inner = 2
        #expect(b.inner == 1)
        #expect(a != b)
    }
}
