import Artifacts
import Warehouse

/// What dbt-postgres' catalog adds to names and types, read in two queries for the whole
/// database rather than one per relation: comments, owners, and the cheap statistics PostgreSQL
/// keeps anyway (the planner's row estimate, the size on disk). The queries carry no value from
/// the project, so nothing is spliced into them; filtering by schema happens here.
struct PostgresCatalogExtras {
    struct Relation {
        var comment: String?
        var owner: String?
        var stats: [CatalogTable.Stat]
    }

    private var relations: [String: Relation] = [:]
    private var columnComments: [String: String] = [:]

    init(connection: any WarehouseConnection) throws {
        let relationRows = try connection.execute(
            """
            select n.nspname, c.relname, c.relkind::text, pg_catalog.obj_description(c.oid, 'pg_class'),
                pg_catalog.pg_get_userbyid(c.relowner), c.reltuples::bigint,
                case when c.relkind in ('r', 'm') then pg_catalog.pg_total_relation_size(c.oid) end
            from pg_catalog.pg_class c
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p', 'v', 'm', 'f')
                and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
            """
        ).rows
        for row in relationRows where row.count == 7 {
            guard let schema = row[0].text, let name = row[1].text else { continue }
            var stats: [CatalogTable.Stat] = []
            let isTable = row[2].text == "r" || row[2].text == "m"
            // reltuples is -1 (PostgreSQL 14+) or 0 (before) until the table is first vacuumed or analyzed.
            if isTable, case .integer(let estimate) = row[5], estimate > 0 {
                stats.append(
                    CatalogTable.Stat(
                        id: "row_count", label: "Row Count", value: .int(Int(estimate)),
                        description: "An approximate count of rows in this table (pg_class.reltuples)"))
            }
            if case .integer(let bytes) = row[6] {
                stats.append(
                    CatalogTable.Stat(
                        id: "bytes", label: "Approximate Size", value: .int(Int(bytes)),
                        description: "Size on disk with indexes and TOAST (pg_total_relation_size)"))
            }
            relations[Self.key(schema, name)] = Relation(
                comment: row[3].text, owner: row[4].text, stats: stats)
        }
        let columnRows = try connection.execute(
            """
            select n.nspname, c.relname, a.attname, d.description
            from pg_catalog.pg_description d
            join pg_catalog.pg_class c on c.oid = d.objoid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
            where d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid > 0
                and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
            """
        ).rows
        for row in columnRows where row.count == 4 {
            guard let schema = row[0].text, let table = row[1].text, let column = row[2].text,
                let comment = row[3].text
            else {
                continue
            }
            columnComments[Self.key(schema, table, column)] = comment
        }
    }

    private static func key(_ parts: String...) -> String { parts.joined(separator: "\u{0}") }

    func relation(schema: String, name: String) -> Relation? { relations[Self.key(schema, name)] }

    func columnComment(schema: String, table: String, column: String) -> String? {
        columnComments[Self.key(schema, table, column)]
    }
}
