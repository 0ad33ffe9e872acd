import ArgumentParser
import Diagnostics
import Foundation
import Workspace

/// `weir source freshness`, as dbt names it.
struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", abstract: "Work with the project's sources.", subcommands: [SourceFreshnessCommand.self])
}

struct SourceFreshnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freshness",
        abstract: "Check when each selected source was last loaded against its freshness thresholds; write target/sources.json.",
        discussion: """
            Checks the sources that have a warn_after or error_after (all of them unless --select/--exclude narrow it) \
            with dbt's collect_freshness macro: the newest loaded_at_field (or the loaded_at_query's value) and the \
            warehouse's clock. Exit status 1 when a source is past error_after or could not be checked. A later \
            `weir build --select source_status:fresher+ --state <dir>` builds what depends on sources loaded since the \
            sources.json in <dir>.
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write sources.json here instead of target/sources.json.")
    var output: String?

    @Option(name: .customLong("log-format"), help: "text (default) or json (one event per line).")
    var logFormat: String = "text"

    @Flag(name: [.customShort("d"), .customLong("debug")], help: "Show every statement sent to the warehouse.")
    var debug = false

    func run() throws {
        guard let format = RunReporter.Format(rawValue: logFormat) else {
            throw Diagnostic(code: "W0004", message: "unknown log format '\(logFormat)'", help: "use text or json")
        }
        let configuration = try project.workspaceConfiguration(command: "freshness", selection: selection)
        let workspace = Workspace(configuration)
        let parsed = try parseProject(workspace)
        let reporter = RunReporter(manifest: parsed.manifest, format: format, debug: debug)
        if format == .text {
            Output.info(
                "Running with weir \(WeirCommand.configuration.version) on target '\(parsed.target.name)' (\(parsed.target.type), \(parsed.target.threads) thread\(parsed.target.threads == 1 ? "" : "s"))")
        }
        let outcome = try workspace.sourceFreshness(
            FreshnessRequest(selection: selection.request, outputPath: output), in: parsed,
            events: { reporter.handle($0) }, hookEvents: { reporter.handle($0) })
        if outcome.nothingToDo {
            reporter.nothingToDo(silenced: parsed.warningPolicy.isSilenced(Diagnostic.nothingToDo))
            return
        }
        reporter.freshnessSummary(outcome)
        if outcome.exitStatus != 0 { throw WeirExit(status: outcome.exitStatus) }
    }
}
