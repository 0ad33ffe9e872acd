import Diagnostics
import SQLDialect
import Warehouse

/// The ordered work of a run, as a value: `weir plan` prints it, `weir run`/`build` execute it.
public struct ExecutionPlan: Sendable {
    public var dialect: SQLDialect
    /// Schemas to create before any node runs, as dbt does at the start of a run.
    public var schemas: [SchemaToCreate]
    public var onRunStart: [NodePlan]
    public var nodes: [NodePlan]
    public var onRunEnd: [NodePlan]

    public init(dialect: SQLDialect, schemas: [SchemaToCreate] = [], onRunStart: [NodePlan] = [], nodes: [NodePlan] = [], onRunEnd: [NodePlan] = []) {
        self.dialect = dialect
        self.schemas = schemas
        self.onRunStart = onRunStart
        self.nodes = nodes
        self.onRunEnd = onRunEnd
    }
}

public struct SchemaToCreate: Sendable, Hashable {
    public var database: String?
    public var schema: String

    public init(database: String?, schema: String) {
        self.database = database
        self.schema = schema
    }
}

/// One node's statements, in order, with the transaction boundaries written out.
public struct NodePlan: Sendable {
    public var uniqueID: String
    /// How dbt describes the node in its log lines: `sql table model`, `seed file`, `test`.
    public var label: String
    /// The relation the node builds, if any.
    public var relation: RelationName?
    public var steps: [PlanStep]
    /// Statements that tidy up after a failure (dropping the half-built `__weir_tmp` relation),
    /// so a failed node leaves the warehouse as it found it.
    public var cleanup: [PlanStep]
    /// A microbatch model's batches, run after `steps`, each in its own transaction: one that
    /// fails leaves the others in place (the node is then a partial success).
    public var batches: [BatchPlan] = []
    /// Run once the batches are done (post-hooks, grants, comments), if any batch succeeded.
    public var afterBatches: [PlanStep] = []
    /// Whether batches between the first and the last may run at once (`concurrent_batches`).
    public var concurrentBatches = false
    /// What planning found worth a warning (a contract's unenforced constraints, say).
    public var warnings: [Diagnostic] = []

    public init(uniqueID: String, label: String, relation: RelationName?, steps: [PlanStep], cleanup: [PlanStep] = []) {
        self.uniqueID = uniqueID
        self.label = label
        self.relation = relation
        self.steps = steps
        self.cleanup = cleanup
    }
}

/// One step of a node's plan.
public enum PlanStep: Sendable {
    /// A statement run as is. The one marked `main` gives the node's reported response
    /// (`SELECT 1200`), as dbt reports the adapter response of the materialization's main statement.
    case statement(String, main: Bool)
    case begin
    case commit
    /// Rows bulk-loaded into a table (COPY on PostgreSQL, bound inserts on SQLite).
    case load(SeedLoad)
    /// A test's query: one row of `failures`, `should_warn`, `should_error`.
    case test(String)
    /// A unit test's query: the model's rows and the expected rows, told apart by the
    /// `actual_or_expected` column.
    case unitTest(String)
    /// Statements rendered only when their turn comes: post-hooks, which dbt renders after the
    /// build, so that a hook may query the relation just built (`run_query` in the hook's Jinja).
    case deferred(DeferredStatements)
    /// Nothing run: the node reports this response, as dbt's `store_raw_result` records one for
    /// a materialized view it leaves as it is (`skip "db"."schema"."name"`, code `skip`).
    case report(message: String, code: String)
    /// A node built by a materialization macro of the project's (a custom `{% materialization %}`):
    /// its statements are worked out as it runs, from what the warehouse answers.
    case materialization(MaterializationCall)
    /// `persist_docs` comments on a relation's documented columns: run for the columns the
    /// relation has when it is built (dbt-postgres' `alter_column_comment` skips the others, a
    /// documented column the model does not select among them).
    case columnComments(ColumnComments)

    public static func statement(_ sql: String) -> PlanStep { .statement(sql, main: false) }
}

/// Statements worked out when run (see `PlanStep.deferred`).
public struct DeferredStatements: @unchecked Sendable {
    // Unchecked: the closure is the run session's, which serialises its renders with a lock.
    public let render: () throws -> [String]

    public init(_ render: @escaping () throws -> [String]) { self.render = render }
}

/// Comments on a relation's columns (see `PlanStep.columnComments`).
public struct ColumnComments: Sendable {
    public struct Comment: Sendable {
        /// The column's name as the warehouse lists it.
        public let column: String
        public let statement: String
    }

    public let relation: RelationName
    public let comments: [Comment]

    /// The statements for those of the comments whose column is among `existing`.
    public func statements(forColumns existing: [String]) -> [String] {
        let present = Set(existing)
        return comments.filter { present.contains($0.column) }.map(\.statement)
    }
}

/// A materialization macro's render (see `PlanStep.materialization`).
public struct MaterializationCall: @unchecked Sendable {
    // Unchecked: the closure is the run session's, which serialises its renders with a lock.
    /// The materialization's name (`materialized`).
    public let name: String
    /// Renders the macro, telling `observe` each statement it runs; gives the response of the
    /// statement named `main`, which dbt reports for the node.
    public let run: (_ observe: @escaping (String) -> Void) throws -> QueryResult

    public init(name: String, run: @escaping (_ observe: @escaping (String) -> Void) throws -> QueryResult) {
        self.name = name
        self.run = run
    }
}

/// A seed's rows with the table they go into.
public struct SeedLoad: Sendable {
    public var relation: RelationName
    /// Column names as they appear in SQL (quoted or not per `quote_columns`).
    public var columns: [String]
    public var rows: any LoadRows

    public init(relation: RelationName, columns: [String], rows: any LoadRows) {
        self.relation = relation
        self.columns = columns
        self.rows = rows
    }
}
