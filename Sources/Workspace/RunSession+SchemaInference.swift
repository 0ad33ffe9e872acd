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
/// yet (or that this invocation rebuilds) is compiled and created empty,
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
        let shadows = ShadowNames(
            inScratchSchemas: dialect.adapterType == SQLDialect.sqlite.adapterType,
            read: Set(ordered.filter(needsShadow.contains).flatMap { relationsNamed(by: $0) }))
        var failed: [String: String] = [:]
        compiler.queryRunner = ShadowingQueryRunner(connection, shadows: shadows, dialect: dialect)
        defer { compiler.queryRunner = nil }
        if shadows.inScratchSchemas { shadows.attachScratchSchemas(on: connection) }
        defer { shadows.detachScratchSchemas(on: connection) }
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
                let columns = try shadow(node, relation: relation, names: shadows, on: connection, compiler: compiler)
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

    /// The nodes whose relations a node's compiled SQL names: its parents, and through the
    /// ephemeral models it inlines, theirs.
    private func relationsNamed(by id: String) -> [String] {
        var named: [String] = []
        var seen: Set<String> = []
        func visit(_ id: String) {
            for parent in manifest.nodes[id]?.dependsOn.nodes ?? [] where seen.insert(parent).inserted {
                if manifest.nodes[parent]?.isEphemeral == true { visit(parent) } else { named.append(parent) }
            }
        }
        visit(id)
        return named
    }

    /// Creates the node's empty shadow and returns its columns (an ephemeral model is only described).
    ///
    /// On SQLite a model's shadow stands in a scratch schema, and the SQL of the models
    /// downstream is pointed at it (see `ShadowNames`).
    private func shadow(
        _ node: ManifestNode, relation: RelationName, names: ShadowNames, on connection: any WarehouseConnection,
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
            sql = names.pointingAtShadows(anywhereIn: sql, dialect: dialect)
            if node.isEphemeral { return try connection.describe(query: sql) }
            let create = { (target: String) in
                _ = try connection.execute("create table \(target) as select * from (\n\(sql)\n) as weir_shape limit 0")
            }
            if names.inScratchSchemas {
                let isRead = names.read.contains(node.uniqueID)
                let table =
                    isRead ? names.newShadow(for: relation) : RelationName(database: nil, schema: names.shapeSchema, identifier: "weir_shape")
                try create(dialect.render(table))
                let columns = try ShadowNames.columns(of: table, on: connection, dialect: dialect)
                if isRead {
                    names.record(dialect.render(relation), shadow: table)
                } else {
                    _ = try connection.execute(dialect.drop(table, kind: .table))
                }
                return columns
            }
            if existing == .table, node.materialized == "incremental" {
                // Its query reads the table itself (`{{ this }}`): built beside it, then put in its place.
                let shape = dialect.suffixed(relation, "__weir_shape")
                try create(dialect.render(shape))
                _ = try connection.execute(dialect.drop(relation, kind: .table))
                _ = try connection.execute(dialect.rename(shape, kind: .table, to: relation.identifier))
            } else {
                if let existing { _ = try connection.execute(dialect.drop(relation, kind: existing)) }
                try create(dialect.render(relation))
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

/// Where the shadows of models stand, and how the SQL of the models downstream finds them.
///
/// On PostgreSQL a shadow takes the model's own name in its schema. On SQLite that would cost
/// time growing with the square of the number of models: every `create table` or `drop table`
/// makes SQLite scan all of its schema's `sqlite_master` rows (and walk its tables to clear a
/// cache), and the model's schema holds the sources, the seeds and every shadow made so far.
/// So there shadows stand in scratch schemas that only the inference uses: `temp` and a few
/// in-memory databases attached for it (as many as SQLite allows, up to `scratchSchemas`):
/// - a model some other inferred node reads is shadowed under its identifier (suffixed when two
///   schemas share one) in the next shadow schema in turn, and the compiled SQL of the nodes
///   shaped after it has the model's rendered name (`"main"."stg_orders"`) replaced by the
///   shadow's (`"weir_shadows_2"."stg_orders"`);
/// - a model nothing reads is shaped as `weir_shape` in a schema of its own, read and dropped at
///   once, so those never pay for the many shadows elsewhere.
/// A table there gets the very column types `create table ... as` gives in any schema.
/// Introspection while compiling (`adapter.get_columns_in_relation`, `run_query`) is answered
/// from the shadows too (`ShadowingQueryRunner`). SQL that names a model otherwise than as
/// `ref()` renders it (unquoted, say) finds the model's existing relation instead, as it would
/// before the model is rebuilt.
/// Used by one thread at a time (under the session's compiler lock).
final class ShadowNames: @unchecked Sendable {
    /// Whether shadows go to scratch schemas (SQLite) rather than under the models' own names.
    let inScratchSchemas: Bool
    /// The nodes some inferred node names (directly or through an ephemeral model).
    let read: Set<String>
    /// Where the shadows of models that are read go, in turn (SQLite).
    private(set) var shadowSchemas = ["temp"]
    /// Where a model nothing reads is shaped (SQLite).
    private(set) var shapeSchema = "temp"
    private var attached: [String] = []
    /// The shadows by the relation they stand for: rendered relation name → shadow.
    private(set) var byRelation: [String: RelationName] = [:]
    private var taken: Set<RelationName> = []

    init(inScratchSchemas: Bool, read: Set<String>) {
        self.inScratchSchemas = inScratchSchemas
        self.read = read
    }

    /// How many in-memory databases inference attaches at most: one for the shapes of models
    /// nothing reads, the rest to share the shadows with `temp`, so that each `create table`
    /// scans a fraction of them. SQLite allows ten attached databases unless built otherwise;
    /// the profile's schemas come first, and fewer scratch schemas only make inference slower.
    static let scratchSchemas = 4

    /// Attaches the scratch schemas (outside any transaction, as SQLite requires).
    func attachScratchSchemas(on connection: any WarehouseConnection) {
        for index in 0..<Self.scratchSchemas {
            let name = index == 0 ? "weir_shapes" : "weir_shadows_\(index)"
            guard (try? connection.execute("attach database ':memory:' as \(name)")) != nil else { return }
            attached.append(name)
            if index == 0 { shapeSchema = name } else { shadowSchemas.append(name) }
        }
    }

    func detachScratchSchemas(on connection: any WarehouseConnection) {
        for name in attached { _ = try? connection.execute("detach database \(name)") }
        attached = []
    }

    /// Where a new shadow of `relation` goes: the next shadow schema in turn, under the
    /// relation's identifier (suffixed if another shadow there has it).
    func newShadow(for relation: RelationName) -> RelationName {
        let schema = shadowSchemas[taken.count % shadowSchemas.count]
        var shadow = RelationName(database: nil, schema: schema, identifier: relation.identifier)
        var suffix = 1
        while taken.contains(shadow) {
            suffix += 1
            shadow.identifier = "\(relation.identifier)__weir\(suffix)"
        }
        return shadow
    }

    /// The relation that renders as `relation` now has `shadow`.
    func record(_ relation: String, shadow: RelationName) {
        taken.insert(shadow)
        byRelation[relation] = shadow
    }

    /// The columns of a table in SQLite's `temp` or a scratch schema (`columns(of:)` reads only
    /// the schemas dbt-sqlite names).
    static func columns(of table: RelationName, on connection: any WarehouseConnection, dialect: SQLDialect) throws
        -> [ColumnDescription]
    {
        try connection.execute(
            "select name, type from pragma_table_info(\(dialect.literal(table.identifier)), \(dialect.literal(table.schema))) order by cid"
        ).rows.map { ColumnDescription(name: $0.first?.text ?? "", dataType: $0.count > 1 ? $0[1].text ?? "" : "") }
    }

    /// `sql` with every relation name that has a shadow replaced by the shadow's, wherever it
    /// stands (a model's compiled SQL, or `run_query`'s), in one pass that looks each quoted
    /// `"schema"."identifier"` up (SQLite's quoting), whatever the number of shadows.
    func pointingAtShadows(anywhereIn sql: String, dialect: SQLDialect) -> String {
        guard !byRelation.isEmpty else { return sql }
        let bytes = Array(sql.utf8)
        let quote = UInt8(ascii: "\""), dot = UInt8(ascii: ".")
        /// Where the quoted identifier opening at `start` ends (past its closing quote).
        func endOfQuoted(from start: Int) -> Int? {
            var position = start + 1
            while position < bytes.count {
                if bytes[position] == quote {
                    if position + 1 < bytes.count, bytes[position + 1] == quote {
                        position += 2
                        continue
                    }
                    return position + 1
                }
                position += 1
            }
            return nil
        }
        var result: [UInt8] = []
        var copied = 0
        var position = 0
        while position < bytes.count {
            guard bytes[position] == quote, let firstEnd = endOfQuoted(from: position) else {
                position += 1
                continue
            }
            if firstEnd + 1 < bytes.count, bytes[firstEnd] == dot, bytes[firstEnd + 1] == quote,
                let secondEnd = endOfQuoted(from: firstEnd + 1),
                let shadow = byRelation[String(decoding: bytes[position..<secondEnd], as: UTF8.self)]
            {
                result += bytes[copied..<position]
                result += dialect.render(shadow).utf8
                copied = secondEnd
                position = secondEnd
            } else {
                position = firstEnd
            }
        }
        guard copied > 0 else { return sql }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }
}

/// The warehouse as inference shows it to the models it compiles: a relation that has a
/// temporary shadow is that shadow.
final class ShadowingQueryRunner: QueryRunner, @unchecked Sendable {
    let warehouse: ConnectionQueryRunner
    let shadows: ShadowNames
    let dialect: SQLDialect

    init(_ connection: any WarehouseConnection, shadows: ShadowNames, dialect: SQLDialect) {
        warehouse = ConnectionQueryRunner(connection)
        self.shadows = shadows
        self.dialect = dialect
    }

    private func shadow(_ schema: String, _ identifier: String) -> RelationName? {
        shadows.byRelation[dialect.render(RelationName(database: nil, schema: schema, identifier: identifier))]
    }

    func run(_ sql: String, fetch: Bool) throws -> QueryTable {
        try warehouse.run(shadows.pointingAtShadows(anywhereIn: sql, dialect: dialect), fetch: fetch)
    }

    func relationExists(database: String?, schema: String, identifier: String) throws -> String? {
        if shadow(schema, identifier) != nil { return RelationDescription.Kind.table.rawValue }
        return try warehouse.relationExists(database: database, schema: schema, identifier: identifier)
    }

    /// Inference renders models to learn their columns: it creates and drops no schema.
    func createSchema(_ schema: String) throws {}
    func dropSchema(_ schema: String) throws {}

    func columns(database: String?, schema: String, identifier: String) throws -> [WarehouseColumn] {
        guard let shadow = shadow(schema, identifier) else {
            return try warehouse.columns(database: database, schema: schema, identifier: identifier)
        }
        return try ShadowNames.columns(of: shadow, on: warehouse.connection, dialect: dialect)
            .map { WarehouseColumn(name: $0.name, dataType: $0.dataType) }
    }
}
