import Artifacts
import Compiler
import Foundation
import Parallelism
import ProjectLoading
import ProjectModel

/// `weir compile` after editing a few models: recompile just those, from the snapshot the last
/// full compile left (see `CompileSnapshot`), and patch their entries into `manifest.json`.
///
/// Taken only when it gives the very output a full compile would (less time stamps and the
/// ids of the invocation): the same settings, environment variables and project files but for
/// edited root-project models, each of whose parse render still makes the same `ref`, `source`
/// and `config` calls; and nothing in the last compile's output that varies from run to run.
/// Anything else, and any error, leaves it to the full compile (which reports the error).
extension Workspace {
    /// What a compile from the snapshot did.
    public struct SnapshotCompile {
        /// How many nodes the compile covers (all of them, as the full compile did).
        public var compiledCount: Int
        /// The models compiled again, with their compiled SQL.
        public var recompiled: [ManifestNode]
    }

    /// Compiles from the snapshot, or returns nil when a full compile is needed.
    public func compileFromSnapshot() -> SnapshotCompile? {
        guard configuration.partialParse, configuration.statePath == nil, !configuration.deferToState, !configuration.empty,
            configuration.writeJSON
        else { return nil }
        reader.forgetListings()
        return try? compileFromSnapshotOrThrow()
    }

    private func compileFromSnapshotOrThrow() throws -> SnapshotCompile? {
        let (target, profilePath) = try loadTarget(profileName: rootProfileName())
        let packages = try packageConfigs(target: target)
        let rootConfig = packages[0].config
        let targetDirectory = join(projectDirectory, rootConfig.targetPath)
        let snapshotPath = join(targetDirectory, CompileSnapshot.fileName)
        let nodesPath = join(targetDirectory, CompileSnapshot.nodesFileName)
        guard fileSystem.stamp(snapshotPath) != nil else { return nil }
        var snapshotReader = BinaryReader(try fileSystem.readFile(snapshotPath))
        var snapshot = try snapshotReader.read(CompileSnapshot.self)
        guard snapshot.settings == settingsFingerprint(packages.map(\.config), target: target, variables: snapshot.variables)
        else { return nil }

        // Every file as it was, but edited models of the root project.
        let stamps = self.stamps(of: snapshotFilePaths(packages, profilePath: profilePath))
        guard stamps.count == snapshot.files.count else { return nil }
        var edited: [(path: String, id: String)] = []
        for (path, stamp) in stamps {
            guard let recorded = snapshot.files[path] else { return nil }
            if recorded == stamp { continue }
            guard stamp != nil, let id = snapshot.models[path] else { return nil }
            edited.append((path, id))
        }
        let manifestPath = join(targetDirectory, "manifest.json")
        guard edited.count <= 64, fileSystem.stamp(manifestPath) == snapshot.manifest,
            fileSystem.stamp(join(targetDirectory, Self.semanticManifestFileName)) == snapshot.semanticManifest,
            fileSystem.stamp(nodesPath) == snapshot.nodesFile,
            self.stamps(of: Array(snapshot.compiledDirectories.keys)) == snapshot.compiledDirectories
        else { return nil }

        // A compiler that knows the edited models, what they reference, and the macros.
        var nodes: [ManifestNode] = []
        var sources: [SourceDefinition] = []
        for (_, id) in edited {
            guard let node = try snapshot.node(id, nodesFile: nodesPath, in: fileSystem) else { return nil }
            nodes.append(node)
            for dependency in node.dependsOn.nodes where !nodes.contains(where: { $0.uniqueID == dependency }) {
                if let parent = try snapshot.node(dependency, nodesFile: nodesPath, in: fileSystem) {
                    nodes.append(parent)
                } else if let source = try snapshot.source(dependency, nodesFile: nodesPath, in: fileSystem) {
                    sources.append(source)
                } else {
                    return nil
                }
            }
        }
        let (root, dependencies) = try loadPackages(macrosAndDocsOnly: true)
        let compiler = try ProjectCompiler(root: root, dependencies: dependencies, target: target, options: try compileOptions(rootConfig))
        try compiler.prepareForRecompiling(nodes: nodes, sources: sources)
        var recompiled: [ManifestNode] = []
        for (path, id) in edited {
            guard let stored = compiler.manifest.nodes[id], !Self.usesColumnSelection(stored.rawCode) else { return nil }
            let file = try reader.decode(try fileSystem.readFile(path), displayName: stored.originalFilePath)
            guard let node = try compiler.recompile(id, text: file.text, fileName: file.name),
                !Self.usesColumnSelection(node.rawCode)
            else { return nil }
            recompiled.append(node)
        }

        // The output: compiled files, the manifest's changed entries and metadata, the snapshot.
        try writeFiles(recompiled.map { node in
            (Self.nodeFilePath(node, in: "compiled", targetDirectory: targetDirectory), node.compiledCode ?? "")
        })
        var manifest = Manifest(projectName: rootConfig.name, adapterType: target.type)
        manifest.quoting = rootConfig.quoting
        let writer = manifestWriter(for: compiler)
        var replacements = [(range: snapshot.metadata, bytes: writer.metadataBytes(for: manifest))]
        for node in recompiled {
            guard let entry = snapshot.nodes[node.uniqueID]?.manifestEntry else { return nil }
            replacements.append((entry, writer.nodeMemberBytes(node)))
        }
        replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
        try fileSystem.replaceRanges(of: manifestPath, replacements)
        for (range, bytes) in replacements.reversed() { snapshot.manifestRange(range, becameLength: bytes.count) }
        for node in recompiled { snapshot.recompiled[node.uniqueID] = EncodedValue(CompileSnapshot.encoded(node)) }
        for (path, _) in edited { snapshot.files[path] = fileSystem.stamp(path) }
        // Replacing a compiled file may have touched its directory.
        snapshot.compiledDirectories = self.stamps(of: Array(snapshot.compiledDirectories.keys))
        guard let manifestStamp = fileSystem.stamp(manifestPath) else { return nil }
        snapshot.manifest = manifestStamp
        try saveSnapshot(snapshot, at: snapshotPath)
        return SnapshotCompile(compiledCount: snapshot.compiledCount, recompiled: recompiled)
    }

    /// The packages' project files, and the stamps of the files the snapshots are keyed with,
    /// taken before the parse read them (so that a file edited while it is parsed or compiled is
    /// not taken as parsed).
    struct ProjectFileStamps {
        let packages: [(config: ProjectConfig, directory: String, display: String)]
        let stamps: [String: FileStamp?]
    }

    /// Each path's stamp (nil: absent), taken on all cores.
    func stamps(of paths: [String]) -> [String: FileStamp?] {
        Dictionary(uniqueKeysWithValues: zip(paths, paths.concurrentMap { fileSystem.stamp($0) }))
    }

    /// After a full compile: leaves the snapshot the next compile may start from, when the
    /// compile covered more than one node and this invocation's output is one a later one can
    /// keep (else removes any earlier snapshot). The files are keyed with the stamps the parse took.
    ///
    /// Made while the manifest (`manifest`, the task writing it with its layout) and the compiled
    /// files are written: the nodes are encoded and their file written meanwhile, and the rest
    /// waits for both.
    public func saveCompileSnapshot(
        _ parsed: Parsed, manifest manifestWrite: BackgroundTask<ManifestLayout?>,
        compiledFiles: BackgroundTask<CompiledFiles>
    ) throws {
        let targetDirectory = self.targetDirectory(parsed)
        let snapshotPath = join(targetDirectory, CompileSnapshot.fileName)
        let manifestPath = join(targetDirectory, "manifest.json")
        let compiler = parsed.compiler
        let manifest = parsed.manifest
        // One pass over the nodes: the root project's models by file, the nodes a ref may name
        // (whose entries the snapshot keeps), and whether a model selects columns by reading
        // relations (which no snapshot can stand for).
        var models: [String: String] = [:]
        var referable: [(node: ManifestNode, offset: Int)] = []
        var selectsColumns = false
        for (offset, node) in manifest.nodes.values.enumerated() {
            switch node.resourceType {
            case .model:
                if node.packageName == parsed.rootConfig.name { models[join(projectDirectory, node.originalFilePath)] = node.uniqueID }
                selectsColumns = selectsColumns || Self.usesColumnSelection(node.rawCode)
                referable.append((node, offset))
            case .seed, .snapshot:
                referable.append((node, offset))
            default:
                break
            }
        }
        let keepable =
            configuration.partialParse && configuration.statePath == nil && !configuration.deferToState
            && configuration.writeJSON && parsed.warnings.isEmpty
            && compiler.rendersAreRepeatable && compiler.options.vocabulary == nil && !selectsColumns
        let sources = Array(manifest.sources.values)
        // Whatever does not depend on the manifest's layout is made meanwhile: the nodes file, and
        // the snapshot's fields that the compile's output does not change.
        let nodesPath = join(targetDirectory, CompileSnapshot.nodesFileName)
        var prepared: PreparedSnapshot?
        if keepable, let files = parsed.fileStamps {
            let (pieces, ranges) = CompileSnapshot.nodesFile(referable.map(\.node).encodedRuns() + sources.encodedRuns())
            try fileSystem.writeFile(nodesPath, segments: pieces)
            let variables = compiler.environmentVariablesRead
            var head = BinaryWriter()
            CompileSnapshot.encodeHead(
                settings: settingsFingerprint(files.packages.map(\.config), target: parsed.target, variables: variables),
                variables: variables, files: files.stamps, models: models, to: &head)
            prepared = PreparedSnapshot(
                nodes: zip(referable, ranges).map { ($0.node.uniqueID, $0.offset, $1) },
                sources: zip(sources, ranges.dropFirst(referable.count)).map { ($0.uniqueID, .init(encoded: $1, manifestEntry: nil)) },
                nodesFile: fileSystem.stamp(nodesPath), head: head)
        }
        releaseInBackground((referable, sources))
        guard let layout = try manifestWrite.value() else { return }
        let written = try compiledFiles.value()
        guard let prepared, written.selected.count > 1,
            let manifestStamp = fileSystem.stamp(manifestPath)
        else {
            for path in [snapshotPath, nodesPath] where fileSystem.fileExists(path) { try fileSystem.removeItem(path) }
            return
        }
        var snapshot = prepared.head
        CompileSnapshot.encodeTail(
            manifest: manifestStamp, metadata: layout.metadata,
            semanticManifest: fileSystem.stamp(join(targetDirectory, Self.semanticManifestFileName)),
            compiledDirectories: stamps(of: written.directories.sorted()), compiledCount: written.selected.count,
            nodes: prepared.nodes.map { ($0.id, .init(encoded: $0.encoded, manifestEntry: layout.nodeEntries[$0.offset])) },
            sources: prepared.sources, nodesFile: prepared.nodesFile, recompiled: [:], to: &snapshot)
        try fileSystem.writeFile(snapshotPath, snapshot.bytes)
    }

    /// What a full compile's snapshot has before the manifest's layout is known: each stored
    /// node (by id, with its position in the manifest's map and its encoding's in the nodes
    /// file), the sources' records, the nodes file's stamp and the encoded head.
    private struct PreparedSnapshot {
        var nodes: [(id: String, offset: Int, encoded: Range<Int>)]
        var sources: [(key: String, value: CompileSnapshot.Record)]
        var nodesFile: FileStamp?
        var head: BinaryWriter
    }

    private func saveSnapshot(_ snapshot: CompileSnapshot, at path: String) throws {
        var writer = BinaryWriter()
        writer.write(snapshot)
        try fileSystem.writeFile(path, writer.bytes)
    }

    /// Every file whose change can change a compile's output, besides the settings: each
    /// package's resource files and project file, and the root project's other files.
    func snapshotFilePaths(_ packages: [(config: ProjectConfig, directory: String, display: String)], profilePath: String) -> [String] {
        var paths: [String] = [profilePath]
        for name in ["packages.yml", "dependencies.yml", "selectors.yml", Self.vocabularyFileName] {
            paths.append(join(projectDirectory, name))
        }
        for package in packages {
            paths.append(join(package.directory, "dbt_project.yml"))
            paths += reader.resourcePaths(in: package.directory, config: package.config).map { join(package.directory, $0) }
        }
        return paths
    }

    private func settingsFingerprint(_ packages: [ProjectConfig], target: Target, variables: [String]) -> String {
        ProjectCompiler.settingsFingerprint(
            packages: packages, target: target, cliVars: configuration.cliVars,
            settings: [configuration.command, configuration.fullRefresh ? "full-refresh" : "", configuration.warningSettings],
            variables: variables,
            environment: configuration.environment)
    }
}

