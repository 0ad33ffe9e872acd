import Artifacts
import Docs
import Foundation
import Testing

/// The example project's site in headless Chromium, used as a reader would: search, open a
/// model, read its columns and compiled SQL, follow its lineage, look at the last run. Chromium
/// is required: without it these tests fail (CI installs it, see `.ci/run`), they never skip.
@Suite("the documentation site in a browser")
struct BrowserTests {
    static let model = "model.music_streaming.sessions"

    @Test(
        "search, a model's page (columns, compiled SQL), its lineage and the run timeline, without console errors"
    )
    func readerJourney() throws {
        let docs = try ExampleDocs()
        defer { docs.remove() }
        let manifest = try docs.json("target/manifest.json")
        let catalog = try docs.json("target/catalog.json")
        let runResults = try docs.json("target/run_results.json")
        let screenshots = try HeadlessChromium.screenshotDirectory()
        print("docs browser test: screenshots in \(screenshots.path)")
        let index = URL(fileURLWithPath: docs.directory + "/target/docs/index.html")
        let ids =
            "function (selector) { return Array.from(document.querySelectorAll(selector)).map(function (g) { return window.weirDocs.entries[Number(g.getAttribute('data-index'))].id; }); }"

        let report = try HeadlessChromium.run([
            .navigate(index),
            .waitFor(
                "document.querySelector('#main h1') && document.querySelector('#sidebar .tree-folder') && document.title",
                label: "overview"),
            .screenshot(screenshots.appendingPathComponent("overview.png")),
            .click(selector: "#search"),
            .type("sessions"),
            .waitFor(
                "(function (hits) { return hits.length && hits.map(function (hit) { return hit.textContent; }); })(Array.from(document.querySelectorAll('#search-results a.hit .hit-name')))",
                label: "hits"),
            .screenshot(screenshots.appendingPathComponent("search.png")),
            // Enter opens the first hit.
            .key("Enter"),
            .waitFor(
                """
                location.hash === '#/node/\(Self.model)' && document.querySelector('#node-details pre.code') && {
                  title: document.querySelector('#main h1').textContent,
                  columns: Array.from(document.querySelectorAll('table.columns tbody tr')).map(function (row) {
                    return Array.from(row.cells).slice(0, 3).map(function (cell) { return cell.textContent.trim(); });
                  }),
                  tab: document.querySelector('#node-details .tabs .tab.active').textContent,
                  compiled: document.querySelector('#node-details pre.code:not([hidden])').textContent,
                  mini: (\(ids))('#mini-lineage .lnode')
                }
                """, label: "model"),
            .screenshot(screenshots.appendingPathComponent("model.png")),
            .click(selector: ".page-head a.button"),
            .waitFor(
                """
                location.hash.indexOf('#/lineage/') === 0 && document.querySelector('#lineage .lnode') && {
                  nodes: (\(ids))('#lineage .lnode'),
                  center: (\(ids))('#lineage .lnode-center'),
                  edges: document.querySelectorAll('#lineage path.edge').length,
                  crossings: (\(Self.crossings))('#lineage')
                }
                """, label: "lineage"),
            .screenshot(screenshots.appendingPathComponent("lineage.png")),
            .click(selector: ".topnav a[data-route=run]"),
            .waitFor(
                """
                document.querySelector('svg.timeline rect.bar') && {
                  bars: Array.from(document.querySelectorAll('svg.timeline a')).map(function (link) { return decodeURIComponent(link.getAttribute('href')); }),
                  threads: Array.from(document.querySelectorAll('svg.timeline .thread-label')).map(function (label) { return label.textContent; })
                }
                """, label: "run"),
            .screenshot(screenshots.appendingPathComponent("run.png")),
        ])
        try #require(report.failure == nil, "the browser: \(report.failure ?? "")")
        #expect(report.errors.isEmpty, "console errors or uncaught exceptions: \(report.errors)")
        #expect(report.values["overview"]?.stringValue?.hasPrefix("music_streaming") == true)

        // Search: the model is the first hit.
        let hits = report.values["hits"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(hits.first == "sessions", "\(hits)")

        // The model's page: every column of the catalog with its type and of the properties with
        // their descriptions; the compiled SQL, as the manifest has it.
        let page = try #require(report.values["model"])
        #expect(page["title"] == "sessions")
        let rows = try #require(page["columns"]?.arrayValue).compactMap {
            $0.arrayValue?.compactMap(\.stringValue)
        }
        let shown = Dictionary(
            rows.map { ($0[0], (type: $0[1], description: $0[2])) }, uniquingKeysWith: { a, _ in a })
        let catalogColumns = try #require(catalog["nodes"]?[Self.model]?["columns"]?.objectValue)
        let declaredColumns = try #require(manifest["nodes"]?[Self.model]?["columns"]?.objectValue)
        #expect(
            Set(shown.keys) == Set(catalogColumns.map(\.key)).union(declaredColumns.map(\.key)),
            "the page shows \(shown.keys.sorted())")
        for (name, column) in catalogColumns {
            // SQLite types no computed column: the site shows the declared type then.
            let type = column["type"]?.stringValue ?? ""
            let expected = type.isEmpty ? declaredColumns[name]?["data_type"]?.stringValue ?? "" : type
            #expect(shown[name]?.type == expected, "the type of \(name)")
        }
        #expect(shown["session_id"]?.type == "INT")
        for (name, column) in declaredColumns where column["description"]?.stringValue?.isEmpty == false {
            #expect(shown[name]?.description.isEmpty == false, "the description of \(name)")
        }
        #expect(shown["session_id"]?.description == "Primary key.")
        #expect(page["tab"] == "Compiled")
        let compiled = try #require(manifest["nodes"]?[Self.model]?["compiled_code"]?.stringValue)
        #expect(page["compiled"]?.stringValue == compiled)
        #expect(
            Set(page["mini"]?.arrayValue ?? [])
                == Set(Self.neighbourhood(Self.model, depth: 1, in: manifest).map(JSONValue.string)))

        // The lineage page: the model's neighbourhood two steps up and down, tests left out.
        let lineage = try #require(report.values["lineage"])
        #expect(lineage["center"] == .array([.string(Self.model)]))
        let expected = Self.neighbourhood(Self.model, depth: 2, in: manifest)
        #expect(expected.count > 3)
        #expect(Set(lineage["nodes"]?.arrayValue?.compactMap(\.stringValue) ?? []) == expected)
        guard case .int(let edges) = lineage["edges"] else {
            Issue.record("no edges in \(lineage)")
            return
        }
        #expect(edges >= expected.count - 1)
        #expect(lineage["crossings"] == .array([]), "edges drawn through nodes")

        // The timeline: a bar for every result of run_results.json, a row for every thread; a
        // bar links to its node's page, a unit test's (which has none) to the run's.
        let run = try #require(report.values["run"])
        let results = try #require(runResults["results"]?.arrayValue)
        let bars = run["bars"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(bars.count == results.count)
        #expect(Set(bars) == Set(results.compactMap { $0["unique_id"]?.stringValue.map { $0.hasPrefix("unit_test.") ? "#/run" : "#/node/" + $0 } }))
        #expect(
            Set(run["threads"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                == Set(results.compactMap { $0["thread_id"]?.stringValue }))

        for name in ["overview", "search", "model", "lineage", "run"] {
            let size =
                try FileManager.default.attributesOfItem(
                    atPath: screenshots.appendingPathComponent("\(name).png").path)[.size] as? Int
            #expect((size ?? 0) > 1000, "\(name).png")
        }
    }

    @Test("a source's page shows its last freshness check: status, when it was last loaded, how long before the check")
    func sourceFreshness() throws {
        let manifest: JSONValue = [
            "metadata": ["project_name": "p", "adapter_type": "postgres", "generated_at": "2024-06-10T15:39:22Z"],
            "nodes": [:],
            "sources": [
                "source.p.shop.raw_orders": [
                    "resource_type": "source", "name": "raw_orders", "source_name": "shop", "package_name": "p",
                    "original_file_path": "models/sources.yml", "loaded_at_field": "loaded_at", "columns": [:],
                ]
            ],
        ]
        let freshness: JSONValue = [
            "metadata": ["generated_at": "2024-06-10T16:00:00.123456Z"],
            "results": [
                [
                    "unique_id": "source.p.shop.raw_orders", "max_loaded_at": "2024-06-09T04:00:00+00:00",
                    "max_loaded_at_time_ago_in_s": 129600.0, "status": "warn",
                ]
            ],
        ]
        let directory = try Self.write(DocsSite(manifest: manifest, freshness: freshness))
        defer { try? FileManager.default.removeItem(at: directory) }
        var page = URLComponents(url: directory.appendingPathComponent("index.html"), resolvingAgainstBaseURL: false)!
        page.fragment = "/node/source.p.shop.raw_orders"
        let report = try HeadlessChromium.run([
            .navigate(try #require(page.url)),
            .waitFor(
                """
                (function (row) { return row && row.closest('tr').querySelector('td').textContent; })(
                  Array.from(document.querySelectorAll('#main th')).find(function (th) { return th.textContent === 'Freshness'; }))
                """, label: "freshness"),
        ])
        try #require(report.failure == nil, "the browser: \(report.failure ?? "")")
        #expect(report.values["freshness"] == "warn · last loaded 2024-06-09 04:00:00 UTC, 36 hours before the check (checked 2024-06-10 16:00:00 UTC)")
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test("the semantic layer's pages: a semantic model's measures, a metric's definition, a saved query's exports")
    func semanticLayerPages() throws {
        let manifest: JSONValue = [
            "metadata": ["project_name": "p", "adapter_type": "postgres"],
            "nodes": [
                "model.p.orders": [
                    "resource_type": "model", "name": "orders", "package_name": "p", "original_file_path": "models/orders.sql",
                    "columns": [:],
                ]
            ],
            "semantic_models": [
                "semantic_model.p.orders": [
                    "resource_type": "semantic_model", "name": "orders", "package_name": "p",
                    "original_file_path": "models/semantic.yml", "model": "ref('orders')",
                    "node_relation": ["relation_name": "\"db\".\"main\".\"orders\""],
                    "measures": [["name": "order_total", "agg": "sum", "expr": "amount", "description": "Sum of amounts."]],
                    "depends_on": ["nodes": ["model.p.orders"]],
                ]
            ],
            "metrics": [
                "metric.p.revenue": [
                    "resource_type": "metric", "name": "revenue", "package_name": "p", "original_file_path": "models/semantic.yml",
                    "label": "Revenue", "type": "simple",
                    "type_params": [
                        "measure": [
                            "name": "order_total", "alias": .null,
                            "filter": ["where_filters": [["where_sql_template": "{{ Dimension('order__status') }} = 'paid'"]]],
                        ]
                    ],
                    "depends_on": ["nodes": ["semantic_model.p.orders"]],
                ]
            ],
            "saved_queries": [
                "saved_query.p.daily": [
                    "resource_type": "saved_query", "name": "daily", "package_name": "p", "original_file_path": "models/semantic.yml",
                    "query_params": ["metrics": ["revenue"], "group_by": ["TimeDimension('metric_time', 'day')"]],
                    "exports": [["name": "daily_export", "config": ["export_as": "table", "schema_name": "marts", "alias": "daily"]]],
                    "depends_on": ["nodes": ["metric.p.revenue"]],
                ]
            ],
        ]
        let directory = try Self.write(DocsSite(manifest: manifest))
        defer { try? FileManager.default.removeItem(at: directory) }
        func page(_ id: String) throws -> URL {
            var page = URLComponents(url: directory.appendingPathComponent("index.html"), resolvingAgainstBaseURL: false)!
            page.fragment = "/node/" + id
            return try #require(page.url)
        }
        /// The text of each row of the section titled `title` on the page of `name`, cells joined by " | ".
        func rows(_ title: String, of name: String) -> String {
            """
            (function (heading) {
              const page = document.querySelector('#main h1');
              if (!heading || !page || page.textContent !== '\(name)') return null;
              return Array.from(heading.closest('section, .section, div').querySelectorAll('tr'))
                .map(function (row) { return Array.from(row.children).map(function (cell) { return cell.textContent.trim(); }).join(' | '); });
            })(Array.from(document.querySelectorAll('#main h2, #main h3')).find(function (h) { return h.textContent === '\(title)'; }))
            """
        }
        let report = try HeadlessChromium.run([
            .navigate(try page("semantic_model.p.orders")), .waitFor(rows("Measures", of: "orders"), label: "measures"),
            .evaluate("location.hash = '#/node/metric.p.revenue'", label: "to the metric"),
            .waitFor(rows("Definition", of: "revenue"), label: "definition"),
            .evaluate("location.hash = '#/node/saved_query.p.daily'", label: "to the saved query"),
            .waitFor(rows("Exports", of: "daily"), label: "exports"),
        ])
        try #require(report.failure == nil, "the browser: \(report.failure ?? "")")
        #expect(report.values["measures"] == .array(["Measure | Aggregation | Expression | Description", "order_total | sum | amount | Sum of amounts."]))
        #expect(report.values["definition"] == .array(["Measure | order_total where {{ Dimension('order__status') }} = 'paid'"]))
        #expect(report.values["exports"] == .array(["Export | As | Schema | Alias", "daily_export | table | marts | daily"]))
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test("static_index.html alone shows a model's compiled SQL, from its inline details")
    func staticPageShowsDetails() throws {
        let manifest: JSONValue = [
            "metadata": ["project_name": "p", "adapter_type": "postgres"],
            "nodes": [
                "model.p.orders": [
                    "resource_type": "model", "name": "orders", "package_name": "p", "original_file_path": "models/orders.sql",
                    "columns": [:], "raw_code": "select 1 as id -- </script>", "compiled_code": "select 1 as id -- </script>",
                ]
            ],
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-docs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("static_index.html")
        try Data(DocsSite(manifest: manifest).staticPage()).write(to: file)
        var page = URLComponents(url: file, resolvingAgainstBaseURL: false)!
        page.fragment = "/node/model.p.orders"
        let report = try HeadlessChromium.run([
            .navigate(try #require(page.url)),
            .waitFor("(document.querySelector('#node-details pre.code') || {}).textContent", label: "code"),
        ])
        try #require(report.failure == nil, "the browser: \(report.failure ?? "")")
        #expect(report.values["code"]?.stringValue?.contains("select 1 as id -- </script>") == true)
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test("without Chromium the driver fails with a clear message (these tests fail, never skip)")
    func missingChromium() throws {
        let result = try runProcess([
            "env", "WEIR_CHROMIUM=/nonexistent/chromium", "python3", HeadlessChromium.script.path,
        ])
        #expect(result.status == 2)
        #expect(result.output.contains("Chromium was not found"))
    }

    /// The site's files written to a new temporary directory.
    static func write(_ site: DocsSite) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-docs-\(UUID().uuidString)")
        for file in site.files() {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents).write(to: url)
        }
        return directory
    }

    /// A script that lists the edges of a lineage graph that run through a node other than their
    /// ends (points of each path, every 4 units, against each node's box less a margin).
    static let crossings = """
        function (container) {
          const boxes = Array.from(document.querySelectorAll(container + ' .lnode')).map(function (node) {
            const at = /translate\\(([-\\d.]+),([-\\d.]+)\\)/.exec(node.getAttribute('transform'));
            const rect = node.querySelector('rect');
            return { name: node.querySelector('text').textContent, x: Number(at[1]), y: Number(at[2]), width: Number(rect.getAttribute('width')), height: Number(rect.getAttribute('height')) };
          });
          const found = [];
          document.querySelectorAll(container + ' path.edge').forEach(function (path, number) {
            const length = path.getTotalLength();
            for (let at = 0; at <= length; at += 4) {
              const point = path.getPointAtLength(at);
              const hit = boxes.find(function (box) {
                return point.x > box.x + 3 && point.x < box.x + box.width - 3 && point.y > box.y + 3 && point.y < box.y + box.height - 3;
              });
              if (hit) { found.push('edge ' + number + ' through ' + hit.name); break; }
            }
          });
          return found;
        }
        """

    /// The ids within `depth` steps up and down of `id` in the manifest's parent and child maps,
    /// through everything but tests (which the lineage leaves out unless asked).
    static func neighbourhood(_ id: String, depth: Int, in manifest: JSONValue) -> Set<String> {
        var members: Set<String> = [id]
        for map in ["parent_map", "child_map"] {
            var frontier = [id]
            for _ in 0..<depth {
                frontier = frontier.flatMap {
                    manifest[map]?[$0]?.arrayValue?.compactMap(\.stringValue) ?? []
                }
                .filter { !$0.hasPrefix("test.") && !$0.hasPrefix("unit_test.") && !members.contains($0) }
                members.formUnion(frontier)
            }
        }
        return members
    }
}
