import Foundation

/// The statements Weir's materializations are made of, written per dialect. Each returns one
/// statement without a trailing semicolon; the plan adds separators.
///
/// PostgreSQL follows dbt-postgres' macros (`create table ... as (...)`, `drop ... cascade`);
/// SQLite follows dbt-sqlite's (`create table ... as <select>`, no `cascade`).
extension SQLDialect {
    /// A relation's type, named as dbt names it (`materialized_view`: PostgreSQL only).
    public enum RelationKind: String, Sendable {
        case table, view
        case materializedView = "materialized_view"

        /// The words DDL names it with (`drop materialized view ...`).
        public var keyword: String { self == .materializedView ? "materialized view" : rawValue }
    }

    /// Whether `alter view ... rename to` exists. SQLite has no way to rename a view.
    public var canRenameViews: Bool { adapterType != "sqlite" }

    /// Whether a relation is replaced by dropping it and creating the new one inside one
    /// transaction, rather than built beside it and renamed into place. SQLite: its DDL is
    /// transactional (a failure or a killed process rolls back to the old relation, which other
    /// connections keep seeing until the commit), and every `alter table ... rename` makes it
    /// re-read the whole schema of the database, a cost that grows with every table in it.
    public var replacesInOneTransaction: Bool { adapterType == "sqlite" }

    /// Whether `drop` takes `cascade` (PostgreSQL drops dependent views with it, as dbt does).
    var dropCascades: Bool { adapterType != "sqlite" }

    /// Whether the dialect has `merge into` (PostgreSQL 15+); SQLite gets update-from plus insert.
    public var supportsMerge: Bool { adapterType == "postgres" }

    /// Whether the warehouse knows about grants, indexes and comments (SQLite has none of them).
    public var supportsGrants: Bool { adapterType != "sqlite" }
    public var supportsIndexes: Bool { adapterType == "postgres" }
    public var supportsComments: Bool { adapterType != "sqlite" }

    /// Whether dbt's `materialized_view` materialization runs here as dbt-postgres runs it
    /// (dbt-redshift's takes other options and SQL; SQLite has none).
    public var supportsMaterializedViews: Bool { adapterType == "postgres" }

    /// The statement that opens a transaction. SQLite's `begin immediate` takes the write lock
    /// at once, so two connections never deadlock upgrading read locks.
    public var beginStatement: String { adapterType == "sqlite" ? "begin immediate" : "begin" }

    public func createTableAs(_ relation: RelationName, sql: String, header: String? = nil) -> String {
        prefixed(header, "create table \(render(relation))\n" + wrapped(sql))
    }

    /// A session-scoped table of new rows for an incremental model (dbt's `__dbt_tmp` relation).
    public func createTemporaryTableAs(_ identifier: String, sql: String, header: String? = nil) -> String {
        let keyword = adapterType == "sqlite" ? "temp" : "temporary"
        return prefixed(header, "create \(keyword) table \(quote(identifier))\n" + wrapped(sql))
    }

    public func createViewAs(_ relation: RelationName, sql: String, header: String? = nil) -> String {
        prefixed(header, "create view \(render(relation))\n" + wrapped(sql))
    }

    /// dbt-postgres' `get_create_materialized_view_as_sql` (its indexes are separate statements).
    public func createMaterializedViewAs(_ relation: RelationName, sql: String) -> String {
        "create materialized view if not exists \(render(relation)) as \(sql)"
    }

    public func refreshMaterializedView(_ relation: RelationName) -> String {
        "refresh materialized view \(render(relation))"
    }

    /// dbt-postgres' `get_show_indexes_sql`: each index of a table or materialized view with
    /// its `name`, `method`, `unique` and comma-separated `column_names`.
    public func showIndexes(_ relation: RelationName) -> String {
        """
        select i.relname as name, m.amname as method, ix.indisunique as "unique",
            array_to_string(array_agg(a.attname), ',') as column_names
        from pg_index ix
        join pg_class i on i.oid = ix.indexrelid
        join pg_am m on m.oid = i.relam
        join pg_class t on t.oid = ix.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_attribute a on a.attrelid = t.oid and a.attnum = any(ix.indkey)
        where t.relname = \(literal(stored(relation.identifier))) and n.nspname = \(literal(relation.schema))
            and t.relkind in ('r', 'm')
        group by 1, 2, 3
        order by 1, 2, 3
        """
    }

    /// dbt-postgres' `get_drop_index_sql`.
    public func dropIndex(_ name: String, schema: String) -> String {
        "drop index if exists \(quote(schema)).\(quote(name))"
    }

    public func rename(_ relation: RelationName, kind: RelationKind, to identifier: String) -> String {
        rename(rendered: render(relation), kind: kind, to: identifier)
    }

    /// `rename` for a relation already rendered (a template's, under its own quoting).
    public func rename(rendered relation: String, kind: RelationKind, to identifier: String) -> String {
        let keyword = kind == .view && !canRenameViews ? "table" : kind.keyword
        return "alter \(keyword) \(relation) rename to \(quote(identifier))"
    }

    public func drop(_ relation: RelationName, kind: RelationKind) -> String {
        drop(rendered: render(relation), kind: kind.keyword)
    }

    /// `drop` for a relation already rendered, of the type a template gave it.
    public func drop(rendered relation: String, kind: String) -> String {
        "drop \(kind) if exists \(relation)" + (dropCascades ? " cascade" : "")
    }

    public func dropTemporaryTable(_ identifier: String) -> String {
        "drop table if exists \(quote(identifier))"
    }

    /// Gathers a table's statistics for the planner (`analyze`, in all three dialects).
    public func analyze(_ identifier: String) -> String {
        "analyze \(quote(identifier))"
    }

    /// A schema in the connected database (PostgreSQL's `create schema` takes no database part).
    public func createSchema(_ schema: String) -> String {
        "create schema if not exists \(quote(schema))"
    }

    /// A schema dropped with everything in it (not SQLite's: its schemas are attached files).
    public func dropSchema(_ schema: String) -> String {
        "drop schema if exists \(quote(schema)) cascade"
    }

    /// A seed's table: every column with the type dbt's seed loading gives it.
    public func createTable(_ relation: RelationName, columns: [(name: String, type: String)]) -> String {
        createTable(relation, lines: columns.map { "\($0.name) \($0.type)" })
    }

    /// Empties a table inside the caller's transaction, as dbt's `truncate_relation` does before
    /// a seed is reloaded: `truncate table` on PostgreSQL (instant, and no dead rows left behind
    /// by every reload); `delete from` on SQLite, which has no truncate, and on Redshift, where
    /// `truncate` commits the transaction it runs in.
    public func truncate(_ relation: RelationName) -> String {
        adapterType == "postgres" ? "truncate table \(render(relation))" : "delete from \(render(relation))"
    }

    public func addColumn(_ relation: RelationName, column: String, type: String) -> String {
        "alter table \(render(relation)) add column \(quote(column)) \(type)".trimmingTrailingSpace()
    }

    public func dropColumn(_ relation: RelationName, column: String) -> String {
        "alter table \(render(relation)) drop column \(quote(column))"
    }

    public func alterColumnType(_ relation: RelationName, column: String, type: String) -> String {
        "alter table \(render(relation)) alter column \(quote(column)) type \(type)"
    }

    /// dbt's `get_test_sql`: one row saying how many failures the test found and whether they
    /// warrant a warning or an error.
    public func testQuery(_ sql: String, failCalc: String, warnIf: String, errorIf: String, limit: Int?) -> String {
        let limitLine = limit.map { "\n      limit \($0)" } ?? ""
        return """
            select
                  \(failCalc) as failures,
                  \(failCalc) \(warnIf) as should_warn,
                  \(failCalc) \(errorIf) as should_error
                from (
                  \(sql)\(limitLine)
                ) dbt_internal_test
            """
    }

    /// `comment on` for `persist_docs`; the text is a string literal with quotes doubled.
    public func comment(on relation: RelationName, kind: RelationKind, text: String) -> String {
        "comment on \(kind.keyword) \(render(relation)) is \(literal(text))"
    }

    /// A column's comment; its name quoted only when the column says `quote: true`, as dbt writes it.
    public func comment(on relation: RelationName, column: String, quoted: Bool, text: String) -> String {
        "comment on column \(render(relation)).\(quoted ? quote(column) : column) is \(literal(text))"
    }

    public func grant(_ privilege: String, on relation: RelationName, to grantee: String) -> String {
        "grant \(privilege) on \(render(relation)) to \(quote(grantee))"
    }

    /// A SQL string literal: single quotes doubled, as the standard has it.
    public func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// PostgreSQL wraps the query in parentheses as dbt-postgres does; SQLite's `create ... as`
    /// takes a bare select. The query goes on its own lines so a trailing `--` comment in it
    /// cannot swallow what follows.
    private func wrapped(_ sql: String) -> String {
        adapterType == "sqlite" ? "as\n\(sql)\n" : "as (\n\(sql)\n)"
    }

    func prefixed(_ header: String?, _ statement: String) -> String {
        guard let header, !header.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return statement }
        return header + "\n" + statement
    }
}

extension String {
    fileprivate func trimmingTrailingSpace() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
