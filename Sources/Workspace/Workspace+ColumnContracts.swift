import Artifacts
import Compiler
import Contracts
import Diagnostics
import Foundation
import Parallelism
import ProjectLoading
import ProjectModel
import Selection
import Warehouse

/// Column-name contracts that `column_contract: enforce` turned into errors: nothing ran.
public struct ColumnContractViolations: Error {
    public let diagnostics: [Diagnostic]
}

/// What checking the column contracts found.
public struct ColumnContractReport {
    /// Violations (errors for `enforce`, warnings for `warn`) and models that could not be inferred.
    public var diagnostics: [Diagnostic] = []
    /// Whether the vocabulary's generated tests changed with the inferred columns.
    public var testsChanged = false
    public var checkedModels = 0

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

extension Workspace {
    static let vocabularyFileName = "weir.yml"
    static let knownColumnsFileName = "weir_columns.json"

    /// The root project's `weir.yml` vocabulary, if it has one.
    func loadVocabulary() throws -> ColumnVocabulary? {
        let path = join(projectDirectory, Self.vocabularyFileName)
        guard fileSystem.fileExists(path) else { return nil }
        let (file, yaml) = try reader.readYAML(path, displayName: Self.vocabularyFileName)
        return try ColumnVocabulary(weirFile: yaml, file: file)
    }

    /// The columns the last inference found (target/weir_columns.json), by model.
    func loadKnownColumns(targetPath: String) -> [String: [String]] {
        let path = join(join(projectDirectory, targetPath), Self.knownColumnsFileName)
        guard let bytes = try? fileSystem.readFile(path),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: [String]]
        else { return [:] }
        return object
    }

    /// Adds what this inference found to what parsing read from the last one, and keeps both.
    private func saveKnownColumns(_ columns: [String: [String]], parsed: Parsed) throws {
        for (id, names) in columns { parsed.compiler.options.knownColumns[id] = names }
        let known = parsed.compiler.options.knownColumns
        var object = JSONObject()
        for id in known.keys.sorted() { object[id] = .strings(known[id] ?? []) }
        try fileSystem.writeFile(
            join(targetDirectory(parsed), Self.knownColumnsFileName), JSONValue.object(object).serializedBytes())
    }

    /// Checks the column contracts of the opted-in models among `models` before anything runs:
    /// infers what their columns are (or takes the declared ones), holds each name and type to
    /// the vocabulary, and gives the vocabulary's tests to the inferred columns.
    func checkColumnContracts(
        models: [String], rebuilding: Set<String>, session: RunSession, parsed: Parsed
    ) throws -> ColumnContractReport {
        var report = ColumnContractReport()
        let compiler = parsed.compiler
        guard let vocabulary = compiler.options.vocabulary else { return report }
        let targets = models.filter { compiler.columnContract(of: $0) != .off }.sorted()
        guard !targets.isEmpty else { return report }
        let declared = Dictionary(uniqueKeysWithValues: targets.compactMap { id in
            Self.declaredColumns(of: parsed.manifest.nodes[id]).map { (id, $0) }
        })
        let inferred = try session.inferSchemas(of: targets.filter { declared[$0] == nil }, rebuilding: rebuilding)
        report.diagnostics += inferred.problems
        var checked: [(model: ColumnCheck.Model, columns: [(name: String, type: String?)])] = []
        var found: [String: [String]] = [:]
        for id in targets {
            guard let node = parsed.manifest.nodes[id] else { continue }
            let columns: [ColumnDescription]
            if let declared = declared[id] {
                columns = declared
            } else if let described = inferred.columns[id] {
                let declaredTypes = Dictionary(node.columns.compactMap { c in c.dataType.map { (c.name.lowercased(), $0) } }) { a, _ in a }
                columns = described.map { ColumnDescription(name: $0.name, dataType: declaredTypes[$0.name.lowercased()] ?? $0.dataType) }
                found[id] = described.map(\.name)
                if try compiler.updateVocabularyTests(for: id, columns: found[id] ?? []) { report.testsChanged = true }
            } else {
                continue
            }
            let model = ColumnCheck.Model(
                name: node.name, file: compiler.sourceFile(of: id), enforced: compiler.columnContract(of: id) == .enforce,
                upstreamFiles: Self.upstreamModels(of: id, in: parsed.manifest).compactMap { compiler.sourceFile(of: $0) })
            checked.append((model, columns.map { ($0.name, $0.dataType.isEmpty ? nil : $0.dataType) }))
        }
        report.checkedModels = checked.count
        report.diagnostics += ColumnCheck(vocabulary: vocabulary, adapterType: session.dialect.adapterType).check(checked)
        if !found.isEmpty { try saveKnownColumns(found, parsed: parsed) }
        return report
    }

    /// How many upstream models are searched for where a passed-on column is produced: enough
    /// for chains of `select *`, bounded so a deep graph does not make the check quadratic.
    static let upstreamFilesSearched = 16

    /// Models upstream of a model, nearest first (breadth first), for finding where a column
    /// that comes through `select *` is produced.
    static func upstreamModels(of id: String, in manifest: Manifest) -> [String] {
        var result: [String] = []
        var queue = manifest.nodes[id]?.dependsOn.nodes ?? []
        var seen: Set<String> = []
        while !queue.isEmpty, result.count < upstreamFilesSearched {
            let next = queue.removeFirst()
            guard seen.insert(next).inserted, let node = manifest.nodes[next], node.resourceType == .model else { continue }
            result.append(next)
            queue += node.dependsOn.nodes
        }
        return result
    }

    /// A model's declared columns when every one has a `data_type` (then they are its contract
    /// and need no inference); nil otherwise.
    static func declaredColumns(of node: ManifestNode?) -> [ColumnDescription]? {
        guard let node, !node.columns.isEmpty, node.columns.allSatisfy({ $0.dataType != nil }) else { return nil }
        return node.columns.map { ColumnDescription(name: $0.name, dataType: $0.dataType ?? "") }
    }
}

extension Workspace {
    /// `weir compile --check`: the column contracts of the selected models, checked against
    /// the warehouse's description of their queries (nothing is built).
    public func checkColumnContracts(_ selection: SelectionRequest, in parsed: Parsed) throws -> ColumnContractReport {
        guard parsed.compiler.options.vocabulary != nil else { return ColumnContractReport() }
        let models = try selectModels(selection, in: parsed)
        let warehouse = try WarehouseFactory.make(parsed.target, projectDirectory: projectDirectory)
        let session = try RunSession(workspace: self, parsed: parsed, warehouse: warehouse, fullRefresh: configuration.fullRefresh, lock: false)
        defer { session.finish() }
        try session.prepareSchemas(for: models)
        return try checkColumnContracts(models: models, rebuilding: Set(models), session: session, parsed: parsed)
    }
}

extension Workspace {
    /// `weir.starts_with(ref('x'))` (and its kin) in a model being compiled: the columns of the
    /// relations it reads are inferred first, so it compiles to the same SQL before the upstream
    /// models are built as after. Returns the models that could not be inferred (warnings).
    func inferColumnsForSelection(_ ids: [String], in parsed: Parsed) throws -> [Diagnostic] {
        let manifest = parsed.manifest
        // Each model's code searched on all cores: a whole-project compile selects them all.
        let selecting = ids.concurrentMap { id -> ManifestNode? in
            guard let node = manifest.nodes[id], node.resourceType == .model, Self.usesColumnSelection(node.rawCode) else { return nil }
            return node
        }
        var parents: Set<String> = []
        for case let node? in selecting {
            parents.formUnion(node.dependsOn.nodes.filter { manifest.nodes[$0]?.resourceType.isRelational == true })
        }
        // `compile --check` has inferred them already.
        parents = parents.filter { parsed.compiler.inferredColumns[$0] == nil }
        guard !parents.isEmpty else { return [] }
        let warehouse = try WarehouseFactory.make(parsed.target, projectDirectory: projectDirectory)
        let session = try RunSession(workspace: self, parsed: parsed, warehouse: warehouse, fullRefresh: configuration.fullRefresh, lock: false)
        defer { session.finish() }
        try session.prepareSchemas(for: Array(parents))
        return try session.inferSchemas(of: parents.sorted(), rebuilding: Set(ids)).problems
    }

    /// The models a selection names, whatever resource types the command itself runs.
    func selectModels(_ selection: SelectionRequest, in parsed: Parsed) throws -> [String] {
        var models = selection
        models.resourceTypes = [.model]
        return try select(models, in: parsed)
    }

    /// Whether `code` contains `word` (not empty), its first byte found with `memchr`: every
    /// model's code is searched.
    private static func mentions(_ code: String, _ word: StaticString) -> Bool {
        var code = code
        return code.withUTF8 { text in
            let length = word.utf8CodeUnitCount
            guard text.count >= length, let base = text.baseAddress else { return false }
            let first = Int32(word.utf8Start.pointee)
            // The last place a match can start, and where the search goes on from.
            let last = base + (text.count - length)
            var start = base
            while start <= last, let found = memchr(start, first, last - start + 1) {
                let candidate = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                if memcmp(candidate, word.utf8Start, length) == 0 { return true }
                start = candidate + 1
            }
            return false
        }
    }

    /// Whether a model's code calls one of the column selection helpers (`weir.starts_with`...).
    static func usesColumnSelection(_ code: String) -> Bool {
        // A quick byte search first: this runs on every selected model.
        guard mentions(code, "weir") || mentions(code, "dbtplyr") else { return false }
        return code.range(of: columnSelectionCall, options: .regularExpression) != nil
    }

    private static let columnSelectionCall =
        #"\b(weir|dbtplyr)\s*\.\s*("# + ProjectCompiler.columnSelectionHelpersReadingRelations.joined(separator: "|") + #")\b"#
}
