import Foundation

/// The DML of dbt's incremental strategies, from a relation of new rows (`source`) into the
/// target. Column and key names arrive unquoted and are quoted here. The target is aliased
/// `DBT_INTERNAL_DEST` and the new rows `DBT_INTERNAL_SOURCE`, as in dbt, because users'
/// `incremental_predicates` name those aliases.
extension SQLDialect {
    /// `append`: insert every new row.
    /// Without column names (planning offline a model that does not exist yet), every column in order.
    public func appendRows(into target: RelationName, from source: String, columns: [String]) -> String {
        if columns.isEmpty { return "insert into \(render(target))\nselect * from \(source)" }
        let list = columnList(columns)
        // SQLite takes no parentheses around an insert's select.
        if adapterType == "sqlite" { return "insert into \(render(target)) (\(list))\nselect \(list)\nfrom \(source)" }
        return "insert into \(render(target)) (\(list))\n(\n    select \(list)\n    from \(source)\n)"
    }

    /// `delete+insert`'s first half: remove target rows whose key appears in the new rows.
    public func deleteMatching(in target: RelationName, from source: String, uniqueKey: [String], predicates: [String])
        -> String
    {
        let matches = uniqueKey.map { "DBT_INTERNAL_SOURCE.\(quote($0)) = DBT_INTERNAL_DEST.\(quote($0))" }
        var statement = "delete from \(render(target)) as DBT_INTERNAL_DEST\nwhere exists (\n    select 1 from \(source) as DBT_INTERNAL_SOURCE\n    where "
            + matches.joined(separator: " and ") + "\n)"
        for predicate in predicates { statement += "\nand \(predicate)" }
        return statement
    }

    /// A microbatch batch's first half: remove the target rows of the batch's event-time range.
    public func deleteRange(in target: RelationName, column: String, from start: Date, to end: Date) -> String {
        "delete from \(render(target))\nwhere \(eventTimeRange(column, from: start, to: end))"
    }

    /// `insert_overwrite`'s first half: remove the target's partitions (the distinct values of
    /// `partition_by`, null being a partition too) that the new rows hold.
    public func deletePartitions(in target: RelationName, from source: String, partitionBy: [String]) -> String {
        let matches = partitionBy.map { column -> String in
            let new = "DBT_INTERNAL_SOURCE.\(quote(column))", old = "DBT_INTERNAL_DEST.\(quote(column))"
            return "(\(new) = \(old) or (\(new) is null and \(old) is null))"
        }
        return "delete from \(render(target)) as DBT_INTERNAL_DEST\nwhere exists (\n    select 1 from \(source) as DBT_INTERNAL_SOURCE\n    where "
            + matches.joined(separator: " and ") + "\n)"
    }

    /// `merge` as one `merge into` (PostgreSQL 15+), dbt's `get_merge_sql` shape.
    public func merge(
        into target: RelationName, from source: String, uniqueKey: [String], columns: [String], updateColumns: [String],
        predicates: [String]
    ) -> String {
        var conditions = uniqueKey.map { "DBT_INTERNAL_SOURCE.\(quote($0)) = DBT_INTERNAL_DEST.\(quote($0))" }
        if conditions.isEmpty { conditions = ["FALSE"] }
        conditions += predicates
        var statement = "merge into \(render(target)) as DBT_INTERNAL_DEST\nusing \(source) as DBT_INTERNAL_SOURCE\n"
            + "on (" + conditions.joined(separator: ") and (") + ")"
        if !uniqueKey.isEmpty && !updateColumns.isEmpty {
            statement += "\nwhen matched then update set\n    "
                + updateColumns.map { "\(quote($0)) = DBT_INTERNAL_SOURCE.\(quote($0))" }.joined(separator: ",\n    ")
        }
        statement += "\nwhen not matched then insert (\(columnList(columns)))\nvalues ("
            + columns.map { "DBT_INTERNAL_SOURCE.\(quote($0))" }.joined(separator: ", ") + ")"
        return statement
    }

    /// `merge` where there is no `merge into` (SQLite): update matched rows from the new ones,
    /// then insert the rest. Run inside one transaction, it has merge's effect.
    public func mergeByUpdateThenInsert(
        into target: RelationName, from source: String, uniqueKey: [String], columns: [String], updateColumns: [String],
        predicates: [String]
    ) -> [String] {
        let matches = uniqueKey.map { "DBT_INTERNAL_SOURCE.\(quote($0)) = DBT_INTERNAL_DEST.\(quote($0))" } + predicates
        var statements: [String] = []
        if !uniqueKey.isEmpty && !updateColumns.isEmpty {
            statements.append(
                "update \(render(target)) as DBT_INTERNAL_DEST set\n    "
                    + updateColumns.map { "\(quote($0)) = DBT_INTERNAL_SOURCE.\(quote($0))" }.joined(separator: ",\n    ")
                    + "\nfrom \(source) as DBT_INTERNAL_SOURCE\nwhere " + matches.joined(separator: " and "))
        }
        let list = columnList(columns)
        var insert = "insert into \(render(target)) (\(list))\nselect "
            + columns.map { "DBT_INTERNAL_SOURCE.\(quote($0))" }.joined(separator: ", ")
            + "\nfrom \(source) as DBT_INTERNAL_SOURCE"
        if !uniqueKey.isEmpty {
            insert += "\nwhere not exists (\n    select 1 from \(render(target)) as DBT_INTERNAL_DEST\n    where "
                + matches.joined(separator: " and ") + "\n)"
        }
        statements.append(insert)
        return statements
    }

    func columnList(_ columns: [String]) -> String {
        columns.map(quote).joined(separator: ", ")
    }
}
