import OmniBase
import OmniSema
import OmniSwiftGen
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
        Explanation(code: "E0003", title: "Internal error: the generated server does not compile",
                    body: """
                    `omni build` generates a Swift package from your project and compiles it with `swift build`. \
                    When swiftc rejects that generated code, the fault is omni's, not yours: omni checks your \
                    project before generating anything. The error points at the line of your source the failing \
                    code was generated from, and its notes give swiftc's message and the generated file and line. \
                    Please report it with that output; rewriting the construct at that line may work around it.
                    """,
                    example: "(no input should raise this)", checkable: false),
        Explanation(code: "E0004", title: "`swift build` of the generated server failed",
                    body: """
                    The generated server package could not be built for a reason outside the generated code: \
                    `swift` is not on PATH, the runtime package (Runtime/) cannot be found or built, or a \
                    dependency could not be resolved. The notes show the end of `swift build`'s output. Check \
                    `swift --version`, and set OMNI_RUNTIME_PATH if the runtime lives elsewhere.
                    """,
                    example: "$ PATH=/nowhere omni build --target server", checkable: false),
        Explanation(code: "E0800", title: "A construct the WASM back end does not compile yet",
                    body: """
                    `omni build --target wasm` compiles each component's reactive logic to WebAssembly. A \
                    few constructs are not supported there yet (object values, `number?` and `bool?` \
                    values, signals passed around as values, child components, rest parameters and spread \
                    arguments, `JSON.stringify`, `split`, `padStart`/`padEnd`, assignment to fields). The \
                    component still checks and renders on the server; rewrite the construct, or build with \
                    `--target server` for now.
                    """,
                    example: """
                    <component name="Example">
                      <script>
                        const parts = "a,b".split(",")
                      </script>
                      <template><p>{parts.length}</p></template>
                    </component>
                    """),
        Explanation(code: "E0801", title: "Internal error: a WebAssembly module did not validate",
                    body: """
                    The WASM back end produced a module that Binaryen's validator rejects. This is a bug \
                    in omni, reported instead of writing a broken module; the message names the \
                    component. Please report it with the component's source.
                    """,
                    example: "(no input should raise this)", checkable: false),
        Explanation(code: "E0802", title: "A WebAssembly module is larger than `--max-wasm-kb`",
                    body: """
                    `omni build --target wasm --max-wasm-kb N` fails when a module is more than N KB \
                    gzipped, so that size regressions are caught in CI. Split the component, move \
                    logic to the server, or raise the limit.
                    """,
                    example: "$ omni build --target wasm --max-wasm-kb 0", checkable: false),
    ]

    /// All entries, sorted by code.
    public static let all: [Explanation] =
        (driver + MarkupExplanations.all + ScriptExplanations.all + SemaExplanations.all + SemaExplanations.server
            + SemaExplanations.serverTemplates + TOMLExplanations.all + RoutesExplanations.all + TemplateExplanations.all
            + SSRExplanations.all)
            .sorted { $0.code < $1.code }

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
