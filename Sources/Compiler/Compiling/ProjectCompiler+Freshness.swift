import Diagnostics
import Foundation
import Jinja
import ProjectModel
import PythonModules
import SQLDialect

/// What `collect_freshness` asks of the warehouse to check one source.
public enum FreshnessQuery: Sendable {
    /// The macro runs this one statement and returns its result as it is (dbt's own macros do):
    /// the caller runs it on its connection, without holding the compiler.
    case statement(String)
    /// What the macro returned, rendered against the warehouse (a project's own macro that runs
    /// more than one statement, or changes the result).
    case table(QueryTable)
}

/// `weir source freshness`: dbt's `FreshnessRunner.execute`, up to the query. A source with a
/// `loaded_at_query` gets `collect_freshness_custom_sql(this, <the query rendered>)`, one with a
/// `loaded_at_field` `collect_freshness(this, <field>, <filter>)`, each dispatched the dbt way so
/// a project's `<adapter>__collect_freshness` takes over.
extension ProjectCompiler {
    /// The query that checks `source`. The macro is first rendered against a stand-in warehouse
    /// that records statements; when it ran one and returned that one's result, the statement
    /// is the answer, so checks run in parallel while the compiler (one thread at a time)
    /// serves the next. Any other macro is rendered again against `warehouse`.
    public func freshnessQuery(for source: SourceDefinition, warehouse: () throws -> any QueryRunner) throws -> FreshnessQuery {
        let recorder = StatementRecorder()
        if let recorded = try? renderFreshnessMacro(for: source, runner: recorder),
            let statement = recorder.onlyStatement(returnedAs: recorded)
        {
            return .statement(statement)
        }
        let returned = try renderFreshnessMacro(for: source, runner: try warehouse())
        guard let table = Self.table(in: returned) else {
            throw Diagnostic(
                code: "W1901",
                message: "the freshness macro for source '\(source.sourceName).\(source.name)' returned \(returned.pyRepr), not a query result",
                help: "a project's collect_freshness must return load_result(...) of its statement, as dbt's does")
        }
        return .table(table)
    }

    /// What the freshness macro returns for `source`, its statements sent to `runner`.
    private func renderFreshnessMacro(for source: SourceDefinition, runner: any QueryRunner) throws -> Value {
        var node = ManifestNode(
            uniqueID: source.uniqueID, resourceType: .source, packageName: source.packageName, name: source.name,
            path: source.path, originalFilePath: source.originalFilePath, fqn: source.fqn, rawCode: "",
            checksum: FileChecksum(checksum: ""))
        node.schema = source.schema
        node.database = source.database
        let previousRunner = queryRunner
        queryRunner = runner
        defer { queryRunner = previousRunner }
        var (context, shared) = self.context(for: NodeRenderState(node: node, phase: .compile))
        // dbt's `SourceContext`: `this` is the source's relation, `model` and `source_node` the source.
        let relation = Value.object(relation(for: source, projectQuoting: root.config.quoting))
        context["this"] = relation
        context["model"] = sourceValue(source)
        context["source_node"] = sourceValue(source)
        var returned = Value.none
        context["weir_returned"] = .function("weir_returned") { arguments, _ in
            returned = arguments.positional.first ?? .none
            return .none
        }
        let call: String
        if let query = source.loadedAtQuery {
            context["weir_loaded_at_query"] = .string(try render(query, name: "\(source.originalFilePath) (loaded_at_query)", context, shared))
            call = "{% do weir_returned(collect_freshness_custom_sql(this, weir_loaded_at_query)) %}"
        } else if let field = source.loadedAtField {
            context["weir_loaded_at_field"] = .string(field)
            context["weir_filter"] = source.freshnessThreshold.filter.map(Value.string) ?? Value.none
            call = "{% do weir_returned(collect_freshness(this, weir_loaded_at_field, weir_filter)) %}"
        } else {
            throw Diagnostic(
                code: "W1902",
                message: "could not compute freshness for source \(source.name): no 'loaded_at_field' provided and "
                    + "\(dialect.adapterType) adapter does not support metadata-based freshness checks",
                help: "give the source table a loaded_at_field (or a loaded_at_query) in \(source.originalFilePath)")
        }
        _ = try render(call, name: "source freshness", context, shared)
        return returned
    }

    private func render(_ text: String, name: String, _ context: [String: Value], _ shared: SharedGlobals) throws -> String {
        do {
            return try jinja.parse(text, name: name).render(context, shared: shared)
        } catch let error as TemplateError {
            var diagnostic = error.diagnostic
            diagnostic.notes.removeAll { $0.file?.name == "source freshness" }
            throw diagnostic
        }
    }

    /// The table of a statement's `load_result(...)`, or of a `run_query(...)`.
    static func table(in value: Value) -> QueryTable? {
        if case .dict(let result) = value, case .object(let table as QueryTableValue)? = result[string: "table"] { return table.table }
        if case .object(let table as QueryTableValue) = value { return table.table }
        return nil
    }
}

/// A warehouse that runs nothing: it keeps the statements it is given and answers each with an
/// empty table no query returns, and notes any other question.
private final class StatementRecorder: QueryRunner, @unchecked Sendable {
    static let answer = QueryTable(columnNames: ["weir_recorded_statement"], rows: [])
    private(set) var statements: [String] = []
    private(set) var askedMore = false

    /// The one statement run, when the macro returned its result untouched.
    func onlyStatement(returnedAs returned: Value) -> String? {
        guard !askedMore, statements.count == 1, let table = ProjectCompiler.table(in: returned),
            table.columnNames == Self.answer.columnNames
        else { return nil }
        return statements[0]
    }

    func run(_ sql: String, fetch: Bool) throws -> QueryTable {
        statements.append(sql)
        return Self.answer
    }

    func relationExists(database: String?, schema: String, identifier: String) throws -> String? {
        askedMore = true
        return nil
    }

    func columns(database: String?, schema: String, identifier: String) throws -> [WarehouseColumn] {
        askedMore = true
        return []
    }

    func createSchema(_ schema: String) throws { askedMore = true }

    func dropSchema(_ schema: String) throws { askedMore = true }
}

/// The two values of a freshness query's one row, as dbt's `_create_freshness_response` reads
/// them: the newest load time (none found is the year 1, "infinitely long ago") and the
/// warehouse's clock, each an aware timestamp converted to UTC or a naive one taken as UTC.
public struct FreshnessTimes: Sendable {
    public var maxLoadedAt: Date
    public var snapshottedAt: Date
    public var age: Double { snapshottedAt.timeIntervalSince(maxLoadedAt) }

    public init(_ table: QueryTable, of source: SourceDefinition, dialect: SQLDialect) throws {
        let relation = source.relationName ?? "\(source.schema).\(source.identifier)"
        guard table.rows.count == 1, table.rows[0].count == 2 else {
            throw Diagnostic(
                code: "W1903",
                message: "the freshness query of source '\(source.sourceName).\(source.name)' returned "
                    + "\(table.rows.count) row\(table.rows.count == 1 ? "" : "s") of \(table.columnNames.count) columns, not one row of two",
                help: "a project's collect_freshness must select max_loaded_at and snapshotted_at, one row")
        }
        let row = table.rows[0]
        maxLoadedAt = try row[0] == .null ? FreshnessThreshold.neverLoaded : Self.instant(row[0], field: "max_loaded_at", relation: relation, dialect: dialect)
        guard row[1] != .null else {
            throw Diagnostic(
                code: "W1904",
                message: "expected a non-null value when querying field 'snapshotted_at' of table \(relation) but received value 'null' instead",
                help: "a project's collect_freshness must select the warehouse's current_timestamp() as snapshotted_at")
        }
        snapshottedAt = try Self.instant(row[1], field: "snapshotted_at", relation: relation, dialect: dialect)
    }

    /// A time as sources.json holds it (`2024-06-10T15:39:22.5+00:00`); nil for other text.
    public static func instant(written text: String) -> Date? {
        PythonModules.postgresDatetime(text).flatMap(PythonModules.utcMicroseconds(of:)).map {
            Date(timeIntervalSince1970: Double($0) / 1_000_000)
        }
    }

    /// A timestamp cell as an instant. SQLite has no timestamp type: there, text in ISO form
    /// (`2024-06-10 15:39:22`, with `T`, a fraction or an offset; a date alone is its midnight)
    /// counts as one, read as UTC unless it has an offset.
    static func instant(_ cell: QueryCell, field: String, relation: String, dialect: SQLDialect) throws -> Date {
        let value: Value
        switch cell {
        case .string(let text) where dialect == .sqlite:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            value = PythonModules.postgresDatetime(trimmed.count == 10 ? trimmed + " 00:00:00" : trimmed) ?? .string(text)
        default:
            value = QueryTableValue.value(cell)
        }
        guard let microseconds = PythonModules.utcMicroseconds(of: value) else {
            // Python's name of the type, as dbt's error gives it (`str`, `date`, `int`).
            let type = value.typeName.split(separator: ".").last.map(String.init) ?? value.typeName
            throw Diagnostic(
                code: "W1905",
                message: "expected a timestamp value when querying field '\(field)' of table \(relation) but received value of type '\(type)' instead",
                help: dialect == .sqlite
                    ? "make the loaded_at_field ISO timestamp text ('2024-06-10 15:39:22')"
                    : "make the loaded_at_field (or the loaded_at_query) a timestamp, e.g. cast(... as timestamp)")
        }
        return Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}
