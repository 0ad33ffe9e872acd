/// One relation of `catalog.json` as the warehouse describes it: what `dbt docs generate` reads
/// from the information schema for a model, seed, snapshot or source (dbt's `CatalogTable`).
public struct CatalogTable: Sendable, Hashable {
    /// A column as the warehouse types it (dbt's `ColumnMetadata`); `index` counts from 1.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: String
        public var index: Int
        public var comment: String?

        public init(name: String, type: String, index: Int, comment: String? = nil) {
            self.name = name
            self.type = type
            self.index = index
            self.comment = comment
        }
    }

    /// One statistic (dbt's `StatsItem`): `row_count`, `bytes`. Only included ones are written;
    /// the writer adds dbt's `has_stats` itself.
    public struct Stat: Sendable, Hashable {
        public var id: String
        public var label: String
        public var value: JSONValue
        public var description: String?

        public init(id: String, label: String, value: JSONValue, description: String? = nil) {
            self.id = id
            self.label = label
            self.value = value
            self.description = description
        }
    }

    public var uniqueID: String
    /// As the adapter names it: `BASE TABLE`/`VIEW` on PostgreSQL, `table`/`view` on SQLite.
    public var type: String
    public var database: String?
    public var schema: String
    public var name: String
    public var comment: String?
    public var owner: String?
    public var columns: [Column]
    public var stats: [Stat]

    public init(
        uniqueID: String, type: String, database: String?, schema: String, name: String,
        comment: String? = nil,
        owner: String? = nil, columns: [Column] = [], stats: [Stat] = []
    ) {
        self.uniqueID = uniqueID
        self.type = type
        self.database = database
        self.schema = schema
        self.name = name
        self.comment = comment
        self.owner = owner
        self.columns = columns
        self.stats = stats
    }
}
