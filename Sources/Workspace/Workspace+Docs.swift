import Artifacts
import Compiler
import Diagnostics
import Docs
import Foundation
import ProjectLoading
import ProjectModel
import Selection
import Warehouse

/// How `weir docs generate` goes about it: dbt's flags of the command.
public struct DocsOptions: Sendable {
    /// `--compile` (the default) / `--no-compile`: whether the nodes are compiled, so that the site
    /// shows compiled SQL.
    public var compile = true
    /// `--empty-catalog`: no catalog is read from the warehouse; `catalog.json` lists nothing. With
    /// `--no-compile` too, the warehouse is never connected to (docs built where it is out of reach).
    public var emptyCatalog = false
    /// `--static`: also `target/static_index.html`, the whole site in one file.
    public var staticPage = false
    /// `--select`/`--exclude`: the nodes compiled, and the nodes and sources the catalog describes.
    public var selection: SelectionRequest?

    public init(compile: Bool = true, emptyCatalog: Bool = false, staticPage: Bool = false, selection: SelectionRequest? = nil) {
        self.compile = compile
        self.emptyCatalog = emptyCatalog
        self.staticPage = staticPage
        self.selection = selection
    }

    /// Whether the command needs the warehouse at all.
    public var needsWarehouse: Bool { compile || !emptyCatalog }
}

extension Workspace {
    /// `weir docs generate`: reads the catalog from the warehouse, compiles every node (so the
    /// site shows compiled SQL), then writes `target/manifest.json`, `target/catalog.json` and the
    /// site in `target/docs/` (with the project's `asset-paths` copied into it). The last run comes
    /// from an existing `target/run_results.json`, which, unlike dbt, this command leaves alone: a
    /// docs build is not a run worth showing; the sources' freshness from `target/sources.json`,
    /// when `source freshness` wrote one.
    public func generateDocs(in parsed: Parsed, options: DocsOptions = DocsOptions()) throws -> DocsOutcome {
        let startedAt = Date()
        let target = targetDirectory(parsed)
        // Parsed while the catalog query waits on the warehouse: nothing else here reads it.
        let lastRun = BackgroundResult { [self] in
            (readArtifact("run_results.json", in: target, help: "run `weir build` again to write a fresh run_results.json"),
             readArtifact("sources.json", in: target, help: "run `weir source freshness` again to write a fresh sources.json"))
        }
        defer { parsed.warehouseAhead?.close() }
        let selected = try options.selection.map { Set(try select($0, in: parsed)) }
        var compiled = 0
        var catalog = CatalogReader.Result()
        if options.needsWarehouse {
            (compiled, catalog) = try compileAndReadCatalog(parsed, options: options, selected: selected)
        }

        // The manifest as `writeManifest` writes it (a test holds the two together), built once
        // here because the site reads the same document: at 10,000 models building it is a
        // noticeable part of the command.
        let manifestWriter = manifestWriter(for: parsed.compiler)
        let manifestDocument = manifestWriter.document(for: parsed.manifest)
        let manifestPath = join(target, "manifest.json")
        try fileSystem.writeFile(manifestPath, manifestDocument.serializedBytes())
        try writeSemanticManifest(parsed)
        let catalogDocument = CatalogWriter(metadata: manifestWriter.metadata).document(
            nodes: catalog.nodes, sources: catalog.sources)
        let catalogPath = join(target, "catalog.json")
        try fileSystem.writeFile(catalogPath, catalogDocument.serializedBytes())

        let read = try? lastRun.wait().get()
        let (runResults, freshness) = (read?.0.document, read?.1.document)
        let warnings = [read?.0.warning, read?.1.warning].compactMap { $0 }
        let site = DocsSite(manifest: manifestDocument, catalog: catalogDocument, runResults: runResults, freshness: freshness)
        let files = site.files()
        let siteDirectory = join(target, "docs")
        // Chunks of an earlier, larger project must not linger beside the new ones.
        if fileSystem.directoryExists(siteDirectory) { try fileSystem.removeItem(siteDirectory) }
        for file in files { try fileSystem.writeFile(join(siteDirectory, file.path), file.contents) }
        // Images and the like the docs refer to by relative path (`![](assets/erd.png)`), as dbt
        // copies them beside its index.html.
        for assets in parsed.rootConfig.assetPaths where !normalize(assets).hasPrefix("..") && !assets.hasPrefix("/") {
            try copyTree(join(projectDirectory, assets), to: join(siteDirectory, normalize(assets)))
        }
        var staticPagePath: String?
        if options.staticPage {
            let path = join(target, "static_index.html")
            try fileSystem.writeFile(path, site.staticPage())
            staticPagePath = path
        }

        return DocsOutcome(
            manifestPath: manifestPath, catalogPath: catalogPath,
            siteDirectory: siteDirectory,
            siteFiles: files.count, compiledNodes: compiled,
            catalogRelations: catalog.nodes.count + catalog.sources.count,
            missingRelations: catalog.missing, includesLastRun: runResults != nil, warnings: warnings,
            elapsed: Date().timeIntervalSince(startedAt), staticPagePath: staticPagePath,
            documents: [manifestDocument, catalogDocument])
    }

    /// Compiles the nodes while the catalog is read, each on a warehouse connection of its own
    /// (compiling answers `run_query` and the like; only incremental models wait for the catalog).
    private func compileAndReadCatalog(
        _ parsed: Parsed, options: DocsOptions, selected: Set<String>?
    ) throws -> (compiled: Int, catalog: CatalogReader.Result) {
        let warehouse = try parsed.warehouseAhead ?? WarehouseFactory.make(parsed.target, projectDirectory: projectDirectory)
        let catalogConnection = options.emptyCatalog ? nil : try RunSession.connect(warehouse, target: parsed.target)
        defer { catalogConnection?.close() }
        let connection = try RunSession.connect(warehouse, target: parsed.target)
        defer { connection.close() }
        let wanted = CatalogReader.wanted(in: parsed.manifest).filter { selected?.contains($0.uniqueID) ?? true }
        let dialect = warehouse.dialect
        let catalogRead = BackgroundResult {
            guard let catalogConnection else { return CatalogReader.Result() }
            return try CatalogReader(connection: catalogConnection, dialect: dialect).read(wanted)
        }
        func catalog() throws -> CatalogReader.Result {
            do {
                return try catalogRead.wait().get()
            } catch let error as WarehouseError {
                throw Diagnostic(
                    code: "W1501", message: "could not read the warehouse's catalog: \(error)",
                    help: "check that the target's user may read the information schema of the project's schemas")
            }
        }
        var compiled = 0
        if options.compile {
            do {
                compiled = try compileForDocs(parsed, selected: selected, catalog: catalog, connection: connection)
            } catch {
                _ = catalogRead.wait()  // its connection is closed on the way out
                throw error
            }
        }
        return (compiled, try catalog())
    }

    /// Copies a directory's files, keeping their paths beneath it (nothing when it does not exist).
    private func copyTree(_ source: String, to destination: String) throws {
        guard fileSystem.directoryExists(source) else { return }
        for entry in fileSystem.entries(of: source) {
            let path = join(source, entry)
            if fileSystem.directoryExists(path) {
                try copyTree(path, to: join(destination, entry))
            } else {
                try fileSystem.writeFile(join(destination, entry), try fileSystem.readFile(path))
            }
        }
    }

    /// Compiles every enabled model, test, analysis and snapshot as `weir compile` would, with the
    /// warehouse at hand for `run_query` and `is_incremental()` (true where the relation exists
    /// as a table in `catalog`, as at run time). Returns how many nodes have compiled SQL.
    private func compileForDocs(
        _ parsed: Parsed, selected: Set<String>?, catalog: @escaping () throws -> CatalogReader.Result,
        connection: any WarehouseConnection
    ) throws -> Int {
        let compiler = parsed.compiler
        let ids = parsed.manifest.nodes.values
            .filter { $0.isEnabled && [.model, .test, .analysis, .snapshot].contains($0.resourceType) }
            .map(\.uniqueID)
            .filter { selected?.contains($0) ?? true }
            .sorted()
        compiler.queryRunner = ConnectionQueryRunner(connection)
        defer {
            compiler.queryRunner = nil
            compiler.existingRelations = []
        }
        let compiledFiles = try compile(ids, in: parsed) {
            Set(try catalog().nodes.filter { $0.type == "BASE TABLE" || $0.type == "table" }.map(\.uniqueID))
        }
        _ = try compiledFiles.value()
        return parsed.manifest.nodes.values.filter { $0.compiledCode != nil }.count
    }

    /// An unreadable `run_results.json` only costs the "Last run" panel (`sources.json` the
    /// sources' freshness), so it is a warning.
    private func readArtifact(_ name: String, in target: String, help: String) -> (document: JSONValue?, warning: Diagnostic?) {
        let path = join(target, name)
        guard fileSystem.fileExists(path) else { return (nil, nil) }
        do {
            return (try JSONValue(parsing: try fileSystem.readFile(path)), nil)
        } catch {
            return (
                nil,
                Diagnostic(
                    .warning, code: "W1502", message: "ignoring \(path): \(error)", help: help)
            )
        }
    }
}
