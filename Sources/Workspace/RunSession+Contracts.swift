import Diagnostics
import Foundation
import Planning
import ProjectModel
import Warehouse

extension RunSession {
    /// For a model with an enforced contract, what the planner compares: the columns the query
    /// returns and, where the warehouse names types that way, the contract's declared columns.
    /// Both are described (prepared, never run), as dbt's `get_column_schema_from_query` does.
    func describeContract(
        _ node: ManifestNode, sql: String, into facts: inout RelationFacts,
        on connection: (any WarehouseConnection)?
    ) throws {
        guard let connection, node.resourceType == .model, node.contractEnforced, !node.isEphemeral else {
            return
        }
        if facts.queryColumns == nil { facts.queryColumns = try connection.describe(query: sql) }
        guard let query = planner.contractQuery(for: node) else { return }
        do {
            facts.contractColumns = try connection.describe(query: query)
        } catch let error as WarehouseError {
            throw Diagnostic(
                code: "W1817",
                message:
                    "the contract of model '\(node.name)' declares a type the warehouse does not know: \(error.message)",
                file: SourceFile(name: node.originalFilePath, text: ""),
                help:
                    "check each column's data_type in the model's properties (the query was: \(query.replacingOccurrences(of: "\n", with: " ")))"
            )
        }
    }
}
