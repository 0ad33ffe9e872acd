import Artifacts

/// Every resource the site shows, in the site's order (nodes, sources, exposures, semantic models,
/// metrics, saved queries, macros, each by unique id), with the relations between them as
/// positions: the site refers to entries by index, which keeps `data.js` small.
struct EntryIndex {
    struct Resource {
        var id: String
        var json: JSONValue
    }

    struct ColumnKey: Hashable {
        var entry: Int
        var column: String
    }

    private(set) var resources: [Resource] = []
    private(set) var positions: [String: Int] = [:]
    /// Parents from `depends_on.nodes`, as positions.
    private(set) var parents: [[Int]] = []
    private(set) var children: [[Int]] = []
    /// The tests on an entry: generic tests on their `attached_node`, singular tests on every node they read.
    private(set) var tests: [Int: [Int]] = [:]
    /// Generic tests by the column they check (lower-cased, as dbt matches catalog columns).
    private(set) var columnTests: [ColumnKey: [Int]] = [:]

    init(manifest: JSONValue) {
        // Hooks are operations, not documentation.
        for (id, json) in Self.sorted(manifest["nodes"])
        where json["resource_type"]?.stringValue != "operation" {
            append(id, json)
        }
        for key in ["sources", "exposures", "semantic_models", "metrics", "saved_queries", "macros"] {
            for (id, json) in Self.sorted(manifest[key]) { append(id, json) }
        }
        parents = resources.map { resource in
            (resource.json["depends_on"]?["nodes"]?.stringList ?? []).compactMap { positions[$0] }
        }
        children = Array(repeating: [], count: resources.count)
        for (child, list) in parents.enumerated() {
            for parent in list { children[parent].append(child) }
        }
        for (position, resource) in resources.enumerated()
        where resource.json["resource_type"]?.stringValue == "test" {
            attachTest(position, resource.json)
        }
    }

    private static func sorted(_ map: JSONValue?) -> [(String, JSONValue)] {
        guard let object = map?.objectValue else { return [] }
        return object.map { ($0.key, $0.value) }.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }

    private mutating func append(_ id: String, _ json: JSONValue) {
        guard positions[id] == nil else { return }
        positions[id] = resources.count
        resources.append(Resource(id: id, json: json))
    }

    private mutating func attachTest(_ position: Int, _ json: JSONValue) {
        if let attached = json["attached_node"]?.text.flatMap({ positions[$0] }) {
            tests[attached, default: []].append(position)
            if let column = json["column_name"]?.text {
                columnTests[ColumnKey(entry: attached, column: column.lowercased()), default: []].append(
                    position)
            }
        } else {
            for parent in parents[position] { tests[parent, default: []].append(position) }
        }
    }

    func position(of id: String) -> Int? { positions[id] }
}
