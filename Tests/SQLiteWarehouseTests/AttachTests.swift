import Foundation
import SQLDialect
import SQLiteWarehouse
import Testing
import Warehouse

/// Schemas as dbt-sqlite attaches them (`SQLiteConnectionManager.open`, `sqlite__create_schema`).
@Suite struct AttachTests {
    @Test func mainIsOpenedAndOtherConfiguredSchemasAreAttachedByName() throws {
        let sandbox = try Sandbox()
        let connection = try sandbox.warehouse(["raw": "data/raw.db", "staging": "staging.db"]).connect()
        defer { connection.close() }
        #expect(connection.dialect == .sqlite)
        #expect(try connection.schemas() == ["main", "raw", "staging"])
        _ = try connection.execute("create table raw.orders (id integer)")
        // Directories of configured files are created as needed.
        #expect(FileManager.default.fileExists(atPath: sandbox.path("data/raw.db")))
    }

    @Test func schemaDirectoryFilesAreAttachedUnderTheirFileNames() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(
            atPath: sandbox.path("schemas"), withIntermediateDirectories: true)
        for name in ["analytics", "marts"] {
            let connection = try SQLiteWarehouse(
                configuration: SQLiteConfiguration(schemasAndPaths: [
                    "main": sandbox.path("schemas/\(name).db")
                ])
            ).connect()
            _ = try connection.execute("create table t (x integer); insert into t values (1)")
            connection.close()
        }
        // Not `*.db`, or hidden: dbt-sqlite's glob does not match them.
        _ = FileManager.default.createFile(atPath: sandbox.path("schemas/notes.txt"), contents: Data())
        _ = FileManager.default.createFile(atPath: sandbox.path("schemas/.hidden.db"), contents: Data())

        let connection = try sandbox.connect()
        defer { connection.close() }
        #expect(try connection.schemas() == ["main", "analytics", "marts"])
        #expect(try connection.rows("select x from marts.t") == [[.integer(1)]])
    }

    @Test func aConfiguredFileInsideTheSchemaDirectoryIsAttachedOnce() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.warehouse(["raw": "schemas/raw_data.db"]).connect()
        first.close()
        let connection = try sandbox.warehouse(["raw": "schemas/raw_data.db"]).connect()
        defer { connection.close() }
        #expect(try connection.schemas() == ["main", "raw"])
    }

    @Test func aSchemaDirectoryFileNamedLikeAConfiguredSchemaIsRefused() throws {
        let sandbox = try Sandbox()
        try sandbox.connect().createSchema("raw")
        let error = #expect(throws: WarehouseError.self) {
            try sandbox.warehouse(["raw": "elsewhere/raw.db"]).connect()
        }
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains(sandbox.path("schemas/raw.db")) == true)
        #expect(error?.message.contains("already defined in schemas_and_paths") == true)
    }

    @Test func mainIsRequired() {
        let warehouse = SQLiteWarehouse(
            configuration: SQLiteConfiguration(schemasAndPaths: ["raw": "/tmp/raw.db"]))
        let error = #expect(throws: WarehouseError.self) { try warehouse.connect() }
        #expect(error?.kind == .configuration)
        #expect(error?.message == "at least one schema must be called 'main'")
    }

    @Test func createSchemaAttachesAFileInTheSchemaDirectory() throws {
        let sandbox = try Sandbox()
        let connection = try sandbox.connect()
        defer { connection.close() }
        try connection.createSchema("analytics")
        try connection.createSchema("analytics")  // already there: nothing to do
        try connection.createSchema("main")
        #expect(try connection.schemas() == ["main", "analytics"])
        #expect(FileManager.default.fileExists(atPath: sandbox.path("schemas/analytics.db")))
        _ = try connection.execute("create table analytics.t (x integer)")
        #expect(
            try connection.relations(inSchema: "analytics") == [
                RelationDescription(schema: "analytics", name: "t", kind: .table)
            ])
    }

    @Test func createSchemaWithoutASchemaDirectoryNamesTheSetting() throws {
        let sandbox = try Sandbox()
        let connection = try sandbox.warehouse(["raw": "raw.db"], schemaDirectory: nil).connect()
        defer { connection.close() }
        try connection.createSchema("raw")  // configured: fine
        let error = #expect(throws: WarehouseError.self) { try connection.createSchema("analytics") }
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains("schema_directory") == true)
        #expect(error?.hint?.contains("schemas_and_paths") == true)
    }

    /// Threads of one run each have a connection: a schema one of them creates must be usable
    /// from the others, which attached their schemas before it existed.
    @Test func aSchemaCreatedOnOneConnectionIsVisibleFromAnother() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.connect()
        let second = try sandbox.connect()
        let third = try sandbox.connect()
        defer { [first, second, third].forEach { $0.close() } }

        try first.createSchema("analytics")
        _ = try first.execute(
            "create table analytics.orders (id integer); insert into analytics.orders values (7)")

        // Statements naming it directly: "no such table" makes the connection look again.
        #expect(try second.rows("select id from analytics.orders") == [[.integer(7)]])
        // Listing schemas and relations looks too.
        #expect(try third.schemas() == ["main", "analytics"])
        #expect(try third.relations(inSchema: "analytics").map(\.name) == ["orders"])

        // "unknown database" (DDL into a schema not attached yet) as well.
        try first.createSchema("marts")
        let fourth = try sandbox.connect()
        defer { fourth.close() }
        try second.createSchema("reports")
        _ = try fourth.execute("create table reports.daily (day text)")
        #expect(
            try fourth.columns(of: RelationName(database: nil, schema: "reports", identifier: "daily")).map(
                \.name) == ["day"])
    }

    @Test func aMissingSchemaHasNoRelationsOrColumns() throws {
        let sandbox = try Sandbox()
        let connection = try sandbox.connect()
        defer { connection.close() }
        #expect(try connection.relations(inSchema: "nowhere") == [])
        #expect(
            try connection.columns(of: RelationName(database: nil, schema: "nowhere", identifier: "t")) == [])
        let error = #expect(throws: WarehouseError.self) { try connection.execute("select * from nowhere.t") }
        #expect(error?.message == "no such table: nowhere.t")
    }

    @Test func anUnusablePathIsReportedWithThePath() throws {
        let sandbox = try Sandbox()
        _ = FileManager.default.createFile(atPath: sandbox.path("file"), contents: Data("x".utf8))

        let underFile = SQLiteWarehouse(
            configuration: SQLiteConfiguration(schemasAndPaths: ["main": sandbox.path("file/sub/main.db")]))
        let directoryError = #expect(throws: WarehouseError.self) { try underFile.connect() }
        #expect(directoryError?.kind == .configuration)
        #expect(directoryError?.message.contains(sandbox.path("file/sub")) == true)

        _ = FileManager.default.createFile(
            atPath: sandbox.path("main.db"), contents: Data(repeating: 0x41, count: 4096))
        let garbage = #expect(throws: WarehouseError.self) { try sandbox.connect() }
        #expect(garbage?.kind == .connection)
        #expect(garbage?.message.contains(sandbox.path("main.db")) == true)
        #expect(garbage?.message.contains("not a database") == true)

        let directory = SQLiteWarehouse(
            configuration: SQLiteConfiguration(schemasAndPaths: ["main": sandbox.path("")]))
        let directoryAsFile = #expect(throws: WarehouseError.self) { try directory.connect() }
        #expect(directoryAsFile?.kind == .connection)
    }

    @Test func aClosedConnectionRefusesWork() throws {
        let sandbox = try Sandbox()
        let connection = try sandbox.connect()
        connection.close()
        connection.close()
        connection.cancel()
        let error = #expect(throws: WarehouseError.self) { try connection.execute("select 1") }
        #expect(error?.kind == .connection)
    }
}
