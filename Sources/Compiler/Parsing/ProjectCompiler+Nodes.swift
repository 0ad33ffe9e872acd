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
        for file in prepare(package.files.models) {
            try parseSQLFile(file, type: .model, package: name, fqnPrefix: [name])
        }
        for file in prepare(package.files.analyses) {
            try parseSQLFile(file, type: .analysis, package: name, fqnPrefix: [name, "analysis"])
        }
        for file in prepare(package.files.singularTests) {
            try parseSQLFile(file, type: .test, package: name, fqnPrefix: [name])
        }
        for file in package.files.snapshots {
            try parseSnapshotFile(file, package: name)
        }
    }

    /// A SQL file with what can be worked out from its text alone: its template and checksum.
    struct PreparedFile {
        let file: ResourceFile
        let template: Result<Template, any Error>
        let checksum: FileChecksum
    }

    /// Parses the templates and hashes the files on all cores: they depend on nothing else, while
    /// the parse renders that follow share the compiler's state and run in order.
    private func prepare(_ files: [ResourceFile]) -> [PreparedFile] {
        files.concurrentMap { file in
            PreparedFile(
                file: file, template: Result { try parseTemplate(file) },
                checksum: FileChecksum(checksum: SHA256.hash(file.bytes).hex))
        }
    }

    static func stem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: ".") else { return file }
        return String(file[..<dot])
    }

    static func directories(_ path: String) -> [String] {
        path.split(separator: "/").dropLast().map(String.init)
    }

    private func parseTemplate(_ file: ResourceFile) throws -> Template {
        do {
            return try jinja.parse(file.source.text, name: file.source.name)
        } catch let error as TemplateError {
            throw error.diagnostic
        }
    }

    private func parseSQLFile(_ prepared: PreparedFile, type: ResourceType, package: String, fqnPrefix: [String]) throws {
        let file = prepared.file
        let name = Self.stem(file.path)
        let id = "\(type.rawValue).\(package).\(name)"
        if let existing = manifest.nodes[id] {
            throw duplicateNode(type: type, name: name, package: package, first: existing.originalFilePath, second: file)
        }
        var node = ManifestNode(
            uniqueID: id, resourceType: type, packageName: package, name: name, path: file.path,
            originalFilePath: file.originalFilePath, fqn: fqnPrefix + Self.directories(file.path) + [name],
            rawCode: file.source.text, checksum: prepared.checksum)
        node.schema = target.schema
        node.database = target.database
        node.alias = name
        let template = try prepared.template.get()
        templates[id] = template
        nodeFiles[id] = file.source
        let record: ParseCache.Entry
        if let reused = reusableParse(of: id, prepared) {
            record = reused
            parseCache.entries[id] = reused
        } else {
            let (rendered, reusable) = try parseRender(node, template: template)
            record = rendered
            renderedForParse.append(id)
            if reusable { parseCache.entries[id] = rendered }
        }
        manifest.nodes[id] = apply(record, to: node, template: template)
    }

    /// The parse render: records `ref`, `source` and `config` calls (its output is thrown away,
    /// as in dbt), and whether they may be reused while the inputs are unchanged.
    func parseRender(_ node: ManifestNode, template: Template) throws -> (ParseCache.Entry, reusable: Bool) {
        let state = NodeRenderState(node: node, phase: .parse)
        let (context, shared) = self.context(for: state)
        let observer = LookupObserver(watching: ParseCache.volatileNames)
        _ = envUsage.takeRead()
        do {
            _ = try template.render(context, shared: shared, observer: observer)
        } catch let error as TemplateError {
            throw CompilerDiagnostics.renderFailed(error, what: "could not parse \(node.resourceType.rawValue) '\(node.name)'")
        }
        let record = ParseCache.Entry(
            path: node.originalFilePath, checksum: node.checksum.checksum, refs: state.refs, sources: state.sources,
            configCalls: state.configCalls, environment: envUsage.takeRead())
        if !observer.seen.isDisjoint(with: ParseCache.runVaryingNames) { unrepeatableParses.append(node.uniqueID) }
        return (record, observer.seen.isEmpty)
    }

    private func apply(_ record: ParseCache.Entry, to node: ManifestNode, template: Template) -> ManifestNode {
        var node = node
        node.refs = record.refs
        node.sources = record.sources
        ConfigMerging.merge(record.configCalls, into: &node.configCallDict)
        node.dependsOn.macros = macroDependencies(of: template.staticCalls.map(\.name), package: node.packageName)
        return node
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
                checksum: FileChecksum(checksum: SHA256.hash(file.bytes).hex))
            node.schema = target.schema
            node.database = target.database
            node.alias = block.name
            let state = NodeRenderState(node: node, phase: .parse)
            let (context, shared) = self.context(for: state)
            let observer = LookupObserver(watching: ParseCache.volatileNames)
            defer { if !observer.seen.isDisjoint(with: ParseCache.runVaryingNames) { unrepeatableParses.append(id) } }
            do {
                _ = try template.renderBlock(block, context, shared: shared, observer: observer)
            } catch let error as TemplateError {
                throw CompilerDiagnostics.renderFailed(error, what: "could not parse snapshot '\(block.name)'")
            }
            node.refs = state.refs
            node.sources = state.sources
            node.configCallDict = state.configCalls
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
                ? FileChecksum(checksum: SHA256.hash(file.bytes).hex) : FileChecksum(name: "path", checksum: file.originalFilePath)
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

    private func duplicateNode(type: ResourceType, name: String, package: String, first: String, second: ResourceFile) -> Diagnostic {
        Diagnostic(
            code: "W0303",
            message: "dbt found two \(type.rawValue)s with the name \"\(name)\" in package '\(package)': \(first) and \(second.originalFilePath)",
            file: second.source, span: .at(0),
            help: "rename one of them (node names must be unique within a package)")
    }
}
