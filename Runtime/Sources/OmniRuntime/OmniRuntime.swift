// The umbrella module generated servers import: it re-exports the runtime's parts.
@_exported import OmniHTTP
@_exported import OmniReactive
@_exported import OmniECS
@_exported import OmniHTML
@_exported import OmniStorage
