import Foundation
import Testing

/// `--warn-error` and `--warn-error-options` (and `DBT_WARN_ERROR`, `DBT_WARN_ERROR_OPTIONS`,
/// `flags:` in `dbt_project.yml`) end each invocation as dbt ended it on the same project
/// (`Projects/warn_error`): the exit status, and each node's status in `run_results.json` (or no
/// `run_results.json` where dbt stopped before writing one). The expectations are dbt's, recorded
/// by `Scripts/generate_warn_error_fixtures.py`.
@Suite struct WarnErrorTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var environment: [String: String]
        var project_lines: String
        var exit_status: Int32
        var statuses: [String: String]?
        var testDescription: String { name }
    }

    static let cases: [Case] = recordedCases("WarnError/expected/cases.json")

    @Test func theExpectationsAreThere() {
        #expect(Self.cases.count >= 17)
    }

    /// Runs `weir` on a fresh copy of the project; its exit status, stdout and stderr.
    static func weir(_ arguments: [String], in project: RunProject, environment: [String: String] = [:]) throws
        -> (status: Int32, output: String, errors: String)
    {
        let process = Process()
        process.executableURL = try ProcessRunTests.weir()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: project.directory)
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DBT_") }
            .merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both to their ends before waiting: a full pipe would stop the process.
        let errorData = Thread.detachedResult { errors.fileHandleForReading.readDataToEndOfFile() }
        let outputText = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, outputText, String(decoding: errorData(), as: UTF8.self))
    }

    @Test(arguments: cases) func endsAsDbtEnded(_ expected: Case) throws {
        let project = try RunProject("warn_error")
        if !expected.project_lines.isEmpty {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: project.directory + "/dbt_project.yml"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(expected.project_lines.utf8))
            try handle.close()
        }
        let (status, output, errors) = try Self.weir(expected.arguments, in: project, environment: expected.environment)
        #expect(status == expected.exit_status, "\(output)\n\(errors)")
        let path = project.directory + "/target/run_results.json"
        let written = FileManager.default.fileExists(atPath: path)
        #expect(written == (expected.statuses != nil), "run_results.json \(written ? "written" : "not written")")
        guard let statuses = expected.statuses, written else { return }
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let results = document?["results"] as? [[String: Any]] ?? []
        var actual: [String: String] = [:]
        for result in results { actual[result["unique_id"] as? String ?? ""] = result["status"] as? String }
        #expect(actual == statuses)
    }

    /// What the promoted warning says: the warning itself, as an error, and which option made it one.
    @Test func aPromotedWarningSaysWhyItIsAnError() throws {
        let project = try RunProject("warn_error")
        let (status, _, errors) = try Self.weir(["parse", "--warn-error"], in: project)
        #expect(status == 2)
        #expect(errors.contains("error[W0508]: Did not find matching node for patch with name 'refunds'"), "\(errors)")
        #expect(errors.contains("models/schema.yml:"), "\(errors)")
        #expect(errors.contains("(NoNodeForYamlKey)"), "\(errors)")
    }

    /// A test that would warn fails, and says so with its `warn_if`, as dbt says it; `run_results.json`
    /// records the options as dbt records them.
    @Test func aFailingWarningTestSaysItsCondition() throws {
        let project = try RunProject("warn_error")
        let (status, output, _) = try Self.weir(["build", "--warn-error-options", "{error: [LogTestResult]}"], in: project)
        #expect(status == 1)
        #expect(output.contains("Got 1 result, configured to fail if != 0"), "\(output)")
        let data = try Data(contentsOf: URL(fileURLWithPath: project.directory + "/target/run_results.json"))
        let args = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["args"] as? [String: Any]
        let options = args?["warn_error_options"] as? [String: [String]]
        #expect(options == ["error": ["LogTestResult"], "warn": [], "silence": []])
    }

    /// Silenced warnings are not printed; the others still are.
    @Test func silencedWarningsAreNotPrinted() throws {
        let project = try RunProject("warn_error")
        let (loud, loudOutput, loudErrors) = try Self.weir(["build"], in: project)
        #expect(loud == 0)
        #expect(loudOutput.contains("orders: the amounts are in cents") && loudErrors.contains("W0508"))
        let quiet = try RunProject("warn_error")
        let (status, output, errors) = try Self.weir(
            ["build", "--warn-error-options", #"{"silence": ["JinjaLogWarning", "NoNodeForYamlKey"]}"#], in: quiet)
        #expect(status == 0)
        #expect(!output.contains("amounts are in cents") && !errors.contains("W0508"), "\(output)\n\(errors)")
        #expect(output.contains("Completed with 1 warning:"), "\(output)")
    }

    /// Options dbt rejects stop the invocation with what is wrong (dbt crashes with a traceback
    /// and status 1 on a name it does not know; Weir ends with 2, as for any bad invocation).
    @Test func badOptionsStopTheInvocation() throws {
        let project = try RunProject("warn_error")
        let cases: [(String, String)] = [
            (#"{"error": ["LogTestResults"]}"#, "LogTestResults is not a valid dbt error name"),
            (#"{"warn": ["LogTestResult"]}"#, "`warn` can only be specified if `error` is one of ('all', '*')"),
            (#"{"error": "some"}"#, "error must be one of ('all', '*') or a list of strings"),
            (#"{"error": [], "include": []}"#, "Only `include` or `error` can be specified, not both"),
            (#"{"errors": "all"}"#, "unknown key 'errors'"),
        ]
        for (options, message) in cases {
            let (status, _, errors) = try Self.weir(["ls", "--warn-error-options", options], in: project)
            #expect(status == 2)
            #expect(errors.contains(message), "\(errors)")
        }
    }

    /// `weir retry --warn-error` runs again the nodes that warned (dbt's retry adds `warn` to the
    /// retryable statuses), which then fail; without it, nothing is retried.
    @Test func retryWithWarnErrorRunsTheWarningsAgain() throws {
        let project = try RunProject("warn_error")
        // Without the patch of a missing model, which `--warn-error` would make an error too.
        let schema = project.directory + "/models/schema.yml"
        let text = try String(contentsOfFile: schema, encoding: .utf8)
        try String(text[..<text.range(of: "  # No model has this name")!.lowerBound]).write(toFile: schema, atomically: true, encoding: .utf8)
        #expect(try Self.weir(["build"], in: project).status == 0)
        let (retried, retriedOutput, errors) = try Self.weir(["retry", "--warn-error"], in: project)
        #expect(retried == 1, "\(retriedOutput)\n\(errors)")
        #expect(retriedOutput.contains("1 of 1 FAIL 1 accepted_values_orders_order_id__False__1"), "\(retriedOutput)")
        #expect(try Self.weir(["build"], in: project).status == 0)
        let (status, output, _) = try Self.weir(["retry"], in: project)
        #expect(status == 0, "\(output)")
        #expect(output.contains("Nothing to do"), "\(output)")
    }
}

extension Thread {
    /// Runs `work` on a new thread; the function returned waits for its result.
    static func detachedResult<T>(_ work: @escaping @Sendable () -> T) -> () -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: T?
        Thread.detachNewThread {
            result = work()
            done.signal()
        }
        return {
            done.wait()
            return result!
        }
    }
}
