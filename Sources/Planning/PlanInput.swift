import ProjectModel
import SQLDialect
import Warehouse

/// What the planner needs about one node: the node, its compiled SQL and rendered hooks, and
/// for a seed its rows.
public struct NodeInput: Sendable {
    public var node: ManifestNode
    public var compiledSQL: String
    public var preHooks: [String]
    /// Statements the model's compile asked to run before its query, after the pre-hooks.
    public var preparation: [String] = []
    public var postHooks: [String]
    /// Set when the post-hooks are to be rendered as they run, after the build (a run on a
    /// warehouse); `postHooks` is then unused.
    public var renderPostHooks: DeferredStatements?
    public var seed: SeedInput?
    /// A microbatch model's batches, each compiled with its upstream refs filtered to the batch.
    public var batches: [BatchInput] = []
    /// The project's own versions of dbt's statement macros, if it has any.
    public var overrides = StatementOverrides()
    /// A snapshot's time and hash expressions, from the project's macros.
    public var snapshotMacros: SnapshotMacros?
    /// The project's materialization macro that builds the node, when it has one for the node's
    /// `materialized` (it then replaces Weir's own).
    public var materialization: MaterializationCall?

    public init(node: ManifestNode, compiledSQL: String = "", preHooks: [String] = [], postHooks: [String] = [], seed: SeedInput? = nil) {
        self.node = node
        self.compiledSQL = compiledSQL
        self.preHooks = preHooks
        self.postHooks = postHooks
        self.seed = seed
    }
}

/// A seed file read and typed: column names with their SQL types, and the rows.
public struct SeedInput: Sendable {
    public var columns: [(name: String, type: String)]
    public var rows: any LoadRows

    public init(columns: [(name: String, type: String)], rows: any LoadRows) {
        self.columns = columns
        self.rows = rows
    }
}

/// What the warehouse holds for one node's relation when the node is planned. Gathered by the
/// caller (live introspection, or nothing for an empty warehouse), so planning stays pure.
public struct RelationFacts: Sendable {
    /// The kind of the relation if it exists.
    public var existing: SQLDialect.RelationKind?
    /// `__weir_tmp`/`__weir_backup` relations left by an interrupted run, dropped first.
    public var leftovers: [(identifier: String, kind: SQLDialect.RelationKind)]
    /// The existing relation's columns (needed by incremental models, seeds and snapshots).
    public var columns: [ColumnDescription]
    /// The columns the compiled query returns (needed by `on_schema_change` other than `ignore`,
    /// by an enforced contract, and by a snapshot whose table exists).
    public var queryColumns: [ColumnDescription]?
    /// An enforced contract's declared columns as the warehouse describes them (a query of
    /// `cast(null as <data_type>)` columns), where it names types that way (PostgreSQL).
    public var contractColumns: [ColumnDescription]?
    /// An existing materialized view's indexes (`SQLDialect.showIndexes`), which its plan
    /// compares with the configured ones.
    public var indexes: [ExistingIndex]?

    public init(
        existing: SQLDialect.RelationKind? = nil, leftovers: [(identifier: String, kind: SQLDialect.RelationKind)] = [],
        columns: [ColumnDescription] = [], queryColumns: [ColumnDescription]? = nil
    ) {
        self.existing = existing
        self.leftovers = leftovers
        self.columns = columns
        self.queryColumns = queryColumns
    }

    /// An empty warehouse: nothing exists.
    public static let absent = RelationFacts()
}
