import ArgumentParser
import Diagnostics
import Foundation
import ProjectLoading
import Workspace

/// `weir docs generate` and `weir docs serve`, as dbt names them.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Generate or serve the project's documentation site.",
        subcommands: [DocsGenerateCommand.self, DocsServeCommand.self])
}

struct DocsGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Read the warehouse's catalog, compile the project, write target/catalog.json and the site in target/docs/."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Flag(inversion: .prefixedNo, help: "Compile the nodes, so that the site shows compiled SQL (the default).")
    var compile = true

    @Flag(name: .customLong("empty-catalog"), help: "Read no catalog from the warehouse (with --no-compile, never connect to it).")
    var emptyCatalog = false

    @Flag(name: .customLong("static"), help: "Also write target/static_index.html: the whole site in one file.")
    var staticPage = false

    func run() throws {
        let request = selection.request
        let options = DocsOptions(
            compile: compile, emptyCatalog: emptyCatalog, staticPage: staticPage,
            selection: request.select.isEmpty && request.exclude.isEmpty && request.selector == nil ? nil : request)
        var configuration = try project.workspaceConfiguration(command: "generate", selection: selection)
        // The catalog's connection and the compile's, opened while the project is parsed.
        configuration.connectionsAhead = options.needsWarehouse ? 2 : 0
        let workspace = Workspace(configuration)
        let parsed = try parseProject(workspace)
        let outcome = try workspace.generateDocs(in: parsed, options: options)
        keepUntilExit(outcome.documents)
        Output.diagnostics(outcome.warnings)
        if !outcome.missingRelations.isEmpty {
            let names = outcome.missingRelations.prefix(5).joined(separator: ", ")
            let more =
                outcome.missingRelations.count > 5 ? " and \(outcome.missingRelations.count - 5) more" : ""
            Output.info(
                "Not in the warehouse (not built yet?), so without catalog columns: \(names)\(more)")
        }
        Output.info(
            "Catalog: \(outcome.catalogRelations) relations; compiled \(outcome.compiledNodes) nodes"
                + (outcome.includesLastRun ? "; the last run from run_results.json" : ""))
        Output.info(
            "Wrote \(outcome.catalogPath), \(outcome.manifestPath) and \(outcome.siteFiles) files in \(outcome.siteDirectory) in \(String(format: "%.2fs", outcome.elapsed))"
        )
        if let page = outcome.staticPagePath { Output.info("Wrote \(page): the whole site in one file") }
        Output.info("Open \(outcome.siteDirectory)/index.html, or run `weir docs serve`")
    }
}

struct DocsServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve target/docs/ over HTTP on this machine (opens nothing).")

    @OptionGroup var project: ProjectOptions

    @Option(name: .customLong("port"), help: "The port to listen on (0 for any free port).")
    var port: Int = 8080

    @Option(
        name: .customLong("host"),
        help: "The address to listen on; anything but loopback exposes the docs to the network.")
    var host: String = "127.0.0.1"

    func run() throws {
        let workspace = Workspace(try project.workspaceConfiguration(command: "serve"))
        let config = try workspace.loadProjectConfig()
        let directory = join(join(workspace.configuration.projectDirectory, config.targetPath), "docs")
        guard FileManager.default.fileExists(atPath: join(directory, "index.html")) else {
            throw Diagnostic(
                code: "W1503", message: "there is no documentation site in \(directory)",
                help: "run `weir docs generate` first")
        }
        guard let port = UInt16(exactly: port) else {
            throw Diagnostic(code: "W1504", message: "--port must be between 0 and 65535")
        }
        let server = DocsServer(root: directory, host: host, port: port)
        server.log = { line, status in Output.line("\(status) \(line)") }
        do {
            try server.start()
        } catch DocsServer.Failure.address {
            throw Diagnostic(
                code: "W1505", message: "'\(host)' is not an address to listen on",
                help: "use --host with an IP address: 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface")
        } catch {
            throw Diagnostic(
                code: "W1506", message: "could not serve the docs on \(host):\(port): \(error)",
                help: "pick another port with --port, or stop what listens on this one")
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        Output.line("Serving \(directory) at http://\(shown):\(server.port)/ (Ctrl-C to stop)")
        // The server answers on its own threads until the process is interrupted.
        while true { sleep(3600) }
    }
}
