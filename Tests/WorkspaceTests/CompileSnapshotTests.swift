import Compiler
import Foundation
import Parallelism
import ProjectModel
import Selection
import Testing
import Workspace

/// `weir compile` after editing models: recompiled from the last full compile's snapshot when
/// that gives a full compile's output, and a full compile whenever anything else changed.
@Suite struct CompileSnapshotTests {
    /// A project in a temporary directory, compiled the way `weir compile` compiles it.
    final class Project: ScratchProject {
        var environment: [String: String] = [:]

        init() throws {
            super.init(prefix: "weir-snapshot")
            try write("dbt_project.yml", "name: snap\nprofile: snap\nconfig-version: 2\non-run-start: [\"{{ list_sources() }}\"]\n")
            try write("profiles.yml", Self.sqliteProfile("snap"))
            try write("models/sources.yml", "version: 2\nsources:\n  - name: raw\n    tables: [{name: events}]\n")
            try write("models/stg.sql", "select * from {{ source('raw', 'events') }}\n")
            try write("models/a.sql", "{{ config(materialized='table') }}\nselect id, {{ shout('x') }} as x from {{ ref('stg') }}\n")
            try write("models/b.sql", "select id from {{ ref('a') }}\n")
            try write(
                "models/schema.yml",
                "version: 2\nmodels:\n  - name: a\n    description: \"{{ env_var('A_DESCRIPTION', 'plain') }}\"\n    columns: [{name: id, tests: [unique, not_null]}]\n")
            try write("macros/shout.sql", "{% macro shout(text) %}'{{ text | upper }}'{% endmacro %}\n")
            // A hook that lists the sources reads `graph`, which leaves the snapshot usable.
            try write(
                "macros/list_sources.sql",
                "{% macro list_sources() %}{% for s in graph.sources.values() %}select '{{ s.name }}';{% endfor %}{% endmacro %}\n")
        }

        var workspace: Workspace {
            var configuration = WorkspaceConfiguration()
            configuration.projectDirectory = directory
            configuration.profilesDirectory = directory
            configuration.environment = environment
            return Workspace(configuration)
        }

        /// What `weir compile` does; true when it recompiled from the snapshot.
        @discardableResult
        func compile(fromSnapshot: Bool = true) throws -> Bool {
            let workspace = self.workspace
            if fromSnapshot, workspace.compileFromSnapshot() != nil { return true }
            let parsed = try workspace.parse()
            let ids = try workspace.select(SelectionRequest(), in: parsed)
            let compiledFiles = try workspace.compile(ids, in: parsed)
            let manifestWrite = BackgroundTask { try workspace.writeManifest(parsed, recordingLayout: true) }
            try workspace.saveCompileSnapshot(parsed, manifest: manifestWrite, compiledFiles: compiledFiles)
            return false
        }

        /// The manifest without what differs between any two invocations (time stamps, ids).
        func manifestWithoutStamps() throws -> String {
            try read("target/manifest.json")
                .replacing(#/"created_at": [0-9.e+]+/#, with: "\"created_at\": 0")
                .replacing(#/"(generated_at|invocation_id|invocation_started_at|run_started_at)": "[^"]*"/#, with: "\"$1\": \"\"")
        }

        /// The output of this compile, and that of a full compile of the same files.
        func outputAndFullCompile() throws -> (String, String) {
            let output = try manifestWithoutStamps() + (try read("target/compiled/snap/models/a.sql"))
            try compile(fromSnapshot: false)
            return (output, try manifestWithoutStamps() + (try read("target/compiled/snap/models/a.sql")))
        }
    }

    @Test func editingAModelsSQLRecompilesItAloneToWhatAFullCompileGives() throws {
        let project = try Project()
        #expect(try !project.compile())
        try project.write("models/a.sql", "{{ config(materialized='table') }}\n-- now with a comment\nselect id, {{ shout('y') }} as x from {{ ref('stg') }}\n")
        #expect(try project.compile())
        let compiled = try project.read("target/compiled/snap/models/a.sql")
        #expect(compiled.contains("'Y' as x from"), "\(compiled)")
        let (output, full) = try project.outputAndFullCompile()
        #expect(output == full)
        // Twice in a row: the snapshot follows the patched manifest.
        try project.write("models/b.sql", "select id, 2 as two from {{ ref('a') }}\n")
        #expect(try project.compile())
        try project.write("models/a.sql", "{{ config(materialized='table') }}\nselect id from {{ ref('stg') }}\n")
        #expect(try project.compile())
        let (again, fullAgain) = try project.outputAndFullCompile()
        #expect(again == fullAgain)
    }

    @Test func nothingEditedIsAnswerFromTheSnapshot() throws {
        let project = try Project()
        try project.compile()
        let before = try project.manifestWithoutStamps()
        #expect(try project.compile())
        #expect(try project.manifestWithoutStamps() == before)
    }

    /// Each change that reaches beyond one model's compiled SQL makes the next compile a full one.
    @Test(arguments: [
        ("models/a.sql", "{{ config(materialized='view') }}\nselect id from {{ ref('stg') }}\n"),  // its config
        ("models/b.sql", "select id from {{ ref('a') }} join {{ ref('stg') }} using (id)\n"),  // its refs
        ("models/schema.yml", "version: 2\nmodels:\n  - name: a\n    description: changed\n"),  // a property file
        ("macros/shout.sql", "{% macro shout(text) %}'{{ text | lower }}'{% endmacro %}\n"),  // a macro
        ("models/c.sql", "select 1 as id\n"),  // a new model
        ("dbt_project.yml", "name: snap\nprofile: snap\nconfig-version: 2\nvars: {v: 1}\n"),  // the project file
    ])
    func aChangeBeyondOneModelCompilesEverything(_ path: String, _ text: String) throws {
        let project = try Project()
        try project.compile()
        try project.write(path, text)
        #expect(try !project.compile())
        let (output, full) = try project.outputAndFullCompile()
        #expect(output == full)
    }

    /// A recompile keeps `semantic_manifest.json` as the full compile wrote it: removed or
    /// changed since, the next compile is a full one that writes it again.
    @Test(arguments: [nil, "{}"])
    func aSemanticManifestChangedSinceCompilesEverything(_ replacement: String?) throws {
        let project = try Project()
        try project.compile()
        let written = try project.read("target/semantic_manifest.json")
        let path = project.directory + "/target/semantic_manifest.json"
        if let replacement { try project.write("target/semantic_manifest.json", replacement) } else {
            try FileManager.default.removeItem(atPath: path)
        }
        #expect(try !project.compile())
        #expect(try project.read("target/semantic_manifest.json") == written)
        #expect(try project.compile())
    }

    @Test func anEnvironmentVariableThatWasReadChangesEverything() throws {
        let project = try Project()
        try project.compile()
        project.environment["A_DESCRIPTION"] = "from the environment"
        #expect(try !project.compile())
        #expect(try project.read("target/manifest.json").contains("from the environment"))
        project.environment["UNRELATED"] = "x"
        #expect(try project.compile())
    }

    @Test func aModelThatReadsTheGraphsNodesLeavesNoSnapshot() throws {
        let project = try Project()
        try project.write("models/b.sql", "select {{ graph.nodes | length }} as n from {{ ref('a') }}\n")
        try project.compile()
        try project.write("models/a.sql", "{{ config(materialized='table') }}\nselect id, 1 as x from {{ ref('stg') }}\n")
        #expect(try !project.compile())
    }

    /// A parse render that reads `graph` may be restored from the parse snapshot (the graph does
    /// not vary from run to run), but a compile that restores it leaves no compile snapshot either:
    /// what the render recorded may change when another model is edited.
    @Test func aModelWhoseParseReadsTheGraphLeavesNoSnapshotWhenItsParseIsRestored() throws {
        let project = try Project()
        try project.write("models/b.sql", "{% set members = graph.keys() | list %}select id from {{ ref('a') }}\n")
        Thread.sleep(forTimeInterval: 0.02)
        #expect(try !project.compile())
        #expect(try !project.compile())
        #expect(try project.workspace.parse().compiler.isRestored)
        try project.write("models/a.sql", "{{ config(materialized='table') }}\nselect id, 1 as x from {{ ref('stg') }}\n")
        #expect(try !project.compile())
    }

    /// Offline, `run_query` and `statement` answer nothing, the same every time: a hook that runs
    /// queries (creating functions, granting) leaves the snapshot usable.
    @Test func aHookThatRunsQueriesOfflineLeavesTheSnapshotUsable() throws {
        let project = try Project()
        try project.write(
            "dbt_project.yml",
            """
            name: snap
            profile: snap
            config-version: 2
            on-run-start:
              - "{% do run_query('create table if not exists audit (id int)') %}"
              - "{% call statement('grant') %}select 1{% endcall %}{{ load_result('grant') }}"
            """)
        try project.compile()
        try project.write("models/a.sql", "{{ config(materialized='table') }}\nselect id, 2 as x from {{ ref('stg') }}\n")
        #expect(try project.compile())
        let (output, full) = try project.outputAndFullCompile()
        #expect(output == full)
    }

    /// A model that asks the warehouse (as dbt_utils' `get_column_values` does) gets the same
    /// answer, nothing, from every offline compile: it is recompiled alone, or kept as it was.
    @Test func aModelThatRunsQueriesOfflineIsRecompiledAlone() throws {
        let project = try Project()
        let introspective = """
            {% set rows = run_query('select distinct kind from ' ~ ref('stg')) %}
            {% set relation = adapter.get_relation(this.database, this.schema, 'stg') %}
            select id, '{{ rows }}' as r, '{{ relation }}' as rel{0} from {{ ref('stg') }}

            """
        try project.write("models/b.sql", introspective.replacingOccurrences(of: "{0}", with: ""))
        try project.compile()
        try project.write("models/a.sql", "{{ config(materialized='table') }}\nselect id, 3 as x from {{ ref('stg') }}\n")
        #expect(try project.compile())
        try project.write("models/b.sql", introspective.replacingOccurrences(of: "{0}", with: "ation"))
        #expect(try project.compile())
        #expect(try project.read("target/compiled/snap/models/b.sql").contains("'None' as r, 'None' as relation"))
        let (output, full) = try project.outputAndFullCompile()
        #expect(output == full)
    }

    /// A compile whose renders asked a warehouse that answered depends on what it held then.
    @Test func rendersThatAskedAConnectedWarehouseAreNotRepeatable() throws {
        let project = try Project()
        try project.write(
            "dbt_project.yml", "name: snap\nprofile: snap\nconfig-version: 2\non-run-start: [\"{{ run_query('select 1').columns | length }}\"]\n")
        let workspace = project.workspace
        let parsed = try workspace.parse()
        let ids = try workspace.select(SelectionRequest(), in: parsed)
        parsed.compiler.queryRunner = AnsweringRunner()
        _ = try workspace.compile(ids, in: parsed).value()
        #expect(!parsed.compiler.rendersAreRepeatable)

        let offline = try workspace.parse()
        _ = try workspace.compile(ids, in: offline).value()
        #expect(offline.compiler.rendersAreRepeatable)
    }

    /// A warehouse with one row for every query and no relations.
    final class AnsweringRunner: QueryRunner {
        func run(_ sql: String, fetch: Bool) throws -> QueryTable {
            QueryTable(columnNames: ["n"], rows: [[.int(1)]])
        }
        func relationExists(database: String?, schema: String, identifier: String) throws -> String? { nil }
        func columns(database: String?, schema: String, identifier: String) throws -> [WarehouseColumn] { [] }
        func createSchema(_ schema: String) throws {}
        func dropSchema(_ schema: String) throws {}
    }

    @Test func anEditThatBreaksTheModelIsReportedByTheFullCompile() throws {
        let project = try Project()
        try project.compile()
        try project.write("models/a.sql", "select {{ oops( }}\n")
        #expect(throws: (any Error).self) { try project.compile() }
    }

    /// Every node and source of the fixture projects reads back from its binary form as it was.
    @Test(arguments: CompileConformanceTests.projects)
    func nodesAndSourcesSurviveTheirBinaryForm(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let parsed = try fixture.workspace().compileEverything()
        for node in parsed.manifest.nodes.values {
            var writer = BinaryWriter()
            writer.write(node)
            var reader = BinaryReader(writer.bytes)
            #expect(try reader.read(ManifestNode.self) == node, "\(node.uniqueID)")
            #expect(reader.isAtEnd)
        }
        for source in parsed.manifest.sources.values {
            var writer = BinaryWriter()
            writer.write(source)
            var reader = BinaryReader(writer.bytes)
            #expect(try reader.read(SourceDefinition.self) == source, "\(source.uniqueID)")
        }
    }

    /// The binary forms write every stored field: a field added to a type must be added there.
    @Test func theBinaryFormsCoverEveryField() {
        let node = ManifestNode.Fields(
            uniqueID: "", resourceType: .model, packageName: "", name: "", path: "", originalFilePath: "", fqn: [],
            rawCode: "", checksum: FileChecksum(checksum: ""))
        #expect(Mirror(reflecting: node).children.count == 42)
        let source = SourceDefinition(
            uniqueID: "", packageName: "", sourceName: "", name: "", identifier: "", schema: "", path: "",
            originalFilePath: "", fqn: [])
        #expect(Mirror(reflecting: source).children.count == 28)
        #expect(Mirror(reflecting: ColumnInfo.Fields(name: "")).children.count == 10)
        let exposure = Exposure(uniqueID: "", name: "", packageName: "", path: "", originalFilePath: "", fqn: [], type: "")
        #expect(Mirror(reflecting: exposure).children.count == 20)
        let macro = MacroInfo(uniqueID: "", name: "", packageName: "", path: "", originalFilePath: "", macroSQL: "")
        #expect(Mirror(reflecting: macro).children.count == 12)
    }
}
