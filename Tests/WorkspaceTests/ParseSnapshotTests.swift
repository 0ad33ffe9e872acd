import Foundation
import ProjectModel
import Testing
import Workspace

/// The parse snapshot: an invocation that finds every project file and setting as the last
/// parse left them restores that parse instead of parsing, with the very same result; any
/// change that could change the parse makes it parse.
@Suite struct ParseSnapshotTests {
    /// A project with one of each kind of node a parse makes, compiled the way `weir compile` does.
    final class Project: ScratchProject {
        var environment: [String: String] = [:]
        var vars = ConfigMap()
        var command = "compile"
        /// How many nodes the last `compile()` took from the one before instead of rendering them.
        var reusedCompiles = 0

        init() throws {
            super.init(prefix: "weir-parse-snapshot")
            try write(
                "dbt_project.yml",
                "name: kept\nprofile: kept\nconfig-version: 2\non-run-start: [\"select '{{ target.name }}'\"]\n"
                    + "models:\n  kept:\n    disabled_one:\n      +enabled: false\n")
            try write("profiles.yml", Self.sqliteProfile("kept"))
            try write("seeds/countries.csv", "code,name\nfr,France\nde,Germany\n")
            try write("models/sources.yml", "version: 2\nsources:\n  - name: raw\n    tables: [{name: events, columns: [{name: id, tests: [not_null]}]}]\n")
            try write("models/stg.sql", "{{ config(materialized='ephemeral') }}\nselect * from {{ source('raw', 'events') }}\n")
            try write(
                "models/a.sql",
                "{{ config(materialized='table', tags=[var('tag', 'daily')]) }}\nselect s.id, c.name, {{ shout('x') }} as x\n"
                    + "from {{ ref('stg') }} s join {{ ref('countries') }} c on c.code = s.code\n")
            try write("models/disabled_one.sql", "select 1 as id\n")
            try write(
                "models/schema.yml",
                "version: 2\nmodels:\n  - name: a\n    description: \"{{ doc('a_doc') }} {{ env_var('A_NOTE', 'plain') }}\"\n"
                    + "    columns: [{name: id, tests: [unique, {relationships: {to: ref('countries'), field: code}}]}]\n"
                    + "macros:\n  - name: shout\n    description: Upper-cases its argument.\n"
                    + "exposures:\n  - name: board\n    type: dashboard\n    owner: {name: Ana}\n    depends_on: [ref('a')]\n")
            try write("models/docs.md", "{% docs a_doc %}The **a** model.{% enddocs %}\n")
            try write("macros/shout.sql", "{% macro shout(text) %}'{{ text | upper }}'{% endmacro %}\n")
            try write(
                "snapshots/a_history.sql",
                "{% snapshot a_history %}\n{{ config(target_schema='main', unique_key='id', strategy='check', check_cols='all') }}\n"
                    + "select * from {{ ref('a') }}\n{% endsnapshot %}\n")
            try write("tests/no_negative_ids.sql", "select * from {{ ref('a') }} where id < 0\n")
            try write("analyses/counts.sql", "select count(*) from {{ ref('a') }}\n")
        }

        var workspace: Workspace {
            var configuration = WorkspaceConfiguration()
            configuration.projectDirectory = directory
            configuration.profilesDirectory = directory
            configuration.environment = environment
            configuration.cliVars = vars
            configuration.command = command
            return Workspace(configuration)
        }

        /// Compiles everything as `weir compile` does; whether the parse was restored, and the output.
        func compile() throws -> (restored: Bool, output: String) {
            let compiled = try compiledOutput(workspace, in: directory)
            reusedCompiles = compiled.reused
            return (compiled.restored, compiled.output)
        }

        var snapshotExists: Bool { FileManager.default.fileExists(atPath: directory + "/target/weir_parse_snapshot.bin") }
    }

    /// A restored node still knows its file (its raw code is the file's text without leading and
    /// trailing whitespace, as dbt reads it), for the diagnostics that point into it.
    @Test func aRestoredNodeKeepsItsFile() throws {
        let project = try Project()
        try project.compile()
        Thread.sleep(forTimeInterval: 0.02)
        let parsed = try project.workspace.parse()
        #expect(parsed.compiler.isRestored)
        #expect(parsed.compiler.sourceFile(of: "model.kept.a")?.name == "models/a.sql")
        #expect(parsed.compiler.sourceFile(of: "analysis.kept.counts")?.name == "analyses/counts.sql")
    }

    @Test func anUnchangedProjectIsRestoredToWhatItsParseGave() throws {
        let project = try Project()
        let parsed = try project.compile()
        #expect(!parsed.restored)
        #expect(project.snapshotExists)
        #expect(project.reusedCompiles == 0)
        let restored = try project.compile()
        #expect(restored.restored)
        #expect(restored.output == parsed.output)
        // Every node's compiled SQL is the last compile's, but that of `a`, which carries the
        // ephemeral `stg`'s SQL, and of `stg` itself.
        #expect(project.reusedCompiles == 7)
        #expect(parsed.output.contains("The **a** model. plain"))
        #expect(parsed.output.contains("Upper-cases its argument."))
    }

    /// Each change that could change the parse makes the next invocation parse, and the parse it
    /// makes is restored by the one after.
    @Test(arguments: [
        ("models/a.sql", "select 1 as id\n"),  // a model
        ("models/new.sql", "select 2 as id\n"),  // a new file
        ("models/schema.yml", "version: 2\nmodels:\n  - name: a\n    description: changed\n"),  // a property file
        ("models/docs.md", "{% docs a_doc %}Changed.{% enddocs %}\n"),  // a docs block
        ("macros/shout.sql", "{% macro shout(text) %}'{{ text | lower }}'{% endmacro %}\n"),  // a macro
        ("seeds/countries.csv", "code,name\nfr,France\n"),  // a seed
        ("snapshots/a_history.sql", "{% snapshot a_history %}\n{{ config(target_schema='main', unique_key='id', strategy='check', check_cols='all') }}\nselect id from {{ ref('a') }}\n{% endsnapshot %}\n"),
        ("dbt_project.yml", "name: kept\nprofile: kept\nconfig-version: 2\n"),  // the project file
        ("profiles.yml", "kept:\n  target: dev\n  outputs:\n    dev:\n      type: sqlite\n      database: main\n      schema: other\n      path: ./warehouse.db\n"),
    ])
    func aChangedFileIsParsed(_ path: String, _ text: String) throws {
        let project = try Project()
        _ = try project.compile()
        try project.write(path, text)
        let changed = try project.compile()
        #expect(!changed.restored)
        let again = try project.compile()
        #expect(again.restored)
        #expect(again.output == changed.output)
    }

    @Test func aRemovedFileIsParsed() throws {
        let project = try Project()
        _ = try project.compile()
        try FileManager.default.removeItem(atPath: project.directory + "/analyses/counts.sql")
        let changed = try project.compile()
        #expect(!changed.restored)
        #expect(!changed.output.contains("analysis.kept.counts"))
    }

    @Test func settingsTheParseReadAreChecked() throws {
        let project = try Project()
        _ = try project.compile()
        project.environment["UNRELATED"] = "x"
        #expect(try project.compile().restored)
        project.environment["A_NOTE"] = "from the environment"
        let changed = try project.compile()
        #expect(!changed.restored)
        #expect(changed.output.contains("The **a** model. from the environment"))
        project.vars = ConfigMap([("tag", .string("hourly"))])
        let withVars = try project.compile()
        #expect(!withVars.restored)
        #expect(withVars.output.contains("\"hourly\""))
    }

    /// A render the parse cache kept read an environment variable: the snapshot of the parse that
    /// reused it checks that variable too.
    @Test func aVariableReadByAKeptRenderIsChecked() throws {
        let project = try Project()
        try project.write("models/b.sql", "{{ config(alias=env_var('B_ALIAS', 'b_plain')) }}\nselect 1 as id\n")
        _ = try project.compile()
        // Another model edited: parsed again, with b's render taken from the parse cache.
        try project.write("analyses/counts.sql", "select count(*) as n from {{ ref('a') }}\n")
        #expect(try !project.compile().restored)
        project.environment["B_ALIAS"] = "b_from_the_environment"
        let (restored, output) = try project.compile()
        #expect(!restored)
        #expect(output.contains("\"alias\": \"b_from_the_environment\""))
    }

    /// The environment variables a generic test's arguments read while parsing are checked too.
    @Test func aVariableReadByATestArgumentIsChecked() throws {
        let project = try Project()
        try project.write(
            "models/more.yml",
            "version: 2\nmodels:\n  - name: stg\n    columns:\n      - name: code\n        tests:\n"
                + "          - accepted_values: {values: [\"{{ env_var('ACCEPTED', 'fr') }}\"]}\n")
        func acceptedValues(_ output: String) -> String? {
            // The compiled file's (the manifest, before it, holds the SQL JSON-escaped).
            output.matches(of: #/not in \(([^)]*)\)/#).last.map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        #expect(acceptedValues(try project.compile().output) == "'fr'")
        project.environment["ACCEPTED"] = "de"
        let (restored, output) = try project.compile()
        #expect(!restored)
        #expect(acceptedValues(output) == "'de'")
    }

    @Test func aParseThatVariesFromRunToRunIsNotKept() throws {
        let project = try Project()
        try project.write("models/b.sql", "{{ config(alias='b_' ~ (run_started_at.year | string)) }}\nselect 1 as id\n")
        _ = try project.compile()
        #expect(!project.snapshotExists)
        #expect(try !project.compile().restored)
    }

    /// Compiled SQL that depends on the command (`flags.WHICH`) is never taken for another one.
    @Test func compiledSQLThatReadsTheCommandIsRenderedAgain() throws {
        let project = try Project()
        // Read while compiling only: a parse that reads `flags` is never kept.
        try project.write("models/which.sql", "select '{% if execute %}{{ flags.WHICH }}{% endif %}' as command\n")
        #expect(try project.compile().output.contains("select 'compile' as command"))
        project.command = "generate"
        let again = try project.compile()
        #expect(again.restored)
        #expect(again.output.contains("select 'generate' as command"))
    }

    /// Names the parse cache renders again each time because they read other files or the
    /// warehouse (`graph`, `run_query`: nothing while parsing) leave a parse that can be kept.
    @Test func aParseThatReadsOtherFilesOrAsksTheWarehouseIsKept() throws {
        let project = try Project()
        try project.write(
            "models/b.sql",
            "{% set result = run_query('select 1') %}{{ config(tags=['n' ~ (graph.sources | length)]) }}\nselect 1 as id\n")
        let parsed = try project.compile()
        #expect(project.snapshotExists)
        let restored = try project.compile()
        #expect(restored.restored)
        #expect(restored.output == parsed.output)
    }

    @Test func aParseThatWarnsIsNotKept() throws {
        let project = try Project()
        _ = try project.compile()
        #expect(project.snapshotExists)
        // A test on a column the model does not document is fine; one on a missing model warns.
        try project.write(
            "models/more.yml", "version: 2\nmodels:\n  - name: not_a_model\n    description: nothing\n")
        _ = try project.compile()
        #expect(!project.snapshotExists)
    }

    @Test func anUnreadableSnapshotIsAParse() throws {
        let project = try Project()
        let parsed = try project.compile()
        let path = project.directory + "/target/weir_parse_snapshot.bin"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.removeLast(bytes.count / 2)
        try bytes.write(to: URL(fileURLWithPath: path))
        let again = try project.compile()
        #expect(!again.restored)
        #expect(again.output == parsed.output)
    }

    /// The conformance fixtures (dbt's own outputs) compile from a restored parse exactly as from
    /// a parse.
    @Test(arguments: CompileConformanceTests.projects)
    func fixtureProjectsCompileAlikeFromARestoredParse(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let parsed = try compiledOutput(fixture.workspace(), in: fixture.directory)
        let restored = try compiledOutput(fixture.workspace(), in: fixture.directory)
        #expect(!parsed.restored)
        #expect(restored.restored == Self.restorable.contains(name))
        #expect(restored.output == parsed.output)
    }

    /// The fixtures whose parse is kept. The others have models whose parse render reads a name
    /// whose value may vary between runs (`dbt.date` reads `modules`, `jinja_context` reads
    /// `modules` and `run_started_at`).
    static let restorable: Set<String> = [
        "basics", "custom_schema", "empty_flag", "installed_packages", "quoting", "semantic_layer", "unit_tests",
    ]
}

/// Compiles every node of the project in `directory` and writes the manifest, as `weir compile`
/// does: whether the parse was restored, how many nodes took kept SQL, and the output (manifest
/// and compiled files) without what differs between any two invocations (time stamps, ids).
private func compiledOutput(_ workspace: Workspace, in directory: String) throws -> (restored: Bool, reused: Int, output: String) {
    // Files written in the clock tick a parse stamps them in are never taken as settled.
    Thread.sleep(forTimeInterval: 0.02)
    let parsed = try workspace.compileEverything()
    try workspace.writeManifest(parsed, recordingLayout: false)
    var output = try String(contentsOfFile: directory + "/target/manifest.json", encoding: .utf8)
        .replacing(#/"created_at": [0-9.e+]+/#, with: "\"created_at\": 0")
        .replacing(#/"(generated_at|invocation_id|invocation_started_at|run_started_at)": "[^"]*"/#, with: "\"$1\": \"\"")
    let compiled = directory + "/target/compiled"
    for path in (FileManager.default.enumerator(atPath: compiled)?.allObjects as? [String] ?? []).sorted()
    where path.hasSuffix(".sql") {
        output += "\n-- \(path)\n" + (try String(contentsOfFile: compiled + "/" + path, encoding: .utf8))
    }
    return (parsed.compiler.isRestored, parsed.compiler.reusedCompiles, output)
}
