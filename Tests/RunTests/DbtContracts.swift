import Diagnostics
import Execution
import Foundation
import ProjectModel
import Selection
import Testing
import Workspace

/// What dbt-core 1.11 (dbt-postgres) did with the `contracts` fixture project, scenario by
/// scenario, as `Scripts/generate_contract_fixtures.py` recorded it in `Contracts/expected/`;
/// and the overlays (`Contracts/overlays/<scenario>/`) that scenario applied to the project.
struct DbtContracts {
    static let directory = RunProject.testsDirectory.appendingPathComponent("Contracts")

    /// `--vars` choosing one variant of a model of the contracts project (`customers_variant: wrong_type`).
    static func variant(_ name: String, _ value: String) -> ConfigMap { ConfigMap([(name, .string(value))]) }

    /// The last step of a scenario: its exit status, each node's status and message (dbt's
    /// exception text without its header and macro stack), the warnings, the error.
    struct Scenario {
        var exitCode: Int
        var results: [String: (status: String, message: String?)]
        var warnings: [String]
        var error: String?

        func message(_ id: String) -> String? { results[id]?.message }
    }

    static func scenario(_ name: String) throws -> Scenario {
        let data = try Data(contentsOf: directory.appendingPathComponent("expected/\(name).json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var results: [String: (String, String?)] = [:]
        for (id, entry) in json["results"] as? [String: [String: String]] ?? [:] {
            results[id] = (entry["status"] ?? "", entry["message"])
        }
        return Scenario(
            exitCode: json["exit_code"] as? Int ?? -1, results: results,
            warnings: (json["warnings"] as? [String] ?? []).map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            },
            error: (json["error"] as? String).map(coreMessage))
    }

    /// An error as dbt printed it, without the header line of a multi-line message
    /// (`Parsing Error`, `Breaking change to contract Error in model ...`) and its indent.
    static func coreMessage(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1, lines.dropFirst().allSatisfy({ $0.isEmpty || $0.hasPrefix("  ") }) else {
            return text
        }
        return lines.dropFirst().map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : String($0) }.joined(
            separator: "\n")
    }

    /// What dbt executed for a model (`target/run/...`) in a scenario.
    static func runSQL(_ scenario: String, _ model: String) throws -> String {
        try String(
            contentsOf: directory.appendingPathComponent("expected/run/\(scenario)/\(model).sql"),
            encoding: .utf8)
    }

    /// Copies a scenario's overlay over the project, replacing and adding files.
    static func overlay(_ name: String, onto project: RunProject) throws {
        let source = directory.appendingPathComponent("overlays/\(name)")
        let files = FileManager.default.enumerator(atPath: source.path)
        while let relative = files?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let from = source.appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: from.path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            let to = URL(fileURLWithPath: project.directory).appendingPathComponent(relative)
            try? FileManager.default.removeItem(at: to)
            try FileManager.default.copyItem(at: from, to: to)
        }
    }

    /// SQL compared as a sequence of tokens: dbt's macros leave blank lines and indents where
    /// Weir does not, and write `( id` where Weir writes `(id`.
    static func tokens(_ sql: String) -> String {
        var text = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for mark in ["(", ")", ";", ","] {
            text = text.replacingOccurrences(of: " " + mark, with: mark).replacingOccurrences(
                of: mark + " ", with: mark)
        }
        while text.hasSuffix(";") { text.removeLast() }
        return text
    }
}

extension RunProject {
    /// Parses and runs a command, keeping every warning: the parse's, then the run's.
    func runKeepingWarnings(
        _ command: RunRequest.Command = .build, select: [String] = [], vars: ConfigMap = ConfigMap(),
        state: String? = nil
    ) throws -> (outcome: RunOutcome, byID: [String: NodeResult], warnings: [Diagnostic]) {
        let (parsed, outcome) = try parseAndRun(command, select: select, vars: vars, state: state)
        return (outcome, Self.byID(outcome), parsed.warnings + outcome.warnings)
    }
}

/// A node's error as the run reported it: a diagnostic's message, or the warehouse's.
func errorMessage(_ result: NodeResult?) -> String? {
    switch result?.error {
    case let diagnostic as Diagnostic: return diagnostic.message
    case let error?: return String(describing: error)
    case nil: return nil
    }
}
