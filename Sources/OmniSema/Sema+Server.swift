import OmniBase
import OmniSyntax

extension Sema {
    /// Checks the server side of a project: schemas (`SchemaChecker`), then routes against
    /// them (`RoutesChecker`), then every template against the contexts its routes and
    /// callers give it (`ServerTemplateChecker`). Pure and deterministic.
    public static func checkServer(schemas: [(file: FileID, block: SchemaBlock)],
                                   routes: [(file: FileID, block: RoutesBlock)],
                                   templates: [(path: String, file: FileID, ast: TemplateFile)],
                                   components: TypedProgram) -> ServerProgram {
        var schema = SchemaChecker(schemas: schemas)
        schema.run()
        var router = RoutesChecker(entities: schema.entities, enums: schema.enums, templates: templates)
        router.run(routes)
        let checked = ServerTemplateChecker.check(templates: templates, routes: router.routes, entities: schema.entities,
                                                  enums: schema.enums, components: components)
        return ServerProgram(entities: schema.entities, enums: schema.enums, pipelines: router.pipelines,
                             routes: router.routes, templates: checked.templates,
                             diagnostics: schema.diagnostics + router.diagnostics + checked.diagnostics)
    }
}
