// OmniHTTP — the HTTP layer every generated omni server links: an HTTP/1.1 server (plus HTTP/2
// and TLS when configured) on SwiftNIO, a compiled route dispatch, middleware as plain values
// composed per route, and an in-process test client. See README.md in this folder.
//
// The NIO value types that appear in the API (ByteBuffer, HTTPHeaders, HTTPMethod,
// HTTPResponseStatus) are re-exported so that generated code needs a single import.
@_exported import NIOCore
@_exported import NIOHTTP1
