/// The closed set of helpers a template may call. The type checker gives each a signature;
/// the parser checks names and argument counts.
///
/// Comparison and logic helpers are written as subexpressions (`{{#if (eq a "x")}}`);
/// any helper may also be the whole of an output tag (`{{format_date post.createdAt}}`).
public enum TemplateHelper: String, Hashable, Sendable, CaseIterable {
    /// `(eq a b)`: `a == b`.
    case eq
    /// `(ne a b)`: `a != b`.
    case ne
    /// `(lt a b)`: `a < b`.
    case lt
    /// `(lte a b)`: `a <= b`.
    case lte
    /// `(gt a b)`: `a > b`.
    case gt
    /// `(gte a b)`: `a >= b`.
    case gte
    /// `(and a b …)`: true when every argument is truthy.
    case and
    /// `(or a b …)`: true when some argument is truthy.
    case or
    /// `(not a)`: true when `a` is falsy.
    case not
    /// `(default a b)`: `a`, or `b` when `a` is null or empty.
    case `default`
    /// `(length xs)`: the number of elements of an array or characters of a string.
    case length
    /// `{{upper s}}`: upper-cased.
    case upper
    /// `{{lower s}}`: lower-cased.
    case lower
    /// `{{truncate s 80}}`: at most that many characters, with `…` when cut.
    case truncate
    /// `{{format_date d}}` or `{{format_date d "yyyy-MM-dd"}}`.
    case formatDate = "format_date"
    /// `{{format_number n}}` or `{{format_number n 2}}` (decimals).
    case formatNumber = "format_number"

    /// The accepted argument counts (`nil` upper bound: any number).
    public var arity: (min: Int, max: Int?) {
        switch self {
        case .eq, .ne, .lt, .lte, .gt, .gte, .default, .truncate: (2, 2)
        case .and, .or: (2, nil)
        case .not, .length, .upper, .lower: (1, 1)
        case .formatDate, .formatNumber: (1, 2)
        }
    }

    /// How the arguments read, for help messages: `eq a b`.
    public var usage: String {
        switch self {
        case .eq, .ne, .lt, .lte, .gt, .gte: "(\(rawValue) a b)"
        case .and, .or: "(\(rawValue) a b …)"
        case .not: "(not a)"
        case .default: "(default value fallback)"
        case .length: "(length list)"
        case .upper, .lower: "\(rawValue) text"
        case .truncate: "truncate text 80"
        case .formatDate: "format_date date [\"pattern\"]"
        case .formatNumber: "format_number number [decimals]"
        }
    }

    /// The names of all helpers, for did-you-mean.
    public static let names: [String] = allCases.map(\.rawValue)
}
