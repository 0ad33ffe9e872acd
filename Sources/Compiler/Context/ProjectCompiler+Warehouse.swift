import Jinja
import ProjectModel

/// The context's warehouse calls while running (`execute = true` with a `queryRunner`):
/// `run_query`, `{% call statement(...) %}` with `load_result`, `adapter.get_relation` and
/// `adapter.get_columns_in_relation`. Offline they answer as dbt's parse does: nothing.
extension ProjectCompiler {
    func runQueryFunction(_ state: NodeRenderState) -> Value {
        .function("run_query") { arguments, _ in
            guard state.phase == .compile, let runner = self.queryRunner else { return .none }
            let sql = (arguments.positional.first ?? .none).pyStr
            return .object(QueryTableValue(try self.runQuery(sql, runner)))
        }
    }

    /// `{% call statement('name', fetch_result=True) %} sql {% endcall %}`: runs the block's
    /// SQL and keeps the result for `load_result('name')`.
    func statementFunction(_ state: NodeRenderState) -> Value {
        .function("statement") { arguments, context in
            let bound = try arguments.bind(
                ["name", "fetch_result", "auto_begin", "language", "caller"],
                defaults: ["name": .none, "fetch_result": .bool(false), "auto_begin": .bool(true), "language": .string("sql"), "caller": .none],
                function: "statement")
            guard state.phase == .compile, let runner = self.queryRunner, !bound["caller"].isNone else { return .string("") }
            let sql = try context.call(bound["caller"], Arguments([])).pyStr
            let table = try self.runQuery(sql, runner, autoBegin: bound["auto_begin"].isTruthy)
            if let name = bound["name"].stringValue {
                let response = Value.dict([
                    ("_message", .string(table.status)), ("code", .string(table.statusCode)),
                    ("rows_affected", .int(table.rowsAffected ?? table.rows.count)),
                ])
                let fetched = bound["fetch_result"].isTruthy
                state.statementResults[name] = .dict([
                    ("response", response),
                    ("data", fetched ? .list(table.rows.map { row in .tuple(row.map(QueryTableValue.value)) }) : .list([])),
                    ("table", fetched ? .object(QueryTableValue(table)) : .none),
                ])
            }
            return .string("")
        }
    }

    func runQuery(_ sql: String, _ runner: any QueryRunner, autoBegin: Bool = false) throws -> QueryTable {
        do {
            return try runner.run(sql, fetch: true, autoBegin: autoBegin)
        } catch {
            throw RuntimeFailure.raised("Database Error\n  \(error)")
        }
    }
}
