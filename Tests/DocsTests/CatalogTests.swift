import Artifacts
import Foundation
import Testing

@Suite("catalog.json")
struct CatalogTests {
    @Test("the example project's catalog on SQLite validates and lists every model with its columns")
    func exampleCatalog() throws {
        let docs = try ExampleDocs()
        defer { docs.remove() }
        let bytes = try docs.bytes("target/catalog.json")
        let validation = try validateArtifact(bytes, schema: "catalog-v1.json")
        #expect(validation.valid, "\(validation.report)")

        let catalog = try JSONValue(parsing: bytes)
        let nodes = try #require(catalog["nodes"]?.objectValue)
        #expect(catalog["errors"] == .null)
        #expect(catalog["sources"]?.objectValue?.isEmpty == true)
        let built = docs.parsed.manifest.nodes.values.filter {
            [.model, .seed, .snapshot].contains($0.resourceType) && !$0.isEphemeral && $0.isEnabled
        }
        #expect(!built.isEmpty)
        #expect(Set(nodes.keys) == Set(built.map(\.uniqueID)))
        #expect(docs.outcome.missingRelations.isEmpty)
        for node in built where node.resourceType == .model {
            let table = try #require(nodes[node.uniqueID], "\(node.uniqueID) is not in the catalog")
            #expect(table["metadata"]?["name"]?.stringValue == node.alias)
            #expect(table["metadata"]?["schema"]?.stringValue == node.schema)
            #expect(table["unique_id"]?.stringValue == node.uniqueID)
            let columns = try #require(table["columns"]?.objectValue)
            #expect(!columns.isEmpty, "\(node.uniqueID) has no columns")
            for declared in node.columns {
                #expect(
                    columns[declared.name] != nil, "\(node.uniqueID).\(declared.name) is not in the catalog")
            }
            let indices = columns.map { $0.value["index"] }
            #expect(indices == (1...columns.count).map { JSONValue.int($0) })
        }
        let session = try #require(nodes["model.music_streaming.sessions"])
        #expect(session["metadata"]?["type"]?.stringValue == "table")
        let staging = try #require(nodes["model.music_streaming.stg_users"])
        #expect(staging["metadata"]?["type"]?.stringValue == "view")
        #expect(staging["stats"]?["has_stats"]?["value"] == .bool(false))
    }

    @Test("relations that were never built are left out, as dbt leaves them out")
    func emptyWarehouse() throws {
        let docs = try ExampleDocs(build: false)
        defer { docs.remove() }
        let catalog = try docs.json("target/catalog.json")
        #expect(catalog["nodes"]?.objectValue?.isEmpty == true)
        #expect(docs.outcome.missingRelations.contains("model.music_streaming.sessions"))
        let validation = try validateArtifact(
            try docs.bytes("target/catalog.json"), schema: "catalog-v1.json")
        #expect(validation.valid, "\(validation.report)")
    }

    @Test("an unreadable run_results.json costs the last run's panel and warns W1502, nothing else")
    func unreadableRunResults() throws {
        let docs = try ExampleDocs(build: false) {}
        defer { docs.remove() }
        #expect(docs.outcome.includesLastRun == false && docs.outcome.warnings.isEmpty)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: docs.directory + "/target/run_results.json"))
        let outcome = try docs.workspace.generateDocs(in: docs.parsed)
        #expect(outcome.includesLastRun == false)
        #expect(outcome.warnings.map(\.code) == ["W1502"])
        #expect(outcome.warnings.first?.message.contains("run_results.json") == true)
        #expect(try docs.scriptJSON("target/docs/data.js")["run"] == JSONValue.null)
    }

    @Test("the writer orders relations by schema and name, columns by index, and ends stats with has_stats")
    func writerShape() throws {
        let metadata = ArtifactMetadata(
            dbtVersion: "1.11.0", generatedAt: Date(timeIntervalSince1970: 1_700_000_000), invocationID: "id")
        let tables = [
            CatalogTable(
                uniqueID: "model.p.b", type: "BASE TABLE", database: "db", schema: "s", name: "b",
                owner: "weir",
                columns: [
                    .init(name: "y", type: "text", index: 2, comment: "why"),
                    .init(name: "x", type: "integer", index: 1),
                ],
                stats: [.init(id: "row_count", label: "Row Count", value: 12, description: "rows")]),
            CatalogTable(uniqueID: "model.p.a", type: "VIEW", database: "db", schema: "s", name: "a"),
        ]
        let document = CatalogWriter(metadata: metadata).document(nodes: tables, sources: [])
        #expect(document["nodes"]?.objectValue?.keys == ["model.p.a", "model.p.b"])
        let b = try #require(document["nodes"]?["model.p.b"])
        #expect(b["columns"]?.objectValue?.keys == ["x", "y"])
        #expect(b["stats"]?.objectValue?.keys == ["row_count", "has_stats"])
        #expect(b["stats"]?["has_stats"]?["value"] == .bool(true))
        #expect(b["stats"]?["row_count"]?["include"] == .bool(true))
        let validation = try validateArtifact(document.serializedBytes(), schema: "catalog-v1.json")
        #expect(validation.valid, "\(validation.report)")
    }
}
