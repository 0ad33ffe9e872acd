import Diagnostics
import Execution
import Foundation
import Planning
import ProjectModel
import SQLDialect
import Testing
import Warehouse

@testable import Workspace

/// Model contracts on SQLite, end to end, against what dbt-postgres did with the same project
/// (`DbtContracts`): dbt's messages where SQLite behaves as PostgreSQL does, SQLite's own
/// where it does not (its type affinities, its constraint errors).
@Suite struct ContractRunTests {
    static let customers = "model.contracts.customers"

    @Test func aProjectWithContractsBuildsWithTheDeclaredColumnsAndConstraints() throws {
        let project = try RunProject("contracts")
        let (outcome, _, warnings) = try project.runKeepingWarnings()
        #expect(outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
        let dbt = try DbtContracts.scenario("build")
        #expect(
            warnings.filter { $0.code == "W1807" }.map(\.message) == dbt.warnings,
            "the view's constraints, as dbt warns")
        let schema = try rows(
            try project.sqlite("contracts.db"), "select sql from sqlite_master where name = 'customers'")
        #expect(schema.first?.first?.contains("id int not null primary key") == true)
        #expect(schema.first?.first?.contains("tier text check (tier in ('gold', 'silver'))") == true)
        #expect(
            try rows(try project.sqlite("contracts.db"), "select id, name from customers order by id") == [
                ["1", "Ada"], ["2", "Grace"],
            ])
    }

    /// SQLite keeps a foreign key in the DDL but checks it only under `pragma foreign_keys = on`.
    @Test func sqliteWarnsThatItDoesNotEnforceForeignKeys() throws {
        let project = try RunProject("contracts")
        let (_, byID, warnings) = try project.runKeepingWarnings(select: ["+orders"])
        #expect(byID["model.contracts.orders"]?.status == .success)
        #expect(
            warnings.filter { $0.code == "W1805" }.map(\.message) == [
                "The constraint type foreign_key is not enforced by sqlite. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning."
            ])
    }

    /// A missing column, an extra one, a wrong type: the same table dbt printed (SQLite's
    /// seeds are `INT` and `TEXT`, the same types by affinity). Nothing is written.
    @Test(arguments: ["missing_column", "extra_column", "wrong_type"])
    func aMismatchFailsTheModelWithDbtsMessage(variant: String) throws {
        let project = try RunProject("contracts")
        try project.run()
        let (outcome, byID) = try project.run(
            .run, select: ["customers"], vars: DbtContracts.variant("customers_variant", variant))
        #expect(outcome.exitStatus == 1)
        let diagnostic = byID[Self.customers]?.error as? Diagnostic
        #expect(diagnostic?.code == "W1801")
        #expect(
            diagnostic?.message == (try DbtContracts.scenario("customers_\(variant)").message(Self.customers))
        )
        #expect(diagnostic?.file?.name == "models/customers.sql")
        #expect(byID[Self.customers]?.executedSQL.isEmpty == true, "nothing ran")
        #expect(try rows(try project.sqlite("contracts.db"), "select count(*) from customers") == [["2"]])
    }

    /// Each constraint SQLite enforces fails the insert, and the transaction leaves the previous
    /// table in place.
    @Test(arguments: [
        ("null_name", "NOT NULL constraint failed: customers.name"),
        ("duplicate_email", "UNIQUE constraint failed: customers.email"),
        ("duplicate_id", "UNIQUE constraint failed: customers.id"),
        ("bad_tier", "CHECK constraint failed: tier in ('gold', 'silver')"),
    ])
    func aRowBreakingAConstraintFailsTheModelAndKeepsTheOldTable(variant: String, message: String) throws {
        let project = try RunProject("contracts")
        try project.run()
        let (outcome, byID) = try project.run(
            .run, select: ["customers"], vars: DbtContracts.variant("customers_variant", variant))
        #expect(outcome.exitStatus == 1)
        #expect((byID[Self.customers]?.error as? WarehouseError)?.message == message)
        let warehouse = try project.sqlite("contracts.db")
        #expect(
            try rows(warehouse, "select id, name from customers order by id") == [
                ["1", "Ada"], ["2", "Grace"],
            ])
        #expect(try warehouse.relations(inSchema: "main").filter { $0.name.contains("__weir") }.isEmpty)
    }

    @Test func aViewIsCheckedButGetsNoConstraints() throws {
        let project = try RunProject("contracts")
        try project.run()
        try "select id from {{ ref('customers') }}".write(
            toFile: project.directory + "/models/customer_names.sql", atomically: true, encoding: .utf8)
        let (_, byID) = try project.run(.run, select: ["customer_names"])
        let diagnostic = byID["model.contracts.customer_names"]?.error as? Diagnostic
        #expect(
            diagnostic?.message.hasSuffix(
                """
                | column_name | definition_type | contract_type | mismatch_reason       |
                | ----------- | --------------- | ------------- | --------------------- |
                | name        |                 | TEXT          | missing in definition |
                """) == true, "\(diagnostic?.message ?? "")")
    }

    /// The first build creates the contracted table; later runs check their new rows and
    /// insert them under the table's constraints.
    @Test func anIncrementalModelKeepsItsContract() throws {
        let project = try RunProject("contracts")
        try project.run()
        let events = "model.contracts.order_events"
        let (more, _) = try project.run(
            .run, select: ["order_events"], vars: DbtContracts.variant("events_variant", "more"))
        #expect(more.exitStatus == 0)
        let (wrong, wrongByID) = try project.run(
            .run, select: ["order_events"], vars: DbtContracts.variant("events_variant", "wrong_type"))
        #expect(wrong.exitStatus == 1)
        // SQLite names the declared numeric(10,2) by its affinity; dbt-postgres says DECIMAL.
        #expect(
            (wrongByID[events]?.error as? Diagnostic)?.message
                == (try DbtContracts.scenario("incremental_wrong_type").message(events))?
                .replacingOccurrences(of: "DECIMAL", with: "NUMERIC"))
        let (null, nullByID) = try project.run(
            .run, select: ["order_events"], vars: DbtContracts.variant("events_variant", "null_amount"))
        #expect(null.exitStatus == 1)
        #expect(
            (nullByID[events]?.error as? WarehouseError)?.message
                == "NOT NULL constraint failed: order_events.amount")
        #expect(
            try rows(
                try project.sqlite("contracts.db"), "select order_id, amount from order_events order by 1")
                == [
                    ["101", "12.5"], ["102", "30"], ["103", "7.25"],
                ])
    }

    @Test(arguments: ["run_missing_data_type", "run_no_columns_spec"])
    func aContractThatCannotBeCheckedFailsTheModelWithDbtsMessage(scenario: String) throws {
        let project = try RunProject("contracts")
        try DbtContracts.overlay(scenario, onto: project)
        let dbt = try DbtContracts.scenario(scenario)
        let (id, expected) = try #require(dbt.results.first { $0.value.status == "error" })
        let (outcome, byID) = try project.run(.build)
        #expect(outcome.exitStatus == 1)
        #expect(errorMessage(byID[id]) == expected.message)
    }

    @Test func aNumericWithoutPrecisionIsWarnedAboutAsDbtDoes() throws {
        let project = try RunProject("contracts")
        try DbtContracts.overlay("run_naked_numeric", onto: project)
        let (outcome, _, warnings) = try project.runKeepingWarnings(select: ["+orders"])
        #expect(outcome.exitStatus == 0)
        #expect(
            warnings.filter { $0.code == "W1804" }.map(\.message)
                == (try DbtContracts.scenario("run_naked_numeric").warnings))
    }
}

/// Contracts while parsing and against a previous state: dbt's messages, with the `postgres`
/// target (parsing never connects), as dbt-postgres judged them.
@Suite struct ContractParsingTests {
    static func project() throws -> RunProject {
        var project = try RunProject("contracts")
        project.targetName = "postgres"
        for (key, value) in [
            "PGHOST": "127.0.0.1", "PGPORT": "5432", "PGUSER": "weir", "PGPASSWORD": "",
            "PGDATABASE": "weir_fixtures",
        ] {
            project.environment[key] = value
        }
        return project
    }

    @Test(arguments: [
        ("err_on_schema_change", "W1812"), ("err_two_primary_keys", "W1810"),
        ("err_column_constraint_type", "W1808"),
        ("err_model_constraint_type", "W1809"), ("err_no_columns", "W1811"),
    ])
    func aBrokenContractStopsParsingWithDbtsMessage(scenario: String, code: String) throws {
        let project = try Self.project()
        try DbtContracts.overlay(scenario, onto: project)
        let expected = try DbtContracts.scenario(scenario)
        #expect(expected.exitCode == 2)
        do {
            _ = try project.workspace(command: "parse").parse()
            Issue.record("\(scenario) parsed")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == code)
            #expect(diagnostic.message == expected.error)
            #expect(diagnostic.file != nil, "the error names the file to fix")
        }
    }

    /// dbt: a `state:modified` selection compares the contracts; Weir compares them whenever
    /// `--state` is given. A breaking change warns for an unversioned model and stops the
    /// invocation for a versioned one.
    @Test(arguments: [
        "state_unversioned", "state_versioned", "state_enforcement_removed", "state_model_constraint_removed",
        "state_model_deleted",
    ])
    func aBreakingChangeAgainstTheStateIsReportedAsDbtReportsIt(scenario: String) throws {
        let project = try Self.project()
        let base = project.workspace(command: "parse")
        let parsed = try base.parse()
        try base.writeManifest(parsed)
        let state = project.directory + "/state"
        try FileManager.default.moveItem(atPath: project.directory + "/target", toPath: state)
        try DbtContracts.overlay(scenario, onto: project)
        let expected = try DbtContracts.scenario(scenario)
        do {
            let changed = try project.workspace(command: "ls", state: "state").parse()
            #expect(expected.error == nil, "dbt stopped: \(expected.error ?? "")")
            let breaking = changed.warnings.filter { $0.code == "W1815" }.map(\.message)
            #expect(breaking == expected.warnings.filter { $0.hasPrefix("Breaking change") })
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "W1816")
            #expect(diagnostic.message == expected.error)
        }
    }

    /// dbt accepts an enforced contract on an ephemeral model and checks nothing; Weir says so.
    @Test func anEphemeralModelsContractIsNeverChecked() throws {
        let project = try Self.project()
        try "{{ config(materialized='ephemeral', contract={'enforced': true}) }}\nselect 1 as id".write(
            toFile: project.directory + "/models/inline_ids.sql", atomically: true, encoding: .utf8)
        let parsed = try project.workspace(command: "parse").parse()
        let warning = try #require(parsed.warnings.first { $0.code == "W1814" })
        #expect(
            warning.message == "model 'inline_ids' is ephemeral, so its enforced contract is never checked")
        #expect(warning.file?.name == "models/inline_ids.sql")
    }

    @Test func withoutAPreviousManifestNothingIsCompared() throws {
        let project = try Self.project()
        let parsed = try project.workspace(command: "ls", state: "nowhere").parse()
        #expect(parsed.warnings.map(\.code).contains("W1818"))
    }

    /// Weir's statements for the contracted models are the ones dbt-postgres ran, token for
    /// token (`__dbt_tmp` is Weir's `__weir_tmp`, and dbt builds a new incremental model in
    /// place where Weir builds it beside and renames it).
    @Test(arguments: ["customers", "orders", "products_v1", "order_events"])
    func theContractedDDLIsDbtPostgres(model: String) throws {
        let project = try Self.project()
        let workspace = project.workspace(command: "run")
        let parsed = try workspace.parse()
        let id = try #require(
            parsed.manifest.nodes.keys.first {
                $0.hasPrefix("model.contracts.\(model.replacingOccurrences(of: "_v1", with: ""))")
            })
        try parsed.compiler.compile([id])
        let node = try #require(parsed.compiler.manifest.nodes[id])
        let plan = try Planner(dialect: .postgres).plan(
            NodeInput(node: node, compiledSQL: node.compiledCode ?? ""), facts: .absent)
        let create = try #require(
            plan.steps.lazy.compactMap { step -> String? in
                if case .statement(let sql, _) = step, sql.hasPrefix("create table") { return sql }
                return nil
            }.first)
        let ours = DbtContracts.tokens(create.replacingOccurrences(of: "__weir_tmp\"", with: "\""))
        let dbts = DbtContracts.tokens(
            try DbtContracts.runSQL("build", model).replacingOccurrences(of: "__dbt_tmp\"", with: "\""))
        #expect(ours == dbts)
    }

    /// An incremental run of a contracted model inserts its new rows as dbt-postgres does.
    @Test func theIncrementalRunInsertsAsDbtPostgres() throws {
        let project = try Self.project()
        let parsed = try project.workspace(command: "run").parse()
        let id = "model.contracts.order_events"
        parsed.compiler.existingRelations.insert(id)
        try parsed.compiler.compile([id])
        let node = try #require(parsed.compiler.manifest.nodes[id])
        let existing = RelationFacts(
            existing: .table,
            columns: [
                ColumnDescription(name: "order_id", dataType: "integer"),
                ColumnDescription(name: "amount", dataType: "numeric"),
            ])
        let plan = try Planner(dialect: .postgres).plan(
            NodeInput(node: node, compiledSQL: node.compiledCode ?? ""), facts: existing)
        let insert = try #require(
            plan.steps.lazy.compactMap { step -> String? in
                if case .statement(let sql, main: true) = step { return sql }
                return nil
            }.first)
        let ours = DbtContracts.tokens(insert.replacingOccurrences(of: "__weir_tmp", with: "__tmp"))
        let dbts = DbtContracts.tokens(
            try DbtContracts.runSQL("incremental_more", "order_events").replacingOccurrences(
                of: "__dbt_tmp", with: "__tmp"))
        #expect(ours == dbts)
    }
}
