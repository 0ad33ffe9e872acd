import ProjectModel
import SQLDialect

extension Planner {
    /// A microbatch model: each batch's rows go into a temporary table, then, in one transaction,
    /// the target's rows of the batch's event-time range are deleted and the new ones inserted,
    /// so a batch is replaced atomically and a failed batch leaves the target as it was. On a
    /// first run or a full refresh the first batch builds the table, as a table model would.
    func planMicrobatch(_ input: NodeInput, facts: RelationFacts) throws -> NodePlan {
        let node = input.node
        let microbatch = try Microbatch(node: node)
        let target = Self.relation(of: node)
        let incremental = buildsIncrementally(node, existing: facts.existing)
        let newRows = dialect.suffixed(target, Self.temporarySuffix).identifier
        let header = node.config["sql_header"]?.stringValue
        var columns = facts.queryColumns?.map(\.name) ?? []
        var schemaChanges: [String] = []
        if incremental {
            let change = try SchemaChange(node: node, target: target, facts: facts, dialect: dialect)
            schemaChanges = change.statements
            columns = change.destinationColumns
        }
        var batches: [BatchPlan] = []
        for (index, batch) in input.batches.enumerated() {
            var batchInput = input
            batchInput.compiledSQL = batch.compiledSQL
            if index == 0 && !incremental {
                let table = try buildTable(batchInput, facts: facts)
                batches.append(BatchPlan(window: batch.window, steps: table.steps, cleanup: table.cleanup))
                continue
            }
            let create =
                try input.overrides.createTableAs?(RelationName(database: nil, schema: "", identifier: newRows), true, batch.compiledSQL)
                ?? dialect.createTemporaryTableAs(newRows, sql: batch.compiledSQL, header: header)
            var steps: [PlanStep] = [.statement(dialect.dropTemporaryTable(newRows)), .statement(create)]
            if index == 0 { steps += schemaChanges.map { .statement($0) } }
            steps += [
                .begin,
                .statement(dialect.deleteRange(in: target, column: microbatch.eventTime, from: batch.window.start, to: batch.window.end)),
                .statement(dialect.appendRows(into: target, from: dialect.quote(newRows), columns: columns), main: true),
                .commit,
                .statement(dialect.dropTemporaryTable(newRows)),
            ]
            batches.append(BatchPlan(window: batch.window, steps: steps, cleanup: [.statement(dialect.dropTemporaryTable(newRows))]))
        }
        var plan = NodePlan(
            uniqueID: node.uniqueID, label: "sql microbatch model", relation: target,
            steps: dropLeftovers(target, facts) + beforeBuild(input))
        plan.batches = batches
        plan.afterBatches = afterBuild(input, target: target, kind: .table)
        plan.concurrentBatches = microbatch.concurrentBatches
        return plan
    }
}
