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

    static func make(_ c: IRComponent) -> TemplatePlan {
        var p = TemplatePlan()
        p.walk(c.template, inEach: false, inRegion: false, guards: [], c)
        return p
    }

    static func hasSite(_ attributes: [IRAttribute]) -> Bool {
        attributes.contains { a in
            switch a.value {
            case .dynamic, .interpolated, .event: true
            case .none, .static: false
            }
        }
    }

    mutating func next(_ span: Span) -> Int {
        let id = siteCount
        siteCount += 1
        sites[span] = id
        return id
    }

    mutating func walk(_ nodes: [IRNode], inEach: Bool, inRegion: Bool, guards: [(region: Int, branch: Int)], _ c: IRComponent) {
        for n in nodes {
            switch n.kind {
            case .element(_, let attributes, let children):
                if TemplatePlan.hasSite(attributes) {
                    let site = next(n.span)
                    if !inEach {
                        for a in attributes {
                            switch a.value {
                            case .dynamic(let e, _):
                                add(site, .attribute(a), guards, CaptureAnalysis.reads(e, in: c))
                            case .interpolated(let parts, _):
                                var reads: Set<SymbolID> = []
                                for case .expr(let e) in parts { reads.formUnion(CaptureAnalysis.reads(e, in: c)) }
                                add(site, .attribute(a), guards, reads)
                            case .event where !inRegion:
                                staticEvents.append((site, a))
                            default: break
                            }
                        }
                    }
                }
                walk(children, inEach: inEach, inRegion: inRegion, guards: guards, c)
            case .text:
                break
            case .dynamicText(let e, _):
                let site = next(n.span)
                if !inEach { add(site, .text(e), guards, CaptureAnalysis.reads(e, in: c)) }
            case .if(let branches, let els):
                let site = next(n.span)
                if !inEach {
                    var reads: Set<SymbolID> = []
                    for b in branches { reads.formUnion(CaptureAnalysis.reads(b.condition, in: c)) }
                    add(site, .region(n), guards, reads)
                    ifRegions.append(site)
                }
                for (i, b) in branches.enumerated() {
                    walk(b.children, inEach: inEach, inRegion: true, guards: inEach ? guards : guards + [(site, i)], c)
                }
                if let els { walk(els, inEach: inEach, inRegion: true, guards: inEach ? guards : guards + [(site, branches.count)], c) }
            case .each(let each):
                let site = next(n.span)
                if !inEach {
                    add(site, .region(n), guards, TemplatePlan.reads(of: [n], c))
                }
                walk(each.children, inEach: true, inRegion: true, guards: guards, c)
                if let empty = each.empty { walk(empty, inEach: true, inRegion: true, guards: guards, c) }
            case .component:
                childComponents.append(n.span)
            }
        }
    }

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
