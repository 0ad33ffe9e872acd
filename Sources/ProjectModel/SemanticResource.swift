/// A resource of dbt's semantic layer: a semantic model, a metric or a saved query, declared
/// under `semantic_models:`, `metrics:` or `saved_queries:` in a properties file. Weir reads,
/// resolves and checks them and records them as dbt does (the manifest, `semantic_manifest.json`,
/// selection); MetricFlow, not dbt, queries them, so nothing here is ever run.
///
/// Everything past the identifying fields is kept as the manifest entry's remaining fields, in
/// dbt's order: the resources are descriptive trees that Weir passes on, and the few fields worked
/// out once the whole project is read (`node_relation`, `depends_on`, a metric's
/// `input_measures`) are filled in place then.
public struct SemanticResource: Sendable {
    public var uniqueID: String
    public var resourceType: ResourceType
    public var name: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    public var fqn: [String]
    /// The manifest entry's fields after `fqn`, in dbt's order (`created_at` excepted: it is
    /// the writer's).
    public var fields: ConfigMap
    /// A semantic model's `model:` reference (nil for the other kinds, or when it names none).
    public var modelRef: RefCall?
    /// Its place among its file's resources as dbt reads them (the `metrics:` section, then
    /// `semantic_models:` with the metrics their measures create, then `saved_queries:`, each
    /// in the order written): artifacts that list resources rather than map them follow it.
    public var orderInFile = 0

    public init(
        uniqueID: String, resourceType: ResourceType, name: String, packageName: String, path: String,
        originalFilePath: String, fqn: [String], fields: ConfigMap, modelRef: RefCall? = nil
    ) {
        self.uniqueID = uniqueID
        self.resourceType = resourceType
        self.name = name
        self.packageName = packageName
        self.path = path
        self.originalFilePath = originalFilePath
        self.fqn = fqn
        self.fields = fields
        self.modelRef = modelRef
    }

    public var config: ConfigMap { fields["config"]?.mapValue ?? ConfigMap() }
    public var isEnabled: Bool { config["enabled"]?.isTruthy ?? true }
    public var tags: [String] { fields["tags"]?.stringList ?? [] }

    /// The unique ids it depends on (`depends_on.nodes`).
    public var dependsOnNodes: [String] {
        get { fields["depends_on"]?.mapValue?["nodes"]?.stringList ?? [] }
        set { fields["depends_on"] = ["macros": [], "nodes": .list(newValue.map(ConfigValue.string))] }
    }

    /// A semantic model's measures, entities or dimensions (`key`), each a map of its fields.
    public func elements(_ key: String) -> [ConfigMap] {
        fields[key]?.listValue?.compactMap(\.mapValue) ?? []
    }
}

extension Manifest {
    /// The semantic resources in the order Weir reads them: the root project's first, then each
    /// package's, file by file, in each file as dbt reads it (`orderInFile`). dbt lists them in the
    /// order it happened to parse its files, which follows the file system's directory order;
    /// this order is the same on every machine.
    public var semanticResourcesInReadingOrder: [SemanticResource] {
        semanticResources.values.sorted { a, b in
            if a.packageName != b.packageName {
                if a.packageName == projectName || b.packageName == projectName { return a.packageName == projectName }
                return a.packageName.utf8.lexicographicallyPrecedes(b.packageName.utf8)
            }
            if a.originalFilePath != b.originalFilePath {
                return a.originalFilePath.utf8.lexicographicallyPrecedes(b.originalFilePath.utf8)
            }
            return a.orderInFile < b.orderInFile
        }
    }
}
