import OmniBase
import OmniSyntax

extension TypeChecker {
    /// `a.b` and `a?.b`: a prop (`props.label`), a shape's field, or a built-in property.
    func checkMember(_ e: Expr, _ base: Expr, _ name: Identifier, optional: Bool) -> SemaType {
        if isProps(base) {
            s.types[base.id] = s.symbols[s.propsSymbol.raw].type
            guard let i = s.signature.props.firstIndex(where: { $0.name == name.name }) else {
                var d = Diagnostic(.error, "E0317", "the component `\(s.decl.name.name)` has no prop `\(name.name)`", at: name.span,
                                   label: "unknown prop")
                if let guess = EditDistance.bestMatch(for: name.name, in: s.signature.props.map(\.name)) {
                    d = d.helping("did you mean `\(guess)`?").fixing(.replace(name.span, with: guess, "use `\(guess)`"))
                } else {
                    d = d.helping("declare it in `<props>`: `<prop name=\"\(name.name)\" type=\"string\" />`")
                }
                s.report(d)
                return .error
            }
            s.references[e.id] = s.propSymbols[i]
            return s.signature.props[i].type
        }
        let bt = check(base)
        return memberOf(e, bt, base, name, optional: optional)
    }

    /// The member `name` of a value of type `bt`.
    func memberOf(_ e: Expr, _ bt: SemaType, _ base: Expr, _ name: Identifier, optional: Bool) -> SemaType {
        var t = bt
        var wrap = false
        if optional && t.isOptional { t = t.unwrapped; wrap = true }
        switch t {
        case .error:
            return .error
        case .optional:
            reportMaybeNull(t, base, access: "read `.\(name.name)`")
            return .error
        case .object(let fields):
            guard let f = fields.first(where: { $0.name == name.name }) else {
                reportUnknownMember(t, name, base)
                return .error
            }
            let ft = f.optional ? f.type.asOptional : f.type
            return wrap ? ft.asOptional : ft
        default:
            guard let member = Builtins.members(of: t)?[name.name] else {
                reportUnknownMember(t, name, base)
                return .error
            }
            switch member {
            case .property(let p):
                return wrap ? p.asOptional : p
            case .method:
                s.report(Diagnostic(.error, "E0326", "the method `\(name.name)` must be called", at: e.span,
                                    label: "a method, not a value",
                                    help: ["call it: `\(s.text(e.span))(…)`, or wrap it: `(x) => \(s.text(e.span))(x)`"],
                                    fixes: [.insert("()", at: e.span.endPoint, "call it")]))
                return .error
            }
        }
    }

    /// E0317, with a did-you-mean over the members of `t`.
    func reportUnknownMember(_ t: SemaType, _ name: Identifier, _ base: Expr) {
        var d = Diagnostic(.error, "E0317", "\(t.quoted) has no member `\(name.name)`", at: name.span,
                           label: "unknown member", labels: [Label(base.span, "this is a \(t.quoted)")])
        if let inner = t.reactiveValue, Builtins.members(of: inner)?[name.name] != nil || Self.hasField(inner, name.name) {
            d = d.helping("read the value first: `\(s.text(base.span))().\(name.name)`")
                .fixing(.insert("()", at: base.span.endPoint, "read the value"))
        } else if let guess = EditDistance.bestMatch(for: name.name, in: Builtins.memberNames(of: t)) {
            d = d.helping("did you mean `\(guess)`?").fixing(.replace(name.span, with: guess, "use `\(guess)`"))
        }
        s.report(d)
    }

    static func hasField(_ t: SemaType, _ name: String) -> Bool {
        if case .object(let fs) = t { return fs.contains { $0.name == name } }
        return false
    }
}
