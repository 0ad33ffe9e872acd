import Diagnostics
import Foundation
import Planning
import ProjectModel
import SQLDialect
import Testing
import Warehouse

/// An enforced contract, checked just before its model builds: the columns the query returns
/// (described by the warehouse) against the declared ones, with dbt's error and its table.
@Suite struct ContractCheckTests {
    /// `customers` declaring `id int`, `name string`, `email varchar(100)`, `tier text`.
    static func customers(_ materialized: String = "table", columns: [(String, String?)]? = nil)
        -> ManifestNode
    {
        var node = PlanGoldenTests.model(
            "customers", materialized, config: [("contract", ["enforced": true])])
        node.patchPath = "shop://models/customers.yml"
        node.columns =
            (columns ?? [("id", "int"), ("name", "string"), ("email", "varchar(100)"), ("tier", "text")]).map
        { name, type in
            var column = ColumnInfo(name: name)
            column.dataType = type
            return column
        }
        return node
    }

    static func described(_ pairs: [(String, String)]) -> [ColumnDescription] {
        pairs.map { ColumnDescription(name: $0.0, dataType: $0.1) }
    }

    /// What PostgreSQL describes for `select cast(null as int) as id, cast(null as TEXT) as name, ...`.
    static let declaredOnPostgres = described([
        ("id", "integer"), ("name", "text"), ("email", "character varying"), ("tier", "text"),
    ])

    static func plan(
        _ node: ManifestNode, dialect: SQLDialect = .postgres, query: [(String, String)]?,
        declared: [ColumnDescription]? = declaredOnPostgres
    )
        throws -> NodePlan
    {
        var facts = RelationFacts()
        facts.queryColumns = query.map(described)
        facts.contractColumns = declared
        return try Planner(dialect: dialect).plan(
            NodeInput(node: node, compiledSQL: "select 1"), facts: facts)
    }

    static func failure(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            return nil
        }
    }

    static let header = """
        This model has an enforced contract that failed.
        Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.


        """

    @Test func aModelWithTheDeclaredColumnsAndTypesBuilds() throws {
        // varchar and text are both psycopg2's STRING, smallint and integer both INTEGER.
        let plan = try Self.plan(
            Self.customers(),
            query: [("id", "smallint"), ("name", "text"), ("email", "text"), ("tier", "character varying")])
        #expect(!plan.steps.isEmpty)
        #expect(plan.warnings.isEmpty)
    }

    /// The table dbt printed for this very case (dbt-postgres 1.11), row for row.
    @Test func everyMismatchIsListedSortedByColumnAsDbtPrintsIt() {
        let diagnostic = Self.failure {
            _ = try Self.plan(
                Self.customers(),
                query: [("id", "bigint"), ("name", "text"), ("tier", "numeric"), ("extra_col", "text")])
        }
        #expect(diagnostic?.code == "W1801")
        #expect(
            diagnostic?.message == Self.header + """
                | column_name | definition_type | contract_type | mismatch_reason       |
                | ----------- | --------------- | ------------- | --------------------- |
                | email       |                 | TEXT          | missing in definition |
                | extra_col   | TEXT            |               | missing in contract   |
                | id          | LONGINTEGER     | INTEGER       | data type mismatch    |
                | tier        | DECIMAL         | TEXT          | data type mismatch    |
                """)
        #expect(diagnostic?.file?.name == "models/customers.sql", "the error names the model's file")
        #expect(
            diagnostic?.help?.contains("models/customers.yml") == true, "and where the contract is declared")
    }

    @Test func aCellLongerThanFiftyCharactersIsCutAsAgateCutsIt() {
        let long = String(repeating: "x", count: 60)
        let diagnostic = Self.failure {
            _ = try Self.plan(
                Self.customers(columns: [("id", "int")]), query: [("id", "integer"), (long, "text")],
                declared: Self.described([("id", "integer")]))
        }
        let cut = String(repeating: "x", count: 47) + "..."
        #expect(
            diagnostic?.message.contains("| \(cut) | TEXT            |               | missing in contract |")
                == true, "\(diagnostic?.message ?? "")")
    }

    @Test func withoutDeclaredColumnsTheContractCannotBeChecked() {
        let diagnostic = Self.failure {
            _ = try Self.plan(Self.customers(columns: []), query: [("id", "integer")])
        }
        #expect(diagnostic?.code == "W1802")
        #expect(
            diagnostic?.message
                == "This model has an enforced contract, and its 'columns' specification is missing")
    }

    @Test func everyDeclaredColumnNeedsADataType() {
        let diagnostic = Self.failure {
            _ = try Self.plan(
                Self.customers(columns: [("id", "int"), ("email", nil)]), query: nil, declared: nil)
        }
        #expect(diagnostic?.code == "W1803")
        #expect(
            diagnostic?.message
                == "Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the ['email'] column(s)."
        )
    }

    @Test func aNumericWithoutPrecisionIsAWarning() throws {
        let node = Self.customers(columns: [("id", "int"), ("amount", "numeric")])
        let plan = try Self.plan(
            node, query: [("id", "integer"), ("amount", "numeric")],
            declared: Self.described([("id", "integer"), ("amount", "numeric")]))
        #expect(plan.warnings.map(\.code) == ["W1804"])
        #expect(
            plan.warnings.first?.message
                == "Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: ['amount']`"
        )
    }

    @Test func offlineThereIsNothingToCompare() throws {
        let plan = try Self.plan(Self.customers(), query: nil, declared: nil)
        #expect(!plan.steps.isEmpty)
    }

    @Test func aViewIsCheckedToo() {
        let diagnostic = Self.failure {
            _ = try Self.plan(Self.customers("view"), query: [("id", "integer")])
        }
        #expect(diagnostic?.code == "W1801")
    }

    @Test func anIncrementalRunChecksItsNewRows() {
        let node = Self.customers("incremental")
        var facts = RelationFacts(existing: .table, columns: Self.declaredOnPostgres)
        facts.queryColumns = Self.described([
            ("id", "integer"), ("name", "text"), ("email", "text"), ("tier", "integer"),
        ])
        facts.contractColumns = Self.declaredOnPostgres
        let diagnostic = Self.failure {
            _ = try Planner(dialect: .postgres).plan(
                NodeInput(node: node, compiledSQL: "select 1"), facts: facts)
        }
        #expect(
            diagnostic?.message.hasSuffix(
                "| tier        | INTEGER         | TEXT          | data type mismatch |") == true)
    }

    // MARK: - SQLite

    /// SQLite describes a type only for a column read straight from a table; it compares
    /// affinities (`varchar(100)` is TEXT), and a column of unknown type matches any type.
    @Test func sqliteComparesAffinitiesWhereItKnowsTheType() throws {
        let declared: [ColumnDescription]? = nil
        _ = try Self.plan(
            Self.customers(), dialect: .sqlite,
            query: [("ID", "INTEGER"), ("name", ""), ("email", "TEXT"), ("tier", "varchar(10)")],
            declared: declared)
        let diagnostic = Self.failure {
            _ = try Self.plan(
                Self.customers(), dialect: .sqlite,
                query: [("id", "integer"), ("name", ""), ("email", "text"), ("tier", "int")],
                declared: declared)
        }
        #expect(
            diagnostic?.message == Self.header + """
                | column_name | definition_type | contract_type | mismatch_reason    |
                | ----------- | --------------- | ------------- | ------------------ |
                | tier        | INTEGER         | TEXT          | data type mismatch |
                """)
    }
}

/// The contracted DDL: dbt's rendering of each constraint, and the warehouse's support for it.
@Suite struct ContractDDLTests {
    static func statements(_ plan: NodePlan) -> [String] {
        plan.steps.compactMap { if case .statement(let sql, _) = $0 { return sql } else { return nil } }
    }

    static func node(_ constraints: [ConfigValue], model: [ConfigValue] = []) -> ManifestNode {
        var node = ContractCheckTests.customers(columns: [("id", "integer")])
        node.columns[0].constraints = constraints
        node.constraints = model
        return node
    }

    static func create(_ node: ManifestNode, dialect: SQLDialect) throws -> (
        sql: String, warnings: [Diagnostic]
    ) {
        let plan = try Planner(dialect: dialect).plan(
            NodeInput(node: node, compiledSQL: "select 1 as id"), facts: .absent)
        return (statements(plan).first { $0.contains("create table") } ?? "", plan.warnings)
    }

    @Test func sqliteKeepsForeignKeysButDoesNotEnforceThem() throws {
        var node = Self.node([["type": "foreign_key", "to": "ref('regions')", "to_columns": ["id"]]])
        node.foreignKeyTargets = ["ref('regions')": "\"regions\""]
        let (sql, warnings) = try Self.create(node, dialect: .sqlite)
        #expect(sql.contains("id integer references \"regions\" (id)"))
        #expect(warnings.map(\.code) == ["W1805"])
        #expect(
            warnings.first?.message
                == "The constraint type foreign_key is not enforced by sqlite. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning."
        )
        node.columns[0].constraints = [
            ["type": "foreign_key", "expression": "regions (id)", "warn_unenforced": false]
        ]
        let quiet = try Self.create(node, dialect: .sqlite)
        #expect(quiet.sql.contains("id integer references regions (id)"))
        #expect(quiet.warnings.isEmpty, "warn_unenforced: false silences it")
    }

    @Test func postgresEnforcesEveryConstraint() throws {
        let node = Self.node(
            [["type": "not_null"], ["type": "unique"], ["type": "check", "expression": "id > 0"]],
            model: [
                ["type": "primary_key", "columns": ["id"], "name": "pk"],
                ["type": "custom", "expression": "exclude using gist (id with =)"],
            ])
        let (sql, warnings) = try Self.create(node, dialect: .postgres)
        #expect(
            sql.contains(
                "id integer not null unique check (id > 0),\n    constraint pk primary key (id),\n    exclude using gist (id with =)\n)"
            ))
        #expect(warnings.isEmpty)
    }

    @Test func redshiftLeavesChecksOutAndWarns() throws {
        let node = Self.node(
            [["type": "check", "expression": "id > 0"], ["type": "not_null"]],
            model: [["type": "unique", "columns": ["id"]]])
        let (sql, warnings) = try Self.create(node, dialect: .redshift)
        #expect(sql.contains("id integer not null,\n    unique (id)\n)"))
        #expect(warnings.map(\.code) == ["W1806", "W1805"])
        #expect(
            warnings.first?.message
                == "The constraint type check is not supported by redshift, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning."
        )
    }

    @Test func aliasTypesTranslatesStringUnlessTurnedOff() throws {
        var node = ContractCheckTests.customers(columns: [("label", "string")])
        #expect(try Self.create(node, dialect: .postgres).sql.contains("label TEXT"))
        node.config["contract"] = ["enforced": true, "alias_types": false]
        #expect(try Self.create(node, dialect: .postgres).sql.contains("label string"))
    }

    @Test func aViewGetsNoConstraints() throws {
        var node = Self.node([["type": "not_null"]])
        node.config["materialized"] = "view"
        let plan = try Planner(dialect: .postgres).plan(
            NodeInput(node: node, compiledSQL: "select 1 as id"), facts: .absent)
        #expect(Self.statements(plan).allSatisfy { !$0.contains("not null") })
        #expect(plan.warnings.isEmpty, "dbt warns about constraints on views while parsing")
    }
}
