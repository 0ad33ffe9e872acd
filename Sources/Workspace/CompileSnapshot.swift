import ProjectLoading
import ProjectModel

/// What a full `weir compile` leaves in `target/` so that the next one, after a few models were
/// edited, recompiles just those models and patches their entries into `manifest.json` in place
/// (see `Workspace.compileFromSnapshot`).
///
/// It holds the finished nodes a model can reference (models, seeds, snapshots) and the
/// sources, and everything that must be as it was for the rest of the output to still hold:
/// the stamp of every file the parse could read (see `FileStamp`), a digest of the settings and
/// of the environment variables read, and the stamps of what the invocation wrote
/// (`manifest.json` and `semantic_manifest.json`, the directories of `target/compiled`), with
/// where each model's entry lies in the manifest.
///
/// The stored nodes are in a file of their own (`nodesFileName`), written once by the full
/// compile and read only where a recompile needs a node; what recompiles change is kept here.
struct CompileSnapshot: BinaryCodable {
    static let fileName = "weir_compile_snapshot.bin"
    static let nodesFileName = "weir_compile_snapshot.nodes"
    /// Changed whenever the layout or the meaning of a field changes.
    static let format = "weir-compile-snapshot-7"

    /// A stored node or source: where its encoding lies in the nodes file, and for models where its
    /// member of the manifest's `nodes` lies in `manifest.json`.
    struct Record: BinaryCodable, Equatable {
        var encoded: Range<Int>
        var manifestEntry: Range<Int>?

        func encode(to writer: inout BinaryWriter) {
            writer.write(encoded.lowerBound)
            writer.write(encoded.upperBound)
            writer.write(manifestEntry.map { [$0.lowerBound, $0.upperBound] } ?? [])
        }

        init(encoded: Range<Int>, manifestEntry: Range<Int>?) {
            self.encoded = encoded
            self.manifestEntry = manifestEntry
        }

        init(from reader: inout BinaryReader) throws {
            encoded = try readRange(&reader)
            let entry: [Int] = try reader.read()
            manifestEntry = entry.count == 2 && entry[0] <= entry[1] ? entry[0]..<entry[1] : nil
        }
    }

    /// `ProjectCompiler.settingsFingerprint` of the invocation.
    var settings: String
    /// The environment variables its renders and property files read (their values are in `settings`).
    var variables: [String]
    /// Every file the parse could have read, by path, with its stamp (nil: the file was absent).
    var files: [String: FileStamp?]
    /// The root project's model files among `files`, with their node's unique id.
    var models: [String: String]
    /// `manifest.json` as written, and where its `metadata` object lies.
    var manifest: FileStamp
    var metadata: Range<Int>
    /// `semantic_manifest.json` as written: a recompile keeps it (it follows from property files
    /// and configs, which a recompile leaves as they were), so it must still be there unchanged.
    var semanticManifest: FileStamp?
    /// The directories of `target/compiled` the invocation wrote into.
    var compiledDirectories: [String: FileStamp?]
    /// How many nodes the invocation compiled (what `weir compile` reports).
    var compiledCount: Int
    var nodes: [String: Record]
    var sources: [String: Record]
    /// The nodes file as written.
    var nodesFile: FileStamp?
    /// Nodes recompiled since, encoded: they take the place of the nodes file's.
    var recompiled: [String: EncodedValue] = [:]

    func encode(to writer: inout BinaryWriter) {
        Self.encodeHead(settings: settings, variables: variables, files: files, models: models, to: &writer)
        Self.encodeTail(
            manifest: manifest, metadata: metadata, semanticManifest: semanticManifest,
            compiledDirectories: compiledDirectories,
            compiledCount: compiledCount, nodes: nodes, sources: sources, nodesFile: nodesFile,
            recompiled: recompiled, to: &writer)
    }

    /// The start of the encoding: the fields a full compile knows before its output is written,
    /// encoded while the output is.
    static func encodeHead(
        settings: String, variables: [String], files: [String: FileStamp?], models: [String: String],
        to writer: inout BinaryWriter
    ) {
        writer.write(format)
        writer.write(settings)
        writer.write(variables)
        writer.write(files)
        writer.write(models)
    }

    /// The rest of the encoding, after `encodeHead`'s. (The records come as the entries of their
    /// maps, or of lists a full compile encodes without building the maps.)
    static func encodeTail(
        manifest: FileStamp, metadata: Range<Int>, semanticManifest: FileStamp?,
        compiledDirectories: [String: FileStamp?], compiledCount: Int,
        nodes: some Collection<(key: String, value: Record)>, sources: some Collection<(key: String, value: Record)>,
        nodesFile: FileStamp?, recompiled: [String: EncodedValue], to writer: inout BinaryWriter
    ) {
        writer.write(manifest)
        writer.write(metadata.lowerBound)
        writer.write(metadata.upperBound)
        writer.write(semanticManifest)
        writer.write(compiledDirectories)
        writer.write(compiledCount)
        writer.writeEntries(nodes, count: nodes.count)
        writer.writeEntries(sources, count: sources.count)
        writer.write(nodesFile)
        writer.write(recompiled)
    }

    init(from reader: inout BinaryReader) throws {
        guard try reader.read(String.self) == Self.format else { throw BinaryCodingError() }
        settings = try reader.read()
        variables = try reader.read()
        files = try reader.read()
        models = try reader.read()
        manifest = try reader.read()
        metadata = try readRange(&reader)
        semanticManifest = try reader.read()
        compiledDirectories = try reader.read()
        compiledCount = try reader.read()
        nodes = try reader.read()
        sources = try reader.read()
        nodesFile = try reader.read()
        recompiled = try reader.read()
    }

    /// The encoding of a node or source, to `store`.
    static func encoded<Value: BinaryCodable>(_ value: Value) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(value)
        return writer.bytes
    }

    /// The nodes file of runs of encodings (`Array.encodedRuns`), as pieces to write one after
    /// the other, and where each encoding lies in it, in order.
    static func nodesFile(_ runs: [(bytes: [UInt8], lengths: [Int])]) -> (pieces: [[UInt8]], ranges: [Range<Int>]) {
        var ranges: [Range<Int>] = []
        var length = 0
        for run in runs {
            for count in run.lengths {
                ranges.append(length..<(length + count))
                length += count
            }
        }
        return (runs.map(\.bytes), ranges)
    }

    /// A stored node, read from the nodes file at `path` (or as last recompiled).
    func node(_ id: String, nodesFile path: String, in fileSystem: any FileSystem) throws -> ManifestNode? {
        var reader: BinaryReader
        if let encoded = recompiled[id] {
            reader = BinaryReader(encoded.bytes)
        } else if let record = nodes[id] {
            reader = BinaryReader(try fileSystem.readFile(path, range: record.encoded))
        } else {
            return nil
        }
        return try reader.read(ManifestNode.self)
    }

    func source(_ id: String, nodesFile path: String, in fileSystem: any FileSystem) throws -> SourceDefinition? {
        guard let record = sources[id] else { return nil }
        var reader = BinaryReader(try fileSystem.readFile(path, range: record.encoded))
        return try reader.read(SourceDefinition.self)
    }

    /// Moves the recorded manifest ranges after bytes `replaced` became `length` bytes long.
    mutating func manifestRange(_ replaced: Range<Int>, becameLength length: Int) {
        let delta = length - replaced.count
        guard delta != 0 else { return }
        func shifted(_ range: Range<Int>) -> Range<Int> {
            if range.lowerBound >= replaced.upperBound { return (range.lowerBound + delta)..<(range.upperBound + delta) }
            if range == replaced { return range.lowerBound..<(range.lowerBound + length) }
            return range
        }
        metadata = shifted(metadata)
        for (id, record) in nodes {
            guard let entry = record.manifestEntry else { continue }
            nodes[id]?.manifestEntry = shifted(entry)
        }
    }
}

/// Bytes stored as they are (an encoded value).
struct EncodedValue: BinaryCodable {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func encode(to writer: inout BinaryWriter) { writer.writeBytes(bytes) }
    init(from reader: inout BinaryReader) throws { bytes = Array(try reader.readBytes()) }
}

private func readRange(_ reader: inout BinaryReader) throws -> Range<Int> {
    let lower: Int = try reader.read()
    let upper: Int = try reader.read()
    guard lower <= upper else { throw BinaryCodingError() }
    return lower..<upper
}
