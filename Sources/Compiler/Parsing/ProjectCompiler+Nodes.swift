import Checksums
import Diagnostics
import Jinja
import Parallelism
import ProjectLoading
import ProjectModel

extension ProjectCompiler {
    /// Models, analyses, singular tests and snapshots: one node per file (per block for
    /// snapshots), rendered once with the parse context to record `ref`, `source` and `config`.
    func parseSQLNodes(of package: PackageInput) throws {
        let name = package.config.name
        try parseSQLFiles(package.files.models, type: .model, package: name, fqnPrefix: [name])
        try parseSQLFiles(package.files.analyses, type: .analysis, package: name, fqnPrefix: [name, "analysis"])
        try parseSQLFiles(package.files.singularTests, type: .test, package: name, fqnPrefix: [name])
        for file in package.files.snapshots {
            try parseSnapshotFile(file, package: name)
        }
    }

    /// A SQL file parsed as far as it can be without changing the compiler's state: its node
    /// (with what its render recorded, when it rendered), and its template with the parse
    /// cache's entry or a new parse render.
    struct ParsedFile {
        enum Outcome {
            case failed(any Error)
            case reused(Template, ParseCache.Entry)
            case rendered(Template, ParseRender)
        }
        let file: ResourceFile
        let node: ManifestNode
        let outcome: Outcome
    }

    /// Parses, hashes and renders the files on all cores (each render reads the compiler's state
    /// and records into its own), then stores them in file order: errors, warnings and printed
    /// output are those of one thread.
    private func parseSQLFiles(_ files: [ResourceFile], type: ResourceType, package: String, fqnPrefix: [String]) throws {
        let parsed = files.concurrentMap { file in
            parsedSQLFile(file, type: type, package: package, fqnPrefix: fqnPrefix)
        }
        // Room at once in every map the files go into (grown an entry at a time, each rehashes
        // itself over and over for 10,000 files).
        manifest.nodes.reserveCapacity(manifest.nodes.count + parsed.count)
        templates.reserveCapacity(templates.count + parsed.count)
        nodeFiles.reserveCapacity(nodeFiles.count + parsed.count)
        parseCache.entries.reserveCapacity(parseCache.entries.count + parsed.count)
        // By index: iterating would copy each parsed file.
        for index in parsed.indices { try store(parsed[index]) }
    }

    private func parsedSQLFile(_ file: ResourceFile, type: ResourceType, package: String, fqnPrefix: [String]) -> ParsedFile {
        let name = Self.stem(file.path)
        var node = ManifestNode(
            uniqueID: "\(type.rawValue).\(package).\(name)", resourceType: type, packageName: package, name: name,
            // dbt files an analysis's `path` under `analysis/`.
            path: type == .analysis ? "analysis/" + file.path : file.path, originalFilePath: file.originalFilePath,
            fqn: fqnPrefix + Self.directories(file.path) + [name], rawCode: file.contents, checksum: file.checksum)
        node.schema = target.schema
        node.database = target.database
        node.alias = name
        let outcome: ParsedFile.Outcome
        do {
            let template = try parseTemplate(file)
            node.dependsOn.macros = macroDependencies(of: template.staticCalls.map(\.name), package: package)
            if let reused = reusableParse(of: node.uniqueID, path: file.originalFilePath, checksum: node.checksum) {
                outcome = .reused(template, reused)
                Self.apply(reused, to: &node)
            } else {
                let render = parseRender(node, template: template)
                outcome = .rendered(template, render)
                if case .success(let entry) = render.outcome { Self.apply(entry, to: &node) }
            }
        } catch {
            outcome = .failed(error)
        }
        return ParsedFile(file: file, node: node, outcome: outcome)
    }

    private func store(_ parsed: ParsedFile) throws {
        let id = parsed.node.uniqueID
        if let existing = manifest.nodes[id] {
            let node = parsed.node
            throw duplicateNode(type: node.resourceType, name: node.name, package: node.packageName, first: existing.originalFilePath, second: parsed.file)
        }
        let template: Template
        switch parsed.outcome {
        case .failed(let error):
            throw error
        case .reused(let parsedTemplate, let reused):
            // What the kept render read is read again by this parse, as far as later
            // invocations are concerned.
            envUsage.record(reused.environment.keys)
            template = parsedTemplate
            parseCache.entries[id] = reused
        case .rendered(let parsedTemplate, let render):
            let (rendered, reusable) = try take(render)
            template = parsedTemplate
            renderedForParse.append(id)
            if !render.followsFromFiles { parsesReadingVolatileNames.append(id) }
            if reusable { parseCache.entries[id] = rendered }
        }
        templates[id] = template
        nodeFiles[id] = parsed.file.source
        manifest.nodes[id] = parsed.node
    }

    private func parseTemplate(_ file: ResourceFile) throws -> Template {
        do {
            return try jinja.parse(file.source.text, name: file.source.name, stripped: true)
        } catch let error as TemplateError {
            throw error.diagnostic
        }
    }

    static func stem(_ path: String) -> String {
        let file = path.split(ascii: "/").last ?? path[...]
        guard let dot = file.utf8.lastIndex(of: UInt8(ascii: ".")) else { return String(file) }
        return String(file[..<dot])
    }

    static func directories(_ path: String) -> [String] {
        path.split(ascii: "/").dropLast().map(String.init)
    }

    /// One parse render, as it ran (on any thread): what it recorded and printed, or its error.
    struct ParseRender {
        let id: String
        let outcome: Result<ParseCache.Entry, any Error>
        /// The names of `ParseCache.volatileNames` it looked up.
        let volatileReads: Set<String>
        let printedLines: [String]

        /// It read none of `ParseCache.volatileNames`: its entry may be reused while its inputs are unchanged.
        var reusable: Bool { volatileReads.isEmpty }
        /// It read one of `ParseCache.runVaryingNames`: this parse may not be restored later.
        var varies: Bool { !volatileReads.isDisjoint(with: ParseCache.runVaryingNames) }
        /// It read no volatile name but the warehouse's calls, which answer nothing while parsing:
        /// what it recorded follows from the project's files and settings.
        var followsFromFiles: Bool { volatileReads.isSubset(of: ProjectCompiler.warehouseCallNames) }
    }

    /// The parse render (of the whole template, or of a snapshot's `block`): records `ref`,
    /// `source` and `config` calls (its output is thrown away, as in dbt). Reads the compiler's
    /// state only; `take` stores what it gave.
    func parseRender(_ node: ManifestNode, template: Template, block: ExtensionBlock? = nil) -> ParseRender {
        let state = NodeRenderState(node: node, phase: .parse)
        state.keepsEffects = true
        let (context, shared) = self.context(for: state)
        let observer = LookupObserver(watching: ParseCache.volatileNames)
        let outcome = Result { () throws -> ParseCache.Entry in
            do {
                if let block {
                    _ = try template.renderBlock(block, context, shared: shared, observer: observer)
                } else {
                    _ = try template.render(context, shared: shared, observer: observer)
                }
            } catch let error as TemplateError {
                throw CompilerDiagnostics.renderFailed(error, what: "could not parse \(node.resourceType.rawValue) '\(node.name)'")
            }
            return ParseCache.Entry(
                path: node.originalFilePath, checksum: node.checksum.checksum, refs: state.refs, sources: state.sources,
                configCalls: state.configCalls, environment: state.environmentRead)
        }
        return ParseRender(id: node.uniqueID, outcome: outcome, volatileReads: observer.seen, printedLines: state.printedLines)
    }

    /// Prints what `render` printed, records what it read, and gives its entry (or throws its error).
    func take(_ render: ParseRender) throws -> (ParseCache.Entry, reusable: Bool) {
        if !render.printedLines.isEmpty {
            printed.raise()
            for line in render.printedLines { options.logSink?(line) }
        }
        if render.varies { unrepeatableParses.append(render.id) }
        let entry = try render.outcome.get()
        envUsage.record(entry.environment.keys)
        return (entry, render.reusable)
    }

    /// Gives the node what its parse render recorded (its macros were found beside the render).
    private static func apply(_ record: ParseCache.Entry, to node: inout ManifestNode) {
        node.refs = record.refs
        node.sources = record.sources
        ConfigMerging.mergeConfigCall(record.configCalls, into: &node.configCallDict)
    }

    private func parseSnapshotFile(_ file: ResourceFile, package: String) throws {
        let template = try parseTemplate(file)
        for block in template.extensionBlocks where block.tag == "snapshot" {
            let id = "snapshot.\(package).\(block.name)"
            if let existing = manifest.nodes[id] {
                throw duplicateNode(type: .snapshot, name: block.name, package: package, first: existing.originalFilePath, second: file)
            }
            let utf8 = Array(file.source.text.utf8)
            let raw = block.rawBody ?? String(decoding: utf8[block.span.start..<block.span.end], as: UTF8.self)
            var node = ManifestNode(
                uniqueID: id, resourceType: .snapshot, packageName: package, name: block.name, path: file.path,
                originalFilePath: file.originalFilePath,
                fqn: [package] + Self.directories(file.path) + [Self.stem(file.path), block.name], rawCode: raw,
                checksum: file.checksum)
            node.schema = target.schema
            node.database = target.database
            node.alias = block.name
            let entry = try take(parseRender(node, template: template, block: block)).0
            node.refs = entry.refs
            node.sources = entry.sources
            node.configCallDict = entry.configCalls
            snapshotBlocks[id] = (template, block)
            nodeFiles[id] = file.source
            manifest.nodes[id] = node
        }
    }

    func parseSeeds(of package: PackageInput) throws {
        let packageName = package.config.name
        for file in package.files.seeds {
            let name = Self.stem(file.path)
            let id = "seed.\(packageName).\(name)"
            if let existing = manifest.nodes[id] {
                throw duplicateNode(type: .seed, name: name, package: packageName, first: existing.originalFilePath, second: file)
            }
            // dbt hashes seeds of up to 1 MiB; larger ones are identified by path.
            let checksum =
                file.unreadPath == nil && file.bytes.count <= ResourceFile.largeSeedSize
                ? file.checksum : FileChecksum(name: "path", checksum: file.originalFilePath)
            var node = ManifestNode(
                uniqueID: id, resourceType: .seed, packageName: packageName, name: name, path: file.path,
                originalFilePath: file.originalFilePath, fqn: [packageName] + Self.directories(file.path) + [name],
                rawCode: "", checksum: checksum)
            node.schema = target.schema
            node.database = target.database
            node.alias = name
            nodeFiles[id] = file.source
            if let path = file.unreadPath { unreadSeedPaths[id] = path }
            manifest.nodes[id] = node
        }
    }

    func duplicateNode(type: ResourceType, name: String, package: String, first: String, second: ResourceFile) -> Diagnostic {
        Diagnostic(
            code: "W0303",
            message: "dbt found two \(type.rawValue)s with the name \"\(name)\" in package '\(package)': \(first) and \(second.originalFilePath)",
            file: second.source, span: .at(0),
            help: "rename one of them (node names must be unique within a package)")
    }
}

extension ResourceFile {
    /// The file's text as dbt reads every project file: without its leading and trailing
    /// whitespace (Python's `str.strip()`). It is a node's `raw_code`, and what it renders.
    var contents: String { String(source.text.pythonStripped) }

    /// dbt's `checksum` of the file: the SHA-256 of `contents`.
    var checksum: FileChecksum { FileChecksum(checksum: SHA256.hash(Array(contents.utf8)).hex) }
}
