import Artifacts
import Diagnostics
import Execution
import Foundation
import ProjectModel
import Selection
import Synchronization
import Testing
import Warehouse
import Workspace

/// What dbt-core 1.11 (dbt-postgres) did for each step of the `freshness` fixture project, as
/// `Scripts/generate_freshness_fixtures.py` recorded it in `Freshness/expected/steps.json`:
/// `source freshness` with and without a selection (exit status, the freshness log lines,
/// sources.json with what changes between runs replaced by its type), and after a row was
/// loaded, `ls --select source_status:fresher[+] --state <the first run's sources.json>`.
enum DbtFreshness {
    static func load() throws -> [JSONValue] {
        let file = RunProject.testsDirectory.appendingPathComponent("Freshness/expected/steps.json")
        return try #require(try JSONValue(parsing: Array(try Data(contentsOf: file)))["steps"]?.arrayValue)
    }

    /// The values that follow `flag` in dbt's arguments, up to the next flag.
    static func values(of flag: String, in arguments: [String]) -> [String] {
        guard let start = arguments.firstIndex(of: flag) else { return [] }
        return Array(arguments[(start + 1)...].prefix { !$0.hasPrefix("--") })
    }

    /// The log line dbt prints for an event, without its time and bracket.
    static func line(_ event: FreshnessEvent, names: [String: String]) -> String? {
        switch event {
        case .started(let id, let index, let total):
            return "\(index) of \(total) START freshness of \(names[id] ?? id)"
        case .finished(let result, let index, let total):
            let words = ["pass": "PASS", "warn": "WARN", "error": "ERROR STALE", "runtime error": "ERROR"]
            return "\(index) of \(total) \(words[result.status.rawValue] ?? "?") freshness of \(names[result.uniqueID] ?? result.uniqueID)"
        case .statement:
            return nil
        }
    }

    /// Runs the generator's steps with Weir on `project` (seeded first) and expects dbt's
    /// results. Without PostgreSQL the `zoned` source is disabled: its lines and result are left
    /// out of dbt's and the other lines count one source fewer. `loadARow` adds the row the
    /// generator adds between the two full runs.
    static func expectDbtsSteps(_ project: RunProject, postgres: Bool, loadARow: () throws -> Void) throws {
        let (seeded, _) = try project.run(.seed)
        #expect(seeded.exitStatus == 0)
        let steps = try load()
        #expect(steps.count == 9)
        for step in steps {
            let name = try #require(step["name"]?.stringValue)
            let arguments = step["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
            switch name {
            case "record state":
                try FileManager.default.createDirectory(atPath: project.directory + "/state", withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: project.directory + "/target/sources.json", toPath: project.directory + "/state/sources.json")
                continue
            case "load a row":
                try loadARow()
                continue
            default: break
            }
            let selection = SelectionRequest(select: values(of: "--select", in: arguments), exclude: values(of: "--exclude", in: arguments))
            if arguments.first == "ls" {
                let workspace = project.workspace(command: "ls", state: "state")
                let listed = try workspace.select(selection, in: try workspace.parse())
                let expected = (step["listed"]?.arrayValue ?? []).compactMap(\.stringValue).filter { postgres || !$0.contains(".zoned.") }
                #expect(listed.sorted() == expected, "\(name)")
                continue
            }
            try expectStep(step, name: name, selection: selection, project: project, postgres: postgres)
        }
    }

    static func expectStep(_ step: JSONValue, name: String, selection: SelectionRequest, project: RunProject, postgres: Bool) throws {
        let logged = Mutex<[String]>([])
        var configuration = project.workspace(command: "freshness").configuration
        configuration.logSink = { line in logged.withLock { $0.append(line) } }
        let workspace = Workspace(configuration)
        let parsed = try workspace.parse()
        let names = Dictionary(uniqueKeysWithValues: parsed.manifest.sources.values.map { ($0.uniqueID, "\($0.sourceName).\($0.name)") })
        let outcome = try workspace.sourceFreshness(
            FreshnessRequest(selection: selection), in: parsed,
            events: { event in if let line = line(event, names: names) { logged.withLock { $0.append(line) } } },
            hookEvents: { _ in })
        #expect(step["exit_code"] == .int(Int(outcome.exitStatus)), "\(name)")

        // dbt's lines: the hook's log, then the checks in order (the summary's lines aside).
        var expectedLines = (step["logged"]?.arrayValue ?? []).compactMap(\.stringValue).filter {
            $0 == "freshness hooks: on-run-start" || $0.contains(" freshness of ")
        }
        var expectedResults = step["sources_json"]?["results"]?.arrayValue ?? []
        if !postgres {
            expectedLines = expectedLines.filter { !$0.hasSuffix("zoned.past_loads") }.map { $0.replacingOccurrences(of: " of 9 ", with: " of 8 ") }
            expectedResults = expectedResults.filter { $0["unique_id"]?.stringValue?.contains(".zoned.") != true }
        }
        #expect(logged.withLock { $0 } == expectedLines, "\(name)")
        #expect(outcome.nothingToDo == (step["logged"]?.arrayValue?.contains(.string("Nothing to do. Try checking your model configs and model specification args")) ?? false))

        let written = try JSONValue(parsing: Array(try project.file("target/sources.json")))
        let results = written["results"]?.arrayValue ?? []
        // Weir also writes the checks that could not be made, which dbt 1.11 leaves out.
        let failedChecks = results.filter { $0["status"]?.stringValue == "runtime error" }
        #expect(failedChecks.map { $0["unique_id"]?.stringValue ?? "" } == outcome.results.filter { $0.status == .runtimeError }.map(\.uniqueID))
        for failed in failedChecks { #expect(failed.objectValue?.keys == ["unique_id", "error", "status"]) }
        let checked = results.filter { $0["status"]?.stringValue != "runtime error" }
        #expect(checked.count == expectedResults.count, "\(name)")
        for (got, want) in zip(checked, expectedResults) {
            let id = want["unique_id"]?.stringValue ?? "?"
            for key in ["unique_id", "max_loaded_at", "status", "criteria"] {
                #expect(got[key].map(sortedKeys) == want[key], "\(name): \(id) \(key)")
            }
            #expect(got.objectValue?.keys.sorted() == want.objectValue?.keys.sorted(), "\(name): \(id)")
            if postgres { #expect(got["adapter_response"].map(sortedKeys) == want["adapter_response"], "\(name): \(id)") }
            // The age is the clock's reading less the load time (Foundation's calendar is not
            // proleptic before 1582, so the year 1 is left to the reading above).
            guard want["max_loaded_at"]?.stringValue?.hasPrefix("0001-") == false else { continue }
            let loaded = try #require(got["max_loaded_at"]?.stringValue.flatMap(parse))
            let clock = try #require(got["snapshotted_at"]?.stringValue.flatMap(parse))
            let age = try #require(number(got["max_loaded_at_time_ago_in_s"]))
            #expect(abs(clock.timeIntervalSince(loaded) - age) < 0.01, "\(name): \(id)")
        }
        #expect(written["metadata"]?["dbt_schema_version"] == step["sources_json"]?["dbt_schema_version"])
    }

    /// The value with every object's keys sorted, as the generator writes them.
    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var sorted = JSONObject()
            for key in object.keys.sorted() { sorted[key] = object[key].map(sortedKeys) }
            return .object(sorted)
        case .array(let items): return .array(items.map(sortedKeys))
        default: return value
        }
    }

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .double(let number)?: return number
        case .int(let number)?: return Double(number)
        default: return nil
        }
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

extension Workspace {
    /// `source freshness` with the events ignored, parsed afresh unless `parsed` is given.
    func checkFreshness(select: [String] = [], outputPath: String? = nil, in parsed: Parsed? = nil) throws -> FreshnessOutcome {
        try sourceFreshness(
            FreshnessRequest(selection: SelectionRequest(select: select), outputPath: outputPath), in: try parsed ?? parse(),
            events: { _ in }, hookEvents: { _ in })
    }
}

@Suite struct FreshnessRunTests {
    /// Every status (pass, warn, error past `error_after`, a runtime error for a missing
    /// relation), thresholds merged from source and table, `filter`, `loaded_at_query` with
    /// `this`, a `loaded_at_field` expression, no row at all, selections, the on-run-start hook,
    /// and `source_status:fresher` after a load: as dbt-postgres did them.
    @Test func freshnessChecksDoWhatDbtsDo() throws {
        let project = try RunProject("freshness")
        try DbtFreshness.expectDbtsSteps(project, postgres: false) {
            let connection = try project.sqlite("freshness.db")
            defer { connection.close() }
            _ = try connection.execute("insert into past_loads values (3, '2002-02-02 02:02:02')")
        }
    }

    /// sources.json validates against dbt's schema, a check that could not be made included.
    @Test func sourcesJSONValidates() throws {
        let project = try RunProject("freshness")
        try project.run(.seed)
        let outcome = try project.workspace(command: "freshness").checkFreshness()
        #expect(outcome.results.contains { $0.status == .runtimeError })
        let (valid, report) = try validateArtifact(try project.file("target/sources.json"), schema: "sources-v3.json")
        #expect(valid, "\(report)")
    }

    /// With more threads than one the checks run side by side and find the same.
    @Test func threadsFindTheSame() throws {
        let project = try RunProject("freshness")
        try project.run(.seed)
        var statuses: [[String: FreshnessStatus]] = []
        for threads in [1, 4] {
            var configuration = project.workspace(command: "freshness").configuration
            configuration.threads = threads
            let outcome = try Workspace(configuration).checkFreshness()
            statuses.append(Dictionary(uniqueKeysWithValues: outcome.results.map { ($0.uniqueID, $0.status) }))
            #expect(Set(outcome.results.map(\.threadID)).count <= threads)
        }
        #expect(statuses[0] == statuses[1])
        #expect(statuses[0].count == 8)
    }

    /// `--output` writes sources.json elsewhere; nothing selected writes it without results.
    @Test func outputPathAndNothingToDo() throws {
        let project = try RunProject("freshness")
        try project.run(.seed)
        let workspace = project.workspace(command: "freshness")
        let parsed = try workspace.parse()
        let elsewhere = project.directory + "/elsewhere.json"
        let outcome = try workspace.checkFreshness(select: ["source:raw.future_loads"], outputPath: elsewhere, in: parsed)
        #expect(outcome.exitStatus == 0)
        #expect(try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: elsewhere))))["results"]?.arrayValue?.count == 1)
        #expect(!FileManager.default.fileExists(atPath: project.directory + "/target/sources.json"))
        let none = try workspace.checkFreshness(select: ["source:documented"], in: parsed)
        #expect(none.nothingToDo && none.exitStatus == 0 && none.hookResults.isEmpty)
        #expect(try JSONValue(parsing: Array(try project.file("target/sources.json")))["results"]?.arrayValue == [])
    }

    /// A project's own `collect_freshness` takes over, dispatched the dbt way. One that runs two
    /// statements and builds its result from the second is rendered against the warehouse.
    @Test func aProjectsCollectFreshnessTakesOver() throws {
        let project = try RunProject("freshness")
        try FileManager.default.createDirectory(atPath: project.directory + "/macros", withIntermediateDirectories: true)
        try """
            {% macro sqlite__collect_freshness(source, loaded_at_field, filter) %}
              {% call statement('warm_up', fetch_result=True) %}select 1{% endcall %}
              {% call statement('collect_freshness', fetch_result=True) %}
                select '2099-01-01 00:00:00' as max_loaded_at, datetime() as snapshotted_at from {{ source }} limit 1
              {% endcall %}
              {{ return(load_result('collect_freshness')) }}
            {% endmacro %}
            """.write(toFile: project.directory + "/macros/freshness.sql", atomically: true, encoding: .utf8)
        try project.run(.seed)
        let outcome = try project.workspace(command: "freshness").checkFreshness(select: ["source:raw.past_loads"])
        let result = try #require(outcome.results.first)
        #expect(result.status == .pass)
        #expect(result.maxLoadedAt == DbtFreshness.parse("2099-01-01T00:00:00Z"))
    }

    /// A loaded_at_field that is no timestamp is a runtime error saying so, naming the table.
    @Test func aValueThatIsNoTimestampIsARuntimeError() throws {
        let project = try RunProject("freshness")
        try project.run(.seed)
        let yaml = project.directory + "/models/sources.yml"
        let text = try String(contentsOfFile: yaml, encoding: .utf8)
        try text.replacingOccurrences(of: "loaded_at_field: loaded_at\n", with: "loaded_at_field: id\n")
            .write(toFile: yaml, atomically: true, encoding: .utf8)
        let outcome = try project.workspace(command: "freshness").checkFreshness(select: ["source:raw.past_loads"])
        let result = try #require(outcome.results.first)
        #expect(result.status == .runtimeError)
        #expect(outcome.exitStatus == 1)
        let message = (result.error as? Diagnostic)?.message ?? ""
        #expect(message == "expected a timestamp value when querying field 'max_loaded_at' of table \"main\".\"past_loads\" but received value of type 'int' instead", "\(message)")
    }

    /// dbt's thresholds: strictly older than the span; error before warn; unset parts check nothing.
    @Test func thresholdsJudgeAgesAsDbtDoes() {
        let threshold = FreshnessThreshold(
            warnAfter: .init(count: 12, period: "hour"), errorAfter: .init(count: 1, period: "day"))
        #expect(threshold.verdict(age: -5) == .pass)
        #expect(threshold.verdict(age: 12 * 3600) == .pass)
        #expect(threshold.verdict(age: 12 * 3600 + 0.5) == .warn)
        #expect(threshold.verdict(age: 86400 + 1) == .error)
        #expect(FreshnessThreshold(warnAfter: .init(count: 1, period: nil)).isSet == false)
        #expect(FreshnessThreshold(.map(ConfigMap([("error_after", .map(ConfigMap([("count", .int(30)), ("period", .string("minute"))])))]))).verdict(age: 1801) == .error)
    }
}

@Suite struct PostgresFreshnessRunTests {
    /// The fixture's steps on PostgreSQL, the `zoned` source (a timestamp with time zone) too.
    @Test func freshnessChecksDoWhatDbtsDo() throws {
        let (project, server, database) = try PostgresRunTests.project("freshness")
        try DbtFreshness.expectDbtsSteps(project, postgres: true) {
            let connection = try PostgresRunTests.connect(server, database: database)
            defer { connection.close() }
            _ = try connection.execute("insert into freshness_fixtures.past_loads values (3, '2002-02-02 02:02:02')")
        }
    }
}

@Suite struct FreshnessCommandTests {
    /// `weir source freshness` prints dbt's lines for each check, says why each source failed,
    /// and exits 1 when one is stale or could not be checked; 0 when all pass.
    @Test func theCommandPrintsDbtsLinesAndExitsAsDbtDoes() throws {
        let project = try RunProject("freshness")
        try project.run(.seed)
        let weir = try ProcessRunTests.weir().path
        let (status, output) = try runProgram([weir, "source", "freshness", "--project-dir", project.directory, "--profiles-dir", project.directory])
        #expect(status == 1, "\(output)")
        // Each line without its time and the dots and bracket after the message.
        let printed = output.split(separator: "\n").compactMap { line -> String? in
            guard line.contains(" freshness of ") else { return nil }
            let message = line.dropFirst(10)
            return String(message[..<(message.range(of: " ...")?.lowerBound ?? message.endIndex)])
        }
        let steps = try DbtFreshness.load()
        let expected = (steps[0]["logged"]?.arrayValue ?? []).compactMap(\.stringValue)
            .filter { $0.contains(" freshness of ") && !$0.hasSuffix("zoned.past_loads") }
            .map { $0.replacingOccurrences(of: " of 9 ", with: " of 8 ") }
        #expect(printed == expected, "\(output)")
        #expect(output.contains("Failure in source past_loads (models/sources.yml): last loaded 2001-06-15 12:30:45 UTC"), "\(output)")
        #expect(output.contains("Error in source missing_loads (models/sources.yml): no such table: main.missing_loads"), "\(output)")
        #expect(output.contains("Done. PASS=2 WARN=1 ERROR=5 TOTAL=8"), "\(output)")

        let (passing, passed) = try runProgram([
            weir, "source", "freshness", "--project-dir", project.directory, "--profiles-dir", project.directory,
            "--select", "source:raw.future_loads", "-o", project.directory + "/fresh.json",
        ])
        #expect(passing == 0, "\(passed)")
        #expect(FileManager.default.fileExists(atPath: project.directory + "/fresh.json"))
    }
}
