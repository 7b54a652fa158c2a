import Foundation

/// Headless Chromium for the browser tests: loads a page whose script writes what it saw
/// into `<pre id="result">`, and returns that text from the DOM `--dump-dom` prints.
public enum Chromium {
    /// `chromium` or `chromium-browser` on PATH.
    public static var executable: String? { Tool.which("chromium") ?? Tool.which("chromium-browser") }

    /// The text of the page's `<pre id="result">` once its script has run (virtual time
    /// `budgetMilliseconds`), and the last run's output. A run that prints no result (a
    /// browser starved of CPU on a loaded machine) is tried once more, so a page that really
    /// writes nothing fails twice.
    public static func result(of url: String, budgetMilliseconds: Int = 10_000) async throws -> (text: String, run: Tool.Output) {
        guard let chromium = executable else { throw Missing() }
        var last: Tool.Output?
        for _ in 0..<2 {
            let profile = NSTemporaryDirectory() + "omni-chromium-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: profile) }
            let run = try await Tool.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu",
                                                    "--virtual-time-budget=\(budgetMilliseconds)", "--user-data-dir=\(profile)",
                                                    "--dump-dom", url], timeout: 120)
            last = run
            if let text = run.out.components(separatedBy: "<pre id=\"result\">").dropFirst().first?.components(separatedBy: "</pre>").first,
               !text.isEmpty {
                return (text, run)
            }
        }
        return ("", last!)
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "chromium is not installed: run scripts/bootstrap.sh" }
    }
}
