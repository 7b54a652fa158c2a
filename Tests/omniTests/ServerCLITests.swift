import Foundation
import Testing

/// `omni routes`, and `omni build` refusing a project with a server-side mistake before
/// generating anything, the mistake reported at its own line and column.
@Suite struct ServerCLITests {
    let fixtures = repoFixtures()

    @Test func routesPrintsTheTable() throws {
        let r = try OmniProcess.run(["routes", fixtures + "/projects/blog"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("GET     /users/:id         page templates/users/show.html      browser    app.omni:35:5"))
        #expect(r.stdout.contains("PATCH   /api/v1/posts/:id  Post.update"))
    }

    @Test func aTemplateMistakeStopsTheBuildAtItsLine() throws {
        let dir = NSTemporaryDirectory() + "omni-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: fixtures + "/projects/blog", toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/.omni")
        let show = dir + "/templates/users/show.html"
        let text = try String(contentsOfFile: show, encoding: .utf8).replacingOccurrences(of: "{{user.name}}", with: "{{user.nmae}}")
        try text.write(toFile: show, atomically: true, encoding: .utf8)
        let r = try OmniProcess.run(["build", dir, "--target", "server"], environment: ["NO_COLOR": "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("templates/users/show.html:2:"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean `name`?"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/.omni/build/server"), "nothing is generated from a project with errors")
    }

    @Test func aSchemaMistakeIsReportedInTheOmniFile() throws {
        let dir = NSTemporaryDirectory() + "omni-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: fixtures + "/projects/blog", toPath: dir)
        let app = dir + "/app.omni"
        let text = try String(contentsOfFile: app, encoding: .utf8).replacingOccurrences(of: "author:    User", with: "author:    Usr")
        try text.write(toFile: app, atomically: true, encoding: .utf8)
        let r = try OmniProcess.run(["routes", dir], environment: ["NO_COLOR": "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("app.omni:"), "\(r.stderr)")
        #expect(r.stderr.contains("`User`"), "did-you-mean names the entity: \(r.stderr)")
    }
}
