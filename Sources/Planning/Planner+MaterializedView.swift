import Diagnostics
import ProjectModel
import SQLDialect
import Warehouse

/// An index as the `indexes` config asks for it (`columns`, `unique`, `type`, and Weir's `where`).
struct ConfiguredIndex: Sendable {
    var columns: [String]
    var unique: Bool
    var method: String?
    var predicate: String?

    /// What dbt-postgres compares with an existing index: the columns in any order, lowercased,
    /// uniqueness and method (`btree` unless given). Not the predicate, which dbt does not have.
    var definition: IndexDefinition {
        IndexDefinition(columns: Set(columns.map { $0.lowercased() }), unique: unique, method: (method ?? "btree").lowercased())
    }
}

/// An index's definition as dbt-postgres' `PostgresIndexConfig` compares two of them.
public struct IndexDefinition: Sendable, Hashable {
    public var columns: Set<String>
    public var unique: Bool
    public var method: String

    public init(columns: Set<String>, unique: Bool, method: String) {
        self.columns = columns
        self.unique = unique
        self.method = method
    }
}

/// An index the warehouse holds, as `SQLDialect.showIndexes` describes it.
public struct ExistingIndex: Sendable {
    public var name: String
    public var definition: IndexDefinition

    public init(name: String, definition: IndexDefinition) {
        self.name = name
        self.definition = definition
    }

    /// The rows of `showIndexes`: `name`, `method`, `unique`, comma-separated `column_names`.
    public static func described(by result: QueryResult) -> [ExistingIndex] {
        result.rows.compactMap { row in
            guard row.count >= 4, let name = row[0].text, let method = row[1].text else { return nil }
            let unique = row[2].text.map { ["t", "true", "1"].contains($0.lowercased()) } ?? false
            let columns = (row[3].text ?? "").split(separator: ",").map { $0.lowercased() }
            return ExistingIndex(name: name, definition: IndexDefinition(columns: Set(columns), unique: unique, method: method))
        }
    }
}

extension Planner {
    /// dbt's `materialized_view` materialization as dbt-postgres runs it: created with its
    /// indexes when absent; refreshed when it exists with the configured indexes; its indexes
    /// dropped and created when they differ (`on_configuration_change: apply`, the default:
    /// the rows are then not refreshed, as in dbt), left alone with a warning (`continue`) or
    /// failed (`fail`); rebuilt by `--full-refresh`, and in place of a table or view of the same
    /// name. Everything but the no-op runs in one transaction, so a failure leaves the old relation.
    func planMaterializedView(_ input: NodeInput, facts: RelationFacts) throws -> NodePlan {
        let node = input.node
        guard dialect.supportsMaterializedViews else {
            throw PlanningDiagnostics.materializedViewUnsupported(node, adapter: dialect.adapterType)
        }
        let target = Self.relation(of: node)
        let label = "sql materialized_view model"
        let create: [PlanStep] =
            [.statement(dialect.createMaterializedViewAs(target, sql: input.compiledSQL))] + indexes(node, on: target)
        let build: [PlanStep]
        switch facts.existing {
        case nil:
            build = create
        case .materializedView? where !refreshes(node):
            let changes = indexChanges(node, existing: facts.indexes ?? [], on: target)
            if changes.isEmpty {
                build = [.statement(dialect.refreshMaterializedView(target))]
                break
            }
            let onChange = node.config["on_configuration_change"]?.stringValue ?? "apply"
            switch onChange {
            case "apply":
                build = changes
            case "continue":
                var plan = NodePlan(
                    uniqueID: node.uniqueID, label: label, relation: target,
                    steps: dropLeftovers(target, facts) + [.report(message: "skip \(dialect.render(target))", code: "skip")])
                plan.warnings = [PlanningDiagnostics.configurationChangeLeft(node, relation: dialect.render(target))]
                return plan
            default:
                throw PlanningDiagnostics.configurationChanged(node, relation: dialect.render(target), onChange: onChange)
            }
        case .materializedView?:
            build = [.statement(dialect.drop(target, kind: .materializedView))] + create
        case let existing?:
            // A table or view of the name is kept aside until the materialized view is built.
            let backup = dialect.suffixed(target, Self.backupSuffix)
            build = [.statement(dialect.rename(target, kind: existing, to: backup.identifier))] + create
                + [.statement(dialect.drop(backup, kind: existing))]
        }
        // dbt runs the build as one `main` statement of several; its response is the last one's.
        let steps = dropLeftovers(target, facts) + beforeBuild(input) + [.begin] + Self.lastMarkedMain(build) + [.commit]
            + afterBuild(input, target: target, kind: .materializedView)
        return NodePlan(uniqueID: node.uniqueID, label: label, relation: target, steps: steps)
    }

    static func lastMarkedMain(_ steps: [PlanStep]) -> [PlanStep] {
        guard case .statement(let sql, _)? = steps.last else { return steps }
        return steps.dropLast() + [.statement(sql, main: true)]
    }

    /// dbt-postgres' index changes: the existing indexes the config no longer has are dropped,
    /// by name, then the configured ones the relation lacks are created, in the config's order.
    func indexChanges(_ node: ManifestNode, existing: [ExistingIndex], on target: RelationName) -> [PlanStep] {
        let configured = configuredIndexes(node)
        let wanted = Set(configured.map(\.definition))
        let present = Set(existing.map(\.definition))
        let drops = existing.filter { !wanted.contains($0.definition) }.sorted { $0.name < $1.name }
            .map { PlanStep.statement(dialect.dropIndex($0.name, schema: target.schema)) }
        var created = Set<IndexDefinition>()
        let creates = configured.filter { !present.contains($0.definition) && created.insert($0.definition).inserted }
            .map { createIndex($0, on: target) }
        return drops + creates
    }
}
