// OmniApp: the part of the runtime that only generated servers use (docs/ARCHITECTURE.md,
// "Runtime API"). It sits on OmniHTTP, OmniHTML and OmniStorage and holds no compiler logic:
// the uniform error body, field validation, REST list parameters (filters, sort, offset and
// cursor pagination), template helpers, and the start-up of a generated app.
@_exported import OmniHTTP
@_exported import OmniHTML
@_exported import OmniStorage
