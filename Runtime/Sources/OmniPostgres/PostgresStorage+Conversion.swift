// Conversions between OmniStorage's values and PostgreSQL's wire types, URLs and errors.

import Foundation
import OmniStorage
import PostgresNIO

extension PostgresStorage {
    /// The statement with `$n` placeholders and its bindings.
    static func query(_ sql: SQL) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: sql.bindings.count)
        for value in sql.bindings {
            switch value {
            case .null: binds.appendNull()
            case .integer(let v): binds.append(v)
            case .double(let v): binds.append(v)
            case .text(let v):
                if v.utf8.contains(0) {
                    throw StorageError.invalidValue("text contains a NUL byte, which neither SQLite nor PostgreSQL stores; use a blob")
                }
                binds.append(v)
            case .blob(let v): binds.append(ByteBuffer(bytes: v))
            case .bool(let v): binds.append(v)
            }
        }
        return PostgresQuery(unsafeSQL: sql.text(for: .postgres), binds: binds)
    }

    /// A result cell as a `DatabaseValue`. Types without a natural mapping (timestamps,
    /// numeric, arrays, …) must be cast in SQL (`created_at::text`).
    static func value(of cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .bool: return .bool(try cell.decode(Bool.self))
            case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
            case .float4, .float8: return .double(try cell.decode(Double.self))
            case .text, .varchar, .bpchar, .name, .uuid, .json, .jsonb: return .text(try cell.decode(String.self))
            case .bytea: return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
            case .void: return .null
            default:
                throw StorageError.invalidValue(
                    "column '\(cell.columnName)' has PostgreSQL type \(cell.dataType), which has no storage mapping; cast it in SQL (e.g. ::text or ::float8)")
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.typeMismatch(column: cell.columnName, expected: "\(cell.dataType)", found: .null)
        }
    }

    /// Parses `postgres://user:password@host:port/database?sslmode=…`.
    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty
        else {
            throw StorageError.invalidValue("not a postgres:// URL: \(url)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch sslmode {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database,
            tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// Turns postgres-nio's errors into `StorageError`; other errors pass through.
    static func storageError(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        let state = error.serverInfo?[.sqlState]
        let message = error.serverInfo?[.message] ?? String(reflecting: error)
        switch state {
        case "23505": return StorageError.constraint(.unique, message: message)
        case "23503": return StorageError.constraint(.foreignKey, message: message)
        case "23502": return StorageError.constraint(.notNull, message: message)
        case "23514": return StorageError.constraint(.check, message: message)
        case let s? where s.hasPrefix("23"): return StorageError.constraint(.other, message: message)
        default: return StorageError.database(message: message, code: state)
        }
    }
}
