import Foundation
import SQLDialect
import Warehouse

/// Prints an `ExecutionPlan` as one ordered SQL script (`target/plan.sql`). On PostgreSQL it runs
/// as is with `psql -v ON_ERROR_STOP=1 -f`: seeds become `COPY ... FROM STDIN` blocks with their
/// CSV data inline. On SQLite seeds become multi-row inserts of literals (the `sqlite3` shell
/// has no COPY), and new schemas become `attach` statements.
public struct PlanScript {
    public var plan: ExecutionPlan
    /// A comment block at the top (target, selection, warehouse state the plan assumes).
    public var header: [String]
    /// SQLite only: the database file a new schema is attached from.
    public var attachPath: (String) -> String?

    public init(plan: ExecutionPlan, header: [String] = [], attachPath: @escaping (String) -> String? = { _ in nil }) {
        self.plan = plan
        self.header = header
        self.attachPath = attachPath
    }

    var dialect: SQLDialect { plan.dialect }

    /// Throws when a seed's rows cannot be produced (a value dbt cannot load).
    public func render() throws -> String {
        var out = header.map { "-- \($0)\n" }.joined()
        if !plan.schemas.isEmpty {
            out += "\n-- Schemas\n"
            for schema in plan.schemas {
                if dialect.relationsIncludeDatabase {
                    out += dialect.createSchema(schema.schema) + ";\n"
                } else if let path = attachPath(schema.schema) {
                    out += "attach database \(dialect.literal(path)) as \(dialect.quote(schema.schema));\n"
                }
            }
        }
        for (title, nodes) in [("on-run-start", plan.onRunStart), ("", plan.nodes), ("on-run-end", plan.onRunEnd)] {
            for node in nodes where !node.steps.isEmpty || !node.batches.isEmpty {
                out += "\n-- " + String(repeating: "=", count: 76) + "\n"
                out += "-- \(node.uniqueID)" + (title.isEmpty ? "" : " (\(title))") + "\n"
                out += "-- \(node.label)" + (node.relation.map { " \($0)" } ?? "") + "\n"
                out += "-- " + String(repeating: "=", count: 76) + "\n"
                for step in node.steps { out += try render(step) }
                for batch in node.batches {
                    out += "-- batch \(batch.window)\n"
                    for step in batch.steps { out += try render(step) }
                }
                for step in node.afterBatches { out += try render(step) }
            }
        }
        return out
    }

    func render(_ step: PlanStep) throws -> String {
        switch step {
        case .statement(let sql, _): return terminated(sql)
        case .begin: return dialect.beginStatement + ";\n"
        case .commit: return "commit;\n"
        case .test(let sql): return "-- the test's result: failures, should_warn, should_error\n" + terminated(sql)
        case .unitTest(let sql): return "-- the unit test's actual and expected rows\n" + terminated(sql)
        case .load(let load): return try dialect.relationsIncludeDatabase ? copyBlock(load) : inserts(load)
        case .deferred(let statements): return try statements.render().map(terminated).joined()
        case .columnComments(let comments):
            return "-- run for those of its columns the relation has\n" + comments.comments.map { terminated($0.statement) }.joined()
        case .report(let message, _): return "-- nothing to run: \(message)\n"
        case .materialization(let call): return "-- built by the project's materialization '\(call.name)' when run\n"
        }
    }

    /// A statement ends with `;` on a line of its own when it ends in a comment, so the comment
    /// cannot swallow the terminator.
    func terminated(_ sql: String) -> String {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        let lastLine = trimmed.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        if trimmed.hasSuffix(";") { return trimmed + "\n" }
        return trimmed + (lastLine.contains("--") ? "\n;\n" : ";\n")
    }

    func copyBlock(_ load: SeedLoad) throws -> String {
        var out = "copy \(dialect.render(load.relation)) (\(load.columns.map(dialect.quote).joined(separator: ", "))) from stdin with (format csv);\n"
        try load.rows.forEachRow { out += CSVEncoding.line($0) }
        return out + "\\.\n"
    }

    /// Multi-row inserts of 500 rows each.
    func inserts(_ load: SeedLoad) throws -> String {
        var out = ""
        let insert = "insert into \(dialect.render(load.relation)) (\(load.columns.map(dialect.quote).joined(separator: ", "))) values\n"
        var inChunk = 0
        try load.rows.forEachRow { row in
            out += inChunk == 0 ? insert : ",\n"
            out += "(" + row.map(literal).joined(separator: ", ") + ")"
            inChunk += 1
            if inChunk == 500 {
                out += ";\n"
                inChunk = 0
            }
        }
        return inChunk > 0 ? out + ";\n" : out
    }

    func literal(_ value: WarehouseValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let number): return String(number)
        case .real(let number): return number.isFinite ? String(number) : dialect.literal(String(number))
        case .text(let text): return dialect.literal(text)
        case .boolean(let flag): return dialect.relationsIncludeDatabase ? (flag ? "true" : "false") : (flag ? "1" : "0")
        }
    }
}

/// PostgreSQL's CSV COPY format as Weir sends it: NULL is an unquoted empty field, every other
/// value is quoted (so an empty string stays an empty string).
public enum CSVEncoding {
    public static func line(_ row: [WarehouseValue]) -> String {
        row.map { value -> String in
            guard let text = value.text else { return "" }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\n"
    }
}
