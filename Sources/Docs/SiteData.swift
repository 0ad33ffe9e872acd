import Artifacts

/// The JSON the site reads: `data.js` holds what every page, the search, the tree and the
/// lineage need (names, descriptions, columns, edges as indices); the SQL and configs go to
/// `details/<n>.js` chunks of `chunkSize` entries, loaded when a page shows them. A browser
/// parses a few megabytes at 10,000 models instead of dbt's whole manifest.
struct SiteData {
    static let chunkSize = 200

    /// `data.js`'s document.
    var data: JSONValue
    /// One document per chunk: an array of the details of entries `n * chunkSize ..< (n + 1) * chunkSize`.
    var details: [JSONValue]

    init(manifest: JSONValue, catalog: JSONValue?, runResults: JSONValue?) {
        let index = EntryIndex(manifest: manifest)
        var strings = StringTable()
        let entries = index.resources.indices.map { position in
            EntryBuilder(
                index: index, position: position, json: index.resources[position].json, catalog: catalog
            ).build(strings: &strings)
        }
        var project = JSONObject()
        let metadata = manifest["metadata"]
        let projectName = metadata?["project_name"]?.text ?? ""
        project["name"] = .string(projectName)
        project["adapter"] = metadata?["adapter_type"] ?? .null
        project["dbt_version"] = metadata?["dbt_version"] ?? .null
        project["generated_at"] = metadata?["generated_at"] ?? .null
        project["catalog_generated_at"] = catalog?["metadata"]?["generated_at"] ?? .null
        var document: JSONObject = [
            "version": 1,
            "chunk_size": .int(Self.chunkSize),
            "project": .object(project),
        ]
        let overview = manifest["docs"]?["doc.\(projectName).__overview__"]?["block_contents"]?.text
        document["overview"] = .string(overview)
        document["strings"] = .strings(strings.values)
        document["entries"] = .array(entries.map { JSONValue.object($0.entry) })
        document["run"] = runResults.map { RunSummary(runResults: $0, index: index).json } ?? .null
        data = .object(document)
        details = stride(from: 0, to: entries.count, by: Self.chunkSize).map { start in
            .array(
                entries[start..<min(start + Self.chunkSize, entries.count)].map {
                    JSONValue.object($0.details)
                })
        }
    }

    /// `data.js`: the document assigned to a global, so that a `<script>` tag loads it from
    /// `file://` too (where `fetch` is refused).
    var dataScript: [UInt8] {
        Array("window.WEIR_DOCS = ".utf8) + data.serializedBytes() + Array(";\n".utf8)
    }

    /// `details/<n>.js`: a call the site's script answers.
    func detailsScript(_ chunk: Int) -> [UInt8] {
        Array("weirDocsDetails(\(chunk), ".utf8) + details[chunk].serializedBytes() + Array(");\n".utf8)
    }
}
