import ArgumentParser
import Diagnostics
import Execution
import Foundation
import ProjectModel
import Selection
import Workspace

/// The flags of the commands that run nodes.
struct RunOptions: ParsableArguments {
    @Flag(name: .customLong("full-refresh"), help: "Rebuild incremental models and seeds from scratch.")
    var fullRefresh = false

    @Flag(name: [.customShort("x"), .customLong("fail-fast")], help: "Stop the run at the first failure.")
    var failFast = false

    @Option(name: .customLong("log-format"), help: "text (default) or json (one event per line).")
    var logFormat: String = "text"

    @Flag(name: [.customShort("d"), .customLong("debug")], help: "Show every statement sent to the warehouse.")
    var debug = false
}

/// `--event-time-start`/`--event-time-end` of `run` and `build`: the range of event times
/// microbatch models build, as dbt's options (a backfill).
struct EventTimeOptions: ParsableArguments {
    @Option(
        name: .customLong("event-time-start"),
        help: "Microbatch models build from this UTC time (inclusive): YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or 'YYYY-MM-DD HH:MM:SS'.")
    var start: String?

    @Option(name: .customLong("event-time-end"), help: "Microbatch models build up to this UTC time (exclusive); give both.")
    var end: String?

    @Option(
        name: .customLong("sample"),
        help: "Refs and sources with an event_time read only this window: '3 days' (hour, day, month, year) up to now, or \"{'start': '2024-07-01', 'end': '2024-07-02'}\" (UTC). Also DBT_SAMPLE.")
    var sample: String?

    /// `--sample`, else `DBT_SAMPLE`.
    func sampleWindow() throws -> SampleWindow? {
        guard let text = sample ?? ProcessInfo.processInfo.environment["DBT_SAMPLE"], !text.isEmpty else { return nil }
        return try SampleWindow.parse(text)
    }
}

/// dbt's `--empty` of `run`, `build`, `snapshot` and `compile`: refs and sources read no rows.
struct EmptyOption: ParsableArguments {
    @Flag(
        inversion: .prefixedNo,
        help: "Limit the refs and sources of the nodes built to zero rows (a build that checks the SQL and creates every relation empty). Also DBT_EMPTY.")
    var empty: Bool?

    /// The flag, else `DBT_EMPTY` (click's booleans).
    var isOn: Bool {
        empty ?? ProjectOptions.environmentFlag("DBT_EMPTY")
    }
}

/// `--resource-type` and `--exclude-resource-type` (`build`, `test`, `clone`, `ls`; each also
/// plural), else `DBT_RESOURCE_TYPES` and `DBT_EXCLUDE_RESOURCE_TYPES` (names apart by spaces).
struct ResourceTypeOptions: ParsableArguments {
    @Option(
        name: [.customLong("resource-type"), .customLong("resource-types")], parsing: .upToNextOption,
        help: "Only these kinds of node (model, seed, snapshot, test, unit_test, source, exposure, analysis...; all; default).")
    var include: [String] = []

    @Option(
        name: [.customLong("exclude-resource-type"), .customLong("exclude-resource-types")], parsing: .upToNextOption,
        help: "Leave out these kinds of node (e.g. unit_test).")
    var exclude: [String] = []

    /// The names given, else those of the environment.
    var given: (include: [String], exclude: [String]) {
        let environment = ProcessInfo.processInfo.environment
        func names(_ variable: String) -> [String] { (environment[variable] ?? "").split(separator: " ").map(String.init) }
        return (include.isEmpty ? names("DBT_RESOURCE_TYPES") : include, exclude.isEmpty ? names("DBT_EXCLUDE_RESOURCE_TYPES") : exclude)
    }

    /// The kinds of node a command that runs `commandTypes` runs; nil when none was named.
    func resolved(for commandTypes: Set<ResourceType>) throws -> Set<ResourceType>? {
        let (include, exclude) = given
        if include.isEmpty && exclude.isEmpty { return nil }
        return try Workspace.resourceTypes(include, excluding: exclude, all: commandTypes, defaults: commandTypes)
    }
}

/// dbt's `--store-failures` of `test` and `build` (also `DBT_STORE_FAILURES`).
struct StoreFailuresOption: ParsableArguments {
    @Flag(
        name: .customLong("store-failures"),
        help: "Keep each test's failing rows in a table in the audit schema, unless its store_failures config says otherwise (also DBT_STORE_FAILURES).")
    var storeFailures = false

    var isOn: Bool { storeFailures || ProjectOptions.environmentFlag("DBT_STORE_FAILURES") }
}

/// `weir run`, `seed`, `test`, `build`: one shape, differing in what they select.
protocol NodeRunningCommand: ParsableCommand {
    static var runCommand: RunRequest.Command { get }
    var project: ProjectOptions { get }
    var selection: SelectionOptions { get }
    var runOptions: RunOptions { get }
    /// The event-time range options, for the commands that take them (`run`, `build`).
    var eventTime: EventTimeOptions? { get }
    /// `--empty`, for the commands that take it (`run`, `build`, `snapshot`).
    var emptyOption: EmptyOption? { get }
    /// `--resource-type`, for the commands that take it (`build`, `test`, `clone`).
    var resourceTypeOptions: ResourceTypeOptions? { get }
    /// `--store-failures`, for the commands that take it (`build`, `test`).
    var storeFailuresOption: StoreFailuresOption? { get }
}

extension NodeRunningCommand {
    var eventTime: EventTimeOptions? { nil }
    var emptyOption: EmptyOption? { nil }
    var resourceTypeOptions: ResourceTypeOptions? { nil }
    var storeFailuresOption: StoreFailuresOption? { nil }

    func run() throws {
        // dbt checks the flags before it reads the project.
        let eventTimes = try EventTimeFlags.range(start: eventTime?.start, end: eventTime?.end)
        let sample = try eventTime?.sampleWindow()
        var configuration = try project.workspaceConfiguration(command: Self.runCommand.rawValue, selection: selection)
        configuration.sample = sample
        configuration.fullRefresh = runOptions.fullRefresh
        configuration.empty = emptyOption?.isOn ?? false
        configuration.storeFailures = storeFailuresOption?.isOn ?? false
        configuration.connectionsAhead = 2  // the session's and the first worker's
        let workspace = Workspace(configuration)
        let parsed = try parseProject(workspace)
        var request = RunRequest(
            command: Self.runCommand,
            selection: selection.request)
        request.failFast = runOptions.failFast
        request.resourceTypes = try resourceTypeOptions?.resolved(for: Workspace.resourceTypes(for: Self.runCommand))
        request.eventTimeStart = eventTimes?.start
        request.eventTimeEnd = eventTimes?.end
        try executeAndReport(request, workspace: workspace, parsed: parsed, options: runOptions)
    }
}

/// Runs a request, printing its progress and summary as dbt does; a status other than 0 is
/// thrown as `WeirExit`.
func executeAndReport(_ request: RunRequest, workspace: Workspace, parsed: Workspace.Parsed, options: RunOptions) throws {
    guard let format = RunReporter.Format(rawValue: options.logFormat) else {
        throw Diagnostic(code: "W0004", message: "unknown log format '\(options.logFormat)'", help: "use text or json")
    }
    let reporter = RunReporter(manifest: parsed.manifest, format: format, debug: options.debug)
    reporter.cloning = request.command == .clone
    if format == .text {
        Output.info(
            "Running with weir \(WeirCommand.configuration.version) on target '\(parsed.target.name)' (\(parsed.target.type), \(parsed.target.threads) thread\(parsed.target.threads == 1 ? "" : "s"))")
    }
    let interrupt = InterruptHandler()
    let outcome = try workspace.execute(
        request, in: parsed, events: { reporter.handle($0) },
        executorCreated: { executor in
            reporter.update(manifest: parsed.manifest)
            interrupt.onInterrupt = { executor.cancel() }
        })
    interrupt.restore()
    Output.diagnostics(outcome.warnings)
    if outcome.nothingToDo {
        reporter.nothingToDo(silenced: parsed.warningPolicy.isSilenced(Diagnostic.nothingToDo))
        return
    }
    reporter.summary(outcome.results, elapsed: outcome.elapsed, cancelled: outcome.cancelled)
    if outcome.exitStatus != 0 { throw WeirExit(status: outcome.exitStatus) }
}

struct RunCommand: NodeRunningCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Build the selected models.")
    static let runCommand = RunRequest.Command.run
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var eventTimeOptions: EventTimeOptions
    var eventTime: EventTimeOptions? { eventTimeOptions }
    @OptionGroup var emptyOptions: EmptyOption
    var emptyOption: EmptyOption? { emptyOptions }
}

struct SeedCommand: NodeRunningCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Load the selected seed files.")
    static let runCommand = RunRequest.Command.seed
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var runOptions: RunOptions
}

struct SnapshotCommand: NodeRunningCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Record the selected snapshots: new rows, and new versions of the rows that changed.")
    static let runCommand = RunRequest.Command.snapshot
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var emptyOptions: EmptyOption
    var emptyOption: EmptyOption? { emptyOptions }
}

struct TestCommand: NodeRunningCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run the selected data tests.")
    static let runCommand = RunRequest.Command.test
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var resourceTypeOption: ResourceTypeOptions
    var resourceTypeOptions: ResourceTypeOptions? { resourceTypeOption }
    @OptionGroup var storeFailuresFlag: StoreFailuresOption
    var storeFailuresOption: StoreFailuresOption? { storeFailuresFlag }
}

struct BuildCommand: NodeRunningCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Seed, run, snapshot and test the selected nodes in graph order; a failure skips what depends on it.")
    static let runCommand = RunRequest.Command.build
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var resourceTypeOption: ResourceTypeOptions
    var resourceTypeOptions: ResourceTypeOptions? { resourceTypeOption }
    @OptionGroup var storeFailuresFlag: StoreFailuresOption
    var storeFailuresOption: StoreFailuresOption? { storeFailuresFlag }
    @OptionGroup var eventTimeOptions: EventTimeOptions
    var eventTime: EventTimeOptions? { eventTimeOptions }
    @OptionGroup var emptyOptions: EmptyOption
    var emptyOption: EmptyOption? { emptyOptions }
}

struct CloneCommand: NodeRunningCommand {
    static let configuration = CommandConfiguration(
        commandName: "clone", abstract: "Make the state's relations again in the target: a view of each (a copy on SQLite).",
        discussion: """
            For each selected model, seed and snapshot that --state's manifest built, as dbt clone: nothing when the \
            target already has the relation (unless --full-refresh), else a view of the state's relation, made as the \
            view materialization makes one, hooks included. SQLite views cannot read another database, so there the \
            clone is a copy (create table as select).
            """)
    static let runCommand = RunRequest.Command.clone
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var resourceTypeOption: ResourceTypeOptions
    var resourceTypeOptions: ResourceTypeOptions? { resourceTypeOption }
}

struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Run again the nodes that failed or were skipped in the previous run, build, seed, snapshot or test (or a failed run-operation).",
        discussion: """
            Reads target/run_results.json and replays its command with the settings it recorded (target, threads, \
            vars, --full-refresh, --empty, --fail-fast, event times) for the nodes whose status was error, fail, skipped or \
            partial success; a microbatch model that partly failed is given only its failed batches. --vars and --threads given here \
            replace the recorded ones; --target, --full-refresh and --fail-fast are ignored, as dbt ignores them. With \
            --warn-error, the nodes that warned run again too; the recorded --warn-error-options are replayed.
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var runOptions: RunOptions

    func run() throws {
        let base = try project.workspaceConfiguration(command: "retry")
        var previous = try Workspace(base).previousRun()
        previous.retriesWarnings = base.warnError == true
        Output.diagnostics(ignoredFlags(previous))
        var configuration = previous.configuration(
            basedOn: base, vars: project.vars == nil ? nil : base.cliVars, threads: project.threads)
        configuration.connectionsAhead = 2
        let workspace = Workspace(configuration)
        if let (macro, arguments) = previous.operation {
            // dbt's retry runs a run-operation again only when it failed.
            guard !previous.retryIDs.isEmpty else { return }
            try RunOperationCommand.run(macro, arguments: arguments, workspace: workspace)
            return
        }
        let parsed = try parseProject(workspace)
        try executeAndReport(previous.request, workspace: workspace, parsed: parsed, options: runOptions)
    }

    /// The flags dbt's retry accepts but does not apply (it replays the recorded ones), when
    /// they ask for something else than what is replayed.
    func ignoredFlags(_ previous: PreviousRun) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        if let target = project.target, target != previous.target {
            let replayed = previous.target.map { "its target '\($0)'" } ?? "the profile's default target"
            warnings.append(.retryIgnores("--target \(target)", replayed: replayed))
        }
        if runOptions.fullRefresh && !previous.fullRefresh {
            warnings.append(.retryIgnores("--full-refresh", replayed: "no --full-refresh"))
        }
        if runOptions.failFast && !previous.failFast {
            warnings.append(.retryIgnores("--fail-fast", replayed: "no --fail-fast"))
        }
        return warnings
    }
}

extension Diagnostic {
    /// W1704: a flag `weir retry` takes, as dbt's does, but leaves to the previous invocation.
    static func retryIgnores(_ flag: String, replayed: String) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1704", message: "ignoring \(flag): weir retry replays the previous invocation, with \(replayed)",
            help: "as dbt retry, only --vars and --threads replace what the previous invocation recorded")
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Write target/plan.sql: every statement `weir build` would run, in order.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Flag(name: .customLong("full-refresh"), help: "Plan a full refresh.")
    var fullRefresh = false

    @Option(name: .customLong("dialect"), help: "Plan for an empty postgres or sqlite warehouse, without connecting.")
    var dialect: String?

    func run() throws {
        var configuration = try project.workspaceConfiguration(command: "build", selection: selection)
        configuration.fullRefresh = fullRefresh
        let workspace = Workspace(configuration)
        let parsed = try parseProject(workspace)
        var request = RunRequest(
            command: .build, selection: selection.request)
        request.offlineDialect = dialect
        let path = try workspace.plan(request, in: parsed)
        Output.info("Wrote \(path)")
    }
}

/// Ctrl-C during a run cancels it (running statements are interrupted and rolled back); a
/// second Ctrl-C exits at once.
final class InterruptHandler: @unchecked Sendable {
    var onInterrupt: (() -> Void)?
    private var source: (any DispatchSourceSignal)?
    private var count = 0

    init() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            self.count += 1
            if self.count > 1 { exit(130) }
            FileHandle.standardError.write(Data("\nCancelling: interrupting running statements...\n".utf8))
            self.onInterrupt?()
        }
        source.resume()
        self.source = source
    }

    func restore() {
        source?.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// `weir run-operation MACRO --args '{...}'`: calls a macro against the warehouse, as dbt does.
struct RunOperationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-operation", abstract: "Call a macro (`name` or `package.name`) against the target's warehouse.")

    @Argument(help: "The macro to call: its name, or `package.name`.")
    var macro: String

    @Option(name: .customLong("args"), help: "The macro's keyword arguments as YAML or JSON, e.g. '{table: orders, days: 7}'.")
    var args: String?

    @OptionGroup var project: ProjectOptions

    func run() throws {
        // dbt checks the arguments before it reads the project.
        let arguments = try args.map { try CommandLineVars.parse($0, option: "--args") } ?? ConfigMap()
        try Self.run(macro, arguments: arguments, workspace: Workspace(try project.workspaceConfiguration(command: "run-operation")))
    }

    /// Parses the project and runs the operation, reporting its error; a status other than 0
    /// is thrown as `WeirExit`.
    static func run(_ macro: String, arguments: ConfigMap, workspace: Workspace) throws {
        let parsed = try parseProject(workspace)
        let outcome = try workspace.runOperation(macro, arguments: arguments, in: parsed)
        if let error = outcome.result.error {
            Output.diagnostic((error as? Diagnostic) ?? Diagnostic(code: "W0706", message: "operation '\(macro)' failed: \(error)"))
        }
        if outcome.exitStatus != 0 { throw WeirExit(status: outcome.exitStatus) }
    }
}
