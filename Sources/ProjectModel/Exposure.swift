/// A downstream use of the project (a dashboard, a notebook) declared under `exposures:`.
public struct Exposure: Sendable {
    public var uniqueID: String
    public var name: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    public var fqn: [String]
    public var type: String
    public var ownerName: String?
    public var ownerEmail: String?
    public var description = ""
    public var label: String?
    public var maturity: String?
    public var url: String?
    public var meta = ConfigMap()
    public var tags: [String] = []
    public var config = ConfigMap()
    /// dbt's `unrendered_config`: the project tree and the entry's `config:`, unmerged.
    public var unrenderedConfig = ConfigMap()
    public var refs: [RefCall] = []
    public var sources: [SourceCall] = []
    public var dependsOn = DependsOn()

    public init(
        uniqueID: String, name: String, packageName: String, path: String, originalFilePath: String,
        fqn: [String], type: String
    ) {
        self.uniqueID = uniqueID
        self.name = name
        self.packageName = packageName
        self.path = path
        self.originalFilePath = originalFilePath
        self.fqn = fqn
        self.type = type
    }
}
