/// Fills the fixed skeletons of the generated server package: `Package.swift` (package and
/// executable names, the path of omni's `Runtime/`, the runtime products the app links) and
/// `Sources/App/main.swift`.
enum PackageGen {
    /// The runtime products the app links: OmniApp always (it re-exports OmniHTTP, OmniHTML
    /// and OmniStorage), OmniPostgres when the database is PostgreSQL.
    static func runtimeProducts(_ manifest: ServerManifest) -> [String] {
        manifest.usesPostgres ? ["OmniApp", "OmniPostgres"] : ["OmniApp"]
    }

    static func packageManifest(manifest: ServerManifest, runtimePath: String, skeletons: [String: String]) throws(Skeleton.Failure) -> String {
        let name = "server/Package.swift.tmpl"
        guard let text = skeletons[name] else { throw .missing(name) }
        return try Skeleton.fill(text, named: name, values: [
            "package_name": manifest.name,
            "executable_name": manifest.executableName,
            "runtime_path": runtimePath,
            "runtime_package": runtimePackageIdentity(runtimePath),
        ], lists: ["runtime_products": runtimeProducts(manifest)])
    }

    /// SwiftPM names a path dependency by its folder's last component: `/opt/omni/Runtime` →
    /// `Runtime` (products are then `.product(name:package:)` of that name).
    static func runtimePackageIdentity(_ runtimePath: String) -> String {
        var path = Substring(runtimePath)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path.split(separator: "/").last ?? "Runtime")
    }

    static func main(manifest: ServerManifest, skeletons: [String: String]) throws(Skeleton.Failure) -> String {
        let name = "server/main.swift.tmpl"
        guard let text = skeletons[name] else { throw .missing(name) }
        return try Skeleton.fill(text, named: name, values: ["package_name": manifest.name])
    }
}
