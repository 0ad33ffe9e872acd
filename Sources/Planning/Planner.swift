import Foundation
import Diagnostics
import ProjectModel
import SQLDialect
import Warehouse

/// Turns one node into its ordered statements: dbt's materializations written in Swift, per
/// dialect. Pure: the warehouse's state arrives as `RelationFacts`.
///
/// Replacing a relation is atomic: the new one is built as `<name>__weir_tmp`, swapped in with
/// two renames inside one transaction, and the old one (now `<name>__weir_backup`) dropped after.
public struct Planner: Sendable {
    public let dialect: SQLDialect
    /// `--full-refresh`: incremental models and seeds are rebuilt from scratch (a node's
    /// `full_refresh` config overrides it either way, as in dbt).
    public var fullRefresh: Bool

    public static let temporarySuffix = "__weir_tmp"
    public static let backupSuffix = "__weir_backup"

    public init(dialect: SQLDialect, fullRefresh: Bool = false) {
        self.dialect = dialect
        self.fullRefresh = fullRefresh
    }

    /// The kind of relation a node leaves behind once built.
    public static func builtKind(of node: ManifestNode) -> SQLDialect.RelationKind {
        guard node.resourceType == .model else { return .table }
        switch node.materialized {
        case "view": return .view
        case "materialized_view": return .materializedView
        default: return .table
        }
    }

    /// The relation a node builds.
    public static func relation(of node: ManifestNode) -> RelationName {
        RelationName(database: node.database, schema: node.schema, identifier: node.alias.isEmpty ? node.name : node.alias)
    }

    public func plan(_ input: NodeInput, facts: RelationFacts) throws -> NodePlan {
        let node = input.node
        switch node.resourceType {
        case .seed:
            return try planSeed(input, facts: facts)
        case .test:
            return planTest(input, facts: facts)
        case .operation:
            return NodePlan(
                uniqueID: node.uniqueID, label: "hook", relation: nil,
                steps: Self.statements(input.compiledSQL).map { .statement($0, main: false) })
        case .model, .snapshot:
            break
        default:
            throw PlanningDiagnostics.notRunnable(node)
        }
        if let call = input.materialization {
            // The macro does all of it, contracts and hooks included, as in dbt.
            return NodePlan(
                uniqueID: node.uniqueID, label: "sql \(call.name) \(node.resourceType.rawValue)", relation: Self.relation(of: node),
                steps: [.materialization(call)])
        }
        // dbt checks an enforced contract before it builds anything.
        let contract = ModelContract(node, dialect: dialect)
        var warnings = try contract?.verify(facts) ?? []
        var plan: NodePlan
        switch node.materialized {
        case "view": plan = try planView(input, facts: facts)
        case "table": plan = try planTable(input, facts: facts)
        case "incremental": plan = try planIncremental(input, facts: facts)
        case "materialized_view" where node.resourceType == .model: plan = try planMaterializedView(input, facts: facts)
        case "snapshot" where node.resourceType == .snapshot: plan = try planSnapshot(input, facts: facts)
        case "ephemeral":
            return NodePlan(uniqueID: node.uniqueID, label: "ephemeral model", relation: nil, steps: [])
        default: throw PlanningDiagnostics.unsupportedMaterialization(node, dialect: dialect)
        }
        if let contract, createsTable(node, facts: facts) { warnings += contract.definitions().warnings }
        plan.warnings = warnings + plan.warnings
        return plan
    }

    /// Whether the node's plan creates its table (a table; an incremental model's first build
    /// or full refresh), where a contract's constraints go into the DDL.
    func createsTable(_ node: ManifestNode, facts: RelationFacts) -> Bool {
        switch node.materialized {
        case "table": return true
        case "incremental": return !buildsIncrementally(node, existing: facts.existing)
        default: return false
        }
    }

    /// Whether the node is rebuilt from nothing: `--full-refresh`, unless its `full_refresh`
    /// config says otherwise.
    func refreshes(_ node: ManifestNode) -> Bool {
        node.config["full_refresh"]?.boolValue ?? fullRefresh
    }

    /// Whether an incremental model adds to its existing table rather than building it anew.
    public func buildsIncrementally(_ node: ManifestNode, existing: SQLDialect.RelationKind?) -> Bool {
        existing == .table && !refreshes(node)
    }

    // MARK: - view and table

    func createView(_ input: NodeInput, _ relation: RelationName, header: String?) throws -> String {
        try input.overrides.createViewAs?(relation, input.compiledSQL)
            ?? dialect.createViewAs(relation, sql: input.compiledSQL, header: header)
    }

    /// `create table ... as`, or with an enforced contract `create table (<columns and
    /// constraints>)` and `insert ... select`, as dbt-postgres' `create_table_as` does.
    func createTable(_ input: NodeInput, _ relation: RelationName) throws -> String {
        if let overridden = try input.overrides.createTableAs?(relation, false, input.compiledSQL) { return overridden }
        if let contract = ModelContract(input.node, dialect: dialect) { return contract.createTable(relation, sql: input.compiledSQL) }
        return dialect.createTableAs(relation, sql: input.compiledSQL, header: input.node.config["sql_header"]?.stringValue)
    }

    func planView(_ input: NodeInput, facts: RelationFacts) throws -> NodePlan {
        let node = input.node
        let target = Self.relation(of: node)
        let header = node.config["sql_header"]?.stringValue
        var steps = dropLeftovers(target, facts) + beforeBuild(input)
        let temporary = dialect.suffixed(target, Self.temporarySuffix)
        if dialect.replacesInOneTransaction {
            steps += replace(target, existing: facts.existing, with: [.statement(try createView(input, target, header: header), main: true)])
        } else {
            steps.append(.statement(try createView(input, temporary, header: header), main: true))
            steps += swap(target, existing: facts.existing, newKind: .view)
        }
        steps += afterBuild(input, target: target, kind: .view)
        return NodePlan(
            uniqueID: node.uniqueID, label: "sql view model", relation: target, steps: steps,
            cleanup: dialect.replacesInOneTransaction ? [] : [.statement(dialect.drop(temporary, kind: .view))])
    }

    func planTable(_ input: NodeInput, facts: RelationFacts) throws -> NodePlan {
        let node = input.node
        let target = Self.relation(of: node)
        let build = try buildTable(input, facts: facts)
        let steps = dropLeftovers(target, facts) + beforeBuild(input) + build.steps + afterBuild(input, target: target, kind: .table)
        return NodePlan(uniqueID: node.uniqueID, label: "sql table model", relation: target, steps: steps, cleanup: build.cleanup)
    }

    /// The table built beside the old one and put in its place, with its indexes; and what drops
    /// the half-built table if that fails.
    func buildTable(_ input: NodeInput, facts: RelationFacts) throws -> (steps: [PlanStep], cleanup: [PlanStep]) {
        let target = Self.relation(of: input.node)
        let temporary = dialect.suffixed(target, Self.temporarySuffix)
        var steps: [PlanStep]
        if dialect.replacesInOneTransaction {
            steps = replace(target, existing: facts.existing, with: [.statement(try createTable(input, target), main: true)])
        } else {
            steps = [.statement(try createTable(input, temporary), main: true)] + swap(target, existing: facts.existing, newKind: .table)
        }
        steps += indexes(input.node, on: target)
        return (steps, [.statement(dialect.drop(temporary, kind: .table))])
    }

    /// Drops the old relation and builds the new one inside one transaction (see
    /// `SQLDialect.replacesInOneTransaction`).
    func replace(_ target: RelationName, existing: SQLDialect.RelationKind?, with build: [PlanStep]) -> [PlanStep] {
        [.begin] + (existing.map { [.statement(dialect.drop(target, kind: $0))] } ?? []) + build + [.commit]
    }

    /// Moves the new relation (`__weir_tmp`) into place inside one transaction, then drops the old one.
    func swap(_ target: RelationName, existing: SQLDialect.RelationKind?, newKind: SQLDialect.RelationKind) -> [PlanStep] {
        let temporary = dialect.suffixed(target, Self.temporarySuffix)
        let backup = dialect.suffixed(target, Self.backupSuffix)
        var steps: [PlanStep] = [.begin]
        if let existing { steps.append(.statement(dialect.rename(target, kind: existing, to: backup.identifier))) }
        steps.append(.statement(dialect.rename(temporary, kind: newKind, to: target.identifier)))
        steps.append(.commit)
        if let existing { steps.append(.statement(dialect.drop(backup, kind: existing))) }
        return steps
    }

    func dropLeftovers(_ target: RelationName, _ facts: RelationFacts) -> [PlanStep] {
        facts.leftovers.map { .statement(dialect.drop(target.renamed($0.identifier), kind: $0.kind)) }
    }

    func hooks(_ sqls: [String]) -> [PlanStep] {
        sqls.flatMap(Self.statements).map { .statement($0, main: false) }
    }

    /// Pre-hooks, then the statements the model's compile asked for (the keys table of
    /// `weir.keys_to_rebuild()`), which the model's query reads.
    func beforeBuild(_ input: NodeInput) -> [PlanStep] {
        hooks(input.preHooks) + input.preparation.map { .statement($0, main: false) }
    }

    /// Post-hooks, grants and `persist_docs` comments, in dbt's order.
    func afterBuild(_ input: NodeInput, target: RelationName, kind: SQLDialect.RelationKind) -> [PlanStep] {
        var steps: [PlanStep] = []
        if let render = input.renderPostHooks {
            steps.append(.deferred(DeferredStatements { try render.render().flatMap(Self.statements) }))
        } else {
            steps += hooks(input.postHooks)
        }
        steps += grants(input.node, on: target)
        steps += comments(input.node, on: target, kind: kind)
        return steps
    }

    func grants(_ node: ManifestNode, on target: RelationName) -> [PlanStep] {
        guard dialect.supportsGrants, let grants = node.config["grants"]?.mapValue else { return [] }
        var steps: [PlanStep] = []
        for privilege in grants.keys {
            for grantee in grants[privilege]?.stringList ?? [] {
                steps.append(.statement(dialect.grant(privilege, on: target, to: grantee)))
            }
        }
        return steps
    }

    func comments(_ node: ManifestNode, on target: RelationName, kind: SQLDialect.RelationKind) -> [PlanStep] {
        guard dialect.supportsComments, let persist = node.config["persist_docs"]?.mapValue else { return [] }
        var steps: [PlanStep] = []
        if persist["relation"]?.isTruthy == true, !node.description.isEmpty {
            steps.append(.statement(dialect.comment(on: target, kind: kind, text: node.description)))
        }
        if persist["columns"]?.isTruthy == true {
            let comments = node.columns.filter { !$0.description.isEmpty }.map { column in
                ColumnComments.Comment(
                    column: column.name,
                    statement: dialect.comment(on: target, column: column.name, quoted: column.quote == true, text: column.description))
            }
            if !comments.isEmpty { steps.append(.columnComments(ColumnComments(relation: target, comments: comments))) }
        }
        return steps
    }

    /// PostgreSQL `indexes` config: `[{columns: [...], unique: bool, type: 'btree', where: '...'}]`.
    /// Created on the swapped-in table under a name derived from the relation and the definition,
    /// so a rebuild recreates the same names. `where` (Weir's, not dbt-postgres') makes a partial
    /// index: an `open_sessions` model's open rows are a few hundred among millions, and an index
    /// of only those costs next to nothing to keep up as the day's rows are replaced.
    func indexes(_ node: ManifestNode, on target: RelationName) -> [PlanStep] {
        configuredIndexes(node).map { createIndex($0, on: target) }
    }

    func configuredIndexes(_ node: ManifestNode) -> [ConfiguredIndex] {
        guard dialect.supportsIndexes, let indexes = node.config["indexes"]?.listValue else { return [] }
        return indexes.compactMap { index in
            guard let map = index.mapValue, let columns = map["columns"]?.stringList, !columns.isEmpty else { return nil }
            return ConfiguredIndex(
                columns: columns, unique: map["unique"]?.isTruthy == true, method: map["type"]?.stringValue,
                predicate: map["where"]?.stringValue)
        }
    }

    func createIndex(_ index: ConfiguredIndex, on target: RelationName) -> PlanStep {
        let name = IndexName.make(
            relation: target, columns: index.columns, unique: index.unique, method: index.method, predicate: index.predicate)
        var sql = "create \(index.unique ? "unique " : "")index if not exists \(dialect.quote(name)) on \(dialect.render(target))"
        if let method = index.method { sql += " using \(method)" }
        sql += " (" + index.columns.joined(separator: ", ") + ")"
        if let predicate = index.predicate { sql += " where \(predicate)" }
        return .statement(sql)
    }

    // MARK: - incremental

    func planIncremental(_ input: NodeInput, facts: RelationFacts) throws -> NodePlan {
        let node = input.node
        if Microbatch.isMicrobatch(node) { return try planMicrobatch(input, facts: facts) }
        let target = Self.relation(of: node)
        guard let existing = facts.existing, buildsIncrementally(node, existing: existing) else {
            var plan = try planTable(input, facts: facts)
            plan.label = "sql incremental model"
            return plan
        }
        let strategy = try IncrementalStrategy(node: node)
        let newRows = dialect.suffixed(target, Self.temporarySuffix).identifier
        let source = dialect.quote(newRows)
        var steps = dropLeftovers(target, facts) + beforeBuild(input)
        steps.append(.statement(dialect.dropTemporaryTable(newRows)))
        let newRowsRelation = RelationName(database: nil, schema: "", identifier: newRows)
        let createNewRows =
            try input.overrides.createTableAs?(newRowsRelation, true, input.compiledSQL)
            ?? dialect.createTemporaryTableAs(newRows, sql: input.compiledSQL, header: node.config["sql_header"]?.stringValue)
        steps.append(.statement(createNewRows))
        let schemaChange = try SchemaChange(node: node, target: target, facts: facts, dialect: dialect)
        steps += schemaChange.statements.map { .statement($0) }
        let columns = schemaChange.destinationColumns
        steps.append(.begin)
        let overridden = try input.overrides.incremental?(
            strategy.kind.rawValue, target, newRowsRelation, strategy.uniqueKey, columns, strategy.predicates)
        let dml = overridden.map { [$0] } ?? strategy.statements(dialect: dialect, target: target, source: source, columns: columns)
        steps += dml.enumerated().map { index, sql in .statement(sql, main: index == 0) }
        steps.append(.commit)
        steps.append(.statement(dialect.dropTemporaryTable(newRows)))
        steps += afterBuild(input, target: target, kind: .table)
        return NodePlan(
            uniqueID: node.uniqueID, label: "sql incremental model", relation: target, steps: steps,
            cleanup: [.statement(dialect.dropTemporaryTable(newRows))])
    }

    // MARK: - snapshots

    /// dbt's snapshot materialization: the first run creates the table from the query's rows;
    /// later runs stage the changes in a temporary table, add the columns the query gained, close
    /// the versions that changed or left and insert the new ones, in one transaction. Snapshots
    /// are never rebuilt: `--full-refresh` leaves them alone, as in dbt.
    func planSnapshot(_ input: NodeInput, facts: RelationFacts) throws -> NodePlan {
        let node = input.node
        guard let macros = input.snapshotMacros else { throw PlanningDiagnostics.plannedWithout("its snapshot macros", node) }
        let snapshot = try SnapshotSQL(node: node, query: input.compiledSQL, macros: macros, dialect: dialect)
        let target = Self.relation(of: node)
        var steps = beforeBuild(input)
        var cleanup: [PlanStep] = []
        switch facts.existing {
        case nil:
            let sql = try snapshot.firstBuild()
            let create =
                try input.overrides.createTableAs?(target, false, sql)
                ?? dialect.createTableAs(target, sql: sql, header: node.config["sql_header"]?.stringValue)
            steps.append(.statement(create, main: true))
            steps += indexes(node, on: target)
        case .table?:
            let targetColumns = facts.columns.map(\.name)
            let missing = snapshot.missingMetaColumns(targetColumns: targetColumns)
            guard missing.isEmpty else { throw PlanningDiagnostics.notASnapshotTable(node, missing: missing) }
            guard let queryColumns = facts.queryColumns else { throw PlanningDiagnostics.plannedWithout("its query's columns", node) }
            let queryNames = queryColumns.map(\.name)
            let staging = dialect.suffixed(target, Self.temporarySuffix).identifier
            let stagingSQL = try snapshot.staging(queryColumns: queryNames, targetColumns: targetColumns)
            let createStaging =
                try input.overrides.createTableAs?(RelationName(database: nil, schema: "", identifier: staging), true, stagingSQL)
                ?? dialect.createTemporaryTableAs(staging, sql: stagingSQL, header: node.config["sql_header"]?.stringValue)
            let present = Set(targetColumns.map { $0.lowercased() })
            let added = queryColumns.filter { !present.contains($0.name.lowercased()) }
            let merge = snapshot.merge(staging: staging, columns: snapshot.insertedColumns(queryColumns: queryNames))
            steps.append(.statement(dialect.dropTemporaryTable(staging)))
            steps.append(.begin)
            steps.append(.statement(createStaging))
            steps += added.map { .statement(dialect.addColumn(target, column: $0.name, type: $0.dataType)) }
            steps += merge.enumerated().map { index, sql in .statement(sql, main: index == merge.count - 1) }
            steps.append(.commit)
            steps.append(.statement(dialect.dropTemporaryTable(staging)))
            cleanup = [.statement(dialect.dropTemporaryTable(staging))]
        case let kind?:
            throw PlanningDiagnostics.snapshotOverRelation(node, kind: kind)
        }
        steps += afterBuild(input, target: target, kind: .table)
        return NodePlan(uniqueID: node.uniqueID, label: "snapshot", relation: target, steps: steps, cleanup: cleanup)
    }

    // MARK: - seeds and tests

    func planSeed(_ input: NodeInput, facts: RelationFacts) throws -> NodePlan {
        let node = input.node
        guard let seed = input.seed else { throw PlanningDiagnostics.seedWithoutRows(node) }
        let target = Self.relation(of: node)
        let quoteColumns = node.config["quote_columns"]?.boolValue ?? true
        let names = seed.columns.map { quoteColumns ? $0.name : (dialect.foldsUnquotedToLowercase ? $0.name.lowercased() : $0.name) }
        let definitions = zip(names, seed.columns).map { (name: dialect.quote($0), type: $1.type) }
        var steps = dropLeftovers(target, facts) + beforeBuild(input)
        let sameColumns = facts.columns.map { $0.name.lowercased() } == names.map { $0.lowercased() }
        if let existing = facts.existing, buildsIncrementally(node, existing: existing), sameColumns {
            // dbt truncates and reloads an existing seed, keeping the relation (and the views on it).
            steps += [
                .begin, .statement(dialect.truncate(target)),
                .load(SeedLoad(relation: target, columns: names, rows: seed.rows)), .commit,
            ]
        } else if dialect.replacesInOneTransaction {
            steps += replace(
                target, existing: facts.existing,
                with: [
                    .statement(dialect.createTable(target, columns: definitions), main: false),
                    .load(SeedLoad(relation: target, columns: names, rows: seed.rows)),
                ])
        } else {
            let temporary = dialect.suffixed(target, Self.temporarySuffix)
            steps.append(.statement(dialect.createTable(temporary, columns: definitions), main: false))
            steps.append(.load(SeedLoad(relation: temporary, columns: names, rows: seed.rows)))
            steps += swap(target, existing: facts.existing, newKind: .table)
        }
        steps += afterBuild(input, target: target, kind: .table)
        return NodePlan(
            uniqueID: node.uniqueID, label: "seed file", relation: target, steps: steps,
            cleanup: [.statement(dialect.drop(dialect.suffixed(target, Self.temporarySuffix), kind: .table))])
    }

    func planTest(_ input: NodeInput, facts: RelationFacts) -> NodePlan {
        let node = input.node
        let config = node.config
        var query = input.compiledSQL
        var steps: [PlanStep] = []
        var relation: RelationName?
        var limit = config["limit"]?.intValue
        if config["store_failures"]?.isTruthy == true {
            // dbt keeps the failing rows (up to the limit) in a table, or a view with `store_failures_as:
            // view`, named after the test in the audit schema, then counts them there. (A SQLite view
            // cannot read another attached database: there it is a table, as a clone is.)
            let audit = Self.relation(of: node)
            relation = audit
            let limited = query + (limit.map { "\nlimit \($0)" } ?? "")
            if let existing = facts.existing { steps.append(.statement(dialect.drop(audit, kind: existing))) }
            steps.append(
                .statement(
                    config["store_failures_as"]?.stringValue == "view" && dialect != .sqlite
                        ? dialect.createViewAs(audit, sql: limited) : dialect.createTableAs(audit, sql: limited)))
            query = "select * from \(dialect.render(audit))"
            limit = nil
        }
        steps.append(
            .test(
                dialect.testQuery(
                    query, failCalc: config["fail_calc"]?.stringValue ?? "count(*)",
                    warnIf: config["warn_if"]?.stringValue ?? "!= 0", errorIf: config["error_if"]?.stringValue ?? "!= 0",
                    limit: limit)))
        return NodePlan(uniqueID: node.uniqueID, label: "test", relation: relation, steps: steps)
    }

    /// A hook's text as one statement, as dbt sends it; an empty hook runs nothing.
    static func statements(_ sql: String) -> [String] {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? [] : [trimmed]
    }
}

extension Planner {
    /// What the warehouse must describe for a model's enforced contract to be checked, as dbt's
    /// `get_empty_schema_sql` writes it: one row of `cast(null as <data_type>)` named as the
    /// contract's columns. Nil without an enforced contract, where the dialect compares declared
    /// types itself, or while a column has no data_type (planning reports that).
    public func contractQuery(for node: ManifestNode) -> String? {
        guard dialect.describesDeclaredTypes, let columns = ModelContract(node, dialect: dialect)?.declaredColumns,
            !columns.isEmpty
        else { return nil }
        return dialect.emptySchemaQuery(columns)
    }
}
