import OmniBase
import OmniSema
import OmniSyntax

/// The data half of the Swift back end: the files it contributes to the generated package
/// (paths relative to the package root; module `App`). Each file is the declarations of
/// one generator, after `import Foundation` and `import OmniApp`.
///
/// Every generated handler takes `(Request, any SQLExecutor)` and is `async throws(HTTPError) -> Response`:
/// - `omni_resource_<Entity>_<action>` (`ResourceGen`) for `resources` routes;
/// - `omni_route_<i>` (`JSONRouteGen`) for `json` routes.
/// Page routes use `Omni_Params_<i>.parse` (`ParamsGen`) and `omni_query_<i>_<binding>`
/// (`QueryGen`). The database is migrated with `omni_migrations(for: db.dialect)` (`MigrationGen`).
public enum DataGen {
    public static func files(_ program: ServerProgram, sources: SourceMap) -> [(path: String, decls: [SwiftDecl])] {
        let parts: [(String, [SwiftDecl])] = [
            ("Models.swift", ModelGen.declarations(program, sources: sources)),
            ("Migrations.swift", MigrationGen.declarations(program, sources: sources)),
            ("Validators.swift", ValidatorGen.declarations(program, sources: sources)),
            ("Params.swift", ParamsGen.declarations(program, sources: sources)),
            ("Queries.swift", QueryGen.declarations(program, sources: sources)),
            ("Resources.swift", ResourceGen.declarations(program, sources: sources)),
            ("JSONRoutes.swift", JSONRouteGen.declarations(program, sources: sources)),
        ]
        return parts.map { name, decls in
            ("Sources/App/" + name, [.import("Foundation"), .import("OmniApp"), .blank] + decls)
        }
    }

    /// The same files as `SwiftFile`s with a header naming what each holds.
    public static func swiftFiles(_ program: ServerProgram, sources: SourceMap) -> [SwiftFile] {
        files(program, sources: sources).map { SwiftFile(path: $0.path, header: header($0.path), declarations: $0.decls) }
    }

    static func header(_ path: String) -> String {
        switch path {
        case "Sources/App/Models.swift": "Model types of the schema's entities and enums."
        case "Sources/App/Migrations.swift": "The schema as SQL migrations (SQLite and PostgreSQL)."
        case "Sources/App/Validators.swift": "Inputs and validators of create and update bodies."
        case "Sources/App/Params.swift": "Path and query parameters of every route."
        case "Sources/App/Queries.swift": "The queries of page and JSON route bindings."
        case "Sources/App/Resources.swift": "REST handlers of `resources` routes."
        case "Sources/App/JSONRoutes.swift": "Handlers of `json` routes."
        default: ""
        }
    }
}
