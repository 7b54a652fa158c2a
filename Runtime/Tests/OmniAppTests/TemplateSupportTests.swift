import Foundation
import Testing
@testable import OmniApp

@Suite struct TemplateSupportTests {
    @Test func falsyValuesAreTheDocumentedOnes() {
        #expect(!TemplateSupport.truthy(""))
        #expect(!TemplateSupport.truthy(Int64(0)))
        #expect(!TemplateSupport.truthy(0.0))
        #expect(!TemplateSupport.truthy(Double.nan))
        #expect(!TemplateSupport.truthy(false))
        #expect(!TemplateSupport.truthy([Int]()))
        #expect(!TemplateSupport.truthy(String?.none))
        #expect(!TemplateSupport.truthy(String?.some("")))
        #expect(!TemplateSupport.truthy([String]?.none))
        #expect(TemplateSupport.truthy("0"))
        #expect(TemplateSupport.truthy(Int64(-1)))
        #expect(TemplateSupport.truthy(0.5))
        #expect(TemplateSupport.truthy([1]))
        #expect(TemplateSupport.truthy(Int64?.some(3)))
        #expect(TemplateSupport.truthy(Date(timeIntervalSince1970: 0)))
        #expect(TemplateSupport.truthy(UUID()))
    }

    @Test func comparisonsOnConcreteTypes() {
        #expect(TemplateSupport.eq(Int64(1), 1))
        #expect(!TemplateSupport.eq("a", "b"))
        #expect(TemplateSupport.eq(String?.none, nil))
        #expect(!TemplateSupport.eq(String?.some("x"), nil))
        #expect(TemplateSupport.ne(Int64?.some(1), 2))
        #expect(TemplateSupport.lt(Int64(1), 2))
        #expect(!TemplateSupport.lt(Int64?.none, 2))
        #expect(!TemplateSupport.gt(Int64?.none, 2))
        #expect(TemplateSupport.lte(2.0, 2.0))
        #expect(TemplateSupport.gte("b", "a"))
        #expect(TemplateSupport.lt(Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1)))
    }

    @Test func defaultTakesTheFallbackForNullAndEmpty() {
        #expect(TemplateSupport.withDefault(String?.none, "x") == "x")
        #expect(TemplateSupport.withDefault(String?.some(""), "x") == "x")
        #expect(TemplateSupport.withDefault(String?.some("a"), "x") == "a")
        #expect(TemplateSupport.withDefault(Int64?.some(0), 5) == 0)
        #expect(TemplateSupport.withDefault([Int]?.some([]), [1]) == [1])
        #expect(TemplateSupport.withDefault(String?.none, String?.none) == nil)
        enum Role { case admin, reader }
        #expect(TemplateSupport.withDefault(Role?.none, .reader) == .reader)
    }

    @Test func lengthAndCase() {
        #expect(TemplateSupport.length("héllo") == 5)
        #expect(TemplateSupport.length("👍🏽") == 1)
        #expect(TemplateSupport.length([1, 2, 3]) == 3)
        #expect(TemplateSupport.length([Int]?.none) == 0)
        #expect(TemplateSupport.length(String?.none) == 0)
        #expect(TemplateSupport.upper("straße") == "STRASSE")
        #expect(TemplateSupport.lower("ÀB") == "àb")
    }

    @Test func truncateKeepsAtMostNCharactersWithAnEllipsis() {
        #expect(TemplateSupport.truncate("hello", 5) == "hello")
        #expect(TemplateSupport.truncate("hello world", 7) == "hello…")
        #expect(TemplateSupport.truncate("hello world", 8) == "hello w…")
        #expect(TemplateSupport.truncate("héllo wörld", 3) == "hé…")
        #expect(TemplateSupport.truncate("abc", 1) == "…")
        #expect(TemplateSupport.truncate("abc", 0) == "")
        #expect(TemplateSupport.truncate("abc", -2) == "")
    }

    @Test func formatDateInUTC() {
        let d = Date(timeIntervalSince1970: 1_709_283_900)  // 2024-03-01 09:05:00 UTC
        #expect(TemplateSupport.formatDate(d, "yyyy-MM-dd") == "2024-03-01")
        #expect(TemplateSupport.formatDate(d, "dd/MM/yyyy HH:mm:ss") == "01/03/2024 09:05:00")
        #expect(TemplateSupport.formatDate(d, "at HH h") == "at 09 h")
        #expect(TemplateSupport.iso8601(d) == "2024-03-01T09:05:00Z")
        #expect(TemplateSupport.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(TemplateSupport.iso8601(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(TemplateSupport.iso8601(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(TemplateSupport.iso8601(Date(timeIntervalSince1970: 4_107_542_399.9)) == "2100-02-28T23:59:59Z")
    }

    @Test func formatDateAgreesWithFoundationOverManyDays() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for step in stride(from: -800_000, through: 800_000, by: 7_919) {
            let d = Date(timeIntervalSince1970: Double(step) * 3_613.7)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
            let expected = String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            #expect(TemplateSupport.formatDate(d, "yyyy-MM-dd HH:mm:ss") == expected)
        }
    }

    @Test func formatNumberGroupsThousands() {
        #expect(TemplateSupport.formatNumber(Int64(0)) == "0")
        #expect(TemplateSupport.formatNumber(Int64(999)) == "999")
        #expect(TemplateSupport.formatNumber(Int64(1000)) == "1,000")
        #expect(TemplateSupport.formatNumber(Int64(-1234567)) == "-1,234,567")
        #expect(TemplateSupport.formatNumber(Int64.min) == "-9,223,372,036,854,775,808")
        #expect(TemplateSupport.formatNumber(Int64(12), decimals: 2) == "12.00")
        #expect(TemplateSupport.formatNumber(1234.5) == "1,234.5")
        #expect(TemplateSupport.formatNumber(1234567.891, decimals: 2) == "1,234,567.89")
        #expect(TemplateSupport.formatNumber(-0.004, decimals: 2) == "0.00")
        #expect(TemplateSupport.formatNumber(-1.5, decimals: 0) == "-2")
        #expect(TemplateSupport.formatNumber(0.1) == "0.1")
        #expect(TemplateSupport.formatNumber(1e21) == "1e+21")
        #expect(TemplateSupport.formatNumber(Double.nan) == "NaN")
        #expect(TemplateSupport.formatNumber(-Double.infinity) == "-Infinity")
    }

    @Test func pageResponsesSetVaryAndRenderErrorsAsHTML() {
        var out = HTMLWriter()
        out.raw("<p>hi</p>")
        let ok = PageResponse.html(&out)
        #expect(ok.status == .ok)
        #expect(ok.headers.first(name: "Vary") == "HX-Request")
        #expect(String(buffer: ok.body) == "<p>hi</p>")

        let missing = PageResponse.error(HTTPError.notFound("No such user"))
        #expect(missing.status == .notFound)
        #expect(String(buffer: missing.body).contains("No such user"))

        struct Custom: HTTPErrorConvertible { var httpError: HTTPError { .conflict("Taken <b>") } }
        let conflict = PageResponse.error(Custom())
        #expect(conflict.status == .conflict)
        #expect(String(buffer: conflict.body).contains("Taken &lt;b&gt;"))

        struct Secret: Error {}
        let failure = PageResponse.error(Secret())
        #expect(failure.status == .internalServerError)
        #expect(!String(buffer: failure.body).contains("Secret"))
    }

    @Test func environmentOfAPage() {
        let env = RenderEnvironment()
        #expect(env.csrfToken == "" && env.requestPath == "/")
    }
}
