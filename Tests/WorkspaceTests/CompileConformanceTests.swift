import Diagnostics
import Foundation
import Selection
import Testing
import Workspace

/// Weir compiles our fixture projects to the very bytes dbt-core 1.11 (dbt-postgres) produced
/// for them (`Scripts/generate_dbt_fixtures.py` regenerates the expected outputs).
@Suite struct CompileConformanceTests {
    static let projects = ["basics", "custom_schema", "dispatch_and_packages", "installed_packages", "jinja_context"]

    /// Files Weir knowingly compiles differently, with the reason; each must still differ, so the
    /// list cannot go stale.
    static let knownDifferences: [String: String] = [
        // `dbt.date_spine` runs a query while compiling; offline, Weir's `load_result` has no rows.
        "dispatch_and_packages/models/cross_db/date_spine_january.sql": "needs a warehouse connection (issue 4)",
        // PyYAML reads `2024-03-01` as a `date`; Weir's `fromyaml` keeps it a string.
        "jinja_context/models/serialization/json_and_yaml.sql": "fromyaml keeps YAML timestamps as strings",
    ]

    @Test(arguments: projects)
    func compiledSQLEqualsDbt(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let workspace = fixture.workspace()
        let parsed = try workspace.parse()
        let ids = try workspace.select(SelectionRequest(select: [], exclude: []), in: parsed)
        try workspace.compile(ids, in: parsed)
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
        ("err_missing_var", "Required var 'start_date' not found", true),
        ("err_bad_config", "Invalid color name for docs.node_color: not-a-colour", true),
        ("err_config_type", "persist_docs", true),
    ])
    func brokenProjectStops(_ name: String, _ message: String, _ hasLocation: Bool) throws {
        let fixture = try FixtureProject(name)
        let workspace = fixture.workspace()
        do {
            let parsed = try workspace.parse()
            let ids = try workspace.select(SelectionRequest(select: [], exclude: []), in: parsed)
            try workspace.compile(ids, in: parsed)
            Issue.record("\(name) compiled without an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
            if hasLocation { #expect(diagnostic.location != nil, "no line and column: \(diagnostic)") }
        }
    }
}
