// Stage 4c: from the checked server program (OmniSema's `ServerProgram`) to the files a
// browser-side developer consumes: `openapi.json` (OpenAPI 3.1) for the REST routes, and
// `api.d.ts` (entity types and a typed client) with `api.js` (the client's code). Pure:
// returns text, the driver writes it. Entry points: `OpenAPIGen.document`,
// `TypeScriptAPIGen.declarations`, `TypeScriptAPIGen.implementation`; the contract they
// state is in docs/ARCHITECTURE.md, "Web API outputs".

/// The namespace of the web emitters.
public enum OmniWebGen {}
