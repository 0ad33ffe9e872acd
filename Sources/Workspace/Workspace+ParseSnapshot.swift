import Compiler
import Foundation
import ProjectLoading
import ProjectModel

/// The parsed project an invocation leaves in `target/` (`weir_parse_snapshot.bin`), so that the
/// next one, finding every project file and setting as it was, restores the compiler from it
/// instead of parsing (`ProjectCompiler.parsedProject()` and `restore`): at 10,000 models that
/// replaces reading 20,000 SQL and YAML files, rendering their entries and generating 28,000
/// tests by decoding one file.
///
/// The file starts with its header's length (8 bytes, little-endian), then the header (format,
/// settings digest, the environment variables the parse read, the stamp of every file the
/// parse could read), then the parsed project, which is read only when the header matches.
struct ParseSnapshot {
    static let fileName = "weir_parse_snapshot.bin"
    /// Changed whenever the layout or the meaning of a field changes.
    static let format = "weir-parse-snapshot-10"
    /// Where the compiled SQL kept for the parse is (see `CompiledNodes`).
    static let compiledFileName = "weir_compiled_nodes.bin"

    /// The file system's clock now, as it stamps files (the kernel's coarse clock, which moves
    /// by one tick of a few milliseconds), in nanoseconds.
    static func clockTick() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
        return Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec)
    }

    /// Whether every stamp can tell the file from any later version of it: a file changed during
    /// the clock tick in which the stamps were taken (`stampedAt`) may change again within that
    /// tick, keeping its size and times (git's "racily clean" entries), so no snapshot is kept.
    static func stampsAreSettled(_ stamps: [String: FileStamp?], stampedAt: Int) -> Bool {
        stamps.values.allSatisfy { stamp in stamp.map { $0.modified < stampedAt && $0.changed < stampedAt } ?? true }
    }

    struct Header: BinaryCodable {
        /// Names this parse (`ProjectCompiler.parseIdentity`): made anew by each parse kept.
        var identity: String
        var settings: String
        var variables: [String]
        var files: [String: FileStamp?]

        func encode(to writer: inout BinaryWriter) {
            writer.write(ParseSnapshot.format)
            writer.write(identity)
            writer.write(settings)
            writer.write(variables)
            writer.write(files)
        }

        init(identity: String, settings: String, variables: [String], files: [String: FileStamp?]) {
            self.identity = identity
            self.settings = settings
            self.variables = variables
            self.files = files
        }

        init(from reader: inout BinaryReader) throws {
            guard try reader.read(String.self) == ParseSnapshot.format else { throw BinaryCodingError() }
            identity = try reader.read()
            settings = try reader.read()
            variables = try reader.read()
            files = try reader.read()
        }
    }
}

extension Workspace {
    /// The compiler restored from the parse snapshot, or nil when there is none, it was made
    /// under other settings, or a file it depends on changed, appeared or went away (then the
    /// project is parsed). `stamps` are those of `snapshotFilePaths` now.
    func restoredCompiler(
        _ packages: [(config: ProjectConfig, directory: String, display: String)], target: Target,
        stamps: [String: FileStamp?]
    ) -> ProjectCompiler? {
        let path = join(join(projectDirectory, packages[0].config.targetPath), ParseSnapshot.fileName)
        finishWrites(of: path)
        guard let size = fileSystem.fileSize(path), size > 8,
            let prefix = try? fileSystem.readFile(path, range: 0..<8), prefix.count == 8
        else { return nil }
        let headerLength = prefix.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard headerLength > 0, 8 + headerLength < size,
            let headerBytes = try? fileSystem.readFile(path, range: 8..<(8 + headerLength))
        else { return nil }
        var headerReader = BinaryReader(headerBytes)
        guard let header = try? headerReader.read(ParseSnapshot.Header.self), header.files == stamps,
            header.settings == parseSettings(packages.map(\.config), target: target, variables: header.variables)
        else { return nil }
        do {
            var reader = BinaryReader(try fileSystem.readFile(path, range: (8 + headerLength)..<size))
            let project = try reader.read(ParsedProject.self)
            let (root, dependencies) = try loadPackages(packages, macrosAndDocsOnly: true)
            let compiler = try ProjectCompiler(root: root, dependencies: dependencies, target: target, options: try compileOptions(packages[0].config))
            try compiler.restore(project)
            compiler.parseIdentity = header.identity
            return compiler
        } catch {
            return nil
        }
    }

    /// Leaves the parse snapshot of `compiler`'s parse, made from files with `stamps` (taken at
    /// `stampedAt`, before they were read), when the parse may be restored later; else removes an
    /// earlier one. Written (or removed) in the background.
    func saveParseSnapshot(
        _ compiler: ProjectCompiler, _ packages: [(config: ProjectConfig, directory: String, display: String)],
        target: Target, stamps: [String: FileStamp?], stampedAt: Int
    ) throws {
        let path = join(join(projectDirectory, packages[0].config.targetPath), ParseSnapshot.fileName)
        guard ParseSnapshot.stampsAreSettled(stamps, stampedAt: stampedAt), let project = compiler.parsedProject() else {
            removeInBackground(path)
            return
        }
        let variables = compiler.environmentVariablesRead
        let identity = UUID().uuidString
        let header = ParseSnapshot.Header(
            identity: identity, settings: parseSettings(packages.map(\.config), target: target, variables: variables),
            variables: variables, files: stamps)
        backgroundWrites.add(path) { [fileSystem] in
            var headerWriter = BinaryWriter()
            headerWriter.write(header)
            let headerLength = (0..<8).map { UInt8(truncatingIfNeeded: headerWriter.bytes.count >> (8 * $0)) }
            try fileSystem.writeFile(path, segments: [headerLength, headerWriter.bytes] + project.encodedSegments())
        }
        compiler.parseIdentity = identity
    }

    /// Readies `compiler` to take the compiled SQL kept for its parse (see `CompiledNodes`).
    func reuseCompiledNodes(_ compiler: ProjectCompiler, targetDirectory: String) -> CompiledNodes? {
        let path = join(targetDirectory, ParseSnapshot.compiledFileName)
        finishWrites(of: path)
        guard configuration.partialParse, !configuration.deferToState, !configuration.empty, configuration.sample == nil, compiler.parseIdentity != nil,
            let bytes = try? fileSystem.readFile(path)
        else { return nil }
        var reader = BinaryReader(bytes)
        guard let kept = try? reader.read(CompiledNodes.self) else { return nil }
        compiler.reuseCompiledNodes(kept)
        return kept
    }

    /// Keeps the compiled SQL of `compiler`'s nodes for the next invocation of the same parse,
    /// unless it is what `previous` already holds; removes an earlier file when none may be kept.
    /// Worked out and written (or removed) in the background.
    func keepCompiledNodes(_ compiler: ProjectCompiler, replacing previous: CompiledNodes?, targetDirectory: String) {
        // (Deferred refs depend on the earlier manifest and the warehouse, `--empty` ones on the
        // flag: nothing is kept.)
        guard configuration.partialParse, !configuration.deferToState, !configuration.empty, configuration.sample == nil, !compiler.keptCompilesAreCurrent
        else { return }
        let path = join(targetDirectory, ParseSnapshot.compiledFileName)
        guard let keep = compiler.compiledNodesToKeep() else {
            removeInBackground(path)
            return
        }
        backgroundWrites.add(path) { [fileSystem] in
            let kept = keep()
            guard kept != previous else { return }
            var writer = BinaryWriter()
            writer.write(kept)
            try fileSystem.writeFile(path, writer.bytes)
        }
    }

    /// The digest of the settings a parse depends on besides the files: the compile snapshot's,
    /// without the command (a parse that reads `flags` is never kept), and with the executable's
    /// own stamp, so that another build of Weir never restores what this one parsed.
    private func parseSettings(_ packages: [ProjectConfig], target: Target, variables: [String]) -> String {
        let executable = fileSystem.stamp("/proc/self/exe").map { "\($0.size):\($0.inode):\($0.modified)" } ?? ""
        return ProjectCompiler.settingsFingerprint(
            packages: packages, target: target, cliVars: configuration.cliVars, settings: ["parse", executable, configuration.warningSettings],
            variables: variables, environment: configuration.environment)
    }
}

extension Workspace {
    /// Removes `path`, if it exists, after the background writes queued before.
    func removeInBackground(_ path: String) {
        backgroundWrites.add(path) { [fileSystem] in
            if fileSystem.fileExists(path) { try fileSystem.removeItem(path) }
        }
    }
}
