import OmniBase
import OmniSema
import OmniSyntax

/// Every `omni explain` entry, gathered from the stages that raise the codes.
public enum ExplanationCatalog {
    /// Codes the driver itself raises.
    static let driver: [Explanation] = [
        Explanation(code: "E0001", title: "A source file cannot be read",
                    body: "omni found the file while walking the project but could not read it: check its permissions.",
                    example: "$ chmod 000 components/Counter.omni && omni check", checkable: false),
        Explanation(code: "E0002", title: "Internal compiler error",
                    body: """
                    omni failed in a way that is a bug in omni, not in your project: a stage crashed or \
                    produced something a later stage could not use. The message names the stage. Please \
                    report it with the input that caused it.
                    """,
                    example: "(no input should raise this)", checkable: false),
    ]

    /// All entries, sorted by code.
    public static let all: [Explanation] =
        (driver + MarkupExplanations.all + ScriptExplanations.all + SemaExplanations.all + TOMLExplanations.all + RoutesExplanations.all + TemplateExplanations.all).sorted { $0.code < $1.code }

    public static func entry(for code: String) -> Explanation? {
        all.first { $0.code.rawValue == code }
    }

    /// The text `omni explain` prints.
    public static func render(_ e: Explanation) -> String {
        var out = "\(e.code): \(e.title)\n\n\(e.body)\n\nExample (\(e.exampleFile)):\n\n"
        out += indent(e.example)
        if let fixed = e.fixed {
            out += "\nFixed:\n\n" + indent(fixed)
        }
        return out
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }
            .joined(separator: "\n") + (text.hasSuffix("\n") ? "" : "\n")
    }
}
