import OmniBase

// block       := block-open template { else-tag template } block-close
// block-open  := "{{#" block-name … "}}" ; block-close := "{{/" block-name "}}"
//
// Blocks are kept on an explicit stack (`frames`), so nesting depth never reaches the
// machine stack; past `maxNestingDepth` one error (E0726) is reported and deeper blocks are
// matched but dropped.

extension TemplateParser {
    static let blockNames = ["if", "unless", "each", "component"]

    // MARK: - block-open

    mutating func parseBlockOpen() {
        let hash = toks[0]
        ti = 1
        guard let nameToken = peek, nameToken.kind == .identifier else {
            diagnostics.add(Diagnostic(.error, "E0705", "expected a block name after `{{#`", at: missingSpan,
                                       label: "expected `if`, `unless`, `each` or `component` here"))
            return
        }
        ti += 1
        let name = nameToken.text
        if frames.count - 1 >= Self.maxNestingDepth {
            if !nestingReported {
                nestingReported = true
                diagnostics.add(Diagnostic(.error, "E0726", "blocks nested too deeply (more than \(Self.maxNestingDepth) levels)",
                                           at: tag.span, label: "nesting limit reached here")
                    .note("omni bounds nesting so that no input can exhaust the compiler's stack")
                    .helping("move deeply nested parts into partials"))
            }
            frames.append(TemplateFrame(payload: .tooDeep, name: name, openTag: tag.span, id: .none, condition: nil))
            return
        }
        switch name {
        case "if", "unless": openConditional(unless: name == "unless")
        case "each": openEach()
        case "component": openComponent()
        default:
            reportUnknownBlock(nameToken, hash: hash)
            ti = toks.count
            push(TemplateFrame(payload: .unknown, name: name, openTag: tag.span, id: .none, condition: nil))
        }
    }

    /// `for`, `foreach`, `loop` and their typos (`fro`): loops written in another language's words.
    static func isLoopLike(_ name: String) -> Bool {
        let words = ["for", "foreach", "loop", "map"]
        return words.contains(name) || words.contains { $0.sorted() == name.sorted() }
            || EditDistance.bestMatch(for: name, in: words) != nil && EditDistance.bestMatch(for: name, in: blockNames) == nil
    }

    mutating func reportUnknownBlock(_ nameToken: TemplateToken, hash: TemplateToken) {
        let name = nameToken.text
        var d = Diagnostic(.error, "E0705", "unknown block `{{#\(name)}}`", at: nameToken.span, label: "not a block")
            .note("the blocks are `{{#if}}`, `{{#unless}}`, `{{#each}}` and `{{#component}}`")
        switch name {
        case "layout":
            d = d.helping("a page chooses its layout with a comment at its top: `{{! layout: app }}`")
        case "with", "let":
            d = d.helping("write the path in full (`user.name`), or pass values to a partial: `{{> _card user=user}}`")
        case ">":
            d = d.helping("partial blocks are not supported; include a partial with `{{> name}}`")
        case _ where Self.isLoopLike(name):
            // `{{#for x in xs}}` → `{{#each xs as |x|}}`.
            let rest = Array(toks.dropFirst(2))
            if rest.count >= 3, rest[0].kind == .identifier, rest[1].text == "in" {
                let list = file.text(span(Int(rest[2].span.start), Int(rest[rest.count - 1].span.end)))
                let fixed = "each \(list) as |\(rest[0].text)|"
                d = d.helping("did you mean `{{#\(fixed)}}`? (closed by `{{/each}}`)")
                    .fixing(.replace(nameToken.span.merged(with: rest[rest.count - 1].span), with: fixed, "use `{{#\(fixed)}}`"))
            } else {
                d = d.helping("did you mean `{{#each list as |item|}}`? (closed by `{{/each}}`)")
                    .fixing(.replace(nameToken.span, with: "each", "use `each`"))
            }
        default:
            if let guess = EditDistance.bestMatch(for: name, in: Self.blockNames) {
                d = d.helping("did you mean `{{#\(guess)}}`?").fixing(.replace(nameToken.span, with: guess, "use `\(guess)`"))
            }
        }
        diagnostics.add(d)
    }

    /// Pushes a block and opens its HTML scope.
    mutating func push(_ frame: TemplateFrame) {
        var f = frame
        f.hasScope = true
        html.enterScope(tag: tag.span, block: frame.name)
        frames.append(f)
    }

    // MARK: - block-close

    mutating func parseBlockClose() {
        ti = 1
        let closeTag = tag.span
        guard let nameToken = peek, nameToken.kind == .identifier else {
            let top = frames.count > 1 ? frames[frames.count - 1] : nil
            var d = Diagnostic(.error, "E0706", "expected a block name after `{{/`", at: missingSpan, label: "expected a name here")
            if let top {
                d = d.labeled(top.openTag, "`\(written(top))` is open").fixing(.insert(top.name, at: missingSpan.startPoint, "close `\(written(top))`"))
            }
            diagnostics.add(d)
            ti = toks.count
            if top != nil { closeTop(closeTag: closeTag) }
            return
        }
        ti += 1
        expectEnd(what: "`}}`")
        let name = nameToken.text
        if frames.count > 1, frames[frames.count - 1].name == name {
            closeTop(closeTag: closeTag)
            return
        }
        if let match = frames.indices.dropFirst().last(where: { frames[$0].name == name }) {
            // `{{/each}}` while an inner block is still open: the inner blocks are unclosed.
            let inner = frames[frames.count - 1]
            if !isQuiet(inner) {
                var d = Diagnostic(.error, "E0706", "mismatched `{{/\(name)}}`: `\(written(inner))` must be closed first", at: closeTag,
                                   label: "this closes `{{#\(name)}}`")
                    .labeled(inner.openTag, "`\(written(inner))` opened here")
                let closers = frames[(match + 1)...].reversed().map { "{{/\($0.name)}}" }.joined()
                d = d.fixing(.insert(closers, at: closeTag.startPoint, "insert `\(closers)`"))
                diagnostics.add(d)
            }
            while frames.count - 1 > match { closeTop(closeTag: nil, endingAt: closeTag) }
            closeTop(closeTag: closeTag)
            return
        }
        if frames.count > 1 {
            let top = frames[frames.count - 1]
            if !isQuiet(top) {
                diagnostics.add(Diagnostic(.error, "E0706", "mismatched `{{/\(name)}}`: expected `{{/\(top.name)}}`", at: nameToken.span,
                                           label: "this does not close `\(written(top))`")
                    .labeled(top.openTag, "`\(written(top))` opened here")
                    .fixing(.replace(nameToken.span, with: top.name, "close `\(written(top))`")))
            }
            closeTop(closeTag: closeTag)
            return
        }
        var d = Diagnostic(.error, "E0707", "unexpected `{{/\(name)}}`: no `{{#\(name)}}` is open", at: closeTag, label: "nothing to close")
            .helping("remove it, or open the block before it")
        if let guess = EditDistance.bestMatch(for: name, in: Self.blockNames), !Self.blockNames.contains(name) {
            d = d.note("did you mean `{{/\(guess)}}`?")
        }
        diagnostics.add(d.fixing(.replace(closeTag, with: "", "remove it")))
    }

    /// Frames whose errors are already reported: unknown and too-deep blocks.
    func isQuiet(_ f: TemplateFrame) -> Bool {
        switch f.payload {
        case .unknown, .tooDeep: true
        default: false
        }
    }

    /// Pops the innermost block and appends it to its parent. `closeTag` is nil when the
    /// block is implicitly closed (an error was reported); `endingAt` is where it ends then.
    mutating func closeTop(closeTag: Span?, endingAt: Span? = nil) {
        var frame = frames.removeLast()
        let end = closeTag ?? endingAt ?? span(file.bytes.count, file.bytes.count)
        if frame.hasScope {
            if closeTag != nil {
                html.leaveScope(at: end, written: "{{/\(frame.name)}}")
            } else {
                html.dropScope()
            }
        }
        let whole = frame.openTag.merged(with: end)
        switch frame.payload {
        case .root, .tooDeep:
            return
        case .unknown:
            frames[frames.count - 1].items += frame.items
        case .conditional(let unless):
            var branches = frame.branches
            var elseItems: [TemplateItem]?
            if frame.elseTag != nil {
                elseItems = frame.items
            } else if let c = frame.condition {
                branches.append(TemplateBranch(condition: c, items: frame.items, tag: frame.branchTag))
            }
            let block = TemplateIf(branches: branches, elseItems: elseItems, elseTag: frame.elseTag, closeTag: closeTag)
            append(TemplateItem(id: frame.id, kind: unless ? .unlessBlock(block) : .ifBlock(block), span: whole))
        case .each(let h):
            let main = frame.elseTag == nil ? frame.items : frame.mainItems
            let each = TemplateEach(iterable: h.iterable, item: h.item, itemID: h.itemID, index: h.index, indexID: h.indexID,
                                    items: main, elseItems: frame.elseTag == nil ? nil : frame.items,
                                    openTag: frame.openTag, elseTag: frame.elseTag, closeTag: closeTag)
            append(TemplateItem(id: frame.id, kind: .eachBlock(each), span: whole))
        case .component(let name, let args):
            checkComponentContent(&frame)
            let c = TemplateComponent(name: name, arguments: args, openTag: frame.openTag, closeTag: closeTag)
            append(TemplateItem(id: frame.id, kind: .component(c), span: whole))
        }
    }

    /// At the end of the file: every block still open is reported once, innermost first.
    mutating func closeAllAtEnd() {
        let open = frames.dropFirst().filter { !isQuiet($0) }
        if let inner = open.last {
            let end = span(file.bytes.count, file.bytes.count)
            var d = Diagnostic(.error, "E0708", "`\(written(inner))` is never closed", at: inner.openTag,
                               label: "opened here")
            for other in open.dropLast().reversed().prefix(3) { d = d.labeled(other.openTag, "`\(written(other))` is still open too") }
            let closers = open.reversed().map { "{{/\($0.name)}}" }.joined()
            diagnostics.add(d.helping("close it with `{{/\(inner.name)}}`")
                .fixing(.insert(closers, at: end, "insert `\(closers)`")))
        } else if frames.count > 1, let quiet = frames.last, case .unknown = quiet.payload {
            diagnostics.add(Diagnostic(.error, "E0708", "`\(written(quiet))` is never closed", at: quiet.openTag, label: "opened here")
                .helping("close it with `{{/\(quiet.name)}}`"))
        }
        while frames.count > 1 { closeTop(closeTag: nil) }
    }

    // MARK: - else-tag := "{{else}}" | "{{else if" expression "}}"

    mutating func parseElse() {
        let elseToken = toks[0]
        ti = 1
        let isElseIf = peek?.kind == .identifier && (peek?.text == "if" || peek?.text == "unless")
        guard frames.count > 1 else {
            diagnostics.add(Diagnostic(.error, "E0709", "`{{else}}` outside of a block", at: tag.span, label: "no block is open here")
                .helping("`{{else}}` belongs inside `{{#if}}`, `{{#unless}}` or `{{#each}}`"))
            return
        }
        var frame = frames[frames.count - 1]
        let label = "`\(written(frame))` opened here"
        func misplaced(_ message: String, _ help: String) {
            diagnostics.add(Diagnostic(.error, "E0709", message, at: tag.span, label: "misplaced `else`")
                .labeled(frame.openTag, label).helping(help))
        }
        switch frame.payload {
        case .root, .unknown, .tooDeep:
            ti = toks.count
            return
        case .component:
            misplaced("`{{#component}}` has no `{{else}}`", "a component takes no content; remove the `{{else}}`")
            ti = toks.count
            return
        case .each:
            if isElseIf {
                misplaced("`{{#each}}` takes a plain `{{else}}`", "`{{else}}` in `{{#each}}` shows when the list is empty; nest an `{{#if}}` inside it for conditions")
                ti = toks.count
                return
            }
        case .conditional(let unless):
            if isElseIf, unless || peek?.text == "unless" {
                misplaced(unless ? "`{{#unless}}` takes a plain `{{else}}`" : "`{{else unless}}` is not supported",
                          "write `{{else}}`, or `{{else if (not c)}}` inside an `{{#if}}`")
                ti = toks.count
                return
            }
        }
        if let first = frame.elseTag {
            diagnostics.add(Diagnostic(.error, "E0709", isElseIf ? "`{{else if}}` after `{{else}}`" : "a second `{{else}}` in one block",
                                       at: tag.span, label: "misplaced `else`")
                .labeled(first, "the `{{else}}` is here")
                .helping(isElseIf ? "move this branch before `{{else}}`" : "a block has at most one `{{else}}`, its last branch"))
            ti = toks.count
            return
        }
        _ = elseToken
        html.leaveScope(at: tag.span, written: file.text(tag.span))
        html.enterScope(tag: tag.span, block: frame.name)
        if isElseIf {
            ti += 1
            let condition = parseCondition(header: "{{else if}}")
            if let c = frame.condition { frame.branches.append(TemplateBranch(condition: c, items: frame.items, tag: frame.branchTag)) }
            frame.condition = condition
            frame.branchTag = tag.span
            frame.items = []
        } else {
            expectEnd(what: "`}}`")
            if case .conditional = frame.payload, let c = frame.condition {
                frame.branches.append(TemplateBranch(condition: c, items: frame.items, tag: frame.branchTag))
                frame.condition = nil
            } else {
                frame.mainItems = frame.items
            }
            frame.items = []
            frame.elseTag = tag.span
        }
        frames[frames.count - 1] = frame
    }
}
