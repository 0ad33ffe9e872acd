import Artifacts
import Compiler
import Diagnostics
import Execution
import Foundation
import Planning
import ProjectModel
import ResultPreview
import SQLDialect
import Selection
import Warehouse

/// What `weir show` is asked to preview: selected nodes or an ad-hoc query, and how many rows.
public struct ShowRequest: Sendable {
    public var selection: SelectionRequest
    /// `--inline`: a query compiled in the project's context.
    public var inline: String?
    /// `--limit`: the rows each preview asks for; nil (a negative `--limit`) asks for all.
    public var limit: Int?

    public init(selection: SelectionRequest, inline: String? = nil, limit: Int? = 5) {
        self.selection = selection
        self.inline = inline
        self.limit = limit
    }
}

/// What `weir show` found: the previews to print, in order.
public struct ShowOutcome: Sendable {
    public struct Preview: Sendable {
        public var uniqueID: String
        /// The node's name (`name.v2` for a version); nil for an inline query.
        public var name: String?
        public var table: PreviewTable
    }

    public var previews: [Preview]
    public var warnings: [Diagnostic]
    /// The selection matched no node to preview (dbt's `Nothing to do`).
    public var nothingToDo = false
}

extension Workspace {
    /// `weir show`: compiles the selected nodes (or the `--inline` query) against the warehouse,
    /// as dbt's `ShowTask` does, and runs each one's `get_show_sql` query. Writes the compiled
    /// files, `run_results.json` (each node's result, with the query it ran) and the manifest.
    ///
    /// Previews are kept for the inline query, or for the nodes whose name is part of the first
    /// `--select` argument: dbt's rule, which previews `orders` for `-s +orders` but not its parents
    /// (their queries run all the same). A failure stops the invocation (exit status 2, as dbt's).
    /// Seeds are not loaded, where dbt's show loads them: they are left out, with a warning when
    /// one would have been printed.
    public func show(_ request: ShowRequest, in parsed: Parsed) throws -> ShowOutcome {
        let compiler = parsed.compiler
        guard !request.selection.select.isEmpty || request.inline != nil else { throw Diagnostic.showNeedsSelection }
        let startedAt = Date()
        let connection = try connect(parsed)
        defer { connection.close() }
        compiler.queryRunner = ConnectionQueryRunner(connection)
        defer { compiler.queryRunner = nil }

        var results: [NodeResult] = []
        var previews: [ShowOutcome.Preview] = []
        var warnings: [Diagnostic] = []
        if let inline = request.inline {
            var result = NodeResult(uniqueID: "", status: .success, threadID: "Thread-1 (worker)")
            result.compileStarted = Date()
            let (id, sql) = try compiler.inlineShowSQL(inline, limit: request.limit)
            result.uniqueID = id
            let table = try preview(showSQL: sql, of: "sql_operation inline_query (from remote system.sql)", on: connection, result: &result)
            previews.append(.init(uniqueID: id, name: nil, table: table))
            results.append(result)
        } else {
            let printed = request.selection.select.first ?? ""
            var ids: [String] = []
            for id in try select(request.selection, in: parsed) {
                guard let node = parsed.manifest.nodes[id], node.isEnabled, node.resourceType != .unitTest else { continue }
                if node.resourceType == .seed {
                    if printed.contains(node.name) { warnings.append(.showSkipsSeed(node.name)) }
                    continue
                }
                ids.append(id)
            }
            let compileStarted = Date()
            // `is_incremental()` is true where the relation is a table, as when the model runs.
            let compiledFiles = try compile(ids, in: parsed) {
                var tables: [String: Set<String>] = [:]
                return Set(try ids.filter { id in
                    guard let node = parsed.manifest.nodes[id], node.materialized == "incremental" else { return false }
                    let relation = Planner.relation(of: node)
                    if tables[relation.schema] == nil {
                        tables[relation.schema] = Set(try connection.relations(inSchema: relation.schema).filter { $0.kind == .table }.map(\.name))
                    }
                    return tables[relation.schema]?.contains(relation.identifier) == true
                })
            }
            _ = try compiledFiles.value()
            for id in ids {
                guard let node = parsed.manifest.nodes[id], let compiled = node.compiledCode else { continue }
                var result = NodeResult(uniqueID: id, status: .success, threadID: "Thread-1 (worker)")
                result.compileStarted = compileStarted
                let sql = try compiler.showSQL(for: id, compiledCode: compiled, limit: request.limit)
                let what = "\(node.resourceType.rawValue) \(node.name) (\(node.originalFilePath))"
                let table = try preview(showSQL: sql, of: what, on: connection, result: &result)
                results.append(result)
                if printed.contains(node.name) {
                    previews.append(.init(uniqueID: id, name: node.version.map { "\(node.name).v\(versionText($0))" } ?? node.name, table: table))
                }
            }
        }
        var args = JSONObject()
        args["which"] = .string("show")
        args["select"] = .strings(request.selection.select)
        args["exclude"] = .strings(request.selection.exclude)
        if let inline = request.inline { args["inline"] = .string(inline) }
        args["limit"] = .int(request.limit ?? -1)
        args["target"] = .string(parsed.target.name)
        args["project_dir"] = .string(projectDirectory)
        args["vars"] = .object(configuration.cliVars.json)
        try writeRunResults(results, elapsed: Date().timeIntervalSince(startedAt), args: args, parsed: parsed)
        try writeManifest(parsed)
        let nothingToDo = request.inline == nil && results.isEmpty
        if nothingToDo, parsed.warningPolicy.isError(Diagnostic.nothingToDo) { throw WarningPolicy.promoted(.nothingToDo) }
        return ShowOutcome(previews: previews, warnings: warnings, nothingToDo: nothingToDo)
    }

    /// `weir show --inline-direct`: the query as given, without Jinja or the project's macros;
    /// its first `limit` rows are kept (dbt's `ShowTaskDirect` fetches that many). Writes nothing.
    public func showDirect(_ sql: String, limit: Int?, in parsed: Parsed) throws -> PreviewTable {
        let connection = try connect(parsed)
        defer { connection.close() }
        do {
            var result = try connection.execute(sql)
            if let limit { result.rows = Array(result.rows.prefix(limit)) }
            return Self.previewTable(result, dialect: connection.dialect)
        } catch let error as WarehouseError {
            throw Diagnostic.showFailed("the direct query", error: error)
        }
    }

    /// Runs a node's show query (`what` names the node for an error), filling in its result.
    private func preview(
        showSQL sql: String, of what: String, on connection: any WarehouseConnection, result: inout NodeResult
    ) throws -> PreviewTable {
        result.compileCompleted = Date()
        result.executeStarted = result.compileCompleted
        result.compiledCode = sql
        let answer: QueryResult
        do {
            answer = try connection.execute(sql)
        } catch let error as WarehouseError {
            throw Diagnostic.showFailed(what, error: error)
        }
        result.executeCompleted = Date()
        result.responseMessage = answer.status
        result.responseCode = SQLDialect.responseCode(answer.status)
        result.rowsAffected = answer.rowsAffected
        result.responseHasQueryID = true
        return Self.previewTable(answer, dialect: connection.dialect)
    }

    /// A result as dbt's drivers hand it over: PostgreSQL's dates and timestamps as Python's
    /// (SQLite has none: its driver gives their text).
    static func previewTable(_ result: QueryResult, dialect: SQLDialect) -> PreviewTable {
        let kinds = result.columns.map { column -> (String) -> PreviewValue? in
            guard dialect != .sqlite else { return { _ in nil } }
            switch column.dataType {
            case "date": return PreviewValue.date(postgres:)
            case "timestamp without time zone", "timestamp with time zone": return PreviewValue.dateTime(postgres:)
            default: return { _ in nil }
            }
        }
        let rows = result.rows.map { row in
            row.enumerated().map { index, value -> PreviewValue in
                switch value {
                case .null: return .null
                case .integer(let number): return .integer(number)
                case .real(let number): return .real(number)
                case .boolean(let flag): return .boolean(flag)
                case .text(let text): return (index < kinds.count ? kinds[index](text) : nil) ?? .text(text)
                }
            }
        }
        return PreviewTable(columnNames: result.columns.map(\.name), rows: rows)
    }

    /// A connection of its own to the target's warehouse (a command that runs no session).
    func connect(_ parsed: Parsed) throws -> any WarehouseConnection {
        try RunSession.connect(WarehouseFactory.make(parsed.target, projectDirectory: projectDirectory), target: parsed.target)
    }
}

extension Diagnostic {
    /// W2001: `weir show` with nothing to preview.
    static let showNeedsSelection = Diagnostic(
        code: "W2001", message: "Either --select or --inline must be passed to show",
        help: "name the nodes to preview (weir show -s orders) or give a query (weir show --inline \"select ...\")")

    /// W2002: a preview's query failed in the warehouse.
    static func showFailed(_ what: String, error: WarehouseError) -> Diagnostic {
        Diagnostic(
            code: "W2002", message: "Database Error in \(what)\n  " + error.description.replacingOccurrences(of: "\n", with: "\n  "),
            help: "fix the SQL and show it again (the query that ran is the compiled SQL with the limit after it)")
    }

    /// W2003: a seed among the nodes `weir show` would print.
    static func showSkipsSeed(_ name: String) -> Diagnostic {
        Diagnostic(
            .warning, code: "W2003", message: "weir show does not load seed '\(name)' (dbt's show loads it, then prints its file)",
            help: "load it with weir seed, then preview it with weir show --inline \"select * from {{ ref('\(name)') }}\"")
    }
}
