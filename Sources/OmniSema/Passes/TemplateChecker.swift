import OmniBase
import OmniSyntax

/// Checks a component's template: every `{expr}` is renderable (E0400/E0401), attributes
/// hold strings, numbers or bools (E0406), `@event` handlers are functions of no argument or
/// the event (E0402/E0403), `{#if}` tests a bool (E0314), `{#each}` iterates an array
/// (E0404, keys E0405), and child components exist (E0407) and get their props right
/// (E0408 missing, E0409 unknown, E0315 types, E0410 children, E0411 handlers).
final class TemplateChecker {
    let c: TypeChecker
    let project: ComponentTable
    var s: ComponentState { c.s }

    /// Child component uses, in template order (for cycle detection).
    private(set) var uses: [(name: String, span: Span)] = []

    init(checker: TypeChecker, project: ComponentTable) {
        self.c = checker
        self.project = project
    }

    static let handlerType = SemaType.function(FunctionType(params: [.event], required: 0, returns: .void))

    @discardableResult
    func run() -> [(name: String, span: Span)] {
        c.functions = [TypeChecker.FunctionContext(isScriptTopLevel: false, isTemplate: true)]
        c.narrowed = [:]
        for node in s.decl.template?.children ?? [] { check(node) }
        c.flushAnnotations()
        return uses
    }

    private func check(_ node: TemplateNode) {
        switch node.kind {
        case .text, .comment:
            break
        case .interpolation(let e):
            checkRenderable(e)
        case .element(let el):
            if el.isComponent { checkChild(el, node) } else { checkElement(el) }
        case .ifBlock(let b):
            let before = c.narrowed
            var otherwise: [String: SemaType] = [:]
            for br in b.branches {
                c.narrowed = before.merging(otherwise) { $1 }
                let facts = c.checkCondition(br.condition, "an `{#if}` condition")
                c.narrowed.merge(facts.whenTrue) { $1 }
                for n in br.children { check(n) }
                otherwise.merge(facts.whenFalse) { $1 }
            }
            c.narrowed = before.merging(otherwise) { $1 }
            for n in b.elseChildren ?? [] { check(n) }
            c.narrowed = before
        case .eachBlock(let b):
            let t = c.check(b.iterable)
            var item = SemaType.error
            switch t {
            case .array(let e): item = e
            case .error: break
            case .optional(.array):
                s.report(Diagnostic(.error, "E0318", "this list may be `null`", at: b.iterable.span, label: "this is a \(t.quoted)",
                                    help: ["give a fallback: `{#each \(s.text(b.iterable.span)) ?? [] as …}`"],
                                    fixes: [.insert(" ?? []", at: b.iterable.span.endPoint, "iterate nothing when it is null")]))
            default:
                if !c.reportSignalValue(t, b.iterable, "the list of `{#each}`") {
                    s.report(Diagnostic(.error, "E0404", "`{#each}` needs an array, found \(t.quoted)", at: b.iterable.span,
                                        label: "this is a \(t.quoted)",
                                        help: ["`{#each}` repeats its content for each element of an array, e.g. `{#each items() as item}`"]))
                }
            }
            if let id = s.declarations[b.itemID] { c.setType(id, item) }
            if let indexID = b.indexID, let id = s.declarations[indexID] { c.setType(id, .number) }
            if let key = b.key {
                let kt = c.check(key)
                if !(kt == .string || kt == .number || kt.containsError) {
                    s.report(Diagnostic(.error, "E0405", "an `{#each}` key must be a string or a number, found \(kt.quoted)", at: key.span,
                                        label: "this is a \(kt.quoted)",
                                        help: ["use a field that identifies the item, such as `(\(b.item.name).id)`"]))
                }
            }
            for n in b.children { check(n) }
            for n in b.elseChildren ?? [] { check(n) }
        }
    }

    /// `{expr}` in text: strings and numbers render; everything else is an error.
    private func checkRenderable(_ e: Expr) {
        let t = c.check(e)
        if t.isText || t.containsError { return }
        if c.reportSignalValue(t, e, "text") { return }
        let text = s.text(e.span)
        if t.isOptional, t.unwrapped.isText || t.unwrapped == .bool {
            s.report(Diagnostic(.error, "E0401", "this value may be `null` and cannot be shown as it is", at: e.span,
                                label: "this is a \(t.quoted)",
                                help: ["give a fallback, `{\(text) ?? \"\"}`, or show it inside `{#if \(text) != null}`"],
                                fixes: [.insert(" ?? \(t.unwrapped == .number ? "0" : "\"\"")", at: e.span.endPoint, "show a fallback")]))
            return
        }
        var d = Diagnostic(.error, "E0400", "a \(t.quoted) cannot be shown as text", at: e.span, label: "this is a \(t.quoted)",
                           notes: ["`{…}` shows strings and numbers"])
        switch t {
        case .bool:
            d = d.helping("choose the text to show: `{\(text) ? \"yes\" : \"no\"}`")
                .fixing(.insert(" ? \"yes\" : \"no\"", at: e.span.endPoint, "choose the text"))
        case .array:
            d = d.helping("show each element with `{#each \(text) as item}…{/each}`, or join them: `{\(text).join(\", \")}`")
        case .object:
            d = d.helping("show one of its fields, e.g. `{\(text).name}`")
        case .function:
            d = d.helping("call it: `{\(text)()}`")
        default:
            break
        }
        s.report(d)
    }

    private func checkElement(_ el: Element) {
        for a in el.attributes {
            if a.isEvent { checkHandler(a); continue }
            switch a.value {
            case .none, .literal: break
            case .expression(let e):
                let t = c.check(e)
                if t.isAttributeValue { break }
                if c.reportSignalValue(t, e, "an attribute value") { break }
                s.report(Diagnostic(.error, "E0406", "the attribute `\(a.name.name)` cannot be a \(t.quoted)", at: e.span,
                                    label: "this is a \(t.quoted)",
                                    notes: ["attribute values are strings, numbers or bools (`false` and `null` leave the attribute out)"]))
            case .interpolated(let parts, _):
                for p in parts { if case .expression(let e) = p { checkRenderable(e) } }
            }
        }
        for n in el.children { check(n) }
    }

    /// `@event={handler}`: a function taking nothing or the event.
    private func checkHandler(_ a: Attribute) {
        guard case .expression(let e) = a.value else { return }
        let t = c.check(e, expected: Self.handlerType)
        let text = s.text(e.span)
        switch t {
        case .error:
            return
        case .function(let ft):
            let fits = ft.required <= 1 && ft.rest == nil && (ft.params.isEmpty || SemaType.event.isAssignable(to: ft.params[0])) && ft.params.count <= 1
            if fits { return }
            s.report(Diagnostic(.error, "E0403", "an `@\(a.name.name)` handler takes no argument or the event", at: e.span,
                                label: "this is `\(ft)`",
                                notes: ["handlers are called with one argument, the event (`e.value`, `e.checked`, `e.key`)"],
                                help: ["wrap it to pass your own arguments: `() => \(text)(…)`"]))
        default:
            var d = Diagnostic(.error, "E0402", "an `@\(a.name.name)` handler must be a function, found \(t.quoted)", at: e.span,
                               label: "this is a \(t.quoted)")
            if case .call = e.kind {
                d = d.note("`\(text)` runs while the template renders, not on `\(a.name.name)`")
            }
            d = d.helping("pass a function: `() => \(text)`").fixing(.insert("() => ", at: e.span, "wrap it in a function"))
            s.report(d)
        }
    }

    // MARK: - Child components

    private func checkChild(_ el: Element, _ node: TemplateNode) {
        let name = el.name.name
        guard let sig = project.byName[name] else {
            var d = Diagnostic(.error, "E0407", "cannot find the component `\(name)`", at: el.name.span, label: "no component has this name")
            if let guess = EditDistance.bestMatch(for: name, in: project.byName.keys.sorted()) {
                var edits = [TextEdit(span: el.name.span, replacement: guess)]
                if let close = el.closeTag, let closeName = closingNameSpan(close, name) { edits.append(TextEdit(span: closeName, replacement: guess)) }
                d = d.helping("did you mean `\(guess)`?").fixing(FixIt("use `\(guess)`", edits: edits))
            } else {
                d = d.note("components are found in every `.omni` file of the project; names start with an upper-case letter")
            }
            s.report(d)
            for a in el.attributes { if case .expression(let e) = a.value { c.check(e) } }
            for n in el.children { check(n) }
            return
        }
        s.children[node.id] = name
        uses.append((name, el.name.span))
        var given: Set<String> = []
        var suggested: Set<String> = []
        for a in el.attributes {
            if a.isEvent {
                s.report(Diagnostic(.error, "E0411", "the component `\(name)` takes no event handlers", at: a.span,
                                    label: "`@\(a.name.name)` on a component",
                                    help: ["pass a function as a prop instead: declare `<prop name=\"on\(a.name.name.prefix(1).uppercased() + a.name.name.dropFirst())\" type=\"() => void\" />` in `\(name)`"]))
                if case .expression(let e) = a.value { c.check(e) }
                continue
            }
            guard let prop = sig.prop(a.name.name) else {
                var d = Diagnostic(.error, "E0409", "the component `\(name)` has no prop `\(a.name.name)`", at: a.name.span, label: "unknown prop")
                if let guess = EditDistance.bestMatch(for: a.name.name, in: sig.props.map(\.name).filter { !given.contains($0) }) {
                    d = d.helping("did you mean `\(guess)`?").fixing(.replace(a.name.span, with: guess, "use `\(guess)`"))
                    suggested.insert(guess)
                } else if !sig.props.isEmpty {
                    d = d.note("`\(name)` takes \(sig.props.map { "`\($0.name)`" }.joined(separator: ", "))")
                } else {
                    d = d.note("`\(name)` takes no props")
                }
                s.report(d)
                switch a.value {
                case .expression(let e): c.check(e)
                case .interpolated(let parts, _): for p in parts { if case .expression(let e) = p { c.check(e) } }
                default: break
                }
                continue
            }
            given.insert(prop.name)
            switch a.value {
            case .none:
                mismatch(.bool, prop, a.span, a.name.span, sig)
            case .literal(let text, let span):
                if !SemaType.string.isAssignable(to: prop.type) {
                    var d = Diagnostic(.error, "E0315", "mismatched types: the prop `\(prop.name)` of `\(name)` is a \(prop.declaredType.quoted), found a string",
                                       at: span, label: "this is a `string`",
                                       labels: [Label(prop.decl.type?.span ?? prop.nameSpan, "declared as \(prop.declaredType.quoted) here")])
                    if prop.declaredType.unwrapped == .number, Double(text) != nil {
                        d = d.helping("pass a number in braces: `\(prop.name)={\(text)}`")
                            .fixing(.replace(a.span, with: "\(prop.name)={\(text)}", "pass a number"))
                    } else if prop.declaredType.unwrapped == .bool, text == "true" || text == "false" {
                        d = d.helping("pass a bool in braces: `\(prop.name)={\(text)}`")
                            .fixing(.replace(a.span, with: "\(prop.name)={\(text)}", "pass a bool"))
                    }
                    s.report(d)
                }
            case .expression(let e):
                let t = c.check(e, expected: prop.type)
                if !t.isAssignable(to: prop.type) {
                    if let inner = t.reactiveValue, inner.isAssignable(to: prop.type) {
                        c.reportSignalValue(t, e, "the prop `\(prop.name)`")
                    } else {
                        var d = Diagnostic(.error, "E0315", "mismatched types: the prop `\(prop.name)` of `\(name)` is a \(prop.type.quoted), found \(t.quoted)",
                                           at: e.span, label: "this is a \(t.quoted)",
                                           labels: [Label(prop.decl.type?.span ?? prop.nameSpan, "declared as \(prop.declaredType.quoted) here")])
                        if prop.type == .string && (t == .number || t == .bool) { d = d.helping("convert it: `String(\(s.text(e.span)))`") }
                        if t.isOptional && t.unwrapped.isAssignable(to: prop.type) { d = d.helping("give a fallback: `\(s.text(e.span)) ?? …`") }
                        s.report(d)
                    }
                }
            case .interpolated(let parts, let span):
                for p in parts { if case .expression(let e) = p { checkRenderable(e) } }
                if !SemaType.string.isAssignable(to: prop.type) { mismatch(.string, prop, span, a.name.span, sig) }
            }
        }
        let missing = sig.props.filter { $0.required && !given.contains($0.name) && !suggested.contains($0.name) }
        if !missing.isEmpty {
            let names = missing.map { "`\($0.name)`" }.joined(separator: ", ")
            var d = Diagnostic(.error, "E0408", "the component `\(name)` needs the prop\(missing.count == 1 ? "" : "s") \(names)", at: el.name.span,
                               label: "missing \(names)")
            for p in missing { d = d.labeled(p.nameSpan, "`\(p.name)` is declared `required` here") }
            let insertion = missing.map { " \($0.name)=\(Self.example($0.declaredType))" }.joined()
            d = d.helping("pass \(missing.count == 1 ? "it" : "them"): `<\(name)\(insertion) />`")
                .fixing(.insert(insertion, at: el.name.span.endPoint, "add the missing prop\(missing.count == 1 ? "" : "s")"))
            s.report(d)
        }
        let content = el.children.filter {
            switch $0.kind {
            case .comment: false
            case .text(let t): !t.allSatisfy(\.isWhitespace)
            default: true
            }
        }
        if let first = content.first, let last = content.last {
            s.report(Diagnostic(.error, "E0410", "the component `\(name)` does not take children", at: first.span.merged(with: last.span),
                                label: "this content has nowhere to go",
                                help: ["pass what it shows as a prop: `<\(name) \(sig.props.first?.name ?? "label")=\"…\" />`"]))
            for n in el.children { check(n) }
        }
    }

    private func mismatch(_ t: SemaType, _ prop: PropSignature, _ span: Span, _ nameSpan: Span, _ sig: ComponentSignature) {
        guard !t.isAssignable(to: prop.type) else { return }
        s.report(Diagnostic(.error, "E0315", "mismatched types: the prop `\(prop.name)` of `\(sig.name)` is a \(prop.declaredType.quoted), found \(t.quoted)",
                            at: span, label: "this is a \(t.quoted)",
                            labels: [Label(prop.decl.type?.span ?? prop.nameSpan, "declared as \(prop.declaredType.quoted) here")]))
    }

    static func example(_ t: SemaType) -> String {
        switch t.unwrapped {
        case .string: "\"\""
        case .number: "{0}"
        case .bool: "{false}"
        case .array: "{[]}"
        default: "{…}"
        }
    }

    /// The name inside `</Name>`.
    private func closingNameSpan(_ close: Span, _ name: String) -> Span? {
        let start = Int(close.start) + 2
        let span = Span(file: close.file, start: UInt32(start), end: UInt32(start + name.utf8.count))
        return s.text(span) == name ? span : nil
    }
}
