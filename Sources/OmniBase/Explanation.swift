/// The long form of a diagnostic code, printed by `omni explain CODE`.
///
/// Every code that any stage can raise has one. `example` is a complete source file that,
/// compiled on its own, raises `code` — a test checks this for every entry.
public struct Explanation: Sendable {
    public var code: DiagnosticCode
    public var title: String
    public var body: String
    /// File name for the example (decides which front end reads it), e.g. `Example.omni`.
    public var exampleFile: String
    public var example: String
    public var fixed: String?
    /// The bytes a test compiles; `example` as UTF-8 unless an entry needs bytes a String
    /// cannot hold (such as invalid UTF-8).
    public var exampleBytes: [UInt8]
    /// False only for codes no source file can raise (I/O failures, internal errors); the
    /// example then illustrates the situation and is not compiled by the tests.
    public var checkable: Bool

    public init(code: DiagnosticCode, title: String, body: String, exampleFile: String = "Example.omni", example: String,
                fixed: String? = nil, exampleBytes: [UInt8]? = nil, checkable: Bool = true) {
        self.code = code
        self.title = title
        self.body = body
        self.exampleFile = exampleFile
        self.example = example
        self.fixed = fixed
        self.exampleBytes = exampleBytes ?? Array(example.utf8)
        self.checkable = checkable
    }
}
