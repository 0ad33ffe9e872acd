import Diagnostics
import Foundation
import Jinja
import Parallelism
import ProjectModel
import SQLDialect

/// The `open_sessions` strategy's compile-time half. The watermark is `max(event_time)` in the
/// target itself, so it commits with the data and needs no side table; `weir.window()` and
/// `weir.open_keys()` turn it into the predicates that pick the entities to rebuild.
extension ProjectCompiler {
    /// The settings of an `open_sessions` model, checked.
    struct OpenSessionsSettings {
        var eventTime: String
        var lookback: DateComponents
        var horizon: DateComponents?
        var openIf: String?
        var uniqueKey: [String]

        init(_ node: ManifestNode) throws {
            let config = node.config
            func problem(_ text: String) -> RuntimeFailure {
                .raised("model '\(node.name)' (\(node.originalFilePath)) \(text)")
            }
            guard let eventTime = config["event_time"]?.stringValue, !eventTime.isEmpty else {
                throw problem("uses weir.window() or weir.open_keys() without an 'event_time' config (the output column holding each entity's latest activity)")
            }
            self.eventTime = eventTime
            func interval(_ key: String) throws -> DateComponents? {
                guard let text = config[key]?.stringValue ?? config[key]?.intValue.map({ "\($0) days" }) else { return nil }
                guard let interval = EventTime.interval(text) else {
                    throw problem("has a '\(key)' config that is not an interval: '\(text)' (write it as '1 day', '6 hours', '2 weeks')")
                }
                return interval
            }
            lookback = try interval("lookback") ?? DateComponents()
            horizon = try interval("horizon")
            openIf = config["open_if"]?.stringValue
            uniqueKey = config["unique_key"]?.stringList ?? []
        }
    }

    /// Whether the node is an incremental model whose target exists and this run builds on it
    /// (not a first run or full refresh), as `is_incremental()` answers.
    func buildsIncrementally(_ node: ManifestNode) -> Bool {
        let fullRefresh = node.config["full_refresh"]?.boolValue ?? options.fullRefresh
        return !fullRefresh && incrementalRelationExists(node)
    }

    /// Whether the node is an incremental model whose relation exists as a table.
    func incrementalRelationExists(_ node: ManifestNode) -> Bool {
        Self.incrementalRelationExists(node, existing: existingRelations)
    }

    static func incrementalRelationExists(_ node: ManifestNode, existing: Set<String>) -> Bool {
        node.materialized == "incremental" && existing.contains(node.uniqueID)
    }

    /// `max(event_time)` of the node's target, or nil when it is empty, missing, or offline.
    func watermark(of node: ManifestNode, eventTime: String) throws -> Date? {
        guard buildsIncrementally(node), let queryRunner else { return nil }
        return try watermarks.value(for: node.uniqueID) { try readWatermark(of: node, eventTime: eventTime, queryRunner) }
    }

    private func readWatermark(of node: ManifestNode, eventTime: String, _ queryRunner: any QueryRunner) throws -> Date? {
        let this = relation(for: node).rendered
        let table = try queryRunner.run("select max(\(eventTime)) from \(this)", fetch: true)
        guard let cell = table.rows.first?.first else { return nil }
        switch cell {
        case .null: return nil
        case .string(let text), .timestamp(let text):
            if let date = EventTime.parse(text) { return date }
            throw RuntimeFailure.raised(
                "the watermark of model '\(node.name)', max(\(eventTime)) in \(this), is '\(text)', which is not a timestamp")
        default:
            throw RuntimeFailure.raised(
                "the watermark of model '\(node.name)', max(\(eventTime)) in \(this), is not a timestamp; event_time must name a date or timestamp column")
        }
    }

    /// `weir.window(column)`: `column >= <watermark - lookback> and column < <run end>`; only
    /// the upper bound while the target is empty or missing.
    func openSessionsWindow(_ column: String, state: NodeRenderState) throws -> String {
        guard state.phase == .compile else { return "1 = 1" }
        let settings = try OpenSessionsSettings(state.node)
        let start = try watermark(of: state.node, eventTime: settings.eventTime).map { EventTime.subtract(settings.lookback, from: $0) }
        return dialect.eventTimeRange(column, from: start, to: options.eventTimeEnd ?? options.runStartedAt)
    }

    /// `weir.open_keys()`: the keys of target rows that are still open (`open_if`) and not past
    /// the `horizon`; a query of no rows while there is no target to read.
    func openKeys(state: NodeRenderState) throws -> String {
        guard state.phase == .compile else { return "select null where 1 = 0" }
        let node = state.node
        let settings = try OpenSessionsSettings(node)
        guard !settings.uniqueKey.isEmpty else {
            throw RuntimeFailure.raised("model '\(node.name)' (\(node.originalFilePath)) uses weir.open_keys() without a unique_key")
        }
        guard let openIf = settings.openIf, buildsIncrementally(node), queryRunner != nil else {
            return "select null where 1 = 0"
        }
        var sql = "select \(settings.uniqueKey.joined(separator: ", ")) from \(relation(for: node).rendered) where (\(openIf))"
        if let horizon = settings.horizon, let watermark = try watermark(of: node, eventTime: settings.eventTime) {
            sql += " and " + dialect.eventTimeRange(settings.eventTime, from: EventTime.subtract(horizon, from: watermark), to: nil)
        }
        return sql
    }

    /// `weir.keys_to_rebuild(relation, column)`: the entities an incremental run rebuilds, those
    /// with rows of the relation (`source`) in the window on `column` and those still open, as a
    /// query over a temporary table of them. The table is made and analyzed before the model's
    /// query (the statements are kept for the planner, see `preparation(for:)`), because no
    /// statistic tells the planner how few entities a window's events belong to: PostgreSQL takes
    /// each of the window's 60,000 events for a new session where there are 10,000, and on some
    /// days then reads every event in a hash join instead of looking the sessions up
    /// (docs/BENCHMARKS.md). Without a target to build on (first run, full refresh, offline) it
    /// is the window's keys.
    func keysToRebuild(from source: String, column: String, state: NodeRenderState) throws -> String {
        guard state.phase == .compile else { return "select null where 1 = 0" }
        let node = state.node
        let settings = try OpenSessionsSettings(node)
        guard !settings.uniqueKey.isEmpty else {
            throw RuntimeFailure.raised("model '\(node.name)' (\(node.originalFilePath)) uses weir.keys_to_rebuild() without a unique_key")
        }
        let keys = settings.uniqueKey.joined(separator: ", ")
        var query = "select \(keys) from \(source) where \(try openSessionsWindow(column, state: state))"
        guard buildsIncrementally(node), queryRunner != nil else { return query }
        if settings.openIf != nil { query += "\nunion\n" + (try openKeys(state: state)) }
        let table = node.alias + Self.keysSuffix  // beside `<alias>__weir_tmp`, as `relation(for:)` names it
        preparations[node.uniqueID] = [
            dialect.dropTemporaryTable(table), dialect.createTemporaryTableAs(table, sql: query), dialect.analyze(table),
        ]
        return "select \(keys) from \(dialect.quote(table))"
    }

    /// The temporary table of `weir.keys_to_rebuild()`: `<model>__weir_keys`.
    static let keysSuffix = "__weir_keys"

    /// Statements the node's last compile asked to run before its query (the keys table of
    /// `weir.keys_to_rebuild()`), in order; empty for most nodes.
    public func preparation(for id: String) -> [String] {
        preparations[id] ?? []
    }

    /// W1308: an `open_sessions` model on PostgreSQL (or Redshift) that picks its keys with
    /// `<window> or <key> in ({{ weir.open_keys() }})`. PostgreSQL turns an `in (subquery)` under
    /// `or` into a filter evaluated on every row, so no index serves either half and every
    /// incremental run reads the whole source (half a full refresh's time on the benchmark of
    /// docs/BENCHMARKS.md); written as a union, each half uses its own index.
    func openKeysUnderOr(_ node: ManifestNode) -> Diagnostic? {
        guard node.resourceType == .model, node.config["incremental_strategy"]?.stringValue == "open_sessions",
            dialect.adapterType == "postgres" || dialect.adapterType == "redshift",
            node.rawCode.contains("open_keys"),  // spares compiling the pattern below (1 ms)
            // `or <column> in ( {{ weir.open_keys() }} )`, any case and spacing.
            let match = node.rawCode.firstMatch(
                of: #/(?i)\bor\s+[\w."]+\s+in\s*\(\s*\{\{-?\s*weir\s*\.\s*open_keys\s*\(\s*\)\s*-?\}\}\s*\)/#)
        else { return nil }
        let start = node.rawCode.utf8.distance(from: node.rawCode.startIndex, to: match.range.lowerBound)
        let end = node.rawCode.utf8.distance(from: node.rawCode.startIndex, to: match.range.upperBound)
        return Diagnostic(
            .warning, code: "W1308",
            message: "model '\(node.name)' picks the keys to rebuild with `or ... in (weir.open_keys())`: \(dialect.adapterType) uses no index for a subquery under `or`, so every incremental run reads the whole source",
            file: sourceFile(of: node), span: SourceSpan(start: start, end: end),
            help: "pick them with `{{ weir.keys_to_rebuild(ref(...), '<event time column>') }}`, or as a union: `select <key> from ... where {{ weir.window(...) }} union {{ weir.open_keys() }}` (see the README)")
    }

    /// How many entities of an `open_sessions` model are still open but older than its horizon:
    /// they are no longer rebuilt, and the run warns about them. Nil when there is nothing to count.
    public func openEntitiesPastHorizon(_ id: String) throws -> (count: Int, horizon: String)? {
        guard let node = manifest.nodes[id], node.config["incremental_strategy"]?.stringValue == "open_sessions",
            let horizonText = node.config["horizon"]?.stringValue, let openIf = node.config["open_if"]?.stringValue,
            let queryRunner
        else { return nil }
        let settings = try OpenSessionsSettings(node)
        guard let horizon = settings.horizon, let watermark = try watermark(of: node, eventTime: settings.eventTime) else { return nil }
        let cutoff = dialect.eventTimeLiteral(EventTime.subtract(horizon, from: watermark))
        let table = try queryRunner.run(
            "select count(*) from \(relation(for: node).rendered) where (\(openIf)) and \(settings.eventTime) < '\(cutoff)'", fetch: true)
        guard case .int(let count)? = table.rows.first?.first, count > 0 else { return nil }
        return (count, horizonText)
    }
}

/// `weir.…`: Weir's own functions for models.
final class WeirNamespace: JinjaObject {
    unowned let compiler: ProjectCompiler
    let state: NodeRenderState

    init(compiler: ProjectCompiler, state: NodeRenderState) {
        self.compiler = compiler
        self.state = state
    }

    var typeName: String { "Namespace" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "window":
            return .function("window") { arguments, _ in
                let bound = try arguments.bind(["column"], defaults: [:], function: "window")
                return .string(try self.compiler.openSessionsWindow(bound["column"].pyStr, state: self.state))
            }
        case "open_keys":
            return .function("open_keys") { _, _ in .string(try self.compiler.openKeys(state: self.state)) }
        case "keys_to_rebuild":
            return .function("keys_to_rebuild") { arguments, _ in
                let bound = try arguments.bind(["relation", "column"], defaults: [:], function: "keys_to_rebuild")
                return .string(
                    try self.compiler.keysToRebuild(from: bound["relation"].pyStr, column: bound["column"].pyStr, state: self.state))
            }
        default: return ColumnSelection(compiler: compiler).function(name)
        }
    }
}
