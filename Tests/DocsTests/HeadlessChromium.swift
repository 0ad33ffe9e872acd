import Artifacts
import Dispatch
import Foundation

/// Headless Chromium driven by `Scripts/headless_chromium.py` (the DevTools protocol over a pipe,
/// Python's standard library only): a list of steps in, what the page showed out.
struct HeadlessChromium {
    /// One action of the driver; see the script's docstring.
    enum Step {
        case navigate(URL)
        /// Polls the expression until it is truthy and gives its value.
        case waitFor(String, label: String, timeout: Double = 10)
        case evaluate(String, label: String)
        case click(selector: String)
        case type(String)
        case key(String)
        case screenshot(URL)

        var json: JSONValue {
            switch self {
            case .navigate(let url): return .object(JSONObject([("navigate", .string(url.absoluteString))]))
            case .waitFor(let expression, let label, let timeout):
                return .object(
                    JSONObject([
                        ("wait_for", .string(expression)), ("label", .string(label)),
                        ("timeout", .double(timeout)),
                    ]))
            case .evaluate(let expression, let label):
                return .object(JSONObject([("evaluate", .string(expression)), ("label", .string(label))]))
            case .click(let selector): return .object(JSONObject([("click", .string(selector))]))
            case .type(let text): return .object(JSONObject([("type", .string(text))]))
            case .key(let key): return .object(JSONObject([("key", .string(key))]))
            case .screenshot(let file): return .object(JSONObject([("screenshot", .string(file.path))]))
            }
        }
    }

    /// What the driver saw: each labelled step's value, and the page's console errors, uncaught
    /// exceptions and failed loads. `failure` says why the steps stopped, when they did.
    struct Report {
        var status: Int32
        var failure: String?
        var values: [String: JSONValue]
        var errors: [String]
        var chromium: String?
    }

    static let script = ExampleDocs.repositoryRoot.appendingPathComponent("Scripts/headless_chromium.py")

    /// Runs the steps in a fresh browser. The driver kills the browser whatever happens and
    /// times out each step itself; `limit` is the backstop should the driver hang.
    static func run(_ steps: [Step], limit: TimeInterval = 120) throws -> Report {
        // The report goes to a file, so a large one cannot fill a pipe and stall the driver.
        let reportFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "weir-chromium-report-\(UUID().uuidString).json")
        FileManager.default.createFile(atPath: reportFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: reportFile)
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        input.fileHandleForWriting.write(Data(JSONValue.array(steps.map(\.json)).serializedBytes()))
        try input.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + limit) == .timedOut {
            process.terminate()  // the driver kills the browser on SIGTERM
            process.waitUntilExit()
            return Report(
                status: -1, failure: "the browser driver did not finish in \(Int(limit)) s", values: [:],
                errors: [],
                chromium: nil)
        }
        let data = try Data(contentsOf: reportFile)
        guard let report = try? JSONValue(parsing: Array(data)) else {
            return Report(
                status: process.terminationStatus,
                failure: "the browser driver printed no report: \(String(decoding: data, as: UTF8.self))",
                values: [:], errors: [], chromium: nil)
        }
        var values: [String: JSONValue] = [:]
        for step in report["steps"]?.arrayValue ?? [] {
            if let label = step["label"]?.stringValue, let value = step["value"] { values[label] = value }
        }
        return Report(
            status: process.terminationStatus, failure: report["failure"]?.stringValue, values: values,
            errors: report["errors"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            chromium: report["chromium"]?.stringValue)
    }

    /// Where the browser tests leave their screenshots: not in the repository, emptied per run.
    static func screenshotDirectory() throws -> URL {
        let environment = ProcessInfo.processInfo.environment["WEIR_DOCS_SCREENSHOTS"]
        let directory =
            environment.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("weir-docs-screenshots")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
