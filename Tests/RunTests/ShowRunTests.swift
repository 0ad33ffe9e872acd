import Artifacts
import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel
import ResultPreview
import Selection
import Testing
import Workspace

/// `weir show` against what dbt's `dbt show` did (`Scripts/generate_show_fixtures.py`, in
/// `Show/expected/`): on PostgreSQL, every step dbt-postgres ran on the fixture project `show`
/// (what it printed, the query each node ran and the warehouse's response, its failures); on
/// SQLite, queries whose rows Python's `sqlite3` handed dbt's own table code.
@Suite struct ShowRunTests {
    static func expected(_ file: String) throws -> JSONValue {
        let url = RunProject.testsDirectory.appendingPathComponent("Show/expected/\(file)")
        return try JSONValue(parsing: Array(try Data(contentsOf: url)))
    }

    /// A `dbt show` command line as a request, with its `--vars`, `--output json` and `--inline-direct`.
    struct Step {
        var request = ShowRequest(selection: SelectionRequest())
        var vars = ConfigMap()
        var json = false
        var direct: String?

        init(_ arguments: [String]) throws {
            var index = 0
            while index < arguments.count {
                let flag = arguments[index]
                var values: [String] = []
                index += 1
                while index < arguments.count, !arguments[index].hasPrefix("--"), arguments[index] != "-s" {
                    values.append(arguments[index])
                    index += 1
                }
                switch flag {
                case "-s": request.selection.select = values
                case "--output": json = values == ["json"]
                case "--limit": request.limit = values.first.flatMap { Int($0) }.flatMap { $0 < 0 ? nil : $0 }
                case "--inline": request.inline = values.first
                case "--inline-direct": direct = values.first
                case "--vars":
                    vars = try YAMLReader.parse(SourceFile(name: "--vars", text: values.first ?? "")).value.mapValue ?? ConfigMap()
                default: Issue.record("unknown flag \(flag)")
                }
            }
        }
    }

    /// The run_results.json entry of a node, reduced to what the generator kept.
    static func writtenResults(_ project: RunProject) throws -> [String: JSONValue] {
        let results = try JSONValue(parsing: Array(try project.file("target/run_results.json")))["results"]?.arrayValue ?? []
        return Dictionary(uniqueKeysWithValues: results.compactMap { result in result["unique_id"]?.stringValue.map { ($0, result) } })
    }

    @Test func sqliteRowsPrintAsDbtPrintsTheDriversValues() throws {
        let project = try RunProject("show")
        let (outcome, _) = try project.run(.run, select: ["players"])
        #expect(outcome.exitStatus == 0)
        let workspace = project.workspace(command: "show")
        let parsed = try workspace.parse()
        let cases = try #require(try Self.expected("sqlite.json")["cases"]?.arrayValue)
        #expect(cases.count == 4)
        for want in cases {
            let query = want["query"]?.stringValue ?? ""
            let shown = try workspace.show(ShowRequest(selection: SelectionRequest(), inline: query, limit: nil), in: parsed)
            let table = try #require(shown.previews.first?.table)
            #expect(table.columnTypes.map(\.rawValue) == (want["types"]?.arrayValue ?? []).compactMap(\.stringValue), "\(query)")
            #expect(table.showMessage(node: "preview", json: false) == want["text"]?.stringValue, "\(query)")
            #expect(table.showMessage(node: "preview", json: true) == want["json"]?.stringValue, "\(query)")
        }
    }

    /// dbt previews the nodes whose name is part of the first `--select` argument, and runs the
    /// query of every selected one: `-s +summary` prints `summary`, and records its parents too.
    @Test func onlyTheNamedNodesArePrintedButEverySelectedOneRuns() throws {
        let project = try RunProject("show")
        try project.run(.run, select: ["players"])
        let workspace = project.workspace(command: "show")
        let shown = try workspace.show(ShowRequest(selection: SelectionRequest(select: ["+summary"])), in: try workspace.parse())
        #expect(shown.previews.map(\.name) == ["summary"])
        let written = try Self.writtenResults(project)
        #expect(written.keys.sorted() == ["model.show_preview.players", "model.show_preview.recent", "model.show_preview.summary"])
        let sql = written["model.show_preview.summary"]?["compiled_code"]?.stringValue ?? ""
        #expect(sql.hasPrefix("\n  \n  with __dbt__cte__recent as ("), "\(sql)")
        #expect(sql.hasSuffix("\n  \n  limit 5\n"), "\(sql)")
        #expect(FileManager.default.fileExists(atPath: project.directory + "/target/compiled/show_preview/models/summary.sql"))
    }

    @Test func nothingToPreviewStopsTheInvocation() throws {
        let project = try RunProject("show")
        let workspace = project.workspace(command: "show")
        let error = #expect(throws: Diagnostic.self) {
            try workspace.show(ShowRequest(selection: SelectionRequest()), in: try workspace.parse())
        }
        #expect(error?.code == "W2001")
    }

    @Test func aFailingQueryStopsTheInvocationAndNamesTheNode() throws {
        let project = try RunProject("show")
        try project.run(.run, select: ["players"])
        let workspace = project.workspace(command: "show")
        let error = #expect(throws: Diagnostic.self) {
            try workspace.show(ShowRequest(selection: SelectionRequest(select: ["broken"])), in: try workspace.parse())
        }
        #expect(error?.code == "W2002")
        #expect(error?.message.hasPrefix("Database Error in model broken (models/broken.sql)\n  ") == true, "\(String(describing: error))")
        #expect(error?.message.contains("no_such_column") == true)
    }

    /// dbt's show loads a selected seed, then prints its file; Weir leaves it out and says so.
    @Test func aSeedIsNotLoaded() throws {
        let project = try RunProject("show")
        let workspace = project.workspace(command: "show")
        let shown = try workspace.show(ShowRequest(selection: SelectionRequest(select: ["countries"])), in: try workspace.parse())
        #expect(shown.previews.isEmpty)
        #expect(shown.warnings.map(\.code) == ["W2003"])
        let connection = try project.sqlite("show.db")
        defer { connection.close() }
        #expect(try connection.relations(inSchema: "main").isEmpty)
    }
}

extension ShowRunTests {
    /// The command prints the previews alone on stdout (with `-q`, the table alone), and stops
    /// with status 2 when there is nothing to preview or a query fails.
    @Test func theCommandPrintsThePreviewAndExitsAsDbt() throws {
        let project = try RunProject("show")
        try project.run(.run, select: ["players"])
        let weir = try ProcessRunTests.weir().path
        let base = [weir, "show", "--project-dir", project.directory, "--profiles-dir", project.directory]
        let (status, output) = try runProgram(base + ["--inline", "select 1 as n, 'a' as letter", "-q"])
        #expect(status == 0)
        #expect(output == "| n | letter |\n| - | ------ |\n| 1 | a      |\n\n", "\(output)")
        let (json, printed) = try runProgram(base + ["-s", "summary", "--output", "json"])
        #expect(json == 0)
        #expect(printed.hasPrefix("{\n  \"node\": \"summary\",\n  \"show\": [\n"), "\(printed)")
        #expect(try runProgram(base).status == 2)
        let (nothing, said) = try runProgram(base + ["-s", "no_such_model"])
        #expect(nothing == 0)
        #expect(said.contains("warning[W1111]: The selection criterion 'no_such_model' does not match any enabled nodes"), "\(said)")
        #expect(said.hasSuffix("Nothing to do. Try checking your model configs and model specification args\n"), "\(said)")
        #expect(try runProgram(base + ["-s", "broken"]).status == 2)
    }
}

@Suite struct PostgresShowRunTests {
    /// dbt changes an ephemeral model's compiled code into its show query once that runs, and a
    /// model selected with it then inlines the show query (`limit 5` inside the CTE): Weir inlines
    /// the ephemeral model's SQL, as dbt does for `-s summary` alone.
    static let ephemeralRewrittenByDbt = ["the nodes upstream too": "model.show_preview.summary"]

    static func members(_ object: JSONValue?) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: (object?.objectValue ?? JSONObject()).map { ($0.key, $0.value) })
    }

    @Test func everyStepPrintsAndRecordsWhatDbtPostgresDid() throws {
        let (project, _, database) = try PostgresRunTests.project("show")
        let (built, _) = try project.run(.run, select: ["players", "recent", "summary", "headered", "big_numbers"])
        #expect(built.exitStatus == 0)
        let steps = try #require(try ShowRunTests.expected("steps.json")["steps"]?.arrayValue)
        #expect(steps.count == 18)
        for want in steps {
            let name = want["name"]?.stringValue ?? ""
            let step = try ShowRunTests.Step((want["args"]?.arrayValue ?? []).compactMap(\.stringValue))
            let workspace = project.workspace(vars: step.vars, command: "show")
            let parsed = try workspace.parse()
            try? FileManager.default.removeItem(atPath: project.directory + "/target/run_results.json")
            let messages: [String]
            do {
                if let direct = step.direct {
                    messages = [try workspace.showDirect(direct, limit: step.request.limit, in: parsed).showMessage(node: nil, json: step.json)]
                } else {
                    messages = try workspace.show(step.request, in: parsed).previews.map { $0.table.showMessage(node: $0.name, json: step.json) }
                }
            } catch let error as Diagnostic {
                #expect(want["exit_code"] == .int(2), "\(name): \(error)")
                // dbt's error, line by line, is in Weir's message (but for dbt's caret excerpt).
                let lines = (want["error"]?.stringValue ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                for line in lines.dropFirst().prefix(2) {
                    #expect(error.message.replacingOccurrences(of: database, with: "weir_fixtures").contains(line), "\(name): \(error.message)")
                }
                continue
            }
            #expect(want["exit_code"] == .int(0), "\(name)")
            #expect(messages == (want["shown"]?.arrayValue ?? []).compactMap { $0["msg"]?.stringValue }, "\(name)")
            let results = want["results"]?.arrayValue ?? []
            guard !results.isEmpty else { continue }
            let written = try ShowRunTests.writtenResults(project)
            #expect(written.keys.sorted() == results.compactMap { $0["unique_id"]?.stringValue }, "\(name)")
            for result in results {
                let id = result["unique_id"]?.stringValue ?? ""
                let got = try #require(written[id], "\(name): \(id)")
                #expect(got["status"] == result["status"], "\(name): \(id)")
                // (The generator sorts keys; dbt writes them in the response's field order, as Weir does.)
                #expect(Self.members(got["adapter_response"]) == Self.members(result["adapter_response"]), "\(name): \(id)")
                if Self.ephemeralRewrittenByDbt[name] != id {
                    let sql = got["compiled_code"]?.stringValue?.replacingOccurrences(of: "\"\(database)\"", with: "\"weir_fixtures\"")
                    #expect(sql == result["compiled_code"]?.stringValue, "\(name): \(id)")
                }
            }
        }
    }
}
