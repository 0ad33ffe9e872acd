/// One table of a `sources:` entry: `source('raw', 'orders')` resolves to it.
public struct SourceDefinition: Sendable, Equatable {
    public var uniqueID: String
    public var packageName: String
    public var sourceName: String
    public var name: String
    public var identifier: String
    public var database: String?
    public var schema: String
    public var path: String
    public var originalFilePath: String
    public var fqn: [String]
    public var description = ""
    public var sourceDescription = ""
    public var loader = ""
    public var loadedAtField: String?
    public var loadedAtQuery: String?
    public var freshness: ConfigValue = .null
    public var quoting = ConfigMap()
    public var columns: [ColumnInfo] = []
    public var meta = ConfigMap()
    public var sourceMeta = ConfigMap()
    public var tags: [String] = []
    public var config = ConfigMap()
    public var unrenderedConfig = ConfigMap()
    /// The source's `database:` and `schema:` as written (dbt's `unrendered_database`/`_schema`).
    public var unrenderedDatabase: String?
    public var unrenderedSchema: String?
    public var external: ConfigValue = .null
    public var relationName: String?
    /// dbt's `doc_blocks`: the doc blocks the table's description calls.
    public var docBlocks: [String] = []

    public init(
        uniqueID: String, packageName: String, sourceName: String, name: String, identifier: String,
        schema: String, path: String, originalFilePath: String, fqn: [String]
    ) {
        self.uniqueID = uniqueID
        self.packageName = packageName
        self.sourceName = sourceName
        self.name = name
        self.identifier = identifier
        self.schema = schema
        self.path = path
        self.originalFilePath = originalFilePath
        self.fqn = fqn
    }

    public var isEnabled: Bool { config["enabled"]?.isTruthy ?? true }
}
