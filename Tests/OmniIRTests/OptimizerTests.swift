import OmniBase
import OmniSema
import Testing
@testable import OmniIR

/// The passes on hand-built IR: each shows its effect in the printed IR, and the optimized
/// component evaluates exactly like the original.
@Suite struct OptimizerTests {
    func expectSameBehaviour(_ c: IRComponent, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let before = IREvaluator.evaluate(c)
        for level in 0...3 {
            let after = IREvaluator.evaluate(Optimizer.optimize(c, level: level))
            #expect(before == after, "level \(level)", sourceLocation: sourceLocation)
        }
    }

    @Test func folds_arithmetic_and_strings() {
        var b = IRBuilder()
        let secs = b.sym("secs", .constant, .number)
        let label = b.sym("label", .constant, .string)
        let c = b.component(state: [
            b.decl(.constant(secs, b.bin(.multiply, b.bin(.multiply, b.num(60), b.num(60)), b.num(24)))),
            b.decl(.constant(label, b.bin(.add, b.str("n="), b.bin(.divide, b.num(1), b.num(0)), .string))),
        ], template: [b.el("p", [], [b.text(b.local(secs)), b.text(b.local(label, .string))])])
        let folded = Optimizer.optimize(c, level: 1)
        let text = IRPrinter.print(folded)
        #expect(text.contains("const secs: number = 86400"))
        #expect(text.contains("const label: number = \"n=Infinity\"") || text.contains("const label: string = \"n=Infinity\""))
        #expect(IREvaluator.evaluate(c).renders == ["<p>86400n=Infinity</p>"])
        // Level 2 propagates the constants into the template and removes the declarations.
        let opt = IRPrinter.print(Optimizer.optimize(c, level: 2))
        #expect(!opt.contains("const secs"))
        #expect(opt.contains("text \"86400n=Infinity\""))
        expectSameBehaviour(c)
    }

    @Test func folds_javascript_semantics() {
        var b = IRBuilder()
        _ = b.sym("x", .constant, .number)
        let cases: [(IRExpr, String)] = [
            (b.bin(.remainder, b.num(-7), b.num(3)), "-1"),
            (b.bin(.shiftLeft, b.num(1), b.num(31)), "-2147483648"),
            (b.bin(.unsignedShiftRight, b.num(-1), b.num(0)), "4294967295"),
            (b.bin(.power, b.num(2), b.num(10)), "1024"),
            (b.bin(.divide, b.num(0), b.num(0)), "NaN"),
            (b.bin(.equal, b.bin(.divide, b.num(0), b.num(0)), b.bin(.divide, b.num(0), b.num(0)), .bool), "false"),
            (b.bin(.add, b.num(0.1), b.num(0.2)), "0.30000000000000004"),
            (b.e(.builtin(.mathFloor, [IRArg(b.num(2.7))])), "2"),
            (b.e(.method(.stringToUpperCase, receiver: b.str("ab"), []), .string), "\"AB\""),
            (b.e(.template(quasis: ["a", "b"], parts: [b.num(1e21)]), .string), "\"a1e+21b\""),
            (b.e(.logical(.and, b.bool(true), b.str("yes")), .string), "\"yes\""),
            (b.e(.conditional(b.bool(false), b.num(1), b.num(2))), "2"),
        ]
        for (expr, expected) in cases {
            let c = b.component(state: [b.decl(.constant(SymbolID(0), expr))])
            let text = IRPrinter.print(Optimizer.optimize(c, level: 1))
            #expect(text.contains("= \(expected)"), "\(text)")
            expectSameBehaviour(b.component(state: [b.decl(.constant(SymbolID(0), expr))], template: [b.text(b.local(SymbolID(0)))]))
        }
    }

    @Test func prunes_branches() {
        var b = IRBuilder()
        let n = b.sym("n", .variable, .number)
        let f = b.sym("f", .function, .function(FunctionType(params: [], returns: .number)))
        let fn = b.function(f, [], [
            b.stmt(.if(b.bool(false), then: [b.ret(b.num(1))], else: [])),
            b.stmt(.while(b.bin(.less, b.num(2), b.num(1), .bool), [b.stmt(.expr(b.e(.assign(.assign, .local(n), b.num(9)))))])),
            b.ret(b.num(2)),
            b.stmt(.expr(b.e(.assign(.assign, .local(n), b.num(3))))),
        ])
        let c = b.component(state: [b.decl(.variable(n, b.num(0)))], functions: [fn], template: [
            b.node(.if([IRBranch(condition: b.bool(false), binding: nil, children: [b.el("b")]),
                        IRBranch(condition: b.bin(.greater, b.local(n), b.num(0), .bool), binding: nil, children: [b.el("i")])],
                       else: [b.el("u")])),
            b.node(.if([IRBranch(condition: b.bin(.strictEqual, b.num(1), b.num(1), .bool), binding: nil, children: [b.el("em")])], else: nil)),
            b.text(b.call(f, [])),
        ])
        let text = IRPrinter.print(Optimizer.optimize(c, level: 1))
        #expect(!text.contains("if (false)"))
        #expect(!text.contains("while"))
        #expect(!text.contains("n = 3"))
        #expect(!text.contains("<b />"))
        #expect(text.contains("<em />") && !text.contains("(1 === 1)"))
        #expect(IREvaluator.evaluate(c).renders == ["<u></u><em></em>2"])
        expectSameBehaviour(c)
    }

    @Test func removes_unused_declarations_but_keeps_roots() {
        var b = IRBuilder()
        let used = b.sym("used", .constant, .signal(.number))
        let unused = b.sym("unused", .constant, .signal(.number))
        let sideEffect = b.sym("logged", .constant, .number)
        let helper = b.sym("helper", .function, .function(FunctionType(params: [], returns: .number)))
        let handler = b.sym("onClick", .function, .function(FunctionType(params: [], returns: .void)))
        let c = b.component(state: [
            b.decl(.signal(used, initial: b.num(1))),
            b.decl(.signal(unused, initial: b.num(2))),
            b.decl(.constant(sideEffect, b.e(.builtin(.consoleLog, [IRArg(b.str("hi"))]), .void))),
        ], functions: [
            b.function(helper, [], [b.ret(b.num(5))]),
            b.function(handler, [], [b.stmt(.expr(b.set(used, b.bin(.add, b.get(used), b.num(1)))))], returns: .void),
        ], template: [b.el("button", [b.attr("click", .event(b.e(.functionRef(handler))))], [b.text(b.get(used))])])
        let text = IRPrinter.print(Optimizer.optimize(c, level: 2))
        #expect(!text.contains("signal unused"))
        #expect(!text.contains("function helper"))
        #expect(text.contains("signal used"))
        #expect(text.contains("function onClick"))
        #expect(text.contains("const logged"))
        let run = IREvaluator.evaluate(c)
        #expect(run.renders == ["<button>1</button>", "<button>2</button>", "<button>3</button>", "<button>4</button>",
                                "<button>5</button>", "<button>6</button>", "<button>7</button>"])
        #expect(run.log == ["hi"])
        expectSameBehaviour(c)
    }

    @Test func inlines_small_helpers() {
        var b = IRBuilder()
        let count = b.sym("count", .constant, .signal(.number))
        let double = b.sym("double", .function, .function(FunctionType(params: [.number], returns: .number)))
        let x = b.sym("x", .parameter, .number)
        let bump = b.sym("bump", .function, .function(FunctionType(params: [.number], returns: .void)))
        let by = b.sym("by", .parameter, .number)
        let t = b.sym("t", .constant, .number)
        let click = b.sym("click", .function, .function(FunctionType(params: [], returns: .void)))
        let c = b.component(state: [b.decl(.signal(count, initial: b.num(1)))], functions: [
            b.function(double, [x], [b.ret(b.bin(.multiply, b.local(x), b.num(2)))]),
            b.function(bump, [by], [
                b.stmt(.let(t, b.bin(.add, b.get(count), b.local(by)))),
                b.stmt(.expr(b.set(count, b.local(t)))),
            ], returns: .void),
            b.function(click, [], [b.stmt(.expr(b.call(bump, [b.call(double, [b.num(3)])], .void)))], returns: .void),
        ], template: [
            b.el("button", [b.attr("click", .event(b.e(.functionRef(click))))], [b.text(b.call(double, [b.get(count)]))]),
        ])
        let opt = Optimizer.optimize(c, level: 2)
        let text = IRPrinter.print(opt)
        #expect(text.contains("{count.get() * 2}"))
        #expect(!text.contains("function double"))
        #expect(!text.contains("function bump"))
        #expect(text.contains("let t#"))  // the inlined local got a fresh slot; `by` was propagated away
        #expect(text.contains("function click"))
        #expect(IREvaluator.evaluate(c).renders.prefix(3) == ["<button>2</button>", "<button>14</button>", "<button>26</button>"])
        expectSameBehaviour(c)
    }

    @Test func does_not_inline_recursion() {
        var b = IRBuilder()
        let fact = b.sym("fact", .function, .function(FunctionType(params: [.number], returns: .number)))
        let n = b.sym("n", .parameter, .number)
        let c = b.component(functions: [
            b.function(fact, [n], [b.ret(b.e(.conditional(b.bin(.lessEqual, b.local(n), b.num(1), .bool), b.num(1),
                                                            b.bin(.multiply, b.local(n), b.call(fact, [b.bin(.subtract, b.local(n), b.num(1))])))))]),
        ], template: [b.text(b.call(fact, [b.num(5)]))])
        let text = IRPrinter.print(Optimizer.optimize(c, level: 3))
        #expect(text.contains("function fact"))
        #expect(IREvaluator.evaluate(c).renders == ["120"])
        expectSameBehaviour(c)
    }

    @Test func evaluator_never_hangs_or_traps() {
        var b = IRBuilder()
        let f = b.sym("spin", .function, .function(FunctionType(params: [], returns: .void)))
        let g = b.sym("deep", .function, .function(FunctionType(params: [], returns: .number)))
        let c = b.component(functions: [
            b.function(f, [], [b.stmt(.while(b.bool(true), []))], returns: .void),
            b.function(g, [], [b.ret(b.call(g, []))]),
        ], template: [
            b.el("a", [b.attr("click", .event(b.e(.functionRef(f))))]),
            b.el("b", [b.attr("click", .event(b.e(.functionRef(g))))]),
        ])
        let run = IREvaluator.evaluate(c)
        #expect(run.error == "step limit exceeded")
        var d = c
        d.template.removeFirst()
        #expect(IREvaluator.evaluate(d).error == "too much recursion")
        let broken = b.component(template: [b.text(b.e(.unreachable("boom"), .error)), b.text(b.e(.member(b.e(.null, .null), "x", optional: false)))])
        #expect(IREvaluator.evaluate(broken).error == "boom")
        #expect(IREvaluator.evaluate(Optimizer.optimize(broken, level: 3)).error == "boom")
    }

    @Test func folds_template_values_into_static_html() {
        let b = IRBuilder()
        let c = b.component(template: [
            b.el("rect", [
                b.attr("width", .dynamic(b.bin(.multiply, b.num(4), b.num(10)), binding: nil)),
                b.attr("hidden", .dynamic(b.bool(false), binding: nil)),
                b.attr("open", .dynamic(b.bool(true), binding: nil)),
                b.attr("class", .interpolated([.text("a-"), .expr(b.num(1)), .text(" b")], binding: nil)),
            ]),
            b.text(b.str("a<b")),
        ])
        let text = IRPrinter.print(Optimizer.optimize(c, level: 1))
        #expect(text.contains("<rect width=\"40\" open class=\"a-1 b\" />"))
        #expect(text.contains("text \"a&lt;b\""))
        #expect(IREvaluator.evaluate(c).renders == ["<rect width=\"40\" open class=\"a-1 b\"></rect>a&lt;b"])
        expectSameBehaviour(c)
    }
}
