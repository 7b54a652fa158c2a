import OmniSema

/// Branch pruning: removes code that can never run.
///
/// - `if (false) { a } else { b }` → `{ b }`; `if (true) { a }` → `{ a }`
/// - `while (false) { … }` and `for (init; false; …) { … }` (keeping `init`) are removed
/// - statements after `return`, `break` or `continue` in the same list are removed
/// - empty blocks are removed; blocks that declare nothing are spliced into their list
/// - template `{#if false} … {:else if c} … {/if}` drops the `false` branch; a `true`
///   branch replaces the whole block (or becomes its `{:else}`); `{#each []}` renders its
///   `{:else}` part or nothing.
///
/// Conditions are literals once constant folding has run; run it first.
enum BranchPruning {
    static func run(_ c: IRComponent) -> IRComponent {
        IRRewriter(stmts: prune, nodes: prune).rewrite(c)
    }

    static func prune(_ list: [IRStmt]) -> [IRStmt] {
        var out: [IRStmt] = []
        for s in list {
            switch s.kind {
            case .if(let c, let t, let e):
                if let v = c.constant {
                    let taken = v.truthy ? t : e
                    out += prune([IRStmt(.block(taken), span: s.span)])
                } else if t.isEmpty && e.isEmpty && IRAnalysis.isPure(c) {
                    // `if (pure) {}` does nothing.
                } else {
                    out.append(s)
                }
            case .while(let c, _):
                if let v = c.constant, !v.truthy { continue }
                out.append(s)
            case .for(let initializer, let c, _, _):
                if let v = c?.constant, !v.truthy {
                    if !initializer.isEmpty { out.append(IRStmt(.block(initializer), span: s.span)) }
                    continue
                }
                out.append(s)
            case .block(let b):
                if b.isEmpty { continue }
                // A block that declares nothing is no scope: splice it into the list.
                if b.allSatisfy({ if case .let = $0.kind { false } else { true } }) { out += b } else { out.append(s) }
            default:
                out.append(s)
            }
            if case .return = s.kind { break }
            if case .break = s.kind { break }
            if case .continue = s.kind { break }
        }
        return out
    }

    static func prune(_ list: [IRNode]) -> [IRNode] {
        var out: [IRNode] = []
        for n in list {
            switch n.kind {
            case .if(let branches, let els):
                var kept: [IRBranch] = []
                var elseChildren = els
                for b in branches {
                    if let v = b.condition.constant {
                        if !v.truthy { continue }
                        elseChildren = b.children  // always taken: the rest can never render
                        break
                    }
                    kept.append(b)
                }
                if kept.isEmpty {
                    out += elseChildren ?? []
                } else {
                    out.append(IRNode(.if(kept, else: elseChildren), span: n.span))
                }
            case .each(let each):
                if case .array(let items) = each.list.kind, items.isEmpty {
                    out += each.empty ?? []
                } else {
                    out.append(n)
                }
            default:
                out.append(n)
            }
        }
        return out
    }
}
