import OmniBase
import OmniSyntax

// `{{#component "Name" k=v}}{{/component}}` in a template: the component exists, every key
// is one of its props, required props are given, and each value fits its prop's type
// (`number` ← int/float, `string` ← string/text/uuid/enum, `bool` ← bool).

extension TemplateBodyChecker {
    mutating func checkComponent(_ c: TemplateComponent) {
        var argTypes: [ServerType] = []
        for arg in c.arguments {
            let t = type(arg.value)
            types[arg.id] = t
            argTypes.append(t)
        }
        guard let component = env.components.component(named: c.name.name) else {
            let names = env.components.components.map(\.name)
            var d = Diagnostic(.error, "E0477", "no component `\(c.name.name)`", at: c.name.span, label: "unknown component")
            if let guess = EditDistance.bestMatch(for: c.name.name, in: names) {
                d = d.helping("did you mean `\(guess)`?").fixing(.replace(c.name.span, with: guess, "use `\(guess)`"))
            } else if names.isEmpty {
                d = d.note("components are declared in `.omni` files: `<component name=\"\(c.name.name)\">`")
            } else {
                d = d.helping("the components are " + ServerTemplateChecker.list(names.sorted()))
            }
            diagnostics.append(d)
            return
        }
        let propNames = component.props.map(\.name)
        for (arg, t) in zip(c.arguments, argTypes) {
            guard let prop = component.props.first(where: { $0.name == arg.key.name }) else {
                var d = Diagnostic(.error, "E0478", "`\(component.name)` has no prop `\(arg.key.name)`", at: arg.key.span, label: "unknown prop")
                if let guess = EditDistance.bestMatch(for: arg.key.name, in: propNames) {
                    d = d.helping("did you mean `\(guess)`?").fixing(.replace(arg.key.span, with: guess, "use `\(guess)`"))
                } else {
                    d = d.helping(propNames.isEmpty ? "`\(component.name)` takes no props" : "its props are " + ServerTemplateChecker.list(propNames))
                }
                diagnostics.append(d)
                continue
            }
            if !ServerTemplateChecker.isPassable(prop.type) {
                diagnostics.append(Diagnostic(.error, "E0480", "the prop `\(prop.name)` of `\(component.name)` is `\(prop.type)`, which a template cannot pass",
                                           at: arg.span, label: "not a string, number or bool")
                    .note("templates pass strings, numbers and bools to components; give the component a simpler prop"))
            } else if !ServerTemplateChecker.accepts(prop.type, t) {
                var d = Diagnostic(.error, "E0480", "the prop `\(prop.name)` of `\(component.name)` is `\(prop.type)`, not `\(t)`",
                                   at: arg.value.span, label: "this is `\(t)`")
                if t.isOptional, ServerTemplateChecker.accepts(prop.type, t.unwrapped) {
                    d = d.helping("give a fallback: `\(prop.name)=(default \(Self.written(arg.value) ?? "…") …)`")
                }
                diagnostics.append(d)
            }
        }
        let given = Set(c.arguments.map(\.key.name))
        let missing = component.props.filter { $0.required && !given.contains($0.name) }.map(\.name)
        if !missing.isEmpty {
            let example = missing.map { "\($0)=…" }.joined(separator: " ")
            diagnostics.append(Diagnostic(.error, "E0479", "`\(component.name)` needs the prop\(missing.count == 1 ? "" : "s") \(ServerTemplateChecker.list(missing))",
                                       at: c.openTag, label: "missing \(ServerTemplateChecker.list(missing))")
                .helping("pass \(missing.count == 1 ? "it" : "them"): `{{#component \"\(component.name)\" \(example)}}`"))
        }
    }
}
