import OmniBase
import OmniSema
import OmniSyntax

// `{{#each list as |item index|}} … {{else}} … {{/each}}` → a `for` loop over the list
// (`?? []` when it may be absent), under `if list.isEmpty { else } else { … }` when there is
// an `{{else}}`. The position (`@index`, `@first`, `@last`, the index name) and the count
// (`@last`) are computed only when the body reads them, so the generated code has no
// unused locals.

/// A `{{#each}}` block being compiled: the Swift names of its item, position and list.
struct EachScope {
    var file: FileID
    var itemID: NodeID
    var indexID: NodeID?
    var itemName: String
    var indexName: String?
    var itemVar: String
    var itemType: ServerType
    /// `omni_n3` from `enumerated()`, when the body needs the position.
    var offsetVar: String?
    /// The bound list, when the body needs its count.
    var listVar: String?
}

/// Which `{{#each}}` blocks of one template read their position or count, by item NodeID.
struct EachUsage {
    var offsets: Set<NodeID> = []
    var counts: Set<NodeID> = []

    init() {}

    init(scanning template: CheckedTemplate) {
        var stack: [TemplateEach] = []
        scan(template.ast.items, &stack, template)
    }

    mutating func scan(_ items: [TemplateItem], _ stack: inout [TemplateEach], _ t: CheckedTemplate) {
        for item in items {
            switch item.kind {
            case .output(let o), .rawOutput(let o): scan(o.expression, stack, t)
            case .ifBlock(let b), .unlessBlock(let b):
                for branch in b.branches {
                    scan(branch.condition, stack, t)
                    scan(branch.items, &stack, t)
                }
                scan(b.elseItems ?? [], &stack, t)
            case .eachBlock(let e):
                scan(e.iterable, stack, t)
                stack.append(e)
                scan(e.items, &stack, t)
                stack.removeLast()
                scan(e.elseItems ?? [], &stack, t)
            case .partial(let p): for a in p.arguments { scan(a.value, stack, t) }
            case .component(let c): for a in c.arguments { scan(a.value, stack, t) }
            case .text, .comment, .layout, .yield: break
            }
        }
    }

    mutating func scan(_ e: TemplateExpr, _ stack: [TemplateEach], _ t: CheckedTemplate) {
        switch e.kind {
        case .data(let d):
            guard let each = stack.last else { return }
            offsets.insert(each.itemID)
            if d == .last { counts.insert(each.itemID) }
        case .path(let p):
            let root = t.roots[e.id]
            if case .eachIndex(let id) = root, let each = stack.last(where: { $0.indexID == id }) {
                offsets.insert(each.itemID)
            } else if root == nil, !p.isThis, let first = p.segments.first?.name,
                      let each = stack.last(where: { $0.index?.name == first }) {
                offsets.insert(each.itemID)
            }
        case .helper(_, _, let args):
            for a in args { scan(a, stack, t) }
        case .string, .number, .bool, .null, .error:
            break
        }
    }
}

extension TemplateGen {
    mutating func eachBlock(_ e: TemplateEach) -> [SwiftStmt] {
        let list = value(e.iterable)
        var listType = list.type
        var listExpr = list.expr
        if case .optional(let inner) = listType {
            listType = inner
            listExpr = .binary(list.expr, "??", .array([]))
        }
        let elementType: ServerType
        if case .list(let element) = listType { elementType = element } else { elementType = .error }

        let needsOffset = usage.offsets.contains(e.itemID)
        let needsCount = usage.counts.contains(e.itemID)
        var stmts: [SwiftStmt] = []
        var sequence = listExpr
        var listVar: String?
        if e.elseItems != nil || needsCount {
            let name = fresh("list")
            stmts.append(.binding(isVar: false, name: name, type: nil, value: listExpr))
            sequence = .identifier(name)
            listVar = name
        }
        let offsetVar = needsOffset ? fresh("n") : nil
        let scope = EachScope(file: current.file, itemID: e.itemID, indexID: e.indexID, itemName: e.item.name,
                              indexName: e.index?.name, itemVar: Self.localName(e.item.name), itemType: elementType,
                              offsetVar: offsetVar, listVar: listVar)

        let before = html
        scopes.append(scope)
        var body: [SwiftStmt] = []
        if let index = e.index, let offsetVar, usesIndexName(e) {
            body.append(.binding(isVar: false, name: Self.localName(index.name), type: nil,
                                 value: .call(.identifier("Int64"), [SwiftArgument(nil, .identifier(offsetVar))])))
        }
        body += items(e.items)
        scopes.removeLast()
        let afterBody = html
        let pattern = offsetVar.map { "(\($0), \(SwiftRenderer.name(scope.itemVar)))" } ?? SwiftRenderer.name(scope.itemVar)
        let loop = SwiftStmt.forIn(pattern: pattern, offsetVar == nil ? sequence : .call(.member(sequence, "enumerated"), []), body)

        if let elseItems = e.elseItems, let listVar {
            html = before
            let elseBody = items(elseItems)
            html = AttributeTracker.merge([before, afterBody, html])
            lastNote = nil
            stmts.append(.if([(.expr(.member(.identifier(listVar), "isEmpty")), elseBody)], else: [loop]))
        } else {
            html = AttributeTracker.merge([before, afterBody])
            lastNote = nil
            stmts.append(loop)
        }
        return stmts
    }

    /// Whether the body reads the block's index name (not only `@index`).
    func usesIndexName(_ e: TemplateEach) -> Bool {
        guard let indexID = e.indexID, let indexName = e.index?.name else { return false }
        var found = false
        TemplateWalk.items(e.items, item: { _ in }) { x in
            guard case .path(let p) = x.kind else { return }
            if let root = current.roots[x.id] {
                if root == .eachIndex(indexID) { found = true }
            } else if !p.isThis, p.segments.first?.name == indexName {
                found = true
            }
        }
        return found
    }

    /// The Swift local for a block parameter: the user's name, unless it could clash with
    /// the render function's own names, a type the generated code names (`Int64`, …) or a
    /// generated name; then `omni_` + name.
    static func localName(_ name: String) -> String {
        let reserved: Set<String> = ["out", "ctx", "env", "layout", "self", "Self", "super"]
        guard SwiftRenderer.isIdentifier(name), !reserved.contains(name), !name.hasPrefix("omni"),
              let first = name.unicodeScalars.first, !first.properties.isUppercase else {
            return "omni_" + String(name.unicodeScalars.map { SwiftRenderer.isIdentifier("a" + String($0)) ? Character($0) : "_" })
        }
        return name
    }
}
