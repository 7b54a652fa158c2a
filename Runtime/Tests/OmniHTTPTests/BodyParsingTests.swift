import NIOCore
import NIOHTTP1
import Testing
@testable import OmniHTTP

@Suite("Body parsing, encoding helpers")
struct BodyParsingTests {
    struct NewUser: Codable, Equatable {
        var name: String
        var age: Int?
    }

    func client() throws -> TestClient {
        var router = Router()
        router.post("/json", .sync { req in
            let user = try req.decode(NewUser.self, limit: 200)
            return .text("\(user.name) \(user.age ?? -1)")
        })
        router.post("/form", .sync { req in
            let form = try req.form()
            return .text("\(form["name"] ?? "-")|\(form.all("tag").joined(separator: ","))")
        })
        router.post("/upload", .sync { req in
            let form = try req.multipart()
            let file = try #require(form.file("avatar"))
            return .text("\(form.field("title") ?? "-")|\(file.filename ?? "-")|\(file.contentType ?? "-")|\(file.text)")
        })
        return try TestClient(router: router)
    }

    @Test func json() async throws {
        var c = try client()
        #expect(try await c.send(.POST, "/json", json: NewUser(name: "Ada", age: 36)).text == "Ada 36")
        let wrongType = await c.post("/json", body: "{}", contentType: "text/plain")
        #expect(wrongType.status == .unsupportedMediaType)
        let invalid = await c.post("/json", body: "{nope", contentType: "application/json")
        #expect(invalid.status == .badRequest)
        #expect(invalid.errorCode == "invalid_json")
        let shape = await c.post("/json", body: #"{"age": 3}"#, contentType: "application/json; charset=utf-8")
        #expect(shape.status == .badRequest)
        #expect(shape.text.contains("missing key name"))
        let big = await c.post("/json", body: #"{"name": "\#(String(repeating: "x", count: 300))"}"#, contentType: "application/json")
        #expect(big.status == .payloadTooLarge)
    }

    @Test func urlencoded() async throws {
        var c = try client()
        let r = await c.post("/form", form: [("name", "Ada Lovelace & co"), ("tag", "a"), ("tag", "b=c")])
        #expect(r.text == "Ada Lovelace & co|a,b=c")
        #expect(await c.post("/form", body: "name=x", contentType: "application/json").status == .unsupportedMediaType)
    }

    @Test func multipart() async throws {
        var c = try client()
        let body = [
            "preamble", "--b0undary", "Content-Disposition: form-data; name=\"title\"", "", "Hello", "--b0undary",
            "Content-Disposition: form-data; name=\"avatar\"; filename=\"me.txt\"", "Content-Type: text/plain", "",
            "line1\r\nline2", "--b0undary--", "",
        ].joined(separator: "\r\n")
        let r = await c.post("/upload", body: body, contentType: "multipart/form-data; boundary=\"b0undary\"")
        #expect(r.text == "Hello|me.txt|text/plain|line1\r\nline2")
    }

    @Test(arguments: [
        "no boundary at all",
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
        "--B\r\nNo-Colon-Header\r\n\r\nx\r\n--B--",
        "--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"a\"",
        "--Bjunk",
    ])
    func malformedMultipartIs400(body: String) async throws {
        var c = try client()
        let r = await c.post("/upload", body: body, contentType: "multipart/form-data; boundary=B")
        #expect(r.status == .badRequest)
        #expect(r.errorCode == "invalid_multipart")
    }

    @Test func multipartLimits() throws {
        let parts = (0..<5).map { "--B\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\nv\r\n" }.joined() + "--B--\r\n"
        var limits = MultipartLimits()
        limits.maxParts = 3
        #expect(throws: HTTPError.self) { try MultipartParser.parse(ByteBuffer(string: parts), boundary: "B", limits: limits) }
        #expect(try MultipartParser.parse(ByteBuffer(string: parts), boundary: "B", limits: MultipartLimits()).parts.count == 5)
    }

    @Test func base64AndDates() {
        #expect(Base64.encode(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
        #expect(Base64.encode([0xfb, 0xff], urlSafe: true) == "-_8")
        #expect(Base64.decode("YW55IGNhcm5hbCBwbGVhcw==").map { String(decoding: $0, as: UTF8.self) } == "any carnal pleas")
        #expect(Base64.decode("-_8") == [0xfb, 0xff])
        #expect(Base64.decode("a$b") == nil)
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(FormData(parsing: "a=%zz&b").items.map(\.value) == ["%zz", ""])
        #expect(formEncode("a b&é") == "a+b%26%C3%A9")
        #expect(JSONValue.string("q\"\n\u{1}").jsonString == #""q\"\n\u0001""#)
    }
}
