/// Long literal values of properties (tables of migrations, list specs) printed one element
/// per line, so generated tables stay readable.
extension SwiftRenderer {
    /// The widest line a wrapped property value aims for.
    static let wrapWidth = 120

    /// `e` at `indent`: on one line when it fits in `wrapWidth` columns, else an array
    /// literal with one element per line, or a call whose last argument is such an array
    /// with that argument wrapped. Other expressions stay on one line.
    static func wrapped(_ e: SwiftExpr, indent: Int, column: Int) -> String {
        let one = expressionIndented(e, indent)
        if column + one.count <= wrapWidth || one.contains("\n") { return one }
        let pad = String(repeating: "    ", count: indent)
        switch e {
        case .array(let items) where !items.isEmpty:
            let inner = pad + "    "
            return "[\n" + items.map { inner + wrapped($0, indent: indent + 1, column: inner.count) + ",\n" }.joined() + pad + "]"
        case .call(let callee, let args, nil) where !args.isEmpty:
            guard let last = args.last, case .array = last.value else { return one }
            let head = expression(callee) + "(" + args.dropLast().map { ($0.label.map { "\(label($0)): " } ?? "") + expression($0.value) + ", " }.joined()
                + (last.label.map { "\(label($0)): " } ?? "")
            return head + wrapped(last.value, indent: indent, column: wrapWidth) + ")"
        default:
            return one
        }
    }
}
