import Diagnostics
import Foundation
import Selection
import Testing
import Workspace

/// Weir compiles our fixture projects to the very bytes dbt-core 1.11 (dbt-postgres) produced
/// for them (`Scripts/generate_dbt_fixtures.py` regenerates the expected outputs).
@Suite struct CompileConformanceTests {
    static let projects = [
        "basics", "custom_schema", "disabled_targets", "dispatch_and_packages", "empty_flag", "installed_packages",
        "jinja_context", "quoting", "semantic_layer", "unit_tests",
    ]

    /// Files Weir knowingly compiles differently, with the reason; each must still differ, so the
    /// list cannot go stale.
    static let knownDifferences: [String: String] = [
        // `dbt.date_spine` runs a query while compiling; offline, Weir's `load_result` has no rows.
        "dispatch_and_packages/models/cross_db/date_spine_january.sql": "needs a warehouse connection (issue 4)",
    ]

    @Test(arguments: projects)
    func compiledSQLEqualsDbt(_ name: String) throws {
        let fixture = try FixtureProject(name)
        try fixture.workspace().compileEverything()
        let expected = fixture.expectedCompiledFiles()
        #expect(!expected.isEmpty)
        for relative in expected {
            let weir = fixture.weirCompiled(relative)
            #expect(weir != nil, "Weir did not write \(relative)")
            if let weir {
                let dbt = try fixture.expectedCompiled(relative)
                if let reason = Self.knownDifferences[relative] {
                    #expect(weir != dbt, "\(relative) now equals dbt's: remove it from knownDifferences (\(reason))")
                } else {
                    #expect(weir == dbt, "\(relative) differs from dbt's")
                }
            }
        }
    }

    /// Manifest fields Weir knowingly writes differently, as `<project>/<section>/<id>/<field>`,
    /// with the reason; each must still differ, so the list cannot go stale.
    static let knownManifestDifferences: [String: String] = [
        "dispatch_and_packages/nodes/model.dispatch_and_packages.date_spine_january/compiled_code":
            "needs a warehouse connection (issue 4)",
    ]

    /// The manifest's entries carry dbt's fields (those the expected manifest keeps: nothing
    /// time-, machine- or path-dependent) with dbt's values: nodes, sources, the projects' macros
    /// and docs, exposures, groups, disabled nodes, the parent and child maps, and the semantic
    /// models, metrics and saved queries.
    @Test(arguments: projects)
    func manifestEntriesEqualDbt(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let workspace = fixture.workspace()
        let parsed = try workspace.compileEverything()
        _ = try workspace.writeManifest(parsed)
        func document(_ url: URL) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        }
        let ours = try document(URL(fileURLWithPath: workspace.targetDirectory(parsed) + "/manifest.json"))
        let dbts = try document(fixture.expectedDirectory.appendingPathComponent("manifest.json"))
        // Where ours differs from dbt's: an entry missing, or a field of an entry (dbt's fields only).
        var differences: Set<String> = []
        func compare(_ expected: Any, _ actual: Any?, at path: String) {
            guard let actual else {
                differences.insert(path)
                return
            }
            if let expected = expected as? [String: Any], let actual = actual as? [String: Any], !path.contains("_map") {
                for (field, value) in expected where !NSDictionary(dictionary: ["v": value]).isEqual(to: ["v": actual[field] as Any]) {
                    differences.insert(path + "/" + field)
                }
            } else if !NSDictionary(dictionary: ["v": expected]).isEqual(to: ["v": actual]) {
                differences.insert(path)
            }
        }
        for section in [
            "nodes", "sources", "macros", "docs", "exposures", "groups", "unit_tests", "disabled", "parent_map", "child_map",
            "semantic_models", "metrics", "saved_queries",
        ] {
            let mine = ours[section] as? [String: Any] ?? [:]
            for (id, entry) in dbts[section] as? [String: Any] ?? [:] {
                if section == "disabled", let versions = entry as? [Any], let ourVersions = mine[id] as? [Any] {
                    for (expected, actual) in zip(versions, ourVersions) { compare(expected, actual, at: "\(section)/\(id)") }
                    if versions.count != ourVersions.count { differences.insert("\(section)/\(id)") }
                } else {
                    compare(entry, mine[id], at: "\(section)/\(id)")
                }
            }
        }
        let known = Self.knownManifestDifferences.filter { $0.key.hasPrefix(name + "/") }
        for difference in differences.sorted() where known[name + "/" + difference] == nil {
            Issue.record("\(name): \(difference) differs from dbt's")
        }
        for (key, reason) in known.sorted(by: { $0.key < $1.key }) where !differences.contains(String(key.dropFirst(name.count + 1))) {
            Issue.record("\(key) now equals dbt's: remove it from knownManifestDifferences (\(reason))")
        }
    }

    /// Every macro of the project and its packages has dbt's `macro_sql`: the whole statement,
    /// `{% macro %}` (or `{% test %}`) to its end tag.
    @Test(arguments: projects)
    func macroSQLEqualsDbt(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let parsed = try fixture.workspace().parse()
        let data = try Data(contentsOf: fixture.expectedDirectory.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let macros = try #require(manifest["macros"] as? [String: [String: Any]])
        let ours = macros.filter { id, _ in !id.hasPrefix("macro.dbt.") && !id.hasPrefix("macro.dbt_postgres.") }
        #expect(!ours.isEmpty)
        for (id, macro) in ours {
            #expect(parsed.manifest.macros[id]?.macroSQL == macro["macro_sql"] as? String, "\(id)")
        }
    }

    /// Each broken project stops the invocation (dbt's exit status 2) with one diagnostic that
    /// says what is wrong, and where when there is a place to point at.
    @Test(arguments: [
        ("err_unknown_ref", "depends on a node named 'stg_customer' which was not found", true),
        ("err_unknown_source", "depends on a source named 'shop.payments' which was not found", true),
        ("err_cycle", "Found a cycle", false),
        ("err_bad_yaml", "invalid YAML", true),
        ("err_duplicate_name", "two models with the name \"customers\"", true),
        ("err_jinja_syntax", "the 'if' block is never closed", true),
        ("err_doc_in_docs_block", "'doc' is undefined", true),
        ("err_missing_var", "Required var 'start_date' not found", true),
        ("err_bad_config", "Invalid color name for docs.node_color: not-a-colour", true),
        ("err_config_type", "persist_docs", true),
        ("err_private_ref",
         "Node model.err_private_ref.marketing_report attempted to reference node model.err_private_ref.ledger, which is not allowed because the referenced node is private to the 'finance' group.",
         true),
        ("err_unknown_group", "Invalid group 'sales', expected one of ['finance', 'marketing']", true),
        ("err_snapshot_config", "A snapshot configured with the check strategy must specify a check_cols configuration.", true),
        ("err_unit_test_model", "Unable to find model 'err_unit_test_model.order' for unit test 'test_orders' in models/unit_tests.yml", true),
        ("err_unknown_measure", "A semantic model having a measure `order_amount` does not exist but was referenced.", true),
        ("err_unknown_metric", "The metric `revenu` does not exist but was referenced by metric `revenue_growth`.", true),
        ("err_restricted_ref",
         "Node model.err_restricted_ref.orders attempted to reference node model.vendor.vendor_orders, which is not allowed because the referenced node is protected to the 'vendor' package.",
         true),
        ("err_time_spine_column",
         "Time spine standard granularity column must be defined on the model. Got invalid column name 'day_date' for model 'time_spine_daily'. Valid names: ['date_day', 'day_of'].",
         true),
        ("err_missing_time_spine", "The semantic layer requires a time spine model with granularity DAY or smaller in the project", true),
        ("err_unit_test_incremental",
         "Boolean override for 'is_incremental' must be provided for unit test 'test_orders' in model 'orders'", true),
    ])
    func brokenProjectStops(_ name: String, _ message: String, _ hasLocation: Bool) throws {
        let fixture = try FixtureProject(name)
        do {
            try fixture.workspace().compileEverything()
            Issue.record("\(name) compiled without an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
            if hasLocation { #expect(diagnostic.location != nil, "no line and column: \(diagnostic)") }
        }
    }
}

extension CompileConformanceTests {
    /// A semantic layer dbt-semantic-interfaces rejects: Weir reports what dbt printed, the
    /// warnings (W0528) and then the errors (W0527: the first as the message, the others as
    /// notes), each at the resource it is about.
    @Test(arguments: ["err_semantic_validation", "err_semantic_validation_more", "err_semantic_filters"])
    func semanticValidationReportsWhatDbtPrinted(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let data = try Data(contentsOf: fixture.expectedDirectory.appendingPathComponent("error.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let failures = try #require(expected["semantic_failures"] as? [[String: String]])
        let dbtWarnings = failures.filter { $0["level"] == "warn" }.compactMap { $0["msg"] }
        let dbtErrors = failures.filter { $0["level"] == "error" }.compactMap { $0["msg"] }
        // dbt's log line of an exception's message keeps its final line break, which Weir drops;
        // a metric filter's message goes on with the Python traceback of the failure, which Weir's
        // does not have.
        let trimmed = { (message: String) in
            let kept = message.components(separatedBy: "\nTraceback:\n")[0]
            return kept.hasSuffix("\n") ? String(kept.dropLast()) : kept
        }
        let warnings = WarningLog()
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = fixture.directory
        configuration.profilesDirectory = fixture.directory
        configuration.warningSink = { warnings.add($0) }
        do {
            _ = try Workspace(configuration).parse()
            Issue.record("the parse should have stopped")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "W0527")
            let prefix = "Semantic Manifest validation failed: "
            #expect(diagnostic.message.hasPrefix(prefix))
            let errors = [String(diagnostic.message.dropFirst(prefix.count))] + diagnostic.notes.map(\.message)
            #expect(errors == dbtErrors.map(trimmed))
            #expect(diagnostic.location != nil)
            // Each points at its semantic resource; what is about the time spines, or what dbt
            // reports without its saved query, at nothing.
            #expect(diagnostic.notes.allSatisfy {
                $0.file != nil || $0.message.contains("custom granularity") || $0.message.contains("the where field in a saved query")
            })
        }
        #expect(warnings.all.map(\.message) == dbtWarnings)
        #expect(warnings.all.allSatisfy { $0.code == "W0528" })
    }

    /// Data tests whose targets are missing or disabled are disabled in place, with dbt's
    /// warnings in dbt's order (`warnings.json`: sources, then refs, singular tests first).
    @Test(arguments: ["disabled_targets"])
    func warningsEqualDbt(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let data = try Data(contentsOf: fixture.expectedDirectory.appendingPathComponent("warnings.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String])
        let warnings = try fixture.workspace().parse().warnings
        #expect(warnings.map(\.message) == expected)
        #expect(warnings.allSatisfy { $0.code == "W0704" && $0.location != nil })
    }

    /// `target/semantic_manifest.json` is dbt's, byte for byte: semantic models, metrics and
    /// saved queries as dbt-semantic-interfaces prints them, and the project's time spines
    /// (every project writes one, an empty one without a semantic layer).
    @Test(arguments: projects)
    func semanticManifestEqualsDbt(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let workspace = fixture.workspace()
        let parsed = try workspace.parse()
        try workspace.writeManifest(parsed)
        let written = try String(contentsOfFile: workspace.targetDirectory(parsed) + "/semantic_manifest.json", encoding: .utf8)
        let expected = try String(
            contentsOf: fixture.expectedDirectory.appendingPathComponent("semantic_manifest.json"), encoding: .utf8)
        #expect(written == expected)
    }

    /// `weir ls --output json` prints every resource as dbt's `ls` printed it (`ls.json`): dbt's
    /// default keys in the order of the resource's manifest entry, and with `--output-keys` the
    /// keys asked for (plain, nested, and a nested one dbt leaves out when it is missing).
    @Test(arguments: projects)
    func listedJSONEqualsDbt(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let data = try Data(contentsOf: fixture.expectedDirectory.appendingPathComponent("ls.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let keys = try #require(expected["output_keys_argument"] as? String).split(separator: " ").map(String.init)
        let workspace = fixture.workspace(command: "list")
        let parsed = try workspace.parse()
        let ids = try workspace.select(SelectionRequest(resourceTypes: try Workspace.listedResourceTypes([])), in: parsed)
        let listed = ids.compactMap { workspace.listedJSON($0, keys: nil, in: parsed) }
        #expect(!listed.isEmpty)
        #expect(listed == expected["default"] as? [String])
        #expect(ids.compactMap { workspace.listedJSON($0, keys: keys, in: parsed) } == expected["output_keys"] as? [String])
        // What `dbt ls -s <spec>` listed (semantic-layer methods and graph operators).
        for (spec, dbtIDs) in expected["selections"] as? [String: [String]] ?? [:] {
            let request = SelectionRequest(select: [spec], resourceTypes: try Workspace.listedResourceTypes([]))
            #expect(try workspace.select(request, in: parsed) == dbtIDs, "weir ls -s '\(spec)'")
        }
    }
}

/// The warnings a workspace reports through its sink.
final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var diagnostics: [Diagnostic] = []

    func add(_ diagnostic: Diagnostic) { lock.withLock { diagnostics.append(diagnostic) } }
    var all: [Diagnostic] { lock.withLock { diagnostics } }
}
