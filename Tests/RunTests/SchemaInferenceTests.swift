import Foundation
import SQLDialect
import SQLiteWarehouse
import Selection
import Testing
import Warehouse
@testable import Workspace

/// Schema inference on SQLite (Projects/inference) measured against what the build then makes:
/// shadows in scratch schemas, found by the models downstream through a view, an ephemeral
/// model's CTE, an incremental model reading itself, two models of the same identifier in two
/// schemas, and `adapter.get_columns_in_relation` while compiling.
@Suite struct SchemaInferenceTests {
    /// The table models and the schema each is built in.
    static let tables = [
        ("main", "users"), ("main", "events_incremental"), ("main", "daily_events"), ("main_other", "users"),
        ("main", "both_users"), ("main", "star_events"),
    ]
    static let ids = [
        "model.inference.users", "model.inference.events_incremental", "model.inference.daily_events",
        "model.inference.other_users", "model.inference.both_users", "model.inference.star_events",
    ]

    static func inferred(_ project: RunProject) throws -> [[String]] {
        let workspace = project.workspace(command: "compile")
        let parsed = try workspace.parse()
        let report = try workspace.checkColumnContracts(SelectionRequest(), in: parsed)
        #expect(report.diagnostics.isEmpty)
        #expect(report.checkedModels == 8, "six tables, the view and the ephemeral model")
        return ids.map { id in (parsed.compiler.inferredColumns[id] ?? []).map { "\($0.name) \($0.dataType)" } }
    }

    static func built(_ connection: any WarehouseConnection) throws -> [[String]] {
        try tables.map { schema, table in
            try rows(connection, "select name || ' ' || type from pragma_table_info('\(table)', '\(schema)') order by cid").map { $0[0] }
        }
    }

    @Test func inferredColumnsAreThoseOfTheTablesTheBuildMakes() throws {
        let project = try RunProject("inference")
        let inferred = try Self.inferred(project)
        // (An aggregate has no affinity: its column has no type.)
        #expect(inferred[0] == ["user_id INT", "event_count ", "total_amount ", "last_seen_at "])
        #expect(inferred[5] == ["event_id INT", "user_id INT", "amount REAL", "happened_at TEXT"])
        // Nothing of the shadows is left, in either schema.
        let connection = try project.sqlite("inference.db")
        #expect(try rows(connection, "select count(*) from sqlite_master") == [["0"]])
        #expect(try rows(connection, "select count(*) from sqlite_temp_master") == [["0"]])

        let (outcome, _) = try project.run()
        #expect(outcome.exitStatus == 0)
        let built = try Self.built(try project.sqlite("inference.db"))
        #expect(inferred == built)
    }

    /// Once built, a rebuild's inference reads the incremental model's own table (`{{ this }}`)
    /// as it stands and shadows the rest again, leaving the built tables as they were.
    @Test func aRebuildInfersTheSameColumnsAndLeavesTheTablesAlone() throws {
        let project = try RunProject("inference")
        #expect(try project.run().outcome.exitStatus == 0)
        let connection = try project.sqlite("inference.db")
        let before = try rows(connection, "select count(*) from main.events_incremental union all select count(*) from main_other.users")
        #expect(try Self.inferred(project) == Self.built(connection))
        #expect(try rows(connection, "select count(*) from main.events_incremental union all select count(*) from main_other.users") == before)
    }

    @Test func everyQuotedNameOfAShadowedRelationIsPointedAtItsShadow() throws {
        let names = ShadowNames(inScratchSchemas: true, read: [])
        names.record(#""main"."a""#, shadow: RelationName(database: nil, schema: "temp", identifier: "a"))
        names.record(#""main"."b""#, shadow: RelationName(database: nil, schema: "weir_shadows_1", identifier: "b"))
        let sql = #"select * from "main"."a" join "main"."ab" on 1 join "main"."b" b using (x) where "x""y" = 'é'"#
        #expect(names.pointingAtShadows(anywhereIn: sql, dialect: .sqlite)
            == #"select * from "temp"."a" join "main"."ab" on 1 join "weir_shadows_1"."b" b using (x) where "x""y" = 'é'"#)
        #expect(names.pointingAtShadows(anywhereIn: #"select "unclosed"#, dialect: .sqlite) == #"select "unclosed"#)
    }

    /// SQLite attaches ten databases at most: the profile's schemas come first, and inference
    /// takes what is left, down to shaping everything in `temp`.
    @Test(arguments: [(7, "weir_shapes", ["temp", "weir_shadows_1", "weir_shadows_2"]), (9, "weir_shapes", ["temp"]), (10, "temp", ["temp"])])
    func scratchSchemasAreWhatSQLiteLeavesToAttach(schemas: Int, shapes: String, shadows: [String]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-scratch-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var paths = ["main": directory + "/main.db"]
        for index in 1...schemas { paths["s\(index)"] = directory + "/s\(index).db" }
        let connection = try SQLiteWarehouse(configuration: SQLiteConfiguration(schemasAndPaths: paths)).connect()
        let names = ShadowNames(inScratchSchemas: true, read: [])
        names.attachScratchSchemas(on: connection)
        #expect(names.shapeSchema == shapes)
        #expect(names.shadowSchemas == shadows)
        names.detachScratchSchemas(on: connection)
        #expect(try rows(connection, "select count(*) from pragma_database_list where name like 'weir%'") == [["0"]])
    }
}
