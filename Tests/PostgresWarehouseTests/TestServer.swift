import Foundation
import PostgresWarehouse
import SQLDialect
import Warehouse

/// The PostgreSQL server the tests run against, as `Scripts/with_postgres.sh` describes it in
/// the environment. Without it every live test fails (never skips): a green run must mean the
/// driver was exercised.
enum TestServer {
    struct Missing: Error, CustomStringConvertible {
        let variables: [String]
        var description: String {
            "PostgreSQL tests need a server: run them through Scripts/test.sh, which starts one "
                + "(missing \(variables.joined(separator: ", ")))"
        }
    }

    static func configuration() throws -> PostgresConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let names = [
            "WEIR_TEST_PGHOST", "WEIR_TEST_PGPORT", "WEIR_TEST_PGUSER", "WEIR_TEST_PGPASSWORD",
            "WEIR_TEST_PGDATABASE",
        ]
        let missing = names.filter { (environment[$0] ?? "").isEmpty }
        guard missing.isEmpty, let port = environment["WEIR_TEST_PGPORT"].flatMap({ Int($0) }) else {
            throw Missing(variables: missing.isEmpty ? ["a numeric WEIR_TEST_PGPORT"] : missing)
        }
        return PostgresConfiguration(
            host: environment["WEIR_TEST_PGHOST"] ?? "", port: port,
            user: environment["WEIR_TEST_PGUSER"] ?? "",
            password: environment["WEIR_TEST_PGPASSWORD"] ?? "",
            dbname: environment["WEIR_TEST_PGDATABASE"] ?? "",
            connectTimeout: 10)
    }

    static func connect() throws -> any WarehouseConnection {
        try PostgresWarehouse(configuration: configuration()).connect()
    }
}

/// A schema of its own for one test, dropped afterwards, so tests can run in parallel.
struct Sandbox {
    let connection: any WarehouseConnection
    let schema: String
    let database: String

    /// A relation in this test's schema, with the database part that dbt-postgres renders.
    func relation(_ identifier: String) -> RelationName {
        RelationName(database: database, schema: schema, identifier: identifier)
    }

    /// The quoted `"schema"."name"` for SQL written by the test.
    func qualified(_ identifier: String) -> String {
        SQLDialect.postgres.quote(schema) + "." + SQLDialect.postgres.quote(identifier)
    }

    /// Runs `body` with a connection and a fresh schema; the schema is dropped over a separate
    /// connection, so a test may leave its own connection closed, broken or mid-transaction.
    static func run(_ body: (Sandbox) throws -> Void) throws {
        let configuration = try TestServer.configuration()
        let schema =
            "weir_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let connection = try PostgresWarehouse(configuration: configuration).connect()
        defer {
            connection.close()
            if let cleanup = try? TestServer.connect() {
                _ = try? cleanup.execute("drop schema if exists \(SQLDialect.postgres.quote(schema)) cascade")
                cleanup.close()
            }
        }
        try connection.createSchema(schema)
        try body(Sandbox(connection: connection, schema: schema, database: configuration.dbname))
    }
}

extension WarehouseConnection {
    /// The rows of a query, for assertions.
    func rows(_ sql: String) throws -> [[WarehouseValue]] { try execute(sql).rows }
}
