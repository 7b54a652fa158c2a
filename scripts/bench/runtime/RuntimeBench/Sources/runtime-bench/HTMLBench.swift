// HTML: rendering a realistic page (a layout and a 500-row user table with attributes,
// URLs, numbers and some text that needs escaping) with HTMLWriter, against naive String
// building with a per-character escape function.

import OmniHTML

struct BenchUser {
    let id: Int
    let name: String
    let email: String
    let bio: String
    let homepage: String
    let score: Double
}

func makeBenchUser(_ i: Int) -> BenchUser {
    let plainName = "User number \(i)"
    let trickyName = "Zoë <\(i)> & \"friends\""
    let plainBio = "A perfectly ordinary biography of a perfectly ordinary person, number \(i), who writes Swift."
    let trickyBio = "Likes <b>bold</b> claims & 'quotes' — übermäßig 日本語 \(i)"
    let homepage = i % 11 == 0 ? "javascript:alert(\(i))" : "https://example.com/users/\(i)?tab=posts&sort=new"
    return BenchUser(
        id: i, name: i % 7 == 0 ? trickyName : plainName, email: "user\(i)@example.com",
        bio: i % 5 == 0 ? trickyBio : plainBio, homepage: homepage, score: Double(i) * 1.25)
}

let benchUsers: [BenchUser] = (0..<500).map(makeBenchUser)

@inline(never)
func renderWithWriter(_ w: inout HTMLWriter) {
    w.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Users</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body><main class=\"container\"><h1>Users</h1><table class=\"users\"><thead><tr><th>Name</th><th>Email</th><th>Bio</th><th>Score</th></tr></thead><tbody>\n")
    for user in benchUsers {
        w.raw("<tr")
        w.attribute("id", user.id)
        w.attribute("data-name", user.name)
        w.raw("><td><a")
        w.url("href", user.homepage)
        w.raw(">")
        w.text(user.name)
        w.raw("</a></td><td><a href=\"mailto:")
        w.urlComponent(user.email)
        w.raw("\">")
        w.text(user.email)
        w.raw("</a></td><td>")
        w.text(user.bio)
        w.raw("</td><td>")
        w.number(user.score)
        w.raw("</td></tr>\n")
    }
    w.raw("</tbody></table></main></body></html>\n")
}

func naiveEscape(_ s: String) -> String {
    var out = ""
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}

@inline(never)
func renderNaively() -> String {
    var html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Users</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body><main class=\"container\"><h1>Users</h1><table class=\"users\"><thead><tr><th>Name</th><th>Email</th><th>Bio</th><th>Score</th></tr></thead><tbody>\n"
    for user in benchUsers {
        let href = user.homepage.lowercased().hasPrefix("javascript:") ? "#" : naiveEscape(user.homepage)
        html += "<tr id=\"\(user.id)\" data-name=\"\(naiveEscape(user.name))\"><td><a href=\"\(href)\">\(naiveEscape(user.name))</a></td>"
        html += "<td><a href=\"mailto:\(naiveEscape(user.email))\">\(naiveEscape(user.email))</a></td><td>\(naiveEscape(user.bio))</td><td>\(user.score)</td></tr>\n"
    }
    html += "</tbody></table></main></body></html>\n"
    return html
}

func runHTMLBenchmarks(quick: Bool) {
    print("== HTML: rendering a 500-row user page ==")
    var writer = HTMLWriter(capacity: 256 * 1024)
    renderWithWriter(&writer)
    let pageBytes = writer.count
    let rounds = quick ? 50 : 300
    var writerSamples: [Double] = [], naiveSamples: [Double] = []
    for _ in 0..<rounds {
        writerSamples.append(medianNanoseconds(repetitions: 1) {
            writer.reset()
            renderWithWriter(&writer)
        })
        consume(writer.count)
        naiveSamples.append(medianNanoseconds(repetitions: 1) { consume(renderNaively().utf8.count) })
    }
    let writerNs = writerSamples.sorted()[rounds / 2]
    let naiveNs = naiveSamples.sorted()[rounds / 2]
    let mbps = { (ns: Double) in Double(pageBytes) / (ns / 1e9) / 1e6 }
    print("page: \(pageBytes) bytes")
    print("HTMLWriter:             \(format(writerNs / 1e3, decimals: 1)) µs/page  \(format(mbps(writerNs), decimals: 0)) MB/s")
    print("naive String + escape:  \(format(naiveNs / 1e3, decimals: 1)) µs/page  \(format(mbps(naiveNs), decimals: 0)) MB/s")
    print("speed-up: \(format(naiveNs / writerNs))x")

    // Raw escaping throughput on long text with and without characters to escape.
    let clean = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 2_000)
    let dirty = String(repeating: "if (a < b && c > d) { say(\"it's\") } ", count: 2_000)
    for (label, text) in [("text() no escapes needed", clean), ("text() many escapes", dirty)] {
        var w = HTMLWriter(capacity: text.utf8.count * 2)
        let ns = medianNanoseconds(repetitions: quick ? 20 : 200) {
            w.reset()
            w.text(text)
        }
        print("\(pad(label, 26)) \(format(Double(text.utf8.count) / (ns / 1e9) / 1e6, decimals: 0)) MB/s of input")
    }
    print("")
}
