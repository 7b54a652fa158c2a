import OmniBase
import OmniIR
import OmniSema

/// The hydration sites and update units of a template (HYDRATION.md, "Numbering").
///
/// Sites are numbered in one sequence, depth-first in template order: every element with
/// a bound attribute or an event, every `{expr}` text, every `{#if}` and `{#each}` block.
/// Sites inside an `{#each}` body are numbered too but carry no markers and get no update
/// units: their block re-renders as a whole.
struct TemplatePlan {
    enum UnitKind {
        /// `{expr}` text at site `site`.
        case text(IRExpr)
        /// One bound attribute of the element at `site`.
        case attribute(IRAttribute)
        /// An `{#if}` (branches) or `{#each}` block at `site`.
        case region(IRNode)
    }

    struct Unit {
        var index: Int
        var site: Int
        var kind: UnitKind
        /// The `{#if}` regions and branches that must be showing for the site to exist.
        var guards: [(region: Int, branch: Int)]
        var reads: Set<SymbolID>
    }

    var sites: [Span: Int] = [:]
    var units: [Unit] = []
    /// Events outside every region: registered at mount.
    var staticEvents: [(site: Int, attribute: IRAttribute)] = []
    /// Addressable `{#if}` regions (site ids), in order.
    var ifRegions: [Int] = []
    var siteCount = 0
    var childComponents: [Span] = []

    /// Site numbers come from the shared `HydrationPlan` (OmniIR), which the Swift server
    /// renderer uses too; this adds the update units, static events and reads.
    static func make(_ c: IRComponent) -> TemplatePlan {
        var p = TemplatePlan()
        let hydration = HydrationPlan.make(c.template)
        p.sites = hydration.numbers
        p.siteCount = hydration.count
        p.childComponents = hydration.childComponents.map(\.span)
        for site in hydration.sites where !site.inEach {
            let n = site.node
            switch n.kind {
            case .element(_, let attributes, _):
                for a in attributes {
                    switch a.value {
                    case .dynamic(let e, _):
                        p.add(site.number, .attribute(a), site.guards, CaptureAnalysis.reads(e, in: c))
                    case .interpolated(let parts, _):
                        var reads: Set<SymbolID> = []
                        for case .expr(let e) in parts { reads.formUnion(CaptureAnalysis.reads(e, in: c)) }
                        p.add(site.number, .attribute(a), site.guards, reads)
                    case .event where !site.inRegion:
                        p.staticEvents.append((site.number, a))
                    default: break
                    }
                }
            case .dynamicText(let e, _):
                p.add(site.number, .text(e), site.guards, CaptureAnalysis.reads(e, in: c))
            case .if(let branches, _):
                var reads: Set<SymbolID> = []
                for b in branches { reads.formUnion(CaptureAnalysis.reads(b.condition, in: c)) }
                p.add(site.number, .region(n), site.guards, reads)
                p.ifRegions.append(site.number)
            case .each:
                p.add(site.number, .region(n), site.guards, TemplatePlan.reads(of: [n], c))
            case .text, .component:
                break
            }
        }
        return p
    }

    static func hasSite(_ attributes: [IRAttribute]) -> Bool { HydrationPlan.isSite(attributes) }

    mutating func add(_ site: Int, _ kind: UnitKind, _ guards: [(region: Int, branch: Int)], _ reads: Set<SymbolID>) {
        units.append(Unit(index: units.count, site: site, kind: kind, guards: guards, reads: reads))
    }

    /// Every signal any expression of `nodes` reads.
    static func reads(of nodes: [IRNode], _ c: IRComponent) -> Set<SymbolID> {
        // Collect only the outermost expressions of the nodes (reads() walks their insides).
        var outer: [IRExpr] = []
        func collect(_ ns: [IRNode]) {
            for n in ns {
                switch n.kind {
                case .element(_, let attrs, let children):
                    for a in attrs {
                        switch a.value {
                        case .dynamic(let e, _): outer.append(e)
                        case .interpolated(let parts, _): for case .expr(let e) in parts { outer.append(e) }
                        default: break
                        }
                    }
                    collect(children)
                case .text, .component: break
                case .dynamicText(let e, _): outer.append(e)
                case .if(let bs, let els):
                    for b in bs { outer.append(b.condition); collect(b.children) }
                    els.map(collect)
                case .each(let each):
                    outer.append(each.list)
                    collect(each.children)
                    each.empty.map(collect)
                }
            }
        }
        collect(nodes)
        var out: Set<SymbolID> = []
        for e in outer { out.formUnion(CaptureAnalysis.reads(e, in: c)) }
        return out
    }
}
