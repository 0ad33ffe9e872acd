import Diagnostics
import Foundation
import Jinja
import Parallelism
import ProjectLoading
import ProjectModel
import SQLDialect

/// Parses and compiles a dbt project: the two renders dbt does, with the same Jinja names
/// bound to different providers (parsing records `ref`/`config`; compiling resolves relations).
///
/// One instance serves one invocation. `parse()` builds the manifest; `compile(_:)` renders the
/// selected nodes' SQL into it. Renders of different nodes may run on many threads at once:
/// what they share and change is in `SharedCache`s; the manifest changes only between them.
public final class ProjectCompiler {
    let root: PackageInput
    /// Every package, the root first.
    let packages: [PackageInput]
    /// The names of the project and its packages, the root first.
    public var packageNames: [String] { packages.map(\.config.name) }
    /// Each package's directory by name, as Weir was given it (dbt's `project_root`).
    public var packageDirectories: [String: String] {
        Dictionary(packages.map { ($0.config.name, $0.directory) }, uniquingKeysWith: { first, _ in first })
    }
    let target: Target
    let dialect: SQLDialect
    public var options: CompileOptions
    let jinja: Environment
    let registry: MacroRegistry
    public internal(set) var manifest: Manifest
    /// Parsed templates of SQL nodes, by unique id.
    var templates: [String: Template] = [:]
    /// The names of the templates of restored nodes (see `restore`), parsed from their raw code
    /// when first compiled.
    var templateNames: [String: String] = [:]
    /// Doc blocks by package, then name.
    var docBlocks: [String: [String: DocBlock]] = [:]
    /// Warnings collected along the way (dbt prints and goes on).
    public internal(set) var warnings: [Diagnostic] = []
    let envUsage = DbtFunctions.EnvUsage()
    var baseGlobals: SharedGlobals!
    /// Names that `ref()` can reach: name → unique ids (models, seeds, snapshots).
    var refableByName: [String: [String]] = [:]
    /// Where each unit test is written, for the messages of resolving it.
    var unitTestSpans: [String: (file: SourceFile, span: SourceSpan)] = [:]
    var sourceByName: [String: String] = [:]
    /// Disabled refable nodes, for "is disabled" messages.
    var disabledNames: Set<String> = []
    /// The parse cache this run leaves for the next: entries reused or made anew.
    public internal(set) var parseCache = ParseCache()
    /// The SQL nodes whose parse render ran in this invocation (the rest came from the cache).
    public internal(set) var renderedForParse: [String] = []
    /// The SQL nodes whose parse render in this invocation read a volatile name other than the
    /// warehouse's calls (`ParseRender.followsFromFiles`): what it recorded may change with other
    /// files or from run to run, so no later compile may keep this one's output.
    var parsesReadingVolatileNames: [String] = []
    /// Nodes whose parse render read a name that varies between invocations
    /// (`ParseCache.runVaryingNames`): this parse may not be restored later.
    var unrepeatableParses: [String] = []
    /// Whether this compiler was restored from an earlier parse (`restore`) rather than parsing;
    /// its `parseCache` is then empty, and the one on disk stays as it is.
    public internal(set) var isRestored = false
    /// Identifies the parse this compiler holds, when it was kept for later invocations or
    /// restored from one that was (the workspace's parse snapshot): compiled nodes kept under it
    /// may be reused (see `CompiledNodes`).
    public var parseIdentity: String?
    /// Compiled SQL of an earlier invocation of the same parse, by node (see `reuseCompiledNodes`).
    var reusableCompiles: [String: CompiledNodes.Entry] = [:]
    /// How many nodes `compile` took from `reusableCompiles` instead of rendering them.
    public internal(set) var reusedCompiles = 0
    /// Raised when a node was rendered for its compiled SQL: what to keep is then more than was taken.
    let renderedAfterReuse = SharedFlag()
    /// The earlier run's entries, when its project-wide inputs were the same as this run's.
    var reusableParses: [String: ParseCache.Entry] = [:]
    /// Templates parsed from text while compiling (generic tests' calls, test arguments), by
    /// name and text: many tests share theirs (`ref('customers')`).
    let parsedTexts = SharedCache<String, Template>()
    /// The manifest as it stood before the property files were applied, while they are (see
    /// `parseProperties`): what renders then read of it (column selection).
    var manifestBeforeProperties: Manifest?
    /// Where each semantic model, metric and saved query is written, for the errors that
    /// resolving them finds (`resolveSemanticResources`).
    var semanticSpans: [String: (file: SourceFile, span: SourceSpan)] = [:]
    /// Where each node came from, for messages that name a file and line: the file of each node
    /// read from a file of its own; a generic test's properties file is in `propertyFiles`.
    var nodeFiles: [String: SourceFile] = [:]
    /// The properties file of each generic test, by package and path: one entry per file (an
    /// entry per test cost a hash of each of tens of thousands of ids while parsing).
    var propertyFiles: [PropertyFileKey: SourceFile] = [:]

    struct PropertyFileKey: Hashable {
        let package: String
        let path: String
    }

    /// The file a node was read from, as parsing read it (a seed's CSV text, say); a generic
    /// test's properties file.
    public func sourceFile(of id: String) -> SourceFile? {
        nodeFiles[id] ?? manifest.nodes[id].flatMap(propertyFile(ofTest:))
    }

    /// `sourceFile(of: node.uniqueID)`.
    func sourceFile(of node: ManifestNode) -> SourceFile? {
        nodeFiles[node.uniqueID] ?? propertyFile(ofTest: node)
    }

    private func propertyFile(ofTest node: ManifestNode) -> SourceFile? {
        guard node.resourceType == .test else { return nil }
        return propertyFiles[PropertyFileKey(package: node.packageName, path: node.originalFilePath)]
    }
    /// Where a seed too large to hash is read from when it is loaded (parsing left it unread and
    /// its `sourceFile` empty); nil for every other node.
    public func unreadSeedPath(of id: String) -> String? { unreadSeedPaths[id] }
    var unreadSeedPaths: [String: String] = [:]
    let packageLayers = SharedCache<String, SharedGlobals>()
    /// By package: the dbt macros served as functions that a project or package macro replaces.
    let replacedFunctions = SharedCache<String, [String]>()
    /// Relations known to exist in the warehouse (by unique id), for `is_incremental()`.
    public var existingRelations: Set<String> = []
    /// `--defer`: where refs to nodes this invocation does not build resolve; nil without it.
    public var deferral: Deferral?
    /// The warehouse, for `run_query`, `statement` and `adapter.get_relation` while running;
    /// nil when compiling offline.
    public var queryRunner: (any QueryRunner)?
    /// `open_sessions` watermarks read while preparing a node, so its window, its open keys and
    /// the horizon check share one query (forgotten when the node is compiled again).
    let watermarks = SharedCache<String, Date?>()
    /// Statements a node's compile asked to run before its query (forgotten when it is compiled again).
    let preparations = SharedCache<String, [String]>()
    /// `weir.yml` as the file the vocabulary's generated tests are declared in (read once).
    lazy var vocabularyFile: ResourceFile? = options.vocabulary.map { vocabulary in
        ResourceFile(
            originalFilePath: vocabulary.file.name, path: vocabulary.file.name, source: vocabulary.file,
            bytes: Array(vocabulary.file.text.utf8))
    }
    /// Tests generated from the column vocabulary, by the model they test.
    var vocabularyTests: [String: [String]] = [:]
    /// Output columns of models found by schema inference (names and warehouse types), for
    /// `weir.starts_with()` and its kin before the models exist.
    public var inferredColumns: [String: [WarehouseColumn]] = [:]
    /// Rendered relation names to the nodes and sources they stand for (built when first needed).
    let relationIndex = SharedLazy<[String: String]>()
    /// `graph` while compiling, built when a render first reads it; set when parsing ends and
    /// again when the nodes change.
    var graph = GraphObject { _ in .dict([]) }
    /// The unique id of the macro a node's call reaches, by package and name (see `macroDependencies`).
    let nodeMacroIDs = SharedCache<MacroReference, String?>()
    /// The `generate_<component>_name` overrides each package's nodes call (see `nameMacros`).
    let generateNameMacros = SharedCache<String, [String: RegisteredMacro]>()
    /// What `adapter.dispatch` found, by calling package, namespace and macro name.
    let dispatchResults = SharedCache<[String], Value>()
    /// Snapshot nodes come from blocks inside files.
    var snapshotBlocks: [String: (Template, ExtensionBlock)] = [:]
    /// Config from YAML properties, applied between the project's and the file's.
    var patchConfigs: [String: ConfigMap] = [:]
    /// Each patched node's entry in its properties file, for contract diagnostics that point there.
    var propertyEntries: [String: PropertyEntry] = [:]
    /// Generic tests' tags inherited from their column or source, given to them when finalized.
    var testTags: [String: [String]] = [:]
    /// Nodes compiled in this invocation, and their SQL before CTE injection.
    var compiledNodes: Set<String> = []
    var preInjected: [String: String] = [:]
    /// The first ephemeral model whose compile failed while a node that uses it compiled
    /// (cleared by the caller): dbt skips the node and the ephemeral's other descendants.
    public var failedEphemeral: String?
    /// The names of the macros outside the internal packages that look like a test's dispatch
    /// target (`<adapter>__test_<name>`), which a built-in test may reach; built once.
    lazy var testImplementationsOutsideInternalPackages: Set<String> = Set(
        registry.allMacros.filter { !registry.internalPackages.contains($0.package) && $0.name.contains("__test_") }
            .map(\.name))
    /// The built-in generic tests compiled without a render (see `nativeTestSQL`), found when
    /// compiling first starts (the macros are all known by then).
    var nativelyCompiledTests: Set<String>?
    /// Description templates by text, and the rendering of those that only read doc blocks, by
    /// package and text (see `renderDescription`).
    let descriptionTemplates = SharedCache<String, DescriptionTemplate>()
    let renderedDescriptions = SharedCache<String, (text: String, docBlocks: [String])>()
    /// The config layers a project's tree gives each folder, by project, resource type and folder.
    let folderLayers = SharedCache<FolderKey, (layers: [ConfigMap], level: ConfigMap?)>()
    /// `get_where_subquery`'s macro id as each package reaches it ("" for none), for tests'
    /// `depends_on` (see `whereSubqueryToRecord`).
    var whereSubqueryMacros: [String: String] = [:]
    /// The group of each finalized node that has one, for its tests.
    var nodeGroups: [String: String] = [:]
    /// Renders `config:` blocks and source fields of property files; built once.
    lazy var yamlRenderer = YAMLRenderer(
        environment: options.environment, cliVars: options.cliVars, target: target, envUsage: envUsage)
    /// The names a compile render looked up that make its output vary from run to run, or
    /// depend on other nodes' text (see `ParseCache.volatileNames`), by node.
    let volatileCompileReads = SharedCache<String, Set<String>>()
    /// Raised when a render read a field of one of `graph`'s nodes.
    let graphNodesRead = SharedFlag()
    /// Raised when a compile render looked up one of the warehouse's calls (`warehouseCallNames`)
    /// while a warehouse answered them.
    let warehouseAsked = SharedFlag()
    /// Raised when a render printed something (`print`, `log(..., info=True)`).
    let printed = SharedFlag()

    public init(root: PackageInput, dependencies: [PackageInput], target: Target, options: CompileOptions) throws {
        guard let dialect = SQLDialect.named(target.type) else {
            throw Diagnostic(
                code: "W0401", message: "adapter type '\(target.type)' is not supported",
                help: "Weir supports \(SQLDialect.supportedAdapterTypes.joined(separator: ", "))")
        }
        self.root = root
        self.packages = [root] + dependencies
        self.target = target
        self.dialect = dialect
        self.options = options
        self.jinja = DbtJinja.makeEnvironment()
        self.registry = MacroRegistry(
            rootPackage: root.config.name,
            internalPackages: dialect.dispatchPrefixes.map { "dbt_\($0)" } + ["dbt", "weir"])
        var manifest = Manifest(projectName: root.config.name, adapterType: dialect.adapterType)
        manifest.quoting = root.config.quoting
        self.manifest = manifest
    }

    /// Reads every macro, docs block, node and property file, and resolves the graph.
    public func parse() throws -> Manifest {
        try loadMacros()
        try loadDocs()
        baseGlobals = makeBaseGlobals()
        parseCache = ParseCache(fingerprint: parseFingerprint())
        if let previous = options.previousParse, previous.fingerprint == parseCache.fingerprint {
            reusableParses = previous.entries
        }
        for package in packages {
            try parseSQLNodes(of: package)
            try parseSeeds(of: package)
        }
        for package in packages { try parseProperties(of: package) }
        try generateVocabularyTests()
        try finalizeNodes()
        inferPrimaryKeys()
        try parseHooks()
        try resolveDependencies()
        try resolveSemanticResources()
        try resolveUnitTests()
        // Column-selection helpers in parse renders built it before relation names were final.
        relationIndex.reset()
        refreshGraph()
        return manifest
    }

    func warn(_ diagnostic: Diagnostic) {
        var diagnostic = diagnostic
        diagnostic.severity = .warning
        warnings.append(diagnostic)
    }

    func package(named name: String) -> PackageInput? {
        packages.first { $0.config.name == name }
    }
}
