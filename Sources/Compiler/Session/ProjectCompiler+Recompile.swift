import Checksums
import Diagnostics
import Jinja
import ProjectModel

/// Recompiling single models without parsing the project: what makes `weir compile` after an
/// edit to one model take milliseconds instead of seconds. The earlier invocation leaves its
/// finished nodes (see `Workspace`'s compile snapshot); a compiler prepared with the ones a
/// changed model touches renders just that model again, and says when the change reaches
/// further than the model's own compiled SQL, so that the caller parses everything instead.
extension ProjectCompiler {
    /// Whether every render's output followed from the project's files and settings alone: no
    /// render read a name whose value changes between runs (`run_started_at`, `modules`...: see
    /// `compileVolatileNames`), asked a connected warehouse, or read a field of one of `graph`'s
    /// nodes (a hook that lists `graph.sources` is fine: sources come from property files, which
    /// a recompile keeps), and none printed anything. Only then can a later invocation keep this
    /// one's output for the nodes it does not render.
    ///
    /// Offline, the warehouse's calls answer nothing, the same every time: an `on-run-start` hook
    /// that runs `run_query` (creating functions, granting) leaves an offline compile repeatable.
    public var rendersAreRepeatable: Bool {
        volatileCompileReads.values.allSatisfy { $0.isSubset(of: Self.repeatableCompileReads) } && !warehouseAsked.isRaised
            && !graphNodesRead.isRaised && !printed.isRaised && parsesReadingVolatileNames.isEmpty
    }

    /// The volatile names a repeatable compile may read: `graph` (but none of its nodes' fields),
    /// `flags` (the command is among a compile snapshot's settings), and the warehouse's calls
    /// when no warehouse answers them (`warehouseAsked`).
    static let repeatableCompileReads = warehouseCallNames.union(["graph", "flags", FlagsObject.commandRead])

    /// The volatile names a recompiled model may read: those of `repeatableCompileReads` but
    /// `graph`, which holds only the nodes a recompile loads.
    static let recompileReads = repeatableCompileReads.subtracting(["graph"])

    /// The names through which a render asks the warehouse.
    static let warehouseCallNames: Set<String> = ["run_query", "statement", "load_result", warehouseRead]

    /// The names whose lookup in a compile render makes its output one a later invocation may
    /// not keep: the parse cache's, `warehouseRead` (an introspective call) and
    /// `FlagsObject.commandRead`. A compile snapshot may keep renders that read `flags` (the
    /// command and `--full-refresh` are among the settings it is keyed with); compiled nodes
    /// kept for any command may not depend on the command (`flags.WHICH`).
    static let compileVolatileNames = ParseCache.volatileNames.union([warehouseRead, FlagsObject.commandRead])

    /// What an introspective call (`adapter.get_relation`, `adapter.get_columns_in_relation`)
    /// tells the render's observer when it asked the warehouse: not a name a template can use.
    static let warehouseRead = "adapter:warehouse"

    /// The environment variables any render or property file read in this invocation.
    public var environmentVariablesRead: [String] { envUsage.allNames.sorted() }

    /// Readies the compiler to recompile models among `nodes` (finished nodes of an earlier
    /// invocation: the models to recompile and every node and source they reference): loads
    /// the macros and docs blocks, as `parse()` does, and nothing else of the project.
    public func prepareForRecompiling(nodes: [ManifestNode], sources: [SourceDefinition]) throws {
        try loadMacros()
        try loadDocs()
        baseGlobals = makeBaseGlobals()
        for node in nodes { manifest.nodes[node.uniqueID] = node }
        indexRefableNodes()
        for source in sources {
            manifest.sources[source.uniqueID] = source
            sourceByName["\(source.sourceName).\(source.name)"] = source.uniqueID
        }
        refreshGraph()
    }

    /// Compiles model `id` again from its file's new `text`, when the change stays inside the
    /// model: its parse render makes the same `ref`, `source` and `config` calls as before (so
    /// its config, its relation and the graph are what they were), neither render reads a
    /// volatile name but the warehouse's calls (which answer nothing here: a recompile is
    /// offline), and it is not ephemeral (whose SQL other nodes carry). Returns the
    /// recompiled node, or nil when the project must be parsed again; a render error is thrown.
    public func recompile(_ id: String, text: String, fileName: String) throws -> ManifestNode? {
        guard let stored = manifest.nodes[id], stored.resourceType == .model, !stored.isEphemeral,
            !stored.contractEnforced, stored.extraCTEs.isEmpty
        else { return nil }
        let template: Template
        do {
            template = try jinja.parse(text, name: fileName, stripped: true)
        } catch let error as TemplateError {
            throw error.diagnostic
        }
        var node = stored
        // As dbt reads a file: without its leading and trailing whitespace.
        node.rawCode = String(text.pythonStripped)
        node.checksum = FileChecksum(checksum: SHA256.hash(Array(node.rawCode.utf8)).hex)
        node.compiledCode = nil
        let render = parseRender(node, template: template)
        let (record, _) = try take(render)
        var configCalls = ConfigMap()
        ConfigMerging.mergeConfigCall(record.configCalls, into: &configCalls)
        guard render.followsFromFiles, record.refs == stored.refs, record.sources == stored.sources, configCalls == stored.configCallDict
        else { return nil }
        node.dependsOn.macros = macroDependencies(of: template.staticCalls.map(\.name), package: node.packageName)
        // A model that now draws a warning is parsed with the rest, which reports it.
        guard openKeysUnderOr(node) == nil else { return nil }
        templates[id] = template
        nodeFiles[id] = SourceFile(name: fileName, text: text)
        manifest.nodes[id] = node
        compiledNodes.remove(id)
        try compile([id])
        guard volatileCompileReads[id].map({ $0.isSubset(of: Self.recompileReads) }) ?? true, !warehouseAsked.isRaised,
            !printed.isRaised, let compiled = manifest.nodes[id], compiled.extraCTEs.isEmpty
        else { return nil }
        return compiled
    }
}
