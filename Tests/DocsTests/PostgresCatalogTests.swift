import Artifacts
import Foundation
import PostgresWarehouse
import Testing
import Warehouse

/// The catalog read from a real PostgreSQL server, which `Scripts/test.sh` starts (through
/// `Scripts/with_postgres.sh`). Without one these tests fail; they never skip.
@Suite("catalog.json on PostgreSQL")
struct PostgresCatalogTests {
    @Test("types, owners, comments and statistics as dbt-postgres reads them, in a database of its own")
    func exampleOnPostgres() throws {
        let environment = ProcessInfo.processInfo.environment
        let names = [
            "WEIR_TEST_PGHOST", "WEIR_TEST_PGPORT", "WEIR_TEST_PGUSER", "WEIR_TEST_PGPASSWORD",
            "WEIR_TEST_PGDATABASE",
        ]
        guard names.allSatisfy({ environment[$0] != nil }),
            let port = Int(environment["WEIR_TEST_PGPORT"] ?? "")
        else {
            Issue.record("PostgreSQL tests need a server: run them through Scripts/test.sh, which starts one")
            return
        }
        func connect(_ database: String) throws -> any WarehouseConnection {
            try PostgresWarehouse(
                configuration: PostgresConfiguration(
                    host: environment["WEIR_TEST_PGHOST"] ?? "", port: port,
                    user: environment["WEIR_TEST_PGUSER"] ?? "",
                    password: environment["WEIR_TEST_PGPASSWORD"] ?? "", dbname: database)
            ).connect()
        }
        let database =
            "weir_docs_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let admin = try connect(environment["WEIR_TEST_PGDATABASE"] ?? "")
        defer { admin.close() }
        _ = try admin.execute("create database \(database)")
        var projectEnvironment = environment
        projectEnvironment["PGHOST"] = environment["WEIR_TEST_PGHOST"]
        projectEnvironment["PGPORT"] = environment["WEIR_TEST_PGPORT"]
        projectEnvironment["PGUSER"] = environment["WEIR_TEST_PGUSER"]
        projectEnvironment["PGPASSWORD"] = environment["WEIR_TEST_PGPASSWORD"]
        projectEnvironment["PGDATABASE"] = database
        let docs = try ExampleDocs(targetName: "postgres", environment: projectEnvironment) {
            let connection = try connect(database)
            defer { connection.close() }
            _ = try connection.execute(
                """
                comment on table music_streaming.sessions is 'One row per session';
                comment on column music_streaming.sessions.session_id is 'The key';
                analyze music_streaming.raw_events
                """)
        }
        defer { docs.remove() }
        let bytes = try docs.bytes("target/catalog.json")
        let validation = try validateArtifact(bytes, schema: "catalog-v1.json")
        #expect(validation.valid, "\(validation.report)")
        let nodes = try #require(try JSONValue(parsing: bytes)["nodes"])
        let sessions = try #require(nodes["model.music_streaming.sessions"])
        #expect(sessions["metadata"]?["type"] == "BASE TABLE")
        #expect(sessions["metadata"]?["database"] == .string(database))
        #expect(sessions["metadata"]?["owner"] == .string(environment["WEIR_TEST_PGUSER"]))
        #expect(sessions["metadata"]?["comment"] == "One row per session")
        #expect(
            sessions["columns"]?["session_id"] == [
                "type": "integer", "index": 1, "name": "session_id", "comment": "The key",
            ])
        #expect(nodes["model.music_streaming.stg_users"]?["metadata"]?["type"] == "VIEW")
        let events = try #require(nodes["seed.music_streaming.raw_events"]?["stats"])
        #expect(events["row_count"]?["value"] == 493)
        // Its pages as ANALYZE left them, in whole blocks of 8 KiB.
        guard case .int(let bytes)? = events["bytes"]?["value"] else {
            Issue.record("no bytes in \(events)")
            return
        }
        #expect(bytes > 0 && bytes % 8192 == 0)
        #expect(events["has_stats"]?["value"] == true)
        #expect(nodes["model.music_streaming.stg_users"]?["stats"]?.objectValue?.keys == ["has_stats"])
    }
}
