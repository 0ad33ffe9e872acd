/// A column declared in YAML properties (models, seeds, snapshots, sources).
///
/// Its fields live in one shared, copy-on-write box, as a `ManifestNode`'s do: the manifest
/// writer, the parse snapshot and contract checks pass a node's columns around, and copying a
/// column then costs one reference count instead of one per field.
@dynamicMemberLookup
public struct ColumnInfo: Sendable, Hashable {
    public struct Fields: Sendable, Hashable {
        public var name: String
        public var description: String = ""
        public var meta = ConfigMap()
        public var dataType: String?
        public var constraints: [ConfigValue] = []
        public var quote: Bool?
        public var tags: [String] = []
        /// The column's `config:` block (dbt 1.10 moved meta and tags there).
        public var config = ConfigMap()
        /// dbt's time granularity of the column (`day`, `hour`...), for time spines.
        public var granularity: String?
        /// The doc blocks its description calls with `doc(...)`, by unique id (`doc.pkg.name`).
        public var docBlocks: [String] = []


        public init(name: String) { self.name = name }
    }

    @usableFromInline var storage: SharedFields<Fields>

    public init(name: String) { storage = SharedFields(Fields(name: name)) }

    @inlinable public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Fields, Value>) -> Value {
        get { storage.fields[keyPath: keyPath] }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = SharedFields(storage.fields) }
            yield &storage.fields[keyPath: keyPath]
        }
    }

    public static func == (lhs: ColumnInfo, rhs: ColumnInfo) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }
}
