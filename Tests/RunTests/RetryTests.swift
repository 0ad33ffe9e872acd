import Diagnostics
import Execution
import Foundation
import Planning
import ProjectModel
import Selection
import Testing
import Workspace

/// `weir retry`, as dbt's `dbt retry`: the previous invocation's command and settings, replayed
/// for exactly the nodes that errored, failed or were skipped. In the `shop` project, `fragile`
/// fails when `--vars '{break: true}'` and `after_fragile` is built on it.
@Suite struct RetryTests {
    static let hooks: Set<String> = [
        "operation.shop.shop-on-run-start-0", "operation.shop.shop-on-run-end-0",
    ]

    @Test func aBuildIsRetriedForItsFailedAndSkippedNodesOnly() throws {
        let project = try RunProject("shop")
        let (first, _) = try project.run(.build, vars: ConfigMap([("break", true)]))
        #expect(first.exitStatus == 1)
        #expect(
            try project.recordedStatuses().filter { $0.value == "error" || $0.value == "skipped" } == [
                "model.shop.fragile": "error", "model.shop.after_fragile": "skipped",
            ])

        let (retry, _) = try project.retry(vars: ConfigMap([("break", false)]))
        #expect(retry.exitStatus == 0)
        #expect(
            try project.recordedStatuses() == [
                "operation.shop.shop-on-run-start-0": "success", "model.shop.fragile": "success",
                "model.shop.after_fragile": "success", "operation.shop.shop-on-run-end-0": "success",
            ], "only the failed and skipped nodes ran, with the hooks")
        let warehouse = try project.sqlite()
        #expect(try rows(warehouse, "select n from after_fragile") == [["6"]])
        // customers' post-hook logs each build of it; the retry did not build it again.
        #expect(
            try rows(warehouse, "select event from run_log order by rowid") == [
                ["customers built"], ["end"], ["end"],
            ])
    }

    @Test func theRecordedVarsAreReplayedUnlessRetryIsGivenOthers() throws {
        let project = try RunProject("shop")
        try project.run(.build, vars: ConfigMap([("break", true)]))

        let (again, byID) = try project.retry()
        #expect(again.exitStatus == 1, "break is still true")
        #expect(byID["model.shop.fragile"]?.status == .error)
        #expect(byID["model.shop.after_fragile"]?.status == .skipped)
        #expect(Set(byID.keys) == Self.hooks.union(["model.shop.fragile", "model.shop.after_fragile"]))
        #expect(try project.recordedArgs()["vars"] as? [String: Bool] == ["break": true])

        // The retry's own run_results.json is retried in turn; `--vars` replaces the recorded vars.
        let (fixed, _) = try project.retry(vars: ConfigMap([("break", false)]))
        #expect(fixed.exitStatus == 0)
        #expect(try project.recordedArgs()["vars"] as? [String: Bool] == ["break": false])
        #expect(try project.recordedArgs()["which"] as? String == "build")
    }

    @Test func aFailedTestIsRetriedWithEverythingItSkipped() throws {
        let project = try RunProject("shop")
        let (first, _) = try project.run(.build, vars: ConfigMap([("big_order_tolerance", 0)]))
        #expect(first.exitStatus == 1)
        let previous = try project.recordedStatuses()
        #expect(previous["test.shop.no_big_orders"] == "fail")
        #expect(previous["model.shop.customers"] == "skipped")
        let retryable = Set(previous.filter { ["fail", "skipped", "error"].contains($0.value) }.keys)

        let (retry, byID) = try project.retry(vars: ConfigMap([("big_order_tolerance", 5)]))
        #expect(retry.exitStatus == 0)
        #expect(Set(byID.keys) == retryable.union(Self.hooks))
        #expect(
            byID["seed.shop.raw_orders"] == nil && byID["model.shop.stg_orders"] == nil,
            "what succeeded is not run again")
        #expect(byID["test.shop.no_big_orders"]?.status == .warn)
        #expect(byID["model.shop.customers"]?.status == .success)
    }

    /// threads, full_refresh, fail_fast, vars, target and the event times are written to
    /// run_results.json's `args` as dbt writes them, and read back by retry.
    @Test func theRecordedSettingsAreReplayed() throws {
        let project = try RunProject("shop")
        try project.run()
        var configuration = project.workspace(
            vars: ConfigMap([("break", true), ("label", "nightly")]), fullRefresh: true, command: "run"
        ).configuration
        configuration.threads = 1
        let workspace = Workspace(configuration)
        var request = RunRequest(command: .run, selection: SelectionRequest(select: ["fragile+"]))
        request.failFast = true
        let start = try #require(EventTimeFlags.parse("2024-09-14"))
        let end = try #require(EventTimeFlags.parse("2024-09-17 06:30:00"))
        request.eventTimeStart = start
        request.eventTimeEnd = end
        let first = try workspace.execute(request, in: try workspace.parse()) { _ in }
        #expect(first.exitStatus != 0)

        let args = try project.recordedArgs()
        #expect(args["which"] as? String == "run")
        #expect(args["threads"] as? Int == 1)
        #expect(args["full_refresh"] as? Bool == true)
        #expect(args["fail_fast"] as? Bool == true)
        #expect(args["target"] as? String == "dev")
        #expect(args["select"] as? [String] == ["fragile+"])
        #expect(args["vars"] as? NSDictionary == ["break": true, "label": "nightly"] as NSDictionary)
        #expect(args["event_time_start"] as? String == "2024-09-14T00:00:00")
        #expect(args["event_time_end"] as? String == "2024-09-17T06:30:00")

        var base = project.workspace().configuration
        base.targetName = "postgres"
        let previous = try Workspace(base).previousRun()
        #expect(previous.command == .run)
        #expect(previous.retryIDs == ["model.shop.fragile", "model.shop.after_fragile"])
        let replayed = previous.configuration(basedOn: base, vars: nil, threads: nil)
        #expect(replayed.command == "run")
        #expect(replayed.threads == 1)
        #expect(replayed.fullRefresh)
        #expect(replayed.cliVars == ConfigMap([("break", true), ("label", "nightly")]))
        #expect(replayed.targetName == "dev", "a --target given to retry is ignored, as dbt ignores it")
        let retryRequest = previous.request
        #expect(retryRequest.failFast)
        #expect(retryRequest.selection.select == ["fragile+"])
        #expect(retryRequest.eventTimeStart == request.eventTimeStart)
        #expect(retryRequest.eventTimeEnd == request.eventTimeEnd)
        #expect(retryRequest.uniqueIDs == ["model.shop.fragile", "model.shop.after_fragile"])
        #expect(retryRequest.originalInvocationStartedAt != nil)

        let overridden = previous.configuration(
            basedOn: base, vars: ConfigMap([("break", false)]), threads: 2)
        #expect(overridden.threads == 2)
        #expect(
            overridden.cliVars == ConfigMap([("break", false)]),
            "--vars replaces the recorded vars, as in dbt")

        // The retry records the same settings again, so it can be retried in turn.
        let (retry, _) = try project.retry(vars: ConfigMap([("break", false)]))
        #expect(retry.exitStatus == 0)
        let again = try project.recordedArgs()
        #expect(again["which"] as? String == "run")
        #expect(again["threads"] as? Int == 1)
        #expect(again["full_refresh"] as? Bool == true)
        #expect(again["event_time_start"] as? String == "2024-09-14T00:00:00")
        #expect(again["event_time_end"] as? String == "2024-09-17T06:30:00")
        #expect(again["vars"] as? [String: Bool] == ["break": false])
    }

    @Test func withoutEventTimesNoneAreRecorded() throws {
        let project = try RunProject("shop")
        try project.run(.run, select: ["stg_orders"])
        let args = try project.recordedArgs()
        #expect(args["event_time_start"] == nil && args["event_time_end"] == nil)
        #expect(args["vars"] as? [String: Int] == [:], "dbt writes `vars: {}` without --vars")
    }

    /// Shaped as dbt-core 1.11.16 (dbt-duckdb) writes it: `daily` is a microbatch model one of
    /// whose three daily batches succeeded (dbt's output, trimmed); `weekly` is how dbt records
    /// such a model after a retry whose batches failed again (status `error`, the earlier
    /// successes kept); none of `hourly`'s batches succeeded.
    static let microbatchRunResults = """
        {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/run-results/v6.json", "dbt_version": "1.11.16",
          "generated_at": "2026-11-22T01:35:17.282353Z", "invocation_id": "0f396626-d708-4554-bbf9-c3d8dab7d936",
          "invocation_started_at": "2026-11-22T01:35:16.039652Z", "env": {}},
         "results": [
          {"status": "success", "unique_id": "model.mb.events", "batch_results": null},
          {"status": "partial success", "unique_id": "model.mb.daily", "batch_results": {
            "successful": [["2024-09-14T00:00:00+00:00", "2024-09-15T00:00:00+00:00"]],
            "failed": [["2024-09-15T00:00:00+00:00", "2024-09-16T00:00:00+00:00"], ["2024-09-16T00:00:00+00:00", "2024-09-17T00:00:00+00:00"]]}},
          {"status": "error", "unique_id": "model.mb.weekly", "batch_results": {
            "successful": [["2024-09-02T00:00:00+00:00", "2024-09-09T00:00:00+00:00"]],
            "failed": [["2024-09-09T00:00:00+00:00", "2024-09-16T00:00:00+00:00"]]}},
          {"status": "error", "unique_id": "model.mb.hourly", "batch_results": {
            "successful": [], "failed": [["2024-09-16T00:00:00+00:00", "2024-09-16T01:00:00+00:00"]]}},
          {"status": "skipped", "unique_id": "model.mb.after_daily", "batch_results": null},
          {"status": "error", "unique_id": "operation.mb.mb-on-run-end-0", "batch_results": null}
         ],
         "elapsed_time": 0.2,
         "args": {"which": "run", "select": [], "exclude": [], "vars": {}, "event_time_start": "2024-09-14T00:00:00",
          "event_time_end": "2024-09-17T00:00:00", "project_dir": "/tmp/dbtmb", "profiles_dir": "."}}
        """

    @Test func aMicrobatchModelThatPartlyFailedRetriesOnlyItsFailedBatches() throws {
        let previous = try PreviousRun(
            runResults: Array(Self.microbatchRunResults.utf8), path: "target/run_results.json")
        func day(_ text: String) throws -> Date { try #require(EventTimeFlags.parse(text)) }
        let request = previous.request
        #expect(
            request.batchesToRetry == [
                "model.mb.daily": [
                    BatchWindow(start: try day("2024-09-15"), end: try day("2024-09-16")),
                    BatchWindow(start: try day("2024-09-16"), end: try day("2024-09-17")),
                ],
                "model.mb.weekly": [BatchWindow(start: try day("2024-09-09"), end: try day("2024-09-16"))],
            ], "hourly has no successful batch, so it is built afresh, as dbt does")
        #expect(
            request.uniqueIDs == [
                "model.mb.daily", "model.mb.weekly", "model.mb.hourly", "model.mb.after_daily",
            ],
            "the hook is not retried")
        #expect(request.command == .run)
        #expect(request.eventTimeStart == (try day("2024-09-14")))
        #expect(request.eventTimeEnd == (try day("2024-09-17")))
        let startedAt = try #require(request.originalInvocationStartedAt)
        let expected = try day("2026-11-22 01:35:16").addingTimeInterval(0.039652)
        #expect(abs(startedAt.timeIntervalSince(expected)) < 0.000_002)
        #expect(previous.threads == nil && previous.target == nil, "dbt records neither without its flag")
    }

    @Test func nodesTheProjectNoLongerHasAreLeftOut() throws {
        let project = try RunProject("shop")
        try project.writeRunResults(Self.microbatchRunResults)
        let previous = try Workspace(project.workspace().configuration).previousRun()
        let workspace = Workspace(
            previous.configuration(basedOn: project.workspace().configuration, vars: nil, threads: nil))
        let parsed = try workspace.parse()
        #expect(try workspace.runnableIDs(previous.request, in: parsed).isEmpty)
        let outcome = try workspace.execute(previous.request, in: parsed) { _ in }
        #expect(outcome.nothingToDo && outcome.exitStatus == 0)
    }

    @Test func aRunResultsFileThatIsNotOneIsReported() throws {
        let project = try RunProject("shop")
        try project.writeRunResults("{\"results\": [")
        #expect(throws: Diagnostic.self) { try Workspace(project.workspace().configuration).previousRun() }
        try project.writeRunResults(
            #"{"results": [{"status": "error", "unique_id": "model.shop.fragile"}], "args": {"which": "compile"}}"#
        )
        #expect {
            try Workspace(project.workspace().configuration).previousRun()
        } throws: { error in
            (error as? Diagnostic)?.code == "W1703"
                && (error as? Diagnostic)?.message.contains("`compile`") == true
        }
    }

    // MARK: - The command line

    @Test func withoutAPreviousRunRetryStopsWithStatus2() throws {
        let project = try RunProject("shop")
        #expect {
            try Workspace(project.workspace().configuration).previousRun()
        } throws: { error in
            (error as? Diagnostic)?.code == "W1701"
        }
        let (status, output) = try weir(["retry"], in: project)
        #expect(status == 2, "\(output)")
        #expect(
            output.contains("error[W1701]: could not find previous run in 'target' target directory"),
            "\(output)")
    }

    @Test func whenNothingFailedRetryHasNothingToDo() throws {
        let project = try RunProject("shop")
        let (build, _) = try project.run(.build)
        #expect(build.exitStatus == 0)
        let (status, output) = try weir(["retry"], in: project)
        #expect(status == 0, "\(output)")
        #expect(
            output.contains("Nothing to do. Try checking your model configs and model specification args"),
            "\(output)")
        #expect(output.contains("Done. PASS=0 WARN=0 ERROR=0 SKIP=0 TOTAL=0"), "\(output)")
        #expect(!output.contains("hook:"), "not even the hooks run")
        #expect(
            try project.recordedStatuses().isEmpty,
            "run_results.json is written without results, as dbt writes it")
        #expect(try project.recordedArgs()["which"] as? String == "build")

        // dbt takes a run_results.json without results for no previous run.
        let (second, secondOutput) = try weir(["retry"], in: project)
        #expect(second == 2, "\(secondOutput)")
        #expect(secondOutput.contains("W1701"), "\(secondOutput)")
    }

    @Test func retryReportsAndExitsAsTheCommandItReplays() throws {
        let project = try RunProject("shop")
        try project.run(.build, vars: ConfigMap([("break", true)]))
        let (status, output) = try weir(["retry", "--full-refresh", "--threads", "1"], in: project)
        #expect(status == 1, "\(output)")
        #expect(output.contains("warning[W1704]: ignoring --full-refresh"), "\(output)")
        #expect(output.contains("(sqlite, 1 thread)"), "\(output)")
        #expect(output.contains("1 of 2 ERROR creating sql table model main.fragile"), "\(output)")
        #expect(output.contains("2 of 2 SKIP sql view model main.after_fragile"), "\(output)")

        let (fixed, fixedOutput) = try weir(["retry", "--vars", "{break: false}"], in: project)
        #expect(fixed == 0, "\(fixedOutput)")
        #expect(fixedOutput.contains("Done. PASS=4 WARN=0 ERROR=0 SKIP=0 TOTAL=4"), "\(fixedOutput)")
    }

    @Test(arguments: [
        (["run", "--event-time-start", "2024-01-02", "--event-time-end", "2024-01-01"], "W1707"),
        (["build", "--event-time-start", "2024-01-02", "--event-time-end", "2024-01-02T00:00:00"], "W1707"),
        (["run", "--event-time-start", "2024-01-01"], "W1706"),
        (["build", "--event-time-end", "2024-01-01"], "W1706"),
        (["run", "--event-time-start", "2024-02-30", "--event-time-end", "2024-03-01"], "W1705"),
        (["run", "--event-time-start", "2024-01-01T10:00", "--event-time-end", "2024-03-01"], "W1705"),
    ])
    func eventTimesAreCheckedBeforeAnythingRuns(arguments: [String], code: String) throws {
        let project = try RunProject("shop")
        let (status, output) = try weir(arguments, in: project)
        #expect(status == 2, "\(output)")
        #expect(output.contains("error[\(code)]"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: project.directory + "/target/run_results.json"))
    }

    @Test func eventTimesGivenOnTheCommandLineAreRecorded() throws {
        let project = try RunProject("shop")
        let (status, output) = try weir(
            [
                "run", "-s", "stg_orders", "--event-time-start", "2024-9-14 6:00:00", "--event-time-end",
                "2024-09-15T00:00:00",
            ], in: project)
        #expect(status == 0, "\(output)")
        let args = try project.recordedArgs()
        #expect(args["event_time_start"] as? String == "2024-09-14T06:00:00")
        #expect(args["event_time_end"] as? String == "2024-09-15T00:00:00")
    }

    /// `weir arguments...` on the project; its exit status and everything it printed.
    func weir(_ arguments: [String], in project: RunProject) throws -> (status: Int32, output: String) {
        try runProgram(
            [try ProcessRunTests.weir().path] + arguments + [
                "--project-dir", project.directory, "--profiles-dir", project.directory,
            ])
    }
}

extension RunProject {
    /// `weir retry` through the workspace, as the command does it.
    @discardableResult
    func retry(vars: ConfigMap? = nil, threads: Int? = nil) throws -> (
        outcome: RunOutcome, byID: [String: NodeResult]
    ) {
        let base = workspace().configuration
        let previous = try Workspace(base).previousRun()
        let workspace = Workspace(previous.configuration(basedOn: base, vars: vars, threads: threads))
        let outcome = try workspace.execute(previous.request, in: try workspace.parse()) { _ in }
        return (outcome, RunProject.byID(outcome))
    }

    /// target/run_results.json's results: each unique id's status.
    func recordedStatuses() throws -> [String: String] {
        let json =
            try JSONSerialization.jsonObject(with: try file("target/run_results.json")) as? [String: Any]
        let results = json?["results"] as? [[String: Any]] ?? []
        return Dictionary(
            results.compactMap { result in
                (result["unique_id"] as? String).map { ($0, result["status"] as? String ?? "") }
            },
            uniquingKeysWith: { $1 })
    }

    /// target/run_results.json's `args`.
    func recordedArgs() throws -> [String: Any] {
        let json =
            try JSONSerialization.jsonObject(with: try file("target/run_results.json")) as? [String: Any]
        return json?["args"] as? [String: Any] ?? [:]
    }

    func writeRunResults(_ text: String) throws {
        try FileManager.default.createDirectory(
            atPath: directory + "/target", withIntermediateDirectories: true)
        try text.write(toFile: directory + "/target/run_results.json", atomically: true, encoding: .utf8)
    }
}
