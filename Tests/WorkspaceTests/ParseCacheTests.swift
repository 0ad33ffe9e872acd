import Foundation
import ProjectModel
import Testing
import Workspace

/// The parse cache (dbt's partial parsing): the next run renders again only the SQL files whose
/// inputs changed, and never serves a stale result.
@Suite struct ParseCacheTests {
    /// A small project in a temporary directory, parsed the way the CLI parses it.
    final class Project: ScratchProject {
        var vars = ConfigMap()
        var environment: [String: String] = [:]
        var partialParse = true
        var logSink: (@Sendable (String) -> Void)?

        init() throws {
            super.init(prefix: "weir-parse-cache")
            try write("dbt_project.yml", "name: cached\nprofile: cached\nconfig-version: 2\n")
            try write("profiles.yml", Self.sqliteProfile("cached"))
            try write("models/a.sql", "{{ config(materialized=var('a_materialized', 'view')) }}\nselect 1 as id\n")
            try write("models/b.sql", "select id from {{ ref('a') }}\n")
            try write("models/c.sql", "{{ config(alias=env_var('C_ALIAS', 'c_default')) }}\nselect 1 as id\n")
            try write("models/d.sql", "{{ config(tags=[shout('d')]) }}\nselect 1 as id\n")
            try write("macros/shout.sql", "{% macro shout(text) %}{{ text | upper }}{% endmacro %}\n")
        }

        /// Parses, returning the manifest and the models whose parse render ran.
        func parse() throws -> (manifest: Manifest, rendered: [String]) {
            var configuration = WorkspaceConfiguration()
            configuration.projectDirectory = directory
            configuration.profilesDirectory = directory
            configuration.cliVars = vars
            configuration.environment = environment
            configuration.partialParse = partialParse
            configuration.logSink = logSink
            let parsed = try Workspace(configuration).parse()
            return (parsed.manifest, parsed.compiler.renderedForParse.map { String($0.split(separator: ".").last!) }.sorted())
        }

        var cacheExists: Bool {
            FileManager.default.fileExists(atPath: directory + "/target/weir_partial_parse.bin")
        }
    }

    /// What parsing recorded for a model: its refs, its `config()` calls and its final config.
    static func recorded(_ manifest: Manifest, _ name: String) -> String {
        let node = manifest.nodes["model.cached.\(name)"]!
        return "\(node.refs) \(node.configCallDict) \(node.config["materialized"] ?? .null) \(node.alias ?? "") \(node.tags)"
    }

    static let models = ["a", "b", "c", "d"]

    /// The cached parse and a parse from nothing agree on everything they recorded.
    static func expectSameAsFreshParse(_ project: Project, _ cached: Manifest) throws {
        project.partialParse = false
        defer { project.partialParse = true }
        let fresh = try project.parse().manifest
        for name in models { #expect(recorded(cached, name) == recorded(fresh, name)) }
    }

    @Test func aSecondParseRendersNothingAndRecordsTheSame() throws {
        let project = try Project()
        let first = try project.parse()
        #expect(first.rendered == Self.models)
        #expect(project.cacheExists)
        let second = try project.parse()
        #expect(second.rendered == [])
        for name in Self.models { #expect(Self.recorded(second.manifest, name) == Self.recorded(first.manifest, name)) }
    }

    @Test func anEditedModelIsRenderedAgainAlone() throws {
        let project = try Project()
        _ = try project.parse()
        try project.write("models/b.sql", "select id from {{ ref('c') }}\n")
        let second = try project.parse()
        #expect(second.rendered == ["b"])
        #expect(second.manifest.nodes["model.cached.b"]?.refs == [RefCall(name: "c")])
        try Self.expectSameAsFreshParse(project, second.manifest)
    }

    @Test func changedVarsRenderEverythingAgain() throws {
        let project = try Project()
        _ = try project.parse()
        project.vars = ConfigMap([("a_materialized", .string("table"))])
        let second = try project.parse()
        #expect(second.rendered == Self.models)
        #expect(second.manifest.nodes["model.cached.a"]?.config["materialized"] == .string("table"))
    }

    @Test func aChangedEnvironmentVariableRendersItsReadersAgain() throws {
        let project = try Project()
        _ = try project.parse()
        project.environment["C_ALIAS"] = "c_from_env"
        let second = try project.parse()
        #expect(second.rendered == ["c"])
        #expect(second.manifest.nodes["model.cached.c"]?.alias == "c_from_env")
        // Unset again: the value seen was "c_from_env", now it is absent.
        project.environment = [:]
        let third = try project.parse()
        #expect(third.rendered == ["c"])
        #expect(third.manifest.nodes["model.cached.c"]?.alias == "c_default")
    }

    /// Variables read by a macro or by a `var()` the render calls count as the render's own.
    @Test(arguments: [
        ("{% macro suffix() %}{{ env_var('E_SUFFIX', 'plain') }}{% endmacro %}", "{{ config(alias='e_' ~ suffix()) }}"),
        ("", "{{ config(alias='e_' ~ var('e_suffix')) }}"),
    ])
    func aVariableReadOutsideTheFileRendersItAgain(macro: String, model: String) throws {
        let project = try Project()
        try project.write("macros/suffix.sql", macro)
        try project.write("models/e.sql", model + "\nselect 1 as id\n")
        try project.write(
            "dbt_project.yml", "name: cached\nprofile: cached\nconfig-version: 2\nvars:\n  e_suffix: \"{{ env_var('E_SUFFIX', 'plain') }}\"\n")
        #expect(try project.parse().manifest.nodes["model.cached.e"]?.alias == "e_plain")
        project.environment["E_SUFFIX"] = "changed"
        let second = try project.parse()
        #expect(second.rendered == ["e"])
        #expect(second.manifest.nodes["model.cached.e"]?.alias == "e_changed")
    }

    /// Parse renders run on all cores; what they print comes out in file order all the same.
    @Test func printedOutputIsInFileOrder() throws {
        let project = try Project()
        let names = (10..<70).map { "p\($0)" }
        for (index, name) in names.enumerated() {
            let statement = ["{% do log('parsing \(name)', info=True) %}", "{{ print('parsing \(name)') }}",
                "{% do exceptions.warn('parsing \(name)') %}"][index % 3]
            try project.write("models/\(name).sql", "\(statement)\nselect 1 as id\n")
        }
        let lines = Lines()
        project.logSink = { lines.append($0) }
        _ = try project.parse()
        #expect(lines.all == names.enumerated().map { index, name in (index % 3 == 2 ? "Warning: " : "") + "parsing \(name)" })
    }

    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func aChangedMacroRendersEverythingAgain() throws {
        let project = try Project()
        _ = try project.parse()
        try project.write("macros/shout.sql", "{% macro shout(text) %}{{ text | lower }}!{% endmacro %}\n")
        let second = try project.parse()
        #expect(second.rendered == Self.models)
        #expect(second.manifest.nodes["model.cached.d"]?.tags == ["d!"])
    }

    @Test func aChangedProjectFileRendersEverythingAgain() throws {
        let project = try Project()
        _ = try project.parse()
        try project.write(
            "dbt_project.yml", "name: cached\nprofile: cached\nconfig-version: 2\nvars:\n  a_materialized: table\n")
        let second = try project.parse()
        #expect(second.rendered == Self.models)
        #expect(second.manifest.nodes["model.cached.a"]?.config["materialized"] == .string("table"))
    }

    @Test(arguments: ["invocation_id", "run_started_at", "flags.WHICH", "modules.datetime.date.today()"])
    func aRenderThatReadsTheRunIsNeverCached(expression: String) throws {
        let project = try Project()
        try project.write("models/e.sql", "{% set seen = \(expression) %}\nselect 1 as id\n")
        _ = try project.parse()
        #expect(try project.parse().rendered == ["e"])
    }

    @Test func aRenderWhoseMacroReadsTheRunIsNeverCached() throws {
        let project = try Project()
        try project.write("macros/stamp.sql", "{% macro stamp() %}{{ run_started_at.year }}{% endmacro %}\n")
        try project.write("models/e.sql", "{{ config(tags=[stamp()]) }}\nselect 1 as id\n")
        _ = try project.parse()
        #expect(try project.parse().rendered == ["e"])
    }

    @Test func partialParsingCanBeTurnedOff() throws {
        let project = try Project()
        project.partialParse = false
        #expect(try project.parse().rendered == Self.models)
        #expect(!project.cacheExists)
        #expect(try project.parse().rendered == Self.models)
    }

    @Test func anUnreadableCacheIsAFullParse() throws {
        let project = try Project()
        _ = try project.parse()
        try project.write("target/weir_partial_parse.bin", "not a cache")
        // The parse snapshot would stand in for the whole parse; an unreadable one is ignored too.
        try project.write("target/weir_parse_snapshot.bin", "not a snapshot")
        #expect(try project.parse().rendered == Self.models)
        #expect(try project.parse().rendered == [])
    }
}
