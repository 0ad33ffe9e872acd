import Diagnostics
import ProjectModel
import SQLDialect
import Warehouse

/// The expressions a snapshot takes from the project's macros, rendered by the compiler in the
/// snapshot's context: `snapshot_get_time()` (the time a run stamps on the rows it changes) and
/// `snapshot_hash_arguments(args)` (a row's scd id), which projects override.
public struct SnapshotMacros: Sendable {
    public var time: @Sendable () throws -> String
    public var hash: @Sendable (_ arguments: [String]) throws -> String

    public init(time: @escaping @Sendable () throws -> String, hash: @escaping @Sendable ([String]) throws -> String) {
        self.time = time
        self.hash = hash
    }
}

/// A snapshot's configuration as dbt's snapshot materialization reads it: the strategy, the
/// unique key, what happens to rows that leave the source, and the names of the columns it adds.
struct SnapshotConfig {
    enum Strategy: Equatable {
        /// A row changed when its `updated_at` is later than the snapshot's `valid_from`.
        case timestamp(updatedAt: String)
        /// A row changed when one of the columns differs; `updatedAt` (optional) stamps it.
        case check(columns: CheckColumns, updatedAt: String?)
    }

    enum CheckColumns: Equatable {
        case all
        case listed([String])
    }

    /// dbt's `hard_deletes` (and the older `invalidate_hard_deletes: true`, which is `invalidate`).
    enum HardDeletes: String {
        case ignore, invalidate
        case newRecord = "new_record"
    }

    /// `snapshot_meta_column_names`, each defaulting to dbt's name.
    struct MetaColumns {
        var validFrom = "dbt_valid_from"
        var validTo = "dbt_valid_to"
        var scdID = "dbt_scd_id"
        var updatedAt = "dbt_updated_at"
        var isDeleted = "dbt_is_deleted"
    }

    var strategy: Strategy
    var uniqueKey: [String]
    /// Whether `unique_key` is a list (keys then join as `dbt_unique_key_1`, `_2`...).
    var keyIsList: Bool
    var hardDeletes: HardDeletes
    var columns: MetaColumns
    /// `dbt_valid_to_current`: the SQL a current row's `valid_to` holds instead of null.
    var validToCurrent: String?

    init(node: ManifestNode) throws {
        let config = node.config
        func invalid(_ problem: String, help: String) -> Diagnostic {
            PlanningDiagnostics.invalidSnapshot(node, problem: problem, help: help)
        }
        switch config["unique_key"] {
        case .string(let key)?: (uniqueKey, keyIsList) = ([key], false)
        case .list?:
            guard let keys = config["unique_key"]?.stringList, !keys.isEmpty else {
                throw invalid("its unique_key is not a list of column names", help: "set unique_key to a column or a list of columns")
            }
            (uniqueKey, keyIsList) = (keys, true)
        default:
            throw invalid("it has no unique_key", help: "set unique_key to the column (or list of columns) that identifies a row")
        }
        let updatedAt = config["updated_at"]?.stringValue
        switch config["strategy"]?.stringValue {
        case "timestamp":
            guard let updatedAt else {
                throw invalid("its timestamp strategy has no updated_at", help: "set updated_at to the column that says when a row last changed")
            }
            strategy = .timestamp(updatedAt: updatedAt)
        case "check":
            let checkColumns = config["check_cols"]
            if checkColumns == .string("all") {
                strategy = .check(columns: .all, updatedAt: updatedAt)
            } else if checkColumns?.listValue != nil, let columns = checkColumns?.stringList, !columns.isEmpty {
                strategy = .check(columns: .listed(columns), updatedAt: updatedAt)
            } else {
                throw invalid("its check strategy has no check_cols", help: "set check_cols to 'all' or to a list of columns")
            }
        case let name?:
            throw invalid("its strategy '\(name)' is not one Weir runs", help: "use the timestamp or check strategy (custom strategy macros are not supported)")
        case nil:
            throw invalid("it has no strategy", help: "set strategy to timestamp or check")
        }
        let legacy = config["invalidate_hard_deletes"].flatMap { $0.isNull ? nil : $0 }
        let hardDeletes = config["hard_deletes"].flatMap { $0.isNull ? nil : $0 }
        if legacy != nil, hardDeletes != nil {
            throw invalid("it sets both invalidate_hard_deletes and hard_deletes", help: "keep hard_deletes only")
        }
        if legacy?.isTruthy == true {
            self.hardDeletes = .invalidate
        } else if let hardDeletes {
            guard let value = hardDeletes.stringValue.flatMap(HardDeletes.init(rawValue:)) else {
                throw invalid("its hard_deletes is not ignore, invalidate or new_record", help: "use one of those three")
            }
            self.hardDeletes = value
        } else {
            self.hardDeletes = .ignore
        }
        var columns = MetaColumns()
        if let names = config["snapshot_meta_column_names"]?.mapValue {
            columns.validFrom = names["dbt_valid_from"]?.stringValue ?? columns.validFrom
            columns.validTo = names["dbt_valid_to"]?.stringValue ?? columns.validTo
            columns.scdID = names["dbt_scd_id"]?.stringValue ?? columns.scdID
            columns.updatedAt = names["dbt_updated_at"]?.stringValue ?? columns.updatedAt
            columns.isDeleted = names["dbt_is_deleted"]?.stringValue ?? columns.isDeleted
        }
        self.columns = columns
        validToCurrent = config["dbt_valid_to_current"]?.stringValue
    }
}

/// The SQL of one snapshot run, as dbt's snapshot materialization writes it (a type 2 slowly
/// changing dimension): on the first run the query's rows with their validity columns; on later
/// runs a staging table of the changes (new rows and new versions to insert, current versions to
/// close, and with `hard_deletes` the rows gone from the source), then an update that closes the
/// versions and an insert of the new ones.
struct SnapshotSQL {
    let config: SnapshotConfig
    let dialect: SQLDialect
    let target: RelationName
    /// The snapshot's compiled query.
    let query: String
    /// `snapshot_get_time()` as rendered.
    let time: String
    let hash: ([String]) throws -> String

    init(node: ManifestNode, query: String, macros: SnapshotMacros, dialect: SQLDialect) throws {
        config = try SnapshotConfig(node: node)
        self.dialect = dialect
        target = Planner.relation(of: node)
        self.query = query
        time = try macros.time()
        hash = macros.hash
    }

    /// When a row's version starts: the `updated_at` column, or the run's time for a check
    /// strategy without one.
    var updatedAt: String {
        switch config.strategy {
        case .timestamp(let updatedAt): return updatedAt
        case .check(_, let updatedAt): return updatedAt ?? time
        }
    }

    var scdID: String {
        get throws { try hash(config.uniqueKey + [updatedAt]) }
    }

    /// A new current version's `valid_to`: null, or `dbt_valid_to_current`, typed as `updated_at`.
    var currentValidTo: String {
        "coalesce(nullif(\(updatedAt), \(updatedAt)), \(config.validToCurrent ?? "null"))"
    }

    /// Whether a version is open, as the staging query and the update look for one: a null
    /// `valid_to`, or with `dbt_valid_to_current` that value (or null, for rows from before it was set).
    func isOpen(_ table: String? = nil) -> String {
        let column = (table.map { "\($0)." } ?? "") + config.columns.validTo
        guard let current = config.validToCurrent else { return "\(column) is null" }
        return "(\(column) = \(current) or \(column) is null)"
    }

    /// Whether a snapshotted row's `valid_to` marks it current (a deletion already recorded).
    func isCurrent(_ table: String) -> String {
        let column = "\(table).\(config.columns.validTo)"
        guard let current = config.validToCurrent else { return "\(column) is null" }
        return "\(column) = \(current)"
    }

    // MARK: - the first run

    /// The table a first run creates: the query's rows, each its own first version.
    func firstBuild() throws -> String {
        let names = config.columns
        var columns = [
            "\(try scdID) as \(names.scdID)", "\(updatedAt) as \(names.updatedAt)", "\(updatedAt) as \(names.validFrom)",
            "\(currentValidTo) as \(names.validTo)",
        ]
        if config.hardDeletes == .newRecord { columns.append("'False' as \(names.isDeleted)") }
        return "select *,\n    " + columns.joined(separator: ",\n    ") + "\nfrom (\n\(query)\n) as weir_snapshot_query"
    }

    // MARK: - later runs

    /// The changes of this run, one row each with its `dbt_change_type` (`insert`, `update`,
    /// `delete`): `queryColumns` are the query's columns, `targetColumns` the snapshot table's.
    func staging(queryColumns: [String], targetColumns: [String]) throws -> String {
        let names = config.columns
        let newRecord = config.hardDeletes == .newRecord
        let tracksDeletes = config.hardDeletes != .ignore
        let deletedAgain = newRecord ? " or snapshotted_data.\(names.isDeleted) = 'True'" : ""
        let changed = rowChanged(queryColumns: queryColumns, targetColumns: targetColumns) + deletedAgain
        let unchangedDeletion = "snapshotted_data.\(names.isDeleted) = 'True' and \(isCurrent("snapshotted_data"))"
        let keys = keyFields()
        var ctes: [(String, String)] = [
            ("snapshot_query", query),
            (
                "snapshotted_data",
                """
                select *, \(keys)
                from \(dialect.render(target))
                where \(isOpen())
                """
            ),
            (
                "insertions_source_data",
                """
                select *, \(keys),
                    \(updatedAt) as \(names.updatedAt),
                    \(updatedAt) as \(names.validFrom),
                    \(currentValidTo) as \(names.validTo),
                    \(try scdID) as \(names.scdID)
                from snapshot_query
                """
            ),
            (
                "updates_source_data",
                """
                select *, \(keys),
                    \(updatedAt) as \(names.updatedAt),
                    \(updatedAt) as \(names.validFrom),
                    \(updatedAt) as \(names.validTo)
                from snapshot_query
                """
            ),
        ]
        if tracksDeletes { ctes.append(("deletes_source_data", "select *, \(keys)\nfrom snapshot_query")) }
        ctes.append(
            (
                "insertions",
                """
                select 'insert' as dbt_change_type, source_data.*\(newRecord ? ", 'False' as \(names.isDeleted)" : "")
                from insertions_source_data as source_data
                left outer join snapshotted_data on \(joinOn("snapshotted_data", "source_data"))
                where \(keyIsNull("snapshotted_data"))
                    or (\(keyIsNull("snapshotted_data", not: true)) and (\(changed)))
                """
            ))
        ctes.append(
            (
                "updates",
                """
                select 'update' as dbt_change_type, source_data.*, snapshotted_data.\(names.scdID)\(newRecord ? ", snapshotted_data.\(names.isDeleted)" : "")
                from updates_source_data as source_data
                join snapshotted_data on \(joinOn("snapshotted_data", "source_data"))
                where (\(changed))
                """
            ))
        if tracksDeletes {
            ctes.append(
                (
                    "deletes",
                    """
                    select 'delete' as dbt_change_type, source_data.*,
                        \(time) as \(names.validFrom),
                        \(time) as \(names.updatedAt),
                        \(time) as \(names.validTo),
                        snapshotted_data.\(names.scdID)\(newRecord ? ", snapshotted_data.\(names.isDeleted)" : "")
                    from snapshotted_data
                    left join deletes_source_data as source_data on \(joinOn("snapshotted_data", "source_data"))
                    where \(keyIsNull("source_data"))\(newRecord ? "\n    and not (\(unchangedDeletion))" : "")
                    """
                ))
        }
        if newRecord {
            let target = Set(targetColumns.map { $0.lowercased() })
            let sourceColumns = queryColumns.map { column in
                (target.contains(column.lowercased()) ? "snapshotted_data." : "source_data.") + dialect.quote(column)
            }
            let snapshottedKeys =
                config.keyIsList
                ? config.uniqueKey.enumerated().map { "snapshotted_data.\($1) as dbt_unique_key_\($0 + 1)" }
                : ["snapshotted_data.dbt_unique_key as dbt_unique_key"]
            let values = sourceColumns + snapshottedKeys + [
                "\(time) as \(names.validFrom)", "\(time) as \(names.updatedAt)",
                "snapshotted_data.\(names.validTo) as \(names.validTo)",
                "\(try hash([names.scdID, time])) as \(names.scdID)", "'True' as \(names.isDeleted)",
            ]
            ctes.append(
                (
                    "deletion_records",
                    """
                    select 'insert' as dbt_change_type,
                        \(values.joined(separator: ",\n    "))
                    from snapshotted_data
                    left join deletes_source_data as source_data on \(joinOn("snapshotted_data", "source_data"))
                    where \(keyIsNull("source_data"))
                        and not (\(unchangedDeletion))
                    """
                ))
        }
        var parts = ["insertions", "updates"]
        if tracksDeletes { parts.append("deletes") }
        if newRecord { parts.append("deletion_records") }
        return "with " + ctes.map { "\($0) as (\n\($1)\n)" }.joined(separator: ",\n") + "\n"
            + parts.map { "select * from \($0)" }.joined(separator: "\nunion all\n")
    }

    /// Closes the versions the staging table replaces or deletes, then inserts its new rows;
    /// `columns` are the staging table's columns that the snapshot table keeps, in order.
    func merge(staging: String, columns: [String]) -> [String] {
        let names = config.columns
        let quoted = columns.map(dialect.quote)
        return [
            """
            update \(dialect.render(target)) as weir_target
            set \(names.validTo) = weir_staging.\(names.validTo)
            from \(dialect.quote(staging)) as weir_staging
            where weir_staging.\(names.scdID) = weir_target.\(names.scdID)
              and weir_staging.dbt_change_type in ('update', 'delete')
              and \(isOpen("weir_target"))
            """,
            """
            insert into \(dialect.render(target)) (\(quoted.joined(separator: ", ")))
            select \(quoted.map { "weir_staging.\($0)" }.joined(separator: ", "))
            from \(dialect.quote(staging)) as weir_staging
            where weir_staging.dbt_change_type = 'insert'
            """,
        ]
    }

    /// The staging table's columns that go into the snapshot table: the query's, then the
    /// validity columns (the unique key's copies and the change type stay behind).
    func insertedColumns(queryColumns: [String]) -> [String] {
        let names = config.columns
        return queryColumns + [names.updatedAt, names.validFrom, names.validTo, names.scdID]
            + (config.hardDeletes == .newRecord ? [names.isDeleted] : [])
    }

    /// What the snapshot table lacks for this run: the meta columns dbt requires (named as
    /// configured), or nothing.
    func missingMetaColumns(targetColumns: [String]) -> [String] {
        let names = config.columns
        let present = Set(targetColumns.map { $0.lowercased() })
        let required = [names.scdID, names.validFrom, names.validTo] + (config.hardDeletes == .newRecord ? [names.isDeleted] : [])
        return required.filter { !present.contains($0.lowercased()) }
    }

    // MARK: - pieces

    /// Whether a current version differs from the source's row.
    private func rowChanged(queryColumns: [String], targetColumns: [String]) -> String {
        switch config.strategy {
        case .timestamp(let updatedAt):
            return "(snapshotted_data.\(config.columns.validFrom) < source_data.\(updatedAt))"
        case .check(let checked, _):
            // Compared as the snapshot table names them; a checked column it lacks (the query
            // gained one) makes every row a new version, as dbt's check strategy decides.
            let existing = Dictionary(targetColumns.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            let wanted: [String]
            switch checked {
            case .all: wanted = queryColumns
            case .listed(let columns): wanted = columns
            }
            var columns: [String] = []
            for column in wanted {
                guard let name = existing[column.lowercased()] else { return "(TRUE)" }
                columns.append(dialect.quote(name))
            }
            let differs = columns.map { column in
                let old = "snapshotted_data.\(column)"
                let new = "source_data.\(column)"
                return "\(old) != \(new) or ((\(old) is null) and not (\(new) is null)) or ((not \(old) is null) and (\(new) is null))"
            }
            return "(" + differs.joined(separator: " or ") + ")"
        }
    }

    private func keyFields() -> String {
        guard config.keyIsList else { return "\(config.uniqueKey[0]) as dbt_unique_key" }
        return config.uniqueKey.enumerated().map { "\($1) as dbt_unique_key_\($0 + 1)" }.joined(separator: ", ")
    }

    private func joinOn(_ left: String, _ right: String) -> String {
        guard config.keyIsList else { return "\(left).dbt_unique_key = \(right).dbt_unique_key" }
        return (1...config.uniqueKey.count).map { "\(left).dbt_unique_key_\($0) = \(right).dbt_unique_key_\($0)" }
            .joined(separator: " and ")
    }

    private func keyIsNull(_ table: String, not: Bool = false) -> String {
        "\(table).dbt_unique_key\(config.keyIsList ? "_1" : "") is \(not ? "not " : "")null"
    }
}
