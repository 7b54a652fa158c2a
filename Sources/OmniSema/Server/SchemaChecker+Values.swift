import OmniBase
import OmniSyntax

/// A field's validations after checking, with the spans that state each bound (for E0428 labels).
struct FieldValidations {
    var normalised: [CheckedValidation] = []
    var unique = false
    var index = false
    var minLength: (value: Int, span: Span)?
    var maxLength: (value: Int, span: Span)?
    var minimum: (value: Double, span: Span)?
    var maximum: (value: Double, span: Span)?
    var email: Span?
    var url: Span?
    var pattern: (regex: Regex<AnyRegexOutput>, source: String, span: Span)?
}

extension SchemaChecker {
    // MARK: Validations

    /// Checks a field's validations against its type (E0424, E0426, E0429) and each other (E0425).
    mutating func checkValidations(_ field: FieldDecl, type: ServerType) -> FieldValidations {
        var out = FieldValidations()
        guard type != .error else { return out }
        let base = type.unwrapped
        var lowerSpan: (span: Span, name: String)?
        var upperSpan: (span: Span, name: String)?
        var rangeSpan: Span?
        var previousEnd = field.type.span.end
        for v in field.validations {
            // What removing the validation deletes: it and the blanks before it.
            let removal = Span(file: v.span.file, start: previousEnd, end: v.span.end)
            previousEnd = v.span.end
            guard let kind = v.kind, Self.argumentsFit(v, kind) else { continue } // the parser reported it
            switch kind {
            case .unique, .index:
                if case .list = base {
                    diagnostics.append(Diagnostic(
                        .error, "E0429", "`@\(kind.rawValue)` does not apply to the to-many relation `\(field.name.name)`",
                        at: v.span, label: "no column to \(kind == .unique ? "make unique" : "index")",
                        notes: ["a to-many relation is stored in the other entity's table, as its foreign key"],
                        help: ["remove it; put `@\(kind.rawValue)` on the other entity's to-one field instead"],
                        fixes: [FixIt.replace(removal, with: "", "remove `@\(kind.rawValue)`")]))
                } else if kind == .unique { out.unique = true } else { out.index = true }
            case .min, .max, .range:
                let bounds = v.arguments.compactMap(Self.numericValue)
                if case .scalar(let s) = base, s.isText {
                    guard bounds.allSatisfy({ $0 >= 0 && $0 == $0.rounded() && $0 < 1e15 }) else {
                        reportMisfit(v, kind, removal: removal, field: field, type: type,
                                     why: "a length bound is a whole number of characters, at least 0",
                                     help: "write a whole number such as `@\(kind.rawValue)(\(kind == .range ? "1, 100" : "1"))`")
                        continue
                    }
                    let ints = bounds.map { Int($0) }
                    switch kind {
                    case .min: out.minLength = (ints[0], v.span); out.normalised.append(.minLength(ints[0]))
                    case .max: out.maxLength = (ints[0], v.span); out.normalised.append(.maxLength(ints[0]))
                    default:
                        out.minLength = (ints[0], v.span); out.maxLength = (ints[1], v.span)
                        out.normalised += [.minLength(ints[0]), .maxLength(ints[1])]
                    }
                } else if case .scalar(let s) = base, s.isNumeric {
                    switch kind {
                    case .min: out.minimum = (bounds[0], v.span); out.normalised.append(.minimum(bounds[0]))
                    case .max: out.maximum = (bounds[0], v.span); out.normalised.append(.maximum(bounds[0]))
                    default:
                        out.minimum = (bounds[0], v.span); out.maximum = (bounds[1], v.span)
                        out.normalised += [.minimum(bounds[0]), .maximum(bounds[1])]
                    }
                } else {
                    reportMisfit(v, kind, removal: removal, field: field, type: type,
                                 why: "`@\(kind.rawValue)` bounds the length of text or the value of a number",
                                 help: "remove it")
                    continue
                }
                switch kind {
                case .min: lowerSpan = (v.span, "@min")
                case .max: upperSpan = (v.span, "@max")
                default: rangeSpan = v.span
                }
            case .email, .url, .pattern:
                guard case .scalar(let s) = base, s.isText else {
                    reportMisfit(v, kind, removal: removal, field: field, type: type, why: "`@\(kind.rawValue)` checks text", help: "remove it")
                    continue
                }
                if kind == .email { out.email = v.span; out.normalised.append(.email) }
                if kind == .url { out.url = v.span; out.normalised.append(.url) }
                if kind == .pattern, case .string(let source) = v.arguments.first?.kind {
                    do {
                        let regex = try Regex(source)
                        out.pattern = (regex, source, v.span)
                        out.normalised.append(.pattern(source))
                    } catch {
                        diagnostics.append(Diagnostic(
                            .error, "E0426", "`@pattern` is not a valid regular expression", at: v.arguments[0].span,
                            label: "cannot be compiled",
                            notes: ["\(error)"],
                            help: ["check the brackets, parentheses and escapes (a backslash is written `\\\\` inside the string)"]))
                    }
                }
            }
        }
        // `@min`/`@max` together with `@range`, and bounds that exclude every value.
        if let range = rangeSpan {
            for other in [lowerSpan, upperSpan].compactMap({ $0 }) {
                diagnostics.append(Diagnostic(
                    .error, "E0425", "`\(other.name)` and `@range` both bound `\(field.name.name)`", at: other.span,
                    label: "a second bound", labels: [Label(range, "`@range` already gives both bounds")],
                    help: ["keep one: fold the bound into `@range(a, b)`, or replace `@range` with `@min` and `@max`"]))
            }
        } else if let lower = lowerSpan, let upper = upperSpan {
            let empty: Bool = if let lo = out.minLength, let hi = out.maxLength { lo.value > hi.value }
                else if let lo = out.minimum, let hi = out.maximum { lo.value > hi.value } else { false }
            if empty {
                diagnostics.append(Diagnostic(
                    .error, "E0425", "`@min` is above `@max`: no value of `\(field.name.name)` is valid", at: lower.span,
                    label: "the lower bound", labels: [Label(upper.span, "the upper bound")],
                    help: ["swap the two bounds"]))
            }
        }
        return out
    }

    static func numericValue(_ l: Literal) -> Double? {
        switch l.kind {
        case .integer(let i): Double(i)
        case .float(let f): f
        default: nil
        }
    }

    /// True when the parser accepted the arguments (E0765 otherwise).
    static func argumentsFit(_ v: Validation, _ kind: ValidationKind) -> Bool {
        let parameters = kind.parameters
        guard v.arguments.count == parameters.count else { return false }
        for (argument, parameter) in zip(v.arguments, parameters) {
            switch (argument.kind, parameter) {
            case (.integer, .number), (.float, .number), (.string, .string): continue
            default: return false
            }
        }
        return true
    }

    private mutating func reportMisfit(_ v: Validation, _ kind: ValidationKind, removal: Span, field: FieldDecl, type: ServerType, why: String, help: String) {
        diagnostics.append(Diagnostic(
            .error, "E0424", "`@\(kind.rawValue)` does not apply to `\(field.name.name)`, a field of type `\(type)`", at: v.span,
            label: "not for `\(type)`", notes: [why], help: [help],
            fixes: help == "remove it" ? [FixIt.replace(removal, with: "", "remove `@\(kind.rawValue)`")] : []))
    }

    // MARK: Defaults

    /// The default value, checked against the type (E0427) and the field's validations (E0428).
    mutating func checkDefault(_ literal: Literal, of field: FieldDecl, type: ServerType, validations: FieldValidations) -> DefaultValue? {
        guard type != .error else { return nil }
        let value: DefaultValue
        switch Self.literalValue(literal, for: type, enums: enums) {
        case .value(let v): value = v
        case .invalid: return nil
        case .mismatch(let message, let help, let fix):
            var d = Diagnostic(.error, "E0427", message, at: literal.span, label: "does not fit `\(type)`",
                               labels: [Label(field.type.span, "`\(field.name.name)` is declared `\(type)` here")], help: [help])
            if let fix { d = d.fixing(fix) } else if literal.kind == .null {
                d = d.fixing(.insert("?", at: field.type.span.endPoint, "make the field optional"))
            }
            diagnostics.append(d)
            return nil
        }
        if let broken = violation(of: value, validations) {
            diagnostics.append(Diagnostic(
                .error, "E0428", "the default of `\(field.name.name)` breaks its own validation: \(broken.why)", at: literal.span,
                label: "rejected by the validation", labels: [Label(broken.span, "this validation")],
                help: ["change the default so that it is valid, or remove it"]))
        }
        return value
    }

    /// Which validation, if any, rejects a default value.
    private func violation(of value: DefaultValue, _ v: FieldValidations) -> (why: String, span: Span)? {
        switch value {
        case .string(let s):
            let n = s.count
            if let lo = v.minLength, n < lo.value { return ("it has \(n) character\(n == 1 ? "" : "s"), fewer than \(lo.value)", lo.span) }
            if let hi = v.maxLength, n > hi.value { return ("it has \(n) characters, more than \(hi.value)", hi.span) }
            if let p = v.pattern, (try? p.regex.wholeMatch(in: s)) == nil { return ("it does not match `\(p.source)`", p.span) }
            if let e = v.email, !Self.looksLikeEmail(s) { return ("it is not an e-mail address", e) }
            if let u = v.url, !(s.hasPrefix("http://") || s.hasPrefix("https://")) { return ("it is not an http(s) URL", u) }
        case .integer(let i):
            return numericViolation(Double(i), v)
        case .float(let f):
            return numericViolation(f, v)
        default:
            break
        }
        return nil
    }

    private func numericViolation(_ x: Double, _ v: FieldValidations) -> (why: String, span: Span)? {
        if let lo = v.minimum, x < lo.value { return ("it is below the minimum \(Self.number(lo.value))", lo.span) }
        if let hi = v.maximum, x > hi.value { return ("it is above the maximum \(Self.number(hi.value))", hi.span) }
        return nil
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    /// How a literal reads as a value of a type.
    enum LiteralReading {
        case value(DefaultValue)
        /// Does not fit: the message, a help line and maybe a fix.
        case mismatch(String, String, FixIt?)
        /// An unreadable literal (already reported).
        case invalid
    }

    /// Reads a literal (a field default or a query parameter default) as a value of `type`.
    static func literalValue(_ literal: Literal, for type: ServerType, enums: [CheckedEnum]) -> LiteralReading {
        let base = type.unwrapped
        let shown = Self.describe(literal.kind)
        switch literal.kind {
        case .error:
            return .invalid
        case .null:
            if type.isOptional { return .value(.null) }
            return .mismatch("`null` is not a value of `\(type)`", "make the field optional (`\(type)?`) or give a default of type `\(type)`", nil)
        default:
            break
        }
        switch base {
        case .error:
            return .invalid
        case .entity, .list:
            return .mismatch("a relation has no default value", "remove the default; a client sends the related row's `id`",
                             nil)
        case .enumeration(let name):
            let cases = enums.first { $0.name == name }?.cases ?? []
            switch literal.kind {
            case .word(let w) where cases.contains(w):
                return .value(.enumCase(w))
            case .string(let s) where cases.contains(s):
                return .mismatch("an enum case is written without quotes", "write `\(s)`",
                                 .replace(literal.span, with: s, "write `\(s)`"))
            case .word(let w), .string(let w):
                if let match = EditDistance.bestMatch(for: w, in: cases) {
                    return .mismatch("`\(w)` is not a case of `\(name)`", "did you mean `\(match)`?",
                                     .replace(literal.span, with: match, "replace with `\(match)`"))
                }
                return .mismatch("`\(w)` is not a case of `\(name)`", "the cases of `\(name)` are \(cases.map { "`\($0)`" }.joined(separator: ", "))", nil)
            default:
                return .mismatch("\(shown) is not a case of `\(name)`", "write one of its cases: \(cases.map { "`\($0)`" }.joined(separator: ", "))", nil)
            }
        case .scalar(let s):
            switch (s, literal.kind) {
            case (.int, .integer(let i)): return .value(.integer(i))
            case (.float, .integer(let i)): return .value(.float(Double(i)))
            case (.float, .float(let f)): return .value(.float(f))
            case (.string, .string(let v)), (.text, .string(let v)): return .value(.string(v))
            case (.bool, .bool(let b)): return .value(.bool(b))
            case (.date, .word("now")), (.datetime, .word("now")): return .value(.now)
            case (.uuid, .word("uuid")): return .value(.uuid)
            case (_, .word("now")):
                return .mismatch("`now` is not a value of `\(s.rawValue)`", "`now` is the time of insertion: only `date` and `datetime` fields take it", nil)
            case (_, .word("uuid")):
                return .mismatch("`uuid` is not a value of `\(s.rawValue)`", "`uuid` is a fresh random UUID: only `uuid` fields take it", nil)
            case (.date, .word(let w)), (.datetime, .word(let w)):
                return .mismatch("`\(w)` is not a value of `\(s.rawValue)`", "did you mean `now`?", .replace(literal.span, with: "now", "replace with `now`"))
            case (.uuid, .word(let w)):
                return .mismatch("`\(w)` is not a value of `uuid`", "did you mean `uuid`?", .replace(literal.span, with: "uuid", "replace with `uuid`"))
            case (.string, .word(let w)), (.text, .word(let w)):
                return .mismatch("`\(w)` is not a value of `\(s.rawValue)`", "quote text: `\"\(w)\"`",
                                 .replace(literal.span, with: "\"\(w)\"", "quote it"))
            case (.int, .float(let f)) where f == f.rounded() && abs(f) < 9e18:
                return .mismatch("\(shown) is not an `int`", "write it without a fraction: `\(Int64(f))`",
                                 .replace(literal.span, with: String(Int64(f)), "write `\(Int64(f))`"))
            case (.json, _):
                return .mismatch("a `json` field has no default value other than `null`", "make the field optional (`json?`) and leave the default out", nil)
            default:
                return .mismatch("\(shown) is not a value of `\(s.rawValue)`", Self.example(of: s), nil)
            }
        default:
            return .invalid
        }
    }

    static func describe(_ kind: LiteralKind) -> String {
        switch kind {
        case .integer(let i): "the number `\(i)`"
        case .float(let f): "the number `\(f)`"
        case .string(let s): "the string `\"\(s)\"`"
        case .bool(let b): "`\(b)`"
        case .null: "`null`"
        case .word(let w): "`\(w)`"
        case .error: "this value"
        }
    }

    static func example(of s: ScalarType) -> String {
        switch s {
        case .string, .text: "a `\(s.rawValue)` takes a quoted string such as `\"draft\"`"
        case .int: "an `int` takes a whole number such as `0`"
        case .float: "a `float` takes a number such as `0.5`"
        case .bool: "a `bool` takes `true` or `false`"
        case .date, .datetime: "a `\(s.rawValue)` takes `now` (the time of insertion)"
        case .uuid: "a `uuid` takes `uuid` (a fresh random UUID)"
        case .json: "a `json` field takes no default"
        }
    }
}
