import Diagnostics
import Jinja
import Parallelism
import ProjectModel

/// What `parse()` leaves that restores a compiler to the same state without reading the project's
/// SQL, CSV and property files: dbt's partial parsing at the scale of the whole project. The
/// workspace keeps it in `target/` with the stamps of the files it came from, and restores it
/// while none has changed (see `ParseSnapshot` there).
///
/// Templates are not kept: a node's is parsed again from its raw code when it is compiled, under
/// the name its file had, so that messages read as they would after a full parse.
public struct ParsedProject: BinaryCodable {
    /// Encoded and decoded on all cores, each node on its own.
    var nodes: [ManifestNode]
    /// Sources, enabled and disabled (their config tells).
    var sources: [SourceDefinition]
    var exposures: [Exposure]
    var groups: [Group]
    /// Unit tests, enabled and disabled.
    var unitTests: [UnitTestDefinition]
    var disabledUnitTests: [UnitTestDefinition]
    var disabled: [String: [ManifestNode]]
    /// Every macro as the property files left it (descriptions, arguments): the macro files
    /// themselves are read again, their manifest entries replaced by these.
    var macros: [MacroInfo]
    var sourceNames: [String: String]
    var disabledNames: [String]
    /// Nodes read from a file whose text is their raw code, with the file's name.
    var fileNames: [String: String]
    /// Templates made from a node's raw code under another name than its file's (run hooks).
    var templateNames: [String: String]
    /// Snapshot nodes: the file their block is in (name, text).
    var snapshotFiles: [String: [String]]
    /// Seeds: the file's name and where it is read from when loaded.
    var seedFiles: [String: [String]]
    /// The environment variables the parse read (the workspace keys the snapshot with their values).
    var environment: [String]
    /// The nodes whose parse render read a volatile name that does not vary from run to run
    /// (`graph`): restored, they still rule out the compile snapshot (`rendersAreRepeatable`).
    var parsesReadingVolatileNames: [String]
    /// Semantic models, metrics and saved queries, enabled and disabled (their config tells).
    var semanticResources: [SemanticResource]

    /// A node encoded on its own (written by `encodedRuns(lengthPrefixed: true)`).
    struct EncodedNode: BinaryCodable {
        var bytes: [UInt8]

        func encode(to writer: inout BinaryWriter) { writer.writeBytes(bytes) }
        init(from reader: inout BinaryReader) throws { bytes = Array(try reader.readBytes()) }
    }

    public func encode(to writer: inout BinaryWriter) {
        for segment in encodedSegments() { writer.append(encoded: segment) }
    }

    /// `encode(to:)`'s bytes in pieces, to be written one after the other: the nodes (as an
    /// array of `EncodedNode`) in the runs `encodedRuns` makes on all cores.
    public func encodedSegments() -> [[UInt8]] {
        var head = BinaryWriter()
        head.writeVarint(UInt64(nodes.count))
        let encoded = nodes.encodedRuns(lengthPrefixed: true).map { $0.bytes }
        var rest = BinaryWriter()
        rest.write(sources)
        rest.write(exposures)
        rest.write(groups)
        rest.write(unitTests)
        rest.write(disabledUnitTests)
        rest.write(disabled)
        rest.write(macros)
        rest.write(sourceNames)
        rest.write(disabledNames)
        rest.write(fileNames)
        rest.write(templateNames)
        rest.write(snapshotFiles)
        rest.write(seedFiles)
        rest.write(environment)
        rest.write(parsesReadingVolatileNames)
        rest.write(semanticResources)
        return [head.bytes] + encoded + [rest.bytes]
    }

    public init(from reader: inout BinaryReader) throws {
        nodes = try reader.read([EncodedNode].self).concurrentMap { encoded in
            var reader = BinaryReader(encoded.bytes)
            return try reader.read(ManifestNode.self)
        }
        sources = try reader.read()
        exposures = try reader.read()
        groups = try reader.read()
        unitTests = try reader.read()
        disabledUnitTests = try reader.read()
        disabled = try reader.read()
        macros = try reader.read()
        sourceNames = try reader.read()
        disabledNames = try reader.read()
        fileNames = try reader.read()
        templateNames = try reader.read()
        snapshotFiles = try reader.read()
        seedFiles = try reader.read()
        environment = try reader.read()
        parsesReadingVolatileNames = try reader.read()
        semanticResources = try reader.read()
    }

    init(
        nodes: [ManifestNode], sources: [SourceDefinition], exposures: [Exposure], groups: [Group],
        unitTests: [UnitTestDefinition], disabledUnitTests: [UnitTestDefinition], disabled: [String: [ManifestNode]],
        macros: [MacroInfo], sourceNames: [String: String], disabledNames: [String], fileNames: [String: String],
        templateNames: [String: String], snapshotFiles: [String: [String]], seedFiles: [String: [String]],
        environment: [String], parsesReadingVolatileNames: [String], semanticResources: [SemanticResource]
    ) {
        self.semanticResources = semanticResources
        self.nodes = nodes
        self.sources = sources
        self.exposures = exposures
        self.groups = groups
        self.unitTests = unitTests
        self.disabledUnitTests = disabledUnitTests
        self.disabled = disabled
        self.macros = macros
        self.sourceNames = sourceNames
        self.disabledNames = disabledNames
        self.fileNames = fileNames
        self.templateNames = templateNames
        self.snapshotFiles = snapshotFiles
        self.seedFiles = seedFiles
        self.environment = environment
        self.parsesReadingVolatileNames = parsesReadingVolatileNames
    }
}

extension ProjectCompiler {
    /// The state `parse()` left, when a later invocation may restore it in place of parsing: the
    /// parse warned about nothing, each of its renders followed from the files and settings alone
    /// (none read a name in `ParseCache.runVaryingNames`), and nothing in it needs the property files'
    /// text later (foreign keys are checked against their YAML when compiled; the column
    /// vocabulary reads the project's columns). Nil otherwise.
    public func parsedProject() -> ParsedProject? {
        // (The nodes read on all cores, by entry position, here and below: a large project has
        // tens of thousands.)
        guard warnings.isEmpty, options.vocabulary == nil, unrepeatableParses.isEmpty,
            !Array(manifest.nodes.indices).concurrentMap({ !manifest.nodes.values[$0].foreignKeyReferences.isEmpty })
                .contains(true)
        else { return nil }
        var fileNames: [String: String] = [:]
        var templateNames: [String: String] = [:]
        var snapshotFiles: [String: [String]] = [:]
        var seedFiles: [String: [String]] = [:]
        // Each file compared with its node's code on all cores (the whole project's text).
        enum Kept { case snapshot, seed(String), file, neither, unknownPackage }
        let files = Array(nodeFiles)
        let kept = files.concurrentMap { id, file -> Kept in
            guard let node = manifest.nodes[id] else { return .neither }
            if snapshotBlocks[id] != nil { return .snapshot }
            if node.resourceType == .seed {
                guard let package = package(named: node.packageName) else { return .unknownPackage }
                let directory = package.directory.hasSuffix("/") ? package.directory : package.directory + "/"
                return .seed(unreadSeedPaths[id] ?? directory + node.originalFilePath)
            }
            // The raw code is the file's text as dbt reads it (no leading or trailing whitespace).
            return file.text.pythonStripped == node.rawCode ? .file : .neither
        }
        for ((id, file), kept) in zip(files, kept) {
            switch kept {
            case .snapshot: snapshotFiles[id] = [file.name, file.text]
            case .seed(let path): seedFiles[id] = [file.name, path]
            case .file: fileNames[id] = file.name
            case .neither: break
            case .unknownPackage: return nil
            }
        }
        enum Named { case asItsFile, other(String), notItsCode }
        let entries = Array(templates)
        let named = entries.concurrentMap { id, template -> Named in
            guard let node = manifest.nodes[id], template.name != fileNames[id] else { return .asItsFile }
            return node.rawCode == template.file.text ? .other(template.name) : .notItsCode
        }
        for ((id, _), named) in zip(entries, named) {
            switch named {
            case .asItsFile: continue
            case .other(let name): templateNames[id] = name
            case .notItsCode: return nil
            }
        }
        return ParsedProject(
            nodes: Array(manifest.nodes.values),
            sources: Array(manifest.sources.values) + Array(manifest.disabledSources.values), exposures: Array(manifest.exposures.values),
            groups: Array(manifest.groups.values), unitTests: Array(manifest.unitTests.values),
            disabledUnitTests: Array(manifest.disabledUnitTests.values), disabled: manifest.disabled, macros: Array(manifest.macros.values), sourceNames: sourceByName,
            disabledNames: disabledNames.sorted(), fileNames: fileNames, templateNames: templateNames,
            snapshotFiles: snapshotFiles, seedFiles: seedFiles, environment: environmentVariablesRead,
            parsesReadingVolatileNames: parsesReadingVolatileNames,
            semanticResources: Array(manifest.semanticResources.values) + Array(manifest.disabledSemanticResources.values))
    }

    /// Readies the compiler as `parse()` would have left it, from `project` (which an earlier
    /// `parsedProject()` gave for the very same files and settings): the macros and docs blocks
    /// are read from their files, everything else is taken as it was.
    public func restore(_ project: ParsedProject) throws {
        isRestored = true
        try loadMacros()
        try loadDocs()
        baseGlobals = makeBaseGlobals()
        manifest.nodes.reserveCapacity(project.nodes.count)
        for node in project.nodes { manifest.nodes[node.uniqueID] = node }
        for source in project.sources {
            if source.isEnabled {
                manifest.sources[source.uniqueID] = source
            } else {
                manifest.disabledSources[source.uniqueID] = source
            }
        }
        for exposure in project.exposures { manifest.exposures[exposure.uniqueID] = exposure }
        for group in project.groups { manifest.groups[group.uniqueID] = group }
        for test in project.unitTests { manifest.unitTests[test.uniqueID] = test }
        for test in project.disabledUnitTests { manifest.disabledUnitTests[test.uniqueID] = test }
        for resource in project.semanticResources {
            if resource.isEnabled {
                manifest.semanticResources[resource.uniqueID] = resource
            } else {
                manifest.disabledSemanticResources[resource.uniqueID] = resource
            }
        }
        for macro in project.macros { manifest.macros[macro.uniqueID] = macro }
        manifest.disabled = project.disabled
        sourceByName = project.sourceNames
        disabledNames = Set(project.disabledNames)
        for (id, name) in project.fileNames {
            guard let node = manifest.nodes[id] else { throw BinaryCodingError() }
            nodeFiles[id] = SourceFile(name: name, text: node.rawCode)
            templateNames[id] = name
        }
        for (id, name) in project.templateNames { templateNames[id] = name }
        for (id, file) in project.snapshotFiles {
            guard file.count == 2, let node = manifest.nodes[id] else { throw BinaryCodingError() }
            let template: Template
            do {
                template = try jinja.parse(file[1], name: file[0])
            } catch let error as TemplateError {
                throw error.diagnostic
            }
            guard let block = template.extensionBlocks.first(where: { $0.tag == "snapshot" && $0.name == node.name })
            else { throw BinaryCodingError() }
            snapshotBlocks[id] = (template, block)
            nodeFiles[id] = SourceFile(name: file[0], text: file[1])
        }
        for (id, seed) in project.seedFiles {
            guard seed.count == 2 else { throw BinaryCodingError() }
            nodeFiles[id] = SourceFile(name: seed[0], text: "")
            unreadSeedPaths[id] = seed[1]
        }
        envUsage.record(project.environment)
        parsesReadingVolatileNames = project.parsesReadingVolatileNames
        indexRefableNodes()
        refreshGraph()
    }
}
