import OmniBase
import OmniSema
@testable import OmniIR

/// Builds IR by hand for tests of the passes and the evaluator (no front end needed).
struct IRBuilder {
    var symbols: [IRSymbol] = []
    let span = Span(file: FileID(0), start: 0, end: 0)

    mutating func sym(_ name: String, _ kind: SymbolKind, _ type: SemaType) -> SymbolID {
        let id = SymbolID(symbols.count)
        symbols.append(IRSymbol(id: id, name: name, kind: kind, type: type))
        return id
    }

    func e(_ k: IRExprKind, _ t: SemaType = .number) -> IRExpr { IRExpr(k, type: t, span: span) }
    func num(_ n: Double) -> IRExpr { e(.number(n)) }
    func str(_ s: String) -> IRExpr { e(.string(s), .string) }
    func bool(_ b: Bool) -> IRExpr { e(.bool(b), .bool) }
    func bin(_ op: IRBinaryOp, _ a: IRExpr, _ b: IRExpr, _ t: SemaType = .number) -> IRExpr { e(.binary(op, a, b), t) }
    func local(_ s: SymbolID, _ t: SemaType = .number) -> IRExpr { e(.local(s), t) }
    func get(_ s: SymbolID, _ t: SemaType = .number) -> IRExpr { e(.signalGet(s), t) }
    func set(_ s: SymbolID, _ v: IRExpr) -> IRExpr { e(.signalSet(s, v), .void) }
    func call(_ f: SymbolID, _ args: [IRExpr], _ t: SemaType = .number) -> IRExpr { e(.call(f, args.map { IRArg($0) }), t) }
    func stmt(_ k: IRStmtKind) -> IRStmt { IRStmt(k, span: span) }
    func ret(_ x: IRExpr) -> IRStmt { stmt(.return(x)) }
    func node(_ k: IRNodeKind) -> IRNode { IRNode(k, span: span) }
    func text(_ x: IRExpr) -> IRNode { node(.dynamicText(x, binding: nil)) }
    func el(_ tag: String, _ attrs: [IRAttribute] = [], _ children: [IRNode] = []) -> IRNode {
        node(.element(tag: tag, attributes: attrs, children: children))
    }
    func attr(_ name: String, _ v: IRAttributeValue) -> IRAttribute { IRAttribute(name: name, value: v, span: span) }
    func decl(_ k: IRDeclKind) -> IRDecl { IRDecl(kind: k, span: span) }
    func lambda(_ params: [IRParam], _ body: [IRStmt], _ t: SemaType = .function(FunctionType(params: [], returns: .void))) -> IRExpr {
        e(.lambda(IRLambda(params: params, body: body, returnType: .void)), t)
    }
    func function(_ s: SymbolID, _ params: [SymbolID], _ body: [IRStmt], returns: SemaType = .number) -> IRFunction {
        IRFunction(symbol: s, params: params.map { IRParam(symbol: $0, type: symbols[$0.raw].type) }, body: body, returnType: returns, span: span)
    }

    func component(_ name: String = "Test", props: [IRProp] = [], state: [IRDecl] = [], functions: [IRFunction] = [],
                   effects: [IREffect] = [], template: [IRNode] = []) -> IRComponent {
        IRComponent(name: name, path: "", symbols: symbols, props: props, state: state, functions: functions, effects: effects,
                    template: template, dependencies: IRDependencies(), span: span)
    }
}
