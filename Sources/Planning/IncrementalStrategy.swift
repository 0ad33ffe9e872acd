import ProjectModel
import SQLDialect

/// dbt's incremental strategies with their settings, read from a model's config.
struct IncrementalStrategy {
    enum Kind: String {
        case append
        case deleteInsert = "delete+insert"
        case merge
        /// Replace the partitions (distinct `partition_by` values) present in the new rows.
        case insertOverwrite = "insert_overwrite"
        /// Weir's own: entities (`unique_key`) rebuilt whole while they are open; the DML is
        /// delete+insert, the window and open keys come from `weir.window()`/`weir.open_keys()`.
        case openSessions = "open_sessions"
    }

    var kind: Kind
    var uniqueKey: [String]
    var predicates: [String]
    var updateColumns: [String]?
    var excludeColumns: [String]
    var partitionBy: [String]

    init(node: ManifestNode) throws {
        let config = node.config
        uniqueKey = config["unique_key"]?.stringList ?? []
        predicates = config["incremental_predicates"]?.stringList ?? []
        updateColumns = config["merge_update_columns"]?.stringList
        excludeColumns = config["merge_exclude_columns"]?.stringList ?? []
        partitionBy = Self.partitionColumns(config["partition_by"])
        if let name = config["incremental_strategy"]?.stringValue {
            guard let kind = Kind(rawValue: name) else { throw PlanningDiagnostics.unknownStrategy(name, node: node) }
            self.kind = kind
        } else {
            // dbt-postgres' default: delete+insert with a unique key, append without.
            kind = uniqueKey.isEmpty ? .append : .deleteInsert
        }
        if (kind == .deleteInsert || kind == .openSessions) && uniqueKey.isEmpty {
            throw PlanningDiagnostics.strategyNeedsKey(kind.rawValue, node: node)
        }
        if kind == .insertOverwrite && partitionBy.isEmpty { throw PlanningDiagnostics.strategyNeedsPartitions(node: node) }
    }

    /// `partition_by` as a column, a list of columns, or BigQuery's `{field: ..., data_type: ...}`.
    static func partitionColumns(_ value: ConfigValue?) -> [String] {
        guard let value else { return [] }
        if let field = value.mapValue?["field"]?.stringValue { return [field] }
        return value.stringList ?? []
    }

    /// The statements that move the new rows (`source`) into the target, run in one transaction.
    func statements(dialect: SQLDialect, target: RelationName, source: String, columns: [String]) -> [String] {
        switch kind {
        case .append:
            return [dialect.appendRows(into: target, from: source, columns: columns)]
        case .insertOverwrite:
            return [
                dialect.deletePartitions(in: target, from: source, partitionBy: partitionBy),
                dialect.appendRows(into: target, from: source, columns: columns),
            ]
        case .deleteInsert, .openSessions:
            return [
                dialect.deleteMatching(in: target, from: source, uniqueKey: uniqueKey, predicates: predicates),
                dialect.appendRows(into: target, from: source, columns: columns),
            ]
        case .merge:
            let excluded = Set(excludeColumns.map { $0.lowercased() })
            let update = (updateColumns ?? columns).filter { !excluded.contains($0.lowercased()) }
            if dialect.supportsMerge {
                return [
                    dialect.merge(
                        into: target, from: source, uniqueKey: uniqueKey, columns: columns, updateColumns: update,
                        predicates: predicates)
                ]
            }
            return dialect.mergeByUpdateThenInsert(
                into: target, from: source, uniqueKey: uniqueKey, columns: columns, updateColumns: update,
                predicates: predicates)
        }
    }
}
