import Compiler
import Diagnostics
import Foundation
import ProjectModel
import Selection
import Testing
import Warehouse
@testable import Workspace

/// Column-name contracts end to end (Projects/vocabulary: weir.yml's vocabulary, models that
/// enforce it, a legacy folder that only warns): checked before anything runs, from columns the
/// warehouse infers from empty shadow relations; the vocabulary's tests generated on them.
@Suite struct ColumnContractTests {
    static let bad = ConfigMap([("bad", .bool(true))])

    @Test func aModelSelectsColumnsByReadingRelationsWhenItCallsAHelperThatDoes() {
        #expect(Workspace.usesColumnSelection("select {{ weir.starts_with(ref('a'), 'id_') }} from x"))
        #expect(Workspace.usesColumnSelection("{{ dbtplyr . everything(ref('a')) }}"))
        #expect(Workspace.usesColumnSelection("weir.where"))
        #expect(!Workspace.usesColumnSelection("select {{ weir.across(['a'], 'sum({col})') }}"), "across reads no relation")
        #expect(!Workspace.usesColumnSelection("select weir_starts_with from x -- dbtplyr"))
        #expect(!Workspace.usesColumnSelection("weir"))
        #expect(!Workspace.usesColumnSelection(""))
    }

    @Test func enforcedViolationsStopTheBuildBeforeAnythingRuns() throws {
        let project = try RunProject("vocabulary")
        let error = #expect(throws: ColumnContractViolations.self) { try project.run(vars: Self.bad) }
        let errors = try #require(error).diagnostics.filter { $0.severity == .error }
        #expect(errors.map { "\($0.code) \($0.file?.name ?? ""):\($0.location?.description ?? "")" } == [
            "W1902 models/marts/song_plays.sql:10:17", "W1902 models/marts/song_plays.sql:10:17",
            "W1904 models/marts/song_plays.sql:12:41", "W1903 models/marts/song_plays.sql:13:17",
        ], "artist_plays passes song_plays' columns on (select *): reported once, where they are produced")
        #expect(errors.first?.message == "column 'num_plays' of model 'song_plays' starts a part with 'num', which is not a measure stub")
        #expect(errors.first?.help?.hasPrefix("did you mean 'n'?") == true)
        #expect(errors[2].message == "column 'n_artist' of model 'song_plays' is TEXT, but its measure stub 'n' allows integer")
        // Nothing was built: not even the seeds, and the shadows were rolled back.
        let connection = try project.sqlite("vocabulary.db")
        #expect(try rows(connection, "select count(*) from sqlite_master where type in ('table', 'view')") == [["0"]])
    }

    @Test func warnModelsOnlyWarnAndTheVocabularyTestsRun() throws {
        let project = try RunProject("vocabulary")
        let (outcome, byID) = try project.run()
        #expect(outcome.exitStatus == 0)
        #expect(outcome.warnings.map(\.code) == ["W1902", "W1902"])
        #expect(outcome.warnings.first?.message == "column 'play_count' of model 'legacy_counts' starts a part with 'play', which is not a measure stub")
        // Generated from the stubs on columns no YAML declares, and run by build.
        let generated = outcome.results.map(\.uniqueID).filter { $0.hasPrefix("test.") }.map { $0.split(separator: ".")[2] }.sorted()
        #expect(generated.contains("non_negative_stg_listens_n_event"))
        #expect(generated.contains("accepted_values_song_plays_ind_song__False__0__1"))
        #expect(generated.contains("not_null_artist_plays_id_artist"))
        #expect(!generated.contains { $0.contains("legacy") && $0.hasPrefix("non_negative") })
        #expect(byID.values.filter { $0.uniqueID.hasPrefix("test.") }.allSatisfy { $0.status == .pass })
    }

    @Test func theGeneratedTestsCatchBadData() throws {
        let project = try RunProject("vocabulary")
        let (outcome, byID) = try project.run(vars: ConfigMap([("negative", .bool(true))]))
        #expect(outcome.exitStatus == 1)
        let failing = byID.filter { $0.value.status == .fail }.map(\.key)
        #expect(failing.map { String($0.split(separator: ".")[2]) } == ["non_negative_stg_listens_n_event"])
        #expect(byID["model.vocabulary.listen_totals"]?.status == .skipped)
    }

    @Test func theGeneratedTestsAreInTheManifestAndInLsAfterwards() throws {
        let project = try RunProject("vocabulary")
        try project.run(.run, select: ["song_plays"])
        // A later parse (`weir ls`) knows the inferred columns from target/weir_columns.json.
        let parsed = try project.workspace(command: "list").parse()
        let tests = parsed.manifest.nodes.values.filter { $0.attachedNode == "model.vocabulary.song_plays" }
        #expect(tests.map(\.name).sorted() == [
            "accepted_values_song_plays_ind_song__False__0__1", "non_negative_song_plays_n_user", "not_null_song_plays_id_artist",
            "not_null_song_plays_id_song", "not_null_song_plays_n_user",
        ])
        #expect(tests.allSatisfy { $0.originalFilePath == "weir.yml" && $0.dependsOn.nodes == ["model.vocabulary.song_plays"] })
    }

    /// SQLite types a table made from a query by affinity: a column read from a table keeps its
    /// declared type's (`INT`, `TEXT`), an expression such as `count(*)` or `max(...)` has none.
    @Test func inferenceOnSQLiteFollowsItsAffinitiesAndLeavesNothingBehind() throws {
        let project = try RunProject("vocabulary")
        let workspace = project.workspace(command: "compile")
        let parsed = try workspace.parse()
        let report = try workspace.checkColumnContracts(SelectionRequest(), in: parsed)
        #expect(report.checkedModels == 6)
        let columns = parsed.compiler.inferredColumns["model.vocabulary.artist_plays"]?.map { "\($0.name) \($0.dataType)" }
        #expect(columns == ["id_song INT", "nm_song TEXT", "id_artist INT", "n_user ", "ts_event ", "val_song ", "ind_song "])
        let connection = try project.sqlite("vocabulary.db")
        #expect(try rows(connection, "select count(*) from sqlite_master") == [["0"]])
    }

    @Test func theSelectionHelpersCompileBeforeTheirParentsAreBuilt() throws {
        let project = try RunProject("vocabulary")
        let workspace = project.workspace(command: "compile")
        let parsed = try workspace.parse()
        _ = try workspace.compile(["model.vocabulary.listen_totals"], in: parsed).value()
        #expect(parsed.manifest.nodes["model.vocabulary.listen_totals"]?.compiledCode == """
            select
                id_user,
                sum(n_event) as n_event,
                max(ts_event) as ts_event
            from "main"."stg_listens"
            where 
                (id_user is not null) and (id_song is not null)

            group by 1
            """)
    }
}

extension PostgresRunTests {
    @Test func inferenceOnPostgresGivesTheServersTypesAndLeavesNothingBehind() throws {
        let (project, server, database) = try Self.project("vocabulary")
        let workspace = project.workspace(command: "compile")
        let parsed = try workspace.parse()
        let report = try workspace.checkColumnContracts(SelectionRequest(), in: parsed)
        #expect(report.errors.isEmpty)
        let columns = parsed.compiler.inferredColumns["model.vocabulary.artist_plays"]?.map { "\($0.name) \($0.dataType)" }
        #expect(columns == [
            "id_song integer", "nm_song text", "id_artist integer", "n_user bigint", "ts_event timestamp without time zone",
            "val_song numeric", "ind_song integer",
        ])
        let connection = try Self.connect(server, database: database)
        #expect(try rows(connection, "select count(*) from pg_class where relnamespace = 'vocabulary'::regnamespace") == [["0"]])
    }

    @Test func aDateInATimestampColumnStopsThePostgresBuild() throws {
        let (project, _, _) = try Self.project("vocabulary")
        let error = #expect(throws: ColumnContractViolations.self) { try project.run(vars: ColumnContractTests.bad) }
        let messages = error?.diagnostics.filter { $0.code == "W1904" }.map(\.message)
        #expect(messages == [
            "column 'ts_song' of model 'song_plays' is date, but its measure stub 'ts' allows timestamp",
            "column 'n_artist' of model 'song_plays' is text, but its measure stub 'n' allows integer",
        ])
        let (outcome, _) = try project.run()
        #expect(outcome.exitStatus == 0)
    }
}
