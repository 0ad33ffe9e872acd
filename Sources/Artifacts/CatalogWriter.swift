import ProjectModel

/// `catalog.json` (schema v1) as `dbt docs generate` writes it: `metadata`, then `nodes` and
/// `sources` keyed by unique id, then `errors` (`null` when there were none).
///
/// dbt fills the maps in the order its catalog query returns relations (by schema, then name);
/// the writer sorts the same way (code-point order), so the bytes do not depend on the order the
/// warehouse was read in. Relations that do not exist are simply absent, as in dbt.
public struct CatalogWriter: Sendable {
    public static let schemaVersion = "https://schemas.getdbt.com/dbt/catalog/v1.json"

    public var metadata: ArtifactMetadata

    public init(metadata: ArtifactMetadata) {
        self.metadata = metadata
    }

    public func document(nodes: [CatalogTable], sources: [CatalogTable], errors: [String]? = nil) -> JSONValue
    {
        [
            "metadata": .object(metadata.jsonObject(schemaVersion: Self.schemaVersion)),
            "nodes": .object(Self.tables(nodes)),
            "sources": .object(Self.tables(sources)),
            "errors": errors.map(JSONValue.strings) ?? .null,
        ]
    }

    static func tables(_ tables: [CatalogTable]) -> JSONObject {
        let ordered = tables.sorted { lhs, rhs in
            if lhs.schema != rhs.schema { return codePointOrder(lhs.schema, rhs.schema) }
            if lhs.name != rhs.name { return codePointOrder(lhs.name, rhs.name) }
            return codePointOrder(lhs.uniqueID, rhs.uniqueID)
        }
        var object = JSONObject()
        for table in ordered { object[table.uniqueID] = .object(Self.table(table)) }
        return object
    }

    static func table(_ table: CatalogTable) -> JSONObject {
        let metadata: JSONObject = [
            "type": .string(table.type),
            "schema": .string(table.schema),
            "name": .string(table.name),
            "database": .string(table.database),
            "comment": .string(table.comment),
            "owner": .string(table.owner),
        ]
        var columns = JSONObject()
        for column in table.columns.sorted(by: { $0.index < $1.index }) {
            columns[column.name] = [
                "type": .string(column.type),
                "index": .int(column.index),
                "name": .string(column.name),
                "comment": .string(column.comment),
            ]
        }
        return [
            "metadata": .object(metadata),
            "columns": .object(columns),
            "stats": .object(stats(table.stats)),
            "unique_id": .string(table.uniqueID),
        ]
    }

    /// dbt's `format_stats`: the included statistics, then `has_stats` (never included), whose
    /// value says whether there were any.
    static func stats(_ stats: [CatalogTable.Stat]) -> JSONObject {
        var object = JSONObject()
        for stat in stats {
            object[stat.id] = item(
                id: stat.id, label: stat.label, value: stat.value, include: true,
                description: stat.description)
        }
        object["has_stats"] = item(
            id: "has_stats", label: "Has Stats?", value: .bool(!stats.isEmpty), include: false,
            description: "Indicates whether there are statistics for this table")
        return object
    }

    private static func item(id: String, label: String, value: JSONValue, include: Bool, description: String?)
        -> JSONValue
    {
        [
            "id": .string(id),
            "label": .string(label),
            "value": value,
            "include": .bool(include),
            "description": .string(description),
        ]
    }
}
