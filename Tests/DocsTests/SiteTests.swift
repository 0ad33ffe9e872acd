import Artifacts
import Docs
import Foundation
import Testing

@Suite("the documentation site")
struct SiteTests {
    @Test(
        "the example project's site: its files, data.js with every model, chunks with compiled SQL, the last run"
    )
    func exampleSite() throws {
        let docs = try ExampleDocs()
        defer { docs.remove() }
        #expect(docs.outcome.siteDirectory.hasSuffix("target/docs"))
        for file in ["index.html", "weir-docs.css", "weir-docs.js", "data.js", "details/0.js"] {
            #expect(
                FileManager.default.fileExists(atPath: docs.directory + "/target/docs/" + file),
                "\(file) is missing")
        }
        let html = String(decoding: try docs.bytes("target/docs/index.html"), as: UTF8.self)
        for reference in ["weir-docs.css", "weir-docs.js", "data.js"] {
            #expect(html.contains("\"\(reference)\""))
        }
        #expect(
            !html.contains("http://") && !html.contains("https://"), "the page must not reach the network")

        let data = try docs.scriptJSON("target/docs/data.js")
        let entries = try #require(data["entries"]?.arrayValue)
        let byID = Dictionary(
            entries.compactMap { entry in entry["id"]?.stringValue.map { ($0, entry) } },
            uniquingKeysWith: { a, _ in a })
        for node in docs.parsed.manifest.nodes.values where node.resourceType == .model {
            let entry = try #require(byID[node.uniqueID], "\(node.uniqueID) is not in data.js")
            // The type, package and name come from the id (model.<package>.<name>).
            #expect(entry["name"] == nil && entry["type"] == nil && entry["package"] == nil)
        }
        #expect(data["project"]?["name"]?.stringValue == "music_streaming")
        #expect(data["overview"]?.stringValue?.isEmpty == false)
        // data.js is the index, not the manifest: no SQL in it.
        #expect(!String(decoding: try docs.bytes("target/docs/data.js"), as: UTF8.self).contains("raw_code"))

        let sessions = try #require(byID["model.music_streaming.sessions"])
        let columns = try #require(sessions["columns"]?.arrayValue)
        // [name, type, description (a position in strings), tests]
        let strings = try #require(data["strings"]?.arrayValue)
        let sessionID = try #require(columns.first { $0.arrayValue?.first == "session_id" }?.arrayValue)
        #expect(sessionID.count == 4)
        guard case .int(let description) = sessionID[2] else {
            Issue.record("session_id's description is \(sessionID[2])")
            return
        }
        #expect(strings[description] == "Primary key.")
        #expect(sessionID[3].arrayValue?.isEmpty == false)
        #expect(sessions["catalog"]?["type"]?.stringValue == "table")
        #expect(sessions["parents"]?.arrayValue?.isEmpty == false)

        let index = try #require(
            entries.firstIndex { $0["id"]?.stringValue == "model.music_streaming.sessions" })
        let chunkSize = try #require(
            data["chunk_size"].flatMap { if case .int(let n) = $0 { return n } else { return nil } })
        let chunk = try docs.scriptJSON("target/docs/details/\(index / chunkSize).js")
        let details = try #require(chunk.arrayValue?[index % chunkSize])
        #expect(details["compiled"]?.stringValue?.lowercased().contains("select") == true)
        #expect(details["raw"]?.stringValue?.contains("ref(") == true)

        let run = try #require(data["run"]?.objectValue)
        #expect(run["command"] == .string("build"))
        let results = try #require(run["results"]?.arrayValue)
        #expect(
            results.count
                == docs.parsed.manifest.nodes.values.filter {
                    [.model, .seed, .snapshot, .test].contains($0.resourceType) && !$0.isEphemeral
                }.count + docs.parsed.manifest.unitTests.count)
        #expect(results.allSatisfy { $0["start"] != nil && $0["duration"] != nil })
    }

    @Test("docs generate writes the manifest writeManifest writes")
    func sameManifest() throws {
        let docs = try ExampleDocs()
        defer { docs.remove() }
        // Both are stamped with the moment they were written (generated_at, every created_at).
        func withoutTime(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let object):
                var result = JSONObject()
                for (key, member) in object where key != "generated_at" && key != "created_at" {
                    result[key] = withoutTime(member)
                }
                return .object(result)
            case .array(let items): return .array(items.map(withoutTime))
            default: return value
            }
        }
        let fromDocs = try docs.json("target/manifest.json")
        try docs.workspace.writeManifest(docs.parsed)
        let fromWriter = try docs.json("target/manifest.json")
        #expect(withoutTime(fromDocs) == withoutTime(fromWriter))
        #expect(
            fromDocs["nodes"]?["model.music_streaming.sessions"]?["compiled_code"]?.stringValue?.isEmpty
                == false)
    }

    @Test(
        "the script is valid JavaScript, and its Markdown, search and lineage work",
        .enabled(if: hasProgram("node")))
    func scriptInNode() throws {
        let docs = try ExampleDocs()
        defer { docs.remove() }
        let site = docs.directory + "/target/docs"
        #expect(try runProcess(["node", "--check", site + "/weir-docs.js"]).status == 0)
        let probe = """
            global.window = {}; global.location = { hash: "" };
            require(process.argv[1] + "/data.js"); require(process.argv[1] + "/weir-docs.js");
            const w = window.weirDocs, out = [];
            out.push(w.renderMarkdown("<script>alert(1)</script> *em* [x](javascript:alert(1)) [y](https://e.com)"));
            out.push(w.search("session_id", 3).map(h => h.entry.name + ":" + (h.column || "")).join(","));
            out.push(w.search("sessions", 1).map(h => h.entry.id).join(","));
            const center = w.entries.find(e => e.id === "model.music_streaming.sessions");
            const graph = w.lineageGraph(center, 1, 1, false);
            out.push(graph.nodes.length + " " + w.lineageLayout(graph, center).coordinates.size);
            const parsed = w.parseLineageSelector("2+sessions+");
            out.push(parsed.entry.id + " " + parsed.up + " " + parsed.down);
            console.log(out.join("\\n"));
            """
        let result = try runProcess(["node", "-e", probe, site])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        try #require(lines.count == 5, "\(result.output)")
        #expect(lines[0].contains("&lt;script&gt;") && !lines[0].contains("<script>"))
        #expect(
            lines[0].contains("<em>em</em>") && !lines[0].contains("javascript:")
                && lines[0].contains("href=\"https://e.com\""))
        #expect(lines[1].hasPrefix("sessions:session_id"))
        #expect(lines[2] == "model.music_streaming.sessions")
        let counts = lines[3].split(separator: " ")
        #expect(counts.count == 2 && counts[0] == counts[1] && (Int(counts[0]) ?? 0) > 2)
        #expect(lines[4] == "model.music_streaming.sessions 2 99")
    }

    @Test("sources, exposures, catalog columns, declared columns the warehouse lacks, run timings and freshness")
    func handMadeArtifacts() throws {
        let manifest: JSONValue = [
            "metadata": [
                "project_name": "p", "adapter_type": "postgres",
                "generated_at": "2024-06-10T15:39:22.035617Z",
            ],
            "nodes": [
                "model.p.orders": [
                    "resource_type": "model", "name": "orders", "package_name": "p",
                    "original_file_path": "models/orders.sql",
                    "description": "Orders.", "relation_name": "\"db\".\"s\".\"orders\"",
                    "raw_code": "select * from {{ source('shop', 'raw_orders') }}",
                    "config": ["materialized": "table", "enabled": true, "alias": nil, "tags": []],
                    "columns": [
                        "ID": ["name": "ID", "description": "Key."],
                        "gone": ["name": "gone", "description": "Dropped.", "data_type": "int"],
                    ],
                    "depends_on": ["nodes": ["source.p.shop.raw_orders"], "macros": []],
                ],
                "test.p.unique_orders_id": [
                    "resource_type": "test", "name": "unique_orders_id", "package_name": "p",
                    "attached_node": "model.p.orders", "original_file_path": "models/orders.yml",
                    "column_name": "ID", "test_metadata": ["name": "unique", "kwargs": [:]],
                    "depends_on": ["nodes": ["model.p.orders"]],
                ],
                "operation.p.p-on-run-start-0": [
                    "resource_type": "operation", "name": "p-on-run-start-0", "package_name": "p",
                ],
            ],
            "sources": [
                "source.p.shop.raw_orders": [
                    "resource_type": "source", "name": "raw_orders", "source_name": "shop",
                    "package_name": "p",
                    "source_description": "The shop's database.", "loader": "fivetran",
                    "freshness": ["warn_after": ["count": 1, "period": "day"]],
                ]
            ],
            "exposures": [
                "exposure.p.board": [
                    "resource_type": "exposure", "name": "board", "package_name": "p", "type": "dashboard",
                    "owner": ["name": "Ann", "email": "ann@example.com"], "url": "https://bi.example.com",
                    "depends_on": ["nodes": ["model.p.orders"]],
                ]
            ],
            "macros": [:],
            "docs": ["doc.p.__overview__": ["block_contents": "# Welcome"]],
        ]
        let catalog: JSONValue = [
            "metadata": ["generated_at": "2024-06-10T15:40:00Z"],
            "nodes": [
                "model.p.orders": [
                    "metadata": ["type": "BASE TABLE", "schema": "s", "name": "orders", "owner": "weir"],
                    "columns": [
                        "amount": [
                            "type": "numeric", "index": 2, "name": "amount", "comment": "From the warehouse.",
                        ],
                        "id": ["type": "integer", "index": 1, "name": "id"],
                    ],
                    "stats": [
                        "row_count": ["id": "row_count", "label": "Row Count", "value": 3, "include": true],
                        "has_stats": [
                            "id": "has_stats", "label": "Has Stats?", "value": true, "include": false,
                        ],
                    ],
                ]
            ],
            "sources": [:],
        ]
        let runResults: JSONValue = [
            "metadata": ["generated_at": "2024-06-10T15:41:00Z"],
            "args": ["which": "build", "threads": 2],
            "elapsed_time": 1.5,
            "results": [
                [
                    "unique_id": "model.p.orders", "status": "success", "thread_id": "Thread-1",
                    "execution_time": 1.0,
                    "timing": [
                        [
                            "name": "compile", "started_at": "2024-06-10T15:40:59.500000Z",
                            "completed_at": "2024-06-10T15:40:59.600000Z",
                        ],
                        [
                            "name": "execute", "started_at": "2024-06-10T15:40:59.600000Z",
                            "completed_at": "2024-06-10T15:41:00.500000Z",
                        ],
                    ],
                ],
                [
                    "unique_id": "test.p.unique_orders_id", "status": "fail", "thread_id": "Thread-2",
                    "failures": 2,
                    "message": "Got 2 results",
                    "timing": [
                        [
                            "name": "execute", "started_at": "2024-06-10T15:41:00.500000Z",
                            "completed_at": "2024-06-10T15:41:00.750000Z",
                        ]
                    ],
                ],
                ["unique_id": "model.p.elsewhere", "status": "skipped", "timing": []],
            ],
        ]
        let freshness: JSONValue = [
            "metadata": ["generated_at": "2024-06-10T16:00:00.123456Z"],
            "results": [
                [
                    "unique_id": "source.p.shop.raw_orders", "max_loaded_at": "2024-06-09T16:00:00+00:00",
                    "snapshotted_at": "2024-06-10T16:00:00+00:00", "max_loaded_at_time_ago_in_s": 86400.0, "status": "warn",
                ],
                ["unique_id": "source.p.shop.gone", "error": "relation does not exist", "status": "runtime error"],
            ],
        ]
        let files = DocsSite(manifest: manifest, catalog: catalog, runResults: runResults, freshness: freshness).files()
        #expect(
            files.map(\.path) == ["index.html", "weir-docs.css", "weir-docs.js", "data.js", "details/0.js"])
        let dataFile = try #require(files.first { $0.path == "data.js" })
        var text = String(decoding: dataFile.contents, as: UTF8.self)
        text = String(text.dropFirst("window.WEIR_DOCS = ".count)).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let data = try JSONValue(parsing: Array(text.dropLast().utf8))
        let entries = try #require(data["entries"]?.arrayValue)
        #expect(
            entries.map { $0["id"]?.stringValue ?? "" } == [
                "model.p.orders", "test.p.unique_orders_id", "source.p.shop.raw_orders", "exposure.p.board",
            ])
        let orders = entries[0]
        let columns = try #require(orders["columns"])
        #expect(data["strings"] == ["Key.", "From the warehouse.", "Dropped.", "models/orders.yml"])
        #expect(
            columns == [
                ["id", "integer", 0, [1]], ["amount", "numeric", 1],
                ["gone", "int", 2, nil, ["missing": true]],
            ])
        #expect(orders["parents"] == [2] && orders["children"] == [1, 3] && orders["tests"] == [1])
        #expect(orders["catalog"] == ["type": "BASE TABLE", "owner": "weir", "stats": [["Row Count", 3]]])
        #expect(orders["name"] == nil && orders["type"] == nil && orders["package"] == nil)
        #expect(entries[2]["name"] == nil, "source.p.shop.raw_orders gives shop.raw_orders")
        #expect(entries[1]["path"] == 3, "a test's properties file is a shared string")
        #expect(entries[2]["source"]?["loader"] == "fivetran")
        #expect(entries[3]["exposure"]?["owner"] == "Ann <ann@example.com>")
        #expect(entries[1]["test"] == ["name": "unique", "column": "ID", "attached": 0])
        #expect(data["overview"] == "# Welcome")
        let results = try #require(data["run"]?["results"]?.arrayValue)
        #expect(results[0]["start"] == .double(0) && results[0]["duration"] == .double(1000))
        #expect(
            results[1]["start"] == .double(1000) && results[1]["duration"] == .double(250)
                && results[1]["failures"] == 2)
        #expect(results[2]["id"] == "model.p.elsewhere" && results[2]["entry"] == nil)
        // The last freshness check, by entry (a source the project no longer has left out).
        #expect(
            data["freshness"] == [
                "generated_at": "2024-06-10T16:00:00.123456Z",
                "results": [
                    ["entry": 2, "status": "warn", "max_loaded_at": "2024-06-09T16:00:00+00:00", "max_loaded_at_time_ago_in_s": 86400.0]
                ],
            ])
        let details = try #require(files.first { $0.path == "details/0.js" })
        let detailsText = String(decoding: details.contents, as: UTF8.self)
        #expect(detailsText.hasPrefix("weirDocsDetails(0, [") && detailsText.contains("warn_after"))
        #expect(!detailsText.contains("\"alias\": null"), "blank config values are left out")
    }

    @Test("shared strings across many details chunks: one table, in first-use order, every position pointing at its string")
    func stringsAcrossChunks() throws {
        // 900 models (five chunks of 200 entries, built apart) whose column descriptions and
        // tests' properties files repeat across chunks.
        var nodes = JSONObject()
        for number in 0..<900 {
            let name = "m\(String(format: "%03d", number))"
            nodes["model.p.\(name)"] = [
                "resource_type": "model", "name": .string(name), "package_name": "p",
                "original_file_path": .string("models/\(name).sql"),
                "columns": [
                    "id": ["name": "id", "description": .string("Key \(number % 7).")],
                    "note": ["name": "note", "description": .string("Note \(number % 450).")],
                ],
            ]
            nodes["test.p.not_null_\(name)_id"] = [
                "resource_type": "test", "name": .string("not_null_\(name)_id"), "package_name": "p",
                "attached_node": .string("model.p.\(name)"), "column_name": "id",
                "original_file_path": .string("models/schema_\(number % 3).yml"),
            ]
        }
        let manifest: JSONValue = ["metadata": ["project_name": "p"], "nodes": .object(nodes)]
        let files = DocsSite(manifest: manifest).files()
        #expect(files.filter { $0.path.hasPrefix("details/") }.count == 9)
        let dataFile = try #require(files.first { $0.path == "data.js" })
        let text = String(decoding: dataFile.contents, as: UTF8.self)
        let json = text.dropFirst("window.WEIR_DOCS = ".count).dropLast(2)
        let data = try JSONValue(parsing: Array(json.utf8))
        let strings = try #require(data["strings"]?.arrayValue).compactMap(\.stringValue)
        let entries = try #require(data["entries"]?.arrayValue)
        // What one pass over the entries in order interns, and nothing twice.
        var expected: [String] = []
        func use(_ string: String) { if !expected.contains(string) { expected.append(string) } }
        for entry in entries {
            let id = entry["id"]?.stringValue ?? ""
            guard case .object(let node)? = nodes[id] else { continue }
            if id.hasPrefix("test.") {
                let path = node["original_file_path"]?.stringValue ?? ""
                use(path)
                #expect(entry["path"].flatMap { if case .int(let at) = $0 { strings[at] } else { nil } } == path)
            } else {
                for (offset, name) in ["id", "note"].enumerated() {
                    let description = node["columns"]?[name]?["description"]?.stringValue ?? ""
                    use(description)
                    let column = entry["columns"]?.arrayValue?[offset].arrayValue
                    #expect(column.flatMap { if case .int(let at) = $0[2] { strings[at] } else { nil } } == description)
                }
            }
        }
        #expect(strings == expected)
        #expect(strings.count == 7 + 450 + 3)
    }

    @Test("timestamps as dbt writes them")
    func timestamps() throws {
        let manifest: JSONValue = ["metadata": ["project_name": "p"], "nodes": [:]]
        let run: JSONValue = [
            "results": [
                [
                    "unique_id": "a", "status": "success",
                    "timing": [
                        ["started_at": "1970-01-01T00:00:00Z", "completed_at": "2000-02-29T12:00:00.5+00:00"]
                    ],
                ]
            ]
        ]
        let site = DocsSite(manifest: manifest, runResults: run).files()
        let data = String(decoding: try #require(site.first { $0.path == "data.js" }).contents, as: UTF8.self)
        // 2000-02-29T12:00:00.5Z is 951825600.5 s after the epoch.
        #expect(data.contains("\"duration\": 951825600500.0"))
    }
}
