/// Runs the optimization passes (one per file in this folder) at an `--opt-level`:
///
/// | level | passes |
/// |---|---|
/// | 0 | none |
/// | 1 | constant folding, branch pruning |
/// | 2 | + constant propagation, inlining (functions up to 12 nodes), dead-code elimination |
/// | 3 | the same with functions up to 40 nodes, repeated until nothing changes (at most 8 rounds) |
///
/// The result is deterministic and evaluates exactly like the input (`IREvaluator`).
public enum Optimizer {
    public static let maxLevel = 3

    public static func optimize(_ c: IRComponent, level: Int) -> IRComponent {
        switch level {
        case ...0:
            return c
        case 1:
            return BranchPruning.run(ConstantFolding.run(c))
        case 2:
            return round(c, threshold: 12)
        default:
            var current = c
            for _ in 0..<8 {
                let next = round(current, threshold: 40)
                if next == current { break }
                current = next
            }
            return current
        }
    }

    /// One round of every pass, in an order where each feeds the next.
    static func round(_ c: IRComponent, threshold: Int) -> IRComponent {
        var c = BranchPruning.run(ConstantFolding.run(c))
        c = ConstantPropagation.run(c)
        c = Inlining.run(c, threshold: threshold)
        c = BranchPruning.run(ConstantFolding.run(c))
        c = ConstantPropagation.run(c)
        c = BranchPruning.run(ConstantFolding.run(c))
        return DeadCodeElimination.run(c)
    }
}
