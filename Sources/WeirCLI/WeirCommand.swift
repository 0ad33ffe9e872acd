import ArgumentParser
import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel
import Selection
import Workspace

/// `weir`: dbt's command line, verb for verb.
public struct WeirCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "weir",
        abstract: "A dbt-compatible SQL transformation compiler and runner.",
        version: "0.1.0 (dbt \(WeirVersion.dbt) compatible)",
        subcommands: [
            ParseCommand.self, CompileCommand.self, ListCommand.self, RunCommand.self, SeedCommand.self, SnapshotCommand.self, TestCommand.self,
            BuildCommand.self, CloneCommand.self, ShowCommand.self, RunOperationCommand.self, RetryCommand.self, PlanCommand.self, SourceCommand.self, DocsCommand.self, CleanCommand.self, DepsCommand.self,
            DebugCommand.self,
        ])

    public init() {}

    /// Runs the command line; any error becomes a message on stderr and dbt's exit status.
    public static func main() {
        do {
            var command = try parseAsRoot(GlobalFlags.movedAfterCommand(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let exit as WeirExit {
            Foundation.exit(exit.status)
        } catch let violations as ColumnContractViolations {
            Output.diagnostics(violations.diagnostics)
            let errors = violations.diagnostics.filter { $0.severity == .error }.count
            Output.line("Stopped before running anything: \(errors) column contract violation\(errors == 1 ? "" : "s") (column_contract: enforce).")
            Foundation.exit(2)
        } catch let diagnostic as Diagnostic {
            Output.diagnostic(diagnostic)
            Foundation.exit(2)
        } catch {
            // Help and the version end as ArgumentParser ends them (0); anything else stopped the
            // invocation (a usage error, a file that cannot be written): dbt's status 2.
            guard exitCode(for: error) != .success else { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(2)
        }
    }
}

enum WeirVersion {
    static let dbt = "1.11"
}

/// Ends the process with a status after the command has reported why.
struct WeirExit: Error {
    let status: Int32
}

/// The flags every project command takes, as dbt names them.
struct ProjectOptions: ParsableArguments {
    @Option(
        name: .customLong("project-dir"),
        help: "The directory holding dbt_project.yml (also DBT_PROJECT_DIR; default: the current directory or the nearest parent holding one).")
    var projectDir: String?

    @Option(name: .customLong("profiles-dir"), help: "The directory holding profiles.yml.")
    var profilesDir: String?

    @Option(name: [.customShort("t"), .customLong("target")], help: "The profile target to use.")
    var target: String?

    @Option(name: .customLong("vars"), help: "Variables as YAML or JSON, e.g. '{start_date: 2024-01-01}'.")
    var vars: String?

    @Option(name: .customLong("threads"), help: "How many nodes to work on at once.")
    var threads: Int?

    @Flag(
        inversion: .prefixedNo,
        help: "Reuse what the last parse recorded for unchanged files (default; also DBT_PARTIAL_PARSE=false).")
    var partialParse: Bool?

    @Flag(
        name: .customLong("warn-error"),
        help: "Every warning dbt also gives stops the invocation as an error, and a test that would warn fails (also DBT_WARN_ERROR).")
    var warnError = false

    @Option(name: .customLong("profile"), help: "The profile to use instead of dbt_project.yml's `profile:` (also DBT_PROFILE).")
    var profile: String?

    @Option(name: .customLong("target-path"), help: "Where artifacts go instead of dbt_project.yml's `target-path` (also DBT_TARGET_PATH).")
    var targetPath: String?

    @Flag(
        inversion: .prefixedNo,
        help: "Colour the run's progress (default: on a terminal without NO_COLOR; also DBT_USE_COLORS).")
    var useColors: Bool?

    @Flag(
        name: [.customShort("q"), .customLong("quiet")], inversion: .prefixedNo,
        help: "Print only errors, print() output and what the command is for (ls's list, show's rows); also DBT_QUIET.")
    var quiet: Bool?

    @Flag(
        inversion: .prefixedNo,
        help: "Stop when a project's require-dbt-version excludes the dbt version Weir follows (default; also DBT_VERSION_CHECK).")
    var versionCheck: Bool?

    @Flag(inversion: .prefixedNo, help: "Write manifest.json, run_results.json and sources.json (default; also DBT_WRITE_JSON).")
    var writeJson: Bool?

    @Flag(inversion: .prefixedNo, help: "Print what templates print() (default; also DBT_PRINT).")
    var print: Bool?

    @OptionGroup var flagsWithoutEffect: FlagsWithoutEffect

    @Option(
        name: .customLong("warn-error-options"),
        help: ArgumentHelp(
            "Which warnings are errors and which are not printed, as YAML or JSON (also DBT_WARN_ERROR_OPTIONS).",
            discussion: #"For example '{"error": "all", "warn": ["NoNodesForSelectionCriteria"], "silence": ["JinjaLogWarning"]}': dbt's event names, or Weir's warning codes (W1905)."#))
    var warnErrorOptions: String?

    /// dbt's default project directory: the current directory or the nearest of its parents
    /// that holds a `dbt_project.yml` (the current directory when none does), as an absolute path.
    static func defaultProjectDirectory() -> String {
        let current = FileManager.default.currentDirectoryPath
        var directory = URL(fileURLWithPath: current)
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("dbt_project.yml").path) {
                return directory.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return current }
            directory = parent
        }
    }

    /// The invocation's settings; with `selection`, its `--state` too.
    func workspaceConfiguration(command: String, selection: SelectionOptions? = nil) throws -> WorkspaceConfiguration {
        var configuration = WorkspaceConfiguration()
        configuration.statePath = selection?.state
        configuration.deferToState = selection?.deferToState ?? false
        configuration.deferStatePath = selection?.deferState
        configuration.favorState = selection?.favorState ?? false
        configuration.projectDirectory =
            projectDir ?? configuration.environment["DBT_PROJECT_DIR"] ?? Self.defaultProjectDirectory()
        configuration.profilesDirectory = profilesDir
        configuration.targetName = target
        configuration.threads = threads
        configuration.command = command
        configuration.partialParse =
            partialParse ?? !["false", "0", "no"].contains(configuration.environment["DBT_PARTIAL_PARSE"]?.lowercased() ?? "")
        configuration.logSink = { Output.line($0) }
        configuration.warningSink = { Output.diagnostic($0) }
        if let vars {
            configuration.cliVars = try CommandLineVars.parse(vars)
        }
        let environment = configuration.environment
        func given(_ value: String?, _ variable: String) -> String? {
            value ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        }
        func flag(_ value: Bool?, _ variable: String) throws -> Bool? {
            try value ?? given(nil, variable).map { try Self.clickBoolean($0, name: variable) }
        }
        // `--warn-error` and `--warn-error-options` are left nil when not given, for the project's `flags:`.
        configuration.warnError = try flag(warnError ? true : nil, "DBT_WARN_ERROR")
        configuration.warnErrorOptions = try Self.warnErrorOptions(
            given(warnErrorOptions, "DBT_WARN_ERROR_OPTIONS"),
            origin: warnErrorOptions == nil ? "DBT_WARN_ERROR_OPTIONS" : "--warn-error-options")
        configuration.profileName = given(profile, "DBT_PROFILE")
        configuration.targetPath = given(targetPath, "DBT_TARGET_PATH")
        configuration.versionCheck = try flag(versionCheck, "DBT_VERSION_CHECK") ?? true
        configuration.writeJSON = try flag(writeJson, "DBT_WRITE_JSON") ?? true
        configuration.printCalls = try flag(print, "DBT_PRINT") ?? true
        Output.quiet = try flag(quiet, "DBT_QUIET") ?? false
        Output.colours = try flag(useColors, "DBT_USE_COLORS")
        return configuration
    }

    /// `--warn-error-options`' YAML (or JSON) text, parsed and checked here, so that a misspelled
    /// name stops the invocation before anything is read; nil for none.
    private static func warnErrorOptions(_ text: String?, origin: String) throws -> (value: ConfigValue, origin: String)? {
        guard let text, !text.isEmpty else { return nil }
        let options = try YAMLReader.parse(SourceFile(name: origin, text: text)).value
        _ = try WarningPolicy(options: options, origin: origin)
        return (options, origin)
    }

    static let clickTrue: Set<String> = ["1", "true", "t", "yes", "y", "on"]

    /// click's booleans, which dbt reads its environment variables with.
    static func clickBoolean(_ value: String, name: String) throws -> Bool {
        let lowered = value.lowercased()
        if clickTrue.contains(lowered) { return true }
        if ["0", "false", "f", "no", "n", "off"].contains(lowered) { return false }
        throw ValidationError("\(name)='\(value)' is not a boolean (true or false)")
    }

    /// An environment variable read as click reads a flag's: true for its true words, false
    /// for anything else (unset included).
    static func environmentFlag(_ name: String) -> Bool {
        clickTrue.contains(ProcessInfo.processInfo.environment[name]?.lowercased() ?? "")
    }
}

/// `--select`, `--exclude`, `--selector`.
struct SelectionOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .customLong("select")], parsing: .upToNextOption, help: "Nodes to include.")
    var select: [String] = []

    @Option(
        name: [.customShort("m"), .customLong("models"), .customLong("model")], parsing: .upToNextOption,
        help: "dbt's older name for --select (with ls: models only).")
    var models: [String] = []

    @Option(name: .customLong("exclude"), parsing: .upToNextOption, help: "Nodes to leave out.")
    var exclude: [String] = []

    @Option(name: .customLong("selector"), help: "A selector from selectors.yml.")
    var selector: String?

    @Option(
        name: .customLong("state"),
        help: "An earlier invocation's target directory, for state: and result: selection (its manifest.json and run_results.json); enforced contracts are checked against it. Also DBT_STATE.")
    var state: String?

    @Flag(
        name: .customLong("defer"), inversion: .prefixedNo,
        help: "Refs to nodes this invocation does not build, and that are not in the target, read the relations of --defer-state's (else --state's) manifest.json. Also DBT_DEFER.")
    var deferToState: Bool?

    @Option(name: .customLong("defer-state"), help: "The earlier target directory --defer reads, if not --state's. Also DBT_DEFER_STATE.")
    var deferState: String?

    @Flag(
        name: .customLong("favor-state"), inversion: .prefixedNo,
        help: "With --defer, defer every node this invocation does not build, even one that is in the target. Also DBT_FAVOR_STATE.")
    var favorState: Bool?

    @Option(
        name: .customLong("indirect-selection"),
        help: "Which tests come with the nodes they test: eager (any tested node selected; the default), cautious (all), buildable (all, or their ancestors), empty (none). Also DBT_INDIRECT_SELECTION.")
    var indirectSelection: IndirectSelection?

    mutating func validate() throws {
        let environment = ProcessInfo.processInfo.environment
        if state == nil, let path = environment["DBT_STATE"], !path.isEmpty { state = path }
        if deferState == nil, let path = environment["DBT_DEFER_STATE"], !path.isEmpty { deferState = path }
        func flag(_ name: String) throws -> Bool? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return try ProjectOptions.clickBoolean(value, name: name)
        }
        if deferToState == nil { deferToState = try flag("DBT_DEFER") }
        if favorState == nil { favorState = try flag("DBT_FAVOR_STATE") }
        guard indirectSelection == nil, let value = ProcessInfo.processInfo.environment["DBT_INDIRECT_SELECTION"], !value.isEmpty else {
            return
        }
        guard let mode = IndirectSelection(rawValue: value.lowercased()) else {
            throw ValidationError(
                "DBT_INDIRECT_SELECTION='\(value)' is not one of \(IndirectSelection.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        indirectSelection = mode
    }

    var request: SelectionRequest {
        SelectionRequest(select: select + models, exclude: exclude, selector: selector, indirectSelection: indirectSelection ?? .eager)
    }
}

extension IndirectSelection: ExpressibleByArgument {}
