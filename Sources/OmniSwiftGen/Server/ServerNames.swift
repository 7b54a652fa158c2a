import OmniSema
import OmniSyntax

/// The names of generated Swift declarations. Every top-level name the generator invents
/// starts with the reserved prefix `Omni_` (types) or `omni_` (functions and values), so it
/// can collide neither with the runtime's names (which have no underscore) nor with Swift's
/// or Foundation's; the schema checker rejects user names that start with `omni`/`Omni`.
/// Member names (fields, enum cases, props) are the user's, escaped with backticks when
/// they are Swift keywords (`SwiftRenderer` does that).
public enum ServerNames {
    /// The reserved prefix of generated types.
    public static let typePrefix = "Omni_"
    /// The reserved prefix of generated functions and values.
    public static let valuePrefix = "omni_"

    /// `User` → `Omni_User`.
    public static func entityType(_ entity: String) -> String { typePrefix + entity }
    /// `Role` → `Omni_Role`.
    public static func enumType(_ name: String) -> String { typePrefix + name }
    /// The create/update input of an entity: `Omni_UserInput` (every writable field optional).
    public static func entityInputType(_ entity: String) -> String { typePrefix + entity + "Input" }

    /// `templates/users/show.html` → `users_show` (folders joined by `_`, other characters
    /// than letters and digits replaced by `_`, `_row` keeps its underscore: `users__row`).
    public static func templateStem(_ path: String) -> String {
        var p = path
        if p.hasPrefix("templates/") { p.removeFirst("templates/".count) }
        if p.hasSuffix(".html") { p.removeLast(".html".count) }
        return String(p.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
    /// The context struct of a page or partial template: `Omni_Context_users_show`.
    public static func templateContextType(_ path: String) -> String { typePrefix + "Context_" + templateStem(path) }
    /// The render function of a template: `omni_render_users_show`.
    public static func templateRenderFunction(_ path: String) -> String { valuePrefix + "render_" + templateStem(path) }

    /// The server-side render function of a component: `omni_ssr_Counter`.
    public static func componentSSRFunction(_ component: String) -> String { valuePrefix + "ssr_" + component }

    /// The handler of the route at `index` in `ServerProgram.routes`: `omni_route_3`.
    public static func routeHandler(_ index: Int) -> String { valuePrefix + "route_\(index)" }
    /// The function running binding `name` of the route at `index`: `omni_query_3_users`.
    public static func bindingQuery(route index: Int, binding name: String) -> String { valuePrefix + "query_\(index)_\(name)" }
    /// The REST handler of a resource action: `omni_resource_Post_list`.
    public static func resourceHandler(entity: String, action: ResourceAction) -> String {
        valuePrefix + "resource_\(entity)_\(action.rawValue)"
    }
    /// The validator of an entity's input: `omni_validate_User`.
    public static func validator(_ entity: String) -> String { valuePrefix + "validate_\(entity)" }
    /// The middleware stack of a pipeline: `omni_pipeline_api`.
    public static func pipeline(_ name: String) -> String { valuePrefix + "pipeline_\(name)" }
}
