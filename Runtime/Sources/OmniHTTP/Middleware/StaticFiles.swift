#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOHTTP1

/// Serves files under a root folder with `ETag`, `Last-Modified`, `Cache-Control`,
/// conditional requests (304 from `If-None-Match` / `If-Modified-Since`) and single byte
/// ranges (206 / 416, `If-Range`). File IO runs on the thread pool.
///
/// Paths with `..`, a NUL or a backslash, dot-files (except `.well-known`), and symlinks
/// that lead outside the root are refused with 404.
///
/// ```swift
/// let assets = StaticFiles(root: "public")
/// router.get("/assets/*path", assets.handler)   // or: router.fallback = assets.handler
/// ```
public struct StaticFiles: Sendable {
    /// The folder served.
    public let root: String
    /// `Cache-Control` sent with files (nil: none).
    public var cacheControl: String?
    /// The file served for a folder.
    public var indexFile: String?
    /// Files larger than this are refused (the body is buffered in memory).
    public var maxFileSize: Int
    /// Extra or overriding extension → content type mappings.
    public var contentTypes: [String: String]

    /// Creates a file server for `root`.
    public init(
        root: String, cacheControl: String? = "public, max-age=0, must-revalidate", indexFile: String? = "index.html",
        maxFileSize: Int = 64 << 20, contentTypes: [String: String] = [:]
    ) {
        self.root = root
        self.cacheControl = cacheControl
        self.indexFile = indexFile
        self.maxFileSize = maxFileSize
        self.contentTypes = contentTypes
    }

    /// A handler serving `params["path"]` when the route has `*path`, the whole request
    /// path otherwise (as a router fallback).
    public var handler: Handler {
        .async { request in
            let relative: String
            if let path = request.params["path"] {
                relative = path
            } else {
                guard let decoded = percentDecode(request.path) else { throw HTTPError.notFound() }
                relative = decoded
            }
            return try await serve(relative, request: request)
        }
    }

    /// Serves `relativePath` for `request` (GET or HEAD).
    public func serve(_ relativePath: String, request: Request) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD else {
            throw HTTPError.methodNotAllowed(allow: [.GET, .HEAD])
        }
        guard let safe = StaticFiles.sanitize(relativePath) else { throw HTTPError.notFound() }
        let root = self.root
        let index = indexFile
        let maxSize = maxFileSize
        let range = request.headers.first(name: "Range")
        let file = try await request.blocking { () -> FileInfo? in
            try StaticFiles.open(root: root, relative: safe, index: index, maxSize: maxSize)
        }
        guard var file else { throw HTTPError.notFound() }
        defer { if file.fd >= 0 { close(file.fd) } }

        let etag = "\"\(String(file.mtime, radix: 16))-\(String(file.size, radix: 16))\""
        var headers = HTTPHeaders()
        headers.add(name: "ETag", value: etag)
        headers.add(name: "Last-Modified", value: HTTPDate.format(file.mtime))
        headers.add(name: "Accept-Ranges", value: "bytes")
        if let cacheControl { headers.add(name: "Cache-Control", value: cacheControl) }
        let contentType = contentTypes[file.ext] ?? StaticFiles.contentType(forExtension: file.ext)

        if StaticFiles.notModified(request.headers, etag: etag, mtime: file.mtime) {
            return Response(status: .notModified, headers: headers)
        }

        var start = 0
        var length = file.size
        var status = HTTPResponseStatus.ok
        if let range, StaticFiles.ifRangeMatches(request.headers, etag: etag, mtime: file.mtime) {
            switch StaticFiles.parseRange(range, size: file.size) {
            case .none:
                break
            case .unsatisfiable:
                headers.add(name: "Content-Range", value: "bytes */\(file.size)")
                var error = HTTPError(.rangeNotSatisfiable, code: "range_not_satisfiable", message: "Range Not Satisfiable")
                error.headers.add(contentsOf: headers)
                throw error
            case .range(let s, let e):
                start = s
                length = e - s + 1
                status = .partialContent
                headers.add(name: "Content-Range", value: "bytes \(s)-\(e)/\(file.size)")
            }
        }
        let fd = file.fd
        file.fd = -1  // the read below closes it
        let (readStart, readLength) = (start, length)
        let body = try await request.blocking { () -> ByteBuffer in
            let length = readLength
            defer { close(fd) }
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            var offset = readStart
            var remaining = length
            while remaining > 0 {
                let n = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: remaining) { ptr in
                    let r = pread(fd, ptr.baseAddress, remaining, off_t(offset))
                    return r > 0 ? r : 0
                }
                if n == 0 { break }
                offset += n
                remaining -= n
            }
            return buffer
        }
        return Response(status: status, contentType: contentType, headers: headers, body: body)
    }

    struct FileInfo: Sendable {
        var fd: Int32
        var size: Int
        var mtime: Int
        var ext: String
    }

    /// A cleaned relative path, or nil when it must be refused.
    static func sanitize(_ path: String) -> String? {
        if path.utf8.contains(0) || path.contains("\\") { return nil }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { return nil }
            if segment.hasPrefix(".") && segment != ".well-known" { return nil }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    static func open(root: String, relative: String, index: String?, maxSize: Int) throws -> FileInfo? {
        guard let realRoot = realPath(root) else { return nil }
        var candidate = relative.isEmpty ? realRoot : realRoot + "/" + relative
        guard var real = realPath(candidate), real == realRoot || real.hasPrefix(realRoot + "/") else { return nil }
        var st = stat()
        guard stat(real, &st) == 0 else { return nil }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            guard let index else { return nil }
            candidate = real + "/" + index
            guard let r = realPath(candidate), r.hasPrefix(realRoot + "/"), stat(r, &st) == 0 else { return nil }
            real = r
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard Int(st.st_size) <= maxSize else { throw HTTPError(.payloadTooLarge, code: "file_too_large", message: "The file is too large to serve") }
        let fd = Glibc_open(real)
        guard fd >= 0 else { return nil }
        let name = real.split(separator: "/").last.map(String.init) ?? ""
        let ext = name.contains(".") ? String(name.split(separator: ".").last!).lowercased() : ""
        #if canImport(Darwin)
        let mtime = Int(st.st_mtimespec.tv_sec)
        #else
        let mtime = Int(st.st_mtim.tv_sec)
        #endif
        return FileInfo(fd: fd, size: Int(st.st_size), mtime: mtime, ext: ext)
    }

    private static func Glibc_open(_ path: String) -> Int32 {
        #if canImport(Darwin)
        return Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #else
        return Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #endif
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether the client's cached copy is current (`If-None-Match` wins over `If-Modified-Since`).
    static func notModified(_ headers: HTTPHeaders, etag: String, mtime: Int) -> Bool {
        if let inm = headers.first(name: "If-None-Match") {
            let weakEtag = "W/" + etag
            return inm.split(separator: ",").contains { tag in
                let t = tag.trimmingASCIIWhitespace()
                return t == "*" || t == etag || t == weakEtag
            }
        }
        if let ims = headers.first(name: "If-Modified-Since"), let since = HTTPDate.parse(ims) {
            return mtime <= since
        }
        return false
    }

    /// `If-Range` absent, or naming the current ETag or date: the range applies.
    static func ifRangeMatches(_ headers: HTTPHeaders, etag: String, mtime: Int) -> Bool {
        guard let ifRange = headers.first(name: "If-Range") else { return true }
        if ifRange.hasPrefix("\"") { return ifRange == etag }
        if let date = HTTPDate.parse(ifRange) { return mtime <= date }
        return false
    }

    enum RangeResult: Equatable {
        case none
        case unsatisfiable
        case range(Int, Int)
    }

    /// Parses a single `bytes=` range; several ranges or other units are ignored (whole file).
    static func parseRange(_ header: String, size: Int) -> RangeResult {
        guard header.hasPrefix("bytes=") else { return .none }
        let spec = header.dropFirst(6).trimmingASCIIWhitespace()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .none }
        let first = spec[..<dash].trimmingASCIIWhitespace()
        let last = spec[spec.index(after: dash)...].trimmingASCIIWhitespace()
        if first.isEmpty {
            guard let suffix = Int(last), suffix >= 0 else { return .none }
            if suffix == 0 || size == 0 { return .unsatisfiable }
            return .range(max(0, size - suffix), size - 1)
        }
        guard let start = Int(first), start >= 0 else { return .none }
        if start >= size { return .unsatisfiable }
        if last.isEmpty { return .range(start, size - 1) }
        guard let end = Int(last), end >= start else { return .none }
        return .range(start, min(end, size - 1))
    }

    /// The content type for a file extension (`application/octet-stream` when unknown).
    public static func contentType(forExtension ext: String) -> String {
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json", "map": return "application/json"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "wasm": return "application/wasm"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "ttf": return "font/ttf"
        case "xml": return "application/xml"
        case "pdf": return "application/pdf"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        case "mp3": return "audio/mpeg"
        case "webmanifest": return "application/manifest+json"
        case "d.ts", "ts": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
