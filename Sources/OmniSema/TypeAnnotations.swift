import OmniBase
import OmniSyntax

/// Turns written type annotations (`TypeExpr`) into `SemaType`s, reporting unknown names
/// (E0322, with did-you-mean) and unsupported forms (E0323).
struct TypeAnnotations {
    var diagnostics: [Diagnostic] = []

    mutating func resolve(_ t: TypeExpr) -> SemaType {
        switch t.kind {
        case .error: return .error
        case .paren(let inner): return resolve(inner)
        case .stringLiteral: return .string
        case .array(let e): return .array(resolve(e))
        case .optional(let e): return resolve(e).asOptional
        case .object(let members):
            var seen: [String: Span] = [:]
            var fields: [ShapeField] = []
            for m in members {
                if let first = seen[m.name.name] {
                    diagnostics.append(Diagnostic(.error, "E0301", "the field `\(m.name.name)` is declared twice", at: m.name.span,
                                                  label: "declared again here", labels: [Label(first, "first declared here")]))
                    continue
                }
                seen[m.name.name] = m.name.span
                fields.append(ShapeField(name: m.name.name, type: resolve(m.type), optional: m.optional))
            }
            return .object(fields)
        case .function(let params, let returns):
            return .function(FunctionType(params: params.map { resolve($0) }, returns: resolve(returns)))
        case .union(let members):
            if members.allSatisfy({ if case .stringLiteral = $0.kind { true } else { false } }) { return .string }
            diagnostics.append(Diagnostic(.error, "E0323", "union types are not supported", at: t.span,
                                          label: "this union mixes types",
                                          notes: ["omni supports `T | null` (the same as `T?`) and unions of string literals such as `\"primary\" | \"secondary\"`"]))
            return .error
        case .named(let name, let args):
            return resolveNamed(name, args, t)
        }
    }

    private mutating func resolveNamed(_ name: Identifier, _ args: [TypeExpr], _ t: TypeExpr) -> SemaType {
        func arity(_ n: Int, _ form: String) -> Bool {
            if args.count == n { return true }
            diagnostics.append(Diagnostic(.error, "E0323", "`\(name.name)` takes \(n == 0 ? "no type arguments" : "one type argument")",
                                          at: t.span, label: "written with \(args.count)", help: ["write `\(form)`"]))
            return false
        }
        switch name.name {
        case "number": return arity(0, "number") ? .number : .error
        case "string": return arity(0, "string") ? .string : .error
        case "bool", "boolean": return arity(0, name.name) ? .bool : .error
        case "void": return arity(0, "void") ? .void : .error
        case "null", "undefined": return arity(0, "T?") ? .null : .error
        case "Event": return arity(0, "Event") ? .event : .error
        case "Signal": return arity(1, "Signal<number>") ? .signal(resolve(args[0])) : .error
        case "Computed": return arity(1, "Computed<number>") ? .computed(resolve(args[0])) : .error
        case "Array": return arity(1, "Array<number>") ? .array(resolve(args[0])) : .error
        default:
            var d = Diagnostic(.error, "E0322", "unknown type `\(name.name)`", at: name.span, label: "not a type omni knows")
            if let guess = EditDistance.bestMatch(for: name.name, in: Builtins.typeNames) {
                d = d.helping("did you mean `\(guess)`?").fixing(.replace(name.span, with: guess, "use `\(guess)`"))
            } else {
                d = d.note("the types are `number`, `string`, `bool`, arrays `T[]`, shapes `{ name: string }`, functions `(x: number) => string`, `T?`, `Signal<T>` and `Computed<T>`")
            }
            diagnostics.append(d)
            return .error
        }
    }
}
