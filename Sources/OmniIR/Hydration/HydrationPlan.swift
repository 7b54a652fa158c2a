import OmniBase

/// The hydration sites of a template (Sources/OmniWasmGen/HYDRATION.md, §2 "Numbering"),
/// shared by every renderer of server markup (the Swift SSR, the WASM module's `$html`) and
/// by the WASM module's hydration code, so that all of them number sites identically.
///
/// Sites are numbered in one sequence by a pre-order walk of the template in source order:
/// every element with a bound attribute (`a={…}`, `a="x{…}"`) or an event (`@e={…}`), every
/// `{expr}` text, every `{#if}` and `{#each}` block (an `{#if}` before its branches, branches
/// in order, `{:else}` last; an `{#each}` before its body, the body before `{:else}`). Sites
/// inside an `{#each}` body are numbered too, so numbers never depend on data, but carry no
/// markers.
public struct HydrationPlan: Sendable {
    public enum SiteKind: Sendable, Equatable {
        /// An element with at least one bound attribute or event: `data-ob="N"`.
        case element
        /// An `{expr}` text: `<!--ob:N-->…<!--/ob-->`.
        case text
        /// An `{#if}` block: `<!--oif:N-->…<!--/oif-->`.
        case ifBlock
        /// An `{#each}` block: `<!--oif:N-->…<!--/oif-->`.
        case eachBlock
    }

    /// One numbered site.
    public struct Site: Sendable {
        /// The site's number (its index in `sites`).
        public var number: Int
        public var kind: SiteKind
        /// The template node (an element, an `{expr}` text, an `{#if}` or `{#each}` block).
        public var node: IRNode
        /// Inside an `{#each}` body (or `{:else}`): numbered, but without markers.
        public var inEach: Bool
        /// Inside an `{#if}` branch or an `{#each}`: content that a region re-renders.
        public var inRegion: Bool
        /// The enclosing `{#if}` regions and the branch of each that must be showing for the
        /// site to exist (outermost first); empty inside `{#each}` bodies.
        public var guards: [(region: Int, branch: Int)]
        /// Whether the site carries markers in server markup.
        public var marked: Bool { !inEach }
    }

    /// Every site, in number order.
    public private(set) var sites: [Site] = []
    /// The number of each site, by the span of its node.
    public private(set) var numbers: [Span: Int] = [:]
    /// Child component nodes (`<Counter … />`), in template order.
    public private(set) var childComponents: [IRNode] = []

    /// How many sites the template has.
    public var count: Int { sites.count }

    /// The site number of `node`, if it is a site.
    public func number(of node: IRNode) -> Int? { numbers[node.span] }

    /// Numbers the sites of `template`.
    public static func make(_ template: [IRNode]) -> HydrationPlan {
        var plan = HydrationPlan()
        plan.walk(template, inEach: false, inRegion: false, guards: [])
        return plan
    }

    /// Whether an element with these attributes is a site (a bound attribute or an event).
    public static func isSite(_ attributes: [IRAttribute]) -> Bool {
        attributes.contains { a in
            switch a.value {
            case .dynamic, .interpolated, .event: true
            case .none, .static: false
            }
        }
    }

    private mutating func add(_ kind: SiteKind, _ n: IRNode, inEach: Bool, inRegion: Bool, guards: [(region: Int, branch: Int)]) -> Int {
        let number = sites.count
        sites.append(Site(number: number, kind: kind, node: n, inEach: inEach, inRegion: inRegion, guards: inEach ? [] : guards))
        numbers[n.span] = number
        return number
    }

    private mutating func walk(_ nodes: [IRNode], inEach: Bool, inRegion: Bool, guards: [(region: Int, branch: Int)]) {
        for n in nodes {
            switch n.kind {
            case .element(_, let attributes, let children):
                if HydrationPlan.isSite(attributes) {
                    _ = add(.element, n, inEach: inEach, inRegion: inRegion, guards: guards)
                }
                walk(children, inEach: inEach, inRegion: inRegion, guards: guards)
            case .text:
                break
            case .dynamicText:
                _ = add(.text, n, inEach: inEach, inRegion: inRegion, guards: guards)
            case .if(let branches, let els):
                let site = add(.ifBlock, n, inEach: inEach, inRegion: inRegion, guards: guards)
                for (i, b) in branches.enumerated() {
                    walk(b.children, inEach: inEach, inRegion: true, guards: inEach ? guards : guards + [(site, i)])
                }
                if let els {
                    walk(els, inEach: inEach, inRegion: true, guards: inEach ? guards : guards + [(site, branches.count)])
                }
            case .each(let each):
                _ = add(.eachBlock, n, inEach: inEach, inRegion: inRegion, guards: guards)
                walk(each.children, inEach: true, inRegion: true, guards: guards)
                if let empty = each.empty { walk(empty, inEach: true, inRegion: true, guards: guards) }
            case .component:
                childComponents.append(n)
            }
        }
    }
}
