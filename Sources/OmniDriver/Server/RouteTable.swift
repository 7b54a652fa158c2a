import OmniBase
import OmniSema
import OmniSyntax

/// The route table `omni routes` prints: one line per method and path, in the order the
/// routes are declared (the order the dispatch tries them), with the handler, the pipelines
/// and the source location.
public enum RouteTable {
    public struct Row: Sendable, Equatable {
        public var method: String
        public var path: String
        public var target: String
        public var pipelines: String
        public var location: String
    }

    /// One row per route (`resources` already expanded by the checker).
    public static func rows(_ program: ServerProgram, sources: SourceMap) -> [Row] {
        program.routes.map { route in
            Row(method: route.verb.method, path: route.path, target: describe(route.target),
                pipelines: route.pipelines.isEmpty ? "-" : route.pipelines.joined(separator: ", "),
                location: location(route.span, sources))
        }
    }

    /// The table as aligned text, with a header; a note when there are no routes.
    public static func render(_ program: ServerProgram, sources: SourceMap) -> String {
        let rows = rows(program, sources: sources)
        if rows.isEmpty { return "no routes: declare them in a <routes> block of a .omni file\n" }
        let header = Row(method: "METHOD", path: "PATH", target: "TARGET", pipelines: "PIPELINES", location: "SOURCE")
        let all = [header] + rows
        let methodWidth: Int = all.map { $0.method.count }.max() ?? 0
        let pathWidth: Int = all.map { $0.path.count }.max() ?? 0
        let targetWidth: Int = all.map { $0.target.count }.max() ?? 0
        let pipelineWidth: Int = all.map { $0.pipelines.count }.max() ?? 0
        let widths = [methodWidth, pathWidth, targetWidth, pipelineWidth]
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        return all.map { r in
            [pad(r.method, widths[0]), pad(r.path, widths[1]), pad(r.target, widths[2]), pad(r.pipelines, widths[3]), r.location]
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// `page templates/users/show.html`, `json {users, posts}`, `redirect /`, `Post.list`.
    static func describe(_ target: CheckedTarget) -> String {
        switch target {
        case .page(let template, _): "page \(template)"
        case .json(let bindings): "json {" + bindings.map(\.name).joined(separator: ", ") + "}"
        case .redirect(let to, _): "redirect \(to)"
        case .resource(let entity, let action): "\(entity).\(action.rawValue)"
        }
    }

    static func location(_ span: Span, _ sources: SourceMap) -> String {
        guard let file = sources[span.file] else { return "?" }
        let loc = file.location(of: Int(span.start))
        return "\(file.path):\(loc.line):\(loc.column)"
    }
}
