import Compiler
import Diagnostics
import Foundation
import Planning
import ProjectModel
import SQLDialect
import Warehouse

/// Schema inference: the output columns and types of models before they run, as the warehouse
/// itself types them.
///
/// In one transaction that is always rolled back, each model that is needed and does not exist
/// yet (or that this invocation rebuilds) is compiled and created empty under its own name,
/// `create table ... as select * from (<sql>) limit 0`, in dependency order, so a model's
/// shadow reads its parents' shadows; a missing seed gets an empty table of its CSV's types.
/// No data is read or written, and nothing of it outlives the rollback.
struct InferredSchemas {
    var columns: [String: [ColumnDescription]] = [:]
    /// Models whose columns could not be inferred, and why (warnings).
    var problems: [Diagnostic] = []
}

extension RunSession {
    /// Infers the columns of `targets`. A target that exists and is not in `rebuilding` is read
    /// as it is; relations the targets read are shadowed only when missing or rebuilt.
    func inferSchemas(of targets: [String], rebuilding: Set<String>) throws -> InferredSchemas {
        var result = InferredSchemas()
        guard let connection, !targets.isEmpty else { return result }
        compilerLock.lock()
        defer { compilerLock.unlock() }
        let compiler = parsed.compiler
        let ordered = order(targets)
        for schema in Set(ordered.compactMap { manifest.nodes[$0]?.schema }) where !catalog.knows(schema: schema) {
            try? catalog.load(schema: schema, from: connection)
        }
        let wanted = Set(targets)
        let needsShadow = Set(ordered.filter { id in
            guard let node = manifest.nodes[id] else { return false }
            return node.isEphemeral || rebuilding.contains(id) || catalog.kind(of: Planner.relation(of: node)) == nil
        })
        // Models another inferred node reads: their shadows must stand under their own names.
        let read = Set(ordered.flatMap { manifest.nodes[$0]?.dependsOn.nodes ?? [] })
        var failed: [String: String] = [:]
        compiler.queryRunner = ConnectionQueryRunner(connection)
        defer { compiler.queryRunner = nil }
        _ = try connection.execute(dialect.beginStatement)
        defer { _ = try? connection.execute("rollback") }
        for id in ordered {
            guard let node = manifest.nodes[id] else { continue }
            let relation = Planner.relation(of: node)
            if let upstream = node.dependsOn.nodes.first(where: { failed[$0] != nil }) {
                failed[id] = upstream
                if wanted.contains(id) { result.problems.append(Self.notInferred(node, because: .upstream(manifest.nodes[upstream]?.name ?? upstream))) }
                continue
            }
            guard needsShadow.contains(id) else {
                if wanted.contains(id), !node.isEphemeral {
                    let columns = try connection.columns(of: relation)
                    compiler.inferredColumns[id] = columns.map { WarehouseColumn(name: $0.name, dataType: $0.dataType) }
                    result.columns[id] = columns
                }
                continue
            }
            _ = try connection.execute("savepoint weir_shape")
            do {
                let columns = try shadow(node, relation: relation, readDownstream: read.contains(id), on: connection, compiler: compiler)
                _ = try connection.execute("release savepoint weir_shape")
                // Known at once, so that `weir.starts_with(ref(...))` in a model downstream sees it.
                compiler.inferredColumns[id] = columns.map { WarehouseColumn(name: $0.name, dataType: $0.dataType) }
                if wanted.contains(id) { result.columns[id] = columns }
            } catch {
                _ = try connection.execute("rollback to savepoint weir_shape")
                _ = try connection.execute("release savepoint weir_shape")
                failed[id] = id
                result.problems.append(Self.notInferred(node, because: .error(error)))
            }
        }
        return result
    }

    /// Creates the node's empty shadow and returns its columns (an ephemeral model is only described).
    ///
    /// On SQLite, a model nothing downstream reads is shaped as a temporary table, read and
    /// dropped at once: every `create table` makes SQLite walk all the tables of the schema it
    /// changes (`sqlite3FkClearTriggerCache` on each schema-cookie change), so creating a shadow
    /// for each of 10,000 models in their schema cost time that grew with the square of their
    /// number. A temporary table gets the very column types `create table ... as` gives in any
    /// schema.
    private func shadow(
        _ node: ManifestNode, relation: RelationName, readDownstream: Bool, on connection: any WarehouseConnection,
        compiler: ProjectCompiler
    ) throws -> [ColumnDescription] {
        let existing = catalog.kind(of: relation)
        switch node.resourceType {
        case .seed:
            // The run may be reading it already, for loading it.
            let (seed, _) =
                try seedsReadAhead?.peek(node.uniqueID) ?? SeedRead(node, in: parsed, reader: workspace.reader).read(dialect: dialect)
            if let existing { _ = try connection.execute(dialect.drop(relation, kind: existing)) }
            _ = try connection.execute(dialect.createTable(relation, columns: seed.columns.map { (dialect.quote($0.name), $0.type) }))
        case .model:
            if existing == .table { compiler.existingRelations.insert(node.uniqueID) } else {
                compiler.existingRelations.remove(node.uniqueID)
            }
            try compiler.compile([node.uniqueID])
            var sql = compiler.manifest.nodes[node.uniqueID]?.compiledCode ?? ""
            while let last = sql.last, last.isWhitespace || last == ";" { sql.removeLast() }
            if node.isEphemeral { return try connection.describe(query: sql) }
            if !readDownstream, dialect.adapterType == SQLDialect.sqlite.adapterType {
                _ = try connection.execute("create temp table weir_shape as select * from (\n\(sql)\n) as weir_shape limit 0")
                defer { _ = try? connection.execute("drop table temp.weir_shape") }
                // (`columns(of:)` reads the schemas dbt-sqlite names, which `temp` is not.)
                return try connection.execute("select name, type from pragma_table_info('weir_shape', 'temp') order by cid").rows
                    .map { ColumnDescription(name: $0.first?.text ?? "", dataType: $0.count > 1 ? $0[1].text ?? "" : "") }
            }
            let create = { (target: RelationName) in
                _ = try connection.execute("create table \(self.dialect.render(target)) as select * from (\n\(sql)\n) as weir_shape limit 0")
            }
            if existing == .table, node.materialized == "incremental" {
                // Its query reads the table itself (`{{ this }}`): built beside it, then put in its
                // place. (Only here: SQLite rewrites its whole schema on every rename.)
                let shape = relation.renamed(relation.identifier + "__weir_shape")
                try create(shape)
                _ = try connection.execute(dialect.drop(relation, kind: .table))
                _ = try connection.execute(dialect.rename(shape, kind: .table, to: relation.identifier))
            } else {
                if let existing { _ = try connection.execute(dialect.drop(relation, kind: existing)) }
                try create(relation)
            }
        default:
            throw Diagnostic(
                code: "W1905", message: "\(node.resourceType.rawValue) '\(node.name)' does not exist yet",
                help: "build it first (weir build -s \(node.name))")
        }
        return try connection.columns(of: relation)
    }

    /// The targets and everything upstream of them, parents first. Of these, the ones missing
    /// or rebuilt need a shadow (an ephemeral model, inlined, is always described).
    private func order(_ targets: [String]) -> [String] {
        var ordered: [String] = []
        var visited: Set<String> = []
        func visit(_ id: String) {
            guard visited.insert(id).inserted, let node = manifest.nodes[id] else { return }
            guard [.model, .seed, .snapshot].contains(node.resourceType) else { return }
            for parent in node.dependsOn.nodes { visit(parent) }
            ordered.append(id)
        }
        for id in targets.sorted() { visit(id) }
        return ordered
    }

    enum InferenceFailure {
        case error(any Error)
        case upstream(String)
    }

    static func notInferred(_ node: ManifestNode, because failure: InferenceFailure) -> Diagnostic {
        switch failure {
        case .error(let error):
            let reason = (error as? Diagnostic)?.message ?? (error as? WarehouseError)?.message ?? String(describing: error)
            return Diagnostic(
                .warning, code: "W1905", message: "could not infer the columns of \(node.resourceType.rawValue) '\(node.name)': \(reason)",
                help: (error as? Diagnostic)?.help ?? "fix the model's SQL, or declare its columns with data_type in its YAML")
        case .upstream(let name):
            return Diagnostic(
                .warning, code: "W1905",
                message: "could not infer the columns of \(node.resourceType.rawValue) '\(node.name)': its upstream '\(name)' could not be inferred",
                help: "see the warning about '\(name)'")
        }
    }
}
