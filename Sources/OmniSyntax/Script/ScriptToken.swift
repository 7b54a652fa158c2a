import OmniBase

/// A reserved word of the script language.
///
/// Reserved words cannot name variables, functions or parameters, but may follow `.` and may be
/// object keys (`props.default`, `{ new: 1 }`). The list is JavaScript's strict-mode reserved
/// words plus `undefined`; constructs omni does not support (`class`, `switch`, `new`, …) stay
/// reserved so the parser can say so instead of reporting a confusing follow-on error.
/// Contextual words — `of`, `as`, `type`, `interface`, `async`, `get`, `set` — are identifiers.
public enum ScriptKeyword: String, Hashable, Sendable, CaseIterable {
    // Declarations and statements the language has.
    case const, `let`, `var`, function, `return`, `if`, `else`, `for`, `while`, `do`, `break`, `continue`
    // Literals.
    case `true`, `false`, null, undefined
    // Operators spelled as words.
    case typeof, void, delete, await, `in`, instanceof
    // Reserved, not supported by omni.
    case new, `class`, `switch`, `case`, `default`, `try`, `catch`, `finally`, `throw`, this, `super`
    case `import`, export, `enum`, extends, debugger, with, yield, implements, interface, package
    case `private`, protected, `public`, `static`

    /// Looks a word up; nil when it is not reserved.
    public init?(word: String) { self.init(rawValue: word) }

    /// The keywords by length, as bytes, for `match`.
    static let byLength: [[(bytes: [UInt8], keyword: ScriptKeyword)]] = {
        var table = [[(bytes: [UInt8], keyword: ScriptKeyword)]](repeating: [], count: 11)
        for k in allCases { table[k.rawValue.utf8.count].append((Array(k.rawValue.utf8), k)) }
        return table
    }()

    /// The keyword spelled by `bytes[start..<end]`, if any, without making a String.
    static func match(_ bytes: [UInt8], _ start: Int, _ end: Int) -> ScriptKeyword? {
        let length = end - start
        guard length >= 2, length <= 10, bytes[start] >= 0x61, bytes[start] <= 0x7A else { return nil }
        outer: for (spelling, keyword) in byLength[length] {
            for i in 0..<length where spelling[i] != bytes[start + i] { continue outer }
            return keyword
        }
        return nil
    }

    /// Keywords that begin a statement: recovery stops before them when they start a line.
    public var startsStatement: Bool {
        switch self {
        case .const, .let, .var, .function, .return, .if, .for, .while, .do, .break, .continue,
             .class, .switch, .try, .throw, .import, .export, .enum:
            true
        default:
            false
        }
    }
}

/// A punctuator or operator, longest match first (`>>>=` is one token).
///
/// The lexer always produces the longest form; the type parser splits `>>`, `>>>`, `>=`,
/// `>>=` and `>>>=` when it needs a lone `>` to close `Signal<Array<number>>`.
public enum ScriptPunctuator: String, Hashable, Sendable, CaseIterable {
    case lBrace = "{", rBrace = "}", lParen = "(", rParen = ")", lBracket = "[", rBracket = "]"
    case semicolon = ";", comma = ",", dot = ".", ellipsis = "...", questionDot = "?.", question = "?", colon = ":"
    case arrow = "=>"
    case less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">="
    case equalEqual = "==", notEqual = "!=", equalEqualEqual = "===", notEqualEqual = "!=="
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", starStar = "**"
    case plusPlus = "++", minusMinus = "--"
    case lessLess = "<<", greaterGreater = ">>", greaterGreaterGreater = ">>>"
    case amp = "&", pipe = "|", caret = "^", bang = "!", tilde = "~"
    case ampAmp = "&&", pipePipe = "||", questionQuestion = "??"
    case equal = "=", plusEqual = "+=", minusEqual = "-=", starEqual = "*=", slashEqual = "/=", percentEqual = "%="
    case starStarEqual = "**=", lessLessEqual = "<<=", greaterGreaterEqual = ">>=", greaterGreaterGreaterEqual = ">>>="
    case ampEqual = "&=", pipeEqual = "|=", caretEqual = "^=", ampAmpEqual = "&&=", pipePipeEqual = "||=", questionQuestionEqual = "??="

    /// The binary operator this token spells, if any (`as` and the assignments are not binary operators).
    public var binaryOperator: BinaryOperator? {
        switch self {
        case .questionQuestion: .nullish
        case .pipePipe: .or
        case .ampAmp: .and
        case .pipe: .bitOr
        case .caret: .bitXor
        case .amp: .bitAnd
        case .equalEqual: .equal
        case .notEqual: .notEqual
        case .equalEqualEqual: .strictEqual
        case .notEqualEqual: .strictNotEqual
        case .less: .less
        case .greater: .greater
        case .lessEqual: .lessEqual
        case .greaterEqual: .greaterEqual
        case .lessLess: .shiftLeft
        case .greaterGreater: .shiftRight
        case .greaterGreaterGreater: .unsignedShiftRight
        case .plus: .add
        case .minus: .subtract
        case .star: .multiply
        case .slash: .divide
        case .percent: .remainder
        case .starStar: .power
        default: nil
        }
    }

    /// The assignment operator this token spells, if any.
    public var assignmentOperator: AssignmentOperator? { AssignmentOperator(rawValue: rawValue) }

    /// Whether this token opens a bracket pair.
    public var isOpener: Bool { self == .lParen || self == .lBracket || self == .lBrace }
    /// Whether this token closes a bracket pair.
    public var isCloser: Bool { self == .rParen || self == .rBracket || self == .rBrace }
    /// The closer matching an opener (`(` → `)`).
    public var closer: ScriptPunctuator? {
        switch self {
        case .lParen: .rParen
        case .lBracket: .rBracket
        case .lBrace: .rBrace
        default: nil
        }
    }
}

/// What a token is. Literal payloads are already decoded (escapes resolved, separators removed).
public enum ScriptTokenKind: Hashable, Sendable, CustomStringConvertible {
    /// A name that is not reserved: `count`, `$el`, `of`, `as`.
    case identifier(String)
    /// A reserved word: `const`, `typeof`, `class`.
    case keyword(ScriptKeyword)
    /// An operator or punctuator: `(`, `?.`, `>>>=`.
    case punct(ScriptPunctuator)
    /// A number literal's value: `42`, `0xff`, `1_000`, `.5`.
    case number(Double)
    /// A string literal's cooked value: `"a\n"` holds a newline.
    case string(String)
    /// A template literal without substitutions: `` `hello` ``.
    case template(String)
    /// The start of a template literal up to its first `${`: `` `a${ ``.
    case templateHead(String)
    /// The text between two substitutions: `}b${`.
    case templateMiddle(String)
    /// The text after the last substitution: `` }c` ``.
    case templateTail(String)
    /// Bytes that are not part of the language (the lexer reported them).
    case invalid
    /// The end of the input. The lexer returns it forever once reached.
    case eof

    /// The form used in messages and token dumps: `` `)` ``, ``identifier `count` ``, `end of input`.
    public var description: String {
        switch self {
        case .identifier(let name): "identifier `\(name)`"
        case .keyword(let k): "keyword `\(k.rawValue)`"
        case .punct(let p): "`\(p.rawValue)`"
        case .number(let v): "number `\(ScriptToken.formatNumber(v))`"
        case .string(let s): "string \(TreePrinter.quote(s))"
        case .template(let s): "template literal \(TreePrinter.quote(s))"
        case .templateHead(let s): "template head \(TreePrinter.quote(s))"
        case .templateMiddle(let s): "template middle \(TreePrinter.quote(s))"
        case .templateTail(let s): "template tail \(TreePrinter.quote(s))"
        case .invalid: "invalid character"
        case .eof: "end of input"
        }
    }

    /// The punctuator, if this is one.
    public var punct: ScriptPunctuator? { if case .punct(let p) = self { p } else { nil } }
    /// The keyword, if this is one.
    public var keyword: ScriptKeyword? { if case .keyword(let k) = self { k } else { nil } }
    /// The identifier's name, if this is one.
    public var identifier: String? { if case .identifier(let n) = self { n } else { nil } }
}

/// One token of a script: its kind and its span. `newlineBefore` records whether a line
/// terminator (possibly inside a comment) separates it from the previous token — the fact
/// automatic semicolon insertion needs.
public struct ScriptToken: Hashable, Sendable, CustomStringConvertible {
    public var kind: ScriptTokenKind
    public var span: Span
    public var newlineBefore: Bool

    /// A token of `kind` covering `span`.
    public init(kind: ScriptTokenKind, span: Span, newlineBefore: Bool = false) {
        self.kind = kind
        self.span = span
        self.newlineBefore = newlineBefore
    }

    /// The kind's description (`` `)` ``, ``identifier `count` ``).
    public var description: String { kind.description }

    /// Whether this token is the punctuator `p`.
    public func `is`(_ p: ScriptPunctuator) -> Bool { kind == .punct(p) }
    /// Whether this token is the keyword `k`.
    public func `is`(_ k: ScriptKeyword) -> Bool { kind == .keyword(k) }
    /// Whether this token is the contextual word `word` (an identifier spelled so).
    public func isWord(_ word: String) -> Bool { kind == .identifier(word) }

    /// Numbers as dumps and messages show them: integers without a fraction.
    public static func formatNumber(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
