import Artifacts
import Diagnostics
import ProjectModel

extension Workspace {
    /// What `weir ls` lists for `--resource-type` names, as dbt's `ListTask`: without any, every
    /// kind but analyses (dbt's `DEFAULT_RESOURCE_VALUES`); `all` adds them, `default` is the
    /// default set, `data_test` is `test`; then `--exclude-resource-type`'s are taken out.
    public static func listedResourceTypes(_ names: [String], excluding excluded: [String] = []) throws -> Set<ResourceType> {
        let listable: Set<ResourceType> = [
            .model, .snapshot, .seed, .test, .source, .exposure, .unitTest, .metric, .semanticModel, .savedQuery,
        ]
        return try resourceTypes(names, excluding: excluded, all: listable.union([.analysis]), defaults: listable)
    }

    /// dbt's `resource_types_from_args`: the named kinds (`all` and `default` standing for those
    /// sets; none given: the defaults) less the excluded ones.
    public static func resourceTypes(
        _ names: [String], excluding excluded: [String], all: Set<ResourceType>, defaults: Set<ResourceType>
    ) throws -> Set<ResourceType> {
        let known = ["metric", "semantic_model", "saved_query", "source", "analysis", "model", "test", "data_test", "unit_test",
            "exposure", "snapshot", "seed"]
        func type(_ name: String, option: String) throws -> ResourceType {
            guard known.contains(name), let type = ResourceType(rawValue: name == "data_test" ? "test" : name) else {
                throw Diagnostic(
                    code: "W0002", message: "unknown resource type '\(name)' (\(option))",
                    help: "use all, default or one of \(known.joined(separator: ", "))")
            }
            return type
        }
        var types: Set<ResourceType> = names.isEmpty ? defaults : []
        for name in names.map({ $0.lowercased() }) {
            switch name {
            case "all": types.formUnion(all)
            case "default": types.formUnion(defaults)
            default: types.insert(try type(name, option: "--resource-type"))
            }
        }
        for name in excluded.map({ $0.lowercased() }) {
            if name == "default" { types.subtract(defaults) } else { types.remove(try type(name, option: "--exclude-resource-type")) }
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
