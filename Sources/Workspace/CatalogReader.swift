import Artifacts
import Planning
import ProjectModel
import SQLDialect
import Warehouse

/// Reads what `catalog.json` describes from the warehouse: for every model (not ephemeral),
/// seed, snapshot and source of the manifest, its relation's type and columns. One
/// `relations(inSchema:)` and one `columnsByRelation(inSchema:)` per schema; relations that do
/// not exist are left out, as dbt leaves them out.
struct CatalogReader {
    struct Wanted {
        var uniqueID: String
        var relation: RelationName
        var isSource: Bool
    }

    struct Result {
        var nodes: [CatalogTable] = []
        var sources: [CatalogTable] = []
        /// Unique ids whose relation does not exist.
        var missing: [String] = []
    }

    let connection: any WarehouseConnection
    let dialect: SQLDialect

    /// SQLite compares schema and table names without regard to case; PostgreSQL does not.
    private var caseInsensitive: Bool { !dialect.relationsIncludeDatabase }

    private func key(_ name: String) -> String { caseInsensitive ? name.lowercased() : name }

    static func wanted(in manifest: Manifest) -> [Wanted] {
        var result: [Wanted] = []
        for node in manifest.nodes.values where node.isEnabled && !node.isEphemeral {
            guard [.model, .seed, .snapshot].contains(node.resourceType) else { continue }
            result.append(
                Wanted(uniqueID: node.uniqueID, relation: Planner.relation(of: node), isSource: false))
        }
        for source in manifest.sources.values where source.isEnabled {
            let relation = RelationName(
                database: source.database, schema: source.schema, identifier: source.identifier)
            result.append(Wanted(uniqueID: source.uniqueID, relation: relation, isSource: true))
        }
        return result.sorted { $0.uniqueID.utf8.lexicographicallyPrecedes($1.uniqueID.utf8) }
    }

    func read(_ wanted: [Wanted]) throws -> Result {
        let existing = Set(try connection.schemas().map(key))
        let extras =
            dialect.adapterType == "postgres" ? try PostgresCatalogExtras(connection: connection) : nil
        var bySchema: [String: [Wanted]] = [:]
        for item in wanted { bySchema[key(item.relation.schema), default: []].append(item) }
        var result = Result()
        for schemaKey in bySchema.keys.sorted() {
            let items = bySchema[schemaKey] ?? []
            guard existing.contains(schemaKey), let schema = items.first?.relation.schema else {
                result.missing += items.map(\.uniqueID)
                continue
            }
            var present: [String: RelationDescription] = [:]
            for relation in try connection.relations(inSchema: schema) {
                present[key(relation.name)] = relation
            }
            let columns = try connection.columnsByRelation(inSchema: schema)
            for item in items {
                guard let found = present[key(item.relation.identifier)] else {
                    result.missing.append(item.uniqueID)
                    continue
                }
                let table = describe(item, found, columns: columns[found.name] ?? [], extras: extras)
                if item.isSource { result.sources.append(table) } else { result.nodes.append(table) }
            }
        }
        return result
    }

    /// dbt-postgres' `table_type`s (its catalog query's `case tbl.relkind`).
    private static let postgresTableTypes: [SQLDialect.RelationKind: String] = [
        .table: "BASE TABLE", .view: "VIEW", .materializedView: "MATERIALIZED VIEW",
    ]

    private func describe(
        _ item: Wanted, _ found: RelationDescription, columns: [ColumnDescription], extras: PostgresCatalogExtras?
    ) -> CatalogTable {
        let columns = columns.enumerated().map { offset, column in
            CatalogTable.Column(
                name: column.name, type: column.dataType, index: offset + 1,
                comment: extras?.columnComment(schema: found.schema, table: found.name, column: column.name))
        }
        // dbt-postgres names types as information_schema does; dbt-sqlite as sqlite_master does.
        let type =
            dialect.relationsIncludeDatabase
            ? Self.postgresTableTypes[found.kind] ?? "BASE TABLE" : found.kind.rawValue
        let facts = extras?.relation(schema: found.schema, name: found.name)
        return CatalogTable(
            uniqueID: item.uniqueID, type: type, database: item.relation.database, schema: found.schema,
            name: found.name,
            comment: facts?.comment, owner: facts?.owner, columns: columns, stats: facts?.stats ?? [])
    }
}
