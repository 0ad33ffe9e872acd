/// A node of the manifest's `nodes` map: a model, seed, test, snapshot, analysis or hook
/// operation, from the moment it is parsed (raw code, refs, config) until it is compiled.
///
/// Its fields (`node.name`, `node.config`...) live in one shared, copy-on-write box: a node has
/// some fifty fields, and the pipeline passes nodes around by value (selection, planning,
/// artifacts), so copying one costs a single reference count instead of one per field.
@dynamicMemberLookup
public struct ManifestNode: Sendable, Equatable {
    public struct Fields: Sendable, Equatable {
        public var uniqueID: String
        public var resourceType: ResourceType
        public var packageName: String
        public var name: String
        /// The path below the resource directory (`staging/stg_users.sql` under `models/`).
        public var path: String
        /// The path from the package root (`models/staging/stg_users.sql`).
        public var originalFilePath: String
        public var fqn: [String]
        public var rawCode: String
        public var language = "sql"
        /// `sha256` of the file as dbt computes it (seeds: of the file, or `path` when large).
        public var checksum: FileChecksum
        /// The resolved config: project tree < YAML properties < in-file `config()`.
        public var config: ConfigMap = ConfigMap()
        /// The config as written, before rendering (the manifest's `unrendered_config`).
        public var unrenderedConfig = ConfigMap()
        /// What in-file `config()` calls set.
        public var configCallDict = ConfigMap()
        public var description = ""
        public var columns: [ColumnInfo] = []
        /// The YAML file whose properties were applied (`package://models/schema.yml`).
        public var patchPath: String?
        public var refs: [RefCall] = []
        public var sources: [SourceCall] = []
        public var dependsOn = DependsOn()
        public var database: String?
        public var schema: String = ""
        public var alias: String = ""
        public var relationName: String?
        public var compiledCode: String?
        /// Ephemeral models injected as CTEs, in injection order.
        public var extraCTEs: [ExtraCTE] = []
        public var version: ConfigValue?
        public var latestVersion: ConfigValue?
        public var access = "protected"
        public var constraints: [ConfigValue] = []
        /// dbt's `contract.checksum`: a hash of the enforced contract (columns, their types and
        /// constraints, and for tables the materialization and model constraints); nil when the
        /// contract is not enforced.
        public var contractChecksum: String?
        /// Compiled: the relation each foreign key constraint's `to` names (`ref('customers')` →
        /// `"db"."schema"."customers"`), by the `to` text as written.
        public var foreignKeyTargets: [String: String] = [:]
        public var deprecationDate: String?
        /// A model's `time_spine:` (dbt's `TimeSpine`: `standard_granularity_column` and
        /// `custom_granularities`, each `{name, column_name}`), as its properties give it.
        public var timeSpine: ConfigValue?
        /// dbt's `doc_blocks`: the doc blocks the node's description calls (`doc.<package>.<name>`).
        public var docBlocks: [String] = []
        /// A model's columns that identify its rows, as dbt infers them after parsing
        /// (`infer_primary_key`): from constraints, else from `unique`/`not_null` tests.
        public var primaryKey: [String] = []
        public var group: String?
        /// Generic tests: which test and with which arguments.
        public var testMetadata: TestMetadata?
        public var columnName: String?
        public var attachedNode: String?
        public var fileKeyName: String?
        /// Hooks (`on-run-start`/`on-run-end` operations): their position in the list.
        public var hookIndex: Int?
        /// Generic tests: the tags taken from what they test (a source's and its table's, a
        /// column's), which dbt gives the test but not its config.
        public var inheritedTags: [String] = []

        public init(
            uniqueID: String, resourceType: ResourceType, packageName: String, name: String, path: String,
            originalFilePath: String, fqn: [String], rawCode: String, checksum: FileChecksum
        ) {
            self.uniqueID = uniqueID
            self.resourceType = resourceType
            self.packageName = packageName
            self.name = name
            self.path = path
            self.originalFilePath = originalFilePath
            self.fqn = fqn
            self.rawCode = rawCode
            self.checksum = checksum
        }
    }

    @usableFromInline var storage: SharedFields<Fields>

    public init(
        uniqueID: String, resourceType: ResourceType, packageName: String, name: String, path: String,
        originalFilePath: String, fqn: [String], rawCode: String, checksum: FileChecksum
    ) {
        storage = SharedFields(
            Fields(
                uniqueID: uniqueID, resourceType: resourceType, packageName: packageName, name: name, path: path,
                originalFilePath: originalFilePath, fqn: fqn, rawCode: rawCode, checksum: checksum))
    }

    init(fields: Fields) { storage = SharedFields(fields) }

    public static func == (lhs: ManifestNode, rhs: ManifestNode) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    @inlinable public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Fields, Value>) -> Value {
        get { storage.fields[keyPath: keyPath] }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = SharedFields(storage.fields) }
            yield &storage.fields[keyPath: keyPath]
        }
    }

    /// The configured tags, each once; a generic test's with the tags it inherits (sorted), a
    /// hook operation's after its hook's name (`on-run-start`), as dbt tags them.
    public var tags: [String] {
        var configured: [String] = []
        for tag in self.config["tags"]?.stringList ?? [] where !configured.contains(tag) { configured.append(tag) }
        if !self.inheritedTags.isEmpty { return Set(self.inheritedTags + configured).sorted() }
        guard self.resourceType == .operation, self.hookIndex != nil,
            let hook = ["on-run-start", "on-run-end"].first(where: { self.name.contains("-\($0)-") })
        else { return configured }
        return [hook] + configured.filter { $0 != hook }
    }
    // These read the config in its box: through `self.config` each read would copy the map.
    public var meta: ConfigMap { storage.fields.config["meta"]?.mapValue ?? ConfigMap() }
    public var materialized: String { storage.fields.config["materialized"]?.stringValue ?? "view" }
    public var isEnabled: Bool { storage.fields.config["enabled"]?.isTruthy ?? true }
    public var isEphemeral: Bool { storage.fields.resourceType == .model && materialized == "ephemeral" }
    /// Whether it is a generic test (one with `test_metadata`), told without copying the metadata.
    public var isGenericTest: Bool {
        if case .none = storage.fields.testMetadata { false } else { true }
    }
    /// A generic test's name and the columns its arguments name (`column_name`, else
    /// `combination_of_columns`), read in the box: dbt infers primary keys from them.
    public var testedColumns: (test: String, columns: [String])? {
        guard let metadata = storage.fields.testMetadata else { return nil }
        if case .string(let column) = metadata.kwargs["column_name"] { return (metadata.name, [column]) }
        if case .list(let items) = metadata.kwargs["combination_of_columns"] {
            return (metadata.name, items.compactMap { if case .string(let column) = $0 { column } else { nil } })
        }
        return (metadata.name, [])
    }
}

/// A file checksum as dbt records it: `{"name": "sha256", "checksum": "..."}`.
public struct FileChecksum: Sendable, Hashable {
    public var name: String
    public var checksum: String

    public init(name: String = "sha256", checksum: String) {
        self.name = name
        self.checksum = checksum
    }
}

/// An ephemeral model injected into a node's compiled SQL as a CTE.
public struct ExtraCTE: Sendable, Hashable {
    public var id: String
    public var sql: String

    public init(id: String, sql: String) {
        self.id = id
        self.sql = sql
    }
}

/// What a generic test node runs: `not_null` with `column_name`, `accepted_values` with `values`...
public struct TestMetadata: Sendable, Hashable {
    public var name: String
    public var kwargs: ConfigMap
    public var namespace: String?

    public init(name: String, kwargs: ConfigMap, namespace: String? = nil) {
        self.name = name
        self.kwargs = kwargs
        self.namespace = namespace
    }
}
