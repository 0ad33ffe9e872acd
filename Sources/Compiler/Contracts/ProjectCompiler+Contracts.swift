import Diagnostics
import Jinja
import ProjectModel

/// Model contracts while parsing, as dbt's `ModelPatchParser.patch_constraints` and
/// `ModelConfig` check them: constraint types, primary keys, what an enforced contract
/// requires, foreign keys' `to` as dependencies, and the contract's checksum.
extension ProjectCompiler {
    /// Checks a node's constraints and contract once its config is resolved; adds the refs and
    /// sources its foreign keys name and records the contract checksum. Returns its warnings.
    func checkContract(_ node: inout ManifestNode) throws -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let properties = propertyEntries[node.uniqueID]
        for column in node.columns {
            for (index, raw) in column.constraints.enumerated() where Constraint(raw) == nil {
                let span = properties?.column(column.name)?["constraints"]?.items?[safe: index]?.span
                throw ContractDiagnostics.invalidColumnConstraint(
                    column: column.name, file: properties?.file, span: span)
            }
        }
        guard node.resourceType == .model else { return warnings }
        let enforced = node.contractEnforced
        if enforced, node.materialized == "incremental" {
            let mode = node.config["on_schema_change"]?.stringValue ?? "ignore"
            if mode != "append_new_columns", mode != "fail" {
                throw ContractDiagnostics.onSchemaChange(mode, node: node, file: sourceFile(of: node))
            }
        }
        if enforced, node.isEphemeral {
            warnings.append(ContractDiagnostics.ephemeral(node, file: sourceFile(of: node)))
        }
        // dbt checks the rest when it applies a model's properties, so a model without any has none.
        guard let properties else { return warnings }
        if enforced {
            for (index, raw) in node.constraints.enumerated() where Constraint(raw) == nil {
                throw ContractDiagnostics.invalidModelConstraint(
                    node, file: properties.file,
                    span: properties.entry["constraints"]?.items?[safe: index]?.span)
            }
            let allConstraints = node.columns.flatMap(\.columnConstraints) + node.modelConstraints
            if allConstraints.contains(where: \.warnUnsupported), !node.materializationEnforcesConstraints {
                warnings.append(
                    ContractDiagnostics.unsupportedMaterialization(
                        node.materialized, file: properties.file, span: properties.entry["name"]?.span))
            }
            if node.columns.isEmpty {
                throw ContractDiagnostics.noColumns(
                    node, file: properties.file, span: properties.entry["name"]?.span)
            }
        }
        try checkPrimaryKeys(node, properties)
        try addForeignKeyDependencies(&node, properties)
        node.contractChecksum = ContractChecksum.of(node)
        return warnings
    }

    /// dbt's `_validate_pk_constraints`: one primary key column at most, declared either on the
    /// columns or on the model.
    private func checkPrimaryKeys(_ node: ManifestNode, _ properties: PropertyEntry) throws {
        let keyColumns = node.columns.filter { $0.columnConstraints.contains { $0.kind == .primaryKey } }.map { $0.name }
        var problems: [String] = []
        if keyColumns.count > 1 {
            let list = "[" + keyColumns.map(pyStringRepr).joined(separator: ", ") + "]"
            problems.append(
                "Found \(keyColumns.count) columns (\(list)) with primary key constraints defined. Primary keys for multiple columns must be defined as a model level constraint."
            )
        }
        if !keyColumns.isEmpty, node.modelConstraints.contains(where: { $0.kind == .primaryKey }) {
            problems.append(
                "Primary key constraints defined at the model level and the columns level. Primary keys can be defined at the model level or the column level, not both."
            )
        }
        guard !problems.isEmpty else { return }
        throw ContractDiagnostics.primaryKeys(
            node, problems: problems, file: properties.file,
            span: properties.column(keyColumns.last ?? "")?.span)
    }

    /// dbt's `_process_constraints_refs_and_sources`: a foreign key's `to: ref('customers')`
    /// makes the model depend on what it names.
    private func addForeignKeyDependencies(_ node: inout ManifestNode, _ properties: PropertyEntry) throws {
        for target in node.foreignKeyReferences {
            let state = try foreignKeyParse(target, node: node, properties: properties)
            if let ref = state.refs.first {
                node.refs.append(ref)
            } else if let source = state.sources.first {
                node.sources.append(source)
            }
        }
    }

    /// Renders `{{ <to> }}` as parsing renders a model, recording the one `ref` or `source` it calls.
    private func foreignKeyParse(_ target: String, node: ManifestNode, properties: PropertyEntry?) throws
        -> NodeRenderState
    {
        let state = NodeRenderState(node: node, phase: .parse)
        let (context, shared) = self.context(for: state)
        do {
            let template = try jinja.parse(
                "{{ \(target) }}", name: properties?.file.name ?? node.originalFilePath)
            _ = try template.render(context, shared: shared)
        } catch is TemplateError {
            state.refs = []
            state.sources = []
        }
        guard !state.refs.isEmpty || !state.sources.isEmpty else {
            throw ContractDiagnostics.foreignKeyTarget(
                target, node: node, file: properties?.file, span: properties?.entry["name"]?.span)
        }
        return state
    }

    /// The relation each foreign key's `to` names, for the DDL (dbt compiles them with the node).
    /// SQLite's `references` takes a table name without its schema.
    func foreignKeyTargets(of node: ManifestNode) throws -> [String: String] {
        var targets: [String: String] = [:]
        for target in node.foreignKeyReferences {
            let state = try foreignKeyParse(target, node: node, properties: propertyEntries[node.uniqueID])
            let relation: RelationValue
            do {
                if let ref = state.refs.first {
                    relation = self.relation(for: try resolveRef(ref, from: node))
                } else if let source = state.sources.first {
                    relation = self.relation(for: try resolveSource(source, from: node))
                } else {
                    continue
                }
            } catch let failure as RuntimeFailure {
                throw Diagnostic(code: "W0701", message: failure.message, file: sourceFile(of: node))
            }
            targets[target] =
                dialect.relationsIncludeDatabase
                ? relation.rendered : dialect.quote(relation.identifier ?? "")
        }
        return targets
    }
}

/// A model's entry in a properties file, kept for diagnostics that point into it.
struct PropertyEntry {
    let file: SourceFile
    let entry: YAMLNode

    func column(_ name: String) -> YAMLNode? {
        entry["columns"]?.items?.first { $0["name"]?.scalar.map { $0.jinjaValue.pyStr } == name }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
