import Artifacts
import Diagnostics
import ProjectModel

extension Workspace {
    /// What `weir ls` lists for `--resource-type` names, as dbt's `ListTask`: without any, every
    /// kind but analyses (dbt's `DEFAULT_RESOURCE_VALUES`); `all` adds them, `default` is the
    /// default set, `data_test` is `test`.
    public static func listedResourceTypes(_ names: [String]) throws -> Set<ResourceType> {
        let listable: Set<ResourceType> = [
            .model, .snapshot, .seed, .test, .source, .exposure, .unitTest, .metric, .semanticModel, .savedQuery,
        ]
        guard !names.isEmpty else { return listable }
        var types: Set<ResourceType> = []
        for name in names {
            switch name {
            case "all": types.formUnion(listable.union([.analysis]))
            case "default": types.formUnion(listable)
            default:
                guard let type = ResourceType(rawValue: name == "data_test" ? "test" : name), listable.union([.analysis]).contains(type)
                else {
                    throw Diagnostic(
                        code: "W0002", message: "unknown resource type '\(name)'",
                        help: "use all, default or one of \(listable.union([.analysis]).map(\.rawValue).sorted().joined(separator: ", "))")
                }
                types.insert(type)
            }
        }
        return types
    }

    /// The keys of a resource `weir ls --output json` writes without `--output-keys`, as dbt's
    /// `ListTask.ALLOWED_KEYS`; they come in the order of the resource's manifest entry.
    static let listedKeys: Set<String> = [
        "alias", "name", "package_name", "depends_on", "tags", "config", "resource_type", "source_name",
        "original_file_path", "unique_id",
    ]

    /// One line of `weir ls --output json` for a resource of the manifest, as dbt's
    /// `generate_json` writes it: the resource's manifest entry reduced to `listedKeys`, or with
    /// `keys` (`--output-keys`) to those, in their order: a dotted key (`config.materialized`)
    /// names a nested value and is left out when it is missing or null, a plain one when it is
    /// missing. Nil for an id the manifest does not have.
    public func listedJSON(_ id: String, keys: [String]?, in parsed: Parsed) -> String? {
        let manifest = parsed.manifest
        let writer = manifestWriter(for: parsed.compiler)
        let entry: JSONValue
        if let node = manifest.nodes[id] {
            entry = writer.nodeObject(node)
        } else if let source = manifest.sources[id] {
            entry = writer.sourceObject(source)
        } else if let exposure = manifest.exposures[id] {
            entry = writer.exposureObject(exposure)
        } else if let test = manifest.unitTests[id] {
            entry = writer.unitTestObject(test)
        } else if let resource = manifest.semanticResources[id] {
            entry = writer.semanticObject(resource)
        } else {
            return nil
        }
        let members = entry.objectValue ?? JSONObject()
        var listed = JSONObject()
        if let keys {
            for key in keys {
                if key.contains(".") {
                    var value: JSONValue? = entry
                    for part in key.split(separator: ".", omittingEmptySubsequences: false) { value = value?[String(part)] }
                    if let value, value != .null { listed[key] = value }
                } else if let value = members[key] {
                    listed[key] = value
                }
            }
        } else {
            for (key, value) in members where Self.listedKeys.contains(key) { listed[key] = value }
        }
        return JSONValue.object(listed).serialized()
    }
}
