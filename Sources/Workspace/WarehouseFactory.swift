import Diagnostics
import Foundation
import PostgresWarehouse
import ProjectLoading
import ProjectModel
import SQLDialect
import SQLiteWarehouse
import Warehouse

/// Turns a profile target into a warehouse: dbt-sqlite's fields for `sqlite`, dbt-postgres'
/// for `postgres` and `redshift`.
enum WarehouseFactory {
    static func make(_ target: Target, projectDirectory: String) throws -> any Warehouse {
        let fields = target.fields
        switch target.type {
        case "sqlite":
            var paths: [String: String] = [:]
            for (schema, path) in fields["schemas_and_paths"]?.mapValue ?? ConfigMap() {
                paths[schema] = absolute(path.stringValue ?? "", in: projectDirectory)
            }
            guard paths["main"] != nil else {
                throw Diagnostic(
                    code: "W0220", message: "the sqlite target '\(target.name)' has no schemas_and_paths entry for 'main'",
                    help: "add `schemas_and_paths: {main: path/to/main.db}` to the target in profiles.yml")
            }
            let directory = fields["schema_directory"]?.stringValue.map { absolute($0, in: projectDirectory) }
            return SQLiteWarehouse(configuration: SQLiteConfiguration(schemasAndPaths: paths, schemaDirectory: directory))
        case "postgres", "redshift":
            func text(_ key: String) -> String? {
                switch fields[key] {
                case .string(let value): return value
                case .int(let value): return String(value)
                default: return nil
                }
            }
            func number(_ key: String) -> Int? { text(key).flatMap { Int($0) } }
            guard let host = text("host"), let user = text("user") else {
                throw Diagnostic(
                    code: "W0221", message: "the \(target.type) target '\(target.name)' needs host and user",
                    help: "set host, user, password, port and dbname in profiles.yml")
            }
            let configuration = PostgresConfiguration(
                host: host, port: number("port") ?? 5432, user: user, password: text("password") ?? text("pass") ?? "",
                dbname: text("dbname") ?? text("database") ?? target.database, sslmode: text("sslmode"),
                connectTimeout: number("connect_timeout"), keepalivesIdle: number("keepalives_idle"),
                searchPath: text("search_path"), role: text("role"))
            return PostgresWarehouse(configuration: configuration, dialect: target.type == "redshift" ? .redshift : .postgres)
        default:
            throw Diagnostic(
                code: "W0401", message: "adapter type '\(target.type)' is not supported",
                help: "Weir supports \(SQLDialect.supportedAdapterTypes.joined(separator: ", "))")
        }
    }

    /// dbt-sqlite opens relative paths from the working directory; Weir resolves them against
    /// the project directory, so `--project-dir` works from anywhere.
    static func absolute(_ path: String, in directory: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = directory.hasPrefix("/") ? directory : join(FileManager.default.currentDirectoryPath, directory)
        return normalize(join(base, path))
    }
}
