import Diagnostics
import Execution
import Foundation
import ProjectModel
import Testing
import Warehouse
import Workspace

/// Model contracts on a real PostgreSQL server, against what dbt-postgres 1.11 did with the
/// same project and the same variants (`DbtContracts`): the same messages, the same errors
/// from the server, and the previous relation left in place when a model fails.
@Suite struct PostgresContractTests {
    static let customers = "model.contracts.customers"
    static let orders = "model.contracts.orders"
    static let events = "model.contracts.order_events"

    /// A server error as dbt printed it (message, then `DETAIL:  ...`), Weir's relation names
    /// for dbt's (`__dbt_tmp` is `__weir_tmp`).
    static func serverError(_ dbt: String?) -> (message: String, detail: String?) {
        let lines = (dbt ?? "").replacingOccurrences(of: "__dbt_tmp", with: "__weir_tmp").split(
            separator: "\n"
        ).map(String.init)
        let detail = lines.first { $0.hasPrefix("DETAIL:") }.map {
            $0.dropFirst("DETAIL:".count).trimmingCharacters(in: .whitespaces)
        }
        return (lines.first ?? "", detail)
    }

    @Test func aProjectWithContractsBuildsAndRebuilds() throws {
        let (project, server, database) = try PostgresRunTests.project("contracts")
        for _ in 0..<2 {
            let (outcome, _, warnings) = try project.runKeepingWarnings()
            #expect(
                outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
            #expect(
                warnings.map(\.message) == (try DbtContracts.scenario("build").warnings),
                "PostgreSQL enforces every constraint")
        }
        let connection = try PostgresRunTests.connect(server, database: database)
        let constraints = try rows(
            connection,
            """
            select conrelid::regclass::text, contype, pg_get_constraintdef(oid) from pg_constraint
            where connamespace = 'contracts'::regnamespace order by 1, 2, 3
            """)
        #expect(
            constraints.contains([
                "contracts.orders", "f", "FOREIGN KEY (customer_id) REFERENCES contracts.customers(id)",
            ]))
        #expect(constraints.contains(["contracts.orders", "c", "CHECK ((amount >= (0)::numeric))"]))
        #expect(constraints.contains(["contracts.customers", "p", "PRIMARY KEY (id)"]))
        #expect(constraints.contains(["contracts.customers", "u", "UNIQUE (email)"]))
    }

    @Test(arguments: ["missing_column", "extra_column", "wrong_type"])
    func aMismatchFailsTheModelWithDbtsMessage(variant: String) throws {
        let (project, server, database) = try PostgresRunTests.project("contracts")
        try project.run()
        let (outcome, byID) = try project.run(
            .run, select: ["customers"], vars: DbtContracts.variant("customers_variant", variant))
        #expect(outcome.exitStatus == 1)
        #expect(
            errorMessage(byID[Self.customers])
                == (try DbtContracts.scenario("customers_\(variant)").message(Self.customers)))
        #expect(byID[Self.customers]?.executedSQL.isEmpty == true, "nothing ran")
        let connection = try PostgresRunTests.connect(server, database: database)
        #expect(try rows(connection, "select count(*) from contracts.customers") == [["2"]])
    }

    /// Each constraint is in the table when the rows go in: the server refuses the row as it
    /// refused dbt's, and the old table stays (the create and the insert are one transaction).
    @Test(arguments: [
        ("customers", "customers_variant", "null_name"),
        ("customers", "customers_variant", "duplicate_email"),
        ("customers", "customers_variant", "duplicate_id"), ("customers", "customers_variant", "bad_tier"),
        ("orders", "orders_variant", "unknown_customer"), ("orders", "orders_variant", "negative_amount"),
    ])
    func aRowBreakingAConstraintFailsAsInDbtAndKeepsTheOldTable(
        model: String, variable: String, variant: String
    ) throws {
        let (project, server, database) = try PostgresRunTests.project("contracts")
        try project.run()
        let id = "model.contracts.\(model)"
        let (outcome, byID) = try project.run(.run, select: [model], vars: DbtContracts.variant(variable, variant))
        #expect(outcome.exitStatus == 1)
        let error = try #require(byID[id]?.error as? WarehouseError)
        let dbt = Self.serverError(try DbtContracts.scenario("\(model)_\(variant)").message(id))
        #expect(error.message == dbt.message)
        #expect(error.detail == dbt.detail)
        let connection = try PostgresRunTests.connect(server, database: database)
        #expect(try rows(connection, "select count(*) from contracts.\(model)") == [["2"]])
        #expect(try connection.relations(inSchema: "contracts").filter { $0.name.contains("__weir") }.isEmpty)
    }

    @Test func anIncrementalModelKeepsItsContract() throws {
        let (project, server, database) = try PostgresRunTests.project("contracts")
        try project.run()
        let (more, _) = try project.run(
            .run, select: ["order_events"], vars: DbtContracts.variant("events_variant", "more"))
        #expect(more.exitStatus == 0)
        let (wrong, wrongByID) = try project.run(
            .run, select: ["order_events"], vars: DbtContracts.variant("events_variant", "wrong_type"))
        #expect(wrong.exitStatus == 1)
        #expect(
            errorMessage(wrongByID[Self.events])
                == (try DbtContracts.scenario("incremental_wrong_type").message(Self.events)))
        let (null, nullByID) = try project.run(
            .run, select: ["order_events"], vars: DbtContracts.variant("events_variant", "null_amount"))
        #expect(null.exitStatus == 1)
        let dbt = Self.serverError(try DbtContracts.scenario("incremental_null_amount").message(Self.events))
        #expect((nullByID[Self.events]?.error as? WarehouseError)?.message == dbt.message)
        let connection = try PostgresRunTests.connect(server, database: database)
        #expect(
            try rows(connection, "select order_id, amount::text from contracts.order_events order by 1") == [
                ["101", "12.50"], ["102", "30.00"], ["103", "7.25"],
            ])
    }

    /// A declared type PostgreSQL does not know is reported against the contract.
    @Test func anUnknownDeclaredTypeNamesTheContract() throws {
        let (project, _, _) = try PostgresRunTests.project("contracts")
        let path = project.directory + "/models/customers.yml"
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(
            of: "data_type: text", with: "data_type: txet"
        )
        .write(toFile: path, atomically: true, encoding: .utf8)
        let (_, byID) = try project.run(.build, select: ["+customers"])
        let diagnostic = byID[Self.customers]?.error as? Diagnostic
        #expect(diagnostic?.code == "W1817")
        #expect(
            diagnostic?.message.contains("type \"txet\" does not exist") == true,
            "\(diagnostic?.message ?? "")")
    }
}
