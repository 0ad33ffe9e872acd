import Artifacts

/// One resource of the manifest as the site shows it: the compact `entry` for `data.js` and the
/// `details` (code, config) for its chunk. Empty fields are left out.
struct EntryBuilder {
    let index: EntryIndex
    let position: Int
    let json: JSONValue
    let catalog: JSONValue?

    private var type: String { json["resource_type"]?.stringValue ?? "" }

    /// The entry, in `data.js`'s compact form: the type, package and name are left out where the
    /// unique id gives them (`model.<package>.<name>`, `source.<package>.<source>.<table>`,
    /// `test.<package>.<name>.<hash>`); columns are arrays (`[name, type, description, tests,
    /// extras]`, trailing blanks dropped) whose descriptions, like tests' paths, are positions in
    /// `strings`.
    func build(strings: inout StringTable) -> (entry: JSONObject, details: JSONObject) {
        var entry = JSONObject()
        let id = index.resources[position].id
        let package = json["package_name"]?.stringValue ?? ""
        entry["id"] = .string(id)
        if !id.hasPrefix(type + ".") { entry["type"] = .string(type) }
        if !id.hasPrefix(type + "." + package + ".") { entry["package"] = .string(package) }
        if Self.derivedName(id) != displayName { entry["name"] = .string(displayName) }
        if let path = json["original_file_path"]?.text {
            entry["path"] = type == "test" ? .int(strings.position(of: path)) : .string(path)
        }
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
        let columns = self.columns(table, strings: &strings)
        if !columns.isEmpty { entry["columns"] = .array(columns) }
        positions(&entry, "parents", index.parents[position])
        positions(&entry, "children", index.children[position])
        positions(&entry, "tests", index.tests[position] ?? [])
        // A test's macros are its generic test's, which the page does not list.
        if type != "test" {
            positions(
                &entry, "macros",
                (json["depends_on"]?["macros"]?.stringList ?? []).compactMap(index.position(of:)))
        }
        if let table { entry["catalog"] = .object(catalogSummary(table)) }
        switch type {
        case "test": entry["test"] = .object(testSummary())
        case "exposure": entry["exposure"] = .object(exposureSummary())
        case "source": entry["source"] = .object(sourceSummary())
        case "semantic_model": entry["semantic"] = .object(semanticModelSummary())
        case "metric": entry["semantic"] = .object(metricSummary())
        case "saved_query": entry["semantic"] = .object(savedQuerySummary())
        default: break
        }
        return (entry, details())
    }

    /// The name the site derives from a unique id: what follows `<type>.<package>.`, without a
    /// test's `.<hash>` suffix (package and resource names have no dots).
    static func derivedName(_ id: String) -> String {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count > 2 else { return "" }
        var rest = parts[2...].joined(separator: ".")
        // The same test as the site's script: ten of [0-9a-f].
        if parts[0] == "test", let last = parts.last, parts.count > 3, last.utf8.count == 10,
            last.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        {
            rest = parts[2..<(parts.count - 1)].joined(separator: ".")
        }
        return rest
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

    /// `entry` with its positions in one `strings` table (a test's path, the columns'
    /// descriptions: the ones `build` makes) replaced by `renumbering[position]`.
    static func renumberingStrings(_ entry: JSONObject, _ renumbering: [Int]) -> JSONObject {
        var entry = entry
        if case .int(let position)? = entry["path"] { entry["path"] = .int(renumbering[position]) }
        if case .array(var columns)? = entry["columns"] {
            for offset in columns.indices {
                guard case .array(var items) = columns[offset], items.count > 2, case .int(let position) = items[2]
                else { continue }
                items[2] = .int(renumbering[position])
                columns[offset] = .array(items)
            }
            entry["columns"] = .array(columns)
        }
        return entry
    }

    /// The warehouse's columns in its order, typed, with the descriptions and tests of the
    /// properties files matched without regard to case (as dbt's site does); declared columns the
    /// warehouse lacks come after, marked `missing`. Without a catalog, the declared columns.
    private func columns(_ table: JSONValue?, strings: inout StringTable) -> [JSONValue] {
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
                    properties: properties, missing: false, strings: &strings))
        }
        for (name, properties) in declared where !matched.contains(name.lowercased()) {
            result.append(
                column(
                    name: name, type: properties["data_type"]?.text,
                    description: properties["description"]?.text,
                    properties: properties, missing: table != nil, strings: &strings))
        }
        return result
    }

    private func column(
        name: String, type: String?, description: String?, properties: JSONValue?, missing: Bool,
        strings: inout StringTable
    ) -> JSONValue {
        var extras = JSONObject()
        set(&extras, "tags", properties?["tags"])
        set(&extras, "meta", properties?["meta"])
        if missing { extras["missing"] = true }
        let tests = index.columnTests[EntryIndex.ColumnKey(entry: position, column: name.lowercased())] ?? []
        var items: [JSONValue] = [
            .string(name), .string(type), description.map { .int(strings.position(of: $0)) } ?? .null,
            tests.isEmpty ? .null : .array(tests.map(JSONValue.int)),
            extras.isEmpty ? .null : .object(extras),
        ]
        while items.last == .null { items.removeLast() }
        return .array(items)
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
        // dbt's default severity goes without saying.
        if let severity = json["config"]?["severity"]?.text, severity.lowercased() != "error" {
            summary["severity"] = .string(severity)
        }
        return summary
    }

    private func exposureSummary() -> JSONObject {
        var summary = JSONObject()
        for key in ["type", "label", "url", "maturity"] { set(&summary, key, json[key]) }
        let name = json["owner"]?["name"]?.text
        let email = json["owner"]?["email"]?.text.map { "<\($0)>" }
        let owner = [name, email].compactMap { $0 }.joined(separator: " ")
        if !owner.isEmpty { summary["owner"] = .string(owner) }
        return summary
    }

    /// A semantic model: its model and relation, defaults, and its entities, dimensions and
    /// measures as rows (`[name, kind, detail, description]`, trailing blanks dropped).
    private func semanticModelSummary() -> JSONObject {
        var summary = JSONObject()
        set(&summary, "label", json["label"])
        set(&summary, "model", json["model"])
        set(&summary, "relation", json["node_relation"]?["relation_name"])
        set(&summary, "agg_time_dimension", json["defaults"]?["agg_time_dimension"])
        set(&summary, "primary_entity", json["primary_entity"])
        func rows(_ key: String, kind: String, detail: (JSONValue) -> String?) -> JSONValue? {
            let items = json[key]?.arrayValue ?? []
            guard !items.isEmpty else { return nil }
            return .array(items.map { item in
                var row = [item["name"]?.text ?? "", item[kind]?.text ?? "", detail(item) ?? "", item["description"]?.text ?? ""]
                while row.count > 1 && row.last == "" { row.removeLast() }
                return .strings(row)
            })
        }
        summary["entities"] = rows("entities", kind: "type") { $0["expr"]?.text }
        summary["dimensions"] = rows("dimensions", kind: "type") { item in
            [item["type_params"]?["time_granularity"]?.text, item["expr"]?.text.map { "expr: " + $0 }].compactMap { $0 }
                .joined(separator: " · ")
        }
        summary["measures"] = rows("measures", kind: "agg") { $0["expr"]?.text }
        return summary
    }

    /// A metric: its label, type and what it is computed from, as `[label, text]` rows.
    private func metricSummary() -> JSONObject {
        var summary = JSONObject()
        set(&summary, "label", json["label"])
        set(&summary, "metric_type", json["type"])
        let params = json["type_params"]
        var rows: [JSONValue] = []
        func add(_ label: String, _ text: String?) { if let text, !text.isEmpty { rows.append(.strings([label, text])) } }
        func window(_ value: JSONValue?) -> String? {
            guard case .int(let count)? = value?["count"], let grain = value?["granularity"]?.text else { return nil }
            return "\(count) \(grain)"
        }
        func input(_ value: JSONValue?) -> String? {
            guard let name = value?["name"]?.text else { return nil }
            var text = name
            if let alias = value?["alias"]?.text { text += " as " + alias }
            if let offset = window(value?["offset_window"]) { text += " (offset \(offset))" }
            if let grain = value?["offset_to_grain"]?.text { text += " (to the \(grain))" }
            let filters = (value?["filter"]?["where_filters"]?.arrayValue ?? []).compactMap { $0["where_sql_template"]?.text }
            if !filters.isEmpty { text += " where " + filters.joined(separator: " and ") }
            return text
        }
        add("Measure", input(params?["measure"]))
        add("Numerator", input(params?["numerator"]))
        add("Denominator", input(params?["denominator"]))
        add("Expression", params?["expr"]?.text)
        for metric in params?["metrics"]?.arrayValue ?? [] { add("Input metric", input(metric)) }
        let cumulative = params?["cumulative_type_params"]
        add("Window", window(cumulative?["window"]) ?? window(params?["window"]))
        add("Grain to date", cumulative?["grain_to_date"]?.text ?? params?["grain_to_date"]?.text)
        if let conversion = params?["conversion_type_params"], conversion != .null {
            add("Base measure", input(conversion["base_measure"]))
            add("Conversion measure", input(conversion["conversion_measure"]))
            add("Entity", conversion["entity"]?.text)
            add("Calculation", conversion["calculation"]?.text)
            add("Conversion window", window(conversion["window"]))
        }
        let filters = (json["filter"]?["where_filters"]?.arrayValue ?? []).compactMap { $0["where_sql_template"]?.text }
        add("Filter", filters.isEmpty ? nil : filters.joined(separator: " and "))
        add("Time granularity", json["time_granularity"]?.text)
        if !rows.isEmpty { summary["definition"] = .array(rows) }
        return summary
    }

    /// A saved query: its label, query parameters and exports (`[name, export_as, schema, alias]`).
    private func savedQuerySummary() -> JSONObject {
        var summary = JSONObject()
        set(&summary, "label", json["label"])
        let query = json["query_params"]
        set(&summary, "metrics", query?["metrics"])
        set(&summary, "group_by", query?["group_by"])
        set(&summary, "order_by", query?["order_by"])
        set(&summary, "limit", query?["limit"])
        let filters = (query?["where"]?["where_filters"]?.arrayValue ?? []).compactMap { $0["where_sql_template"]?.text }
        if !filters.isEmpty { summary["where"] = .strings(filters) }
        let exports = (json["exports"]?.arrayValue ?? []).map { export in
            let config = export["config"]
            return JSONValue.strings([
                export["name"]?.text ?? "", config?["export_as"]?.text ?? "", config?["schema_name"]?.text ?? "",
                config?["alias"]?.text ?? "",
            ])
        }
        if !exports.isEmpty { summary["exports"] = .array(exports) }
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
