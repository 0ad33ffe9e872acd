import ArgumentParser
import Artifacts
import Diagnostics
import Foundation
import Parallelism
import ProjectModel
import Selection
import Workspace

/// Parses a project with warnings printed, the common first step of every command.
func parseProject(_ workspace: Workspace) throws -> Workspace.Parsed {
    let parsed = try workspace.parse()
    Output.diagnostics(parsed.warnings)
    keepUntilExit(parsed)
    return parsed
}

/// Keeps a large value (a parsed project, the documents of `docs generate`) from being freed: a
/// command ends soon after, and freeing a large project's millions of values one by one took a
/// tenth of `weir compile`'s time at 10,000 models.
func keepUntilExit(_ value: Any) { keptUntilExit.append(value) }

nonisolated(unsafe) private var keptUntilExit: [Any] = []

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse the project and write target/manifest.json.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let started = Date()
        let workspace = Workspace(try project.workspaceConfiguration(command: "parse"))
        let parsed = try parseProject(workspace)
        try workspace.writeManifest(parsed)
        let manifest = parsed.manifest
        Output.info(
            "Parsed \(manifest.nodes.count) nodes, \(manifest.sources.count) sources, \(manifest.macros.count) macros in \(elapsed(since: started)); wrote \(workspace.targetDirectory(parsed))/manifest.json")
    }
}

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile", abstract: "Compile the selected nodes into target/compiled/ and write the manifest.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: .customLong("inline"), help: "Compile this SQL instead of project nodes and print it.")
    var inline: String?

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    @Option(
        name: .customLong("output"),
        help: "How a single node's (or --inline's) compiled SQL is printed: text, or json ({\"node\": ..., \"compiled\": ...}, as dbt prints it).")
    var output: OutputFormat = .text

    @Flag(
        name: .customLong("check"),
        help: "Also check the column contracts of the selected models (weir.yml) against the warehouse's description of their queries.")
    var check = false

    @OptionGroup var emptyOption: EmptyOption

    func run() throws {
        let started = Date()
        var configuration = try project.workspaceConfiguration(command: "compile", selection: selection)
        configuration.empty = emptyOption.isOn
        let workspace = Workspace(configuration)
        let request = selection.request
        // (`--empty` compiles are neither taken from the compile snapshot nor kept in it.)
        let wholeProject = inline == nil && !check && !configuration.empty && request.select.isEmpty && request.exclude.isEmpty
            && request.selector == nil
        if wholeProject, let done = workspace.compileFromSnapshot() {
            Output.info("Compiled \(done.compiledCount) nodes in \(elapsed(since: started))")
            return
        }
        let parsed = try parseProject(workspace)
        if let inline {
            Output.line(compiledNodeMessage(name: nil, sql: try parsed.compiler.compileInline(inline)))
            return
        }
        // The check first: the vocabulary's tests on inferred columns are then compiled and listed too.
        let report = check ? try workspace.checkColumnContracts(request, in: parsed) : nil
        let ids = try workspace.select(request, in: parsed)
        let compiledFiles = try workspace.compile(ids, in: parsed)
        // The manifest written while the compile snapshot is made (which waits for it); both
        // writes are waited for whatever the snapshot gives, so that none is left half done.
        let manifestWrite = BackgroundTask { try workspace.writeManifest(parsed, recordingLayout: wholeProject) }
        let snapshot = Result {
            if wholeProject { try workspace.saveCompileSnapshot(parsed, manifest: manifestWrite, compiledFiles: compiledFiles) }
        }
        _ = try manifestWrite.value()
        let compiled = try compiledFiles.value().selected
        try snapshot.get()
        // dbt's `task_end_messages`: the nodes whose names are part of the first --select argument.
        if let first = selection.select.first ?? selection.models.first {
            for id in compiled {
                guard let node = parsed.manifest.nodes[id], let sql = node.compiledCode, first.contains(node.name) else { continue }
                Output.line(compiledNodeMessage(name: node.name, sql: sql))
            }
        }
        Output.info("Compiled \(compiled.count) nodes in \(elapsed(since: started))")
        if let report {
            Output.diagnostics(report.diagnostics)
            let errors = report.errors.count
            let warnings = report.diagnostics.count - errors
            Output.info(
                "Checked the column contracts of \(report.checkedModels) model\(report.checkedModels == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            if errors > 0 { throw WeirExit(status: 1) }
        }
    }
}

extension CompileCommand {
    /// dbt's `CompiledNode` message for a selected node (`name`) or `--inline`'s query (nil):
    /// `json.dumps(..., indent=2)` with `--output json`, the SQL alone with `--quiet`.
    func compiledNodeMessage(name: String?, sql: String) -> String {
        if output == .json {
            let fields = (name.map { [("node", $0)] } ?? []) + [("compiled", sql)]
            let members = fields.map { "  " + JSONValue.string($0.0).serialized() + ": " + JSONValue.string($0.1).serialized() }
            return "{\n" + members.joined(separator: ",\n") + "\n}"
        }
        if Output.quiet { return sql }
        return name.map { "Compiled node '\($0)' is:\n\(sql)" } ?? "Compiled inline node is:\n\(sql)"
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the selected resources.", aliases: ["list"])

    enum Format: String, ExpressibleByArgument { case name, path, json, selector }

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @OptionGroup var resourceTypes: ResourceTypeOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: "name, path, json or selector.")
    var output: Format = .selector

    @Option(
        name: .customLong("output-keys"), parsing: .upToNextOption,
        help: "With --output json, these keys of each resource (space-separated; `config.materialized` names a nested one).")
    var outputKeyArguments: [String] = []

    /// `--output-keys`, each argument split at spaces as dbt splits them.
    var outputKeys: [String] { outputKeyArguments.flatMap { $0.split(separator: " ").map(String.init) } }

    func run() throws {
        let configuration = try project.workspaceConfiguration(command: "list", selection: selection)
        let workspace = Workspace(configuration)
        let parsed = try parseProject(workspace)
        var request = selection.request
        let (include, exclude) = resourceTypes.given
        request.resourceTypes = try Workspace.listedResourceTypes(include, excluding: exclude)
        // dbt's `ls --models`: models only, and not beside --select or --resource-type.
        if !selection.models.isEmpty {
            if !selection.select.isEmpty { throw ValidationError("\"models\" and \"select\" are mutually exclusive arguments") }
            if !include.isEmpty { throw ValidationError("\"models\" and \"resource_type\" are mutually exclusive arguments") }
            request.resourceTypes = [.model]
        }
        let ids = try workspace.select(request, in: parsed)
        if ids.isEmpty, let error = workspace.report([.noNodesSelected], policy: parsed.warningPolicy) { throw error }
        for id in ids {
            Output.line(describe(id, parsed, workspace))
        }
    }

    private func describe(_ id: String, _ parsed: Workspace.Parsed, _ workspace: Workspace) -> String {
        let manifest = parsed.manifest
        let node = manifest.nodes[id]
        let source = manifest.sources[id]
        let exposure = manifest.exposures[id]
        let unitTest = manifest.unitTests[id]
        let semantic = manifest.semanticResources[id]
        switch output {
        case .name:
            return node?.name ?? source.map { "\($0.sourceName).\($0.name)" } ?? exposure?.name ?? unitTest?.name
                ?? semantic?.name ?? id
        case .path:
            return node?.originalFilePath ?? source?.originalFilePath ?? exposure?.originalFilePath
                ?? unitTest?.originalFilePath ?? semantic?.originalFilePath ?? id
        case .selector:
            if let node { return node.fqn.joined(separator: ".") }
            if let source { return "source:" + source.fqn.joined(separator: ".") }
            if let exposure { return "exposure:" + exposure.fqn.joined(separator: ".") }
            if let unitTest { return "unit_test:\(unitTest.packageName).\(unitTest.versionedName)" }
            if let semantic { return "\(semantic.resourceType.rawValue):\(semantic.packageName).\(semantic.name)" }
            return id
        case .json:
            return workspace.listedJSON(id, keys: outputKeys.isEmpty ? nil : outputKeys, in: parsed) ?? id
        }
    }
}

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean", abstract: "Delete the project's clean-targets (target/, dbt_packages/...).")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let workspace = Workspace(try project.workspaceConfiguration(command: "clean"))
        for path in try workspace.clean() { Output.info("Cleaned \(path)/") }
        Output.info("Finished cleaning all paths.")
    }
}

struct DepsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deps", abstract: "Check that the packages of packages.yml are there to be read (Weir downloads nothing).",
        discussion: """
            local: packages are read where they are. Hub, git and tarball packages must already be installed under \
            packages-install-path (by `dbt deps`, or vendored), a hub package in a version its `version:` admits; \
            a missing one stops with status 2.
            """)

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let workspace = Workspace(try project.workspaceConfiguration(command: "deps"))
        let packages = try workspace.checkDependencies()
        for package in packages {
            Output.info("Installing \(package.entry)")
            Output.info(
                package.isLocal
                    ? "  Installed from <local @ \(package.entry)> (read in place)"
                    : "  Found in \(package.directory)" + (package.version.map { " (version \($0))" } ?? ""))
        }
        if packages.isEmpty { Output.info("No packages found in packages.yml or dependencies.yml") }
    }
}

struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug", abstract: "Show the resolved project, profile and target.")

    @OptionGroup var project: ProjectOptions

    @Flag(name: .customLong("config-dir"), help: "Only say where profiles.yml is read from, as dbt debug --config-dir.")
    var configDir = false

    func run() throws {
        let workspace = Workspace(try project.workspaceConfiguration(command: "debug"))
        if configDir {
            // dbt's `DebugTask.path_info`: the directory profiles.yml is read from.
            let file = workspace.profilesPath() ?? workspace.profilesCandidates().first ?? "profiles.yml"
            Output.line("To view your profiles.yml file, run:\n\nxdg-open \(URL(fileURLWithPath: file).deletingLastPathComponent().path)")
            return
        }
        var failed = false
        Output.line("weir \(WeirCommand.configuration.version)")
        let config: ProjectConfig
        do {
            config = try workspace.loadProjectConfig()
            Output.line("project: \(config.name) (\(workspace.configuration.projectDirectory)/dbt_project.yml) OK")
        } catch let diagnostic as Diagnostic {
            Output.diagnostic(diagnostic)
            throw WeirExit(status: 1)
        }
        do {
            let (target, path) = try workspace.loadTarget(profileName: workspace.rootProfileName())
            Output.line("profiles.yml: \(path) OK")
            Output.line("profile: \(target.profileName), target: \(target.name)")
            for (key, value) in target.publicFields where !["profile_name", "target_name", "name"].contains(key) {
                Output.line("  \(key): \(display(value))")
            }
            if target.fields["password"] != nil { Output.line("  password: ****") }
        } catch let diagnostic as Diagnostic {
            Output.diagnostic(diagnostic)
            failed = true
        }
        if failed { throw WeirExit(status: 1) }
        Output.line("All checks passed!")
    }

    private func display(_ value: ConfigValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return String(d)
        case .null: return "null"
        default: return "\(value)"
        }
    }
}

func elapsed(since start: Date) -> String {
    String(format: "%.2fs", Date().timeIntervalSince(start))
}
