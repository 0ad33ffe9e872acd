import Artifacts
import Parallelism

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

    init(manifest: JSONValue, catalog: JSONValue?, runResults: JSONValue?, freshness: JSONValue? = nil) {
        let index = EntryIndex(manifest: manifest)
        // Built a chunk at a time on all cores, each chunk with strings of its own, then
        // renumbered into one table in chunk order: the same table, and the same entries, as
        // one pass in order would give.
        let chunks = stride(from: 0, to: index.resources.count, by: Self.chunkSize).map { start in
            start..<min(start + Self.chunkSize, index.resources.count)
        }
        let built = chunks.concurrentMap(minimumCount: 2) { positions in
            var strings = StringTable()
            let entries = positions.map { position in
                EntryBuilder(
                    index: index, position: position, json: index.resources[position].json, catalog: catalog
                ).build(strings: &strings)
            }
            return (entries, strings.values)
        }
        var strings = StringTable()
        var entries: [(entry: JSONObject, details: JSONObject)] = []
        entries.reserveCapacity(index.resources.count)
        for (chunkEntries, chunkStrings) in built {
            let renumbering = chunkStrings.map { strings.position(of: $0) }
            for (entry, details) in chunkEntries {
                entries.append((EntryBuilder.renumberingStrings(entry, renumbering), details))
            }
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
        document["freshness"] = freshness.map { Self.freshnessSummary($0, index: index) } ?? .null
        data = .object(document)
        details = chunks.map { positions in .array(entries[positions].map { JSONValue.object($0.details) }) }
    }

    /// The last `source freshness` (sources.json): when it ran and, per source, its status, newest
    /// load time, age at the check in seconds, and why a check could not be made.
    static func freshnessSummary(_ sources: JSONValue, index: EntryIndex) -> JSONValue {
        var summary = JSONObject()
        summary["generated_at"] = sources["metadata"]?["generated_at"] ?? .null
        summary["results"] = .array(
            (sources["results"]?.arrayValue ?? []).compactMap { result in
                guard let id = result["unique_id"]?.stringValue, let position = index.position(of: id) else { return nil }
                var item: JSONObject = ["entry": .int(position), "status": result["status"] ?? .null]
                for key in ["max_loaded_at", "max_loaded_at_time_ago_in_s"] where result[key] != nil { item[key] = result[key] }
                if let error = result["error"]?.text { item["error"] = .string(String(error.prefix(2000))) }
                return .object(item)
            })
        return .object(summary)
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
