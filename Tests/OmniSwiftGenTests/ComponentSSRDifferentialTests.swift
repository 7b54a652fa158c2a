import Foundation
import OmniIR
import OmniSema
import OmniSwiftGen
import OmniDriver
import OmniTestSupport
import OmniWasmGen
import Testing

/// Issue #6: the Swift server renderer and the WASM module agree. For every fixture
/// component and two sets of props (only the required ones; all of them), the generated
/// `omni_ssr_<Name>` is compiled against `Runtime/` and run, and node compares its HTML with
/// what the WASM module (same optimized IR) and omni.js produce:
///
/// 1. the Swift markup equals the module's own server markup (`$html`) for the same props,
///    as DOM trees with every hydration marker kept (`data-ob`, `<!--ob:N-->`, `<!--oif:N-->`);
/// 2. the root element is `<div data-omni="<Name>">` and its `data-props` holds the props;
/// 3. omni.js mounting the module on the Swift markup (props read from `data-props`) leaves
///    the DOM unchanged (apart from the `data-oe` event ids re-rendered regions carry).
///
/// With `OmniWasmGenTests.DifferentialTests` (module + omni.js ≡ `IREvaluator`, the
/// reference renderer), this makes the Swift SSR ≡ the reference renderer for these
/// components. The Swift package builds in `.build-ssr-diff/` (kept between runs).
@Suite(.serialized) struct ComponentSSRDifferentialTests {
    static let root = URL(fileURLWithPath: fixturesDirectory()).deletingLastPathComponent().standardizedFileURL.path
    static let swift = Tool.which("swift")
    static let node = Tool.which("node")

    @Test(.enabled(if: swift != nil && node != nil, "needs `swift` and `node` on PATH"))
    func swiftMarkupMatchesWasmAndHydratesUnchanged() async throws {
        var components: [(ir: IRComponent, decls: [SwiftDecl])] = []
        for path in SSRFixtures.paths {
            for (ir, file) in try SSRFixtures.components(path) {
                let (decls, diagnostics) = SSRGen.generate(ir, file: file)
                #expect(diagnostics.isEmpty, "\(ir.name): \(diagnostics.map(\.message))")
                components.append((ir, decls))
            }
        }
        #expect(components.count >= 4)
        let cases = components.flatMap { c in SSRCase.cases(for: c.ir) }

        // The Swift side: a package that prints each case's HTML as a JSON string per line.
        let html = try await SSRPackage.run(components: components, cases: cases)
        try #require(html.count == cases.count, "the SSR program printed \(html.count) renders for \(cases.count) cases")

        // The WASM side, and the comparison, in node.
        let dir = NSTemporaryDirectory() + "omni-ssr-diff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var input: [[String: Any]] = []
        for c in components {
            let module = WasmCompiler.compile(c.ir, optimization: .o2, serverMarkup: true)
            #expect(module.succeeded, "\(c.ir.name): \(module.diagnostics.map(\.message))")
            try Data(module.wasm).write(to: URL(fileURLWithPath: "\(dir)/\(c.ir.name).wasm"))
        }
        for (i, k) in cases.enumerated() {
            input.append(["name": k.component, "wasm": "\(dir)/\(k.component).wasm", "props": k.json, "swift": html[i]])
        }
        try JSONSerialization.data(withJSONObject: input).write(to: URL(fileURLWithPath: "\(dir)/cases.json"))
        let script = fixturesDirectory() + "/swiftgen/ssr/harness/ssr-diff.mjs"
        let glue = ComponentSSRDifferentialTests.root + "/Runtime/Browser/omni.js"
        let r = try await Tool.run(try #require(ComponentSSRDifferentialTests.node), [script, glue, "\(dir)/cases.json"], timeout: 120)
        try #require(r.status == 0, "node: \(r.err)")
        let results = try JSONDecoder().decode([NodeResult].self, from: Data(r.out.utf8))
        try #require(results.count == cases.count)
        for (k, res) in zip(cases, results) {
            let label = "\(k.component) \(k.label)"
            #expect(res.error == nil, "\(label): \(res.error ?? "")")
            #expect(res.root == "\(k.svg ? "g" : "div") \(k.component) 1", "\(label): root \(res.root)")
            #expect(res.swift == res.wasm, "\(label): Swift SSR ≠ WASM markup\nswift: \(res.swift)\n wasm: \(res.wasm)")
            let hydrated = res.hydrated.replacingOccurrences(of: #" data-oe="[^"]*""#, with: "", options: .regularExpression)
            #expect(hydrated == res.swift, "\(label): hydration changed the DOM\n before: \(res.swift)\n  after: \(hydrated)")
            for (name, value) in k.values {
                #expect(res.props?[name] == value, "\(label): data-props[\(name)] = \(String(describing: res.props?[name])), expected \(value)")
            }
            #expect(Set(res.props?.keys.map { $0 } ?? []) == Set(k.propNames), "\(label): data-props keys \(res.props?.keys.sorted() ?? [])")
        }
    }

    /// The Swift markup is not vacuous: the Counter with `start: 12.5` shows its `{#if}`'s
    /// first branch with the computed value, escaped props, and markers.
    @Test(.enabled(if: swift != nil, "needs `swift` on PATH"))
    func counterMarkupAtAGlance() async throws {
        let (ir, file) = try #require(try SSRFixtures.components("projects/blog/components/Counter.omni").first)
        let cases = SSRCase.cases(for: ir)
        let k = cases[1], inSVG = cases[2]
        let html = try await SSRPackage.run(components: [(ir, SSRGen.generate(ir, file: file).decls)], cases: [k, inSVG])
        let out = try #require(html.first)
        let svg = try #require(html.last)
        #expect(inSVG.svg && svg.hasPrefix("<g data-omni=\"Counter\" data-props=") && svg.hasSuffix("</svg></g>"), "\(svg)")
        #expect(out.hasPrefix("<div data-omni=\"Counter\" data-props=\"{&quot;label&quot;:&quot;&lt;b&gt;\\&quot;Tom\\&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; ünï&quot;,&quot;start&quot;:12.5}\">"), "\(out)")
        #expect(out.contains("<!--ob:1-->&lt;b&gt;\"Tom\" &amp; 'Jerry'&lt;/b&gt; ünï<!--/ob-->"), "\(out)")
        #expect(out.contains("<!--ob:2-->12.5<!--/ob-->"), "\(out)")
        #expect(out.contains("<!--oif:3--><p class=\"warn\">Doubled: <!--ob:4-->25<!--/ob--></p><!--/oif-->"), "\(out)")
        #expect(out.contains("<rect width=\"125\" height=\"40\" fill=\"#66bb6a\" data-ob=\"5\"></rect>"), "\(out)")
        #expect(out.hasSuffix("</svg></div>"), "\(out)")
    }
}

/// What node reports for one case.
struct NodeResult: Decodable {
    var root: String
    var props: [String: JSONValue]?
    var swift: String
    var wasm: String
    var hydrated: String
    var error: String?
}

/// A value of `data-props`: a scalar or an array of values.
indirect enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case string(String), number(Double), bool(Bool), array([JSONValue]), other

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .other }
    }

    var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .number(let n): "\(n)"
        case .bool(let b): "\(b)"
        case .array(let xs): "[" + xs.map(\.description).joined(separator: ", ") + "]"
        case .other: "…"
        }
    }

    /// For JSONSerialization.
    var object: Any {
        switch self {
        case .string(let s): s
        case .number(let d): d
        case .bool(let b): b
        case .array(let xs): xs.map(\.object)
        case .other: NSNull()
        }
    }

    /// The same value as a Swift literal argument.
    var swift: SwiftExpr {
        switch self {
        case .string(let s): .string(s)
        case .number(let d): .double(d)
        case .bool(let b): .bool(b)
        case .array(let xs): .array(xs.map(\.swift))
        case .other: .nil
        }
    }
}

/// One render: a component and the props passed to it.
struct SSRCase {
    var component: String
    var label: String
    /// The props passed (the others take their defaults).
    var values: [(name: String, value: JSONValue)]
    var propNames: [String]
    /// Rendered as embedded inside `<svg>`: a `<g>` root.
    var svg = false

    static let text = "<b>\"Tom\" & 'Jerry'</b> ünï"

    /// Only the required props; then every prop, with values that exercise escaping, the
    /// `{#if}` branches the defaults do not take, and arrays (nested too) of each scalar.
    static func cases(for c: IRComponent) -> [SSRCase] {
        func value(_ p: IRProp) -> JSONValue? { sample(p.type, 0) }
        let names = c.props.map(\.name)
        let required = c.props.filter(\.required).compactMap { p in value(p).map { (p.name, $0) } }
        let all = c.props.compactMap { p in value(p).map { (p.name, $0) } }
        return [SSRCase(component: c.name, label: "(required props)", values: required, propNames: names),
                SSRCase(component: c.name, label: "(all props)", values: all, propNames: names),
                SSRCase(component: c.name, label: "(required props, inside SVG)", values: required, propNames: names, svg: true)]
    }

    /// The `k`th sample of a type: `k` varies the elements of an array.
    static func sample(_ t: SemaType, _ k: Int) -> JSONValue? {
        switch t {
        case .string: return k == 0 ? .string(text) : .string("b\(k)")
        case .number: return .number(k == 0 ? 12.5 : Double(-k))
        case .bool: return .bool(k % 2 == 0)
        case .array(let e):
            let xs = (0..<(2 + k % 2)).map { sample(e, k + $0 + 1) }
            return xs.contains(nil) ? nil : .array(xs.compactMap { $0 })
        default: return nil
        }
    }

    var json: [String: Any] { Dictionary(uniqueKeysWithValues: values.map { ($0.name, $0.value.object) }) }

    /// `omni_ssr_<Name>(&w, label: "…", start: 12.5)`.
    func call(writer: String) -> SwiftExpr {
        var args = [SwiftArgument(nil, .prefix("&", .identifier(writer)))]
        for (n, v) in values { args.append(SwiftArgument(n, v.swift)) }
        if svg { args.append(SwiftArgument(SSRGen.svgRoot, .bool(true))) }
        return .call(.identifier(ServerNames.componentSSRFunction(component)), args)
    }
}

/// The Swift side: a package at `.build-ssr-diff-pkg/` depending on `Runtime/` by path, built
/// in `.build-ssr-diff/` (both git-ignored, kept between runs so warm builds are quick).
enum SSRPackage {
    static func run(components: [(ir: IRComponent, decls: [SwiftDecl])], cases: [SSRCase]) async throws -> [String] {
        let root = ComponentSSRDifferentialTests.root
        let pkg = root + "/.build-ssr-diff-pkg", scratch = root + "/.build-ssr-diff"
        let sources = pkg + "/Sources/SSRDiff"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        let manifest = """
        // swift-tools-version:6.0
        // Written by ComponentSSRDifferentialTests: the generated SSR functions of the fixture components.
        import PackageDescription
        let package = Package(
            name: "SSRDiff", platforms: [.macOS(.v14)],
            dependencies: [.package(name: "OmniRuntime", path: "\(root)/Runtime")],
            targets: [.executableTarget(name: "SSRDiff", dependencies: [.product(name: "OmniApp", package: "OmniRuntime")])])

        """
        var wanted: [String: String] = ["Package.swift": manifest]
        for c in components {
            wanted["Sources/SSRDiff/\(c.ir.name).swift"] = SwiftRenderer.file(SwiftFile(path: "", header: "", declarations: c.decls)) + "\n"
        }
        var main: [SwiftStmt] = []
        for (i, k) in cases.enumerated() {
            let w = "w\(i)"
            main.append(.binding(isVar: true, name: w, type: nil, value: .call(.identifier("HTMLWriter"), [])))
            main.append(.expr(k.call(writer: w)))
            main.append(.expr(.call(.identifier("print"), [SwiftArgument(nil, .call(.member(.identifier("JS"), "jsonString"), [SwiftArgument(nil, .member(.identifier(w), "string"))]))])))
        }
        wanted["Sources/SSRDiff/main.swift"] = SwiftRenderer.file(SwiftFile(path: "", header: "", declarations: [.import("OmniApp"), .blank, .statements(main)])) + "\n"
        // Rewrite only what changed and drop stale component files (incremental builds).
        _ = try GeneratedPackageWriter.sync(wanted.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, into: pkg)
        let swift = try #require(ComponentSSRDifferentialTests.swift)
        let build = try await Tool.run(swift, ["build", "--package-path", pkg, "--scratch-path", scratch], timeout: 3600)
        try #require(build.status == 0, "building the SSR package failed:\n\(build.out.suffix(4000))\n\(build.err.suffix(2000))")
        let bin = scratch + "/debug/SSRDiff"
        let r = try await Tool.run(bin, [], timeout: 60)
        try #require(r.status == 0, "SSRDiff: \(r.err)")
        return try r.out.split(separator: "\n").map { try JSONDecoder().decode(String.self, from: Data($0.utf8)) }
    }
}
