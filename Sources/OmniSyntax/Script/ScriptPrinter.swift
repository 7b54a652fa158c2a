import OmniBase

// The AST dump of the script language (`omni dump --stage ast`, snapshot tests): one line per
// node with its span, children indented. Type nodes are labelled `Type…` so they never read as
// expressions; grouping lines without a span (`Else`, `Init`, `Returns`, …) have no node of their own.

extension TreePrinter {
    /// Prints a statement and its children.
    public mutating func print(_ stmt: Stmt) {
        switch stmt.kind {
        case .variable(let decl):
            let label = decl.kind == .const ? "Const" : decl.kind == .let ? "Let" : "Var"
            node("\(label) \(decl.name.name)", stmt.span) { p in
                if let type = decl.type { p.print(type) }
                if let initializer = decl.initializer { p.print(initializer) }
            }
        case .function(let decl):
            node("FunctionDecl \(decl.name.name)", stmt.span) { p in
                p.print(decl.signature)
                p.printBody(decl.body)
            }
        case .expression(let e):
            node("ExprStmt", stmt.span) { p in p.print(e) }
        case .if(let condition, let then, let otherwise):
            node("If", stmt.span) { p in
                p.print(condition)
                p.print(then)
                if let otherwise { p.node("Else", nil) { p in p.print(otherwise) } }
            }
        case .forOf(let binding, let name, let iterable, let body):
            node("ForOf \(binding.rawValue) \(name.name)", stmt.span) { p in
                p.print(iterable)
                p.print(body)
            }
        case .for(let initializer, let condition, let update, let body):
            node("For", stmt.span) { p in
                if let initializer { p.node("Init", nil) { p in p.print(initializer) } }
                if let condition { p.node("Condition", nil) { p in p.print(condition) } }
                if let update { p.node("Update", nil) { p in p.print(update) } }
                p.print(body)
            }
        case .while(let condition, let body):
            node("While", stmt.span) { p in
                p.print(condition)
                p.print(body)
            }
        case .doWhile(let body, let condition):
            node("DoWhile", stmt.span) { p in
                p.print(body)
                p.print(condition)
            }
        case .return(let value):
            node("Return", stmt.span) { p in if let value { p.print(value) } }
        case .break:
            line("Break", stmt.span)
        case .continue:
            line("Continue", stmt.span)
        case .block(let statements):
            node("Block", stmt.span) { p in for s in statements { p.print(s) } }
        case .empty:
            line("Empty", stmt.span)
        case .error:
            line("ErrorStmt", stmt.span)
        }
    }

    /// Prints an expression and its children.
    public mutating func print(_ expr: Expr) {
        switch expr.kind {
        case .number(let v):
            line("Number \(ScriptToken.formatNumber(v))", expr.span)
        case .string(let s):
            line("String \(Self.quote(s))", expr.span)
        case .template(let quasis, let exprs):
            node("Template", expr.span) { p in
                for (i, quasi) in quasis.enumerated() {
                    p.line("Quasi \(Self.quote(quasi))", nil)
                    if i < exprs.count { p.print(exprs[i]) }
                }
            }
        case .bool(let b):
            line("Bool \(b)", expr.span)
        case .null:
            line("Null", expr.span)
        case .identifier(let name):
            line("Identifier \(name)", expr.span)
        case .array(let elements):
            node("Array", expr.span) { p in for e in elements { p.print(e) } }
        case .object(let properties):
            node("Object", expr.span) { p in for property in properties { p.print(property) } }
        case .unary(let op, let operand, _):
            node("Unary \(op.rawValue)", expr.span) { p in p.print(operand) }
        case .postfix(let op, let operand, _):
            node("Postfix \(op.rawValue)", expr.span) { p in p.print(operand) }
        case .binary(let op, let left, let right, _):
            node("Binary \(op.rawValue)", expr.span) { p in
                p.print(left)
                p.print(right)
            }
        case .assign(let op, let target, let value, _):
            node("Assign \(op.rawValue)", expr.span) { p in
                p.print(target)
                p.print(value)
            }
        case .conditional(let condition, let then, let otherwise):
            node("Conditional", expr.span) { p in
                p.print(condition)
                p.print(then)
                p.print(otherwise)
            }
        case .call(let callee, let arguments, let optional):
            node(optional ? "Call ?." : "Call", expr.span) { p in
                p.print(callee)
                for a in arguments { p.print(a) }
            }
        case .member(let base, let name, let optional):
            node("Member \(optional ? "?." : ".")\(name.name)", expr.span) { p in p.print(base) }
        case .index(let base, let index, let optional):
            node(optional ? "Index ?." : "Index", expr.span) { p in
                p.print(base)
                p.print(index)
            }
        case .arrow(let signature, let body):
            node("Arrow", expr.span) { p in
                p.print(signature)
                switch body {
                case .expression(let e): p.print(e)
                case .block(let statements, let span): p.node("Block", span) { p in for s in statements { p.print(s) } }
                }
            }
        case .function(let name, let signature, let body):
            node(name.map { "Function \($0.name)" } ?? "Function", expr.span) { p in
                p.print(signature)
                p.printBody(body)
            }
        case .paren(let inner):
            node("Paren", expr.span) { p in p.print(inner) }
        case .asType(let value, let type):
            node("As", expr.span) { p in
                p.print(value)
                p.print(type)
            }
        case .nonNull(let value):
            node("NonNull", expr.span) { p in p.print(value) }
        case .sequence(let items):
            node("Sequence", expr.span) { p in for e in items { p.print(e) } }
        case .error:
            line("Error", expr.span)
        }
    }

    /// Prints a type annotation and its children.
    public mutating func print(_ type: TypeExpr) {
        switch type.kind {
        case .named(let name, let arguments):
            node("TypeName \(name.name)", type.span) { p in for a in arguments { p.print(a) } }
        case .array(let element):
            node("TypeArray", type.span) { p in p.print(element) }
        case .optional(let wrapped):
            node("TypeOptional", type.span) { p in p.print(wrapped) }
        case .object(let members):
            node("TypeObject", type.span) { p in
                for m in members {
                    p.node("Member \(m.name.name)\(m.optional ? "?" : "")", m.span) { p in p.print(m.type) }
                }
            }
        case .function(let params, let returns):
            node("TypeFunction", type.span) { p in
                for param in params { p.print(param) }
                p.node("Returns", nil) { p in p.print(returns) }
            }
        case .union(let members):
            node("TypeUnion", type.span) { p in for m in members { p.print(m) } }
        case .stringLiteral(let s):
            line("TypeString \(Self.quote(s))", type.span)
        case .paren(let inner):
            node("TypeParen", type.span) { p in p.print(inner) }
        case .error:
            line("TypeError", type.span)
        }
    }

    mutating func print(_ element: ArrayElement) {
        if element.spread {
            node("Spread", element.span) { p in p.print(element.value) }
        } else {
            print(element.value)
        }
    }

    mutating func print(_ property: ObjectProperty) {
        switch property.kind {
        case .keyValue(let key, let value, let shorthand):
            if shorthand {
                line("Shorthand \(key.name)", property.span)
            } else {
                node("Property \(Self.quoteKey(key.name))", property.span) { p in p.print(value) }
            }
        case .computed(let key, let value):
            node("Computed", property.span) { p in
                p.print(key)
                p.print(value)
            }
        case .spread(let value):
            node("Spread", property.span) { p in p.print(value) }
        case .method(let key, let signature, let body):
            node("Method \(Self.quoteKey(key.name))", property.span) { p in
                p.print(signature)
                p.printBody(body)
            }
        }
    }

    mutating func print(_ signature: FunctionSignature) {
        for param in signature.params {
            let label = "Param \(param.rest ? "..." : "")\(param.name.name)\(param.optional ? "?" : "")"
            node(label, param.span) { p in
                if let type = param.type { p.print(type) }
                if let d = param.defaultValue { p.node("Default", nil) { p in p.print(d) } }
            }
        }
        if let returnType = signature.returnType { node("Returns", nil) { p in p.print(returnType) } }
    }

    mutating func printBody(_ body: [Stmt]) {
        node("Body", nil) { p in for s in body { p.print(s) } }
    }

    /// Keys that are plain names print bare; others quoted.
    static func quoteKey(_ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isXIDContinue || $0 == "$" }
            && !(key.unicodeScalars.first.map { $0.properties.numericType != nil } ?? true)
        return plain ? key : quote(key)
    }
}
