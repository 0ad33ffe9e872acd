/// A column declared in YAML properties (models, seeds, snapshots, sources).
public struct ColumnInfo: Sendable, Hashable {
    public var name: String
    public var description: String = ""
    public var meta = ConfigMap()
    public var dataType: String?
    public var constraints: [ConfigValue] = []
    public var quote: Bool?
    public var tags: [String] = []
    /// The column's `config:` block (dbt 1.10 moved meta and tags there).
    public var config = ConfigMap()
    /// Where the column was declared, for diagnostics.
    public var granularity: String?
    /// The doc blocks its description calls with `doc(...)`, by unique id (`doc.pkg.name`).
    public var docBlocks: [String] = []

    public init(name: String) { self.name = name }
}
