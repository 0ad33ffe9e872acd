import ArgumentParser
import Foundation
import Diagnostics
import Workspace

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Preview the rows of the selected nodes, or of a query, from the warehouse.",
        discussion: """
            Compiles the selected nodes (or the --inline query) as weir compile does, then runs each one's query with \
            a limit (dbt's get_show_sql, which a project may override) and prints the rows as dbt show does. Prints \
            the nodes whose name is part of the first --select argument (-s +orders previews orders, not its \
            parents). Writes target/run_results.json and the manifest.
            """)

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: .customLong("inline"), help: "Preview this query, compiled in the project's context, instead of nodes.")
    var inline: String?

    @Option(name: .customLong("inline-direct"), help: "Preview this query as it is: no Jinja, no project macros.")
    var inlineDirect: String?

    @Option(name: .customLong("limit"), help: "How many rows to preview; a negative number previews every row.")
    var limit: Int = 5

    @Option(name: [.customShort("o"), .customLong("output")], help: "text (a table, default) or json.")
    var output: Format = .text

    func run() throws {
        let workspace = Workspace(try project.workspaceConfiguration(command: "show", selection: selection))
        let rows = limit < 0 ? nil : limit
        let parsed = try parseProject(workspace)
        if let inlineDirect {
            let table = try workspace.showDirect(inlineDirect, limit: rows, in: parsed)
            Output.line(table.showMessage(node: nil, json: output == .json, quiet: Output.quiet))
            return
        }
        let outcome = try workspace.show(ShowRequest(selection: selection.request, inline: inline, limit: rows), in: parsed)
        Output.diagnostics(outcome.warnings)
        if outcome.nothingToDo, !parsed.warningPolicy.isSilenced(Diagnostic.nothingToDo) {
            // On stderr: stdout carries the previews alone.
            FileHandle.standardError.write(Data((Diagnostic.nothingToDo.message + "\n").utf8))
        }
        for preview in outcome.previews {
            Output.line(preview.table.showMessage(node: preview.name, json: output == .json, quiet: Output.quiet))
        }
    }
}
