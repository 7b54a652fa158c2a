import OmniBase
import OmniSyntax

/// Relations between types: assignability, joining branch types, and the small predicates
/// the checks share.
extension SemaType {
    /// True when the type is, or contains, `.error` (an earlier error: report nothing more).
    var containsError: Bool {
        switch self {
        case .error: true
        case .array(let t), .optional(let t), .signal(let t), .computed(let t): t.containsError
        case .object(let fs): fs.contains { $0.type.containsError }
        case .function(let f): f.params.contains { $0.containsError } || (f.rest?.containsError ?? false) || f.returns.containsError
        default: false
        }
    }

    /// True when the type is or contains a bare `null` (its type could not be inferred).
    var containsBareNull: Bool {
        switch self {
        case .null: true
        case .array(let t), .signal(let t), .computed(let t): t.containsBareNull
        case .optional(let t): t.containsBareNull
        case .object(let fs): fs.contains { $0.type.containsBareNull }
        default: false
        }
    }

    var isOptional: Bool { if case .optional = self { true } else { false } }

    /// `T` for `T?`, else the type itself.
    var unwrapped: SemaType { if case .optional(let t) = self { t } else { self } }

    /// `T?` (never `T??`; `null?` is `null`).
    var asOptional: SemaType {
        switch self {
        case .optional, .null, .error: self
        default: .optional(self)
        }
    }

    /// The value a signal or computed holds, or nil.
    var reactiveValue: SemaType? {
        switch self {
        case .signal(let t), .computed(let t): t
        default: nil
        }
    }

    /// Strings and numbers: what `{expr}` and template literals show.
    var isText: Bool { self == .string || self == .number }

    /// What an attribute value may be: a string, number or bool, or an optional of one.
    var isAttributeValue: Bool {
        switch self {
        case .string, .number, .bool, .error: true
        case .optional(let t): t.isAttributeValue
        default: false
        }
    }

    /// Written in backticks for messages: "`number`".
    var quoted: String { "`\(self)`" }

    /// Is a value of this type assignable to `target`?
    func isAssignable(to target: SemaType) -> Bool {
        if self == target { return true }
        switch (self, target) {
        case (.error, _), (_, .error): return true
        case (.null, .optional): return true
        case (.optional(let a), .optional(let b)): return a.isAssignable(to: b)
        case (_, .optional(let b)): return isAssignable(to: b)
        case (.array(let a), .array(let b)): return a.isAssignable(to: b)
        case (.signal(let a), .signal(let b)), (.computed(let a), .computed(let b)):
            return a.isAssignable(to: b) && b.isAssignable(to: a)
        case (.object(let a), .object(let b)):
            for field in b {
                if let have = a.first(where: { $0.name == field.name }) {
                    let haveType = have.optional ? have.type.asOptional : have.type
                    let wantType = field.optional ? field.type.asOptional : field.type
                    if !haveType.isAssignable(to: wantType) { return false }
                } else if !field.optional && !field.type.isOptional {
                    return false
                }
            }
            return true
        case (.function(let a), .function(let b)):
            return a.isAssignable(to: b)
        default:
            return false
        }
    }

    /// The type both branches fit, or nil: `T` and `T` → `T`; `T` and `null` → `T?`.
    func joined(with other: SemaType) -> SemaType? {
        if self == other { return self }
        switch (self, other) {
        case (.error, _), (_, .error): return .error
        case (.null, _): return other.asOptional
        case (_, .null): return asOptional
        case (.optional(let a), _): return a.joined(with: other.unwrapped).map(\.asOptional)
        case (_, .optional(let b)): return joined(with: b).map(\.asOptional)
        case (.array(let a), .array(let b)): return a.joined(with: b).map { .array($0) }
        default:
            if isAssignable(to: other) { return other }
            if other.isAssignable(to: self) { return self }
            return nil
        }
    }

    /// Could values of the two types ever be equal (`==`)?
    func isComparable(with other: SemaType) -> Bool {
        switch (self, other) {
        case (.error, _), (_, .error), (.null, .optional), (.optional, .null), (.null, .null): return true
        default: return unwrapped.isAssignable(to: other.unwrapped) || other.unwrapped.isAssignable(to: unwrapped)
        }
    }
}

extension FunctionType {
    /// A function may take fewer parameters than its target passes, not more required ones.
    func isAssignable(to target: FunctionType) -> Bool {
        if required > target.params.count && target.rest == nil { return false }
        for (i, p) in params.enumerated() {
            let given: SemaType? = i < target.params.count ? target.params[i] : target.rest
            if let given, !given.isAssignable(to: p) { return false }
        }
        if target.returns == .void { return true }
        return returns.isAssignable(to: target.returns)
    }

    /// The type of parameter `i`, counting the rest parameter.
    func param(_ i: Int) -> SemaType? { i < params.count ? params[i] : rest }
}
