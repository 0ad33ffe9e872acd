import Jinja
import Parallelism
import ProjectModel

/// A node as templates see it (`model`, `graph.nodes[...]`, the `node` argument of
/// `generate_schema_name`): a read-only dict built lazily from the manifest node, since most
/// templates read two or three of its fields.
final class NodeObject: JinjaObject {
    let node: ManifestNode
    /// `model.batch` while a microbatch batch compiles (dbt sets it then, and None otherwise).
    let batch: Value?
    /// Raised when a field is read (`graph`'s nodes: whoever reads them depends on other nodes).
    let readMarker: SharedFlag?
    /// `graph`'s nodes are dbt's `to_dict(omit_none=False)`: a field the node's kind has but
    /// that is unset reads as None there (`rejectattr('time_spine', 'none')`), not undefined.
    let keepsNone: Bool
    private var cache: [String: Value] = [:]

    init(_ node: ManifestNode, batch: Value? = nil, readMarker: SharedFlag? = nil, keepsNone: Bool = false) {
        self.node = node
        self.batch = batch
        self.readMarker = readMarker
        self.keepsNone = keepsNone
    }

    var typeName: String { "dict" }
    var pyRepr: String { "<\(node.resourceType.rawValue) \(node.uniqueID)>" }
    var length: Int? { ownKeys.count }
    /// The keys of dbt's dict of this node.
    var ownKeys: [String] { Self.keys.filter(has) }

    static let keys = [
        "database", "schema", "name", "resource_type", "package_name", "path", "original_file_path", "unique_id",
        "fqn", "alias", "checksum", "config", "tags", "description", "columns", "meta", "docs", "patch_path",
        "relation_name", "raw_code", "language", "refs", "sources", "depends_on", "compiled_path", "compiled",
        "compiled_code", "extra_ctes_injected", "extra_ctes", "contract", "access", "constraints", "version",
        "latest_version", "identifier", "test_metadata", "column_name", "file_key_name", "attached_node", "group",
        "build_path", "unrendered_config", "doc_blocks", "metrics", "deprecation_date", "primary_key", "time_spine",
    ]

    /// The fields only some kinds of node have (dbt's node classes differ).
    static let modelKeys: Set<String> = [
        "access", "constraints", "version", "latest_version", "deprecation_date", "primary_key", "time_spine",
    ]
    static let testKeys: Set<String> = ["test_metadata", "column_name", "file_key_name", "attached_node"]

    /// Whether dbt's dict of this node has the field at all.
    func has(_ name: String) -> Bool {
        if Self.modelKeys.contains(name) { return node.resourceType == .model }
        if Self.testKeys.contains(name) { return node.resourceType == .test }
        return Self.keys.contains(name)
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        if let cached = cache[name] { return cached }
        guard let value = field(name) ?? (keepsNone && has(name) ? Value.none : nil) else {
            switch name {
            case "get":
                return .function("get") { arguments, _ in
                    let key = arguments.positional.first?.pyStr ?? ""
                    return self.field(key) ?? (arguments.positional.count > 1 ? arguments.positional[1] : .none)
                }
            case "keys": return .function("keys") { _, _ in .list(self.ownKeys.map(Value.string)) }
            case "items":
                return .function("items") { _, _ in
                    .list(self.ownKeys.map { .tuple([.string($0), self.field($0) ?? .none]) })
                }
            case "values": return .function("values") { _, _ in .list(self.ownKeys.map { self.field($0) ?? .none }) }
            default: return nil
            }
        }
        cache[name] = value
        return value
    }

    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        guard let name = key.stringValue else { return nil }
        return field(name) ?? (keepsNone && has(name) ? Value.none : nil)
    }

    func iterate(_ context: CallContext) throws -> [Value]? { ownKeys.map(Value.string) }

    /// A field's value; nil (undefined to templates) where the node has none, as dbt's `model`
    /// is the node's `to_dict(omit_none=True)`.
    private func field(_ name: String) -> Value? {
        readMarker?.raise()
        let node = self.node
        switch name {
        case "unique_id": return .string(node.uniqueID)
        case "batch": return batch
        case "name": return .string(node.name)
        case "resource_type": return .string(node.resourceType.rawValue)
        case "package_name": return .string(node.packageName)
        case "path": return .string(node.path)
        case "original_file_path": return .string(node.originalFilePath)
        case "fqn": return .list(node.fqn.map(Value.string))
        case "database": return node.database.map(Value.string)
        case "schema": return .string(node.schema)
        case "alias", "identifier": return .string(node.alias)
        case "relation_name": return node.relationName.map(Value.string)
        case "raw_code", "raw_sql": return .string(node.rawCode)
        case "compiled_code", "compiled_sql": return node.compiledCode.map(Value.string)
        case "compiled": return .bool(node.compiledCode != nil)
        case "language": return .string(node.language)
        case "config": return .object(ConfigDict(node))
        case "tags": return .list(node.tags.map(Value.string))
        case "meta": return node.meta.jinjaValue
        case "description": return .string(node.description)
        case "docs": return (node.config["docs"] ?? ["show": true, "node_color": nil]).jinjaValue
        case "patch_path": return node.patchPath.map(Value.string)
        case "checksum": return .dict([("name", .string(node.checksum.name)), ("checksum", .string(node.checksum.checksum))])
        case "columns":
            return .dict(node.columns.map { column in (column.name, Self.columnValue(column)) })
        case "refs": return Self.refsValue(node.refs)
        case "sources": return Self.sourcesValue(node.sources)
        case "depends_on": return Self.dependsOnValue(node.dependsOn)
        case "extra_ctes_injected": return .bool(node.compiledCode != nil)
        case "extra_ctes":
            return .list(node.extraCTEs.map { .dict([("id", .string($0.id)), ("sql", .string($0.sql))]) })
        case "compiled_path": return nil
        case "contract": return (node.config["contract"] ?? ["enforced": false, "alias_types": true]).jinjaValue
        case "access": return .string(node.access)
        case "constraints": return .list(node.constraints.map(\.jinjaValue))
        case "version": return node.version?.jinjaValue
        case "latest_version": return node.latestVersion?.jinjaValue
        case "test_metadata":
            guard let metadata = node.testMetadata else { return nil }
            return .dict([
                ("name", .string(metadata.name)), ("kwargs", metadata.kwargs.jinjaValue),
                ("namespace", metadata.namespace.map(Value.string) ?? .none),
            ])
        case "column_name": return node.columnName.map(Value.string)
        case "file_key_name": return node.fileKeyName.map(Value.string)
        case "attached_node": return node.attachedNode.map(Value.string)
        case "group": return (node.group ?? node.config["group"]?.stringValue).map(Value.string)
        case "unrendered_config": return node.unrenderedConfig.jinjaValue
        case "doc_blocks", "metrics": return .list([])
        case "deprecation_date": return node.deprecationDate.map(Value.string)
        case "primary_key": return node.resourceType == .model ? .list(node.primaryKey.map(Value.string)) : nil
        case "time_spine": return node.timeSpine?.jinjaValue
        default: return nil
        }
    }

    /// `refs`, `sources` and `depends_on` as dbt's dicts hold them (nodes' and exposures').
    static func refsValue(_ refs: [RefCall]) -> Value {
        .list(refs.map { ref in
            .dict([
                ("name", .string(ref.name)), ("package", ref.package.map(Value.string) ?? .none),
                ("version", ref.version?.jinjaValue ?? .none),
            ])
        })
    }

    static func sourcesValue(_ sources: [SourceCall]) -> Value {
        .list(sources.map { .list([.string($0.sourceName), .string($0.tableName)]) })
    }

    static func dependsOnValue(_ dependsOn: DependsOn) -> Value {
        .dict([("macros", .list(dependsOn.macros.map(Value.string))), ("nodes", .list(dependsOn.nodes.map(Value.string)))])
    }

    static func columnValue(_ column: ColumnInfo) -> Value {
        .dict([
            ("name", .string(column.name)), ("description", .string(column.description)),
            ("meta", column.meta.jinjaValue), ("data_type", column.dataType.map(Value.string) ?? .none),
            ("constraints", .list(column.constraints.map(\.jinjaValue))), ("quote", column.quote.map(Value.bool) ?? .none),
            ("tags", .list(column.tags.map(Value.string))),
        ])
    }
}

/// `model.config`: the resolved config as a dict whose missing keys read as dbt's defaults.
final class ConfigDict: JinjaObject {
    let node: ManifestNode

    init(_ node: ManifestNode) { self.node = node }

    var typeName: String { "dict" }

    private func lookup(_ key: String) -> Value? {
        (node.config[key] ?? ConfigDefaults.value(key, for: node.resourceType))?.jinjaValue
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        if name == "get" {
            return .function("get") { arguments, _ in
                let key = arguments.positional.first?.pyStr ?? ""
                return self.lookup(key) ?? (arguments.positional.count > 1 ? arguments.positional[1] : .none)
            }
        }
        if ["keys", "items", "values"].contains(name) {
            return try node.config.jinjaValue.attribute(name, context)
        }
        return lookup(name)
    }

    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        key.stringValue.flatMap(lookup)
    }

    func iterate(_ context: CallContext) throws -> [Value]? { node.config.keys.map(Value.string) }
    var pyRepr: String { node.config.jinjaValue.pyRepr }
    var length: Int? { node.config.count }
}
