import CLibPQ
import SQLDialect
import Warehouse

/// Schemas, relations and columns, read from the system catalogs with the names bound as
/// parameters.
extension PostgresConnection {
    /// Every schema, system ones included, as dbt-postgres's `list_schemas` returns them.
    func schemas() throws -> [String] {
        let result = try run("select nspname from pg_catalog.pg_namespace order by nspname", parameters: [])
        return (0..<result.rowCount).compactMap { result.text(row: $0, column: 0) }
    }

    func createSchema(_ name: String) throws {
        _ = try execute("create schema if not exists \(dialect.quote(name))")
    }

    /// Tables (partitioned ones included), views and materialized views, as dbt-postgres lists
    /// them from `pg_tables`, `pg_views` and `pg_matviews`. Foreign tables are not listed, as in dbt.
    func relations(inSchema schema: String) throws -> [RelationDescription] {
        let result = try run(
            """
            select c.relname, case c.relkind when 'v' then 'view' when 'm' then 'materialized_view' else 'table' end
            from pg_catalog.pg_class c
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm')
            order by c.relname
            """, parameters: [schema])
        return (0..<result.rowCount).compactMap { row in
            guard let name = result.text(row: row, column: 0),
                let kind = result.text(row: row, column: 1).flatMap(RelationDescription.Kind.init(rawValue:))
            else { return nil }
            return RelationDescription(schema: schema, name: name, kind: kind)
        }
    }

    /// A relation's columns in their order, typed with their modifiers
    /// (`format_type(atttypid, atttypmod)`: `character varying(20)`, `numeric(10,2)`), which is
    /// what it takes to declare the same column again. The database part of the name is not
    /// consulted: a PostgreSQL session sees only its own database.
    func columns(of relation: RelationName) throws -> [ColumnDescription] {
        let result = try run(
            """
            select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_class c on c.oid = a.attrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relname = $2 and c.relkind in ('r', 'p', 'v', 'm', 'f')
                and a.attnum > 0 and not a.attisdropped
            order by a.attnum
            """, parameters: [relation.schema, relation.identifier])
        return (0..<result.rowCount).map { row in
            ColumnDescription(
                name: result.text(row: row, column: 0) ?? "", dataType: result.text(row: row, column: 1) ?? ""
            )
        }
    }

    /// `columns(of:)` for a whole schema in one query.
    func columnsByRelation(inSchema schema: String) throws -> [String: [ColumnDescription]] {
        let result = try run(
            """
            select c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_class c on c.oid = a.attrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f')
                and a.attnum > 0 and not a.attisdropped
            order by c.relname, a.attnum
            """, parameters: [schema])
        var columns: [String: [ColumnDescription]] = [:]
        for row in 0..<result.rowCount {
            guard let relation = result.text(row: row, column: 0) else { continue }
            columns[relation, default: []].append(
                ColumnDescription(
                    name: result.text(row: row, column: 1) ?? "", dataType: result.text(row: row, column: 2) ?? ""))
        }
        return columns
    }

    /// Prepares the query as the unnamed statement and describes it: the server plans it but
    /// runs nothing. Types are named without modifiers, as a result's columns are.
    func describe(query sql: String) throws -> [ColumnDescription] {
        let connection = try openHandle()
        _ = try checked(PQprepare(connection, "", sql, 0, nil), connection: connection, statement: sql)
        let description = try checked(
            PQdescribePrepared(connection, ""), connection: connection, statement: sql)
        return try columnDescriptions(description)
    }
}
