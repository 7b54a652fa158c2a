import OmniBase

// The AST dump of the script language (`omni dump --stage ast`, snapshot tests): one line per
// node with its span, children indented. Printing uses an explicit stack, not recursion. Type nodes are labelled `Type…` so they never read as
// expressions; grouping lines without a span (`Else`, `Init`, `Returns`, …) have no node of their own.

extension TreePrinter {
    /// Prints a statement and its children.
    public mutating func print(_ stmt: Stmt) { printScript(.stmt(stmt)) }

    /// Prints an expression and its children.
    public mutating func print(_ expr: Expr) { printScript(.expr(expr)) }

    /// Prints a type annotation and its children.
    public mutating func print(_ type: TypeExpr) { printScript(.type(type)) }

    /// One line of the dump and what goes under it.
    enum ScriptItem {
        case stmt(Stmt)
        case expr(Expr)
        case type(TypeExpr)
        case element(ArrayElement)
        case property(ObjectProperty)
        case param(Param)
        case member(TypeMember)
        /// A line without a span (`Else`, `Body`, …) and its children.
        case group(String, [ScriptItem])
        case leaf(String, Span?)
        /// A line with a span that is not a node of its own (an arrow's block body).
        case block(Span, [ScriptItem])
    }

    /// Prints without recursion (an explicit stack), so deep trees print on small thread stacks.
    mutating func printScript(_ root: ScriptItem) {
        var stack: [(item: ScriptItem, level: Int)] = [(root, 0)]
        while let (item, level) = stack.popLast() {
            let (label, span, children) = Self.describe(item)
            line(String(repeating: "  ", count: level) + label, span)
            for child in children.reversed() { stack.append((child, level + 1)) }
        }
    }

    /// The label, span and children of one item.
    static func describe(_ item: ScriptItem) -> (String, Span?, [ScriptItem]) {
        switch item {
        case .stmt(let s): return describe(s)
        case .expr(let e): return describe(e)
        case .type(let t): return describe(t)
        case .element(let e): return e.spread ? ("Spread", e.span, [.expr(e.value)]) : describe(e.value)
        case .property(let p): return describe(p)
        case .param(let param):
            var children: [ScriptItem] = []
            if let type = param.type { children.append(.type(type)) }
            if let d = param.defaultValue { children.append(.group("Default", [.expr(d)])) }
            return ("Param \(param.rest ? "..." : "")\(param.name.name)\(param.optional ? "?" : "")", param.span, children)
        case .member(let m):
            return ("Member \(m.name.name)\(m.optional ? "?" : "")", m.span, [.type(m.type)])
        case .group(let label, let children):
            return (label, nil, children)
        case .leaf(let label, let span):
            return (label, span, [])
        case .block(let span, let children):
            return ("Block", span, children)
        }
    }

    static func describe(_ stmt: Stmt) -> (String, Span?, [ScriptItem]) {
        switch stmt.kind {
        case .variable(let decl):
            let label = decl.kind == .const ? "Const" : decl.kind == .let ? "Let" : "Var"
            var children: [ScriptItem] = []
            if let type = decl.type { children.append(.type(type)) }
            if let initializer = decl.initializer { children.append(.expr(initializer)) }
            return ("\(label) \(decl.name.name)", stmt.span, children)
        case .function(let decl):
            return ("FunctionDecl \(decl.name.name)", stmt.span, signature(decl.signature) + [body(decl.body)])
        case .expression(let e):
            return ("ExprStmt", stmt.span, [.expr(e)])
        case .if(let condition, let then, let otherwise):
            var children: [ScriptItem] = [.expr(condition), .stmt(then)]
            if let otherwise { children.append(.group("Else", [.stmt(otherwise)])) }
            return ("If", stmt.span, children)
        case .forOf(let binding, let name, let iterable, let body):
            return ("ForOf \(binding.rawValue) \(name.name)", stmt.span, [.expr(iterable), .stmt(body)])
        case .for(let initializer, let condition, let update, let body):
            var children: [ScriptItem] = []
            if let initializer { children.append(.group("Init", [.stmt(initializer)])) }
            if let condition { children.append(.group("Condition", [.expr(condition)])) }
            if let update { children.append(.group("Update", [.expr(update)])) }
            children.append(.stmt(body))
            return ("For", stmt.span, children)
        case .while(let condition, let body):
            return ("While", stmt.span, [.expr(condition), .stmt(body)])
        case .doWhile(let body, let condition):
            return ("DoWhile", stmt.span, [.stmt(body), .expr(condition)])
        case .return(let value):
            return ("Return", stmt.span, value.map { [.expr($0)] } ?? [])
        case .break:
            return ("Break", stmt.span, [])
        case .continue:
            return ("Continue", stmt.span, [])
        case .block(let statements):
            return ("Block", stmt.span, statements.map { .stmt($0) })
        case .empty:
            return ("Empty", stmt.span, [])
        case .error:
            return ("ErrorStmt", stmt.span, [])
        }
    }

    static func describe(_ expr: Expr) -> (String, Span?, [ScriptItem]) {
        switch expr.kind {
        case .number(let v):
            return ("Number \(ScriptToken.formatNumber(v))", expr.span, [])
        case .string(let s):
            return ("String \(quote(s))", expr.span, [])
        case .template(let quasis, let exprs):
            var children: [ScriptItem] = []
            for (i, quasi) in quasis.enumerated() {
                children.append(.leaf("Quasi \(quote(quasi))", nil))
                if i < exprs.count { children.append(.expr(exprs[i])) }
            }
            return ("Template", expr.span, children)
        case .bool(let b):
            return ("Bool \(b)", expr.span, [])
        case .null:
            return ("Null", expr.span, [])
        case .identifier(let name):
            return ("Identifier \(name)", expr.span, [])
        case .array(let elements):
            return ("Array", expr.span, elements.map { .element($0) })
        case .object(let properties):
            return ("Object", expr.span, properties.map { .property($0) })
        case .unary(let op, let operand, _):
            return ("Unary \(op.rawValue)", expr.span, [.expr(operand)])
        case .postfix(let op, let operand, _):
            return ("Postfix \(op.rawValue)", expr.span, [.expr(operand)])
        case .binary(let op, let left, let right, _):
            return ("Binary \(op.rawValue)", expr.span, [.expr(left), .expr(right)])
        case .assign(let op, let target, let value, _):
            return ("Assign \(op.rawValue)", expr.span, [.expr(target), .expr(value)])
        case .conditional(let condition, let then, let otherwise):
            return ("Conditional", expr.span, [.expr(condition), .expr(then), .expr(otherwise)])
        case .call(let callee, let arguments, let optional):
            return (optional ? "Call ?." : "Call", expr.span, [.expr(callee)] + arguments.map { .element($0) })
        case .member(let base, let name, let optional):
            return ("Member \(optional ? "?." : ".")\(name.name)", expr.span, [.expr(base)])
        case .index(let base, let index, let optional):
            return (optional ? "Index ?." : "Index", expr.span, [.expr(base), .expr(index)])
        case .arrow(let sig, let arrowBody):
            switch arrowBody {
            case .expression(let e):
                return ("Arrow", expr.span, signature(sig) + [.expr(e)])
            case .block(let statements, let span):
                return ("Arrow", expr.span, signature(sig) + [.block(span, statements.map { .stmt($0) })])
            }
        case .function(let name, let sig, let statements):
            return (name.map { "Function \($0.name)" } ?? "Function", expr.span, signature(sig) + [body(statements)])
        case .paren(let inner):
            return ("Paren", expr.span, [.expr(inner)])
        case .asType(let value, let type):
            return ("As", expr.span, [.expr(value), .type(type)])
        case .nonNull(let value):
            return ("NonNull", expr.span, [.expr(value)])
        case .sequence(let items):
            return ("Sequence", expr.span, items.map { .expr($0) })
        case .error:
            return ("Error", expr.span, [])
        }
    }

    static func describe(_ type: TypeExpr) -> (String, Span?, [ScriptItem]) {
        switch type.kind {
        case .named(let name, let arguments):
            return ("TypeName \(name.name)", type.span, arguments.map { .type($0) })
        case .array(let element):
            return ("TypeArray", type.span, [.type(element)])
        case .optional(let wrapped):
            return ("TypeOptional", type.span, [.type(wrapped)])
        case .object(let members):
            return ("TypeObject", type.span, members.map { .member($0) })
        case .function(let params, let returns):
            return ("TypeFunction", type.span, params.map { .type($0) } + [.group("Returns", [.type(returns)])])
        case .union(let members):
            return ("TypeUnion", type.span, members.map { .type($0) })
        case .stringLiteral(let s):
            return ("TypeString \(quote(s))", type.span, [])
        case .paren(let inner):
            return ("TypeParen", type.span, [.type(inner)])
        case .error:
            return ("TypeError", type.span, [])
        }
    }

    static func describe(_ property: ObjectProperty) -> (String, Span?, [ScriptItem]) {
        switch property.kind {
        case .keyValue(let key, let value, let shorthand):
            return shorthand ? ("Shorthand \(key.name)", property.span, [])
                             : ("Property \(quoteKey(key.name))", property.span, [.expr(value)])
        case .computed(let key, let value):
            return ("Computed", property.span, [.expr(key), .expr(value)])
        case .spread(let value):
            return ("Spread", property.span, [.expr(value)])
        case .method(let key, let sig, let statements):
            return ("Method \(quoteKey(key.name))", property.span, signature(sig) + [body(statements)])
        }
    }

    /// A signature prints as its parameters and a `Returns` line, directly under the function.
    static func signature(_ signature: FunctionSignature) -> [ScriptItem] {
        var items: [ScriptItem] = signature.params.map { .param($0) }
        if let returnType = signature.returnType { items.append(.group("Returns", [.type(returnType)])) }
        return items
    }

    static func body(_ statements: [Stmt]) -> ScriptItem { .group("Body", statements.map { .stmt($0) }) }

    /// Keys that are plain names print bare; others quoted.
    static func quoteKey(_ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isXIDContinue || $0 == "$" }
            && !(key.unicodeScalars.first.map { $0.properties.numericType != nil } ?? true)
        return plain ? key : quote(key)
    }
}
