import Artifacts

/// One resource of the manifest as the site shows it: the compact `entry` for `data.js` and the
/// `details` (code, config) for its chunk. Empty fields are left out.
struct EntryBuilder {
    let index: EntryIndex
    let position: Int
    let json: JSONValue
    let catalog: JSONValue?

    private var type: String { json["resource_type"]?.stringValue ?? "" }

    func build() -> (entry: JSONObject, details: JSONObject) {
        var entry = JSONObject()
        entry["id"] = .string(index.resources[position].id)
        entry["type"] = .string(type)
        entry["name"] = .string(displayName)
        entry["package"] = json["package_name"] ?? .null
        set(&entry, "path", json["original_file_path"])
        set(&entry, "relation", json["relation_name"])
        if type == "model" || type == "snapshot" {
            set(&entry, "materialized", json["config"]?["materialized"])
        }
        set(&entry, "description", json["description"])
        set(&entry, "tags", json["tags"])
        set(&entry, "meta", json["meta"])
        if type == "model" {
            if let access = json["access"]?.text, access != "protected" { entry["access"] = .string(access) }
            set(&entry, "group", json["group"])
            if json["config"]?["contract"]?["enforced"]?.boolValue == true { entry["contract"] = true }
        }
        if json["docs"]?["show"]?.boolValue == false || json["config"]?["docs"]?["show"]?.boolValue == false {
            entry["hidden"] = true
        }
        let table = catalogTable()
        let columns = self.columns(table)
        if !columns.isEmpty { entry["columns"] = .array(columns) }
        positions(&entry, "parents", index.parents[position])
        positions(&entry, "children", index.children[position])
        positions(&entry, "tests", index.tests[position] ?? [])
        positions(
            &entry, "macros",
            (json["depends_on"]?["macros"]?.stringList ?? []).compactMap(index.position(of:)))
        if let table { entry["catalog"] = .object(catalogSummary(table)) }
        switch type {
        case "test": entry["test"] = .object(testSummary())
        case "exposure": entry["exposure"] = .object(exposureSummary())
        case "source": entry["source"] = .object(sourceSummary())
        default: break
        }
        return (entry, details())
    }

    /// A source is known by `source_name.table`, as in `source('source_name', 'table')`.
    private var displayName: String {
        let name = json["name"]?.stringValue ?? ""
        guard type == "source" else { return name }
        return (json["source_name"]?.stringValue ?? "") + "." + name
    }

    private func set(_ object: inout JSONObject, _ key: String, _ value: JSONValue?) {
        if let value, !value.isBlank { object[key] = value }
    }

    private func positions(_ object: inout JSONObject, _ key: String, _ list: [Int]) {
        if !list.isEmpty { object[key] = .array(list.map(JSONValue.int)) }
    }

    // MARK: - Columns

    private func catalogTable() -> JSONValue? {
        let id = index.resources[position].id
        return catalog?[type == "source" ? "sources" : "nodes"]?[id]
    }

    /// The warehouse's columns in its order, typed, with the descriptions and tests of the
    /// properties files matched without regard to case (as dbt's site does); declared columns the
    /// warehouse lacks come after, marked `missing`. Without a catalog, the declared columns.
    private func columns(_ table: JSONValue?) -> [JSONValue] {
        let declared = json["columns"]?.objectValue ?? JSONObject()
        var declaredByName: [String: JSONValue] = [:]
        for (name, column) in declared { declaredByName[name.lowercased()] = column }
        var result: [JSONValue] = []
        var matched: Set<String> = []
        let warehouseColumns = (table?["columns"]?.objectValue ?? JSONObject())
            .map(\.value)
            .sorted { ($0["index"]?.intValue ?? 0) < ($1["index"]?.intValue ?? 0) }
        for warehouseColumn in warehouseColumns {
            guard let name = warehouseColumn["name"]?.stringValue else { continue }
            let key = name.lowercased()
            matched.insert(key)
            let properties = declaredByName[key]
            result.append(
                column(
                    // SQLite has no type for a computed column; the declared one is better than none.
                    name: name, type: warehouseColumn["type"]?.text ?? properties?["data_type"]?.text,
                    description: properties?["description"]?.text ?? warehouseColumn["comment"]?.text,
                    properties: properties))
        }
        for (name, properties) in declared where !matched.contains(name.lowercased()) {
            var entry = column(
                name: name, type: properties["data_type"]?.text, description: properties["description"]?.text,
                properties: properties)
            if table != nil { entry = Self.marked(entry, "missing") }
            result.append(entry)
        }
        return result
    }

    private func column(name: String, type: String?, description: String?, properties: JSONValue?)
        -> JSONValue
    {
        var object: JSONObject = ["name": .string(name)]
        if let type { object["type"] = .string(type) }
        if let description { object["description"] = .string(description) }
        set(&object, "tags", properties?["tags"])
        set(&object, "meta", properties?["meta"])
        let tests = index.columnTests[EntryIndex.ColumnKey(entry: position, column: name.lowercased())] ?? []
        positions(&object, "tests", tests)
        return .object(object)
    }

    private static func marked(_ column: JSONValue, _ flag: String) -> JSONValue {
        guard var object = column.objectValue else { return column }
        object[flag] = true
        return .object(object)
    }

    // MARK: - Per type

    private func catalogSummary(_ table: JSONValue) -> JSONObject {
        var summary = JSONObject()
        let metadata = table["metadata"]
        set(&summary, "type", metadata?["type"])
        set(&summary, "owner", metadata?["owner"])
        set(&summary, "comment", metadata?["comment"])
        var stats: [JSONValue] = []
        for (_, stat) in table["stats"]?.objectValue ?? JSONObject() where stat["include"]?.boolValue == true
        {
            stats.append([stat["label"] ?? .null, stat["value"] ?? .null])
        }
        if !stats.isEmpty { summary["stats"] = .array(stats) }
        return summary
    }

    private func testSummary() -> JSONObject {
        var summary = JSONObject()
        summary["name"] = json["test_metadata"]?["name"] ?? "singular"
        set(&summary, "column", json["column_name"])
        if let attached = json["attached_node"]?.text.flatMap(index.position(of:)) {
            summary["attached"] = .int(attached)
        }
        set(&summary, "severity", json["config"]?["severity"])
        return summary
    }

    private func exposureSummary() -> JSONObject {
        var summary = JSONObject()
        for key in ["type", "label", "url", "maturity"] { set(&summary, key, json[key]) }
        let owner = [json["owner"]?["name"]?.text, json["owner"]?["email"]?.text.map { "<\($0)>" }].compactMap
        { $0 }
        if !owner.isEmpty { summary["owner"] = .string(owner.joined(separator: " ")) }
        return summary
    }

    private func sourceSummary() -> JSONObject {
        var summary = JSONObject()
        set(&summary, "source_name", json["source_name"])
        set(&summary, "source_description", json["source_description"])
        set(&summary, "loader", json["loader"])
        set(&summary, "loaded_at_field", json["loaded_at_field"])
        return summary
    }

    // MARK: - Details

    /// What only the entry's own page shows: code, the config as set, macro arguments, freshness.
    private func details() -> JSONObject {
        var details = JSONObject()
        set(&details, "raw", type == "macro" ? json["macro_sql"] : json["raw_code"])
        set(&details, "compiled", json["compiled_code"])
        if let config = json["config"], !config.pruned.isBlank { details["config"] = config.pruned }
        set(&details, "arguments", json["arguments"]?.pruned)
        set(&details, "freshness", json["freshness"]?.pruned)
        return details
    }
}
