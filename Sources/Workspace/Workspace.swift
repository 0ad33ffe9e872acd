import Artifacts
import Compiler
import Diagnostics
import Foundation
import Parallelism
import ProjectLoading
import ProjectModel
import Selection

/// The one orchestration facade: load → parse → select → compile → artifacts. The CLI talks to
/// this and nothing else.
public final class Workspace {
    public let configuration: WorkspaceConfiguration
    let reader: ProjectReader
    /// Files for later invocations being written while the command goes on.
    let backgroundWrites = BackgroundWrites()
    /// The selection criteria already reported as matching nothing: a command may select more
    /// than once, dbt warns once.
    private var reportedUnmatched: Set<String> = []
    private let reportedUnmatchedLock = NSLock()

    public init(_ configuration: WorkspaceConfiguration) {
        self.configuration = configuration
        self.reader = ProjectReader(fileSystem: configuration.fileSystem)
    }

    deinit { finishWrites() }

    /// Waits for the files this workspace is writing in the background (see `BackgroundWrites`),
    /// reporting any that could not be written as warnings. Also done when the workspace goes away.
    public func finishWrites() {
        for warning in backgroundWrites.wait() { configuration.warningSink?(warning) }
    }

    /// `finishWrites()` when `path` is being written: what reads the file reads all of it.
    func finishWrites(of path: String) {
        if backgroundWrites.isWriting(path) { finishWrites() }
    }

    var fileSystem: any FileSystem { configuration.fileSystem }
    var projectDirectory: String { configuration.projectDirectory }

    // MARK: - Loading

    /// The root project's resolved `dbt_project.yml`.
    /// The root project's `dbt_project.yml`, rendered with the profile's target in its context
    /// when the profile loads (a project that needs `target` without one gets the render error).
    public func loadProjectConfig() throws -> ProjectConfig {
        let target = try? loadTarget(profileName: rootProfileName()).0
        return try loadProjectConfig(target: target)
    }

    func loadProjectConfig(target: Target?) throws -> ProjectConfig {
        let (file, yaml) = try reader.readProjectFile(in: projectDirectory)
        var config = try projectResolver(target: target).resolve(yaml, file: file)
        if let targetPath = configuration.targetPath { config.targetPath = targetPath }
        return config
    }

    /// The root project's `profile:` (else its `name`), read before the rest of the file, which
    /// renders with the profile's target (`+materialized: "{{ 'table' if target.name == 'prod' ... }}"`).
    public func rootProfileName() throws -> String {
        if let profile = configuration.profileName { return profile }
        let (file, yaml) = try reader.readProjectFile(in: projectDirectory)
        return try projectResolver(target: nil).profileName(yaml, file: file) ?? ""
    }

    private func projectResolver(target: Target?) -> ProjectFileResolver {
        ProjectFileResolver(environment: configuration.environment, cliVars: configuration.cliVars, target: target)
    }

    /// Where `profiles.yml` is looked for, in dbt's order.
    public func profilesCandidates() -> [String] {
        var directories: [String] = []
        if let explicit = configuration.profilesDirectory { directories.append(explicit) }
        if let fromEnvironment = configuration.environment["DBT_PROFILES_DIR"] { directories.append(fromEnvironment) }
        directories.append(projectDirectory)
        if let home = configuration.environment["HOME"] { directories.append(join(home, ".dbt")) }
        return directories.map { join($0, "profiles.yml") }
    }

    /// The `profiles.yml` this invocation reads: the first of `profilesCandidates()` that exists.
    public func profilesPath() -> String? {
        profilesCandidates().first(where: fileSystem.fileExists)
    }

    /// The target this invocation uses.
    public func loadTarget(profileName: String) throws -> (Target, path: String) {
        guard let path = profilesPath() else {
            let candidates = profilesCandidates()
            throw Diagnostic(
                code: "W0210", message: "could not find profiles.yml (looked in \(candidates.joined(separator: ", ")))",
                help: "create profiles.yml in the project, or pass --profiles-dir")
        }
        let (file, yaml) = try reader.readYAML(path, displayName: path)
        let resolver = ProfileResolver(environment: configuration.environment, cliVars: configuration.cliVars)
        var target = try resolver.resolve(yaml, file: file, profileName: profileName, targetName: configuration.targetName)
        if let threads = configuration.threads { target.threads = threads }
        return (target, path)
    }

    /// The root project and its packages (installed under `packages-install-path`, or `local:`
    /// entries of `packages.yml`), each with its files.
    public func loadPackages() throws -> (root: PackageInput, dependencies: [PackageInput]) {
        try loadPackages(macrosAndDocsOnly: false)
    }

    /// `loadPackages()`, reading only the files `macrosAndDocsOnly` asks for.
    func loadPackages(macrosAndDocsOnly: Bool) throws -> (root: PackageInput, dependencies: [PackageInput]) {
        let target = try? loadTarget(profileName: rootProfileName()).0
        return try loadPackages(try packageConfigs(target: target), macrosAndDocsOnly: macrosAndDocsOnly)
    }

    func loadPackages(
        _ packages: [(config: ProjectConfig, directory: String, display: String)], macrosAndDocsOnly: Bool
    ) throws -> (root: PackageInput, dependencies: [PackageInput]) {
        let inputs = try packages.map { package in
            PackageInput(
                config: package.config,
                files: try reader.collectFiles(
                    in: package.directory, config: package.config, displayPrefix: package.display,
                    macrosAndDocsOnly: macrosAndDocsOnly),
                directory: package.directory)
        }
        return (inputs[0], Array(inputs.dropFirst()))
    }

    /// The resolved project file of the root project (first) and of each package, with the
    /// directory it is in and the prefix diagnostics give its files; rendered with `target`.
    func packageConfigs(target: Target?) throws -> [(config: ProjectConfig, directory: String, display: String)] {
        let rootConfig = try loadProjectConfig(target: target)
        var packages = [(config: rootConfig, directory: projectDirectory, display: "")]
        var directories: [(path: String, display: String)] = []
        let installPath = join(projectDirectory, rootConfig.packagesInstallPath)
        for name in fileSystem.entries(of: installPath) where fileSystem.fileExists(join(join(installPath, name), "dbt_project.yml")) {
            directories.append((join(installPath, name), "\(rootConfig.packagesInstallPath)/\(name)/"))
        }
        for local in try localPackageDirectories() where !directories.contains(where: { $0.path == local.path }) {
            directories.append(local)
        }
        for (directory, display) in directories {
            let (file, yaml) = try reader.readProjectFile(in: directory, displayPrefix: display)
            let config = try projectResolver(target: target).resolve(yaml, file: file)
            guard !packages.contains(where: { $0.config.name == config.name }) else { continue }
            packages.append((config, directory, display))
        }
        if configuration.versionCheck {
            for package in packages { try RequiredDbtVersion.check(package.config) }
        }
        return packages
    }

    /// The `local:` packages of `packages.yml`/`dependencies.yml`, and theirs in turn, as
    /// `dbt deps` installs them: every path is taken from the root project's directory, as dbt
    /// resolves a local package's path, whichever package names it.
    private func localPackageDirectories() throws -> [(path: String, display: String)] {
        var result: [(path: String, display: String)] = []
        var pending = [(directory: projectDirectory, display: "")]
        while !pending.isEmpty {
            let package = pending.removeFirst()
            for name in ["packages.yml", "dependencies.yml"] {
                let path = join(package.directory, name)
                guard fileSystem.fileExists(path) else { continue }
                let (_, yaml) = try reader.readYAML(path, displayName: package.display + name)
                for entry in yaml["packages"]?.items ?? [] {
                    guard let local = entry["local"]?.string else { continue }
                    let directory = normalize(join(projectDirectory, local))
                    guard directory != normalize(projectDirectory), !result.contains(where: { $0.path == directory }),
                        fileSystem.fileExists(join(directory, "dbt_project.yml"))
                    else { continue }
                    result.append((directory, normalize(local) + "/"))
                    pending.append((directory, normalize(local) + "/"))
                }
            }
        }
        return result
    }

    // MARK: - Parsing and compiling

    /// A parsed project: the compiler (which keeps templates for compiling) and its manifest.
    public struct Parsed {
        public let compiler: ProjectCompiler
        public let target: Target
        public let rootConfig: ProjectConfig
        public let profilePath: String
        public var manifest: Manifest { compiler.manifest }
        /// What parsing warned about, then the breaking changes `--state` found (but those
        /// `warningPolicy` silences).
        public internal(set) var warnings: [Diagnostic] = []
        /// `--warn-error` and `--warn-error-options`, else the project's `flags:`.
        public internal(set) var warningPolicy = WarningPolicy()
        /// The server warehouse whose connections were opened while parsing (`connectionsAhead`).
        var warehouseAhead: PrewarmedWarehouse?
        /// The stamps of the project's files before the parse read them (partial parsing on).
        var fileStamps: ProjectFileStamps?
        /// `--state`'s manifest.json, where there is one.
        var previousManifest: JSONValue?
        /// The project judged against it (`previousStateProvider`), by the number of nodes judged.
        let judgedState = KeyedMemo<Int, PreviousState>()
    }

    public func parse() throws -> Parsed {
        reader.forgetListings()
        let (target, profilePath) = try loadTarget(profileName: rootProfileName())
        let packages = try packageConfigs(target: target)
        let rootConfig = packages[0].config
        let warningPolicy = try warningPolicy(rootConfig)
        // Connecting (authentication takes a few round trips) overlaps reading the files.
        let warehouseAhead = connectingAhead(to: target)
        // Taken before any file is read, so that one edited while parsing is not taken as parsed.
        let stampedAt = ParseSnapshot.clockTick()
        let stamps = configuration.partialParse ? stamps(of: snapshotFilePaths(packages, profilePath: profilePath)) : nil
        let compiler: ProjectCompiler
        if let stamps, let restored = restoredCompiler(packages, target: target, stamps: stamps) {
            compiler = restored
        } else {
            let (root, dependencies) = try loadPackages(packages, macrosAndDocsOnly: false)
            var options = try compileOptions(rootConfig)
            options.vocabulary = try loadVocabulary()
            if options.vocabulary != nil { options.knownColumns = loadKnownColumns(targetPath: root.config.targetPath) }
            options.previousParse = loadParseCache(targetPath: root.config.targetPath)
            compiler = try ProjectCompiler(root: root, dependencies: dependencies, target: target, options: options)
            do {
                _ = try compiler.parse()
            } catch {
                // What the parse warned about before it stopped is still said, before the error (as
                // dbt prints it), unless one of those warnings is an error itself, which came first.
                throw report(compiler.warnings, policy: warningPolicy) ?? error
            }
            try saveParseCache(compiler.parseCache, replacing: options.previousParse, targetPath: root.config.targetPath)
            if let stamps { try saveParseSnapshot(compiler, packages, target: target, stamps: stamps, stampedAt: stampedAt) }
        }
        let manifest = compiler.manifest
        var parsed = Parsed(compiler: compiler, target: target, rootConfig: rootConfig, profilePath: profilePath)
        parsed.warehouseAhead = warehouseAhead
        parsed.fileStamps = stamps.map { ProjectFileStamps(packages: packages, stamps: $0) }
        parsed.previousManifest = try readPreviousManifest()
        parsed.warningPolicy = warningPolicy
        let warnings = compiler.warnings + (try checkContracts(manifest, against: parsed.previousManifest, adapterType: target.type))
        let (printed, error) = warningPolicy.apply(to: warnings)
        if let error {
            for warning in printed { configuration.warningSink?(warning) }
            throw error
        }
        parsed.warnings = printed
        return parsed
    }

    /// Reports `warnings` through the warning sink as `policy` has them (printed, silenced, or the
    /// first that is an error returned after the ones before it were reported).
    public func report(_ warnings: [Diagnostic], policy: WarningPolicy) -> Diagnostic? {
        let (printed, error) = policy.apply(to: warnings)
        for warning in printed { configuration.warningSink?(warning) }
        return error
    }

    /// A server target's warehouse opening `connectionsAhead` connections in the background; nil
    /// for none, an embedded warehouse, or a target the factory refuses (the command reports
    /// that where it connects).
    private func connectingAhead(to target: Target) -> PrewarmedWarehouse? {
        guard configuration.connectionsAhead > 0,
            let warehouse = try? WarehouseFactory.make(target, projectDirectory: projectDirectory),
            warehouse.dialect.relationsIncludeDatabase
        else { return nil }
        return PrewarmedWarehouse(warehouse, connections: configuration.connectionsAhead)
    }

    /// `--warn-error` and `--warn-error-options`, else the root project's `flags:`.
    func warningPolicy(_ rootConfig: ProjectConfig) throws -> WarningPolicy {
        try WarningPolicy.resolve(
            warnError: configuration.warnError, options: configuration.warnErrorOptions, projectFlags: rootConfig.flags)
    }

    /// The compiler's options for this invocation's settings and the root project's `flags:`.
    func compileOptions(_ rootConfig: ProjectConfig) throws -> CompileOptions {
        var options = CompileOptions()
        options.warningPolicy = try warningPolicy(rootConfig)
        options.cliVars = configuration.cliVars
        options.environment = configuration.environment
        options.command = configuration.command
        options.fullRefresh = configuration.fullRefresh
        options.empty = configuration.empty
        options.printCalls = configuration.printCalls
        options.storeFailures = configuration.storeFailures
        options.sample = configuration.sample.map { ($0.start, $0.end) }
        options.logSink = configuration.logSink
        return options
    }

    /// The nodes a `--select`/`--exclude`/`--selector` names, in a stable order.
    public func select(_ request: SelectionRequest, in parsed: Parsed) throws -> [String] {
        let selectors = try loadSelectors()
        if let everything = SelectionGraph.everything(in: parsed.manifest, for: request, selectors: selectors) {
            return everything
        }
        var graph = SelectionGraph(manifest: parsed.manifest)
        graph.previousState = previousStateProvider(parsed)
        graph.fresherSources = fresherSourcesProvider(parsed)
        let result = try graph.select(request, selectors: selectors)
        let unreported = reportedUnmatchedLock.withLock { result.unmatched.filter { reportedUnmatched.insert($0).inserted } }
        if let error = report(unreported.map(Diagnostic.selectionMatchesNothing), policy: parsed.warningPolicy) { throw error }
        return result.selected.sortedByCodePoint()
    }

    private func loadSelectors() throws -> SelectorDefinitions {
        let path = join(projectDirectory, "selectors.yml")
        guard fileSystem.fileExists(path) else { return SelectorDefinitions() }
        let (_, yaml) = try reader.readYAML(path, displayName: "selectors.yml")
        return try SelectorDefinitions(yaml.value)
    }

    /// Compiles the selected nodes and writes `target/compiled/<project>/<path>` for each, as dbt does.
    ///
    /// The files are written in the background, while the caller writes the manifest: the task
    /// returned gives what was written, or the error that stopped the writing.
    ///
    /// `existingTables`, when given, answers which nodes' relations exist as tables (what
    /// `is_incremental()` asks): it is called once every node but the incremental models has
    /// compiled, so that a slow answer (a catalog query on another connection) overlaps them.
    public func compile(
        _ ids: [String], in parsed: Parsed, existingTables: (() throws -> Set<String>)? = nil
    ) throws -> BackgroundTask<CompiledFiles> {
        if let error = report(try inferColumnsForSelection(ids, in: parsed), policy: parsed.warningPolicy) { throw error }
        // Offline, a ref defers unless this invocation selected its node.
        let selected = Set(ids)
        parsed.compiler.deferral = try deferral(in: parsed, selected: ids) { selected.contains($0.uniqueID) }
        let (compilable, selectedCount) = Self.compilable(ids, among: parsed.manifest.nodes)
        let target = targetDirectory(parsed)
        let previous = reuseCompiledNodes(parsed.compiler, targetDirectory: target)
        if let existingTables {
            let compiler = parsed.compiler
            let incremental = Set(compilable.filter { parsed.manifest.nodes[$0]?.materialized == "incremental" })
            try compiler.compile(compilable.filter { !incremental.contains($0) })
            compiler.existingRelations = try existingTables().intersection(incremental)
        }
        try parsed.compiler.compile(compilable)
        keepCompiledNodes(parsed.compiler, replacing: previous, targetDirectory: target)
        let compiledNodes = parsed.manifest.nodes
        return BackgroundTask { [self] in
            // (Paths worked out on all cores: a whole-project compile writes tens of thousands.)
            let files = compilable.concurrentMap { id -> (path: String, text: String)? in
                guard let node = compiledNodes[id], let sql = node.compiledCode else { return nil }
                return (Self.nodeFilePath(node, in: "compiled", targetDirectory: target), sql)
            }
            var written = CompiledFiles()
            written.selected = zip(compilable.prefix(selectedCount), files).compactMap { id, file in
                file == nil ? nil : id
            }
            written.directories = try writeFiles(files.compactMap { $0 })
            return written
        }
    }

    /// What `compile` wrote.
    public struct CompiledFiles {
        /// The selected nodes with compiled SQL, in the selection's order.
        public var selected: [String] = []
        /// The directories written into.
        public var directories: Set<String> = []
    }

    /// The nodes of `ids` that compile, then the run hooks, which dbt compiles whatever the
    /// selection; and how many of them `ids` names.
    private static func compilable(
        _ ids: [String], among nodes: [String: ManifestNode]
    ) -> (ids: [String], selectedCount: Int) {
        // (Looked up on all cores: a whole-project compile names tens of thousands.)
        let compiles = ids.concurrentMap { id -> Bool in
            guard let node = nodes[id] else { return false }
            return [.model, .test, .analysis, .snapshot, .operation].contains(node.resourceType)
        }
        let selected = zip(ids, compiles).compactMap { id, compiles in compiles ? id : nil }
        let hooks = nodes.values.filter { $0.resourceType == .operation }.map { $0.uniqueID }.sorted()
        return (selected + hooks.filter { !ids.contains($0) }, selected.count)
    }

    /// Writes files on all cores (a large project compiles tens of thousands), their directories
    /// created first, one at a time.
    /// Returns the directories written into.
    @discardableResult
    func writeFiles(_ files: [(path: String, text: String)]) throws -> Set<String> {
        let directories = Set(files.map { parentDirectory($0.path) })
        for directory in directories.sorted() where !fileSystem.directoryExists(directory) {
            try fileSystem.createDirectory(directory)
        }
        _ = try files.concurrentMap { file in try fileSystem.writeFile(file.path, text: file.text) }
        return directories
    }

    /// `target/<kind>/<package>/<path>`: where dbt writes a node's compiled (`compiled`) or
    /// executed (`run`) SQL.
    func nodeFilePath(_ node: ManifestNode, in kind: String, _ parsed: Parsed) -> String {
        Self.nodeFilePath(node, in: kind, targetDirectory: targetDirectory(parsed))
    }

    static func nodeFilePath(_ node: ManifestNode, in kind: String, targetDirectory: String) -> String {
        join(join(join(targetDirectory, kind), node.packageName), compiledPath(node))
    }

    /// dbt writes a node under its package and original path when the node is its file's own;
    /// a node of a file that defines several (a generic test, a YAML snapshot, a hook) under the
    /// file's path, as if it were a directory, with the node's `path`. (Snapshots sharing a SQL
    /// file share its path too: as in dbt, the last one written stays.)
    static func compiledPath(_ node: ManifestNode) -> String {
        if !lastComponent(node.path).elementsEqual(lastComponent(node.originalFilePath)) {
            return normalize(node.originalFilePath) + "/" + node.path
        }
        return node.originalFilePath
    }

    /// The bytes after the last `/` (compared as UTF-8: the path of each of tens of thousands
    /// of nodes goes through here, and searching by `Character` costs more than writing it).
    private static func lastComponent(_ path: String) -> Substring.UTF8View {
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes[...] }
        return bytes[bytes.index(after: slash)...]
    }
}

extension Diagnostic {
    /// W1112 (warning): dbt's `NothingToDo`, for a command whose selection leaves nothing to run.
    public static let nothingToDo = Diagnostic(
        .warning, code: "W1112", message: "Nothing to do. Try checking your model configs and model specification args",
        event: "NothingToDo")

    /// W1113 (warning): dbt's `NoNodesSelected`, from `ls` when the selection is empty.
    public static let noNodesSelected = Diagnostic(.warning, code: "W1113", message: "No nodes selected!", event: "NoNodesSelected")

    /// W1111 (warning): dbt's `NoNodesForSelectionCriteria`.
    static func selectionMatchesNothing(_ criterion: String) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1111", message: "The selection criterion '\(criterion)' does not match any enabled nodes",
            help: "check the name, path or method (weir ls -s '\(criterion)' lists what it selects)",
            event: "NoNodesForSelectionCriteria")
    }
}
